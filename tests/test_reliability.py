"""Whole runs on bad input: isolation, ids, duplicates, killed runs, resume, the output folder."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from spacy.language import Language

from akteursnetz import outdir
from akteursnetz.cache import ExtractionCache
from akteursnetz.ingest import read_reports
from akteursnetz.records import Report
from akteursnetz.run import process, write_outputs
from conftest import RAW, ROOT

FEW = sorted(RAW.glob("*.txt"))[:4]


@Language.component("test_boom")
def _boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("the tagger broke")
    return doc


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def _texts(inputs) -> dict[str, str]:
    return {r.report_id: r.text for r in read_reports(inputs) if isinstance(r, Report)}


def test_one_bad_report_never_costs_the_run(nlp, tmp_path, monkeypatch):
    from akteursnetz.link import Linker

    inp = tmp_path / "in"
    inp.mkdir()
    pirna = (RAW / "2023-03-15_kpr-sitzung_pirna.txt").read_text(encoding="utf-8")
    (inp / "good.txt").write_text(pirna, encoding="utf-8")
    (inp / "word.txt").write_text(pirna.replace("\n\n", "\n\x0c\n", 2).replace(" der ", " der\x0b", 3) + "\ufffe Aus Word.\x07", encoding="utf-8")
    (inp / "boom.txt").write_text(pirna + "\n\nBOOM", encoding="utf-8")
    (inp / "linkfail.txt").write_text(pirna + "\n\nLINKFAIL", encoding="utf-8")
    long = "\n\n".join([pirna] + [f"Absatz {i}: Der Präventionsrat in Riesa tagte erneut mit der Polizei." for i in range(120)])
    (inp / "long.txt").write_text(long, encoding="utf-8")
    link = Linker.link

    def fragile(self, report, doc):
        if "LINKFAIL" in report.text:
            raise RuntimeError("linking broke")
        return link(self, report, doc)

    monkeypatch.setattr(Linker, "link", fragile)
    monkeypatch.setattr(nlp, "max_length", 3000)  # spaCy's E088 for long.txt, without a million characters
    nlp.add_pipe("test_boom", last=True)
    try:
        result = process([inp], nlp)
    finally:
        nlp.remove_pipe("test_boom")
    reasons = {Path(s.source).name: s.reason for s in result.skipped}
    assert set(reasons) == {"boom.txt", "linkfail.txt"}
    assert reasons["boom.txt"].startswith("tagging failed: ValueError: the tagger broke")
    assert reasons["linkfail.txt"].startswith("linking/extraction failed: RuntimeError: linking broke")
    assert set(result.tables["reports"]["report_id"]) == {"good", "word", "long"}
    texts = _texts([inp])
    mentions = result.tables["mentions"]
    assert (mentions["report_id"] == "long").sum() > (mentions["report_id"] == "good").sum()  # all parts were tagged
    for m in mentions.itertuples():
        assert texts[m.report_id][m.start : m.end] == m.text
    out = tmp_path / "out"
    write_outputs(result, out)
    nx.read_graphml(out / "network.graphml")
    nx.read_gexf(out / "network.gexf")


def test_colliding_names_stay_different_reports(nlp, tmp_path):
    towns = ["Pirna", "Riesa", "Zittau"]
    names = ["Bericht Pirna.txt", "bericht-pirna.txt", "Bericht_Pirna.txt"]
    for name, town in zip(names, towns):
        (tmp_path / name).write_text(
            f"12.03.2024\n\nPräventionsrat tagt\n\nDer Kommunale Präventionsrat der Stadt {town} traf sich am 11. März 2024 "
            f"im Rathaus {town}. Bürgermeister Max Muster{town[0]} begrüßte die Gäste.", encoding="utf-8")
    result = process([tmp_path], nlp)
    meetings = result.tables["meetings"]
    assert len(result.tables["reports"]) == 3 and result.tables["reports"]["report_id"].is_unique
    assert len(meetings) == 3 and meetings["meeting_id"].is_unique
    assert sorted(meetings["municipality"]) == sorted(towns)
    assert "cross_municipality" not in set(result.tables["edges"]["kind"])  # no report names two of the towns


def test_duplicate_reports_are_processed_once_and_recorded(nlp, tmp_path):
    import json

    text = (RAW / "2023-03-15_kpr-sitzung_pirna.txt").read_text(encoding="utf-8")
    (tmp_path / "pirna.txt").write_text(text, encoding="utf-8")
    (tmp_path / "pirna-kopie.txt").write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    (tmp_path / "export.jsonl").write_text(json.dumps({"id": "p", "text": text}) + "\n", encoding="utf-8")
    single = process([tmp_path / "pirna.txt"], nlp)
    result = process([tmp_path], nlp)
    reports = result.tables["reports"]
    assert len(reports) == 1 and len(result.tables["meetings"]) == 1
    assert sorted(Path(s.split(":")[0]).name for s in reports["duplicate_sources"].iloc[0].split("; ")) == ["pirna-kopie.txt", "pirna.txt"]
    assert result.summary["reports"] == 1 and len(result.summary["duplicates"]) == 2
    assert result.tables["edges"]["weight"].tolist() == single.tables["edges"]["weight"].tolist()  # not doubled


def test_interrupted_run_resumes_from_the_cache_and_equals_an_uncached_run(nlp, tmp_path):
    cache = ExtractionCache(tmp_path / "cache", nlp.meta["akteursnetz"]["model"])
    seen = []

    def interrupt(item):
        seen.append(item)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        process(FEW, nlp, on_report=interrupt, cache=cache)
    assert cache.hits == 0
    resumed = process(FEW, nlp, cache=cache)
    assert cache.hits == 2 and cache.misses == len(FEW) + 2  # two entries survived the interruption
    write_outputs(resumed, tmp_path / "resumed")
    write_outputs(process(FEW, nlp), tmp_path / "plain")
    assert _digest(tmp_path / "resumed") == _digest(tmp_path / "plain")

    def no_model():
        raise AssertionError("the model must not be needed when every report is cached")

    again = process(FEW, no_model, cache=cache)  # nothing changed: only the network and exports are rebuilt
    write_outputs(again, tmp_path / "again")
    assert _digest(tmp_path / "again") == _digest(tmp_path / "plain")


def test_cache_misses_when_the_report_model_or_rules_change(tmp_path, monkeypatch):
    from akteursnetz import cache as cache_mod

    report = Report("r", "r.txt", "Text in Pirna.")
    a = ExtractionCache(tmp_path, str(ROOT / "models" / "de_akteursnetz_ner"))
    a.put(report, {"x": 1})
    assert a.get(report) == {"x": 1}
    assert a.get(Report("r", "r.txt", "Text in Riesa.")) is None
    assert ExtractionCache(tmp_path, "de_core_news_sm").get(report) is None
    monkeypatch.setattr(cache_mod, "rules_version", lambda: "other rules")
    assert ExtractionCache(tmp_path, str(ROOT / "models" / "de_akteursnetz_ner")).get(report) is None
    assert (tmp_path / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_force_keeps_files_no_run_wrote(nlp, tmp_path):
    result = process(FEW[:1], nlp)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("meine Notizen")
    write_outputs(result, out)  # as with --force
    write_outputs(result, out)  # and again without: the folder now has a manifest
    assert (out / "notes.txt").read_text() == "meine Notizen"
    assert "notes.txt" not in outdir.read_manifest(out)["files"]


# ------------------------------------------------------------------ killed runs
def _start(inputs, out, point, flag, cache, extra_env=None):
    env = {**os.environ, "AKTEURSNETZ_PAUSE_AT": point, "AKTEURSNETZ_PAUSE_FILE": str(flag), **(extra_env or {})}
    args = [sys.executable, "-m", "akteursnetz", "run", *map(str, inputs), "--out", str(out), "--cache", str(cache), "--no-pictures"]
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_a_killed_run_leaves_the_previous_output_complete(nlp, tmp_path):
    previous = tmp_path / "previous"
    write_outputs(process(FEW[:2], nlp), previous)
    before = _digest(previous)
    points = {"report:2": {}, "tables": {}, "swap": {}, "swap-aside": {"AKTEURSNETZ_NO_EXCHANGE": "1"}}
    runs = {}
    for i, (point, env) in enumerate(points.items()):
        out = tmp_path / f"out{i}"
        shutil.copytree(previous, out)
        flag = tmp_path / f"flag{i}"
        runs[point] = (out, flag, tmp_path / f"cache{i}", _start(FEW, out, point, flag, tmp_path / f"cache{i}", env))
    deadline = time.time() + 400
    for point, (out, flag, cache, proc) in runs.items():
        while not flag.exists():
            assert proc.poll() is None, f"{point}: the run ended before the pause point: {proc.stderr.read().decode()}"
            assert time.time() < deadline, f"{point}: the pause point was not reached"
            time.sleep(0.2)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
    for point, (out, flag, cache, proc) in runs.items():
        if point == "swap-aside":  # killed between the two renames: the previous output waits beside out
            assert not out.exists()
            outdir.recover(out)
        assert _digest(out) == before, point
    # the next run cleans up what the killed one left and writes a complete folder
    out, flag, cache, proc = runs["tables"]

    def leftovers():
        return [p for p in tmp_path.iterdir() if p.name.startswith(f".{out.name}.akteursnetz-") and not p.name.endswith("lock")]

    assert leftovers()  # the killed run's staging folder
    write_outputs(process(FEW[:2], nlp), out)
    assert not leftovers()
    manifest = outdir.read_manifest(out)
    assert set(manifest["files"]) | {outdir.MANIFEST} == {p.name for p in out.iterdir()}
    # the run killed while tagging resumes from what it cached
    out, flag, cache, proc = runs["report:2"]
    resumed_cache = ExtractionCache(cache, nlp.meta["akteursnetz"]["model"])
    process(FEW, nlp, cache=resumed_cache)
    assert resumed_cache.hits == 2


def test_out_set_to_the_input_folder_never_reads_its_own_tables(nlp, tmp_path):
    shutil.copy(FEW[0], tmp_path / FEW[0].name)
    first = process([tmp_path], nlp, exclude=[tmp_path])
    write_outputs(first, tmp_path)
    second = process([tmp_path], nlp, exclude=[tmp_path])
    assert second.tables["reports"]["report_id"].tolist() == first.tables["reports"]["report_id"].tolist() == [FEW[0].stem]
    assert (tmp_path / FEW[0].name).exists() and (tmp_path / "reports.csv").exists()
    write_outputs(second, tmp_path)
    assert (tmp_path / FEW[0].name).read_bytes() == FEW[0].read_bytes()  # the input survives the replacement


def test_cli_refuses_a_bad_out_before_loading_the_model(tmp_path):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "theirs").mkdir()
    (tmp_path / "theirs" / "thesis.docx").write_text("x")
    for out, message in ((tmp_path / "file.txt", "is a file"), (tmp_path / "theirs", "--force")):
        start = time.time()
        proc = subprocess.run([sys.executable, "-m", "akteursnetz", "run", str(RAW), "--out", str(out), "--model", "de_core_news_xx"],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2 and message in proc.stderr and "de_core_news_xx" not in proc.stderr, proc.stderr
    assert (tmp_path / "theirs" / "thesis.docx").exists()
