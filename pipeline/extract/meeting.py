"""The meeting a report tells of: whether there is one, its type, date, venue, place and region.

A report describes a meeting when a body sentence says an event happened (an
event word and a verb of meeting), or the title names an event and a body
sentence has such a verb.  The type is the one whose cue word comes first
(title, then opening sentences, then the body); the date is the first date of an
event sentence, else a weekday counted back from the report's date, else the
report's date.  The place is voted on from "in X" phrases, the venue, the title
and the towns named.  Cue words live in ``pipeline/data/lexicon/``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from ..clauses import is_hypothetical, main_clause, outside_quotes
from ..gazetteer import Gazetteer
from ..ingest import find_dates, weekday_before
from ..link import LinkedReport, Linker
from ..records import PARTICIPANT_ROLES, Actor, Meeting, Sentence
from ..text import clean_space
from .lexicon import (
    ANNOUNCED,
    EVENT_VERB,
    MEETING_TYPES,
    MUNICIPAL_OFFICES,
    OTHER_EVENT,
    OTHER_EVENT_WORD,
    PASSIVE,
    POLICE_OFFICES,
    PUBLICATION_WORDS,
    VAGUE_PAST,
    ROOM_WORD,
    ROUTINE,
    TYPE_CUE,
    TYPE_FALLBACKS,
    TYPE_REFINEMENTS,
    WEAK_TYPE_CUE,
    WEAK_TYPE_CUES,
    VENUE_WORD,
)


class MeetingFinder:
    """Finds the meeting of a linked report (see the module docstring)."""

    def __init__(self, gaz: Gazetteer, linker: Linker):
        self.gaz = gaz
        self.linker = linker

    def find(self, linked: LinkedReport, doc: Doc, actors: dict[str, Actor]) -> Meeting | None:
        """The event the report tells of, or None when no sentence says one took place."""
        report = linked.report
        body_sents = [s for s in linked.sentences if s.section == "body"]
        title = report.title
        body = " ".join(s.text for s in body_sents)
        mtype = _meeting_type(title, body_sents)
        # an event needs a sentence that tells it happened: a meeting word and a verb of meeting, in the
        # body, or in the title ("Neuer Rat für mehr Sicherheit gegründet"), or a title that names the event's
        # type ("Rückblick Informationstag Sicherheit") with a body sentence that has a verb of meeting
        default_year = int(report.date[:4]) if report.date else None
        title_type = _meeting_type(title, []) is not None
        title_keyword = title_type or bool(re.search(OTHER_EVENT + r"|vereinbarung", title.lower()))
        factual_title = bool(title) and not is_hypothetical(title)
        body_verb = any(EVENT_VERB.search(s.text) and not is_hypothetical(s.text) and not ROUTINE.search(s.text) for s in body_sents)
        event_sents = [s for s in body_sents if _is_event_sentence(s.text, year=default_year)]
        # "Auftakt der Tour wird am 29. Mai 2020 auf dem Marktplatz in Rochlitz sein", in a report of
        # 29 May 2020: an event of the report's own day, told without a verb of meeting
        same_day = [s for s in body_sents if report.date and _names_event_on(s.text, report.date, default_year)]
        event_sents = event_sents or same_day
        if not (
            same_day or
            any(_is_event_sentence(s.text, strict=True) for s in body_sents)
            or (title_keyword and body_verb)
            or (factual_title and EVENT_VERB.search(title))
            or (factual_title and title_type and body_sents)
            # "Am 18. Januar wurde Seifhennersdorf beraten": a dated verb of meeting at the top of the report
            or any(s in event_sents and find_dates(s.text, default_year) for s in body_sents[:3])
        ):
            # "Darauf haben sich der Leiter der Polizeidirektion … und die Oberbürgermeisterin … geeinigt"
            event_sents = [s for s in body_sents if self._police_meets_town(linked, s, actors)]
            if not event_sents:
                return None
        cue_sents = event_sents or body_sents
        mtype = _refined(mtype or "other", title, cue_sents, body)
        if mtype == "other":  # no type's word: who meets decides
            mtype = _fallback_type(title, cue_sents, actors)
        date, date_basis = None, "none"
        # the first date of the sentences telling of the event, a weekday counted back from the report's date
        # among them ("am vergangenen Samstag"); one on or before the report's date first (a report of what
        # happened that also names what comes next: "… am 15. August folgt die nächste Station")
        candidates = []
        for s in cue_sents:
            candidates += [(iso, "body") for _, iso in _event_dates(s.text, default_year)]
            weekday = weekday_before(s.text, report.date) if report.date else None
            if weekday:
                candidates.append((weekday, "weekday"))
        past = [c for c in candidates if report.date and c[0] <= report.date]
        if candidates:
            date, date_basis = (past or candidates)[0]
        if date is None:
            # the first date the report's own words give, in the order of its sentences: a weekday counts
            # there as much as a calendar date ("ging es am Donnerstag auf dem Altmarkt" before "nächster Stopp
            # am 15.8."), and a date inside a quotation is the speaker's ("«Am 3. Oktober werden wir prüfen»")
            for s in body_sents:
                own = outside_quotes(s.text)
                found = _event_dates(own, default_year)
                weekday = weekday_before(own, report.date) if report.date and not found else None
                if found or weekday:
                    date, date_basis = (found[0][1], "body") if found else (weekday, "weekday")
                    break
        # the report's own date, unless the event sentence puts the event on an earlier, unnamed day
        # ("In der vergangenen Woche trafen sich …"): then the text gives no date
        if date is None and report.date and not (
            cue_sents is not body_sents and any(VAGUE_PAST.search(s.text) for s in cue_sents)
        ):
            date, date_basis = report.date, report.date_basis
        venue, venue_sentence = self._venue(linked, doc, cue_sents)
        ags, municipality, district, confidence = self._meeting_place(linked, doc, cue_sents, venue, actors)
        region, programme_region = self._region(linked, actors, district, cue_sents)
        topics = _topics(title + "\n" + body)
        evidence = cue_sents[0].sentence_id if cue_sents else ""
        for actor in actors.values():
            if actor.kind not in ("venue",) and venue and actor.name and actor.name in venue and not actor.ags:
                actor.kind = "venue"
        # still to come: the date lies after the report's, or the event sentence speaks of the future
        announced = bool(date and report.date and date > report.date) or bool(
            cue_sents and cue_sents is not body_sents and ANNOUNCED.search(PASSIVE.sub(" ", cue_sents[0].text))
        )
        return Meeting(
            meeting_id=f"{report.report_id}:m1",
            status="announced" if announced else "held",
            report_id=report.report_id,
            date=date,
            type=mtype,
            title=title,
            venue=venue,
            ags=ags,
            municipality=municipality,
            district=district,
            region=region,
            programme_region=programme_region,
            topics="; ".join(topics),
            date_basis=date_basis,
            confidence=confidence,
            evidence=evidence,
        )

    @staticmethod
    def _police_meets_town(linked: LinkedReport, sentence: Sentence, actors: dict[str, Actor]) -> bool:
        """A sentence with a verb of meeting that names the police side and the town side, as units or by their
        officers: an exchange between the two, whatever the event is called."""
        text = sentence.text
        if not EVENT_VERB.search(text) or is_hypothetical(text) or ROUTINE.search(text):
            return False
        sides: set[str] = set()
        for m in linked.mentions:
            actor = actors.get(m.actor_id) if m.sentence_id == sentence.sentence_id else None
            if actor is None:
                continue
            org = actors.get(actor.affiliation) if actor.affiliation else None
            kinds = {actor.kind, org.kind if org else ""}
            if "police" in kinds or _police_officer(actor):
                sides.add("police")
            if "municipality_admin" in kinds or (actor.kind == "person" and actor.role and MUNICIPAL_OFFICES.search(actor.role)):
                sides.add("municipal")
        return sides == {"police", "municipal"}

    def _venue(self, linked: LinkedReport, doc: Doc, cue_sents: list[Sentence]) -> tuple[str, str]:
        candidates: list[tuple[int, str, str]] = []
        for rank, sents in enumerate((cue_sents, [s for s in linked.sentences if s.section in ("body", "caption", "title")])):
            for s in sents:
                span = doc.char_span(s.start, s.end, alignment_mode="expand")
                if span is None:
                    continue
                for i, tok in enumerate(span):
                    if tok.lower_ not in {"im", "in", "ins", "beim", "auf", "am"}:
                        continue
                    if tok.ent_type_ or (i > 0 and span[i - 1].ent_type_ == "ORG" and tok.lower_ == "am"):
                        continue  # inside a name: "Oberschule am Stadtpark" is a school, not where the event is
                    phrase = _venue_phrase(span, i + 1)
                    if phrase:
                        candidates.append((rank, phrase, s.sentence_id))
            if candidates:
                break
        if not candidates:
            for s in cue_sents:
                for m in linked.mentions:
                    if m.sentence_id != s.sentence_id or m.label not in ("ORG", "LOC"):
                        continue
                    before = linked.report.text[max(0, m.start - 12) : m.start].lower()
                    if re.search(r"\b(im|in der|in den|ins|auf dem|auf der|beim)\s+$", before) and not self.gaz.place_candidates(m.text):
                        actor = linked.actors.get(m.actor_id)
                        if actor is None or actor.kind in ("venue", "other", "school", "business", "ngo_institute", "association"):
                            return m.text, s.sentence_id
            return "", ""
        _, phrase, sid = candidates[0]
        return phrase, sid

    def _meeting_place(self, linked, doc, cue_sents, venue, actors) -> tuple[str, str, str, float]:
        votes: list[tuple[str, float]] = []
        verb_sents = [s for s in linked.sentences if s.section == "body" and s not in cue_sents and EVENT_VERB.search(s.text)]
        for s in [s for s in cue_sents + verb_sents if not is_hypothetical(main_clause(s.text, 0))]:
            for m in re.finditer(r"\b(?:in|nach)\s+(?:der\s+Stadt\s+|der\s+Gemeinde\s+)?([A-ZÄÖÜ][\w\-/.äöüß]+(?:\s(?:im|an der|am|in)\s[A-ZÄÖÜ][\w.]+)?)", s.text):
                name = m.group(1)
                keys = [k for k in self.gaz.place_candidates(name) or self.gaz.place_candidates(name.rstrip(".")) if k.startswith("ags:")]
                weight = 1.0 if s in cue_sents else 0.8
                if len(keys) == 1:
                    votes.append((keys[0], weight))
                elif len(keys) > 1:
                    span = doc.char_span(s.start + m.start(1), s.start + m.end(1), alignment_mode="expand")
                    chosen = self.linker._disambiguate(set(keys), span, self.linker._place_context(doc)) if span is not None else None
                    if chosen:
                        votes.append((chosen, weight * 0.7))
        # the place line of a news report: "Marienberg.", "Schwarzenberg:", "Chemnitz - Der neue …", "Torgau (Sachsen) –"
        for sent in [x for x in linked.sentences if x.section == "body"][:3]:
            line = _PLACE_LINE.match(sent.text)
            keys = [k for k in self.gaz.place_candidates(line.group(1)) if k.startswith("ags:")] if line else []
            if len(keys) == 1:
                votes.append((keys[0], 0.85))
                break
        if venue:
            for words in _capitalised_phrases(venue):
                keys = [k for k in self.gaz.place_candidates(words) if k.startswith("ags:")]
                keys += [k for k in self.gaz.adjective_candidates(words) if k.startswith("ags:")]
                if len(set(keys)) == 1:
                    votes.append((keys[0], 0.9))
        if not votes:  # "Zittauer Präventionsrat wieder in Präsenz": the town the title names
            title = linked.report.title
            title_keys = [
                m.actor_id for m in linked.mentions
                if m.start < len(title) + linked.report.text.find(title) and m.actor_id.startswith(("mun:", "admin:"))
            ]
            title_keys += [  # "Zittauer Präventionsrat", "Döbelns Präventionsrat"
                k.replace("ags:", "mun:") for w in _capitalised_phrases(title)
                for k in self.gaz.adjective_candidates(w) | (self.gaz.place_candidates(w) if w.endswith("s") else set())
                if k.startswith("ags:")
            ]
            if len({k.split(":")[1] for k in title_keys}) == 1:
                votes.append((f"ags:{title_keys[0].split(':')[1]}", 0.8))
        if not votes:
            muns = sorted({a.ags for a in actors.values() if a.kind in ("municipality", "municipality_admin") and a.ags})
            if len(muns) == 1:
                votes.append((f"ags:{muns[0]}", 0.6))
        if not votes:  # "© Stadt Grimma": a town's own photo of its own event
            credited = sorted({a.ags for m in linked.mentions if m.section == "credit"
                               for a in [actors.get(m.actor_id)] if a is not None and a.kind == "municipality_admin" and a.ags})
            if len(credited) == 1:
                votes.append((f"ags:{credited[0]}", 0.5))
        if not votes:
            return "", "", "", 0.5
        key, confidence = max(votes, key=lambda v: v[1])  # the first of the strongest
        m = self.gaz.municipalities[key[4:]]
        return m.ags, m.name, m.district, confidence

    def place_from_participants(self, meeting: Meeting, participation, actors: dict[str, Actor]) -> None:
        """A meeting whose text names no place took place in the one town that takes part in it
        ("Stolpen tritt der Allianz bei": the signing is Stolpen's), if there is exactly one."""
        if meeting.ags:
            return
        towns = sorted({
            actors[p.actor_id].ags for p in participation
            if p.role in PARTICIPANT_ROLES and p.actor_id in actors
            and actors[p.actor_id].kind in ("municipality", "municipality_admin") and actors[p.actor_id].ags in self.gaz.municipalities
        })
        if len(towns) != 1:
            return
        m = self.gaz.municipalities[towns[0]]
        meeting.ags, meeting.municipality, meeting.district = m.ags, m.name, m.district
        meeting.region = meeting.region or m.district
        meeting.confidence = min(meeting.confidence, 0.5)

    def _region(self, linked: LinkedReport, actors: dict[str, Actor], district: str, cue_sents: list[Sentence]) -> tuple[str, str]:
        """(district, programme region): the meeting place's district, else the one district the report
        names; apart, the programme's region ("Westsachsen") where the title or a sentence telling of the
        event names it (a person "aus dem Vogtland" does not make it the meeting's)."""
        where = {s.sentence_id for s in cue_sents} | {s.sentence_id for s in linked.sentences if s.section == "title"}
        named = [
            m for m in sorted(linked.mentions, key=lambda m: m.start)
            if m.sentence_id in where and m.actor_id.startswith("region:") and actors.get(m.actor_id) is not None
        ]
        programme_region = actors[named[0].actor_id].name if named else ""
        if not district:
            districts = {a.name for a in actors.values() if a.kind == "district"}
            district = districts.pop() if len(districts) == 1 else ""
        return district, programme_region


# ---------------------------------------------------------------- helpers
def _capitalised_phrases(text: str) -> list[str]:
    """Capitalised words and pairs of them, where a town or its adjective may be: "Bad Schandauer Rathaus"."""
    words = re.findall(r"[A-ZÄÖÜ][\w\-/.äöüß]+", text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


#: A place line at the head of a report: the town, maybe "(Sachsen)" or "/ Nachbarort", then a colon, a
#: dash or the end of the line.
_PLACE_LINE = re.compile(
    r"^\s*([A-ZÄÖÜ][\w\-.äöüß]+(?:\s[A-ZÄÖÜ][\w\-.äöüß]+)?)\s*(?:\([^)]{1,20}\))?\s*(?:/\s*[A-ZÄÖÜ][\w\-äöüß]+\s*)?"
    r"(?::\W*$|:\s|[-–—]\s|\.\s*$)"
)


def _meeting_type(title: str, body_sents: list[Sentence]) -> str | None:
    """The type whose word comes first: the title, then the opening sentences, then the whole body.

    In each part a strong cue wins over a weak one (``weak_cues`` in meeting_types.json). A weak cue
    (a council's name) counts only in a sentence of fact: "So soll ein Kommunaler Präventionsrat
    eingerichtet werden" names a council still to come, not the one whose session it is."""
    parts = (
        ([title] if title else []),
        [s.text for s in body_sents[:2]],
        [s.text for s in body_sents],
    )
    for texts in parts:
        if not texts:
            continue
        low = " ".join(texts).lower()
        factual = " ".join(t for t in texts if not is_hypothetical(t)).lower()
        # a plan yields to what happened: "Zudem will die Polizei eine Sicherheitspartnerschaft schließen"
        # names no type of the "Gipfel" the next sentence tells of; a report of a plan alone keeps the plan's type
        if texts is not parts[0] and TYPE_CUE.search(" ".join(t for t in texts if _is_event_sentence(t)).lower()):
            low = factual
        for cues, where in ((MEETING_TYPES, low), (WEAK_TYPE_CUES, factual)):  # a weak cue only where no other is found
            found = [(m.start(), rank, name) for rank, (name, pattern) in enumerate(cues) for m in [re.search(pattern, where)] if m]
            if found:
                return min(found)[2]
    return None


def _event_dates(text: str, default_year: int | None) -> list[tuple[int, str]]:
    """The dates of a sentence that can be an event's: not the page's "Stand: 10.09.2019" or
    "03.12.2025, 14:30 Uhr — Erstveröffentlichung" (meeting_types.json, publication_words)."""
    return [
        (at, iso) for at, iso in find_dates(text, default_year)
        if not PUBLICATION_WORDS.search(text[max(0, at - 40) : at]) and not PUBLICATION_WORDS.search(text[at : at + 45])
    ]


def _event_text(title: str, cue_sents: list[Sentence]) -> str:
    """Where a type's refinement or fallback looks: the title and the first sentences telling of the event."""
    return " ".join([title, *(s.text for s in cue_sents[:3])])


def _police_officer(actor: Actor) -> bool:
    """A person known by a police office ("Bürgerpolizist Ringo Richter"), whatever unit they are of."""
    return actor.kind == "person" and bool(actor.role) and bool(POLICE_OFFICES.search(actor.role))


def _fallback_type(title: str, cue_sents: list[Sentence], actors: dict[str, Actor]) -> str:
    """The type of a meeting with no type's cue, from who is there (meeting_types.json, fallbacks):
    the mayor and the police chief talking is a Sicherheitsgespräch."""
    kinds = {"police" if a.kind == "police" or a.actor_id.startswith("pol:") or _police_officer(a) else
             "municipal" if a.kind in ("municipality", "municipality_admin") or a.affiliation.startswith("admin:") else ""
             for a in actors.values()}
    text = _event_text(title, cue_sents)
    for mtype, needs, pattern, unless in TYPE_FALLBACKS:
        if set(needs) <= kinds and pattern.search(text) and not (unless and unless.search(text)):
            return mtype
    return "other"


def _refined(mtype: str, title: str, cue_sents: list[Sentence], body: str) -> str:
    """A type's ``becomes`` rule (meeting_types.json): a KPR session that founds the council, a joining with a signing."""
    seen: set[str] = set()
    while mtype in TYPE_REFINEMENTS and mtype not in seen:
        seen.add(mtype)
        new, where, pattern = TYPE_REFINEMENTS[mtype]
        text = body if where == "report" else _event_text(title, cue_sents)
        if not pattern.search(title + "\n" + text):
            break
        mtype = new
    return mtype


#: "nach einem Besuch", "nach der Sitzung": the two words after it may name an event that is over.
_AFTER_AN_EVENT = re.compile(
    r"(?<!jahre )(?<!jahren )(?<!monate )(?<!monaten )(?<!wochen )(?<!tage )(?<!tagen )"
    r"\bnach (?:dem|einem|der|einer|ihrem|seinem|seiner|ihrer) ([\wäöüß\-]+(?: [\wäöüß\-]+)?)"
)


def _names_event_on(text: str, day: str, year: int | None) -> bool:
    """A sentence naming an event of a type (not a plan or count) with ``day`` as its date."""
    return (  # the date first: most sentences name none, and the type cues are one long search
        any(iso == day for _, iso in _event_dates(text, year))
        and bool(TYPE_CUE.search(text.lower()))
        and not is_hypothetical(text)
    )


@lru_cache(maxsize=8192)
def _is_event_sentence(text: str, strict: bool = False, year: int | None = None) -> bool:
    """Whether a sentence tells of an event (cached: a report's sentences are asked several times)."""
    return _tells_of_event(text, strict, year)


def _tells_of_event(text: str, strict: bool, year: int | None) -> bool:
    low = text.lower()
    if is_hypothetical(text):
        return False
    if ROUTINE.search(text):  # "die Sprechstunde findet an jedem ersten Dienstag statt"
        return False
    keyword = bool(OTHER_EVENT_WORD.search(low) or TYPE_CUE.search(low) or WEAK_TYPE_CUE.search(low))
    # "sagte der Minister am Montagabend nach einem Besuch in der Stadt": an event that is over
    # (not "zwei Jahre nach seiner Gründung": a past event, not the report's)
    after = _AFTER_AN_EVENT.search(low)
    if after and any(OTHER_EVENT_WORD.fullmatch(w) or TYPE_CUE.fullmatch(w) for w in after.group(1).split()):
        return True
    # "Feierliche Eröffnung: Bürgermeister …, Revierleiter … und …": the event, then who was there
    head = re.match(r"^((?:[\wäöüß\-]+\s+){0,2}[\wäöüß\-]+)\s*:\s+\S", low)
    if head and (OTHER_EVENT_WORD.search(head.group(1)) or TYPE_CUE.search(head.group(1))):
        return True
    return bool(EVENT_VERB.search(text)) and (keyword or (not strict and bool(find_dates(text, year))))


def _venue_phrase(span, start: int) -> str:
    """'im August-Horch-Museum in Zwickau' -> 'August-Horch-Museum'; 'im Ratssaal von Werdau' -> 'Ratssaal von Werdau'."""
    words = []
    i = start
    if i < len(span) and span[i].lower_ in {"der", "dem", "den", "das", "die"}:
        i += 1
    head_seen = False
    while i < len(span) and len(words) < 6:
        tok = span[i]
        if tok.is_punct and tok.text not in {"-", "„", "“", "\""}:
            break
        if tok.is_title or tok.is_upper or (tok.text[:1].isdigit() and words):
            words.append(tok.text)
            head_seen = head_seen or bool(VENUE_WORD.match(tok.text))
            i += 1
            continue
        if head_seen and tok.text in {"„", "»", '"'}:  # Ballhaus „Neue Welt“
            close = next((k for k in range(i + 1, min(len(span), i + 8)) if span[k].text in {"“", "«", '"'}), None)
            if close is not None:
                words.extend(t.text for t in span[i + 1 : close])
                break
        if head_seen and tok.lower_ in {"von", "der", "des"} and i + 1 < len(span) and span[i + 1].is_title:
            words.append(tok.text)
            i += 1
            continue
        if tok.lower_ == "und" and words and words[-1].endswith("-"):  # "Konzert- und Ballhaus"
            words.append(tok.text)
            i += 1
            continue
        break
    if not head_seen:
        return ""
    # "im Plenarsaal im Internationalen Congress Center": the building, not the room
    if ROOM_WORD.match(words[-1]) and i + 1 < len(span) and span[i].lower_ in {"im", "in", "des"}:
        building = _venue_phrase(span, i + 1)
        if building and not ROOM_WORD.match(building.split()[-1]):
            return building
    # "in der Alten Handelsbörse" -> "Alte Handelsbörse": an adjective before the head, not inflected
    if len(words) > 1 and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+(?:en|em)", words[0]) and not VENUE_WORD.match(words[0]):
        words[0] = re.sub(r"(?:en|em)$", "e", words[0])
    # drop trailing glue words
    while words and words[-1].lower() in {"von", "der", "des"}:
        words.pop()
    return clean_space(" ".join(words)).strip("„“\"")


def _topics(text: str) -> list[str]:
    topics = []
    for m in re.finditer(r"(?:Thema|Themen|Schwerpunkt\w*|Motto|Titel)\s*[:„»«\"']+\s*([^»«“\"]{3,160})[»«“\"]", text):
        topics.append(clean_space(m.group(1)))
    for m in re.finditer(r"Schwerpunktthemen\s+([^.]{3,120})\.", text):
        topics.extend(clean_space(t) for t in re.split(r",| und ", m.group(1)) if t.strip())
    seen: list[str] = []
    for t in topics:
        if t not in seen:
            seen.append(t)
    return seen
