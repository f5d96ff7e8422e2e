"""The whole path: files -> reports -> docs -> actors -> meetings -> network -> files.

Reports stream through ``nlp.pipe``; only the small records of each report
are kept, so memory grows with the number of actors and links, not with the
text of the corpus.

>>> from akteursnetz.run import run  # doctest: +SKIP
>>> result = run(["data/raw"], "data/processed")  # doctest: +SKIP
>>> result.summary["meetings"]  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import export
from .cache import ExtractionCache
from .extract import Extractor
from .gazetteer import load_gazetteer
from .graph_files import write_network_files
from .ingest import read_reports
from .link import Linker
from .network import build_edges, build_graph
from .records import Actor, Duplicate, Report, Skipped, as_row
from .safety import checkpoint
from .stages import process_reports

log = logging.getLogger("akteursnetz")


@dataclass
class RunResult:
    tables: dict[str, pd.DataFrame]
    skipped: list[Skipped]
    warnings: list[tuple[str, str]]
    summary: dict
    files: list[Path] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


class ActorRegistry:
    """One record per actor id across the corpus; counts reports and surface forms."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.reports: dict[str, set[str]] = {}
        self.forms: dict[str, Counter] = {}
        self.names: dict[str, Counter] = {}  # canonical names the linker gave, one vote per report

    def add(self, actor: Actor, report_id: str) -> None:
        if report_id not in self.reports.get(actor.actor_id, ()):
            self.names.setdefault(actor.actor_id, Counter())[actor.name] += 1
        known = self.actors.get(actor.actor_id)
        if known is None:
            self.actors[actor.actor_id] = Actor(**as_row(actor))
        else:
            known.role = known.role or actor.role
            known.affiliation = known.affiliation or actor.affiliation
            for attr in ("ags", "district", "district_ags"):
                if not getattr(known, attr) and getattr(actor, attr):
                    setattr(known, attr, getattr(actor, attr))
            if actor.confidence > known.confidence:
                known.confidence, known.basis, known.note = actor.confidence, actor.basis, actor.note
            if known.kind == "other" and actor.kind != "other":
                known.kind = actor.kind
        self.reports.setdefault(actor.actor_id, set()).add(report_id)

    def add_form(self, actor_id: str, text: str) -> None:
        self.forms.setdefault(actor_id, Counter())[text] += 1

    def table(self) -> pd.DataFrame:
        rows = []
        for actor_id, actor in sorted(self.actors.items()):
            row = as_row(actor)
            forms = self.forms.get(actor_id, Counter())
            # free-text organisations are named by the canonical name most reports give them,
            # then by how often that name is written
            names = self.names.get(actor_id, Counter())
            if actor_id.startswith(("org:", "place:")) and names:
                row["name"] = sorted(names, key=lambda n: (-names[n], -forms.get(n, 0), -len(n), n))[0]
                row["key"] = f"{row['key'].split(':')[0]}:{row['name']}"
            row["n_reports"] = len(self.reports.get(actor_id, ()))
            row["n_mentions"] = sum(forms.values())
            row["surface_forms"] = "; ".join(sorted(forms))
            rows.append(row)
        return pd.DataFrame(rows)


