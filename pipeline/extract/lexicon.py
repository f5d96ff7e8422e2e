"""The extraction lexicon: cue words from ``pipeline/data/lexicon/*.json``, compiled once.

The data files are the place to add a word (their README says how); this module
only turns their lists into the regular expressions the extraction matches with.

>>> [t for t, _ in MEETING_TYPES][:2]
['Unterzeichnung einer Kooperationsvereinbarung', 'Beitritt']
>>> bool(EVENT_VERB.search("Am Montag trafen sich die Bürgermeister"))
True
>>> bool(ROLE_TOKEN.match("Ordnungsbürgermeisterin"))
True
"""

from __future__ import annotations

import re

from ..lexicon import load


def alternatives(cues: list[str]) -> str:
    """The cues as one regex alternation (order kept)."""
    return "|".join(cues)


_types, _roles, _collectives, _venues = load("meeting_types"), load("roles"), load("collectives"), load("venues")

#: (type, pattern) in order of precedence.
MEETING_TYPES: list[tuple[str, str]] = [(t["type"], alternatives(t["cues"])) for t in _types["types"]]
#: Types whose meeting town takes part in them (``town_takes_part``): a town signs, joins, convenes its council.
TOWN_TAKES_PART: frozenset[str] = frozenset(t["type"] for t in _types["types"] if t.get("town_takes_part"))
#: (type, pattern) of cues that count only where no other type's cue is found (a council's name)
WEAK_TYPE_CUES: list[tuple[str, str]] = [(t["type"], alternatives(t["weak_cues"])) for t in _types["types"] if t.get("weak_cues")]
#: Any strong type cue, any weak one, any other event word: one compiled search each (lower-cased text)
TYPE_CUE = re.compile("|".join(f"(?:{p})" for _, p in MEETING_TYPES))
WEAK_TYPE_CUE = re.compile("|".join(f"(?:{p})" for _, p in WEAK_TYPE_CUES) or r"(?!x)x")
#: type -> (the type it becomes, "event" or "report", the cue pattern that makes it so)
TYPE_REFINEMENTS: dict[str, tuple[str, str, re.Pattern]] = {
    t["type"]: (t["becomes"]["type"], t["becomes"]["where"], re.compile(alternatives(t["becomes"]["when"]), re.I))
    for t in _types["types"] if "becomes" in t
}
#: (type, kinds of actors needed, cue pattern) for a meeting that has no type's cue ("other")
TYPE_FALLBACKS: list[tuple[str, tuple[str, ...], re.Pattern, re.Pattern | None]] = [
    (f["type"], tuple(f["needs"]), re.compile(alternatives(f["cues"]), re.I),
     re.compile(alternatives(f["unless"]), re.I) if f.get("unless") else None)
    for f in _types.get("fallbacks", [])
]
#: Words of events that are none of the types above (workshop, Sitzung, Besuch …).
OTHER_EVENT: str = alternatives(_types["other_events"])
OTHER_EVENT_WORD = re.compile(OTHER_EVENT)
#: Words that tell the event is still to come, or is a routine rather than one event.
ANNOUNCED = re.compile(rf"\b(?:{alternatives(_types['announced'])})\b", re.I)
#: A present passive ("getroffen werden"): its "werden" does not announce anything.
PASSIVE = re.compile(rf"\b(?:{alternatives(_types['passive'])})", re.I)
ROUTINE = re.compile(rf"\b(?:{alternatives(_types['routine'])})\b", re.I)
#: Words around a date that make it the page's publication time ("Stand: 10.09.2019").
PUBLICATION_WORDS = re.compile(rf"\b(?:{alternatives(_types['publication_words'])})", re.I)
#: Words that place the event on an earlier, unnamed day: the report's date is not the event's.
VAGUE_PAST = re.compile(rf"\b(?:{alternatives(_types['vague_past'])})\b", re.I)
#: A verb that tells an event happened.
EVENT_VERB = re.compile(rf"\b(?:zusammen|ein|hinzu|dazu)?({alternatives(_types['event_verbs'])})\b", re.I)

