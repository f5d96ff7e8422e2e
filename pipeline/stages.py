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

``engine="dask"`` runs the same per-report function on a Dask cluster: a
``LocalCluster`` of ``workers`` processes that the run starts and closes, or the
cluster whose scheduler is at ``scheduler``. Each Dask worker loads the model
itself, once, by its name or path (a model is never pickled), and checks that
it has the same code, data and model files as the client; batches go out in a
window that stays full as results come back, in input order (docs/scale.md).

>>> from akteursnetz.stages import usable_workers
>>> usable_workers(1)
1
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .extract import Extractor
from .link import Linker
from .records import Report, as_row
from .tagging import tag

log = logging.getLogger("akteursnetz")

#: Batches a worker is given at a time; a window holds ``workers * WINDOW_BATCHES`` batches.
WINDOW_BATCHES = 2
#: Where the per-report stages run: this machine (``workers`` forked processes) or a Dask cluster.
ENGINES = ("local", "dask")
DASK_INSTALL = 'pip install "akteursnetz[dask]"'


class EngineError(RuntimeError):
    """The Dask engine cannot run: dask is not installed, the scheduler cannot be reached, or a worker differs."""


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
    engine: str = "local",
    scheduler: str | None = None,
    model: str | None = None,
) -> Iterator[Outcome]:
    """An :class:`Outcome` per report, in input order. ``nlp()`` returns the loaded pipeline; it is called only if a report comes.

    ``engine="dask"``: the reports are tagged and extracted on Dask workers, each of which
    loads ``model`` (a name or path, as for :func:`akteursnetz.nlp.load_nlp`; ``None``: the
    shipped model) itself; ``nlp`` is not called. Without ``scheduler`` the run starts a
    ``LocalCluster`` of ``workers`` processes (0: one per core) and closes it at the end;
    ``scheduler="tcp://host:8786"`` uses that cluster's workers.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if scheduler and engine != "dask":
        raise ValueError("a scheduler address needs engine='dask'")
    if engine == "dask":
        require_dask()  # before any report is read
    pending = iter(reports)
    first = next(pending, None)
    if first is None:
        return
    stream = itertools.chain([first], pending)
    if engine == "dask":
        yield from _dask_outcomes(stream, linker, extractor, batch_size, workers, scheduler, model)
        return
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


# ------------------------------------------------------------------ dask
def require_dask():
    """The ``distributed`` module, or an :class:`EngineError` that says how to install it."""
    try:
        import dask  # noqa: F401
        import distributed
    except ImportError as exc:
        raise EngineError(f"--engine dask needs dask and distributed, which are not installed ({exc}). Install them with: {DASK_INSTALL}") from exc
    return distributed


def fingerprint(model: str | None) -> tuple[str, str]:
    """What a worker must share with the client for the same rows: the package's code and data, the model's files."""
    from .cache import model_version, rules_version
    from .nlp import resolve_model

    return rules_version(), model_version(str(resolve_model(model)))


# in each Dask worker process: the pipelines it loaded, by model name or path
_WORKER_MODELS: dict = {}
_WORKER_LOCK = threading.Lock()  # one batch at a time per worker process, whatever its threads


def _worker_nlp(model: str | None, expected: tuple[str, str]):
    if model not in _WORKER_MODELS:
        from .nlp import load_nlp

        here = fingerprint(model)
        if here != expected:
            what = "code or data files" if here[0] != expected[0] else f"model files ({model or 'the shipped model'})"
            raise EngineError(
                f"a Dask worker has other akteursnetz {what} than the client: install the same version of akteursnetz "
                "and the same model on every worker (docs/scale.md)"
            )
        _WORKER_MODELS[model] = load_nlp(model)
    return _WORKER_MODELS[model]


def _dask_work(batch: list[Report], shared: tuple[Linker, Extractor], model: str | None, expected: tuple[str, str]) -> list[tuple[dict | None, str, str]]:
    """Runs on a Dask worker: one batch through the stages, with the worker's own copy of the model."""
    from threadpoolctl import threadpool_limits

    linker, extractor = shared
    with _WORKER_LOCK:
        nlp = _worker_nlp(model, expected)
        with threadpool_limits(limits=1):  # as the forked workers: the same numbers, no BLAS threads on top
            return [(o.entry, o.stage, o.error) for o in _outcomes(nlp, batch, linker, extractor, len(batch))]


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int = 0):
    """A ``distributed.Client``: of the cluster at ``scheduler``, or of a ``LocalCluster`` of ``workers`` processes that is closed after."""
    distributed = require_dask()
    if scheduler:
        try:
            client = distributed.Client(scheduler, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        try:
            yield client
        finally:
            client.close()
        return
    # the scheduler of a LocalCluster runs in this process: its INFO lines are no news for a run
    dask_log = logging.getLogger("distributed")
    level = dask_log.level
    dask_log.setLevel(max(logging.WARNING, logging.getLogger().getEffectiveLevel()))
    try:
        cluster = distributed.LocalCluster(
            n_workers=workers or cpu_count(), threads_per_worker=1, processes=True,
            dashboard_address=":0", silence_logs=logging.ERROR,  # any free port: two runs at once do not collide
        )
        try:
            with distributed.Client(cluster, set_as_default=False) as client:
                yield client
        finally:
            cluster.close()
    finally:
        dask_log.setLevel(level)


def _dask_outcomes(stream: Iterator[Report], linker: Linker, extractor: Extractor, batch_size: int, workers: int,
                   scheduler: str | None, model: str | None) -> Iterator[Outcome]:
    expected = fingerprint(model)
    with dask_client(scheduler, workers) as client:
        if not client.nthreads():
            log.warning("the Dask cluster at %s has no worker yet: waiting for one", scheduler)
        [shared] = client.scatter([(linker, extractor)], broadcast=True, hash=False)  # sent to each worker once
        in_flight: deque = deque()

        def fill() -> None:
            """Batches in flight: WINDOW_BATCHES per worker thread the cluster has now (it may grow or shrink)."""
            window = max(1, sum(client.nthreads().values())) * WINDOW_BATCHES
            while len(in_flight) < window:
                batch = list(itertools.islice(stream, batch_size))
                if not batch:
                    return
                in_flight.append((batch, client.submit(_dask_work, batch, shared, model, expected, pure=False)))

        fill()
        while in_flight:
            batch, future = in_flight.popleft()
            results = future.result()  # in input order; a worker's EngineError or ModelNotFound is raised here
            future.release()
            fill()  # the window stays full while this process builds rows
            for report, (entry, stage, error) in zip(batch, results):
                yield Outcome(report, entry, stage, error)


def cpu_count() -> int:
    """Cores this process may use (``os.sched_getaffinity`` where there is one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1
