"""Reading reports: structure, encodings, HTML, tables, and bad input."""

from __future__ import annotations

import json

from akteursnetz.ingest import find_dates, parse_report_text, read_reports
from akteursnetz.records import Report, Skipped

REPORT = """12.03.2024

Kommunaler Präventionsrat tagt im Rathaus

Die Mitglieder am Sitzungstisch.
© Stadt Pirna | Max Muster

Der Kommunale Präventionsrat der Stadt Pirna kam am 11. März 2024 zusammen.

zurück zum Seitenanfang"""


def test_report_structure_is_recognised():
    parts = parse_report_text(REPORT)
    assert parts.date == "2024-03-12"
    assert parts.date_basis == "dateline"
    assert parts.title == "Kommunaler Präventionsrat tagt im Rathaus"
    assert parts.caption == "Die Mitglieder am Sitzungstisch."
    assert parts.credit == "Stadt Pirna | Max Muster"
    assert parts.body.startswith("Der Kommunale Präventionsrat")
    assert "Seitenanfang" not in parts.body


def test_footer_glued_to_next_text_is_removed():
    parts = parse_report_text(REPORT.replace("\n\nzurück zum Seitenanfang", " zurück zum Seitenanfang03.11.2022"))
    assert "Seitenanfang" not in parts.body


def test_dates_in_words_numbers_iso_and_english():
    assert [d for _, d in find_dates("am 3. November 2022 in Zwickau")] == ["2022-11-03"]
    assert [d for _, d in find_dates("Treffen am 03.11.2022")] == ["2022-11-03"]
    assert [d for _, d in find_dates("meeting on November 3, 2022")] == ["2022-11-03"]
    assert [d for _, d in find_dates("2022-11-03")] == ["2022-11-03"]
    assert [d for _, d in find_dates("am 5. März", default_year=2024)] == ["2024-03-05"]
    assert find_dates("am 31. Februar 2024") == []


def test_report_without_dateline_takes_body_date_and_no_date_warns(tmp_path):
    (tmp_path / "a.txt").write_text("Treffen in Riesa\n\nDie Runde traf sich am 5. März 2024 im Rathaus.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Treffen in Riesa\n\nDie Runde traf sich im Rathaus.", encoding="utf-8")
    a, b = list(read_reports([tmp_path]))
    assert a.date == "2024-03-05" and a.date_basis == "body"
    assert b.date is None and any("no date" in w for w in b.warnings)


def test_cp1252_is_read_with_a_warning(tmp_path):
    path = tmp_path / "alt.txt"
    path.write_bytes("05.03.2024\n\nGroßes Treffen in Görlitz\n\nDie Bürgermeisterin begrüßte alle Gäste.".encode("cp1252"))
    (report,) = list(read_reports([path]))
    assert isinstance(report, Report)
    assert "Görlitz" in report.text and "begrüßte" in report.text
    assert any("cp1252" in w or "1252" in w or "latin" in w for w in report.warnings)


def test_bad_inputs_are_skipped_with_file_and_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "nav.html").write_text("<html><body><nav>Startseite Kontakt Impressum</nav></body></html>", encoding="utf-8")
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    items = list(read_reports([tmp_path, tmp_path / "missing.txt"]))
    skipped = {item.source.split("/")[-1]: item.reason for item in items if isinstance(item, Skipped)}
    assert skipped["empty.txt"] == "empty file"
    assert "binary" in skipped["binary.txt"]
    assert "without a report" in skipped["nav.html"]
    assert "no such file" in skipped["missing.txt"]
    assert [i.report_id for i in items if isinstance(i, Report)] == ["good"]


def test_html_page_yields_report_with_caption_and_credit(tmp_path):
    body = " ".join(["Der Präventionsrat der Stadt Riesa traf sich am 14. Mai 2024 im Rathaus."] * 4)
    html = f"""<html><head><title>Stadt Riesa</title></head><body>
    <nav><a>Startseite</a> <a>Kontakt</a></nav>
    <article><p>14.05.2024</p><h1>Präventionsrat tagt</h1>
    <figure><img src="x.jpg"><figcaption>Die Runde im Ratssaal. © Stadt Riesa</figcaption></figure>
    <p>{body}</p></article><footer>Impressum</footer></body></html>"""
    path = tmp_path / "riesa.html"
    path.write_text(html, encoding="utf-8")
    (report,) = list(read_reports([path]))
    assert report.title == "Präventionsrat tagt"
    assert report.date == "2024-05-14"
    assert report.credit == "© Stadt Riesa"
    assert "Impressum" not in report.text and "Startseite" not in report.text


def test_jsonl_and_csv_rows_become_reports(tmp_path):
    rows = [{"id": "r1", "text": REPORT}, {"id": "r2", "title": "x"}, {"text": REPORT + " Noch ein Satz.", "date": "2024-01-02"}]
    (tmp_path / "reports.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    items = list(read_reports([tmp_path / "reports.jsonl"]))
    reports = [i for i in items if isinstance(i, Report)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [r.report_id for r in reports] == ["reports-r1", "reports-00003"]
    assert reports[1].date == "2024-01-02" and reports[1].date_basis == "metadata"
    assert any("no text column" in s.reason for s in skipped)
    assert any("invalid JSON" in s.reason for s in skipped)
    (tmp_path / "t.csv").write_text('id,text\nx1,"' + REPORT.replace('"', '""') + '"\n', encoding="utf-8")
    (csv_report,) = list(read_reports([tmp_path / "t.csv"]))
    assert csv_report.report_id == "t-x1" and csv_report.date == "2024-03-12"


def test_report_ids_are_stable_and_unique(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in ("a", "b"):
        (tmp_path / d / "same.txt").write_text(f"{REPORT}\n\nOrdner {d}.", encoding="utf-8")
    ids = [r.report_id for r in read_reports([tmp_path])]
    assert len(set(ids)) == 2
    assert ids == [r.report_id for r in read_reports([tmp_path])]


def test_a_credit_after_a_long_paragraph_is_the_pages_last_line_not_a_caption():
    body = ("Am Dienstag unterzeichnen der Oberbürgermeister und der Polizeipräsident eine Vereinbarung zum Betrieb "
            "eines Sicherheitspunktes in der Innenstadt. Die Anlaufstelle wird an der Zentralhaltestelle eingerichtet "
            "und von Mitarbeitenden des Ordnungsdienstes und der Polizei besetzt, montags bis samstags am Nachmittag "
            "und am Abend.")
    parts = parse_report_text(f"Neue Kooperation in der Innenstadt\n\n{body}\n© Bildagentur")
    assert parts.title == "Neue Kooperation in der Innenstadt"
    assert parts.caption == "" and parts.credit == "Bildagentur"
    assert parts.body == body
    short = parse_report_text("Titel der Meldung\n\nDie Teilnehmer vor dem Rathaus.\n© Stadt Riesa\n\nDer Text.")
    assert short.caption == "Die Teilnehmer vor dem Rathaus." and short.body == "Der Text."


def test_a_title_line_without_a_blank_line_after_it_is_still_the_title():
    parts = parse_report_text("Sicherheitsanalysen in Riesa gestartet\nIm Februar fanden die Auftaktveranstaltungen statt.\nMehr folgt.")
    assert parts.title == "Sicherheitsanalysen in Riesa gestartet"
    assert parts.body.startswith("Im Februar fanden")