#: (role, pattern) cues of a role in the meeting, in the order they are checked.
ROLE_CUES: list[tuple[str, re.Pattern]] = [(c["role"], re.compile(alternatives(c["cues"]), re.I)) for c in _roles["role_cues"]]
#: Offices and functions before or after a person's name.
ROLE_WORDS: str = alternatives(_roles["offices"])
ROLE_TOKEN = re.compile(rf"^(?:[\wäöüß]+-)?[\wäöüß]*?(?:{ROLE_WORDS})$", re.I)
MUNICIPAL_OFFICES = re.compile(alternatives(_roles["municipal_offices"]), re.I)
POLICE_OFFICES = re.compile(alternatives(_roles["police_offices"]), re.I)
DISTRICT_OFFICES = re.compile(alternatives(_roles["district_offices"]), re.I)


def office_unit_type(role: str) -> str:
    """The gazetteer's type of police unit an office belongs to, "" where the office names none.

    >>> office_unit_type("Polizeipräsident"), office_unit_type("Revierleiterin"), office_unit_type("Polizeioberkommissar")
    ('Polizeidirektion', 'Polizeirevier', '')
    """
    if re.search(r"präsident|direktion", role, re.I):
        return "Polizeidirektion"
    return "Polizeirevier" if re.search(r"revier|bürgerpolizist", role, re.I) else ""


#: (office pattern, gazetteer key) of offices that name their body ("Innenminister" -> state:SMI).
OFFICE_BODIES: list[tuple[re.Pattern, str]] = [
    (re.compile(rf"(?<![\wäöüß]){o['office']}\b", re.I), o["key"]) for o in _roles["office_bodies"]
]
OTHER_STATES = re.compile(alternatives(_roles["other_states"]), re.I)
#: Spokespersons: they speak of the event, they need not have been there.
PRESS_OFFICES = re.compile(alternatives(_roles["press_offices"]), re.I)
#: A byline or credit right before a name: "Von Sabine Kreuz", "© Bernd Goldammer" inside the text.
BYLINE_BEFORE = re.compile(rf"(?:^|[\s(])(?:{alternatives([re.escape(b) for b in _roles['bylines']])})\s*$")
#: Words before a name that make it the press release's responsible person or contact: named, not at the event.
PRESS_CONTACT_BEFORE = re.compile(rf"(?:^|[\s(])(?:{alternatives([re.escape(b) for b in _roles['press_contacts']])})\s*$")
#: Political parties (casefolded): never a person's affiliation at a meeting.
PARTIES = frozenset(p.casefold() for p in _roles["parties"])
#: People who act for a town.
MUNICIPAL_PEOPLE = re.compile(rf"\b({alternatives(_roles['municipal_people'])})\b", re.I)

#: (group, pattern) for staff present but not named as a unit.
COLLECTIVES: list[tuple[str, re.Pattern]] = [
    (group, re.compile(rf"\b({alternatives(_collectives[group])})", re.I)) for group in ("police", "municipal")
]
#: A group noun before a list of towns (the members take part): "die Kommunen", "die Bürgermeister von".
TOWN_GROUP = re.compile(rf"\b(?:{alternatives(_collectives['town_groups'])})\b[^.;:]{{0,45}}[:–-]?\s*$", re.I)
#: Words of a sentence whose town list names a programme's members, not the meeting's.
PROGRAMME_LIST = re.compile(rf"\b(?:{alternatives(_collectives['programme_lists'])})", re.I)

VENUE_HEADS: str = alternatives(_venues["venue_heads"])
VENUE_WORD = re.compile(rf"^[\w\-äöüß]*?(?:{VENUE_HEADS})$", re.I)
ROOM_WORD = re.compile(rf"^\w*(?:{alternatives(_venues['rooms'])})$", re.I)
MENTION_ONLY_CONTEXT = re.compile(rf"({alternatives(_venues['mention_only_before'])})\s+(?:\S+\s+){{0,3}}$", re.I)
AREA_BEFORE = re.compile(rf"\b(?:{alternatives(_venues['area_before'])})\s+$", re.I)
