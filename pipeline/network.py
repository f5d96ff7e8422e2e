"""pandas tables -> edge table and networkx graphs.

Edge kinds (``edges.csv``):

* ``co_participation`` — two actors took part in the same meeting(s); weight = shared meetings;
* ``cross_municipality`` — two different municipalities (``mun:<ags>``) took part in one meeting
  through any of their actors (the town, its administration, its people);
* ``police_municipality`` — a police actor and a municipal actor (town, administration,
  district, district office, a collective of these; people count through their affiliation)
  took part in one meeting;
* ``affiliation`` — person -> organisation, administration -> municipality, Landratsamt -> district;
* ``located_in`` — municipality -> district, police unit -> seat municipality.

Every edge carries its evidence: meeting ids, report ids and the sentences it rests on, a
basis (``stated`` when each side's participation is stated, else ``inferred``), a confidence
(the weaker side's) and ``uncertain`` when that confidence is below :data:`UNCERTAIN_BELOW`.

>>> import pandas as pd
>>> actors = pd.DataFrame([{"actor_id": "a", "kind": "police"}, {"actor_id": "b", "kind": "municipality", "ags": "1"}])
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx
import pandas as pd

from .records import MUNICIPAL_KINDS, PARTICIPANT_ROLES, STATED, frame_rows

UNCERTAIN_BELOW = 0.7
EDGE_COLUMNS = [
    "source", "target", "kind", "weight", "meetings", "reports", "basis", "confidence", "uncertain", "sentence_ids", "evidence",
]  # fmt: skip
MAX_EVIDENCE = 6
#: The most a link can be sure of when a person counts through an affiliation that another report gives them.
ELSEWHERE_CONFIDENCE = 0.6


def _is_police(actor: dict) -> bool:
    return actor.get("kind") == "police" or (actor.get("kind") == "collective" and actor.get("key") == "police:*")


def _is_municipal(actor: dict) -> bool:
    return actor.get("kind") in MUNICIPAL_KINDS or (actor.get("kind") == "collective" and actor.get("key") == "municipal:*")


class _EdgeBook:
    """Collects evidence per (source, target, kind) and folds it into columns.

    Each piece of evidence is a tuple (meeting, report, basis, confidence, sentences), and the
    edges come out column by column: a corpus has hundreds of thousands of edges, and one dict
    per edge would hold the table twice over while it is built.
    """

    def __init__(self) -> None:
        self.items: dict[tuple[str, str, str], list[tuple]] = defaultdict(list)

    def add(self, a: str, b: str, kind: str, meeting: str, report: str, basis: str, confidence: float, sentences: list[tuple[str, str]], directed: bool = False) -> None:
        if a == b:
            return
        s, t = (a, b) if directed or a < b else (b, a)
        self.items[(s, t, kind)].append((meeting, report, basis, confidence, sentences))

    def columns(self) -> dict[str, list]:
        cols: dict[str, list] = {c: [] for c in EDGE_COLUMNS}
        for key in sorted(self.items):
            s, t, kind = key
            items = self.items.pop(key)  # folded: its evidence is no longer needed
            meetings = sorted({i[0] for i in items if i[0]})
            reports = sorted({i[1] for i in items if i[1]})
            sentences: dict[str, str] = {}
            for i in sorted(items, key=lambda x: (x[0], x[1])):
                for sid, text in i[4]:
                    if sid and sid not in sentences:
                        sentences[sid] = text
            confidence = max(i[3] for i in items)
            basis = STATED if any(i[2] == STATED for i in items) else "inferred"
            ids = sorted(sentences)[:MAX_EVIDENCE]
            for column, value in (
                ("source", s), ("target", t), ("kind", kind),
                ("weight", len(meetings) or len(reports) or 1),
                ("meetings", ";".join(meetings)), ("reports", ";".join(reports)),
                ("basis", basis), ("confidence", round(confidence, 2)),
                ("uncertain", bool(confidence < UNCERTAIN_BELOW or basis != STATED)),
                ("sentence_ids", ";".join(ids)), ("evidence", " | ".join(sentences[i] for i in ids)),
            ):
                cols[column].append(value)
        return cols


def build_edges(actors: pd.DataFrame, meetings: pd.DataFrame, participation: pd.DataFrame, mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """All actor–actor edges with their evidence, deterministically ordered."""
    info = {r["actor_id"]: r for r in frame_rows(actors)}
    sentence_text = dict(zip(sentences["sentence_id"], sentences["text"])) if len(sentences) else {}
    report_of = dict(zip(meetings["meeting_id"], meetings["report_id"])) if len(meetings) else {}
    book = _EdgeBook()
    part = participation[participation["role"].isin(PARTICIPANT_ROLES)] if len(participation) else participation
    # the rows once as records, grouped by meeting (a frame's to_dict per meeting costs more than the edges)
    by_meeting: dict[str, list[dict]] = defaultdict(list)
    for r in frame_rows(part) if len(part) else []:
        by_meeting[r["meeting_id"]].append(r)
    for meeting_id in sorted(by_meeting):
        report = report_of.get(meeting_id, "")
        rows = sorted(by_meeting[meeting_id], key=lambda r: r["actor_id"])
        ev = {r["actor_id"]: (r["sentence_id"], sentence_text.get(r["sentence_id"], r.get("evidence", ""))) for r in rows}
        # co-participation
        for a, b in combinations(rows, 2):
            basis = STATED if a["basis"] == STATED and b["basis"] == STATED else "inferred"
            book.add(a["actor_id"], b["actor_id"], "co_participation", meeting_id, report, basis, min(a["confidence"], b["confidence"]), [ev[a["actor_id"]], ev[b["actor_id"]]])
        # who stands for whom: a person counts through the organisation they act for in this meeting, as
        # its report says (``acts_for``); where it names none, through the affiliation another report gives
        # them, and a link that rests on it is inferred and uncertain (people change posts)
        sides = []
        for r in rows:
            actor = info.get(r["actor_id"], {})
            standin = actor
            if actor.get("kind") == "person":
                if r.get("acts_for") in info:
                    standin = info[r["acts_for"]]
                elif actor.get("affiliation") in info:
                    standin = info[actor["affiliation"]]
                    r = {**r, "basis": "inferred", "confidence": min(float(r["confidence"]), ELSEWHERE_CONFIDENCE)}
            sides.append((r, actor, standin))
        # cross-municipality: municipalities (by ags) present through any of their municipal actors
        municipalities: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
        for r, actor, standin in sides:
            if standin.get("kind") in ("municipality", "municipality_admin") and standin.get("ags"):
                municipalities[standin["ags"]].append((r, actor))
        for ags_a, ags_b in combinations(sorted(municipalities), 2):
            ra = max(municipalities[ags_a], key=lambda x: x[0]["confidence"])[0]
            rb = max(municipalities[ags_b], key=lambda x: x[0]["confidence"])[0]
            basis = STATED if ra["basis"] == STATED and rb["basis"] == STATED else "inferred"
            book.add(f"mun:{ags_a}", f"mun:{ags_b}", "cross_municipality", meeting_id, report, basis, min(ra["confidence"], rb["confidence"]), [ev[ra["actor_id"]], ev[rb["actor_id"]]])
        # police–municipality
        police = [(r, standin) for r, actor, standin in sides if _is_police(standin)]
        municipal = [(r, standin) for r, actor, standin in sides if _is_municipal(standin)]
        for rp, p in police:
            for rm, m in municipal:
                basis = STATED if rp["basis"] == STATED and rm["basis"] == STATED else "inferred"
                book.add(p["actor_id"], m["actor_id"], "police_municipality", meeting_id, report, basis, min(rp["confidence"], rm["confidence"]), [ev[rp["actor_id"]], ev[rm["actor_id"]]], directed=True)
    # affiliation and location
    first_sentence = {}
    if len(mentions):
        for r in frame_rows(mentions.sort_values(["report_id", "start"])):
            first_sentence.setdefault((r["report_id"], r["actor_id"]), r["sentence_id"])
    # an administration never named itself rests on the sentences naming its people
    members: dict[str, list[str]] = defaultdict(list)
    for actor_id, actor in info.items():
        if actor.get("affiliation"):
            members[actor["affiliation"]].append(actor_id)
    first_by_actor: dict[str, list[tuple[str, str]]] = defaultdict(list)  # actor -> (report, sentence): one pass, not one per actor
    for (rep, aid), sid in first_sentence.items():
        first_by_actor[aid].append((rep, sid))
    for actor_id, actor in sorted(info.items()):
        aff = actor.get("affiliation")
        if aff and aff in info:
            sources = [actor_id] if actor_id in first_by_actor else sorted(set(members.get(actor_id, [])))
            found = sorted(pair for source in sources for pair in first_by_actor.get(source, ()))
            evidence = [(sid, sentence_text.get(sid, "")) for _, sid in found][:MAX_EVIDENCE]
            reports = sorted({rep for rep, _ in found})
            for rep in reports or [""]:
                book.add(actor_id, aff, "affiliation", "", rep, actor.get("basis") or STATED, float(actor.get("confidence") or 1.0), evidence, directed=True)
        if actor.get("kind") == "municipality" and actor.get("district_ags") and f"dist:{actor['district_ags']}" in info:
            book.add(actor_id, f"dist:{actor['district_ags']}", "located_in", "", "", STATED, 1.0, [], directed=True)
        if actor.get("kind") == "police" and actor.get("ags") and f"mun:{actor['ags']}" in info:
            book.add(actor_id, f"mun:{actor['ags']}", "located_in", "", "", STATED, 1.0, [], directed=True)
    return pd.DataFrame(book.columns(), columns=EDGE_COLUMNS)


def _scalar_attrs(row: dict) -> dict:
    """GraphML/GEXF take scalars only: drop None/NaN, keep str/int/float/bool."""
    out = {}
    for k, v in row.items():
        if v is None or (isinstance(v, float) and v != v) or v == "":
            continue
        if isinstance(v, (bool, int, float, str)):
            out[k] = v
        else:
            out[k] = str(v)
    return out


def build_graph(actors: pd.DataFrame, meetings: pd.DataFrame, participation: pd.DataFrame, edges: pd.DataFrame) -> nx.MultiGraph:
    """One graph for Gephi: actor and meeting nodes; participation and actor–actor edges (``kind``)."""
    g = nx.MultiGraph(name="akteursnetz")
    for row in frame_rows(actors):
        attrs = _scalar_attrs(row)
        attrs.pop("actor_id", None)
        attrs["label"] = attrs.pop("name", row["actor_id"])
        if "key" in attrs:  # GEXF writers rename an attribute called "key"
            attrs["actor_key"] = attrs.pop("key")
        attrs["node_type"] = "actor"
        g.add_node(row["actor_id"], **attrs)
    for row in frame_rows(meetings):
        attrs = _scalar_attrs(row)
        attrs.pop("meeting_id", None)
        attrs["label"] = f"{row.get('type', '')} {row.get('date') or ''}".strip()
        attrs["node_type"] = "meeting"
        attrs["meeting_type"] = attrs.pop("type", "")
        g.add_node(row["meeting_id"], **attrs)
    for row in frame_rows(participation):
        attrs = _scalar_attrs(row)
        a, m = attrs.pop("actor_id"), attrs.pop("meeting_id")
        attrs["kind"] = "participation"
        g.add_edge(a, m, key=f"participation:{attrs.get('role', '')}", **attrs)
    for row in frame_rows(edges):
        attrs = _scalar_attrs(row)
        s, t = attrs.pop("source"), attrs.pop("target")
        g.add_edge(s, t, key=attrs["kind"], **attrs)
    return g


def actor_graph(edges: pd.DataFrame, kinds: tuple[str, ...] = ("co_participation",)) -> nx.Graph:
    """Weighted actor–actor graph of the given edge kinds (for centrality and drawing)."""
    g = nx.Graph()
    for row in frame_rows(edges[edges["kind"].isin(kinds)]):
        g.add_edge(row["source"], row["target"], weight=row["weight"], kind=row["kind"])
    return g


def bipartite_graph(actors: pd.DataFrame, meetings: pd.DataFrame, participation: pd.DataFrame, participants_only: bool = True) -> nx.Graph:
    """The actor–meeting graph (``bipartite`` = 0 for actors, 1 for meetings)."""
    g = nx.Graph()
    part = participation[participation["role"].isin(PARTICIPANT_ROLES)] if participants_only else participation
    kinds = dict(zip(actors["actor_id"], actors["kind"]))
    for row in frame_rows(part):
        g.add_node(row["actor_id"], bipartite=0, kind=kinds.get(row["actor_id"], ""))
        g.add_node(row["meeting_id"], bipartite=1, kind="meeting")
        g.add_edge(row["actor_id"], row["meeting_id"], role=row["role"])
    return g
