"""A run's output folder -> typed pandas tables and networkx graphs (:func:`read_run`).

The CSV files are plain text, so ``pd.read_csv`` guesses types: the official keys ``ags``
(8 characters) and ``district_ags`` (5) turn into floats (``14511000.0``) where a cell is empty.
:func:`read_run` reads every table with one schema instead:

* keys, ids and text: ``str`` (empty string = unknown), ``ags`` stays ``"14511000"``;
* ``date`` (reports, meetings): ``datetime64`` (``NaT`` = unknown);
* counts (``start``, ``end``, ``weight``, ``n_reports``, ``year``, …): nullable ``Int64``;
* ``lat``, ``lon``, ``confidence``, ``betweenness``, ``pagerank``: ``float64``;
* ``uncertain``: ``bool``.

With plain pandas, read the keys as text: ``pd.read_csv("actors.csv", dtype={"ags": str,
"district_ags": str}, keep_default_na=False)``; the Parquet files keep them as strings anyway.

>>> from akteursnetz.read import read_run  # doctest: +SKIP
>>> run = read_run("data/processed")  # doctest: +SKIP
>>> run.actors.loc[run.actors.kind == "municipality", "ags"].str.len().unique()  # doctest: +SKIP
array([8])
>>> run.graph("municipality").number_of_nodes()  # doctest: +SKIP
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

#: the tables of a run, in the order they are listed
TABLES = ("reports", "sentences", "mentions", "actors", "meetings", "participation", "edges", "skipped",
          "centrality", "communities", "edges_by_year")
INT_COLUMNS = {"start", "end", "weight", "n_reports", "n_mentions", "degree", "weighted_degree", "community",
               "community_size", "year"}
FLOAT_COLUMNS = {"lat", "lon", "confidence", "betweenness", "pagerank", "modularity"}
BOOL_COLUMNS = {"uncertain"}
DATE_COLUMNS = {"date"}
#: what marks a folder as a run's output
RUN_MARKERS = ("summary.json", "actors.csv", "actors.parquet")


class NotARun(ValueError):
    """The folder holds no run output (no summary.json, no tables)."""


def check_run_dir(path: str | Path) -> Path:
    """``path`` if it holds a run's output, else :class:`NotARun` with a message for the user.

    >>> check_run_dir("/nonexistent")
    Traceback (most recent call last):
    ...
    akteursnetz.read.NotARun: no such folder: /nonexistent
    """
    path = Path(path)
    if not path.exists():
        raise NotARun(f"no such folder: {path}")
    if not path.is_dir():
        raise NotARun(f"not a folder: {path} (expected the --out folder of `akteursnetz run`)")
    if not any((path / m).exists() for m in RUN_MARKERS):
        raise NotARun(
            f"not a run folder: {path} has no summary.json and no tables. "
            f"Write one first: akteursnetz run REPORTS... --out {path}"
        )
    return path


def _bools(col: pd.Series) -> pd.Series:
    if col.dtype == bool:
        return col
    return col.map(lambda v: v if isinstance(v, bool) else str(v).strip().lower() in ("true", "1", "yes")).astype(bool)


def _text(col: pd.Series) -> pd.Series:
    return col.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) or v is pd.NA else str(v)).astype(str)


def type_table(df: pd.DataFrame) -> pd.DataFrame:
    """One schema for every table, whether read from CSV (all text) or fresh from a run.

    >>> df = type_table(pd.DataFrame({"ags": ["14511000", ""], "date": ["2024-05-14", ""], "uncertain": ["True", "False"]}))
    >>> df["ags"].tolist(), str(df["date"].dtype), df["uncertain"].tolist()
    (['14511000', ''], 'datetime64[ns]', [True, False])
    """
    df = df.copy()
    for c in df.columns:
        if c in INT_COLUMNS:
            df[c] = pd.to_numeric(df[c].replace("", None), errors="coerce").astype("Int64")
        elif c in FLOAT_COLUMNS:
            df[c] = pd.to_numeric(df[c].replace("", None), errors="coerce").astype("float64")
        elif c in BOOL_COLUMNS:
            df[c] = _bools(df[c])
        elif c in DATE_COLUMNS:
            df[c] = pd.to_datetime(_text(df[c]), format="%Y-%m-%d", errors="coerce").astype("datetime64[ns]")
        else:
            df[c] = _text(df[c])
    return df


def _read_table(path: Path, name: str) -> pd.DataFrame | None:
    csv, parquet = path / f"{name}.csv", path / f"{name}.parquet"
    if csv.exists():
        return type_table(pd.read_csv(csv, dtype=str, keep_default_na=False))
    if parquet.exists():
        return type_table(pd.read_parquet(parquet))
    return None


def read_matrix(path: str | Path) -> pd.DataFrame:
    """``municipality_matrix.csv``: index and columns the 8-character ``ags``, shared meetings as int."""
    m = pd.read_csv(path, dtype=str, keep_default_na=False, index_col="ags")
    m.columns = m.columns.astype(str)
    return m.astype("int64")


@dataclass
class RunData:
    """The tables, summary and graphs of one run; what :func:`read_run` and :func:`akteursnetz.run` return.

    Tables are attributes (``run.actors``, ``run.edges``, …) and in ``run.tables``; graphs come
    from :meth:`graph` (read from the run's GraphML when there is one, else built from the tables).
    """

    tables: dict[str, pd.DataFrame]
    summary: dict = field(default_factory=dict)
    path: Path | None = None
    files: list[Path] = field(default_factory=list)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"{type(self).__name__} has no table or attribute {name!r} (tables: {', '.join(tables)})")

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self.tables.items())
        return f"RunData(path={str(self.path) if self.path else None!r}, {sizes})"

    def graph(self, name: str) -> nx.Graph:
        """``actor_meeting``, ``actor_actor``, ``municipality``, ``police_municipality`` or ``network`` (all in one)."""
        from .graphs import GRAPH_NAMES, analysis_graphs

        if self.path is not None and (self.path / f"{name}.graphml").exists():
            return nx.read_graphml(self.path / f"{name}.graphml")
        if name in GRAPH_NAMES:
            return analysis_graphs(_as_written(self.tables))[name]
        raise KeyError(f"no graph {name!r}: one of {', '.join(GRAPH_NAMES)} or 'network'")

    @property
    def graphs(self) -> dict[str, nx.Graph]:
        from .graphs import GRAPH_NAMES

        return {name: self.graph(name) for name in GRAPH_NAMES}

    def matrix(self) -> pd.DataFrame:
        """The municipality × municipality matrix (shared meetings)."""
        if self.path is not None and (self.path / "municipality_matrix.csv").exists():
            return read_matrix(self.path / "municipality_matrix.csv")
        from .metrics import municipality_matrix

        return municipality_matrix(self.graph("municipality"))


def _as_written(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Typed tables back to the text form the graph builders take (dates as ISO strings)."""
    out = {}
    for name, df in tables.items():
        df = df.copy()
        for c in df.columns:
            if c in DATE_COLUMNS and pd.api.types.is_datetime64_any_dtype(df[c]):
                df[c] = df[c].dt.strftime("%Y-%m-%d").fillna("")
        out[name] = df
    return out


def read_run(path: str | Path) -> RunData:
    """Read the output folder of a run: typed tables, ``summary.json``, graphs on demand.

    Raises :class:`NotARun` for a folder without run output.
    """
    path = check_run_dir(path)
    tables = {}
    for name in TABLES:
        df = _read_table(path, name)
        if df is not None:
            tables[name] = df
    summary_file = path / "summary.json"
    summary = json.loads(summary_file.read_text(encoding="utf-8")) if summary_file.exists() else {}
    return RunData(tables=tables, summary=summary, path=path, files=sorted(p for p in path.iterdir() if p.is_file()))
