"""The analysis graphs and their tables: every graph file reads back in networkx and igraph."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from akteursnetz.graphs import GRAPH_NAMES

igraph = pytest.importorskip("igraph", reason="python-igraph is in the test extra: pip install -e '.[test]'")


@pytest.mark.parametrize("name", [*GRAPH_NAMES, "network"])
def test_graphml_reads_back_in_networkx_and_igraph(sample_run, name):
    _, out = sample_run
    g = nx.read_graphml(out / f"{name}.graphml")
    ig = igraph.Graph.Read_GraphML(str(out / f"{name}.graphml"))
    assert g.number_of_nodes() == ig.vcount() > 0
    assert g.number_of_edges() == ig.ecount() > 0
    gexf = nx.read_gexf(out / f"{name}.gexf")
    assert gexf.number_of_nodes() == g.number_of_nodes() and gexf.number_of_edges() == g.number_of_edges()
    # igraph has no GEXF reader: the GEXF graph goes over through networkx
    assert igraph.Graph.from_networkx(gexf).ecount() == g.number_of_edges()
    for _, data in g.nodes(data=True):
        assert "key" not in data and "networkx_key" not in data
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
    for _, data in gexf.nodes(data=True):
        assert "networkx_key" not in data


def test_each_graph_holds_one_kind_of_tie(sample_run):
    _, out = sample_run
    bip = nx.read_graphml(out / "actor_meeting.graphml")
    assert nx.is_bipartite(bip)
    sides = {d["bipartite"] for _, d in bip.nodes(data=True)}
    assert sides == {0, 1}
    meetings = pd.read_csv(out / "meetings.csv", dtype=str)
    assert set(meetings["meeting_id"]) == {n for n, d in bip.nodes(data=True) if d["bipartite"] == 1}
    towns = nx.read_graphml(out / "municipality.graphml")
    assert all(n.startswith("mun:") for n in towns)
    assert all(len(d["ags"]) == 8 for _, d in towns.nodes(data=True))
    for _, _, d in towns.edges(data=True):
        assert d["weight"] >= 1 and d["meetings"] and d["sentence_ids"]
    police = nx.read_graphml(out / "police_municipality.graphml")
    assert {d["side"] for _, d in police.nodes(data=True)} == {"police", "municipal"}
    actors = nx.read_graphml(out / "actor_actor.graphml")
    edges = pd.read_csv(out / "edges.csv", dtype=str)
    assert actors.number_of_edges() == (edges["kind"] == "co_participation").sum()


def test_timeline_gexf_has_meeting_dates_as_intervals(sample_run):
    _, out = sample_run
    text = (out / "actor_meeting_timeline.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    g = nx.read_gexf(out / "actor_meeting_timeline.gexf")
    for _, d in g.nodes(data=True):
        assert d["start"] <= d["end"]
    for _, _, d in g.edges(data=True):
        assert d["start"] == d["end"]


def test_centrality_communities_matrix_and_years(sample_run):
    _, out = sample_run
    c = pd.read_csv(out / "centrality.csv", keep_default_na=False)
    assert c.columns.tolist() == ["graph", "node", "label", "kind", "degree", "weighted_degree", "betweenness", "pagerank", "betweenness_sources"]
    assert (c["betweenness_sources"] == c.groupby("graph")["node"].transform("size")).all()  # small graphs: exact
    assert set(c["graph"]) == set(GRAPH_NAMES)
    assert (c["weighted_degree"] >= c["degree"]).all() and c["betweenness"].between(0, 1).all()
    for _, group in c.groupby("graph"):
        assert abs(group["pagerank"].sum() - 1) < 1e-3
    com = pd.read_csv(out / "communities.csv", keep_default_na=False)
    assert set(com["graph"]) == {"actor_actor", "municipality", "police_municipality"}
    assert not com.duplicated(["graph", "node"]).any()
    m = pd.read_csv(out / "municipality_matrix.csv", dtype={"ags": str}, index_col="ags")
    assert list(m.index) == list(m.columns) and (m.values == m.values.T).all()
    assert all(len(k) == 8 for k in m.index)
    years = pd.read_csv(out / "edges_by_year.csv", dtype={"year": str}, keep_default_na=False)
    edges = pd.read_csv(out / "edges.csv", keep_default_na=False)
    linked = edges[edges["meetings"] != ""]
    assert years.groupby(["kind", "source", "target"])["weight"].sum().sum() == linked["weight"].sum()
    assert set(years["year"]) - {""} <= {str(y) for y in range(2020, 2030)}


def test_louvain_is_fixed_by_its_seed(sample_run):
    from akteursnetz.metrics import louvain

    _, out = sample_run
    g = nx.read_graphml(out / "actor_actor.graphml")
    assert louvain(g) == louvain(g)


def test_period_keeps_only_its_meetings(sample_run):
    from akteursnetz.period import restrict

    result, _ = sample_run
    kept = restrict(result.tables, since="2024", until="2024-06-30")
    dates = kept["meetings"]["date"]
    assert len(kept["meetings"]) and dates.between("2024-01-01", "2024-06-30").all()
    assert set(kept["participation"]["meeting_id"]) <= set(kept["meetings"]["meeting_id"])
    ids = {m for ms in kept["edges"]["meetings"] for m in ms.split(";") if m}
    assert ids <= set(kept["meetings"]["meeting_id"])
    assert len(kept["edges"]) < len(result.tables["edges"])


def test_betweenness_by_igraph_equals_networkx():
    import networkx as nx

    from akteursnetz.metrics import betweenness

    g = nx.relabel_nodes(nx.gnm_random_graph(120, 300, seed=3), lambda i: f"n{i}")
    g.add_node("alone")
    expected = nx.betweenness_centrality(g, normalized=True)
    got = betweenness(g)
    assert got.keys() == expected.keys()
    assert all(abs(got[k] - expected[k]) < 1e-12 for k in expected)


def test_betweenness_of_a_large_graph_is_a_reproducible_estimate_close_to_the_exact_one():
    import networkx as nx

    from akteursnetz.metrics import betweenness_with_sources

    g = nx.relabel_nodes(nx.barabasi_albert_graph(600, 2, seed=5), lambda i: f"n{i:03d}")
    exact, n = betweenness_with_sources(g)
    estimate, k = betweenness_with_sources(g, exact_up_to=200)
    assert (n, k) == (600, 200) and estimate == betweenness_with_sources(g, exact_up_to=200)[0]
    top = sorted(exact, key=exact.get, reverse=True)[:10]
    assert len(set(top) & set(sorted(estimate, key=estimate.get, reverse=True)[:10])) >= 8
    assert sum(abs(estimate[x] - exact[x]) for x in g) / sum(exact.values()) < 0.25
