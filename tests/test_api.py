"""The Python API: akteursnetz.run / read_run, typed tables, a fast import."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from conftest import RAW, ROOT


def test_import_is_light():
    code = "import sys, akteursnetz; print(sorted(m for m in ('pandas', 'spacy', 'networkx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_run_name_is_the_api_and_the_stage_module():
    import akteursnetz
    from akteursnetz.run import process  # the stage module stays importable

    assert callable(akteursnetz.run) and callable(process)


def test_read_run_returns_typed_tables_and_graphs(sample_run):
    import akteursnetz

    _, out = sample_run
    run = akteursnetz.read_run(out)
    actors = run.actors
    towns = actors[actors["actor_id"].str.startswith("mun:")]
    assert towns["ags"].map(type).eq(str).all() and towns["ags"].str.fullmatch(r"\d{8}").all()
    assert actors.loc[actors["district_ags"] != "", "district_ags"].str.fullmatch(r"\d{5}").all()
    assert pd.api.types.is_datetime64_any_dtype(run.meetings["date"])
    assert pd.api.types.is_datetime64_any_dtype(run.reports["date"])
    assert run.edges["uncertain"].dtype == bool
    assert str(run.mentions["start"].dtype) == "Int64"
    assert run.actors["confidence"].dtype == "float64"
    assert run.summary["reports"] == len(run.reports)
    assert run.graph("municipality").number_of_nodes() > 0
    assert set(run.graphs) == {"actor_meeting", "actor_actor", "municipality", "police_municipality"}
    assert all(len(k) == 8 for k in run.matrix().index)
    assert "centrality" in run.tables and "communities" in run.tables


def test_read_run_refuses_a_folder_that_is_not_a_run(tmp_path):
    import akteursnetz
    from akteursnetz.read import NotARun

    with pytest.raises(NotARun, match="not a run folder"):
        akteursnetz.read_run(tmp_path)


def test_api_run_in_memory_matches_the_written_tables(nlp, tmp_path):
    import akteursnetz

    one = RAW / "2023-03-15_kpr-sitzung_pirna.txt"
    mem = akteursnetz.run([one], nlp=nlp)
    assert mem.path is None and not mem.files and len(mem.meetings) == 1
    written = akteursnetz.run([one], out=tmp_path, nlp=nlp)
    assert (tmp_path / "summary.json").exists() and written.files
    back = akteursnetz.read_run(tmp_path)
    pd.testing.assert_frame_equal(mem.actors.reset_index(drop=True), back.actors[mem.actors.columns].reset_index(drop=True), check_dtype=False)
    assert mem.graph("actor_actor").number_of_edges() == back.graph("actor_actor").number_of_edges()


def test_api_run_rejects_a_missing_path_before_loading_a_model(tmp_path):
    import akteursnetz

    with pytest.raises(FileNotFoundError, match="input not found"):
        akteursnetz.run([tmp_path / "missing"], model="de_core_news_xx")


def test_python_dash_m_akteursnetz():
    proc = subprocess.run([sys.executable, "-m", "akteursnetz", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "run" in proc.stdout and "evaluate" in proc.stdout


@pytest.mark.parametrize("name", ["akteursnetz", "akteursnetz.graphs", "akteursnetz.metrics", "akteursnetz.inputs",
                                  "akteursnetz.model_check", "akteursnetz.read", "akteursnetz.period", "akteursnetz.graph_files"])
def test_docstring_examples_of_the_user_modules(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
