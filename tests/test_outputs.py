"""Exports: contract columns, files that Gephi/networkx read back, byte-identical reruns, atomic writes, CLI."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import networkx as nx
import pandas as pd
import pytest

from conftest import RAW, ROOT

CONTRACT = {
    "reports.csv": ["report_id", "source", "date", "title"],
    "mentions.csv": ["report_id", "start", "end", "text", "label", "actor_id"],
    "actors.csv": ["actor_id", "name", "kind", "ags", "district"],
    "meetings.csv": ["meeting_id", "report_id", "date", "type", "venue", "ags", "region"],
    "participation.csv": ["meeting_id", "actor_id", "role"],
    "edges.csv": ["source", "target", "kind", "weight", "meetings"],
}


def test_output_contract_columns_and_values(sample_run):
    result, out = sample_run
    for name, columns in CONTRACT.items():
        df = pd.read_csv(out / name, keep_default_na=False, dtype=str)
        assert df.columns[: len(columns)].tolist() == columns, name
        assert (out / name.replace(".csv", ".parquet")).exists()
    actors = pd.read_csv(out / "actors.csv", keep_default_na=False, dtype=str)
    from akteursnetz.records import ACTOR_KINDS, ROLES

    assert set(actors["kind"]) <= set(ACTOR_KINDS)
    assert set(pd.read_csv(out / "participation.csv", dtype=str)["role"]) <= set(ROLES)
    municipal = actors[actors["kind"] == "municipality"]
    assert municipal["ags"].str.fullmatch(r"14\d{6}|").all()
    dates = pd.read_csv(out / "meetings.csv", keep_default_na=False, dtype=str)["date"]
    assert dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}|").all()
    # mention offsets point at the text they claim
    mentions = pd.read_csv(out / "mentions.csv", keep_default_na=False, dtype={"start": int, "end": int})
    assert (mentions["end"] > mentions["start"]).all()


def test_uncertain_edges_are_flagged_and_filterable(sample_run):
    _, out = sample_run
    edges = pd.read_csv(out / "edges.csv", keep_default_na=False)
    assert set(edges["basis"]) <= {"stated", "inferred"}
    assert edges["confidence"].between(0, 1).all()
    low = edges[edges["confidence"] < 0.7]
    assert low["uncertain"].all()
    assert (edges[edges["basis"] == "inferred"]["uncertain"]).all()


def test_graph_files_open_in_networkx(sample_run):
    _, out = sample_run
    g = nx.read_graphml(out / "network.graphml")
    gexf = nx.read_gexf(out / "network.gexf")
    data = json.loads((out / "network.json").read_text(encoding="utf-8"))
    meetings = pd.read_csv(out / "meetings.csv", dtype=str)
    assert g.number_of_nodes() == gexf.number_of_nodes() == len(data["nodes"])
    assert set(meetings["meeting_id"]) <= set(g.nodes)
    kinds = {d.get("kind") for _, _, d in g.edges(data=True)}
    assert {"participation", "co_participation", "police_municipality"} <= kinds


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.suffix in {".csv", ".parquet", ".graphml", ".gexf", ".json"}}


def test_same_input_gives_byte_identical_output(nlp, tmp_path, sample_run):
    from akteursnetz.run import process, write_outputs

    _, first = sample_run
    write_outputs(process([RAW], nlp), tmp_path)
    assert _digest(tmp_path) == _digest(first)


def test_failed_write_leaves_previous_files_intact(nlp, tmp_path, monkeypatch):
    from akteursnetz import export
    from akteursnetz.run import process, write_outputs

    result = process([RAW / "2023-03-15_kpr-sitzung_pirna.txt"], nlp)
    write_outputs(result, tmp_path)
    before = _digest(tmp_path)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(export, "write_graph", broken)
    with pytest.raises(OSError):
        write_outputs(result, tmp_path)
    assert _digest(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".akteursnetz-")]
    assert not [p for p in tmp_path.parent.iterdir() if p.name.startswith(f".{tmp_path.name}.akteursnetz-tmp")]


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "akteursnetz", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_cli_runs_reports_skips_and_summarises(tmp_path):
    # a long folder name: the message naming the bad file must stay on one line, whatever the terminal width
    inp = tmp_path / "berichte_des_praeventionsprogramms_aus_allen_landkreisen_und_kreisfreien_staedten"
    inp.mkdir()
    (inp / "empty.txt").write_text("")
    (inp / "ok.txt").write_text((RAW / "2023-03-15_kpr-sitzung_pirna.txt").read_text(encoding="utf-8"), encoding="utf-8")
    proc = _cli("run", str(inp), "--out", str(tmp_path / "out"), "--no-pictures")
    assert proc.returncode == 0, proc.stderr
    assert any(line.endswith(f"{inp / 'empty.txt'}: empty file") for line in proc.stderr.splitlines()), proc.stderr
    assert "reports read" in proc.stdout and "meetings" in proc.stdout
    assert (tmp_path / "out" / "edges.csv").exists()


def test_cli_exit_status_when_nothing_can_be_processed(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    assert _cli("run", str(tmp_path), "--out", str(tmp_path / "o"), "--no-pictures").returncode == 1
    assert _cli("run", str(tmp_path / "nothing-here"), "--out", str(tmp_path / "o")).returncode != 0
    bad_model = _cli("run", str(RAW), "--out", str(tmp_path / "o"), "--model", "de_core_news_xx")
    assert bad_model.returncode == 2 and "de_core_news_xx" in bad_model.stderr
