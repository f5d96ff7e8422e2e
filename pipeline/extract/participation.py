"""Participation: which actors take part in the meeting, in which role, on what basis.

Each named actor gets the role of the cue nearest to it in its sentence
(signatory, moderator, speaker, host, organiser), else ``participant`` where the
sentence says it took part, else ``mentioned``; places after "in" and towns people
come from are only mentioned.  Police stations named by their towns, collectives
("die Bürgerpolizisten", "Vertreter der Kommunen") and the council whose session it
is are added; a person's organisation takes part with the person (inferred).
Every participation carries ``stated`` or ``inferred`` and a confidence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from ..clauses import (
    ABSENT,
    PARTICIPATION_CUE,
    RUNS_EVENT,
    following_relative,
    is_hypothetical,
    main_clause,
    participation_cue,
)
from ..gazetteer import Gazetteer
from ..lexicon import programmes
from ..link import LinkedReport, Linker
from ..link import only_unit as _only_unit
from ..nlp import MEETING_BODIES as GENERIC_COUNCIL
from ..nlp import first_names
from ..nlp import NAMED_COUNCIL
from ..records import (
    ANNOUNCED_CONFIDENCE,
    INFERRED,
    PARTICIPANT_ROLES,
    STATED,
    Actor,
    Meeting,
    Participation,
    Sentence,
)
from ..text import clean_space
from .lexicon import (
    BYLINE_BEFORE,
    PRESS_CONTACT_BEFORE,
    COLLECTIVES,
    PRESS_OFFICES,
    AREA_BEFORE,
    MENTION_ONLY_CONTEXT,
    MUNICIPAL_PEOPLE,
    PARTIES,
    POLICE_OFFICES,
    PROGRAMME_LIST,
    ROLE_CUES,
    ROUTINE,
    TOWN_GROUP,
    TOWN_TAKES_PART,
    office_unit_type,
)

#: What may stand between the towns of a list.
_LIST_GLUE = re.compile(r"\s*(?:,|und|sowie|,\s*und)\s*|\s+(?:und|sowie)\s+")
STATIONS_IN_TOWNS = re.compile(
    r"\b(?:Polizei)?[Rr]evier(?:e|en|s|es)?\s+(?:in|aus|von)\s+"
    r"(?P<towns>[A-ZÄÖÜ][\w\-]+(?:\s*,\s*[A-ZÄÖÜ][\w\-]+)*(?:\s+(?:und|sowie)\s+[A-ZÄÖÜ][\w\-]+)?)"
)


class ParticipationFinder:
    """Roles of a report's actors in its meeting (see the module docstring)."""

    def __init__(self, gaz: Gazetteer, linker: Linker):
        self.gaz = gaz
        self.linker = linker

    def find(self, linked: LinkedReport, doc: Doc, actors: dict[str, Actor], meeting: Meeting) -> list[Participation]:
        """Every actor's role in ``meeting``, with its basis, confidence and sentence."""
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
            if actor.name in programmes():  # "im Rahmen der Allianz Sichere Sächsische Kommunen": a programme
                assign(actor.actor_id, "mentioned", STATED, 0.9, sentence)
                continue
            if GENERIC_COUNCIL.search(actor.name):
                # "der KPR", "der Kommunale Präventionsrat": the one council the report names, else only mentioned
                council = _named_council(actors)
                if council is None:
                    assign(actor.actor_id, "mentioned", INFERRED, 0.6, sentence)
                    continue
                actor = council
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
                # named with its town only: a generic "der KPR" stands for it, or for nobody (see step 1)
                if actor.actor_id.startswith("org:") and NAMED_COUNCIL.match(actor.name):
                    first = next((m for m in linked.mentions if m.actor_id == actor.actor_id and m.section == "body"), None)
                    if first is not None:
                        assign(actor.actor_id, "host", INFERRED, 0.8, sentences.get(first.sentence_id))
        # 2d. towns listed as the members of a group: "die fünf Kommunen Aue-Bad Schlema, Lößnitz und Schneeberg",
        # "die Bürgermeister von Weißwasser und Bad Muskau"
        for s in linked.sentences:
            here = by_sentence.get(s.sentence_id, [])
            if s.section != "body" or len(here) < 2 or PROGRAMME_LIST.search(s.text) or (
                is_hypothetical(s.text) and meeting.status != "announced"
            ):
                continue
            for ags in self._listed_towns(linked, s, here, actors):
                town = actors.setdefault(f"mun:{ags}", self.linker.actor_for_key(f"ags:{ags}"))
                assign(town.actor_id, "participant", STATED, 0.8, s)
        # 3. a person's organisation takes part with the person; a town hall stands for its town. What a person
        # acts for is what this report says (``acts_for``), never a unit another report gave them
        acts_for: dict[str, str] = {}
        for actor_id, (role, basis, confidence, sentence) in list(roles.items()):
            actor = actors[actor_id]
            if role not in PARTICIPANT_ROLES:
                continue
            org = actors.get(actor.affiliation) if actor.affiliation else None
            if org is not None and GENERIC_COUNCIL.search(org.name):
                org = _named_council(actors)  # "Koordinatorin des KPR": the council the report names, if one
            if actor.kind == "person" and org is None and actor.role and POLICE_OFFICES.search(actor.role):
                around = " ".join(sentences[m.sentence_id].text for m in linked.mentions if m.actor_id == actor_id and m.sentence_id in sentences)
                org = _police_of_officer(linked.report.report_id, actor.role, around, actors)
            if actor.kind == "person" and org is not None:
                acts_for[actor_id] = org.actor_id
            if actor.kind == "person" and org is not None and roles.get(org.actor_id, ("mentioned",))[0] not in PARTICIPANT_ROLES:
                guessed = "affiliation inferred" in actor.note
                assign(org.actor_id, "participant", INFERRED, min(confidence, 0.6 if guessed else 0.8), sentence)
        # 4. a group of municipalities takes part through its members (the gazetteer knows them): "Verwaltungsverband
        # Am Klosterwasser"; a council named with its town is the town's ("Kommunaler Präventionsrat der Stadt Plauen")
        for actor_id, (role, basis, confidence, sentence) in list(roles.items()):
            actor = actors[actor_id]
            if role not in PARTICIPANT_ROLES or not actor.actor_id.startswith("org:"):
                continue
            for ags in self._member_towns(actor.name) or self._council_town(actor.name):
                town = actors.setdefault(f"mun:{ags}", self.linker.actor_for_key(f"ags:{ags}"))
                assign(town.actor_id, "participant", INFERRED, min(confidence, 0.8), sentence)
        # 5a. an event held in several towns at once: "fanden die Auftaktveranstaltungen in Bannewitz und Weißwasser statt"
        event = sentences.get(meeting.evidence)
        if event is not None:
            for ags in self._towns_hosting(linked, event, by_sentence.get(event.sentence_id, []), actors):
                town = actors.setdefault(f"mun:{ags}", self.linker.actor_for_key(f"ags:{ags}"))
                assign(town.actor_id, "participant", INFERRED, 0.7, event)
        # 5. the town where a town's kind of meeting takes place takes part (meeting_types.json, town_takes_part):
        # "In Riesa unterzeichneten Oberbürgermeister und Polizeichef …", the town itself named only as the place
        town_id = f"mun:{meeting.ags}"
        if meeting.type in TOWN_TAKES_PART and meeting.ags and meeting.ags in self.gaz.municipalities \
                and roles.get(town_id, ("mentioned",))[0] not in PARTICIPANT_ROLES:
            town = actors.setdefault(town_id, self.linker.actor_for_key(f"ags:{meeting.ags}"))
            assign(town.actor_id, "participant", INFERRED, 0.7, sentences.get(meeting.evidence))
        out = []
        for actor_id in sorted(roles):
            role, basis, confidence, sentence = roles[actor_id]
            if meeting.status == "announced":  # planned, not yet held: never a sure link
                confidence = min(confidence, ANNOUNCED_CONFIDENCE)
            out.append(
                Participation(
                    meeting_id=meeting.meeting_id,
                    actor_id=actor_id,
                    role=role,
                    basis=basis,
                    confidence=round(confidence, 2),
                    sentence_id=sentence.sentence_id if sentence else "",
                    evidence=sentence.text if sentence else "",
                    acts_for=acts_for.get(actor_id, ""),
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
            if re.search(r"\bpolizei$", phrase):
                # "die Polizei", "Vertreter der Polizei" in a report that names one police unit: that unit
                units = sorted({a.actor_id for a in actors.values() if a.actor_id.startswith("pol:") and a.kind == "police"})
                if len(units) == 1:
                    return actors[units[0]]
        return None

    def _listed_towns(self, linked: LinkedReport, sentence: Sentence, mentions: list, actors: dict[str, Actor]) -> list[str]:
        """Keys of the towns of a list introduced by a group noun (data: collectives.json, ``town_groups``).

        ``mentions`` are the sentence's mentions with an actor, in text order.
        """
        towns = [m for m in mentions if m.section == "body"
                 and actors.get(m.actor_id) is not None and actors[m.actor_id].kind in ("municipality", "municipality_admin")
                 and actors[m.actor_id].ags]
        text = linked.report.text
        out: list[str] = []
        for run in _town_runs(towns, text):
            if len(run) > 1 and TOWN_GROUP.search(text[max(sentence.start, run[0].start - 70) : run[0].start]):
                out += [actors[m.actor_id].ags for m in run]
        return list(dict.fromkeys(out))

    def _towns_hosting(self, linked: LinkedReport, sentence: Sentence, mentions: list, actors: dict[str, Actor]) -> list[str]:
        """The towns of "in X und Y" in the sentence that tells of the event: each hosts it."""
        towns = [m for m in sorted(mentions, key=lambda m: m.start)
                 if actors.get(m.actor_id) is not None and actors[m.actor_id].kind == "municipality" and actors[m.actor_id].ags]
        text = linked.report.text
        for run in _town_runs(towns, text):
            if len(run) > 1 and re.search(r"\bin\s+$", text[max(sentence.start, run[0].start - 4) : run[0].start]):
                return list(dict.fromkeys(actors[m.actor_id].ags for m in run))
        return []

    def _member_towns(self, name: str) -> list[str]:
        """Members of a Verwaltungsverband/-gemeinschaft named ``name``, from the gazetteer."""
        m = re.match(r"^Verwaltungs(?:verband|verbandes|verbands|gemeinschaft)\s+(.+)$", name)
        if not m:
            return []
        group = m.group(1).strip().casefold()
        return sorted(x.ags for x in self.gaz.municipalities.values() if x.vg and x.vg.casefold() == group)

    def _council_town(self, name: str) -> list[str]:
        """The town a prevention council is named with: "Kommunaler Präventionsrat der Stadt Plauen", "KPR Döbeln"."""
        m = re.search(r"(?:präventionsr\w*|\bkpr\b|\brat\b)\s+(?:der\s+(?:stadt|gemeinde)\s+)?([A-ZÄÖÜ][\w\-/.]+)", name, re.I)
        if not m:
            return []
        keys = [k for k in self.gaz.place_candidates(m.group(1)) if k.startswith("ags:")]
        return [keys[0][4:]] if len(keys) == 1 else []

    def _stations_of(self, town: str) -> list[Actor]:
        """The police stations (Reviere) seated in ``town``, if the name is a unique municipality."""
        keys = [k for k in self.gaz.place_candidates(town) if k.startswith("ags:")]
        if len(keys) != 1:
            return []
        ags = keys[0][4:]
        return [self.linker.actor_for_key(f"police:{p.id}") for p in self.gaz.police_seated_in(ags, "Polizeirevier")]

    def _role_in_sentence(self, linked, doc, mention, actor: Actor, sentence: Sentence | None, neighbours) -> tuple[str, str, float]:
        if sentence is None:
            return "mentioned", INFERRED, 0.5
        if sentence.section == "background":
            return "mentioned", STATED, 0.7  # "Hintergrundinformationen: Die Mitglieder sind …"
        text = sentence.text
        rel = mention.start - sentence.start
        before = text[max(0, rel - 60) : rel]
        if actor.kind == "person" and BYLINE_BEFORE.search(before):
            return "credit", STATED, 0.9  # "Von Sabine Kreuz", "© Bernd Goldammer": who wrote or photographed it
        if actor.kind == "person" and " " not in actor.name and actor.name in first_names() and not actor.role:
            # "begleiteten die kleinen Gäste Frieda und Emma": a play's characters, children named by their
            # first name: the report names who takes part with a surname
            return "mentioned", STATED, 0.6
        if actor.kind == "person" and PRESS_CONTACT_BEFORE.search(before):
            return "mentioned", STATED, 0.9  # "Verantwortlich: Andreas Loepki": the press office, not the event
        if actor.kind == "person" and actor.role and PRESS_OFFICES.search(actor.role) and not participation_cue(
            text, rel, mention.end - sentence.start
        ):
            return "mentioned", STATED, 0.7  # "sagte Polizeisprecher Andreas Loepki": speaks of it, to the press
        if actor.kind != "person" and actor.name.casefold() in PARTIES and before.rstrip().endswith("("):
            return "mentioned", STATED, 0.9  # "Innenminister Armin Schuster (CDU)": the person's party, not a participant
        if actor.kind != "person" and MENTION_ONLY_CONTEXT.search(before):
            return "mentioned", STATED, 0.8
        if actor.kind in ("municipality", "district") and AREA_BEFORE.search(before):
            return "mentioned", STATED, 0.8  # "für den Raum Leipzig": an area
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
        if actor.kind == "municipality" and PROGRAMME_LIST.search(text) and _in_town_list(linked, neighbours, mention):
            return "mentioned", STATED, 0.7  # "im Arbeitspaket 1 – zusammen mit sechs Kommunen: Colditz, Zwickau …": members
        if ABSENT.search(following_relative(text, mention.end - sentence.start) or main_clause(text, rel)):
            return "mentioned", STATED, 0.8  # "…, die kurzfristig verhindert war, hatte ein Grußwort geschickt"
        # a role cue applies to the actor nearest to it in the sentence (persons for
        # speaking roles); "Er stellte … vor" to the person named just before
        for (role, _), found in zip(ROLE_CUES, _role_cues(text)):
            if not found:
                continue
            personal = role in ("speaker", "moderator")
            pool = [m for m in neighbours if not personal or linked.actors.get(m.actor_id, actor).kind == "person"]
            for cue_start, cue_end in found:
                nearest = _nearest_actor(pool, sentence.start + cue_start, sentence.start + cue_end, role)
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
        if participation_cue(text, rel, mention.end - sentence.start):
            if actor.kind == "district" and not _DISTRICT_REPRESENTED.search(text[:rel]):
                # "die Präventionsschaffenden der Landkreise Zwickau und Vogtlandkreis": where people come from;
                # a district takes part through its Landratsamt or Landrat, or its representatives
                # ("Vertreter der Stadt, der Staatsanwaltschaft, des Landkreises Nordsachsen")
                return "mentioned", INFERRED, 0.6
            return "participant", STATED, 0.85
        if actor.kind == "person" and actor.affiliation.startswith("state:") and _STATEMENT_AFTER.match(text[mention.end - sentence.start :]):
            # "Innenminister Roland Wöller: „100 Kommunen ist eine stolze Zahl.“": a minister's statement for the
            # press release (a mayor or police chief quoted so speaks for a party to the meeting)
            return "mentioned", STATED, 0.6
        if actor.kind == "person":
            return "participant", INFERRED, 0.6
        if actor.kind not in ("municipality", "municipality_admin", "district") and RUNS_EVENT.search(main_clause(text, rel)) and not ROUTINE.search(text):
            return "participant", STATED, 0.8  # "der Fachdienst Prävention der Polizeidirektion bietet … Beratungen an"
        return "mentioned", INFERRED, 0.5


#: Representatives of a list of bodies before a district's name: "Vertreter …, des Landkreises Nordsachsen".
_DISTRICT_REPRESENTED = re.compile(
    r"\b(?:vertreter|vertreterinnen|mitarbeiter|mitarbeitende)\w*\s+(?:[^.;:]{0,200}?[,\s])?(?:des|vom)\s+(?:landkreis(?:es)?\s+)?$",
    re.I,
)
#: A name followed by a colon and a quotation: the person's statement, quoted.
_STATEMENT_AFTER = re.compile(r"^\s*(?:\([^)]*\)\s*)?:\s*[„\"»“‚]")


# ---------------------------------------------------------------- helpers
def _town_runs(towns: list, text: str) -> list[list]:
    """The town mentions (in text order) cut into runs joined by commas, "und", "sowie": "Lößnitz, Schneeberg und Zschorlau"."""
    runs: list[list] = []
    for m in towns:
        if runs and _LIST_GLUE.fullmatch(text[runs[-1][-1].end : m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _in_town_list(linked: LinkedReport, neighbours, mention) -> bool:
    """Is the mention one town of a list of towns ("Colditz, Zwickau und Plauen")?"""
    towns = sorted((m for m in neighbours if m.actor_id.startswith("mun:")), key=lambda m: m.start)
    return any(len(run) > 1 and mention in run for run in _town_runs(towns, linked.report.text))


def _named_council(actors: dict[str, Actor]) -> Actor | None:
    """The one prevention council a report names with its town ("Kommunaler Präventionsrat Plauen"), if one."""
    named = sorted({a.actor_id for a in actors.values() if a.actor_id.startswith("org:") and NAMED_COUNCIL.match(a.name)})
    return actors[named[0]] if len(named) == 1 else None


def _coordinated(text: str, mentions, actor_id: str) -> set[str]:
    """The actor and those listed with it: "die Stadt Delitzsch und das Polizeirevier Delitzsch" share a role."""
    ordered = sorted((m for m in mentions if m.actor_id), key=lambda m: m.start)
    idx = [i for i, m in enumerate(ordered) if m.actor_id == actor_id]
    if not idx:
        return {actor_id}
    group = {actor_id}
    for step in (-1, 1):
        i = idx[0] if step < 0 else idx[-1]
        while 0 <= i + step < len(ordered):
            a, b = (ordered[i + step], ordered[i]) if step < 0 else (ordered[i], ordered[i + step])
            if not _list_glue(text[a.end : b.start]):
                break
            group.add(ordered[i + step].actor_id)
            i += step
    return group


_ARTICLES_AND_COMMAS = re.compile(r"^\s*(?:,|und|sowie|\s|der|die|das|dem|den|des)*\s*$")
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:und|sowie)?|\bund\b|\bsowie\b)\s*")
#: An item of a list the model left untagged: an article and a name ("der Seniorenvertretung der Stadt Zwickau",
#: "des Vereins Aktiv ab 50"): capitalised words, with a few small words and numbers between them.
_UNTAGGED_ITEM = re.compile(r"(?:der|die|das|dem|den|des)\s+[A-ZÄÖÜ][\w.\-]*(?:\s+(?:[A-ZÄÖÜ][\w.\-]*|der|des|für|ab|von|im|\d+))*")


def _list_glue(between: str) -> bool:
    """Only list material between two names: commas, "und", articles, and untagged items of the list."""
    if _ARTICLES_AND_COMMAS.match(between):
        return True
    parts = _LIST_SEPARATOR.split(between)
    if len(parts) < 2 or not _ARTICLES_AND_COMMAS.match(parts[0]):  # a separator after the first name
        return False
    # the last part leads to the next name, maybe within an item: ", der Seniorenvertretung der Stadt Zwickau"
    last = parts[-1].strip()
    return all(_UNTAGGED_ITEM.fullmatch(p.strip()) for p in parts[1:-1]) and (
        _ARTICLES_AND_COMMAS.match(last) is not None or _UNTAGGED_ITEM.fullmatch(last) is not None
    )


@lru_cache(maxsize=4096)
def _role_cues(text: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Where the cues of each entry of ``ROLE_CUES`` stand in a sentence, in its order (cached: every
    actor of the sentence asks)."""
    return tuple(tuple((c.start(), c.end()) for c in pattern.finditer(text)) for _, pattern in ROLE_CUES)


def _nearest_actor(neighbours, start: int, end: int, role: str):
    """The mention with an actor nearest to a cue (within 120 characters), or None."""
    best, best_dist = None, None
    for m in neighbours:
        if not m.actor_id:
            continue
        dist = 0 if m.start <= start < m.end else min(abs(m.start - end), abs(start - m.end))
        if best_dist is None or dist < best_dist:
            best, best_dist = m, dist
    if best is None or best_dist > 120:
        return None
    return best


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


#: a police unit named by its kind, resolved or not: "die Leiterin des Polizeipostens Heidenau"
_UNIT_WORD = re.compile(r"polizei(?:posten|station|revier|direktion|inspektion|präsidium)|\brevier(?:s|es)?\b", re.I)


def _police_of_officer(report_id: str, role: str, around: str, actors: dict[str, Actor]) -> Actor | None:
    """Whom a police officer with no unit of their own acts for: the one unit of their kind the report names
    (a president the directorate, an officer of a station the station), the police with no unit named
    (``police:*``) when the report names no police unit; None when it names several, or one the
    gazetteer does not know (the network then falls back on the affiliation another report gives, as an
    uncertain link)."""
    if not any(a.kind == "police" and not a.actor_id.startswith("col:") for a in actors.values()):
        # no unit at all, unless the officer's own sentences name one the gazetteer does not know
        return None if _UNIT_WORD.search(around) else _collective(report_id, "police", [role], actors)
    units = sorted(a for a in actors if a.startswith("pol:"))  # "Polizeiposten Heidenau", not in the gazetteer: no guess
    prefix = {"Polizeidirektion": "pol:PD_", "Polizeirevier": "pol:PR_"}.get(office_unit_type(role), "pol:")
    of_kind = [a for a in units if a.startswith(prefix)]
    return actors[of_kind[0]] if len(of_kind) == 1 else None


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