def process(
    inputs: Iterable[str | Path],
    nlp,
    on_report: Callable[[Report | Skipped | Duplicate], None] | None = None,
    batch_size: int = 16,
    cache: ExtractionCache | None = None,
    exclude: Iterable[str | Path] = (),
    follow_links: bool = False,
    exclude_globs: Iterable[str] = (),
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    model: str | None = None,
) -> RunResult:
    """Run the stages over ``inputs`` with a loaded pipeline; returns tables, no files.

    ``nlp`` may also be a function that loads the pipeline: it is called only
    when a report is not in ``cache``. A report that fails at any stage is
    skipped with its source and the reason; the others go on. ``exclude``
    (the run's output and cache folders) is never read as input. ``workers`` > 1
    tags and extracts in that many processes (:mod:`.stages`); the output is the same.
    ``engine="dask"`` tags and extracts on Dask workers (a ``LocalCluster`` of ``workers``
    processes, or the cluster at ``scheduler``), each loading ``model`` (name or path,
    ``None``: the shipped model) itself; ``nlp`` is then not called. The output is the same.
    """
    gaz = load_gazetteer()
    linker, extractor = Linker(gaz), Extractor(gaz)
    skipped: list[Skipped] = []
    warnings: list[tuple[str, str]] = []
    duplicates: list[Duplicate] = []
    order: list[Report] = []  # reports in input order (their text is dropped once extracted)
    entries: dict[str, dict] = {}
    loaded: list = [] if callable(nlp) and not hasattr(nlp, "pipe") else [nlp]

    def skip(item: Skipped) -> None:
        skipped.append(item)
        log.warning("skipped %s: %s", item.source, item.reason)
        if on_report:
            on_report(item)

    def done(report: Report, entry: dict) -> None:
        entries[report.report_id] = _pack(entry)  # a few kB instead of the rows' Python objects
        report.text = ""
        if on_report:
            on_report(report)
        checkpoint("report")

    def misses() -> Iterator[Report]:
        for item in read_reports(
            [Path(p) for p in inputs], exclude=[Path(p) for p in exclude], follow_links=follow_links, exclude_globs=exclude_globs
        ):
            if isinstance(item, Skipped):
                skip(item)
                continue
            if isinstance(item, Duplicate):
                duplicates.append(item)
                log.warning("%s: the same text as report %s, not processed again", item.source, item.report_id)
                if on_report:
                    on_report(item)
                continue
            for w in item.warnings:
                warnings.append((item.source, w))
                log.warning("%s: %s", item.source, w)
            order.append(item)
            entry = cache.get(item) if cache else None
            if entry is not None:
                done(item, entry)
            else:
                yield item

    def load() -> object:
        if not loaded:
            loaded.append(nlp())
        return loaded[0]

    for outcome in process_reports(misses(), load, linker, extractor, batch_size, workers,
                                   engine=engine, scheduler=scheduler, model=model):
        report = outcome.report
        if outcome.entry is None:
            log.error("%s failed on %s: %s", outcome.stage, report.source, outcome.error)
            skip(Skipped(report.source, f"{outcome.stage} failed: {outcome.error}"))
            continue
        if cache:
            cache.put(report, outcome.entry)
        done(report, outcome.entry)

    rows: dict[str, list[dict]] = {k: [] for k in ("reports", "meetings", "participation")}
    registry = ActorRegistry()
    dup_sources: dict[str, list[str]] = {}
    for d in duplicates:
        dup_sources.setdefault(d.report_id, []).append(d.source)
    done_reports = [r for r in order if r.report_id in entries]  # input order, whatever the cache held
    for report in done_reports:
        entry = _unpack(entries[report.report_id])
        report.duplicate_sources = dup_sources.get(report.report_id, [])
        rows["reports"].append(as_row(report))
        for actor in entry["actors"]:
            registry.add(Actor(**actor), report.report_id)
        for m in entry["mentions"]:
            if m["actor_id"]:
                registry.add_form(m["actor_id"], m["text"])
        if entry["meeting"] is not None:
            meeting = dict(entry["meeting"])
            coords = gaz.coordinates(f"ags:{meeting['ags']}") if meeting["ags"] else None
            meeting["lat"], meeting["lon"] = coords if coords else (None, None)
            rows["meetings"].append(meeting)
            rows["participation"].extend(entry["participation"])
    tables = {name: _table(name, r) for name, r in rows.items()}
    del rows
    for name in ("sentences", "mentions"):  # the large tables one at a time, each from the packed entries
        tables[name] = _table_by_columns(name, (row for r in done_reports for row in _unpack(entries[r.report_id])[name]))
    entries.clear()
    _add_places(registry, gaz, linker)
    tables["actors"] = registry.table()
    tables["edges"] = build_edges(tables["actors"], tables["meetings"], tables["participation"], tables["mentions"], tables["sentences"])
    for name in ("reports",):
        tables[name] = tables[name].drop(columns=[c for c in ("text", "body_start") if c in tables[name].columns])
    tables["skipped"] = pd.DataFrame([as_row(s) for s in skipped], columns=["source", "reason"])
    summary = summarise(tables, skipped, warnings, duplicates)
    return RunResult(tables=tables, skipped=skipped, warnings=warnings, summary=summary, duplicates=duplicates)


def _pack(entry: dict) -> bytes:
    """One report's extraction, held compressed until the tables are built (the cache's JSON, so the same values)."""
    return zlib.compress(json.dumps(entry, ensure_ascii=True).encode("ascii"), 1)


