"""The analysis graphs and their tables -> files of a run (beside ``network.graphml``).

Written per run (see docs/data-dictionary.md):

* ``actor_meeting``, ``actor_actor``, ``municipality``, ``police_municipality``: ``.graphml`` and ``.gexf``;
* ``actor_meeting_timeline.gexf``: dynamic GEXF (meeting dates as intervals, Gephi's timeline);
* ``centrality.csv``, ``communities.csv``, ``municipality_matrix.csv``, ``edges_by_year.csv``.

GEXF's ``lastmodifieddate`` is set to ``stamp`` (the newest report date), so reruns give the same bytes.
"""

from __future__ import annotations

import multiprocessing
import sys
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


def write_network_files(writer: Writer, tables: dict[str, pd.DataFrame], stamp: str = "2000-01-01", workers: int = 1) -> None:
    """Write every analysis graph (GraphML + GEXF), the timeline GEXF and the four tables.

    With ``workers`` > 1 (on Linux) the graph files are written by that many forked processes while
    this one computes the tables: each file by the same function, so the bytes are the same."""
    graphs = analysis_graphs(tables)
    jobs: list[tuple[object, str, Path]] = []
    for name, g in graphs.items():
        jobs += [(g, "graphml", writer.path(f"{name}.graphml")), (g, "gexf", writer.path(f"{name}.gexf"))]
    timeline = timeline_graph(tables["actors"], tables["meetings"], tables["participation"])
    jobs.append((timeline, "gexf", writer.path(f"{TIMELINE}.gexf")))
    pending = _start_writing(jobs, stamp, workers)
    _csv(centrality_table(graphs), writer.path("centrality.csv"))
    _csv(communities_table(graphs), writer.path("communities.csv"))
    _csv(municipality_matrix(graphs["municipality"]), writer.path("municipality_matrix.csv"), index=True)
    _csv(edges_by_year(tables["edges"], tables["meetings"]), writer.path("edges_by_year.csv"))
    pending()


#: the graph files of the run being written, for the forked writers (inherited, never pickled)
_JOBS: list[tuple[object, str, Path]] = []
_STAMP = ""


def _write_job(i: int) -> None:
    g, kind, path = _JOBS[i]
    if kind == "graphml":
        write_graphml(g, path)
    else:
        write_gexf(g, path, _STAMP)


def _start_writing(jobs: list[tuple[object, str, Path]], stamp: str, workers: int):
    """Write ``jobs`` (here, or in forked processes); returns what waits for them and raises their error."""
    global _JOBS, _STAMP
    _JOBS, _STAMP = jobs, stamp
    if workers <= 1 or len(jobs) < 2 or not sys.platform.startswith("linux"):
        for i in range(len(jobs)):
            _write_job(i)
        return lambda: None
    pool = multiprocessing.get_context("fork").Pool(min(workers, len(jobs)))
    result = pool.map_async(_write_job, range(len(jobs)), chunksize=1)

    def wait() -> None:
        try:
            result.get()
        finally:
            pool.close()
            pool.join()

    return wait
