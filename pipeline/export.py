"""Tables and graphs -> files, written atomically and byte-identically for the same input.

All files of a run (tables, graphs, and whatever the caller adds: pictures,
report) are written into a staging folder beside ``out`` that then replaces
``out`` in one step (:mod:`.outdir`): a killed run leaves the previous output
complete, never a mix of two runs.

CSV cells that a spreadsheet would run as a formula get a leading apostrophe
(:func:`.safety.csv_cell`); Parquet and JSON keep the raw strings.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pandas as pd

from . import graph_xml, outdir
from .safety import csv_cell

#: Column order of each table (the output contract first, extra columns after).
COLUMNS = {
    "reports": ["report_id", "source", "date", "title", "date_basis", "caption", "credit", "encoding", "warnings", "duplicate_sources"],
    "sentences": ["report_id", "sentence_id", "start", "end", "section", "text"],
    "mentions": ["report_id", "start", "end", "text", "label", "actor_id", "mention_id", "sentence_id", "section", "source", "confidence", "note"],
    "actors": ["actor_id", "name", "kind", "ags", "district", "district_ags", "key", "role", "affiliation", "lat", "lon", "confidence", "basis", "note", "n_reports", "n_mentions", "surface_forms"],
    "meetings": ["meeting_id", "report_id", "date", "type", "venue", "ags", "region", "programme_region", "municipality", "district", "title", "topics", "lat", "lon", "date_basis", "confidence", "evidence"],
    "participation": ["meeting_id", "actor_id", "role", "basis", "confidence", "sentence_id", "evidence", "acts_for"],
    "edges": ["source", "target", "kind", "weight", "meetings", "reports", "basis", "confidence", "uncertain", "sentence_ids", "evidence"],
    "skipped": ["source", "reason"],
}
SORT_KEYS = {
    "reports": ["report_id"],
    "sentences": ["report_id", "start"],
    "mentions": ["report_id", "start", "end", "label"],
    "actors": ["actor_id"],
    "meetings": ["meeting_id"],
    "participation": ["meeting_id", "actor_id"],
    "edges": ["kind", "source", "target"],
    "skipped": ["source", "reason"],
}


def normalise(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Fixed columns and row order, so the same input gives the same bytes."""
    cols = COLUMNS[name]
    df = df.copy()
    for c in cols:
        if c not in df.columns:
            df[c] = ""
    df = df[cols + sorted(c for c in df.columns if c not in cols)]
    if len(df):
        df = df.sort_values(SORT_KEYS[name], kind="mergesort").reset_index(drop=True)
    return df


class AtomicWriter:
    """Collects a run's files in a staging folder beside ``out``, then puts it in the place of ``out``.

    Files in ``out`` that no run writes (allowed there with ``--force``) are
    carried over into the new folder: a run only ever replaces its own files.
    """

    def __init__(self, out: Path):
        self.out = Path(out)
        if self.out.exists() and not self.out.is_dir():
            raise outdir.OutputFolderError(f"{self.out} is a file, not a folder: choose a folder for the output")
        self.lock = outdir.Lock(self.out).__enter__()
        try:
            outdir.recover(self.out)
            self.tmp = outdir.stage(self.out)
        except BaseException:
            self.lock.__exit__()
            raise
        self.files: list[str] = []

    def path(self, name: str) -> Path:
        self.files.append(name)
        return self.tmp / name

    def commit(self) -> list[Path]:
        try:
            outdir.carry_over(self.out, self.tmp)
            extra = sorted(p.name for p in self.tmp.iterdir() if p.name not in self.files and p.name in outdir.KNOWN_OUTPUTS)
            self.files += [*extra, outdir.MANIFEST]
            outdir.write_manifest(self.tmp)
            outdir.replace(self.tmp, self.out)
        finally:
            self.lock.__exit__()
        return [self.out / name for name in self.files]

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.lock.__exit__()

    def __enter__(self) -> "AtomicWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def write_tables(writer: AtomicWriter, tables: dict[str, pd.DataFrame]) -> None:
    for name, df in tables.items():
        df = normalise(name, df)
        cells = df.copy()
        for c in cells.columns:
            if pd.api.types.is_object_dtype(cells[c]) or pd.api.types.is_string_dtype(cells[c]):  # text only: -3.5 stays a number
                cells[c] = cells[c].map(csv_cell)
        cells.to_csv(writer.path(f"{name}.csv"), index=False, lineterminator="\n")
        parquet = df.copy()
        for c in parquet.columns:
            if parquet[c].dtype == object:
                parquet[c] = parquet[c].map(lambda v: "" if v is None else str(v))
        parquet.to_parquet(writer.path(f"{name}.parquet"), index=False, engine="pyarrow")


def write_graph(writer: AtomicWriter, graph: nx.MultiGraph, stamp: str = "2000-01-01") -> None:
    """GraphML, GEXF and node-link JSON; GEXF's 'last modified' is set to ``stamp`` for reproducibility."""
    graph_xml.write_graphml(graph, writer.path("network.graphml"))
    graph_xml.write_gexf(graph, writer.path("network.gexf"), stamp)
    data = nx.node_link_data(graph, edges="links")
    data["links"] = sorted(data["links"], key=lambda e: (str(e["source"]), str(e["target"]), str(e.get("key", ""))))
    data["nodes"] = sorted(data["nodes"], key=lambda n: str(n["id"]))
    with open(writer.path("network.json"), "w", encoding="utf-8") as f:
        write_json_lines(f, data)


def write_json_lines(f, data: dict) -> None:
    """A JSON object whose lists hold one item per line: written in pieces (never one large string),
    each piece by the C encoder (``indent`` would route all of it through Python's slower one).

    >>> import io; buf = io.StringIO(); write_json_lines(buf, {"nodes": [{"id": "a"}, {"id": "b"}], "directed": False})
    >>> print(buf.getvalue(), end="")
    {
     "directed": false,
     "nodes": [
      {"id": "a"},
      {"id": "b"}
     ]
    }
    >>> json.loads(buf.getvalue())["nodes"][1]
    {'id': 'b'}
    """
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode
    keys = sorted(data)
    f.write("{\n")
    for i, key in enumerate(keys):
        value, comma = data[key], "," if i < len(keys) - 1 else ""
        if isinstance(value, list) and value:
            f.write(f" {encode(key)}: [\n")
            f.writelines(f"  {encode(item)}{',' if j < len(value) - 1 else ''}\n" for j, item in enumerate(value))
            f.write(f" ]{comma}\n")
        else:
            f.write(f" {encode(key)}: {encode(value)}{comma}\n")
    f.write("}\n")


def write_json(writer: AtomicWriter, name: str, payload: dict) -> None:
    writer.path(name).write_text(json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
