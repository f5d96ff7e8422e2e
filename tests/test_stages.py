"""Worker processes: the same rows as one process, failures named, input read in windows."""

from __future__ import annotations

import logging
import multiprocessing
from pathlib import Path

import pandas as pd
import pytest

from akteursnetz import stages
from akteursnetz.run import process
from conftest import RAW, counted_feed, linker_and_extractor

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers need the fork start method")


def test_two_workers_give_the_same_tables_as_one(nlp):
    one = process([RAW], nlp, batch_size=4)
    two = process([RAW], nlp, batch_size=4, workers=2)
    assert one.tables.keys() == two.tables.keys()
    for name in one.tables:
        pd.testing.assert_frame_equal(one.tables[name], two.tables[name], check_dtype=False, obj=name)
    assert one.summary == two.summary


def test_a_report_failing_in_a_worker_is_skipped_with_its_reason(nlp, tmp_path, monkeypatch):
    from akteursnetz.link import Linker

    text = (RAW / "2023-03-15_kpr-sitzung_pirna.txt").read_text(encoding="utf-8")
    for i in range(5):
        (tmp_path / f"r{i}.txt").write_text(text.replace("Pirna", "Pirna" if i != 3 else "Pirna LINKFAIL", 1) + f"\n\nNr. {i}", encoding="utf-8")
    link = Linker.link

    def fragile(self, report, doc):
        if "LINKFAIL" in report.text:
            raise RuntimeError("linking broke")
        return link(self, report, doc)

    monkeypatch.setattr(Linker, "link", fragile)  # inherited by the forked workers
    result = process([tmp_path], nlp, batch_size=2, workers=2)
    assert [(Path(s.source).name, s.reason) for s in result.skipped] == [("r3.txt", "linking/extraction failed: RuntimeError: linking broke")]
    assert list(result.tables["reports"]["report_id"]) == ["r0", "r1", "r2", "r4"]


def test_workers_are_fed_in_windows_not_the_whole_input(nlp):
    feed, _, pulled = counted_feed(40)
    outcomes = stages.process_reports(feed, lambda: nlp, *linker_and_extractor(), batch_size=2, workers=2)
    next(outcomes)
    assert len(pulled) <= 2 * stages.WINDOW_BATCHES * 2  # one window of batches, not 40 reports
    assert sum(1 for _ in outcomes) == 39 and len(pulled) == 40


def test_without_fork_the_run_stays_in_one_process(monkeypatch, caplog):
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    with caplog.at_level(logging.WARNING, logger="akteursnetz"):
        assert stages.usable_workers(4) == 1
    assert "needs the 'fork' start method" in caplog.text
    assert stages.usable_workers(1) == 1


def test_graph_files_written_by_two_processes_are_the_same_bytes(nlp, tmp_path):
    from akteursnetz.run import write_outputs

    result = process([RAW], nlp, batch_size=4)
    one = write_outputs(result, tmp_path / "one", workers=1)
    two = write_outputs(result, tmp_path / "two", workers=2)
    assert [p.name for p in one] == [p.name for p in two]
    for a, b in zip(one, two):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_a_graph_file_failing_in_a_writer_process_fails_the_write_and_keeps_the_old_output(nlp, tmp_path, monkeypatch):
    from akteursnetz import graph_files
    from akteursnetz.run import write_outputs

    result = process([RAW], nlp, batch_size=4)
    out = tmp_path / "out"
    write_outputs(result, out, workers=1)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    def broken(g, path, stamp):
        raise OSError("disk full")

    monkeypatch.setattr(graph_files, "write_gexf", broken)
    with pytest.raises(OSError, match="disk full"):
        write_outputs(result, out, workers=2)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
