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


def _lxml_text(value: str) -> str:
    if _CONTROL.search(value):
        raise Unsupported("control character")  # lxml refuses them: let networkx raise its own error
    if "&" in value or "<" in value or ">" in value or "\r" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return value


def _lxml_attr(value: str) -> str:
    return (_lxml_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


# ------------------------------------------------------------------ GraphML
def graphml_text(g: nx.Graph) -> str:
    """The GraphML document ``nx.write_graphml(g, path, prettyprint=True)`` writes."""
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
    edges = list(g.edges(keys=True, data=True)) if multigraph else [(u, v, None, d) for u, v, d in g.edges(data=True)]
    for k, v in g.graph.items():
        key(str(k), v, "graph")
    for _, data in g.nodes(data=True):
        for k, v in data.items():
            key(str(k), v, "node")
    for *_, data in edges:
        for k, v in data.items():
            key(str(k), v, "edge")

    def data_lines(data: dict, scope: str, indent: str) -> list[str]:
        return [f'{indent}<data key="{key(str(k), v, scope)}">{_lxml_text(str(v))}</data>\n' for k, v in data.items()]

    out = ["<?xml version='1.0' encoding='utf-8'?>\n", _GRAPHML_HEAD, *reversed(key_lines)]
    out.append(f'<graph edgedefault="{"directed" if g.is_directed() else "undirected"}">')
    out += data_lines(g.graph, "graph", "")
    for node, data in g.nodes(data=True):
        tag = f'<node id="{_lxml_attr(str(node))}"'
        out.append(f"{tag}>\n" + "".join(data_lines(data, "node", "  ")) + "</node>\n" if data else f"{tag}/>\n")
    for u, v, k, data in edges:
        tag = f'<edge source="{_lxml_attr(str(u))}" target="{_lxml_attr(str(v))}"'
        if multigraph:
            tag += f' id="{_lxml_attr(str(k))}"'
        out.append(f"{tag}>\n" + "".join(data_lines(data, "edge", "  ")) + "</edge>\n" if data else f"{tag}/>\n")
    out.append("</graph></graphml>")
    return "".join(out)


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


def gexf_text(g: nx.Graph, stamp: str, creator: str) -> str:
    """The GEXF 1.2 document ``nx.write_gexf(g, path, prettyprint=True)`` writes, dated ``stamp``."""
    if "node_default" in g.graph or "edge_default" in g.graph:
        raise Unsupported("defaults")
    attr_ids: dict[tuple[str, str], str] = {}
    attr_lines: dict[str, list[str]] = {}  # class -> <attribute> lines, in order of creation
    order: list[str] = []  # classes in order of their first attribute
    timeformats: list[str] = []

    def attr_id(title: str, value, cls: str) -> str:
        try:
            xml_type = _GEXF_TYPES[type(value)]
        except KeyError:
            raise Unsupported(f"type {type(value)}") from None
        if isinstance(value, (list, dict)):
            raise Unsupported("dynamic or nested attribute")
        k = (cls, title)
        if k not in attr_ids:
            attr_ids[k] = str(len(attr_ids))
            if cls not in attr_lines:
                attr_lines[cls] = []
                order.append(cls)
            attr_lines[cls].append(
                f'      <attribute id="{attr_ids[k]}" title="{_escape_attrib(title)}" type="{xml_type}" />\n'
            )
        return attr_ids[k]

    def attvalues(data: dict, cls: str, indent: str) -> str:
        if not data:
            return ""
        rows = []
        for k, v in data.items():
            title = "networkx_key" if k == "key" else str(k)
            rows.append(f'{indent}  <attvalue for="{attr_id(title, v, cls)}" value="{_escape_attrib(_gexf_value(v))}" />\n')
        return f"{indent}<attvalues>\n" + "".join(rows) + f"{indent}</attvalues>\n"

    def element(tag: str, attrs: list[tuple[str, str]], body: str, indent: str) -> str:
        head = f"{indent}<{tag} " + " ".join(f'{k}="{_escape_attrib(v)}"' for k, v in attrs)
        return f"{head}>\n{body}{indent}</{tag}>\n" if body else f"{head} />\n"

    node_lines = []
    for node, data in g.nodes(data=True):
        data = dict(data)
        if _GEXF_SPECIAL & data.keys():
            raise Unsupported("GEXF node extras")
        attrs = [("id", str(data.pop("id", node))), ("label", str(data.pop("label", node)))]
        for when in ("start", "end"):
            if when in data:
                value = data.pop(when)
                attrs.append((when, str(value)))
                timeformats.append(_timeformat(value))
        node_lines.append(element("node", attrs, attvalues(data, "node", "        "), "      "))

    multigraph = g.is_multigraph()
    taken = {str(d["id"]) for *_, d in g.edges(data=True) if d.get("id") is not None}
    counter = 0
    edge_lines = []
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
        for name in ("label", "weight", "type", "start", "end"):
            if name in data:
                value = data.pop(name)
                attrs.append((name, str(value)))
                if name in ("start", "end"):
                    timeformats.append(_timeformat(value))
        edge_lines.append(element("edge", attrs, attvalues(data, "edge", "        "), "      "))

    mode = "dynamic" if g.graph.get("mode") == "dynamic" or timeformats else "static"
    graph_attrs = [("defaultedgetype", "directed" if g.is_directed() else "undirected"), ("mode", mode),
                   ("name", str(g.graph.get("name", "")))]
    if timeformats:
        graph_attrs.append(("timeformat", timeformats[-1]))
    body = [
        "    <attributes " + f'mode="static" class="{cls}">\n' + "".join(attr_lines[cls]) + "    </attributes>\n"
        for cls in reversed(order)
    ]
    body.append("    <nodes>\n" + "".join(node_lines) + "    </nodes>\n" if node_lines else "    <nodes />\n")
    body.append("    <edges>\n" + "".join(edge_lines) + "    </edges>\n" if edge_lines else "    <edges />\n")
    return (
        "<?xml version='1.0' encoding='utf-8'?>\n" + _GEXF_HEAD + "\n"
        f'  <meta lastmodifieddate="{_escape_attrib(stamp)}">\n'
        f"    <creator>{_escape_cdata(creator)}</creator>\n  </meta>\n"
        + element("graph", graph_attrs, "".join(body), "  ")
        + "</gexf>\n"
    )


# ------------------------------------------------------------------ files
def _creator() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"akteursnetz {version('akteursnetz')}"
    except PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "akteursnetz"


def write_graphml(g: nx.Graph, path: Path) -> None:
    """GraphML as ``nx.write_graphml`` writes it (see the module docstring)."""
    try:
        Path(path).write_text(graphml_text(g), encoding="utf-8")
    except Unsupported:
        nx.write_graphml(g, path, encoding="utf-8", prettyprint=True)


def write_gexf(g: nx.Graph, path: Path, stamp: str) -> None:
    """GEXF as ``nx.write_gexf`` writes it, with ``lastmodifieddate`` set to ``stamp`` so reruns give the same bytes."""
    try:
        text = gexf_text(g, stamp, _creator())
    except Unsupported:

        nx.write_gexf(g, path, encoding="utf-8", prettyprint=True)
        text = re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{stamp}"', Path(path).read_text(encoding="utf-8"))
    Path(path).write_text(text, encoding="utf-8")
