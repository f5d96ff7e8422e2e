"""The published-report corpus: sources, gold, and the check that names missing texts."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

from conftest import GOLD, ROOT

_spec = importlib.util.spec_from_file_location("real_corpus", ROOT / "scripts" / "real_corpus.py")
real_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(real_corpus)
_vspec = importlib.util.spec_from_file_location("validate_gold_real", GOLD / "validate.py")
validate = importlib.util.module_from_spec(_vspec)
_vspec.loader.exec_module(validate)


def test_sources_and_gold_agree():
    sources = real_corpus.read_sources()
    ids = [row["id"] for row in sources]
    assert ids == sorted(set(ids)), "ids unique and sorted"
    gold = [json.loads(line) for line in (GOLD / "real.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [g["report_id"] for g in gold] == ids
    for row, g in zip(sources, gold):
        assert g["url"] == row["url"] and g["split"] == row["split"] in ("blind", "dev")
        assert len(row["sha256"]) == 64
    reserved_file = ROOT.parent / "shared" / "data" / "real" / "reserved-urls.txt"
    if reserved_file.exists():
        reserved = {u.strip().rstrip("/") for u in reserved_file.read_text(encoding="utf-8").splitlines()}
        assert not reserved & {row["url"].rstrip("/") for row in sources}


def test_real_gold_is_valid(capsys):
    """Structure and keys always; mentions against the texts only where they are restored."""
    assert validate.main([str(GOLD / "real.jsonl")]) == 0, capsys.readouterr().out


def test_check_names_missing_and_changed_texts(tmp_path):
    (tmp_path / "a.txt").write_text("Text A\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Text B, edited since\n", encoding="utf-8")
    digest = hashlib.sha256(b"Text A\n").hexdigest()
    rows = [{"id": "a", "sha256": digest}, {"id": "b", "sha256": digest}, {"id": "c", "sha256": digest}]
    assert real_corpus.check(rows, tmp_path) == {"ok": ["a"], "missing": ["c"], "changed": ["b"]}


def test_texts_are_not_tracked():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    assert "/data/real/texts/" in ignored.splitlines()
    assert not any(Path(ROOT / "data" / "real").glob("*.txt")), "no report text outside texts/"


def test_place_saves_the_shape_the_gold_was_written_on(tmp_path):
    page = "Vernetzung in Riesa\n\nDer Präventionsrat tagte.\n"  # as a page copy gives it: title first
    saved = "04.05.2023\n\nVernetzung in Riesa\n\nDer Präventionsrat tagte.\n"
    rows = [{"id": "p9", "title": "Vernetzung in Riesa", "date": "2023-05-04", "sha256": hashlib.sha256(saved.encode()).hexdigest()}]
    (tmp_path / "page.txt").write_text("\n" + page + "\n\n", encoding="utf-8")
    assert real_corpus.place("p9", tmp_path / "page.txt", rows, tmp_path / "texts") == "ok"
    assert (tmp_path / "texts" / "p9.txt").read_text(encoding="utf-8") == saved
    (tmp_path / "page.txt").write_text(page.replace("tagte", "tagt"), encoding="utf-8")  # edited since
    assert real_corpus.place("p9", tmp_path / "page.txt", rows, tmp_path / "texts") == "changed"
    assert real_corpus.check(rows, tmp_path / "texts")["changed"] == ["p9"]


def test_place_puts_the_title_on_its_own_line_where_the_page_runs_it_into_the_text(tmp_path):
    page = "Neuer Rat in Zittau Der Präventionsrat wurde gegründet."
    saved = "Neuer Rat in Zittau\n\nNeuer Rat in Zittau Der Präventionsrat wurde gegründet.\n"
    rows = [{"id": "p8", "title": "Neuer Rat in Zittau", "date": "2019-02", "sha256": hashlib.sha256(saved.encode()).hexdigest()}]
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    assert real_corpus.place("p8", tmp_path / "page.txt", rows, tmp_path / "texts") == "ok"
