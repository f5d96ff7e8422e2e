"""Bad input at ingest (no model needed): strings, encodings, ids, duplicates, paths, CSV cells, the output folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from akteursnetz import outdir
from akteursnetz.ingest import read_reports
from akteursnetz.records import Duplicate, Report, Skipped
from akteursnetz.safety import sanitise

REPORT = "12.03.2024\n\nPräventionsrat tagt in {town}\n\nDer Präventionsrat der Stadt {town} kam mit Frank Löser zusammen.\n"


def _reports(items):
    return [i for i in items if isinstance(i, Report)]


def _skipped(items):
    return {Path(i.source).name: i.reason for i in items if isinstance(i, Skipped)}


# ------------------------------------------------------------------ strings
def test_control_characters_and_nonchars_are_removed_and_offsets_hold(tmp_path):
    text = REPORT.format(town="Pirna").replace("kam mit", "kam\x0bmit\x0c") + "Ende\ufffe\uffff\x7f\x85 Schluss\u2028."
    (tmp_path / "word.txt").write_text(text, encoding="utf-8")
    rows = [{"id": "j", "text": REPORT.format(town="Riesa") + "Lone \ud800 surrogate \x01\x0b.", "title": "=T\x0c"}]
    (tmp_path / "rows.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    reports = _reports(read_reports([tmp_path]))
    assert len(reports) == 2
    for r in reports:
        for value in (r.text, r.title, r.caption, r.source):
            assert value == sanitise(value)
            assert not any(ord(c) < 32 and c not in "\t\n" for c in value)
            assert not any(c in value for c in "\ufffe\uffff\x7f\x85\ud800")
            value.encode("utf-8")  # no lone surrogates left
        start, end = r.sections()[-1][1:]
        assert r.text[start:end].strip()


# ------------------------------------------------------------------ encodings
def test_utf8_with_a_few_bad_bytes_stays_utf8_and_counts_them(tmp_path):
    data = REPORT.format(town="Görlitz").encode("utf-8") + b" kaputt \xff und \xc3 und abgeschnitten \xe2\x82"
    (tmp_path / "cut.txt").write_bytes(data)
    (report,) = _reports(read_reports([tmp_path]))
    assert report.encoding == "utf-8"
    assert "Frank Löser" in report.text and "Ã" not in report.text
    assert any("4 bad bytes" in w for w in report.warnings), report.warnings


def test_cp1252_only_when_not_mostly_utf8(tmp_path):
    (tmp_path / "alt.txt").write_bytes(REPORT.format(town="Görlitz").encode("cp1252"))
    (report,) = _reports(read_reports([tmp_path]))
    assert report.encoding in ("cp1252", "windows-1252", "latin_1", "iso8859_15") and "Görlitz" in report.text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_byte_order_marks_are_read(tmp_path, encoding):
    text = REPORT.format(town="Görlitz")
    data = text.encode(encoding)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00\x00\xfe\xff")):
        data = "\ufeff".encode(encoding) + data
    (tmp_path / "bom.txt").write_bytes(data)
    items = list(read_reports([tmp_path]))
    (report,) = _reports(items)
    assert "Frank Löser" in report.text and "Görlitz" in report.title
    assert "\ufeff" not in report.text


# ------------------------------------------------------------------ ids
def test_three_and_more_colliding_names_get_different_stable_ids(tmp_path):
    names = ["Bericht Pirna.txt", "bericht-pirna.txt", "Bericht_Pirna.txt", "BERICHT  PIRNA.txt", "bericht pirna.txt"]
    towns = ["Pirna", "Riesa", "Zittau", "Werdau", "Borna"]
    for order, folder in ((1, tmp_path / "a"), (-1, tmp_path / "b")):  # written in two orders
        folder.mkdir()
        for name, town in list(zip(names, towns))[::order]:
            (folder / name).write_text(REPORT.format(town=town), encoding="utf-8")
    ids_a = {Path(r.source).name: r.report_id for r in _reports(read_reports([tmp_path / "a"]))}
    ids_b = {Path(r.source).name: r.report_id for r in _reports(read_reports([tmp_path / "b"]))}
    assert len(set(ids_a.values())) == len(names) == len(ids_a)
    assert ids_a == ids_b  # independent of the order the files were made or listed in
    assert all(i.startswith("bericht-pirna") for i in ids_a.values())


def test_jsonl_rows_keep_their_line_numbers_after_a_broken_line(tmp_path):
    lines = [json.dumps({"text": REPORT.format(town="Pirna")}), "{broken", json.dumps({"text": REPORT.format(town="Riesa")})]
    (tmp_path / "r.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_reports([tmp_path]))
    assert [r.report_id for r in _reports(items)] == ["r-00001", "r-00003"]
    assert [r.source.rsplit(":", 1)[1] for r in _reports(items)] == ["1", "3"]
    assert any(s.source.endswith(":2") and "invalid JSON" in s.reason for s in items if isinstance(s, Skipped))


# ------------------------------------------------------------------ duplicates
def test_same_text_under_other_names_and_formats_is_read_once(tmp_path):
    import unicodedata

    text = REPORT.format(town="Görlitz")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(unicodedata.normalize("NFD", text).replace(" ", "  "), encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    items = list(read_reports([tmp_path]))
    assert [r.report_id for r in _reports(items)] == ["a"]
    dups = [i for i in items if isinstance(i, Duplicate)]
    assert sorted(Path(d.source.split(":")[0]).name for d in dups) == ["b.txt", "c.jsonl"]
    assert {d.report_id for d in dups} == {"a"}


# ------------------------------------------------------------------ paths
def test_symlinks_out_of_the_input_folder_are_not_followed(tmp_path):
    outside, inp = tmp_path / "outside", tmp_path / "in"
    outside.mkdir()
    inp.mkdir()
    (outside / "secret.txt").write_text(REPORT.format(town="Geheim"), encoding="utf-8")
    (outside / "sub").mkdir()
    (outside / "sub" / "deep.txt").write_text(REPORT.format(town="Tief"), encoding="utf-8")
    (inp / "own.txt").write_text(REPORT.format(town="Pirna"), encoding="utf-8")
    os.symlink(outside / "secret.txt", inp / "passwd.txt")
    os.symlink(outside / "sub", inp / "linked")
    os.symlink(inp / "own.txt", inp / "inside.txt")  # a link that stays inside is read (and is a duplicate)
    items = list(read_reports([inp]))
    assert [Path(r.source).name for r in _reports(items)] == ["inside.txt"]  # read first (sorted); own.txt is its duplicate
    assert not any("Geheim" in r.text or "Tief" in r.text for r in _reports(items))
    reasons = _skipped(items)
    assert "symbolic link" in reasons["passwd.txt"] and "--follow-links" in reasons["passwd.txt"]
    assert "symbolic link" in reasons["linked"]
    followed = _reports(read_reports([inp], follow_links=True))
    assert {"Geheim", "Tief"} <= {r.title.split()[-1] for r in followed}


def test_unreadable_subfolder_is_named_in_skipped(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(REPORT.format(town="Pirna"), encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.txt").write_text(REPORT.format(town="Riesa"), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_reports([tmp_path]))
    assert [Path(r.source).name for r in _reports(items)] == ["ok.txt"]
    assert "cannot read folder: Permission denied" in _skipped(items)["locked"]


def test_the_runs_own_output_and_cache_are_never_read(tmp_path):
    inp = tmp_path / "in"
    (inp / "out").mkdir(parents=True)
    (inp / "report.txt").write_text(REPORT.format(town="Pirna"), encoding="utf-8")
    for name in ("reports.csv", "sentences.csv", "edges.csv"):  # as if --out were the input folder
        (inp / name).write_text("text\n" + REPORT.format(town="Aus der Ausgabe").replace("\n", " ") + "\n", encoding="utf-8")
    (inp / "out" / "reports.csv").write_text("text\nnoch eine Ausgabe mit genug Text\n", encoding="utf-8")
    outdir.write_manifest(inp / "out")
    (inp / "cache").mkdir()
    (inp / "cache" / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
    (inp / "cache" / "x.txt").write_text(REPORT.format(town="Cache"), encoding="utf-8")
    items = list(read_reports([inp], exclude=[inp]))
    assert [Path(r.source).name for r in _reports(items)] == ["report.txt"]
    assert "output or cache" in _skipped(items)["out"] and "output or cache" in _skipped(items)["cache"]


# ------------------------------------------------------------------ output folder
def test_out_that_is_a_file_or_holds_other_files_is_refused(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(outdir.OutputFolderError, match="is a file"):
        outdir.check_out(tmp_path / "file")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_text("x")
    with pytest.raises(outdir.OutputFolderError, match="thesis.docx.*--force"):
        outdir.check_out(mine)
    outdir.check_out(mine, force=True)
    outdir.check_out(tmp_path / "new")  # a new folder
    old_run = tmp_path / "old"
    old_run.mkdir()
    for name in ("reports.csv", "edges.csv", "summary.json", "network.png"):
        (old_run / name).write_text("x")
    outdir.check_out(old_run)  # a run from before manifests


def test_csv_cells_that_start_like_formulas_are_text_parquet_keeps_them(tmp_path):
    from akteursnetz import export
    from akteursnetz.viz import _read_table

    hostile = ["=HYPERLINK(\"http://x\")", "+49 351", "-Verein", "@SUM(A1)", "\tTab", "'quoted", "Werdau"]
    actors = pd.DataFrame({"actor_id": [f"org:{i}" for i in range(len(hostile))], "name": hostile,
                           "lat": [-3.5] * len(hostile), "n_reports": [-1] * len(hostile)})
    with export.AtomicWriter(tmp_path / "out") as writer:
        export.write_tables(writer, {"actors": actors})
    from akteursnetz.safety import csv_cell

    assert csv_cell("\rCR") == "'\rCR"
    csv = pd.read_csv(tmp_path / "out" / "actors.csv", dtype=str, keep_default_na=False)
    assert csv["name"].tolist() == ["'" + h for h in hostile[:-1]] + ["Werdau"]
    assert set(csv["lat"]) == {"-3.5"} and set(csv["n_reports"]) == {"-1"}  # numbers are not text
    parquet = pd.read_parquet(tmp_path / "out" / "actors.parquet")
    assert parquet["name"].tolist() == hostile
    assert _read_table(tmp_path / "out", "actors")["name"].tolist() == [h.strip() for h in hostile]
