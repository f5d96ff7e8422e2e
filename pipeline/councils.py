"""Which prevention council a mention stands for: the council's name as its town writes it, the generic words.

A town's prevention council is written in many ways ("Kriminalpräventiver Rat (KPR) der Stadt
Leipzig", "der KPR", "Görlitzer Präventionsrat"); these functions give each the one actor of
its town, so the council and its town are linked (docs/gold-format.md, "Prevention councils").
They run inside linking (:mod:`.link`), on one report's mentions and actors.

>>> council_name("Kommunalen Präventionsrates (KPR) der Stadt Plauen")
'Kommunaler Präventionsrat Plauen'
"""

from __future__ import annotations

import re

from .gazetteer import Gazetteer
from .nlp import MEETING_BODIES, NAMED_COUNCIL
from .records import INFERRED, Actor, Mention, as_row, merge_actor, org_id

#: A council's name as written: adjective, head, "(KPR)", "der Stadt", town ("Kriminalpräventiven Rates (KPR) der Stadt Leipzig").
_COUNCIL_NAME = re.compile(
    r"^(?:(?P<adj>[Kk]ommunal|[Kk]riminalpräventiv|[Kk]ommunalpräventiv)(?:e|er|en)\s+)?"
    r"(?P<head>(?:Kriminal)?Präventionsr(?:at|ats|ates)|(?<=\s)Rat(?:s|es)?|KPRs?)"
    r"(?:\s*\(KPR\))?"
    r"(?:\s+(?:der|des)\s+(?:Stadt|Gemeinde|Landeshauptstadt|Großen\s+Kreisstadt))?"
    r"(?:\s+(?P<town>[A-ZÄÖÜ][\w\-/.]*(?:\s+[A-ZÄÖÜ][\w\-/.]*)?))?$"
)


def council_name(name: str) -> str:
    """The nominative name of a town's prevention council, as the town calls it, without "(KPR)" or "der Stadt".

    >>> council_name("Kriminalpräventiven Rates (KPR) der Stadt Leipzig"), council_name("KPR Plauen")
    ('Kriminalpräventiver Rat Leipzig', 'Kommunaler Präventionsrat Plauen')
    >>> council_name("Kommunalen Präventionsrates"), council_name("Stadtrat Plauen")
    ('Kommunaler Präventionsrat', '')
    """
    m = _COUNCIL_NAME.match(" ".join(name.split()))
    if not m:
        return ""
    head = m.group("head")
    if head.startswith("KPR"):
        adj, head = "Kommunaler", "Präventionsrat"
    else:
        adj = f"{m.group('adj').capitalize()}er" if m.group("adj") else ""
        head = re.sub(r"(?:e?s)$", "", head) if head.lower().startswith(("rat", "präventionsr", "kriminalpräventionsr")) else head
    return " ".join(w for w in (adj, head, m.group("town") or "") if w)


def generic_council(name: str) -> bool:
    """A council named without its town: "der Kommunale Präventionsrat", "KPR"."""
    return bool(MEETING_BODIES.search(name)) and not name.lower().startswith("allianz")


def council_of(gaz: Gazetteer, ags: str, head: str = "Kommunaler Präventionsrat") -> Actor:
    """The prevention council of a town, under the name a report gives it in full: "Kommunaler Präventionsrat Plauen"."""
    name = f"{head} {gaz.municipalities[ags].name}"
    return Actor(actor_id=org_id(name), name=name, kind="other",
                 key=f"org:{name}", ags=ags, confidence=0.85, basis=INFERRED, note="council named by the town after it")


