"""The analysis graphs and their tables -> files of a run (beside ``network.graphml``).

Written per run (see docs/data-dictionary.md):

* ``actor_meeting``, ``actor_actor``, ``municipality``, ``police_municipality``: ``.graphml`` and ``.gexf``;
* ``actor_meeting_timeline.gexf``: dynamic GEXF (meeting dates as intervals, Gephi's timeline);
* ``centrality.csv``, ``communities.csv``, ``municipality_matrix.csv``, ``edges_by_year.csv``.

GEXF's ``lastmodifieddate`` is set to ``stamp`` (the newest report date), so reruns give the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pandas as pd

from .graph_xml import write_gexf, write_graphml
from .graphs import analysis_graphs, timeline_graph
from .metrics import centrality_table, communities_table, edges_by_year, municipality_matrix

TIMELINE = "actor_meeting_timeline"


class Writer(Protocol):
    """Anything that hands out the path a named output file is written to (``export.AtomicWriter``)."""

    def path(self, name: str) -> Path: ...


def file_names(graph_names) -> list[str]:
    """The files :func:`write_network_files` writes, in order.

    >>> file_names(["municipality"])[:2]
    ['municipality.graphml', 'municipality.gexf']
    """
    names = [f"{g}.{ext}" for g in graph_names for ext in ("graphml", "gexf")]
    return [*names, f"{TIMELINE}.gexf", "centrality.csv", "communities.csv", "municipality_matrix.csv", "edges_by_year.csv"]


def _csv(df: pd.DataFrame, path: Path, index: bool = False) -> None:
    df.to_csv(path, index=index, lineterminator="\n")


def write_network_files(writer: Writer, tables: dict[str, pd.DataFrame], stamp: str = "2000-01-01") -> None:
    """Write every analysis graph (GraphML + GEXF), the timeline GEXF and the four tables."""
    graphs = analysis_graphs(tables)
    for name, g in graphs.items():
        write_graphml(g, writer.path(f"{name}.graphml"))
        write_gexf(g, writer.path(f"{name}.gexf"), stamp)
    write_gexf(timeline_graph(tables["actors"], tables["meetings"], tables["participation"]), writer.path(f"{TIMELINE}.gexf"), stamp)
    _csv(centrality_table(graphs), writer.path("centrality.csv"))
    _csv(communities_table(graphs), writer.path("communities.csv"))
    _csv(municipality_matrix(graphs["municipality"]), writer.path("municipality_matrix.csv"), index=True)
    _csv(edges_by_year(tables["edges"], tables["meetings"]), writer.path("edges_by_year.csv"))
