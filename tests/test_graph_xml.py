"""The string writers of graph_xml give the bytes networkx's writers give (GEXF's creator line aside)."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akteursnetz.api import read_run
from akteursnetz.graph_xml import gexf_text, graphml_text, write_gexf
from akteursnetz.graphs import analysis_graphs, timeline_graph
from akteursnetz.network import build_graph

REPO = Path(__file__).resolve().parent.parent


def _networkx_files(g: nx.Graph, tmp_path: Path, stamp: str = "2024-01-01") -> tuple[str, str]:
    nx.write_graphml(g, tmp_path / "g.graphml", encoding="utf-8", prettyprint=True)
    nx.write_gexf(g, tmp_path / "g.gexf", encoding="utf-8", prettyprint=True)
    gexf = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    gexf = re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{stamp}"', gexf)
    gexf = gexf.replace(f"<creator>NetworkX {nx.__version__}</creator>", "<creator>test</creator>")
    return (tmp_path / "g.graphml").read_text(encoding="utf-8"), gexf


def _run_graphs() -> dict[str, nx.Graph]:
    tables = read_run(REPO / "data" / "processed").tables
    graphs = dict(analysis_graphs(tables))
    graphs["network"] = build_graph(tables["actors"], tables["meetings"], tables["participation"], tables["edges"])
    graphs["timeline"] = timeline_graph(tables["actors"], tables["meetings"], tables["participation"])
    return graphs


@pytest.mark.parametrize("name", ["actor_meeting", "actor_actor", "municipality", "police_municipality", "network", "timeline"])
def test_the_runs_graphs_are_written_as_networkx_writes_them(name, tmp_path):
    g = _run_graphs()[name]
    assert g.number_of_nodes() > 0
    graphml, gexf = _networkx_files(g, tmp_path)
    assert graphml_text(g) == graphml
    assert gexf_text(g, "2024-01-01", "test") == gexf


# XML 1.0 characters (no other control characters: lxml refuses them), quotes, ampersands, brackets, line breaks
_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n\r&<>\"'"), max_size=12)
_value = st.one_of(_text, st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=True), st.booleans())
_attrs = st.dictionaries(st.sampled_from(["kind", "name", "weight", "basis", "n", "key", "label", "x y"]), _value, max_size=4)


@settings(max_examples=60, deadline=None)
@given(
    nodes=st.dictionaries(_text.filter(bool), _attrs, min_size=1, max_size=6),
    edges=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), _attrs), max_size=8),
    multigraph=st.booleans(),
    name=_text,
)
def test_generated_graphs_are_written_as_networkx_writes_them(tmp_path_factory, nodes, edges, multigraph, name):
    g = (nx.MultiGraph if multigraph else nx.Graph)(name=name)
    for node, data in nodes.items():
        g.add_node(node, **data)
    ids = list(nodes)
    for u, v, data in edges:
        g.add_edge(ids[u % len(ids)], ids[v % len(ids)], **data)
    graphml, gexf = _networkx_files(g, tmp_path_factory.mktemp("g"))
    assert graphml_text(g) == graphml
    assert gexf_text(g, "2024-01-01", "test") == gexf


def test_what_the_writers_leave_to_networkx_still_gets_written(tmp_path):
    g = nx.Graph(node_default={"kind": "x"})
    g.add_node("a", kind="y")
    write_gexf(g, tmp_path / "g.gexf", "2024-05-01")
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert list(back.nodes) == ["a"] and 'lastmodifieddate="2024-05-01"' in (tmp_path / "g.gexf").read_text(encoding="utf-8")
