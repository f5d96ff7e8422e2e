"""Property-based tests (hypothesis): arbitrary input never crashes a run, and the outputs keep their contract.

Kept fast for CI: few examples for whole runs (the loaded pipeline is shared
by the session), many for the pure functions; derandomized, so a failure is
reproducible.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import networkx as nx
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akteursnetz import export
from akteursnetz.ingest import decode, read_reports
from akteursnetz.records import Report
from akteursnetz.safety import csv_cell, csv_uncell, sanitise
from akteursnetz.tagging import split_text

ANY_CHAR = st.characters(codec=None, exclude_categories=())  # every code point, surrogates and controls too
NASTY = st.sampled_from(["\x0b", "\x0c", "\x00", "\ufffe", "\uffff", "\ud800", "\udfff", "\x85", "\u2028", "\r", "\t",
                         "=", "+", "-", "@", "&", "<", ">", '"', "'", "©", "🙂", "\u200b", "\ufeff", "\u0301"])
CHARS = st.one_of(ANY_CHAR, NASTY, st.sampled_from(list("aeiouäöüß .,\n")))
SENTENCES = st.sampled_from([
    "Der Kommunale Präventionsrat der Stadt Pirna traf sich am 11. März 2024 im Rathaus.",
    "Bürgermeister Max Muster begrüßte die Vertreter des Polizeireviers Pirna und des Landratsamtes.",
    "Die Allianz Sichere Sächsische Kommunen (ASSKomm) lud nach Zwickau ein.",
    "© SMI | Frank Löser",
    "Foto: =HYPERLINK(\"http://x\")",
    "am vergangenen Samstag in Bernsdorf",
])
XML_OK = set(range(0x20, 0xD800)) | {0x9, 0xA, 0xD}
QUICK = settings(max_examples=200, deadline=None, derandomize=True)
RUNS = settings(max_examples=12, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])


@st.composite
def report_texts(draw) -> str:
    day = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
    dateline = draw(st.sampled_from([day.strftime("%d.%m.%Y"), f"{day.day}. März {day.year}", day.isoformat(),
                                     "31.02.2024", "99.99.9999", ""]))
    parts = draw(st.lists(st.one_of(
        st.text(CHARS, max_size=120),
        SENTENCES,
        st.integers(200, 6000).map(lambda n: ("Polizei Pirna Stadt Riesa " * (n // 26 + 1))[:n]),  # a very long line
    ), min_size=1, max_size=6))
    sep = draw(st.sampled_from(["\n\n", "\n", " ", "\x0c", "\r\n\r\n", ""]))
    return sep.join([dateline, *parts])


# ------------------------------------------------------------------ pure functions
@QUICK
@given(st.text(CHARS, max_size=300))
def test_sanitised_text_fits_every_format_and_is_stable(text):
    clean = sanitise(text)
    assert sanitise(clean) == clean
    assert all(ord(c) in XML_OK or 0xE000 <= ord(c) <= 0xFFFD or ord(c) >= 0x10000 for c in clean)
    assert all(not (0xFDD0 <= ord(c) <= 0xFDEF) and ord(c) & 0xFFFE != 0xFFFE for c in clean)
    assert "\r" not in clean
    clean.encode("utf-8")


@QUICK
@given(st.text(CHARS, max_size=400), st.integers(1, 60))
def test_split_parts_join_to_the_text(text, limit):
    parts = split_text(text, limit)
    assert "".join(parts) == text
    assert all(len(p) <= limit for p in parts)


@QUICK
@given(st.one_of(st.text(CHARS, max_size=30), st.integers(), st.floats(allow_nan=False), st.none()))
def test_csv_guard_is_reversible_and_only_touches_text(value):
    cell = csv_cell(value)
    assert csv_uncell(cell) == value
    if isinstance(value, str):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    else:
        assert cell is value


@QUICK
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_skip_without_error(data):
    text, encoding, warnings = decode(data)
    assert isinstance(text, str) and encoding
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "x.txt").write_bytes(data)
        (Path(tmp) / "x.jsonl").write_bytes(data)
        (Path(tmp) / "x.html").write_bytes(b"<html><body><article><p>" + data + b"</p></article></body></html>")
        for item in read_reports([Path(tmp)]):
            if isinstance(item, Report):
                assert item.text == sanitise(item.text)


# ------------------------------------------------------------------ whole runs
@RUNS
@given(st.lists(report_texts(), min_size=1, max_size=3), st.text(CHARS, max_size=40))
def test_arbitrary_reports_never_crash_a_run_and_outputs_keep_the_contract(nlp, texts, title):
    from akteursnetz.run import process, write_outputs

    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "in", Path(tmp) / "out"
        inp.mkdir()
        for i, text in enumerate(texts):
            (inp / f"r{i}.txt").write_bytes(text.encode("utf-8", "surrogatepass"))  # lone surrogates: invalid UTF-8
        rows = [{"id": f"j{i}", "text": t, "title": title, "date": title} for i, t in enumerate(texts)]
        (inp / "rows.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
        result = process([inp], nlp)
        write_outputs(result, out)
        _check_outputs(out, {r.report_id: r.text for r in read_reports([inp]) if isinstance(r, Report)})


def _check_outputs(out: Path, texts: dict[str, str]) -> None:
    tables = {}
    for name, columns in export.COLUMNS.items():
        csv = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        parquet = pd.read_parquet(out / f"{name}.parquet")
        assert csv.columns[: len(columns)].tolist() == columns, name
        assert parquet.columns.tolist() == csv.columns.tolist() and len(parquet) == len(csv), name
        tables[name] = parquet
    reports = set(tables["reports"]["report_id"])
    assert tables["reports"]["report_id"].is_unique
    for name in ("sentences", "mentions", "meetings"):
        assert set(tables[name]["report_id"]) <= reports, name
    for name in ("sentences", "mentions"):
        df = tables[name]
        assert pd.api.types.is_integer_dtype(df["start"]) or df.empty, name
        for row in df.itertuples():
            assert texts[row.report_id][row.start : row.end] == row.text, (name, row)
    assert set(tables["participation"]["meeting_id"]) <= set(tables["meetings"]["meeting_id"])
    actors = set(tables["actors"]["actor_id"])
    assert set(tables["participation"]["actor_id"]) <= actors
    assert set(tables["edges"]["source"]) | set(tables["edges"]["target"]) <= actors
    assert tables["actors"]["actor_id"].is_unique and tables["meetings"]["meeting_id"].is_unique
    for col in ("confidence",):
        for name in ("actors", "participation", "edges", "mentions"):
            values = pd.to_numeric(tables[name][col], errors="coerce").dropna()
            assert values.between(0, 1).all(), (name, col)
    graphml, gexf = nx.read_graphml(out / "network.graphml"), nx.read_gexf(out / "network.gexf")
    data = json.loads((out / "network.json").read_text(encoding="utf-8"))
    assert graphml.number_of_nodes() == gexf.number_of_nodes() == len(data["nodes"])
    assert set(tables["meetings"]["meeting_id"]) | actors <= set(graphml.nodes)
    json.loads((out / "summary.json").read_text(encoding="utf-8"))
