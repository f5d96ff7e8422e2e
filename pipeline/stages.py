"""One report through tagging, linking and extraction: in this process, or in worker processes.

Each report's rows depend on that report alone (the gazetteer and the rules are
read-only), so reports can be processed in any process and in any grouping: the
rows come back in input order either way, and a run with ``workers=2`` writes
the same bytes as one with ``workers=1``.

Workers are forked from the process that has already loaded the model, so the
model is read from disk once, not once per worker; each worker uses one BLAS
thread. Reports go to the workers in windows of a few batches, so memory stays
flat however long the input is. Where the platform cannot fork (Windows), the
run stays in one process and says so.

>>> from akteursnetz.stages import usable_workers
>>> usable_workers(1)
1
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .extract import Extractor
from .link import Linker
from .records import Report, as_row
from .tagging import tag

log = logging.getLogger("akteursnetz")

#: Batches a worker is given at a time; a window holds ``workers * WINDOW_BATCHES`` batches.
WINDOW_BATCHES = 2


@dataclass
class Outcome:
    """What became of one report: its rows, or the stage that failed and why."""

    report: Report
    entry: dict | None = None
    stage: str = ""
    error: str = ""


def extract_entry(report: Report, doc, linker: Linker, extractor: Extractor) -> dict:
    """One report's rows: what the cache stores and what the tables are built from (cached or not)."""
    linked = linker.link(report, doc)
    extraction = extractor.extract(linked, doc)
    meeting = extraction.meeting
    return {
        "sentences": [as_row(s) for s in linked.sentences],
        "mentions": [as_row(m) for m in linked.mentions],
        "actors": [as_row(a) for a in extraction.actors.values()],
        "meeting": as_row(meeting) if meeting is not None else None,
        "participation": [as_row(p) for p in extraction.participation] if meeting is not None else [],
    }


def _outcomes(nlp, reports: Iterable[Report], linker: Linker, extractor: Extractor, batch_size: int) -> Iterator[Outcome]:
    for report, doc, error in tag(nlp, reports, lambda r: r.text, batch_size):
        if error is not None:
            yield Outcome(report, stage="tagging", error=f"{type(error).__name__}: {error}")
            continue
        try:
            yield Outcome(report, extract_entry(report, doc, linker, extractor))
        except Exception as exc:  # noqa: BLE001 - one bad report must not end the run
            yield Outcome(report, stage="linking/extraction", error=f"{type(exc).__name__}: {exc}")


def usable_workers(requested: int) -> int:
    """How many worker processes a run can use: 1 unless more are asked for and the platform can fork."""
    if requested <= 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        log.warning("--workers %d needs the 'fork' start method, which this platform lacks: running in one process", requested)
        return 1
    return requested


# set in the parent just before the workers are forked; each worker inherits it
_SHARED: dict = {}


def _work(batch: list[Report]) -> list[tuple[dict | None, str, str]]:
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):  # the workers share the cores: no BLAS threads on top
        outcomes = _outcomes(_SHARED["nlp"], batch, _SHARED["linker"], _SHARED["extractor"], len(batch))
        return [(o.entry, o.stage, o.error) for o in outcomes]  # the report itself stays in the parent


def process_reports(
    reports: Iterable[Report],
    nlp: Callable[[], object],
    linker: Linker,
    extractor: Extractor,
    batch_size: int = 16,
    workers: int = 1,
) -> Iterator[Outcome]:
    """An :class:`Outcome` per report, in input order. ``nlp()`` returns the loaded pipeline; it is called only if a report comes."""
    pending = iter(reports)
    first = next(pending, None)
    if first is None:
        return
    stream = itertools.chain([first], pending)
    workers = usable_workers(workers)
    if workers == 1:
        yield from _outcomes(nlp(), stream, linker, extractor, batch_size)
        return
    _SHARED.update(nlp=nlp(), linker=linker, extractor=extractor)
    context = multiprocessing.get_context("fork")
    window = workers * WINDOW_BATCHES
    try:
        with context.Pool(workers) as pool:
            while True:
                batches = [b for b in (list(itertools.islice(stream, batch_size)) for _ in range(window)) if b]
                if not batches:
                    break
                for batch, results in zip(batches, pool.imap(_work, batches)):  # in order
                    for report, (entry, stage, error) in zip(batch, results):
                        yield Outcome(report, entry, stage, error)
    finally:
        _SHARED.clear()


def cpu_count() -> int:
    """Cores this process may use (``os.sched_getaffinity`` where there is one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1
