"""GraphML and GEXF files of a graph, written as strings: the same documents as networkx's writers, faster.

networkx builds an element object for every node, edge and attribute value before it
writes a file; for the graphs of a few thousand reports that is most of the time of a
run (docs/scale.md). These writers emit the same documents line by line: the same
key and attribute ids in the same order, the same types, the same escaping and
indentation as ``nx.write_graphml`` (lxml) and ``nx.write_gexf`` with
``prettyprint=True``. Only GEXF's ``creator`` differs: it names this package.
``tests/test_graph_xml.py`` compares the bytes with networkx's on the run's graphs and
on generated ones.

A graph with what these writers do not cover (defaults, list-valued or nested
attributes, GEXF ``viz``/``spells``/``parents``/``pid``) is handed to networkx.

>>> import networkx as nx
>>> g = nx.Graph(name="demo"); g.add_edge("a", "b", weight=2)
>>> graphml_text(g).splitlines()[1][:8]
'<graphml'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from xml.etree.ElementTree import _escape_attrib, _escape_cdata  # the escaping networkx's GEXF writer applies

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

_GRAPHML_TYPES = GraphMLWriter().xml_type
_GEXF_TYPES = GEXFWriter().xml_type
_GRAPHML_HEAD = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
_GEXF_HEAD = (
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">'
)
#: node and edge data keys GEXF gives a meaning of their own; only these of them are written here
_GEXF_SPECIAL = {"viz", "spells", "parents", "pid", "slices"}


class Unsupported(Exception):
    """The graph has something these writers leave to networkx."""


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@lru_cache(maxsize=1 << 16)  # kinds, roles, districts, dates: most values repeat across nodes and edges
def _lxml_text(value: str) -> str:
    if _CONTROL.search(value):
        raise Unsupported("control character")  # lxml refuses them: let networkx raise its own error
    if "&" in value or "<" in value or ">" in value or "\r" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return value


@lru_cache(maxsize=1 << 16)
def _lxml_attr(value: str) -> str:
    return (_lxml_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


#: the GEXF writer's attribute escaping, remembered: values repeat across nodes and edges
_attrib = lru_cache(maxsize=1 << 16)(_escape_attrib)


# ------------------------------------------------------------------ GraphML
def graphml_chunks(g: nx.Graph) -> Iterator[str]:
    """The GraphML document ``nx.write_graphml(g, path, prettyprint=True)`` writes, in pieces (a node or edge each)."""
    if "node_default" in g.graph or "edge_default" in g.graph or "id" in g.graph:
        raise Unsupported("defaults or a graph id")
    keys: dict[tuple[str, str, str], str] = {}
    key_lines: list[str] = []

    def key(name: str, value, scope: str) -> str:
        try:
            xml_type = _GRAPHML_TYPES[type(value)]
        except KeyError:
            raise Unsupported(f"type {type(value)}") from None
        k = (name, xml_type, scope)
        if k not in keys:
            keys[k] = f"d{len(keys)}"
            key_lines.append(
                f'<key id="{keys[k]}" for="{scope}" attr.name="{_lxml_attr(name)}" attr.type="{xml_type}"/>\n'
            )
        return keys[k]

    multigraph = g.is_multigraph()

    def edges():
        return g.edges(keys=True, data=True) if multigraph else ((u, v, None, d) for u, v, d in g.edges(data=True))

    for k, v in g.graph.items():  # the keys first: the document declares them before the graph
        key(str(k), v, "graph")
    for _, data in g.nodes(data=True):
        for k, v in data.items():
            key(str(k), v, "node")
    for *_, data in edges():
        for k, v in data.items():
            key(str(k), v, "edge")

    known: dict[tuple, str] = {}  # (name, value type, scope) -> the key's opening tag, once per key

    def opening(k, v, scope: str, indent: str) -> str:
        tag = known.get((k, type(v), scope, indent))
        if tag is None:
            tag = known[(k, type(v), scope, indent)] = f'{indent}<data key="{key(str(k), v, scope)}">'
        return tag

    def data_lines(data: dict, scope: str, indent: str) -> str:
        return "".join(f"{opening(k, v, scope, indent)}{_lxml_text(str(v))}</data>\n" for k, v in data.items())

    yield "<?xml version='1.0' encoding='utf-8'?>\n" + _GRAPHML_HEAD + "".join(reversed(key_lines))
    yield f'<graph edgedefault="{"directed" if g.is_directed() else "undirected"}">' + data_lines(g.graph, "graph", "")
    for node, data in g.nodes(data=True):
        tag = f'<node id="{_lxml_attr(str(node))}"'
        yield f"{tag}>\n" + data_lines(data, "node", "  ") + "</node>\n" if data else f"{tag}/>\n"
    for u, v, k, data in edges():
        tag = f'<edge source="{_lxml_attr(str(u))}" target="{_lxml_attr(str(v))}"'
        if multigraph:
            tag += f' id="{_lxml_attr(str(k))}"'
        yield f"{tag}>\n" + data_lines(data, "edge", "  ") + "</edge>\n" if data else f"{tag}/>\n"
    yield "</graph></graphml>"


def graphml_text(g: nx.Graph) -> str:
    """The GraphML document as one string."""
    return "".join(graphml_chunks(g))


# ------------------------------------------------------------------ GEXF
def _gexf_value(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    text = str(value)
    if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
        return {"inf": "INF", "-inf": "-INF", "nan": "NaN"}.get(text, text)
    return text


def _timeformat(value) -> str:
    if isinstance(value, str):
        return "date"
    if isinstance(value, float):
        return "double"
    if isinstance(value, int):
        return "long"
    raise Unsupported("time of another type")


def _gexf_items(g: nx.Graph) -> Iterator[tuple[str, list[tuple[str, str]], dict, list]]:
    """(class, element attributes, attribute values, times) of each node, then each edge, as networkx reads them."""
    for node, data in g.nodes(data=True):
        data = dict(data)
        if _GEXF_SPECIAL & data.keys():
            raise Unsupported("GEXF node extras")
        attrs = [("id", str(data.pop("id", node))), ("label", str(data.pop("label", node)))]
        times = []
        for when in ("start", "end"):
            if when in data:
                times.append(data.pop(when))
                attrs.append((when, str(times[-1])))
        yield "node", attrs, data, times
    multigraph = g.is_multigraph()
    taken = {str(d["id"]) for *_, d in g.edges(data=True) if d.get("id") is not None}
    counter = 0
    edges = g.edges(keys=True, data=True) if multigraph else ((u, v, None, d) for u, v, d in g.edges(data=True))
    for u, v, k, data in edges:
        data = dict(data)
        if _GEXF_SPECIAL & data.keys():
            raise Unsupported("GEXF edge extras")
        if multigraph:
            data["key"] = k
        edge_id = data.pop("id", None)
        if edge_id is None:
            while str(counter) in taken:
                counter += 1
            edge_id = counter
            taken.add(str(counter))
            counter += 1
        attrs = [("source", str(g.nodes[u].get("id", u))), ("target", str(g.nodes[v].get("id", v))), ("id", str(edge_id))]
        times = []
        for name in ("label", "weight", "type", "start", "end"):
            if name in data:
                value = data.pop(name)
                attrs.append((name, str(value)))
                if name in ("start", "end"):
                    times.append(value)
        yield "edge", attrs, data, times


def gexf_chunks(g: nx.Graph, stamp: str, creator: str) -> Iterator[str]:
    """The GEXF 1.2 document ``nx.write_gexf(g, path, prettyprint=True)`` writes, dated ``stamp``, in pieces."""
    if "node_default" in g.graph or "edge_default" in g.graph:
        raise Unsupported("defaults")
    attr_ids: dict[tuple[str, str], str] = {}
    attr_lines: dict[str, list[str]] = {}  # class -> <attribute> lines, in order of creation
    timeformat = ""
    counts = {"node": 0, "edge": 0}
    for cls, _, data, times in _gexf_items(g):  # first pass: the attribute ids, declared before the nodes
        counts[cls] += 1
        for t in times:
            timeformat = _timeformat(t)
        for k, v in data.items():
            try:
                xml_type = _GEXF_TYPES[type(v)]
            except KeyError:
                raise Unsupported(f"type {type(v)}") from None
            if isinstance(v, (list, dict)):
                raise Unsupported("dynamic or nested attribute")
            title = "networkx_key" if k == "key" else str(k)
            if (cls, title) not in attr_ids:
                attr_ids[(cls, title)] = str(len(attr_ids))
                attr_lines.setdefault(cls, []).append(
                    f'      <attribute id="{attr_ids[(cls, title)]}" title="{_escape_attrib(title)}" type="{xml_type}" />\n'
                )

    def head(tag: str, attrs: list[tuple[str, str]], indent: str) -> str:
        return f"{indent}<{tag} " + " ".join(f'{k}="{_attrib(v)}"' for k, v in attrs)

    mode = "dynamic" if g.graph.get("mode") == "dynamic" or timeformat else "static"
    graph_attrs = [("defaultedgetype", "directed" if g.is_directed() else "undirected"), ("mode", mode),
                   ("name", str(g.graph.get("name", "")))]
    if timeformat:
        graph_attrs.append(("timeformat", timeformat))
    yield (
        "<?xml version='1.0' encoding='utf-8'?>\n" + _GEXF_HEAD + "\n"
        f'  <meta lastmodifieddate="{_escape_attrib(stamp)}">\n'
        f"    <creator>{_escape_cdata(creator)}</creator>\n  </meta>\n" + head("graph", graph_attrs, "  ") + ">\n"
    )
    for cls in reversed(list(attr_lines)):  # networkx puts each new class's block first
        yield f'    <attributes mode="static" class="{cls}">\n' + "".join(attr_lines[cls]) + "    </attributes>\n"
    opened = ""
    for cls, attrs, data, _ in _gexf_items(g):
        if cls != opened:
            if opened:
                yield f"    </{opened}s>\n"
            elif cls == "edge":
                yield "    <nodes />\n"
            yield f"    <{cls}s>\n"
            opened = cls
        if data:
            rows = "".join(
                f'          <attvalue for="{attr_ids[(cls, "networkx_key" if k == "key" else str(k))]}" '
                f'value="{_attrib(_gexf_value(v))}" />\n'
                for k, v in data.items()
            )
            yield head(cls, attrs, "      ") + ">\n        <attvalues>\n" + rows + f"        </attvalues>\n      </{cls}>\n"
        else:
            yield head(cls, attrs, "      ") + " />\n"
    if opened:
        yield f"    </{opened}s>\n"
    if opened != "edge":
        yield ("    <nodes />\n" if not opened else "") + "    <edges />\n"
    yield "  </graph>\n</gexf>\n"


def gexf_text(g: nx.Graph, stamp: str, creator: str) -> str:
    """The GEXF document as one string."""
    return "".join(gexf_chunks(g, stamp, creator))


# ------------------------------------------------------------------ files
def _creator() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"akteursnetz {version('akteursnetz')}"
    except PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "akteursnetz"


def _write(chunks: Iterator[str], path: Path) -> None:
    """The document piece by piece, so a large graph is never one string in memory."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.writelines(chunks)


def write_graphml(g: nx.Graph, path: Path) -> None:
    """GraphML as ``nx.write_graphml`` writes it (see the module docstring)."""
    try:
        _write(graphml_chunks(g), path)
    except Unsupported:
        nx.write_graphml(g, path, encoding="utf-8", prettyprint=True)


def write_gexf(g: nx.Graph, path: Path, stamp: str) -> None:
    """GEXF as ``nx.write_gexf`` writes it, with ``lastmodifieddate`` set to ``stamp`` so reruns give the same bytes."""
    try:
        _write(gexf_chunks(g, stamp, _creator()), path)
    except Unsupported:
        nx.write_gexf(g, path, encoding="utf-8", prettyprint=True)
        text = Path(path).read_text(encoding="utf-8")
        Path(path).write_text(re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{stamp}"', text), encoding="utf-8")
