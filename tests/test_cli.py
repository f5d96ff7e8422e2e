"""The command line fails early and clearly, reads only report files, and reports what it did."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from conftest import RAW, ROOT

PIRNA = RAW / "2023-03-15_kpr-sitzung_pirna.txt"


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "akteursnetz", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_wrong_input_path_fails_before_the_model_loads(tmp_path):
    start = time.monotonic()
    proc = _cli("run", str(tmp_path / "nothing-here"), "--out", str(tmp_path / "o"))
    elapsed = time.monotonic() - start
    assert proc.returncode == 2
    assert f"input not found: {tmp_path / 'nothing-here'}" in proc.stderr
    assert elapsed < 5  # the model takes ~10 s to load; the check comes first (about 0.5 s)
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("model", ["de_core_news_sm", "de_core_news_md", "de_core_news_lg"])
def test_model_advice_names_the_model_asked_for(tmp_path, model):
    proc = _cli("run", str(PIRNA), "--out", str(tmp_path / "o"), "--model", model)
    assert proc.returncode == 2
    assert f"spacy download {model}" in proc.stderr
    others = {"de_core_news_sm", "de_core_news_md", "de_core_news_lg"} - {model}
    assert not any(f"download {o}" in proc.stderr for o in others)


def test_bad_date_bound_is_refused(tmp_path):
    proc = _cli("run", str(PIRNA), "--out", str(tmp_path / "o"), "--since", "14.03.2024")
    assert proc.returncode == 2 and "not a date" in proc.stderr


def test_only_report_files_are_read_exclude_and_json_summary(tmp_path):
    inp = tmp_path / "in"
    (inp / "drafts").mkdir(parents=True)
    (inp / "ok.txt").write_text(PIRNA.read_text(encoding="utf-8"), encoding="utf-8")
    (inp / "README.md").write_text("# Berichte\n\nDie Stadt Dresden und die Polizeidirektion Leipzig trafen sich.\n", encoding="utf-8")
    (inp / "notes.docx").write_bytes(b"PK\x03\x04")
    (inp / "drafts" / "entwurf.txt").write_text("Die Stadt Görlitz lud ein.\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = _cli("run", str(inp), "--out", str(out), "--exclude", "drafts/*", "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["reports"] == 1
    ignored = {item["source"].split("/")[-1]: item["reason"] for item in summary["ignored"]}
    assert ignored["README.md"] == "not a report file (.md)" and "notes.docx" in ignored
    assert ignored["entwurf.txt"] == "excluded by drafts/*"
    on_disk = sorted(p.name for p in out.iterdir() if p.is_file())
    assert summary["files"] == on_disk  # every file written is counted, pictures included
    assert {"network.png", "report.html", "centrality.csv"} <= set(on_disk)
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["ignored"] == summary["ignored"]


def test_summary_table_counts_every_file(tmp_path):
    out = tmp_path / "out"
    proc = _cli("run", str(PIRNA), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    n = len([p for p in out.iterdir() if p.is_file()])
    line = next(line for line in proc.stdout.splitlines() if "files written" in line)
    assert line.split("files written")[1].strip(" │|").split()[0] == str(n)


def test_report_and_evaluate_refuse_a_folder_that_is_not_a_run(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    report = _cli("report", "--out", str(tmp_path))
    assert report.returncode == 2 and "not a run folder" in report.stderr
    assert not (tmp_path / "report.html").exists()
    evaluate = _cli("evaluate", "data/gold/sample.jsonl", "--pred", str(tmp_path))
    assert evaluate.returncode == 2 and "not a run folder" in evaluate.stderr
    missing = _cli("evaluate", "data/gold/sample.jsonl", "--pred", "/nonexistent")
    assert missing.returncode == 2 and "no such folder: /nonexistent" in missing.stderr
    assert "0.000" not in missing.stdout


@pytest.mark.parametrize("command", ["run", "report", "evaluate", "evaluate-ner", "train-ner"])
def test_help_has_text_for_every_option_and_no_python_types(command):
    proc = _cli(command, "--help")
    assert proc.returncode == 0
    text = proc.stdout
    assert "<bool>" not in text and "<list" not in text and "<path>" not in text and "<str>" not in text
    # every option row carries help text
    rows = [line for line in text.splitlines() if line.lstrip("│ ").startswith("--")]
    assert rows
    for row in rows:
        cells = row.strip("│ ").split("  ")
        assert len([c for c in cells if c.strip()]) >= 2, row


def test_evaluate_present_only_scores_the_reports_the_run_read(sample_run, tmp_path):
    _, out = sample_run
    gold = tmp_path / "gold.jsonl"
    lines = (ROOT / "data" / "gold" / "sample.jsonl").read_text(encoding="utf-8").splitlines()
    ghost = json.loads(lines[0])
    ghost["report_id"], ghost["file"] = "ghost", "ghost.txt"
    gold.write_text("\n".join([*lines, json.dumps(ghost, ensure_ascii=False)]) + "\n", encoding="utf-8")
    strict = _cli("evaluate", str(gold), "--pred", str(out))
    present = _cli("evaluate", str(gold), "--pred", str(out), "--present-only")
    assert "reports absent from the run: ghost" in strict.stdout
    assert "not scored (not in the run): ghost" in present.stdout and "absent from the run" not in present.stdout
    assert "20 reports" in present.stdout and "21 reports" in strict.stdout
