"""Persons' offices and affiliations: who a named person is and whom they act for.

The office is read from the words around the name (left: "der Leiter des
Polizeireviers Werdau, Jens Kühn"; right: an apposition or "vom Verein …"; "als
Koordinator" later in the sentence), the affiliation from the organisation or
town in those words.  A sentence that opens with an office and names no one speaks
of the person just named; a mayor with no town named is the mayor of the meeting
place (inferred, with a note).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..gazetteer import Gazetteer
from ..link import LinkedReport, Linker, only_unit
from ..nlp import RANKS
from ..records import MUNICIPAL_KINDS, Actor, Meeting
from ..text import clean_space
from .lexicon import (
    AREA_BEFORE,
    DISTRICT_OFFICES,
    MUNICIPAL_OFFICES,
    OFFICE_BODIES,
    OTHER_STATES,
    PARTIES,
    POLICE_OFFICES,
    ROLE_TOKEN,
    office_unit_type,
)


class PersonRoles:
    """Fills in ``role`` and ``affiliation`` of the person actors of a report."""

    def __init__(self, gaz: Gazetteer, linker: Linker):
        self.gaz = gaz
        self.linker = linker

    def roles(self, linked: LinkedReport, doc: Doc, actors: dict[str, Actor]) -> None:
        """Office (Koordinator, Bürgermeisterin …) and affiliation of each person, from the words around the name."""
        linked_at = {m.start: actors[m.actor_id] for m in linked.mentions if m.actor_id in actors}
        text = linked.report.text  # the doc's text (tagging checks it), without rebuilding it from the tokens each time
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
            affiliation = (
                self._affiliation(doc, phrase, role, actors, linked_at, text)
                # "Landrätin Dr. Cornelia Wiesner (Landkreis Mittelsachsen)": the office on the left, the body in brackets
                or self._affiliation(doc, _bracketed_after(doc, span), role or actor.role, actors, linked_at, text)
            ) or self._office_body(
                # this mention's office first: "Staatsminister Armin Schuster" names no ministry, a later
                # "Innenminister Armin Schuster" does
                role or actor.role, text[max(0, span.start_char - 40) : span.start_char]
            )
            if affiliation:
                actor.affiliation = affiliation.actor_id
                if affiliation.actor_id not in actors:
                    actors[affiliation.actor_id] = affiliation
                if affiliation.ags and not actor.ags:
                    actor.ags, actor.district, actor.district_ags = affiliation.ags, affiliation.district, affiliation.district_ags

    def anaphoric_offices(self, linked: LinkedReport, doc: Doc, actors: dict[str, Actor]) -> None:
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
            affiliation = self._affiliation(doc, phrase, office, actors, text=linked.report.text)
            if affiliation is not None:
                person.role = person.role or office.strip(",")
                person.affiliation = affiliation.actor_id
                actors.setdefault(affiliation.actor_id, affiliation)

    def offices_of_meeting_place(self, actors: dict[str, Actor], meeting: Meeting) -> None:
        """"Oberbürgermeister Jens Tamme begrüßte …" with no town named: the mayor of the town where they meet;
        "Polizeirevierleiter Candy Sommer": the head of the station seated there.

        Only offices that a town or district has exactly one of; marked inferred, with a note.
        """
        for actor in list(actors.values()):
            if actor.kind != "person" or actor.affiliation or not actor.role:
                continue
            key = ""
            if re.search(r"bürgermeister", actor.role, re.I) and meeting.ags:
                key = f"admin:{meeting.ags}"
            elif re.fullmatch(r"landr(?:at|ätin)", actor.role, re.I) and meeting.ags:
                key = self._landratsamt(self.gaz.municipalities[meeting.ags].district_ags)
            elif re.search(r"revier", actor.role, re.I) and meeting.ags in self.gaz.municipalities:
                station = self._police_unit_in(self.linker.actor_for_key(f"ags:{meeting.ags}"), actor.role)
                key = station.key if station is not None else ""
            if not key:
                continue
            org = actors.get(self.linker.actor_for_key(key).actor_id) or self.linker.actor_for_key(key)
            actors.setdefault(org.actor_id, org)
            actor.affiliation = org.actor_id
            actor.ags, actor.district, actor.district_ags = org.ags, org.district, org.district_ags
            actor.note = clean_space(f"{actor.note} affiliation inferred from the meeting place ({meeting.municipality})")

    def _affiliation(self, doc: Doc, phrase, role: str, actors: dict[str, Actor], linked_at: dict[int, Actor] | None = None,
                     text: str | None = None) -> Actor | None:
        if phrase is None:
            return None
        candidates: list[Actor] = []
        for ent in phrase.ents if hasattr(phrase, "ents") else []:
            # the actor the linker gave this name in the report ("des KPR in Plauen" -> Plauen's council), else afresh
            resolved = (linked_at or {}).get(ent.start_char) or self.linker.resolve(ent, self.linker._place_context(doc), {})
            if resolved is not None and resolved.kind not in ("person", "region", "venue") and not resolved.actor_id.startswith("place:") \
                    and resolved.name.casefold() not in PARTIES and ent.text.casefold() not in PARTIES \
                    and not (resolved.kind in ("municipality", "district") and AREA_BEFORE.search((text or doc.text)[max(0, ent.start_char - 30):ent.start_char])):
                # ("zuständig für den Raum Leipzig im Landespräventionsrat": an area, not whom the person acts for)
                candidates.append(resolved)
        for tok in phrase:  # "der Freiberger Oberbürgermeister": a place adjective
            if tok.ent_type_:
                continue
            keys = [k for k in self.gaz.adjective_candidates(tok.text) if k.startswith("ags:")]
            if len(keys) == 1:
                candidates.append(self.linker.actor_for_key(keys[0]))
        if not candidates:  # "der Präsident der Polizeidirektion": the one directorate the report names
            for tok in phrase:
                unit = only_unit(actors, tok.text) if tok.ent_type_ in ("", "MISC") else None
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
        office = self._landratsamt(best.district_ags) if best.kind == "district" else ""
        if office and role and DISTRICT_OFFICES.search(role):
            best = self.linker.actor_for_key(office)
        if best.kind in ("municipality", "municipality_admin") and role and DISTRICT_OFFICES.search(role):
            # "der Görlitzer Landrat": the district named after the town
            named = [d for d in self.gaz.districts.values()
                     if d.type != "kreisfreie Stadt" and d.short_name == self.gaz.municipalities[best.ags].name]
            if len(named) == 1:
                best = self.linker.actor_for_key(f"lra:{named[0].district_ags}")
        if role and POLICE_OFFICES.search(role) and best.kind in MUNICIPAL_KINDS:
            # "Görlitz' Polizeipräsident", "Revierleiter in Zittau": an officer works for a police unit, never
            # for a town; the unit seated in the town where the office says which, else no affiliation
            best = self._police_unit_in(best, role)
            if best is None:
                return None
        elif role and MUNICIPAL_OFFICES.search(role) and best.kind == "police":
            return None  # a mayor is never a police officer's colleague by affiliation
        known = actors.get(best.actor_id)
        return known or best

    def _landratsamt(self, district_ags: str) -> str:
        """The key of a district's Landratsamt, or "" for a kreisfreie Stadt (its own district: no Landratsamt)."""
        district = self.gaz.districts.get(district_ags) if district_ags else None
        return f"lra:{district_ags}" if district is not None and district.type != "kreisfreie Stadt" else ""

    def _office_body(self, role: str, before: str) -> Actor | None:
        """The body an office names by itself: "Innenminister" -> the Saxon interior ministry (roles.json);
        none where the words before it name another state ("Bayerns Innenminister")."""
        if not role or OTHER_STATES.search(role) or OTHER_STATES.search(before.split(".")[-1]):
            return None
        # the office with the words between it and the name: "Staatssekretär des Inneren Dr. Frank Pfeil"
        office = before[before.rfind(role):] if role in before else role
        for pattern, key in OFFICE_BODIES:
            if pattern.search(office):
                return self.linker.actor_for_key(key)
        return None

    def _police_unit_in(self, place: Actor, role: str) -> Actor | None:
        """The police unit an office names in a town: the directorate for a president, else the station."""
        if not place.ags:
            return None
        units = self.gaz.police_seated_in(place.ags, office_unit_type(role) or "Polizeirevier")
        return self.linker.actor_for_key(f"police:{units[0].id}") if len(units) == 1 else None


