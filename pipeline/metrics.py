"""Tables computed on the graphs: centrality, communities, the municipality matrix, edges per year.

Every figure is rounded to six decimals and every table sorted, so reruns give the same bytes.
Betweenness is unweighted (a weight counts shared meetings, not a distance) and exact, computed
by igraph (C: seconds where networkx takes minutes on a corpus of a thousand reports), normalised
like networkx's; PageRank and weighted degree use ``weight``.

>>> import networkx as nx
>>> g = nx.Graph(name="actor_actor")
>>> g.add_edge("a", "b", weight=2); g.add_edge("b", "c", weight=1)
>>> centrality_table({"actor_actor": g})[["node", "degree", "weighted_degree", "betweenness"]].to_dict("records")[1]
{'node': 'b', 'degree': 2, 'weighted_degree': 3, 'betweenness': 1.0}
>>> communities_table({"actor_actor": g})["community"].tolist()
[1, 1, 1]
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from .records import frame_rows

#: Louvain's random seed: the same graph gives the same communities
SEED = 7
CENTRALITY_COLUMNS = ["graph", "node", "label", "kind", "degree", "weighted_degree", "betweenness", "pagerank", "betweenness_sources"]
#: up to this many nodes betweenness is exact; a larger graph's is estimated from this many source nodes
#: (Brandes & Pich 2007: the shortest paths from a fixed sample of sources, scaled up), because exact
#: betweenness grows with nodes x edges and takes hours on a national corpus
EXACT_BETWEENNESS_NODES = 2000
COMMUNITY_COLUMNS = ["graph", "community", "node", "label", "kind", "community_size", "modularity"]
YEAR_COLUMNS = ["year", "kind", "source", "target", "weight", "meetings"]
#: graphs whose communities are reported (the bipartite graph has its own structure)
COMMUNITY_GRAPHS = ("actor_actor", "municipality", "police_municipality")


def _r(x: float) -> float:
    return round(float(x), 6)


def _kind(data: dict) -> str:
    return str(data.get("kind") or data.get("node_type") or "")


def centrality_table(graphs: dict[str, nx.Graph]) -> pd.DataFrame:
    """Long format, one row per (graph, node): degree, weighted degree, betweenness, PageRank."""
    rows = []
    for name, g in sorted(graphs.items()):
        if not len(g):
            continue
        btw, sources = betweenness_with_sources(g)
        rank = nx.pagerank(g, weight="weight") if g.number_of_edges() else {n: 1 / len(g) for n in g}
        for node in sorted(g):
            data = g.nodes[node]
            rows.append({
                "graph": name, "node": node, "label": data.get("label", node), "kind": _kind(data),
                "degree": int(g.degree(node)), "weighted_degree": int(round(g.degree(node, weight="weight"))),
                "betweenness": _r(btw[node]), "pagerank": _r(rank[node]), "betweenness_sources": sources,
            })
    return pd.DataFrame(rows, columns=CENTRALITY_COLUMNS)


def betweenness(g: nx.Graph) -> dict[str, float]:
    """Unweighted betweenness, normalised as networkx's ``betweenness_centrality(normalized=True)``:
    exact up to ``EXACT_BETWEENNESS_NODES`` nodes, estimated above (:func:`betweenness_with_sources`).

    >>> betweenness(nx.path_graph(["a", "b", "c"]))
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    return betweenness_with_sources(g)[0]