def councils_of_towns(gaz: Gazetteer, text: str, mentions: list[Mention], actors: dict[str, Actor]) -> None:
    """"des Kommunalen Präventionsrates (KPR) in Plauen", "der KPR der Stadt Plauen": the generic council
    words followed by a town stand for that town's council."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for i, m in enumerate(ordered):
        actor = actors.get(m.actor_id)
        if actor is None or not generic_council(actor.name):
            continue
        run = [m]
        j = i + 1
        while j < len(ordered) and (a := actors.get(ordered[j].actor_id)) is not None and generic_council(a.name) \
                and re.fullmatch(r"\s*\(?\s*", text[run[-1].end : ordered[j].start]):
            run.append(ordered[j])  # "Kommunalen Präventionsrates (KPR)"
            j += 1
        if j >= len(ordered):
            continue
        town = actors.get(ordered[j].actor_id)
        glue = text[run[-1].end : ordered[j].start]
        if town is None or town.kind != "municipality" or not town.ags or not _COUNCIL_TOWN_GLUE.fullmatch(glue):
            continue
        council = merge_actor(actors, council_of(gaz, town.ags))
        for r in run:
            r.actor_id = council.actor_id


def council_of_the_one_town(gaz: Gazetteer, mentions: list[Mention], actors: dict[str, Actor]) -> None:
    """"der Kriminalpräventive Rat" in a report that names one town and no council by name: that town's council."""
    generic = [a for a in actors.values() if a.actor_id.startswith("org:") and generic_council(a.name)]
    towns = sorted({a.ags for a in actors.values() if a.kind == "municipality" and a.ags})
    if not generic or len(towns) != 1 or any(NAMED_COUNCIL.match(a.name) for a in actors.values()):
        return
    # one council, under the fullest of the names the report gives it ("Kommunaler Präventionsrat", not "Präventionsrat")
    head = max((council_name(a.name) or "Kommunaler Präventionsrat" for a in generic), key=lambda n: (len(n.split()), n))
    for actor in generic:
        council = merge_actor(actors, council_of(gaz, towns[0], head=head))
        for m in mentions:
            if m.actor_id == actor.actor_id:
                m.actor_id = council.actor_id
        actors.pop(actor.actor_id, None)


def councils_by_town(mentions: list[Mention], actors: dict[str, Actor]) -> None:
    """Two names of one town's council are one actor, under the fullest name: "Oelsnitzer Präventionsrat" =
    "Kommunaler Präventionsrat Oelsnitz/Erzgeb."."""
    by_town: dict[str, list[Actor]] = {}
    for a in actors.values():
        if a.actor_id.startswith("org:") and a.ags and NAMED_COUNCIL.match(a.name):
            by_town.setdefault(a.ags, []).append(a)
    for same in by_town.values():
        keep = max(same, key=lambda a: (len(a.name.split()), a.name))
        for other in same:
            if other is not keep:
                for m in mentions:
                    if m.actor_id == other.actor_id:
                        m.actor_id = keep.actor_id
                actors.pop(other.actor_id, None)


def council_in_full(mentions: list[Mention], actors: dict[str, Actor]) -> None:
    """"des Plauener Präventionsrates" and "des Kommunalen Präventionsrates" in one report: the one named
    council under the fuller designation the report gives it, "Kommunaler Präventionsrat Plauen"."""
    named = [a for a in actors.values() if a.actor_id.startswith("org:") and a.ags and NAMED_COUNCIL.match(a.name)]
    if len(named) != 1:
        return
    council = named[0]
    town = council.name.rpartition(" ")[2]
    head = council.name[: -len(town)].strip()
    # its mentions' own words ("Kommunalen Präventionsrates", already linked to it), and generic councils not yet linked
    fuller = [council_name(m.text) for m in mentions if m.actor_id == council.actor_id and generic_council(m.text)]
    fuller += [council_name(a.name) for a in actors.values() if a.actor_id.startswith("org:") and generic_council(a.name)]
    fuller = sorted({f for f in fuller if f.endswith(" " + head) and len(f.split()) > len(head.split())})
    if len(fuller) != 1:
        return
    name = f"{fuller[0]} {town}"
    renamed = Actor(**{**as_row(council), "actor_id": org_id(name), "name": name, "key": f"org:{name}"})
    renamed = merge_actor(actors, renamed)
    for m in mentions:
        if m.actor_id == council.actor_id:
            m.actor_id = renamed.actor_id
    if renamed.actor_id != council.actor_id:
        actors.pop(council.actor_id, None)


#: Between a council's generic name and its town: "(KPR) in", "der Stadt", "von".
_COUNCIL_TOWN_GLUE = re.compile(r"\s*\)?\s*(?:(?:in|von|für|der\s+Stadt|der\s+Gemeinde|der\s+Großen\s+Kreisstadt)\s+)?", re.I)
