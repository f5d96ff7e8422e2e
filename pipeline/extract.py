"""Linked report -> meeting, persons' roles and affiliations, participation.

All rules here are general German-language cues of event reports (verbs of
meeting and presenting, role nouns, venue nouns), not the wording of one text.
Each participation carries its basis: ``stated`` where a cue in the sentence
says so, ``inferred`` where it is concluded (a person's organisation takes
part because the person does), with a confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .gazetteer import Gazetteer
from .clauses import (
    ABSENT,
    PARTICIPATION_CUE,
    following_relative,
    is_hypothetical,
    main_clause,
    participation_cue,
)
from .ingest import find_dates, weekday_before
from .link import LinkedReport, Linker
from .nlp import RANKS
from .records import INFERRED, PARTICIPANT_ROLES, STATED, Actor, Meeting, Participation, Sentence
from .text import clean_space

# ---------------------------------------------------------------- lexicon
MEETING_TYPES = [
    ("Unterzeichnung einer Kooperationsvereinbarung",
     r"kooperationsvereinbarung|sicherheitspartnerschaft|sicherheitskooperation|partnerschaftsvereinbarung"
     r"|vereinbarung\w* (?:\w+ ){0,3}(?:unterzeichnet|unterschrieben)|(?:unterzeichne|unterschrieb)\w*(?: \w+){0,6} (?:vereinbarung|vertrag|kooperation)"),
    ("KPR-Sitzung", r"präventionsr(?:at|ates|äte)|\bkpr\b|kriminalpräventive[nr]? rat"),
    ("Vernetzungstreffen", r"vernetzungstreffen|netzwerktreffen|regionaltreffen|vernetzungsveranstaltung|austauschtreffen|koordinatorentreffen"),
    ("Präventionstag", r"präventionstag|aktionstag|sicherheitstag|präventionswoche|präventionsmesse|familientag"),
    ("Fachtagung", r"fachtag|tagung|konferenz|symposium|kongress|fachforum|fachveranstaltung"),
]  # fmt: skip
OTHER_EVENT = (
    r"workshop|begehung|rundgang|sitzung|treffen|veranstaltung|gesprächsrunde|runde[nr]? tisch|auftakt|forum|klausur|besuch"
    r"|beratung|zusammenkunft|schulung|fortbildung|sprechstunde|versammlung|podium|infoabend|diskussionsabend|austausch"
    r"|\w*gespräch\b|\brunde\b|gremium"
)
EVENT_VERB = re.compile(
    r"\b(?:zusammen|ein|hinzu|dazu)?(trafen|traf|getroffen|tagte|tagten|getagt|kamen|kam|gekommen|versammelten|versammelt|fand|finden|stattfand|stattfinden"
    r"|stattgefunden|nahmen|nahm|teilgenommen|unterzeichne\w*|unterschrieb\w*|unterschrift\w*|beigetreten|traten|besiegelt\w*"
    r"|diskutierten|diskutiert|berieten|beraten|tauschten|ausgetauscht|begrüßte\w*|begrüßt|eröffnete\w*|eröffnet|eingeladen|lud|luden"
    r"|folgten|gefolgt|besuchte\w*|veranstaltet\w*|ausgerichtet|durchgeführt|empfing|empfangen|zusammen|angeführt|geleitet|leitete"
    r"|gegründet|gründeten|konstituiert\w*)\b",
    re.I,
)
#: Generic words for a unit, and the actor ids they can stand for when the report names one such unit.
SHORT_FORMS = [
    (r"Polizeidirektion|Direktion", "pol:PD_"),
    (r"(?:Polizei)?[Rr]evier(?:s|es)?", "pol:PR_"),
    (r"Landratsamt(?:es|s)?", "lra:"),
    (r"(?:Stadt|Gemeinde)verwaltung", "admin:"),
]
#: People who act for a town.
MUNICIPAL_PEOPLE = re.compile(
    r"\b(\w*koordinator\w*|vertreter\w*|\w*verwaltung\w*|\w*bürgermeister\w*|mitarbeiter\w*|gäste?n?|delegation\w*"
    r"|\w*amtsleiter\w*|\w*ordnungs\w*|sachgebietsleiter\w*|stadt|gemeinde|kommune\w*|stadträt\w*|gemeinderät\w*"
    r"|jugendpfleger\w*|\w*beauftragte\w*|bürgerpolizist\w*|\w*kolleg\w*)\b",
    re.I,
)
ROLE_CUES = [
    ("signatory", re.compile(r"unterzeichne\w*|unterschrieb\w*|unterschrift\w*|besiegel\w*", re.I)),
    ("moderator", re.compile(r"moderi\w*|moderation|moderator\w*|führte\w* (?:\S+ ){0,5}durch|durch (?:den|die|das) \w+ führte\w*", re.I)),
    ("speaker", re.compile(
        r"stellte\w* (?:\S+ ){0,12}vor|vorgestellt|referierte\w*|referent\w*|vortrag\w*|berichtete\w*|präsentierte\w*"
        r"|informierte\w*|erläuterte\w*|impuls\w*|gab\w* (?:\S+ ){0,4}(?:einblick|überblick)|sprach\w* über|zeigte\w* (?:\w+ ){0,4}auf"
        r"|nahm\w* (?:\S+ ){0,8}mit\b", re.I)),
    ("host", re.compile(r"begrüßte\w*|eröffnete\w*|gastgeber\w*|empfing\w*|willkommen|hausherr\w*|gastfreundschaft|lud\w* (?:\S+ ){0,6}ein\b|einblick in das rathaus", re.I)),
    ("organiser", re.compile(r"organisiert\w*|organisation|veranstalter\w*|ausgerichtet|ausrichter\w*|vorbereitung|initiiert\w*|koordiniert\w*", re.I)),
]  # fmt: skip
MENTION_ONLY_CONTEXT = re.compile(
    r"(förder\w*|programm\w*|richtlinie\w*|strategie\w*|projekt\w*|website|homepage|internetseite|auftrag|mitteln|rahmen von|rahmen des|"
    r"schirmherrschaft|initiative|gesetz\w*|erlass\w*|leitfaden|broschüre|studie)\s+(?:\S+\s+){0,3}$",
    re.I,
)
#: Offices and functions written before or after a person's name.
ROLE_WORDS = (
    r"(?:ober)?bürgermeister(?:in)?|landr(?:at|ätin)|beigeordnete[r]?|koordinator(?:in)?|moderator(?:in)?|referent(?:in)?"
    r"|leiter(?:in)?|sachgebietsleiter(?:in)?|fachbereichsleiter(?:in)?|amtsleiter(?:in)?|revierleiter(?:in)?|dezernent(?:in)?"
    r"|präventionsbeauftragte[r]?|beauftragte[r]?|geschäftsführer(?:in)?|vorsitzende[r]?|direktor(?:in)?|präsident(?:in)?"
    r"|polizeipräsident(?:in)?|staatsminister(?:in)?|minister(?:in)?|staatssekretär(?:in)?|bürgerpolizist(?:in)?"
    r"|streetworker(?:in)?|sozialarbeiter(?:in)?|schulsozialarbeiter(?:in)?|projektleiter(?:in)?|mitarbeiter(?:in)?"
    r"|sprecher(?:in)?|ansprechpartner(?:in)?|stadtrat|stadträtin|gemeinderat|gemeinderätin|kreisrat|kreisrätin|ortsvorsteher(?:in)?"
    r"|pfarrer(?:in)?|schulleiter(?:in)?|rektor(?:in)?|kommissar(?:in)?|polizeihauptkommissar(?:in)?|polizeioberkommissar(?:in)?"
    r"|kontaktbereichsbeamte[r]?|dozent(?:in)?|trainer(?:in)?|berater(?:in)?|expert(?:e|in)|vertreter(?:in)?|fachkraft|chef(?:in)?"
    r"|sachbearbeiter(?:in)?|\w*kommissar(?:in)?|polizei\w*meister(?:in)?|schulpsycholog(?:e|in)|lehrer(?:in)?|erzieher(?:in)?"
    r"|amtskolleg(?:e|in)|kolleg(?:e|in)|staatsanwält(?:in)?|staatsanwalt|richter(?:in)?|jugendpfleger(?:in)?|manager(?:in)?"
)
ROLE_TOKEN = re.compile(rf"^(?:[\wäöüß]+-)?[\wäöüß]*?(?:{ROLE_WORDS})$", re.I)
MUNICIPAL_OFFICES = re.compile(r"bürgermeister|beigeordnete|stadtrat|stadträtin|gemeinderat|ortsvorsteher|ordnungsamt", re.I)
POLICE_OFFICES = re.compile(r"polizei|revier|bürgerpolizist|kommissar|kontaktbereich", re.I)
DISTRICT_OFFICES = re.compile(r"landr(?:at|ätin)|kreisrat|kreisrätin", re.I)

COLLECTIVES = [
    ("police", re.compile(
        r"\b(bürgerpolizist(?:en|innen)|polizist(?:en|innen)|polizeibeamt(?:e|en|innen)\b|polizeivertreter(?:n|innen)?\b|kontaktbereichsbeamt(?:e|en)\b|streifendienst\w*"
        r"|(?:beamt|vertreter)\w* der polizei|(?:die|der|den) polizei\b|polizeireviere\b|revierleiter\w*|polizeidirektionen\b|polizeidienststelle\w*)", re.I)),
    ("municipal", re.compile(
        r"\b(stadtverwaltungen|gemeindeverwaltungen|kommunalverwaltung\w*|landratsämter\w*|ordnungsämter\w*|rathäuser\w*|verwaltungsmitarbeit\w*|kommunen\b|kommunal\w* (?:akteur|vertreter|partner|verantwortlich|präventionsakteur)\w*"
        r"|(?:vertreter|mitarbeiter)\w* (?:der|aus den|von) (?:städte|gemeinden|kommunen|stadtverwaltung\w*|landratsämter\w*)"
        r"|bürgermeister(?:innen)?(?= (?:und|der|aus|von|sowie)\b)|städte und gemeinden|gemeinden\b|präventionsschaffend\w* der landkreise)", re.I)),
]  # fmt: skip
VENUE_HEADS = (
    r"rathaus\w*|rats?saa?l\w*|ratssal|sitzungssaal\w*|saal\b|museum\w*|bürgerhaus\w*|kulturhaus\w*|stadthalle|halle\b|haus\b"
    r"|zentrum\w*|schule\b|gymnasium\w*|oberschule|landratsamt\w*|polizeirevier\w*|hotel\w*|kirche\w*|schloss\w*|hochschule"
    r"|akademie|villa|gasthof\w*|gerätehaus\w*|bibliothek\w*|rittergut\w*|kloster\w*|begegnungsstätte|jugendhaus|jugendzentrum"
    r"|mehrgenerationenhaus|kino\w*|theater\w*|bürgersaal|ratskeller|festsaal|gebäude\w*|stadion|arena|forum\b|aula|landtag\w*"
    r"|kreistagssaal|beratungsraum|konferenzraum|sitzungsraum|gemeindehaus|gemeindezentrum|feuerwehr\w*|dienststelle|campus"
    r"|\w*fabrik|spinnerei|brauerei|scheune|kaserne|bahnhof|messe\w*|kongresszentrum|congress\w*|\w*börse|pavillon|turnhalle|sporthalle"
    r"|\w*markt|\w*platz|\w*park|gelände|center|centre|\w*ballhaus"
)
ROOM_WORD = re.compile(r"^\w*(?:saal|raum|zimmer|foyer|aula|bühne)$", re.I)
STATIONS_IN_TOWNS = re.compile(
    r"\b(?:Polizei)?[Rr]evier(?:e|en|s|es)?\s+(?:in|aus|von)\s+"
    r"(?P<towns>[A-ZÄÖÜ][\w\-]+(?:\s*,\s*[A-ZÄÖÜ][\w\-]+)*(?:\s+(?:und|sowie)\s+[A-ZÄÖÜ][\w\-]+)?)"
)
VENUE_WORD = re.compile(rf"^[\w\-äöüß]*?(?:{VENUE_HEADS})$", re.I)


@dataclass
class Extraction:
    meeting: Meeting | None
    participation: list[Participation] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)  # the report's actors incl. collectives, enriched


class Extractor:
    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.linker = Linker(gaz)

    def extract(self, linked: LinkedReport, doc: Doc) -> Extraction:
        actors = dict(linked.actors)
        self._person_roles(linked, doc, actors)
        self._anaphoric_offices(linked, doc, actors)
        meeting = self._meeting(linked, doc, actors)
        if meeting is not None:
            self._offices_of_meeting_place(actors, meeting)
        out = Extraction(meeting=meeting, actors=actors)
        if meeting is None:
            # still record credits and what is named, for the actor tables
            return out
        out.participation = self._participation(linked, doc, actors, meeting)
        return out

    # ------------------------------------------------------------ meeting
    def _meeting(self, linked: LinkedReport, doc: Doc, actors: dict[str, Actor]) -> Meeting | None:
        report = linked.report
        body_sents = [s for s in linked.sentences if s.section == "body"]
        title = report.title
        body = " ".join(s.text for s in body_sents)
        mtype = _meeting_type(title, body_sents)
        # an event needs a sentence that tells it happened: a meeting word and a verb of meeting
        title_keyword = _meeting_type(title, []) is not None or bool(re.search(OTHER_EVENT + r"|vereinbarung", title.lower()))
        if not any(_is_event_sentence(s.text, strict=True) for s in body_sents) and not (
            title_keyword and any(EVENT_VERB.search(s.text) and not is_hypothetical(s.text) for s in body_sents)
        ):
            return None
        mtype = mtype or "other"
        cue_sents = [s for s in body_sents if _is_event_sentence(s.text)] or body_sents
        default_year = int(report.date[:4]) if report.date else None
        date, date_basis = None, "none"
        for s in cue_sents:
            found = find_dates(s.text, default_year)
            if found:
                date, date_basis = found[0][1], "body"
                break
        if date is None and report.date:  # "am vergangenen Samstag", "am Montagabend": before the report's date
            for s in cue_sents:
                weekday = weekday_before(s.text, report.date)
                if weekday:
                    date, date_basis = weekday, "weekday"
                    break
        if date is None:
            for s in body_sents:
                found = find_dates(s.text, default_year)
                if found:
                    date, date_basis = found[0][1], "body"
                    break
        if date is None and report.date:
            date, date_basis = report.date, report.date_basis
        venue, venue_sentence = self._venue(linked, doc, cue_sents)
        ags, municipality, district, confidence = self._meeting_place(linked, doc, cue_sents, venue, actors)
        region = self._region(linked, actors, district)
        topics = _topics(title + "\n" + body)
        evidence = cue_sents[0].sentence_id if cue_sents else ""
        for actor in actors.values():
            if actor.kind not in ("venue",) and venue and actor.name and actor.name in venue and not actor.ags:
                actor.kind = "venue"
        return Meeting(
            meeting_id=f"{report.report_id}:m1",
            report_id=report.report_id,
            date=date,
            type=mtype,
            title=title,
            venue=venue,
            ags=ags,
            municipality=municipality,
            district=district,
            region=region,
            topics="; ".join(topics),
            date_basis=date_basis,
            confidence=confidence,
            evidence=evidence,
        )

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
        if venue:
            for word in re.findall(r"[A-ZÄÖÜ][\w\-/.äöüß]+", venue):
                keys = [k for k in self.gaz.place_candidates(word) if k.startswith("ags:")]
                keys += [k for k in self.gaz.adjective_candidates(word) if k.startswith("ags:")]
                if len(set(keys)) == 1:
                    votes.append((keys[0], 0.9))
        if not votes:  # "Zittauer Präventionsrat wieder in Präsenz": the town the title names
            title = linked.report.title
            title_keys = [
                m.actor_id for m in linked.mentions
                if m.start < len(title) + linked.report.text.find(title) and m.actor_id.startswith(("mun:", "admin:"))
            ]
            title_keys += [  # "Zittauer Präventionsrat", "Döbelns Präventionsrat"
                k.replace("ags:", "mun:") for w in re.findall(r"[A-ZÄÖÜ][\w\-äöüß]+", title)
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

    def _region(self, linked: LinkedReport, actors: dict[str, Actor], district: str) -> str:
        regions = [a.name for a in actors.values() if a.kind == "region" and a.actor_id.startswith("region:")]
        if regions:
            return sorted(regions, key=lambda r: linked.report.text.find(r))[0]
        return district

    # ------------------------------------------------------------ persons
    def _person_roles(self, linked: LinkedReport, doc: Doc, actors: dict[str, Actor]) -> None:
        """Office (Koordinator, Bürgermeisterin …) and affiliation of each person, from the words around the name."""
        for mention in linked.mentions:
            actor = actors.get(mention.actor_id)
            if actor is None or actor.kind != "person" or mention.section == "credit":
                continue
            span = linked.spans.get(mention.mention_id)
            if span is None:
                continue
            role, phrase = _role_phrase(doc, span)
            if role and not actor.role:
                actor.role = role
            if actor.affiliation:
                continue
            affiliation = self._affiliation(doc, phrase, role, actors)
            if affiliation:
                actor.affiliation = affiliation.actor_id
                if affiliation.actor_id not in actors:
                    actors[affiliation.actor_id] = affiliation
                if affiliation.ags and not actor.ags:
                    actor.ags, actor.district, actor.district_ags = affiliation.ags, affiliation.district, affiliation.district_ags

    def _anaphoric_offices(self, linked: LinkedReport, doc: Doc, actors: dict[str, Actor]) -> None:
        """"… war Olaf Menzel angereist. Der Sachbearbeiter im Polizeirevier Zittau-Oberland schilderte …":
        a sentence that opens with an office and names no person speaks of the person just named."""
        persons_in = {}
        for m in linked.mentions:
            if actors.get(m.actor_id) is not None and actors[m.actor_id].kind == "person" and m.section != "credit":
                persons_in.setdefault(m.sentence_id, []).append(m)
        previous = None
        for s in linked.sentences:
            here = persons_in.get(s.sentence_id)
            if here:
                previous = here[-1]
                continue
            words = s.text.split()
            if previous is None or len(words) < 3 or words[0] not in ("Der", "Die"):
                previous = None
                continue
            office = next((w for w in words[1:3] if ROLE_TOKEN.match(w.strip(",")) and w[:1].isupper()), None)
            person = actors.get(previous.actor_id)
            previous = None
            if office is None or person is None or person.affiliation:
                continue
            span = doc.char_span(s.start, s.end, alignment_mode="expand")
            if span is None:
                continue
            phrase = span[: min(len(span), 12)]
            affiliation = self._affiliation(doc, phrase, office, actors)
            if affiliation is not None:
                person.role = person.role or office.strip(",")
                person.affiliation = affiliation.actor_id
                actors.setdefault(affiliation.actor_id, affiliation)

    def _offices_of_meeting_place(self, actors: dict[str, Actor], meeting: Meeting) -> None:
        """"Oberbürgermeister Jens Tamme begrüßte …" with no town named: the mayor of the town where they meet.

        Only offices that a town or district has exactly one of; marked inferred, with a note.
        """
        for actor in list(actors.values()):
            if actor.kind != "person" or actor.affiliation or not actor.role:
                continue
            key = ""
            if re.search(r"bürgermeister", actor.role, re.I) and meeting.ags:
                key = f"admin:{meeting.ags}"
            elif re.fullmatch(r"landr(?:at|ätin)", actor.role, re.I) and meeting.ags:
                key = f"lra:{self.gaz.municipalities[meeting.ags].district_ags}"
            if not key:
                continue
            org = actors.get(self.linker.actor_for_key(key).actor_id) or self.linker.actor_for_key(key)
            actors.setdefault(org.actor_id, org)
            actor.affiliation = org.actor_id
            actor.ags, actor.district, actor.district_ags = org.ags, org.district, org.district_ags
            actor.note = clean_space(f"{actor.note} affiliation inferred from the meeting place ({meeting.municipality})")

    def _affiliation(self, doc: Doc, phrase, role: str, actors: dict[str, Actor]) -> Actor | None:
        if phrase is None:
            return None
        candidates: list[Actor] = []
        for ent in phrase.ents if hasattr(phrase, "ents") else []:
            resolved = self.linker.resolve(ent, self.linker._place_context(doc), {})
            if resolved is not None and resolved.kind not in ("person", "region", "venue") and not resolved.actor_id.startswith("place:"):
                candidates.append(resolved)
        for tok in phrase:  # "der Freiberger Oberbürgermeister": a place adjective
            if tok.ent_type_:
                continue
            keys = [k for k in self.gaz.adjective_candidates(tok.text) if k.startswith("ags:")]
            if len(keys) == 1:
                candidates.append(self.linker.actor_for_key(keys[0]))
        if not candidates:  # "der Präsident der Polizeidirektion": the one directorate the report names
            for tok in phrase:
                unit = _only_unit(actors, tok.text) if tok.ent_type_ in ("", "MISC") else None
                if unit is not None:
                    candidates.append(unit)
                    break
        if not candidates:
            return None
        linked_first = [c for c in candidates if not c.actor_id.startswith(("org:", "place:"))]
        best = (linked_first or candidates)[0]
        if candidates[0].actor_id.startswith("org:") and candidates[0].kind not in ("venue",) and best.kind in ("municipality", "district"):
            best = candidates[0]  # "(Institut für kommunale Sicherheit, Leipzig)": the organisation, not its seat
        if best.kind == "municipality" and best.ags and (not role or MUNICIPAL_OFFICES.search(role) or re.search(r"koordinator|präventions", role, re.I)):
            best = self.linker.actor_for_key(f"admin:{best.ags}")
        if best.kind == "district" and best.district_ags and role and DISTRICT_OFFICES.search(role):
            best = self.linker.actor_for_key(f"lra:{best.district_ags}")
        if best.kind in ("municipality", "municipality_admin") and role and DISTRICT_OFFICES.search(role):
            # "der Görlitzer Landrat": the district named after the town
            named = [d for d in self.gaz.districts.values()
                     if d.type != "kreisfreie Stadt" and d.short_name == self.gaz.municipalities[best.ags].name]
            if len(named) == 1:
                best = self.linker.actor_for_key(f"lra:{named[0].district_ags}")
        known = actors.get(best.actor_id)
        return known or best

    # ------------------------------------------------------------ participation
    def _participation(self, linked: LinkedReport, doc: Doc, actors: dict[str, Actor], meeting: Meeting) -> list[Participation]:
        roles: dict[str, tuple[str, str, float, Sentence | None]] = {}
        sentences = {s.sentence_id: s for s in linked.sentences}

        def assign(actor_id: str, role: str, basis: str, confidence: float, sentence: Sentence | None) -> None:
            current = roles.get(actor_id)
            if current is None or _role_rank(role) > _role_rank(current[0]) or (
                role == current[0] and confidence > current[2]
            ):
                roles[actor_id] = (role, basis, confidence, sentence)

        # 1. named actors, by the cues of their sentence
        by_sentence: dict[str, list] = {}
        for m in linked.mentions:
            if m.actor_id:
                by_sentence.setdefault(m.sentence_id, []).append(m)
        for m in linked.mentions:
            actor = actors.get(m.actor_id)
            if actor is None:
                continue
            sentence = sentences.get(m.sentence_id)
            if m.section == "credit":
                assign(actor.actor_id, "credit", STATED, 1.0, sentence)
                continue
            if actor.kind in ("venue", "region") or actor.actor_id.startswith(("region:", "place:")):
                continue
            role, basis, confidence = self._role_in_sentence(linked, doc, m, actor, sentence, by_sentence.get(m.sentence_id, []))
            assign(actor.actor_id, role, basis, confidence, sentence)
        # credits are only credits if never named elsewhere as taking part
        # 2a. police stations named by their towns: "die Leiter der Reviere in Torgau, Oschatz und Eilenburg"
        for s in linked.sentences:
            if s.section != "body":
                continue
            for mt in STATIONS_IN_TOWNS.finditer(s.text):
                if not participation_cue(s.text, mt.start(), mt.end()):
                    continue
                for town in re.split(r"\s*,\s*|\s+und\s+|\s+sowie\s+", mt.group("towns")):
                    for unit in self._stations_of(town):
                        actor = actors.setdefault(unit.actor_id, unit)
                        assign(actor.actor_id, "participant", STATED, 0.8, s)
        # 2b. collectives (police, municipal) in sentences that say they took part
        for s in linked.sentences:
            if s.section != "body" or not PARTICIPATION_CUE.search(s.text):
                continue
            for group, pattern in COLLECTIVES:
                found = [
                    mt for mt in pattern.finditer(s.text)
                    if not _inside_entity(linked, s.start + mt.start())
                    and not _office_of_named_person(linked, s.start + mt.end())
                    and participation_cue(s.text, mt.start(), mt.end())
                ]
                if not found:
                    continue
                specific = [self._unit_behind(linked, group, s.text, f, meeting, actors) for f in found]
                for unit in {u.actor_id: u for u in specific if u is not None}.values():
                    assign(actors.setdefault(unit.actor_id, unit).actor_id, "participant", INFERRED, 0.8, s)
                generic = [f for f, u in zip(found, specific) if u is None]
                # "Aus Sicht der Polizei schilderte KHK Hentschel vom Polizeirevier Zittau-Oberland": the word stands for the unit named beside it
                if group == "police" and any(
                    m.actor_id and m.actor_id.startswith("pol:") for m in by_sentence.get(s.sentence_id, [])
                ):
                    generic = []
                if generic:
                    actor = _collective(linked.report.report_id, group, [f.group(0) for f in generic], actors)
                    assign(actor.actor_id, "participant", STATED, 0.9, s)
        # 2c. the council whose session it is: "der Kommunale Präventionsrat Döbeln … hat getagt"
        if meeting.type == "KPR-Sitzung":
            for actor in actors.values():
                if actor.actor_id.startswith("org:") and re.search(r"präventionsrat|\bkpr\b", actor.name, re.I):
                    first = next((m for m in linked.mentions if m.actor_id == actor.actor_id and m.section == "body"), None)
                    if first is not None:
                        assign(actor.actor_id, "host", INFERRED, 0.8, sentences.get(first.sentence_id))
        # 3. a person's organisation takes part with the person; a town hall stands for its town
        for actor_id, (role, basis, confidence, sentence) in list(roles.items()):
            actor = actors[actor_id]
            if role not in PARTICIPANT_ROLES:
                continue
            org = actors.get(actor.affiliation) if actor.affiliation else None
            if actor.kind == "person" and org is not None and roles.get(org.actor_id, ("mentioned",))[0] not in PARTICIPANT_ROLES:
                guessed = "affiliation inferred" in actor.note
                assign(org.actor_id, "participant", INFERRED, min(confidence, 0.6 if guessed else 0.8), sentence)
        # the meeting's host municipality, when its administration or people are there
        out = []
        for actor_id in sorted(roles):
            role, basis, confidence, sentence = roles[actor_id]
            out.append(
                Participation(
                    meeting_id=meeting.meeting_id,
                    actor_id=actor_id,
                    role=role,
                    basis=basis,
                    confidence=round(confidence, 2),
                    sentence_id=sentence.sentence_id if sentence else "",
                    evidence=sentence.text if sentence else "",
                )
            )
        return out

    def _unit_behind(self, linked: LinkedReport, group: str, text: str, found, meeting: Meeting, actors: dict[str, Actor]) -> Actor | None:
        """A collective phrase that names one unit: "die Bürgerpolizisten des Reviers" (the one Revier of the
        report), "Vertreter der Stadtverwaltung" (the administration of the town where they meet)."""
        phrase = found.group(0).lower()
        if group == "municipal" and re.search(r"stadtverwaltung\b|gemeindeverwaltung\b", phrase) and meeting.ags:
            return self.linker.actor_for_key(f"admin:{meeting.ags}")
        if group == "police":
            before = text[max(0, found.start() - 160) : found.start()]
            if re.search(r"\bmit\s+(?:\S+\s+){0,8}$", before):
                # "das Polizeirevier Grimma war mit … den Bürgerpolizisten vertreten": the unit's own officers
                named = [m for m in linked.mentions if m.actor_id.startswith("pol:") and before.find(m.text) >= 0]
                if len({m.actor_id for m in named}) == 1:
                    return actors.get(named[0].actor_id)
            m = re.match(r"\s+(?:des|der|vom)\s+(\w+)", text[found.end() : found.end() + 40])
            if m:
                return _only_unit(actors, m.group(1), within="pol:")
        return None

    def _stations_of(self, town: str) -> list[Actor]:
        """The police stations (Reviere) seated in ``town``, if the name is a unique municipality."""
        keys = [k for k in self.gaz.place_candidates(town) if k.startswith("ags:")]
        if len(keys) != 1:
            return []
        ags = keys[0][4:]
        return [
            self.linker.actor_for_key(f"police:{p.id}")
            for p in sorted(self.gaz.police.values(), key=lambda p: p.id)
            if p.type == "Polizeirevier" and p.seat_ags == ags
        ]

    def _role_in_sentence(self, linked, doc, mention, actor: Actor, sentence: Sentence | None, neighbours) -> tuple[str, str, float]:
        if sentence is None:
            return "mentioned", INFERRED, 0.5
        text = sentence.text
        rel = mention.start - sentence.start
        before = text[max(0, rel - 60) : rel]
        if actor.kind != "person" and MENTION_ONLY_CONTEXT.search(before):
            return "mentioned", STATED, 0.8
        if actor.kind != "person" and is_hypothetical(main_clause(text, rel)):
            return "mentioned", STATED, 0.7
        # place names after "in"/"nach": where something is, not who takes part
        if actor.kind in ("municipality", "district") and re.search(r"\b(in|im|nach|bei|um)\s+(der\s+|die\s+|den\s+)?(stadt\s+|gemeinde\s+)?$", before, re.I):
            return "mentioned", STATED, 0.7
        # "aus Lauta waren Jugendliche angereist": a town is where people come from; it takes part only
        # through people who act for it (coordinators, staff, mayors, guests of the council)
        if actor.kind == "municipality" and re.search(r"\baus\s+(?:de[mnr]\s+)?(?:[\w\-/.]+(?:,|\s+und|\s+sowie)?\s+){0,5}$", before, re.I):
            if not MUNICIPAL_PEOPLE.search(main_clause(text, rel)):
                return "mentioned", STATED, 0.7
        # a role cue applies to the actor nearest to it in the sentence (persons for
        # speaking roles); "Er stellte … vor" to the person named just before
        for role, pattern in ROLE_CUES:
            personal = role in ("speaker", "moderator")
            pool = [m for m in neighbours if not personal or linked.actors.get(m.actor_id, actor).kind == "person"]
            for cue in pattern.finditer(text):
                nearest = _nearest_actor(pool, sentence.start + cue.start(), sentence.start + cue.end(), role)
                if nearest is not None and actor.actor_id in _coordinated(linked.report.text, pool, nearest.actor_id):
                    return role, STATED, 0.9
        if actor.kind == "person":
            follower = _next_sentence(linked, sentence)
            if follower is not None and re.match(r"^(Er|Sie)\b", follower.text):
                for role, pattern in ROLE_CUES[1:3]:
                    if pattern.search(follower.text) and _last_person(linked, sentence) == actor.actor_id:
                        return role, STATED, 0.8
        if actor.role and re.search(r"moderator", actor.role, re.I):
            return "moderator", STATED, 0.85
        if ABSENT.search(following_relative(text, mention.end - sentence.start) or main_clause(text, rel)):
            return "mentioned", STATED, 0.8  # "…, die kurzfristig verhindert war, hatte ein Grußwort geschickt"
        if participation_cue(text, rel, mention.end - sentence.start):
            if actor.kind == "district":
                # "die Präventionsschaffenden der Landkreise Zwickau und Vogtlandkreis": where people come from;
                # a district takes part through its Landratsamt or Landrat
                return "mentioned", INFERRED, 0.6
            return "participant", STATED, 0.85
        if actor.kind == "person":
            return "participant", INFERRED, 0.6
        return "mentioned", INFERRED, 0.5


# ---------------------------------------------------------------- helpers
def _meeting_type(title: str, body_sents: list[Sentence]) -> str | None:
    """The type whose word comes first: the title, then the opening sentences, then the whole body."""
    for text in (title, " ".join(s.text for s in body_sents[:2]), " ".join(s.text for s in body_sents)):
        if not text:
            continue
        low = text.lower()
        found = [(m.start(), rank, name) for rank, (name, pattern) in enumerate(MEETING_TYPES) for m in [re.search(pattern, low)] if m]
        if found:
            return min(found)[2]
    return None


def _is_event_sentence(text: str, strict: bool = False) -> bool:
    low = text.lower()
    if is_hypothetical(text):
        return False
    keyword = bool(re.search(OTHER_EVENT, low) or any(re.search(p, low) for _, p in MEETING_TYPES))
    return bool(EVENT_VERB.search(text)) and (keyword or (not strict and bool(find_dates(text))))


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


def _role_phrase(doc: Doc, span):
    """The office around a name and the words that hold its organisation.

    Looks left ("der Leiter des Polizeireviers Werdau, Jens Kühn"; "Moderator Martin Z."),
    right in an apposition ("Frank Z., Koordinator in Plauen," / "Anna B. (Leiterin … der PD Leipzig)"),
    and for "als Koordinator" later in the same sentence.
    """
    sent = span.sent
    # right: apposition in commas or parentheses
    if span.end < sent.end and doc[span.end].text in {",", "("}:
        closing = ")" if doc[span.end].text == "(" else ","
        j = span.end + 1
        while j < sent.end and doc[j].text not in {closing, ".", ";"} and j - span.end < 18:
            j += 1
        phrase = doc[span.end + 1 : j]
        for tok in phrase[:4]:
            if ROLE_TOKEN.match(tok.text):
                return tok.text, phrase
        apposition = phrase
    else:
        apposition = None
    # right: "Rico Henke vom Jugendhaus Villa e. V.", "Thomas Werner von der Polizeidirektion Leipzig"
    k = span.end
    if k < sent.end and doc[k].lower_ in {"vom", "von", "aus", "beim", "bei"}:
        k += 1
        if k < sent.end and doc[k].lower_ in {"der", "dem", "des", "den"}:
            k += 1
        # "vom Verein Jugendwerkstatt Muldental e. V.", "vom Sachgebiet Prävention der Polizeidirektion Leipzig"
        while k < min(sent.end, span.end + 8) and not (doc[k].ent_type_ == "ORG" and doc[k].ent_iob_ == "B"):
            if doc[k].text in {",", ".", ";", "(", ")"} or (doc[k].is_lower and doc[k].lower_ not in {"der", "des", "für", "und"}):
                break
            k += 1
        if k < sent.end and doc[k].ent_type_ in ("ORG",) and doc[k].ent_iob_ == "B":
            end = k + 1
            while end < sent.end and doc[end].ent_iob_ == "I":
                end += 1
            return "", doc[k:end]
    # left: walk back over articles, place adjectives, entities and capitalised words to a role word
    j = span.start - 1
    steps = 0
    while j >= sent.start and steps < 14:
        tok = doc[j]
        if ROLE_TOKEN.match(tok.text) and tok.text[:1].isupper():
            # "die Polizeidirektion Leipzig, deren Präsident René Strobel": the office of the entity before
            if j - 1 >= sent.start and doc[j - 1].lower_ in {"deren", "dessen"}:
                ent = _entity_before(doc, j - 1, max(0, sent.start - 30), "ORG")  # also the sentence before
                return tok.text, ent
            # keep two words before the office for "der Freiberger Oberbürgermeister"
            k = max(sent.start, j - 2)
            while k > sent.start and doc[k].ent_iob_ == "I":
                k -= 1
            return tok.text, doc[k : span.start]
        if tok.text == "," and all(doc[x].text in RANKS for x in range(j + 1, span.start)):
            # "Der Präsident der Polizeidirektion Görlitz, Manfred Pietsch, warb …"
            for r in range(j - 1, max(sent.start, j - 9) - 1, -1):
                if ROLE_TOKEN.match(doc[r].text) and doc[r].text[:1].isupper():
                    return doc[r].text, doc[r:j]
            break
        if tok.text in {",", ".", ";", ":", "und", "sowie"} and not tok.ent_type_:
            break
        if tok.is_lower and tok.lower_ not in {"der", "des", "die", "dem", "den", "von", "vom", "im", "für", "zur", "zum", "am", "an", "aus", "in", "stellvertretende", "stellvertretender", "neue", "neuen", "ehemalige", "sächsischen"}:
            break
        j -= 1
        steps += 1
    # "…, wo er sich als Koordinator engagiert"
    tail = doc[span.end : sent.end]
    for k, tok in enumerate(tail[:-1]):
        if tok.lower_ == "als" and ROLE_TOKEN.match(tail[k + 1].text):
            return tail[k + 1].text, doc[span.end : sent.end]
    # an apposition without an office that names an organisation: "Anna B. (Polizeirevier Pirna)", "Jan C., aus Riesa,"
    if (
        apposition is not None and len(apposition)
        and (apposition[0].ent_type_ in ("ORG", "LOC") or apposition[0].lower_ in {"der", "die", "das", "aus", "vom", "von"})
        and any(tok.ent_type_ in ("ORG", "LOC") for tok in apposition)
        and not any(tok.ent_type_ == "PER" for tok in apposition)
    ):
        return "", apposition
    return "", None


def _only_unit(actors: dict[str, Actor], word: str, within: str = "") -> Actor | None:
    """The one actor a generic word stands for ("Revier", "der Polizeidirektion") when the report names one such unit."""
    prefix = next((p for head, p in SHORT_FORMS if re.fullmatch(head, word, re.I)), None)
    if prefix is None or not prefix.startswith(within):
        return None
    units = sorted({a.actor_id for a in actors.values() if a.actor_id.startswith(prefix)})
    return actors[units[0]] if len(units) == 1 else None


def _entity_before(doc: Doc, i: int, floor: int, label: str):
    """The nearest entity of ``label`` ending before token ``i`` (not before ``floor``), or None."""
    k = i - 1
    while k >= floor:
        if doc[k].ent_type_ == label:
            end = k + 1
            while k > floor and doc[k].ent_iob_ == "I":
                k -= 1
            return doc[k:end]
        k -= 1
    return None


def _coordinated(text: str, mentions, actor_id: str) -> set[str]:
    """The actor and those listed with it: "die Stadt Delitzsch und das Polizeirevier Delitzsch" share a role."""
    ordered = sorted((m for m in mentions if m.actor_id), key=lambda m: m.start)
    idx = [i for i, m in enumerate(ordered) if m.actor_id == actor_id]
    if not idx:
        return {actor_id}
    group = {actor_id}
    glue = re.compile(r"^\s*(?:,|und|sowie|\s|der|die|das|dem|den|des)*\s*$")
    for step in (-1, 1):
        i = idx[0] if step < 0 else idx[-1]
        while 0 <= i + step < len(ordered):
            a, b = (ordered[i + step], ordered[i]) if step < 0 else (ordered[i], ordered[i + step])
            if not glue.match(text[a.end : b.start]):
                break
            group.add(ordered[i + step].actor_id)
            i += step
    return group


def _nearest_actor(neighbours, start: int, end: int, role: str):
    best, best_dist = None, None
    for m in neighbours:
        if not m.actor_id:
            continue
        dist = 0 if m.start <= start < m.end else min(abs(m.start - end), abs(start - m.end))
        if best_dist is None or dist < best_dist:
            best, best_dist = m, dist
    if best is None or best_dist > 120:
        return None

    class _A:  # tiny adapter: the caller compares actor ids
        actor_id = best.actor_id

    return _A


def _next_sentence(linked: LinkedReport, sentence: Sentence) -> Sentence | None:
    for i, s in enumerate(linked.sentences[:-1]):
        if s.sentence_id == sentence.sentence_id:
            return linked.sentences[i + 1]
    return None


def _last_person(linked: LinkedReport, sentence: Sentence) -> str:
    persons = [m for m in linked.mentions if m.sentence_id == sentence.sentence_id and linked.actors.get(m.actor_id) and linked.actors[m.actor_id].kind == "person"]
    return persons[-1].actor_id if persons else ""


def _role_rank(role: str) -> int:
    order = ["mentioned", "credit", "participant", "host", "organiser", "speaker", "moderator", "signatory"]
    return order.index(role) if role in order else 0


def _inside_entity(linked: LinkedReport, char: int) -> bool:
    """Inside a name ("Allianz Sichere Sächsische Kommunen") or the tail of a compound ("ASSKomm-Kommunen")."""
    text = linked.report.text
    return char > 0 and text[char - 1] == "-" or any(m.start <= char < m.end for m in linked.mentions)


def _office_of_named_person(linked: LinkedReport, char: int) -> bool:
    """"dem Zittauer Revierleiter, Polizeioberrat Steffen Lorenz": one person's office, not a group.

    True when a person's name follows, with at most a comma and two title words between.
    """
    text = linked.report.text
    return any(
        m.label == "PER" and char <= m.start < char + 60
        and re.fullmatch(r"[\s,]*(?:[A-ZÄÖÜ][\wäöüß.\-]*\s+){0,2}", text[char : m.start])
        for m in linked.mentions
    )


def _collective(report_id: str, group: str, phrases: list[str], actors: dict[str, Actor]) -> Actor:
    actor_id = f"col:{group}:{report_id}"
    actor = actors.get(actor_id)
    names = sorted({clean_space(p) for p in phrases}, key=str.lower)
    if actor is None:
        label = "Polizei" if group == "police" else "kommunale Akteure"
        actor = Actor(
            actor_id=actor_id,
            name=f"{label} ({', '.join(names)})",
            kind="collective",
            key="police:*" if group == "police" else "municipal:*",
            role=group,
            confidence=0.9,
        )
        actors[actor_id] = actor
    return actor