def _unpack(blob: bytes) -> dict:
    return json.loads(zlib.decompress(blob))


def _table(name: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=export.COLUMNS[name] if not rows else None)


def _table_by_columns(name: str, rows: Iterable[dict]) -> pd.DataFrame:
    """The same table as :func:`_table`, filled column by column from a stream of rows: a large table
    is never held as one dict per row besides the frame."""
    columns: dict[str, list] = {}
    n = 0
    for row in rows:
        if not columns:
            columns = {k: [] for k in row}
        for k, values in columns.items():
            values.append(row[k])
        n += 1
    if not n:
        return _table(name, [])
    return pd.DataFrame(columns)


def _add_places(registry: ActorRegistry, gaz, linker: Linker) -> None:
    """Municipality and district nodes for every ags an actor carries (cross-municipality edges need them)."""
    for actor in list(registry.actors.values()):
        if actor.ags and actor.ags in gaz.municipalities and f"mun:{actor.ags}" not in registry.actors:
            if actor.kind in ("municipality_admin",) or (actor.kind == "person" and actor.affiliation.startswith("admin:")):
                registry.actors[f"mun:{actor.ags}"] = linker.actor_for_key(f"ags:{actor.ags}")
    for actor in list(registry.actors.values()):
        if actor.kind == "municipality" and actor.district_ags and f"dist:{actor.district_ags}" not in registry.actors:
            registry.actors[f"dist:{actor.district_ags}"] = linker.actor_for_key(f"district:{actor.district_ags}")


def summarise(tables: dict[str, pd.DataFrame], skipped: list[Skipped], warnings, duplicates: list[Duplicate] = ()) -> dict:
    edges = tables["edges"]
    return {
        "reports": int(len(tables["reports"])),
        "duplicates": [{"source": d.source, "same_text_as": d.report_id} for d in duplicates],
        "skipped": [{"source": s.source, "reason": s.reason} for s in skipped],
        "warnings": [{"source": s, "warning": w} for s, w in warnings],
        "actors": int(len(tables["actors"])),
        "actors_by_kind": {k: int(v) for k, v in sorted(Counter(tables["actors"]["kind"]).items())} if len(tables["actors"]) else {},
        "meetings": int(len(tables["meetings"])),
        "mentions": int(len(tables["mentions"])),
        "participations": int(len(tables["participation"])),
        "edges_by_kind": {k: int(v) for k, v in sorted(Counter(edges["kind"]).items())} if len(edges) else {},
        "uncertain_edges": int(edges["uncertain"].sum()) if len(edges) else 0,
    }


def write_outputs(
    result: RunResult,
    out: str | Path,
    model_name: str = "",
    extras: Callable[[Path], None] | None = None,
    workers: int = 1,
) -> list[Path]:
    """Write every table, the graphs and the summary, then ``extras(folder)`` (pictures, report), as one unit into ``out``.

    Everything goes into a staging folder that replaces ``out`` in one step
    (:mod:`.outdir`), so a killed run leaves the previous output whole. ``workers`` > 1 writes the
    graph files in that many processes; the files are the same.
    """
    tables = result.tables
    graph = build_graph(tables["actors"], tables["meetings"], tables["participation"], tables["edges"])
    dates = sorted(d for d in tables["reports"].get("date", pd.Series(dtype=str)).dropna() if d)
    stamp = dates[-1] if dates else "2000-01-01"
    with export.AtomicWriter(Path(out)) as writer:
        export.write_tables(writer, tables)
        checkpoint("tables")
        export.write_graph(writer, graph, stamp=stamp)
        del graph  # the analysis graphs are built next: not both in memory at once
        write_network_files(writer, tables, stamp=stamp, workers=workers)
        export.write_json(writer, "summary.json", {**result.summary, "model": model_name})
        if extras:
            extras(writer.tmp)
        checkpoint("written")
    result.files = [writer.out / f for f in writer.files]
    return result.files


def run(inputs: Iterable[str | Path], out: str | Path = "data/processed", model: str | None = None, nlp=None) -> RunResult:
    """Read ``inputs``, build the network and write it to ``out``."""
    from .nlp import load_nlp

    nlp = nlp or load_nlp(model)
    result = process(inputs, nlp, exclude=[out])
    write_outputs(result, out, model_name=nlp.meta.get("name", ""))
    return result
