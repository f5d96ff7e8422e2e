"""The benchmark code runs on small sizes (speed itself is measured by the benchmark, never by a test)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_bench_pipeline_runs_and_records_its_figures(tmp_path):
    out = tmp_path / "pipeline.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_pipeline.py"), "--sizes", "12", "--json", str(out)],
                   check=True, capture_output=True, text=True, timeout=600)
    row = json.loads(out.read_text())["rows"][0]
    assert row["reports"] == 12 and row["words"] > 1000 and row["meetings"] > 0
    for key in ("model_wps", "pipe_wps", "process_wps", "run_wps", "peak_rss_mb"):
        assert row[key] > 0, key
    assert abs(sum(row["component_share"].values()) - 1) < 0.01 and {"tok2vec", "ner"} <= set(row["component_share"])


def test_bench_workers_finds_identical_tables(tmp_path):
    out = tmp_path / "workers.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_workers.py"), "-n", "12", "--rounds", "1", "--json", str(out)],
                   check=True, capture_output=True, text=True, timeout=600)
    assert json.loads(out.read_text())["identical_tables"] is True
