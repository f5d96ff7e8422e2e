"""The run's tables -> one networkx graph per question, ready for Gephi, igraph or networkx.

``network.graphml`` holds everything in one multigraph; centrality on it mixes
participation with projected links. These graphs keep one kind of tie each:

* :func:`actor_meeting_graph` — bipartite: actors (``bipartite=0``) and meetings (``bipartite=1``),
  one edge per participation (the six participant roles; ``mentioned``/``credit`` are left out);
* :func:`actor_graph` — actor–actor co-participation, ``weight`` = shared meetings;
* :func:`municipality_graph` — municipality–municipality (``mun:<ags>``) from cross-municipality
  links, ``weight`` = shared meetings, evidence (``meetings``, ``sentence_ids``, ``evidence``) as strings;
* :func:`police_municipality_graph` — police actors and municipal actors (``side``), weighted;
* :func:`timeline_graph` — the bipartite graph with meeting dates as GEXF time intervals.

Every attribute is a scalar (str, int, float, bool), so GraphML and GEXF take them as they are;
missing values are left out. The actor attribute ``key`` of ``actors.csv`` is called ``actor_key``
here: GEXF writers rename an attribute named ``key``.

>>> import pandas as pd
>>> actors = pd.DataFrame([
...     {"actor_id": "mun:14511000", "name": "Chemnitz", "kind": "municipality", "ags": "14511000"},
...     {"actor_id": "pol:PD_Chemnitz", "name": "PD Chemnitz", "kind": "police", "ags": "14511000"}])
>>> meetings = pd.DataFrame([{"meeting_id": "r1:m1", "date": "2024-05-14", "type": "KPR-Sitzung"}])
>>> participation = pd.DataFrame([
...     {"meeting_id": "r1:m1", "actor_id": a, "role": "participant", "basis": "stated", "confidence": 1.0}
...     for a in ("mun:14511000", "pol:PD_Chemnitz")])
>>> g = actor_meeting_graph(actors, meetings, participation)
>>> sorted(g.nodes), g.nodes["mun:14511000"]["ags"]
(['mun:14511000', 'pol:PD_Chemnitz', 'r1:m1'], '14511000')
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd

from .records import PARTICIPANT_ROLES, frame_rows

#: graph name -> edge kind of ``edges.csv`` it is built from (the bipartite graph has none)
PROJECTED_KINDS = {
    "actor_actor": "co_participation",
    "municipality": "cross_municipality",
    "police_municipality": "police_municipality",
}
GRAPH_NAMES = ("actor_meeting", "actor_actor", "municipality", "police_municipality")
_EDGE_ATTRS = ("weight", "meetings", "reports", "basis", "confidence", "uncertain", "sentence_ids", "evidence")
_INT_ATTRS = {"weight", "n_reports", "n_mentions"}
_FLOAT_ATTRS = {"confidence", "lat", "lon"}
_BOOL_ATTRS = {"uncertain"}


def scalar(name: str, value) -> str | int | float | bool | None:
    """One attribute value as GraphML/GEXF take it; ``None`` for a missing one.

    >>> scalar("weight", "3"), scalar("uncertain", "False"), scalar("ags", "14511000"), scalar("lat", float("nan"))
    (3, False, '14511000', None)
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    if name in _BOOL_ATTRS:
        return value if isinstance(value, bool) else str(value).strip().lower() in ("true", "1", "yes")
    if name in _INT_ATTRS:
        return int(float(value))
    if name in _FLOAT_ATTRS:
        return float(value)
    if isinstance(value, (bool, str)):
        return value
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return value if isinstance(value, (int, float)) else str(value)


def _attrs(row: dict, drop: tuple[str, ...] = ()) -> dict:
    out = {}
    for name, value in row.items():
        if name in drop:
            continue
        v = scalar(name, value)
        if v is not None:
            out["actor_key" if name == "key" else name] = v
    return out


def _actor_nodes(actors: pd.DataFrame) -> dict[str, dict]:
    """actor_id -> node attributes (``label`` = name, ``node_type`` = actor)."""
    nodes = {}
    for row in frame_rows(actors):
        attrs = _attrs(row, drop=("actor_id", "name"))
        nodes[row["actor_id"]] = {"label": str(row.get("name") or row["actor_id"]), "node_type": "actor", **attrs}
    return nodes


def _meeting_nodes(meetings: pd.DataFrame) -> dict[str, dict]:
    nodes = {}
    for row in frame_rows(meetings):
        attrs = _attrs(row, drop=("meeting_id", "type"))
        kind = scalar("type", row.get("type")) or ""
        label = f"{kind} {attrs.get('date', '')}".strip() or row["meeting_id"]
        nodes[row["meeting_id"]] = {"label": label, "node_type": "meeting", "meeting_type": kind, **attrs}
    return nodes


def _participants(participation: pd.DataFrame) -> pd.DataFrame:
    if not len(participation):
        return participation
    part = participation[participation["role"].isin(PARTICIPANT_ROLES)]
    return part.sort_values(["meeting_id", "actor_id"], kind="mergesort")


