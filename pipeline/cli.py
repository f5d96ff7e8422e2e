"""Command line: ``akteursnetz run | evaluate | report | train-ner | evaluate-ner``.

Exit status is non-zero only when the arguments are wrong or nothing could be
processed; skipped files are listed in the summary.
"""

from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

def _help_without_python_types() -> None:
    """Newer typer prints Python types in help (``<bool>``, ``<list[Path]>``); show the metavar, nothing for flags."""
    from typer import core

    for cls in (getattr(core, "TyperArgument", None), getattr(core, "TyperOption", None)):
        if cls is None or not hasattr(cls, "display_type_rich") or getattr(cls, "_akteursnetz_help", False):
            continue

        def display_type_rich(self, ctx, _argument=cls is core.TyperArgument):
            if _argument or getattr(self, "is_flag", False) or not self.metavar:
                return None  # an argument's metavar stands in the name column already
            return self.metavar

        cls.display_type_rich = display_type_rich
        cls._akteursnetz_help = True


_help_without_python_types()
app = typer.Typer(add_completion=False, no_args_is_help=True, help="German meeting reports -> actor–meeting network.")
console = Console(stderr=True, soft_wrap=True)  # a message naming a file is never broken across lines


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="%(levelname)s %(message)s")


@app.command()
def run(
    inputs: Annotated[list[Path], typer.Argument(help="Report files or folders. Folders are searched for .txt, .html, .htm, .jsonl and .csv; other files in them are listed as ignored.", metavar="PATH")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (replaced as a whole by each run).", metavar="DIR")] = Path("data/processed"),
    model: Annotated[Optional[str], typer.Option(help="spaCy model: an installed package name (de_core_news_lg) or a folder. Default: the shipped model.", metavar="NAME|PATH")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option("--exclude", help="Do not read files matching this glob (file name or path below the input folder); repeatable.", metavar="GLOB")] = None,
    since: Annotated[Optional[str], typer.Option(help="Keep only meetings on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).", metavar="DATE")] = None,
    until: Annotated[Optional[str], typer.Option(help="Keep only meetings on or before this date (YYYY-MM-DD, YYYY-MM or YYYY).", metavar="DATE")] = None,
    pictures: Annotated[bool, typer.Option(help="Also write network.png, map.png, timeline.png and report.html.", metavar="")] = True,
    cache: Annotated[Optional[Path], typer.Option("--cache", help="Folder for each report's extraction (default: $AKTEURSNETZ_CACHE or ~/.cache/akteursnetz).", metavar="DIR")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.", metavar="")] = False,
    follow_links: Annotated[bool, typer.Option("--follow-links", help="Follow symbolic links that lead out of the input folders.", metavar="")] = False,
    force: Annotated[bool, typer.Option("--force", help="Write to an --out that holds files akteursnetz did not write (they are kept).", metavar="")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Processes that tag and extract (default 0: one per core); with the dask engine and no scheduler, the Dask workers started on this machine. The output is the same for any number.", metavar="N", min=0)] = 0,
    engine: Annotated[Engine, typer.Option("--engine", help="Where reports are tagged and extracted: local (this machine, in the worker processes) or dask (on Dask workers, each loading the model itself; needs the dask extra). The output is the same.", metavar="local|dask", case_sensitive=False)] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="With the dask engine: the address of a running Dask scheduler (tcp://host:8786), whose workers do the work; without it the run starts and stops a local cluster.", metavar="ADDRESS")] = None,
    json_summary: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout (for scripts) instead of a table.", metavar="")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each stage's warnings.", metavar="")] = False,
) -> None:
    """Read reports, extract actors and meetings, write tables and network files to OUT."""
    from .cache import ExtractionCache, default_dir, model_name
    from .inputs import require_inputs
    from .model_check import model_problem
    from .nlp import resolve_model
    from .outdir import OutputFolderError, check_out
    from .period import BadPeriod, parse_bound
    from .records import Duplicate
    from .stages import EngineError, cpu_count, require_dask

    _setup_logging(verbose)
    # everything that can be checked is checked before the model loads
    if scheduler and engine is not Engine.dask:
        console.print("[red]--scheduler needs --engine dask[/red]")
        raise typer.Exit(2)
    if engine is Engine.dask:
        try:
            require_dask()
        except EngineError as exc:
            console.print(f"[red]{escape(str(exc))}[/red]")  # the message holds akteursnetz[dask]
            raise typer.Exit(2) from exc
    try:
        selection = require_inputs(inputs, exclude or ())
        parse_bound(since), parse_bound(until, end=True)
    except (FileNotFoundError, BadPeriod) as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    try:
        check_out(out, force=force)  # a wrong --out costs nothing: checked before the model
    except OutputFolderError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    problem = model_problem(model)
    if problem:
        console.print(f"[red]{problem}[/red]")
        raise typer.Exit(2)

    from .api import process_selection
    from .nlp import ModelNotFound, load_nlp
    from .records import Skipped
    from .run import write_outputs

    try:
        target = resolve_model(model)
    except (OutputFolderError, ModelNotFound) as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    n_files = len(selection.files)
    cache_dir = None if no_cache else (cache or default_dir())
    own = [out] + ([cache_dir] if cache_dir else [])
    extraction_cache = ExtractionCache(cache_dir, str(target)) if cache_dir else None
    loaded: list = []

    def nlp():  # loaded only when a report is not in the cache
        if not loaded:
            loaded.append(load_nlp(model))
        return loaded[0]

    with Progress(
        TextColumn("[bold]reports"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console,
        disable=n_files < 20 or not console.is_terminal,
    ) as progress:
        task = progress.add_task("reports", total=n_files)

        def tick(item) -> None:
            if isinstance(item, Skipped):
                console.print(f"[yellow]skipped[/yellow] {item.source}: {item.reason}")
            elif isinstance(item, Duplicate):
                console.print(f"[yellow]duplicate[/yellow] {item.source}: the same text as report {item.report_id}")
            progress.advance(task)

        try:
            result = process_selection(selection, nlp, since, until, on_report=tick, cache=extraction_cache,
                                       exclude=own, follow_links=follow_links, workers=workers or cpu_count(),
                                       engine=engine.value, scheduler=scheduler, model=model)
        except (ModelNotFound, EngineError) as exc:
            console.print(f"[red]{escape(str(exc))}[/red]")
            raise typer.Exit(2) from exc
    for source, warning in result.warnings:
        console.print(f"[yellow]warning[/yellow] {source}: {warning}")
    if result.summary["reports"] == 0:
        console.print("[red]Nothing could be processed.[/red]")
        raise typer.Exit(1)

    def extras(folder: Path) -> None:
        try:
            from .report import write_report
            from .viz import write_pictures

            write_pictures(folder, folder)
            write_report(folder, folder, shown_as=out)
        except Exception as exc:  # pictures are a convenience; the data files are written
            for name in ("network.png", "map.png", "timeline.png", "report.html"):
                (folder / name).unlink(missing_ok=True)
            console.print(f"[yellow]pictures not written: {type(exc).__name__}: {exc}[/yellow]")

    try:
        files = write_outputs(result, out, model_name=model_name(str(target)), extras=extras if pictures else None,
                              workers=workers or cpu_count())
    except OutputFolderError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    if extraction_cache:
        result.summary["cache"] = f"{extraction_cache.hits} of {extraction_cache.hits + extraction_cache.misses} reports from {cache_dir}"
    names = sorted({Path(f).name for f in files})
    if json_summary:
        print(json.dumps({**result.summary, "out": str(out), "files": names}, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        _print_summary(result.summary, out, len(names))


def _print_summary(summary: dict, out: Path, n_files: int) -> None:
    table = Table(title=f"akteursnetz run -> {out}", show_header=False)
    table.add_row("reports read", str(summary["reports"]))
    table.add_row("reports skipped", str(len(summary["skipped"])))
    for s in summary["skipped"]:
        table.add_row("", f"{s['source']}: {s['reason']}")
    ignored = summary.get("ignored", [])
    table.add_row("files ignored", str(len(ignored)))
    for s in ignored:
        table.add_row("", f"{s['source']}: {s['reason']}")
    if summary.get("period"):
        table.add_row("period", f"{summary['period']['since'] or '…'} – {summary['period']['until'] or '…'}")
    table.add_row("duplicates (not processed again)", str(len(summary.get("duplicates", []))))
    for d in summary.get("duplicates", []):
        table.add_row("", f"{d['source']} = {d['same_text_as']}")
    if summary.get("cache"):
        table.add_row("from the cache", summary["cache"])
    table.add_row("actors", f"{summary['actors']}  ({', '.join(f'{k} {v}' for k, v in summary['actors_by_kind'].items())})")
    table.add_row("meetings", str(summary["meetings"]))
    table.add_row("participations", str(summary["participations"]))
    for kind, n in summary["edges_by_kind"].items():
        table.add_row(f"edges: {kind}", str(n))
    table.add_row("uncertain edges", str(summary["uncertain_edges"]))
    table.add_row("files written", str(n_files))
    Console().print(table)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (docs/gold-format.md).", metavar="GOLD")],
    pred: Annotated[Path, typer.Option("--pred", help="Output folder of a run.", metavar="DIR")] = Path("data/processed"),
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every error.", metavar="")] = False,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the scores as JSON to this file.", metavar="FILE")] = None,
    split: Annotated[
        Optional[str], typer.Option("--split", help="Only gold reports of this split (blind or dev).", metavar="NAME")
    ] = None,
    present_only: Annotated[
        bool, typer.Option("--present-only", help="Score only the gold reports the run read (a corpus whose texts are partly restored); name the others.", metavar="")
    ] = False,
) -> None:
    """Score a run's output against gold annotations."""
    from .read import NotARun, check_run_dir

    if not gold.is_file():
        console.print(f"[red]gold file not found: {gold}[/red]")
        raise typer.Exit(2)
    try:
        check_run_dir(pred)
    except NotARun as exc:
        console.print(f"[red]--pred: {exc}[/red]")
        raise typer.Exit(2) from exc
    from .evaluate import evaluate as score, format_scores

    ids = None
    if present_only:
        from .evaluate import read_table

        ids = set(read_table(pred, "reports")["report_id"])
    scores = score(gold, pred, report_ids=ids, split=split)
    if present_only:
        from .evaluate import read_gold

        absent = sorted(r for r, g in read_gold(gold).items() if r not in ids and (split is None or g.get("split") == split))
        if absent:
            print(f"not scored (not in the run): {', '.join(absent)}")
    print(format_scores(scores, verbose=verbose))
    if json_out:
        json_out.write_text(json.dumps(scores, indent=2, ensure_ascii=False, sort_keys=True, default=str), encoding="utf-8")


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder of a run.", metavar="DIR")] = Path("data/processed"),
) -> None:
    """Write pictures and a self-contained HTML report for a run's output (the folder is replaced in one step)."""
    import shutil

    from . import outdir
    from .report import write_report
    from .viz import write_pictures

    from .read import NotARun, check_run_dir

    try:
        check_run_dir(out)
    except NotARun as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    if not outdir.is_output_folder(out):
        console.print(f"[red]{out} is not the output folder of an akteursnetz run (no manifest.json)[/red]")
        raise typer.Exit(2)
    with outdir.Lock(out):
        outdir.recover(out)
        tmp = outdir.stage(out)
        try:
            shutil.copytree(out, tmp, dirs_exist_ok=True, copy_function=outdir._link_or_copy)
            for name in ("network.png", "map.png", "timeline.png", "report.html", outdir.MANIFEST):
                (tmp / name).unlink(missing_ok=True)  # hard links: write new files, never into the old ones
            write_pictures(tmp, tmp)
            write_report(tmp, tmp, shown_as=out)
            outdir.write_manifest(tmp)
            outdir.replace(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    console.print(f"wrote {out / 'report.html'}")


@app.command("train-ner")
def train_ner(
    shared: Annotated[Path, typer.Option(help="The shared data folder.", metavar="DIR")] = Path("../shared"),
    work: Annotated[Path, typer.Option(help="Working folder for corpora and checkpoints.", metavar="DIR")] = Path("build/ner"),
    model_dir: Annotated[Path, typer.Option(help="Where the packaged model goes.", metavar="DIR")] = Path("models/de_akteursnetz_ner"),
    corpus_set: Annotated[str, typer.Option(help="germeval (the shipped model) or all.", metavar="NAME")] = "germeval",
    pretrain_words: Annotated[int, typer.Option(help="Pretrain the tok2vec on this many words of the vector corpus first (0: no pretraining).", metavar="N")] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the NER training (42 for the shipped model); another seed shows the scatter of a recipe.", metavar="N")] = 42,
) -> None:
    """Reproduce the shipped NER model from the open corpora (about 30 minutes on one core; needs the 'train' extra)."""
    from .ner.train import missing_training_packages, train

    _setup_logging(True)
    missing = missing_training_packages()
    if missing:
        console.print(f"[red]training the NER model needs: {'; '.join(missing)}[/red]")
        raise typer.Exit(2)
    if not (shared / "data" / "ner").exists():
        console.print(f"[red]training data not found under {shared}/data/ner[/red]")
        raise typer.Exit(2)
    if pretrain_words < 0:
        console.print("[red]--pretrain-words must be 0 or more[/red]")
        raise typer.Exit(2)
    path = train(shared, work, model_dir, corpus_set=corpus_set, pretrain_words=pretrain_words, seed=seed)
    console.print(f"model written to {path}")


@app.command("evaluate-ner")
def evaluate_ner(
    test: Annotated[Path, typer.Option(help="GermEval 2014 test file.", metavar="FILE")] = Path("../shared/data/ner/germeval2014/NER-de-test.tsv"),
    model: Annotated[Optional[str], typer.Option(help="Model name or path (default: the shipped one).", metavar="NAME|PATH")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the scores as JSON to this file.", metavar="FILE")] = None,
) -> None:
    """Precision, recall and F1 on GermEval 2014 (outer spans), overall and per type, and words per second."""
    from .ner.evaluate import evaluate_model, format_report

    if not test.exists():
        console.print(f"[red]test file not found: {test}[/red]")
        raise typer.Exit(2)
    scores = evaluate_model(test, model)
    print(format_report(scores))
    if json_out:
        json_out.write_text(json.dumps(scores, indent=2, sort_keys=True), encoding="utf-8")


def main() -> None:
    app()


if __name__ == "__main__":
    sys.exit(main())
