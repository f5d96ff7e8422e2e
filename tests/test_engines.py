"""``--engine dask``: the same files as a local run, failures named, input streamed, a clear word when dask is missing."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from akteursnetz import stages
from conftest import RAW, ROOT, counted_feed, linker_and_extractor

HAS_DASK = all(importlib.util.find_spec(m) is not None for m in ("dask", "distributed"))
# the test of the missing-dask message runs either way; everything else needs dask
needs_dask = pytest.mark.skipif(not HAS_DASK, reason='dask[distributed] is not installed (pip install "akteursnetz[dask]")')


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "akteursnetz", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of two worker processes, one thread each, for the module."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with Client(cluster, set_as_default=False) as c:
            yield c


@pytest.fixture(scope="module")
def local_files(tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "A"
    proc = _cli("run", str(RAW), "--out", str(out), "--no-pictures", "--no-cache")
    assert proc.returncode == 0, proc.stderr
    return _files(out)


@needs_dask
def test_dask_with_two_local_workers_writes_the_same_files(local_files, tmp_path):
    out = tmp_path / "B"
    proc = _cli("run", str(RAW), "--out", str(out), "--no-pictures", "--no-cache", "--engine", "dask", "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    assert "INFO" not in proc.stderr  # the local cluster's scheduler log stays quiet
    dask_files = _files(out)
    assert sorted(dask_files) == sorted(local_files) and "manifest.json" in dask_files and "summary.json" in dask_files
    assert [name for name in local_files if dask_files[name] != local_files[name]] == []  # byte for byte, every file


@needs_dask
def test_dask_on_a_running_scheduler_writes_the_same_files(local_files, client, tmp_path):
    out = tmp_path / "C"
    proc = _cli("run", str(RAW), "--out", str(out), "--no-pictures", "--no-cache", "--engine", "dask", "--scheduler", client.scheduler.address)
    assert proc.returncode == 0, proc.stderr
    dask_files = _files(out)
    assert [name for name in local_files if dask_files.get(name) != local_files[name]] == []


@needs_dask
def test_a_report_failing_in_a_dask_worker_is_skipped_with_its_reason(client, tmp_path):
    from akteursnetz.run import process

    text = (RAW / "2023-03-15_kpr-sitzung_pirna.txt").read_text(encoding="utf-8")
    for i in range(5):
        (tmp_path / f"r{i}.txt").write_text(text.replace("Pirna", "Pirna" if i != 3 else "Pirna LINKFAIL", 1) + f"\n\nNr. {i}", encoding="utf-8")

    def break_linking():  # runs in each worker process (a local function: sent by value)
        from akteursnetz.link import Linker

        link = Linker.link

        def fragile(self, report, doc):
            if "LINKFAIL" in report.text:
                raise RuntimeError("linking broke")
            return link(self, report, doc)

        fragile.original = link
        Linker.link = fragile

    def mend_linking():
        from akteursnetz.link import Linker

        Linker.link = getattr(Linker.link, "original", Linker.link)

    def no_model_here():
        raise AssertionError("with engine='dask' the client loads no model")

    client.run(break_linking)
    try:
        result = process([tmp_path], no_model_here, batch_size=2, workers=2, engine="dask", scheduler=client.scheduler.address)
    finally:
        client.run(mend_linking)
    assert [(Path(s.source).name, s.reason) for s in result.skipped] == [("r3.txt", "linking/extraction failed: RuntimeError: linking broke")]
    assert list(result.tables["reports"]["report_id"]) == ["r0", "r1", "r2", "r4"]


@needs_dask
def test_dask_workers_are_fed_in_windows_in_input_order(client):
    feed, corpus, pulled = counted_feed(40)
    outcomes = stages.process_reports(feed, lambda: None, *linker_and_extractor(), batch_size=2,
                                      engine="dask", scheduler=client.scheduler.address)
    first = next(outcomes)
    threads = sum(client.nthreads().values())
    assert len(pulled) <= (threads * stages.WINDOW_BATCHES + 1) * 2  # a window of batches and the next one, not 40 reports
    rest = list(outcomes)
    assert [o.report for o in [first, *rest]] == corpus and len(pulled) == 40
    assert all(o.entry is not None for o in rest)


@needs_dask
def test_a_worker_with_other_code_or_model_is_refused():
    here = stages.fingerprint(None)
    with pytest.raises(stages.EngineError, match="other akteursnetz code or data files than the client"):
        stages._worker_nlp(None, ("another version", here[1]))
    with pytest.raises(stages.EngineError, match="other akteursnetz model files"):
        stages._worker_nlp(None, (here[0], "another model"))
    assert None not in stages._WORKER_MODELS  # nothing was loaded


def test_without_dask_the_engine_says_how_to_install_it(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from akteursnetz.cli import app

    monkeypatch.setitem(sys.modules, "dask", None)  # import dask -> ImportError
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(stages.EngineError, match=r'pip install "akteursnetz\[dask\]"'):
        stages.require_dask()
    with pytest.raises(stages.EngineError, match="needs dask"):
        next(stages.process_reports(iter(()), lambda: None, None, None, engine="dask"))
    result = CliRunner().invoke(app, ["run", str(RAW), "--out", str(tmp_path / "o"), "--engine", "dask"])
    assert result.exit_code == 2
    assert 'pip install "akteursnetz[dask]"' in result.output
    assert not (tmp_path / "o").exists()


def test_scheduler_without_the_dask_engine_is_refused(tmp_path):
    from typer.testing import CliRunner

    from akteursnetz.cli import app

    result = CliRunner().invoke(app, ["run", str(RAW), "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.output
    with pytest.raises(ValueError, match="engine must be one of local, dask"):
        next(stages.process_reports(iter(()), lambda: None, None, None, engine="spark"))
    with pytest.raises(ValueError, match="needs engine='dask'"):
        next(stages.process_reports(iter(()), lambda: None, None, None, scheduler="tcp://127.0.0.1:8786"))