def actor_meeting_graph(actors: pd.DataFrame, meetings: pd.DataFrame, participation: pd.DataFrame) -> nx.Graph:
    """Bipartite actor–meeting graph: who took part in which meeting (nodes sorted, so files are stable)."""
    part = _participants(participation)
    actor_nodes, meeting_nodes = _actor_nodes(actors), _meeting_nodes(meetings)
    g = nx.Graph(name="actor_meeting")
    used_actors = sorted(set(part["actor_id"])) if len(part) else []
    for actor_id in used_actors:
        g.add_node(actor_id, **{**actor_nodes.get(actor_id, {"label": actor_id, "node_type": "actor"}), "bipartite": 0})
    for meeting_id in sorted(meeting_nodes):
        g.add_node(meeting_id, **{**meeting_nodes[meeting_id], "bipartite": 1})
    for row in frame_rows(part) if len(part) else []:
        if row["meeting_id"] not in g:
            continue
        attrs = _attrs(row, drop=("actor_id", "meeting_id"))
        g.add_edge(row["actor_id"], row["meeting_id"], **attrs)
    return g


def _projected(name: str, nodes: dict[str, dict], edges: pd.DataFrame, keep_nodes: list[str] = ()) -> nx.Graph:
    """A weighted graph of one edge kind; node attributes from ``nodes``."""
    kind = PROJECTED_KINDS[name]
    rows = edges[edges["kind"] == kind].sort_values(["source", "target"], kind="mergesort") if len(edges) else edges
    ids = sorted(set(keep_nodes) | (set(rows["source"]) | set(rows["target"]) if len(rows) else set()))
    g = nx.Graph(name=name)
    for node in ids:
        g.add_node(node, **nodes.get(node, {"label": node, "node_type": "actor"}))
    for row in frame_rows(rows) if len(rows) else []:
        g.add_edge(row["source"], row["target"], **_attrs({k: row.get(k) for k in _EDGE_ATTRS}))
    return g


def actor_graph(actors: pd.DataFrame, edges: pd.DataFrame) -> nx.Graph:
    """Actor–actor co-participation: an edge for each pair that met, ``weight`` = shared meetings."""
    return _projected("actor_actor", _actor_nodes(actors), edges)


def municipality_graph(actors: pd.DataFrame, edges: pd.DataFrame) -> nx.Graph:
    """Municipalities (every ``mun:<ags>`` actor; those without links stay as isolated nodes) and their cross links."""
    nodes = _actor_nodes(actors)
    towns = sorted(a for a in nodes if a.startswith("mun:"))
    return _projected("municipality", nodes, edges, keep_nodes=towns)


def police_municipality_graph(actors: pd.DataFrame, edges: pd.DataFrame) -> nx.Graph:
    """Police actors and the municipal actors they met; ``side`` is ``police`` or ``municipal``."""
    g = _projected("police_municipality", _actor_nodes(actors), edges)
    rows = edges[edges["kind"] == "police_municipality"] if len(edges) else edges
    police = set(rows["source"]) if len(rows) else set()
    for node in g:
        g.nodes[node]["side"] = "police" if node in police else "municipal"
    return g


def timeline_graph(actors: pd.DataFrame, meetings: pd.DataFrame, participation: pd.DataFrame) -> nx.Graph:
    """The bipartite graph with time intervals (GEXF ``start``/``end``, dynamic mode) for Gephi's timeline.

    A meeting and its edges exist on the meeting's date; an actor from its first to its last
    meeting. Undated meetings are left out (they have no place on a timeline).
    """
    g = actor_meeting_graph(actors, meetings, participation)
    undated = [n for n, d in g.nodes(data=True) if d.get("node_type") == "meeting" and not d.get("date")]
    g.remove_nodes_from(undated)
    for node, data in list(g.nodes(data=True)):
        if data.get("node_type") == "meeting":
            data["start"] = data["end"] = data["date"]
    for a, b, data in g.edges(data=True):
        meeting = a if g.nodes[a].get("node_type") == "meeting" else b
        data["start"] = data["end"] = g.nodes[meeting]["date"]
    for node, data in list(g.nodes(data=True)):
        if data.get("node_type") != "meeting":
            dates = sorted(g.nodes[m]["date"] for m in g[node])
            if not dates:
                g.remove_node(node)
                continue
            data["start"], data["end"] = dates[0], dates[-1]
    g.graph["mode"] = "dynamic"
    g.name = "actor_meeting_timeline"
    return g


def analysis_graphs(tables: dict[str, pd.DataFrame]) -> dict[str, nx.Graph]:
    """The four graphs of a run, by name (:data:`GRAPH_NAMES`)."""
    actors, edges = tables["actors"], tables["edges"]
    return {
        "actor_meeting": actor_meeting_graph(actors, tables["meetings"], tables["participation"]),
        "actor_actor": actor_graph(actors, edges),
        "municipality": municipality_graph(actors, edges),
        "police_municipality": police_municipality_graph(actors, edges),
    }