def betweenness_with_sources(g: nx.Graph, exact_up_to: int = EXACT_BETWEENNESS_NODES) -> tuple[dict[str, float], int]:
    """Betweenness and the number of source nodes it was computed from (all nodes: exact).

    A graph of more than ``exact_up_to`` nodes gets the estimate from ``exact_up_to`` sources drawn
    with a fixed seed from its sorted nodes, scaled by nodes / sources: the same on every run and machine.

    >>> g = nx.path_graph([f"n{i:02d}" for i in range(30)])
    >>> exact, n = betweenness_with_sources(g)
    >>> estimate, k = betweenness_with_sources(g, exact_up_to=10)
    >>> n, k, max(exact, key=exact.get) == "n14" or max(exact, key=exact.get) == "n15"
    (30, 10, True)
    >>> abs(estimate["n15"] - exact["n15"]) < 0.2
    True
    """
    import random

    import igraph

    nodes = sorted(g)
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    ig = igraph.Graph(n=n, edges=sorted({tuple(sorted((index[u], index[v]))) for u, v in g.edges() if u != v}),
                      directed=g.is_directed())
    if n > exact_up_to:
        sources = sorted(random.Random(0).sample(range(n), exact_up_to))
        raw = [value * n / len(sources) for value in ig.betweenness(directed=g.is_directed(), sources=sources)]
    else:
        sources = range(n)
        raw = ig.betweenness(directed=g.is_directed())
    scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    if not g.is_directed():
        scale *= 2.0
    return {node: value * scale if n > 2 else 0.0 for node, value in zip(nodes, raw)}, len(sources)


def louvain(g: nx.Graph) -> list[list[str]]:
    """Louvain communities (fixed seed), each sorted, largest first; isolated nodes are their own."""
    if not g.number_of_edges():
        return [[n] for n in sorted(g)]
    found = nx.community.louvain_communities(g, weight="weight", seed=SEED)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def communities_table(graphs: dict[str, nx.Graph]) -> pd.DataFrame:
    """One row per (graph, node) with its Louvain community (1 = the largest) and the partition's modularity."""
    rows = []
    for name, g in sorted(graphs.items()):
        if name not in COMMUNITY_GRAPHS or not len(g):
            continue
        parts = louvain(g)
        quality = _r(nx.community.modularity(g, parts, weight="weight")) if g.number_of_edges() else 0.0
        for i, members in enumerate(parts, start=1):
            for node in members:
                data = g.nodes[node]
                rows.append({"graph": name, "community": i, "node": node, "label": data.get("label", node),
                             "kind": _kind(data), "community_size": len(members), "modularity": quality})
    return pd.DataFrame(rows, columns=COMMUNITY_COLUMNS)


def municipality_matrix(g: nx.Graph) -> pd.DataFrame:
    """Municipality × municipality: shared meetings, rows and columns the 8-character ``ags``, zero diagonal."""
    nodes = sorted(g, key=lambda n: g.nodes[n].get("ags", n))
    keys = [str(g.nodes[n].get("ags", n)) for n in nodes]
    position = {k: i for i, k in enumerate(keys)}  # a key's last position, as .loc labels resolve it
    values = np.zeros((len(keys), len(keys)), dtype="int64")
    for a, b, data in g.edges(data=True):  # filled as an array: a .loc assignment per edge cost seconds
        ia, ib = position[str(g.nodes[a].get("ags", a))], position[str(g.nodes[b].get("ags", b))]
        values[ia, ib] = values[ib, ia] = int(data.get("weight", 1))
    return pd.DataFrame(values, index=pd.Index(keys, name="ags"), columns=keys)


def edges_by_year(edges: pd.DataFrame, meetings: pd.DataFrame) -> pd.DataFrame:
    """The meeting-based links of ``edges.csv`` split by the year of their meetings (``year`` empty: undated)."""
    year_of = {}
    if len(meetings):
        for mid, date in zip(meetings["meeting_id"], meetings["date"]):
            year_of[mid] = str(date)[:4] if isinstance(date, str) and len(date) >= 4 else ""
    rows = []
    for row in frame_rows(edges) if len(edges) else []:
        ids = [m for m in str(row.get("meetings") or "").split(";") if m]
        by_year: dict[str, list[str]] = {}
        for m in ids:
            by_year.setdefault(year_of.get(m, ""), []).append(m)
        for year, ms in by_year.items():
            rows.append({"year": year, "kind": row["kind"], "source": row["source"], "target": row["target"],
                         "weight": len(ms), "meetings": ";".join(sorted(ms))})
    df = pd.DataFrame(rows, columns=YEAR_COLUMNS)
    return df.sort_values(["year", "kind", "source", "target"], kind="mergesort").reset_index(drop=True)