# ---------------------------------------------------------------- helpers
DASHES = {"-", "–", "—"}


def _role_phrase(doc: Doc, span):
    """The office around a name and the words that hold its organisation.

    Looks left ("der Leiter des Polizeireviers Werdau, Jens Kühn"; "Moderator Martin Z."),
    right in an apposition ("Frank Z., Koordinator in Plauen," / "Anna B. (Leiterin … der PD Leipzig)"),
    and for "als Koordinator" later in the same sentence.
    """
    sent = span.sent
    # right: an office after a dash, in a list of members: "Sonja Penzel - Präsidentin Polizeidirektion Chemnitz, …"
    if span.end + 1 < sent.end and doc[span.end].text in DASHES and ROLE_TOKEN.match(doc[span.end + 1].text):
        j = span.end + 1
        while j < sent.end and doc[j].text not in {",", ".", ";", "(", ")"} and doc[j].text not in DASHES and j - span.end < 10:
            j += 1
        return doc[span.end + 1].text, doc[span.end + 1 : j]
    # right: apposition in commas or parentheses
    if span.end < sent.end and doc[span.end].text in {",", "("}:
        closing = ")" if doc[span.end].text == "(" else ","
        j = span.end + 1
        while j < sent.end and doc[j].text not in {closing, ".", ";"} and j - span.end < 18:
            # "Sven Forkert, Geschäftsführer LPR und Matthias Böhme, Leiter …": the next person ends the apposition
            if doc[j].lower_ in {"und", "sowie"} and j + 1 < sent.end and doc[j + 1].ent_type_ == "PER" and doc[j + 1].ent_iob_ == "B":
                break
            j += 1
        phrase = doc[span.end + 1 : j]
        # "…, Philipp Eichler, der Leiter der Polizeidirektion Görlitz, Manfred Weißbach, und …": the office
        # between two names in a list is the next one's (its office on the left), not an apposition
        nxt = j + 1
        while closing == "," and nxt < sent.end and doc[nxt].text in RANKS:
            nxt += 1
        if closing == "," and j < sent.end and doc[j].text == "," and nxt < sent.end and doc[nxt].ent_type_ == "PER" \
                and doc[nxt].ent_iob_ == "B":
            phrase = doc[span.end + 1 : span.end + 1]
        # "vom Oberbürgermeister Gerd Härtig, vom Vertreter der Polizeidirektion Daniel Mende sowie …": words that
        # name another person are the next item of a list, not this one's apposition
        if closing == "," and any(tok.ent_type_ == "PER" for tok in phrase):
            phrase = doc[span.end + 1 : span.end + 1]
        for tok in phrase[:4]:
            if ROLE_TOKEN.match(tok.text):
                return tok.text, phrase
        apposition = phrase if len(phrase) else None
    else:
        apposition = None
    # right: "Rico Henke vom Jugendhaus Villa e. V.", "Thomas Werner von der Polizeidirektion Leipzig"
    k = span.end
    if k < sent.end and doc[k].lower_ in {"vom", "von", "aus", "beim", "bei"}:
        # "bei" names where one works only with the body straight after it ("bei der Polizeidirektion");
        # "bei der Vorstellung des Netzwerks" is the occasion, not an affiliation
        at = doc[k].lower_ in {"beim", "bei"}
        k += 1
        if k < sent.end and doc[k].lower_ in {"der", "dem", "des", "den"}:
            k += 1
        # "vom Verein Jugendwerkstatt Muldental e. V.", "vom Sachgebiet Prävention der Polizeidirektion Leipzig"
        while not at and k < min(sent.end, span.end + 8) and not (doc[k].ent_type_ == "ORG" and doc[k].ent_iob_ == "B"):
            # "von der Stabsstelle Asyl beim Landratsamt Mittelsachsen": a section at its body
            if doc[k].text in {",", ".", ";", "(", ")"} or (doc[k].is_lower and doc[k].lower_ not in {"der", "des", "für", "und", "beim", "im"}):
                break
            k += 1
        if k < sent.end and doc[k].ent_type_ in ("ORG",) and doc[k].ent_iob_ == "B":
            end = k + 1
            while end < sent.end and doc[end].ent_iob_ == "I":
                end += 1
            return "", doc[k:end]
    # right: a genitive organisation straight after the name: "Dr. Cathleen Bochmann der Aktion Zivilcourage e. V."
    if k + 1 < sent.end and doc[k].lower_ in {"der", "des"} and doc[k + 1].ent_type_ == "ORG" and doc[k + 1].ent_iob_ == "B":
        end = k + 2
        while end < sent.end and doc[end].ent_iob_ == "I":
            end += 1
        return "", doc[k + 1 : end]
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
                    # "…, Sonja Penzel - Präsidentin Polizeidirektion Chemnitz, Ralph Burghart - …": an office
                    # after a dash is the name's before it
                    if r - 2 >= sent.start and doc[r - 1].text in DASHES and doc[r - 2].ent_type_ == "PER":
                        break
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


def _bracketed_after(doc: Doc, span):
    """The words in brackets right after a name ("Cornelia Wiesner (Landkreis Mittelsachsen)"), or None."""
    if span.end >= span.sent.end or doc[span.end].text != "(":
        return None
    j = span.end + 1
    while j < span.sent.end and doc[j].text != ")" and j - span.end < 12:
        j += 1
    return doc[span.end + 1 : j] if j < span.sent.end and doc[j].text == ")" else None


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
