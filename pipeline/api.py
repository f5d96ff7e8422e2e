"""The Python API for notebooks and scripts: :func:`run` a corpus, :func:`read_run` an output folder.

Both give a :class:`~akteursnetz.read.RunData`: typed tables as attributes, the summary, graphs.

>>> import akteursnetz  # doctest: +SKIP
>>> run = akteursnetz.run(["data/raw"])  # doctest: +SKIP
>>> run.edges.query("kind == 'police_municipality' and not uncertain")  # doctest: +SKIP
>>> g = run.graph("municipality")  # doctest: +SKIP
>>> same = akteursnetz.read_run("data/processed")  # doctest: +SKIP

``run(["data/raw"])`` works in memory; ``out="DIR"`` also writes the files. ``graph("municipality")``
is a weighted networkx graph with evidence; ``read_run`` types a finished run the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .inputs import InputSelection, require_inputs
from .model_check import model_problem
from .read import RunData, read_run, type_table

__all__ = ["run", "read_run", "RunData", "require_inputs", "process_selection", "write_pictures_and_report"]


def process_selection(selection: InputSelection, nlp, since: str | None = None, until: str | None = None,
                      on_report: Callable | None = None, **process_options):
    """Run the stages over the selected files, restrict to the period; a ``RunResult`` whose summary names ignored files."""
    from .period import parse_bound, restrict
    from .run import process, summarise

    since, until = parse_bound(since), parse_bound(until, end=True)  # a bad bound fails before the work
    result = process(selection.inputs, nlp, on_report=on_report, exclude_globs=selection.exclude, **process_options)
    if since or until:
        result.tables = restrict(result.tables, since, until)
        result.summary = summarise(result.tables, result.skipped, result.warnings)
        result.summary["period"] = {"since": since or "", "until": until or ""}
    result.summary["ignored"] = selection.ignored_rows()
    return result


def write_pictures_and_report(out: str | Path) -> list[Path]:
    """network.png, map.png, timeline.png and report.html for the run in ``out``."""
    from .report import write_report
    from .viz import write_pictures

    return [*write_pictures(out, out), Path(write_report(out, out))]


def run(inputs: Iterable[str | Path] | str | Path, out: str | Path | None = None, model: str | None = None, *,
        since: str | None = None, until: str | None = None, exclude: Iterable[str] = (),
        pictures: bool = False, nlp=None, workers: int = 1, engine: str = "local",
        scheduler: str | None = None) -> RunData:
    """Read report files or folders, build the network; write it to ``out`` when given.

    ``model``: a spaCy model name or folder (default: the shipped model); ``since``/``until``:
    inclusive ISO dates for the meetings kept; ``exclude``: glob patterns of files not to read;
    ``pictures``: also write the PNGs and report.html (needs ``out``); ``nlp``: a pipeline
    already loaded with :func:`akteursnetz.nlp.load_nlp` (saves loading it again); ``workers``:
    processes that tag and extract (the result is the same for any number); ``engine="dask"``:
    tag and extract on Dask workers, a ``LocalCluster`` of ``workers`` processes or the cluster
    at ``scheduler`` (``"tcp://host:8786"``); each worker loads ``model`` itself, so ``nlp`` is
    not used for tagging then (docs/scale.md). The result is the same.
    """
    from .stages import ENGINES, require_dask

    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if scheduler and engine != "dask":
        raise ValueError("scheduler needs engine='dask'")
    if engine == "dask":
        require_dask()  # before the model loads
    selection = require_inputs(inputs, exclude)
    name = nlp.meta.get("name", "") if nlp is not None else ""
    if nlp is None:
        from .nlp import ModelNotFound, load_nlp, resolve_model

        problem = model_problem(model)
        if problem:
            raise ModelNotFound(problem)
        if engine == "dask":  # the workers load the model; this process only names it
            from .cache import model_name

            name = model_name(str(resolve_model(model)))
            nlp = lambda: load_nlp(model)  # noqa: E731 - never called by the dask engine
        else:
            nlp = load_nlp(model)
            name = nlp.meta.get("name", "")
    result = process_selection(selection, nlp, since, until, workers=workers, engine=engine, scheduler=scheduler, model=model)
    files: list[Path] = []
    if out is not None:
        from .run import write_outputs

        # pictures and report are written into the staged folder, so the run's folder is replaced in one step
        extras = (lambda folder: write_pictures_and_report(folder)) if pictures else None
        files = write_outputs(result, out, model_name=name, extras=extras, workers=workers)
    tables = {name: type_table(df) for name, df in result.tables.items()}
    return RunData(tables=tables, summary=result.summary, path=Path(out) if out is not None else None, files=files)
