"""Hand-made cases for pipeline.evaluate; every expected number is worked out in the comments.

The base scenario (``_scenario``) has three gold reports:

* r1 — KPR-Sitzung in Pirna.  Mentions: LOC Pirna ×2, ORG Polizeirevier Pirna,
  PER Anna Beispiel, PER Max Muster (photo credit).  Person: Anna Beispiel.
  Organisation: police:PR_Pirna.  Places: Pirna (14628270).
  Participants: ags:14628270, person:Anna Beispiel, police:PR_Pirna (3).
  Links: PR_Pirna–Pirna (police-municipality).
* r2 — Vernetzungstreffen in Heidenau.  Mentions: LOC Heidenau, LOC Pirna,
  ORG Stadtverwaltung Heidenau, ORG Polizeirevier Pirna, ORG Verein Beispiel e.V.,
  PER Jens Klein.  Person: "Dr. Jens Klein".  Organisations: ags:14628150,
  police:PR_Pirna, org:Verein Beispiel e.V.  Places: Heidenau, Pirna.
  Participants: ags:14628150, police:PR_Pirna, ags:14628270, org:Verein…,
  person:Dr. Jens Klein (5).  Links: PR–Heidenau, PR–Pirna (police-municipality),
  Heidenau–Pirna (municipality-municipality), Verein–PR (other, not scored).
* r3 — no meeting.  Mentions: LOC Werdau.  Places: Werdau (14524330).

Totals: mentions PER 3, ORG 4, LOC 5 (12); persons 2; organisations 4;
gold ags 1 + 2 + 1 = 4; gold meetings 2; participants 3 + 5 = 8;
police-municipality links 1 + 2 = 3; municipality-municipality links 1.

The perfect prediction differs from gold only in surface details the metric
must forgive: quotes around a mention, a MISC mention, a differently cased and
spaced org key, the title "Dr." missing from a person name and key, and a
credited person (Max Muster) that is an actor with role ``credit`` only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from akteursnetz.evaluate import evaluate, format_scores, norm_mention, norm_name, prf, venue_match

PIRNA, HEIDENAU, WERDAU = "14628270", "14628150", "14524330"


def _scenario() -> tuple[list[dict], dict[str, list[dict]]]:
    gold = [
        {
            "report_id": "r1",
            "file": "r1.txt",
            "meeting": {"date": "2024-03-12", "type": "KPR-Sitzung", "venue": "Rathaus Pirna",
                        "municipality": "Pirna", "ags": PIRNA, "region": "Sächsische Schweiz-Osterzgebirge"},
            "mentions": [["Pirna", "LOC"], ["Polizeirevier Pirna", "ORG"], ["Anna Beispiel", "PER"],
                         ["Pirna", "LOC"], ["Max Muster", "PER"]],
            "persons": [{"name": "Anna Beispiel", "role": "Bürgermeisterin", "affiliation": "Stadt Pirna",
                         "ags": PIRNA, "event_role": "host"}],
            "organisations": [{"name": "Polizeirevier Pirna", "surface_forms": ["Polizeirevier Pirna"],
                               "kind": "police", "key": "police:PR_Pirna", "event_role": "participant"}],
            "places": [{"name": "Pirna", "kind": "municipality", "ags": PIRNA}],
            "credits": ["Max Muster"],
            "participants": [{"key": f"ags:{PIRNA}", "role": "host"},
                             {"key": "person:Anna Beispiel", "role": "host"},
                             {"key": "police:PR_Pirna", "role": "participant"}],
            "links": [{"a": "police:PR_Pirna", "b": f"ags:{PIRNA}", "kind": "police-municipality", "explicit": True}],
        },
        {
            "report_id": "r2",
            "file": "r2.txt",
            "meeting": {"date": "2024-04-02", "type": "Vernetzungstreffen", "venue": "Rathaus Heidenau",
                        "municipality": "Heidenau", "ags": HEIDENAU, "region": "Sächsische Schweiz-Osterzgebirge"},
            "mentions": [["Heidenau", "LOC"], ["Stadtverwaltung Heidenau", "ORG"], ["Polizeirevier Pirna", "ORG"],
                         ["Pirna", "LOC"], ["Verein Beispiel e.V.", "ORG"], ["Jens Klein", "PER"]],
            "persons": [{"name": "Dr. Jens Klein", "role": "", "affiliation": "Verein Beispiel e.V.",
                         "ags": "", "event_role": "speaker"}],
            "organisations": [
                {"name": "Stadtverwaltung Heidenau", "kind": "municipality_admin", "key": f"ags:{HEIDENAU}"},
                {"name": "Polizeirevier Pirna", "kind": "police", "key": "police:PR_Pirna"},
                {"name": "Verein Beispiel e.V.", "kind": "association", "key": "org:Verein Beispiel e.V."},
            ],
            "places": [{"name": "Heidenau", "kind": "municipality", "ags": HEIDENAU},
                       {"name": "Pirna", "kind": "municipality", "ags": PIRNA}],
            "credits": [],
            "participants": [{"key": f"ags:{HEIDENAU}", "role": "host"},
                             {"key": "police:PR_Pirna", "role": "participant"},
                             {"key": f"ags:{PIRNA}", "role": "participant"},
                             {"key": "org:Verein Beispiel e.V.", "role": "participant"},
                             {"key": "person:Dr. Jens Klein", "role": "speaker"}],
            "links": [
                {"a": "police:PR_Pirna", "b": f"ags:{HEIDENAU}", "kind": "police-municipality", "explicit": False},
                {"a": f"ags:{PIRNA}", "b": "police:PR_Pirna", "kind": "police-municipality", "explicit": False},
                {"a": f"ags:{HEIDENAU}", "b": f"ags:{PIRNA}", "kind": "municipality-municipality", "explicit": True},
                {"a": "org:Verein Beispiel e.V.", "b": "police:PR_Pirna", "kind": "other", "explicit": False},
            ],
        },
        {
            "report_id": "r3",
            "file": "r3.txt",
            "meeting": None,
            "mentions": [["Werdau", "LOC"]],
            "persons": [], "organisations": [],
            "places": [{"name": "Werdau", "kind": "municipality", "ags": WERDAU}],
            "credits": [], "participants": [], "links": [],
        },
    ]

    def actor(aid: str, name: str, kind: str, key: str, ags: str = "") -> dict:
        return {"actor_id": aid, "name": name, "kind": kind, "ags": ags, "district": "", "district_ags": "",
                "key": key, "role": "", "affiliation": "", "confidence": "1.0", "basis": "stated"}

    def mention(rid: str, text: str, label: str, aid: str) -> dict:
        return {"report_id": rid, "start": "0", "end": str(len(text)), "text": text, "label": label, "actor_id": aid}

    pred = {
        "reports": [{"report_id": r, "source": f"{r}.txt", "date": "", "title": ""} for r in ("r1", "r2", "r3")],
        "actors": [
            actor("a_pirna", "Pirna", "municipality", f"ags:{PIRNA}", PIRNA),
            actor("a_pr", "Polizeirevier Pirna", "police", "police:PR_Pirna"),
            actor("a_anna", "Anna Beispiel", "person", "person:Anna Beispiel", PIRNA),
            actor("a_max", "Max Muster", "person", "person:Max Muster"),
            actor("a_heidenau", "Heidenau", "municipality", f"ags:{HEIDENAU}", HEIDENAU),
            actor("a_sv_heidenau", "Stadtverwaltung Heidenau", "municipality_admin", f"ags:{HEIDENAU}", HEIDENAU),
            actor("a_verein", "Verein Beispiel e.V.", "association", "org:verein  BEISPIEL e.v."),
            actor("a_klein", "Jens Klein", "person", "person:Jens Klein"),
            actor("a_werdau", "Werdau", "municipality", f"ags:{WERDAU}", WERDAU),
        ],
        "mentions": [
            mention("r1", "Pirna", "LOC", "a_pirna"),
            mention("r1", "Polizeirevier Pirna", "ORG", "a_pr"),
            mention("r1", "Anna Beispiel", "PER", "a_anna"),
            mention("r1", "„Pirna“", "LOC", "a_pirna"),  # quotes are stripped before matching
            mention("r1", "Max Muster", "PER", "a_max"),
            mention("r1", "KPR", "MISC", ""),  # MISC is not scored
            mention("r2", "Heidenau", "LOC", "a_heidenau"),
            mention("r2", "Stadtverwaltung  Heidenau", "ORG", "a_sv_heidenau"),  # whitespace folded
            mention("r2", "Polizeirevier Pirna", "ORG", "a_pr"),
            mention("r2", "Pirna", "LOC", "a_pirna"),
            mention("r2", "Verein Beispiel e.V.", "ORG", "a_verein"),
            mention("r2", "Jens Klein", "PER", "a_klein"),
            mention("r3", "Werdau", "LOC", "a_werdau"),
        ],
        "meetings": [
            {"meeting_id": "m1", "report_id": "r1", "date": "2024-03-12", "type": "KPR-Sitzung",
             "venue": "Rathaus Pirna", "ags": PIRNA, "region": "Sächsische Schweiz-Osterzgebirge"},
            {"meeting_id": "m2", "report_id": "r2", "date": "2024-04-02", "type": "Vernetzungstreffen",
             "venue": "im Rathaus Heidenau", "ags": HEIDENAU, "region": "Sächsische Schweiz-Osterzgebirge"},  # containment → venue match
        ],
        "participation": [
            {"meeting_id": "m1", "actor_id": "a_pirna", "role": "host"},
            {"meeting_id": "m1", "actor_id": "a_anna", "role": "host"},
            {"meeting_id": "m1", "actor_id": "a_pr", "role": "participant"},
            {"meeting_id": "m1", "actor_id": "a_max", "role": "credit"},
            {"meeting_id": "m2", "actor_id": "a_sv_heidenau", "role": "host"},
            {"meeting_id": "m2", "actor_id": "a_heidenau", "role": "mentioned"},  # same key as a_sv_heidenau
            {"meeting_id": "m2", "actor_id": "a_pr", "role": "participant"},
            {"meeting_id": "m2", "actor_id": "a_pirna", "role": "participant"},
            {"meeting_id": "m2", "actor_id": "a_verein", "role": "participant"},
            {"meeting_id": "m2", "actor_id": "a_klein", "role": "speaker"},
        ],
        "edges": [
            # One police-municipality edge spanning both meetings → a link in r1 and in r2.
            {"source": "a_pr", "target": "a_pirna", "kind": "police_municipality", "weight": "2", "meetings": "m1;m2"},
            {"source": "a_sv_heidenau", "target": "a_pr", "kind": "police_municipality",
             "weight": "1", "meetings": "m2"},
            {"source": "a_sv_heidenau", "target": "a_pirna", "kind": "cross_municipality",
             "weight": "1", "meetings": "m2"},
            {"source": "a_anna", "target": "a_pr", "kind": "co_participation", "weight": "1", "meetings": "m1"},
        ],
    }
    for e in pred["edges"]:
        e.update(basis="inferred", confidence="0.8")
    for p in pred["participation"]:
        p.update(basis="stated", confidence="1.0")
    return gold, pred


def _write(tmp_path: Path, gold: list[dict], pred: dict[str, list[dict]]) -> tuple[Path, Path]:
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in gold) + "\n", encoding="utf-8")
    run = tmp_path / "run"
    run.mkdir()
    for name, rows in pred.items():
        pd.DataFrame(rows).to_csv(run / f"{name}.csv", index=False)
    return gold_path, run


def _run(tmp_path: Path, gold: list[dict], pred: dict[str, list[dict]], **kw) -> dict:
    return evaluate(*_write(tmp_path, gold, pred), **kw)


def _triple(s: dict) -> tuple[float, float, float]:
    return s["p"], s["r"], s["f1"]


def _set(pred: dict, table: str, where: dict, **values) -> None:
    """Update the single row of ``pred[table]`` matching ``where``."""
    rows = [r for r in pred[table] if all(r[k] == v for k, v in where.items())]
    assert len(rows) == 1, rows
    rows[0].update(values)


def _drop(pred: dict, table: str, where: dict) -> None:
    before = len(pred[table])
    pred[table] = [r for r in pred[table] if not all(r[k] == v for k, v in where.items())]
    assert len(pred[table]) == before - 1


# --------------------------------------------------------------------------- helpers


def test_prf_zero_division():
    assert _triple(prf(0, 0, 0)) == (1.0, 1.0, 1.0)  # nothing to find, nothing found
    assert _triple(prf(0, 2, 0)) == (0.0, 0.0, 0.0)  # only pred non-empty
    assert _triple(prf(0, 0, 2)) == (0.0, 0.0, 0.0)  # only gold non-empty
    assert _triple(prf(1, 1, 3)) == (0.5, 0.25, pytest.approx(1 / 3))  # 2·½·¼ / ¾


def test_normalisation_rules():
    assert norm_mention(" „Polizeirevier\n Pirna“, ") == "Polizeirevier Pirna"
    assert norm_mention("Verein e.V.") == "Verein e.V"  # trailing dot goes, on both sides alike
    assert norm_name("Dr.  Anna BEISPIEL") == norm_name("anna beispiel") == "anna beispiel"
    assert norm_name("PHK Max Muster") == norm_name("Polizeihauptkommissar Max Muster") == "max muster"
    assert norm_name("POKin Eva Roth") == "eva roth"
    assert norm_name("A. Beispiel") == "a. beispiel"  # an initial is not a title
    assert norm_name("Prof. Dr.") == "dr"  # never strips the last token away
    assert venue_match("", "")
    assert not venue_match("", "Rathaus")
    assert venue_match("Rathaus Pirna", "im Rathaus Pirna")  # containment
    assert venue_match("Rathaus Pirna", "Rathaus der Stadt Pirna")  # Jaccard 2/4 = 0.5
    assert not venue_match("Rathaus Pirna", "Ratssaal")  # Jaccard 0


# --------------------------------------------------------------------------- scenarios


def test_perfect_prediction(tmp_path):
    gold, pred = _scenario()
    s = _run(tmp_path, gold, pred)
    assert s["n_reports"] == 3 and s["missing_in_pred"] == []
    for lab in ("PER", "ORG", "LOC", "micro"):
        assert _triple(s["mentions"][lab]) == (1.0, 1.0, 1.0), lab
    assert s["mentions"]["micro"]["tp"] == 12
    assert s["mentions"]["LOC"]["tp"] == 5 and s["mentions"]["ORG"]["tp"] == 4 and s["mentions"]["PER"]["tp"] == 3
    # Max Muster is credit-only → not a person; "Dr. Jens Klein" = "Jens Klein".
    assert _triple(s["persons"]) == (1.0, 1.0, 1.0) and s["persons"]["tp"] == 2
    assert _triple(s["organisations"]) == (1.0, 1.0, 1.0) and s["organisations"]["tp"] == 4
    mu = s["municipality"]
    assert (mu["accuracy"], mu["precision"], mu["correct"], mu["gold"], mu["pred"]) == (1.0, 1.0, 4, 4, 4)
    assert mu["wrong"] == []
    me = s["meetings"]
    assert (me["gold"], me["found"], me["detected"]) == (2, 2, 1.0)
    assert (me["date_accuracy"], me["type_accuracy"], me["venue_accuracy"]) == (1.0, 1.0, 1.0)
    assert me["false_meetings"] == []
    assert _triple(s["participation"]) == (1.0, 1.0, 1.0) and s["participation"]["tp"] == 8
    pm, mm = s["links"]["police-municipality"], s["links"]["municipality-municipality"]
    assert _triple(pm) == (1.0, 1.0, 1.0) and pm["tp"] == 3
    assert _triple(mm) == (1.0, 1.0, 1.0) and mm["tp"] == 1
    text = format_scores(s, verbose=True)
    assert "mentions micro" in text and "[r1]" not in text  # no errors to list


def test_missing_mention_drops_recall(tmp_path):
    gold, pred = _scenario()
    _drop(pred, "mentions", {"report_id": "r1", "text": "Anna Beispiel"})
    s = _run(tmp_path, gold, pred)
    # PER: tp 2, fp 0, fn 1 → P 1, R 2/3, F1 2·(2/3)/(5/3) = 0.8
    assert _triple(s["mentions"]["PER"]) == (1.0, pytest.approx(2 / 3), pytest.approx(0.8))
    # micro: tp 11 of 12 → P 1, R 11/12, F1 2·(11/12)/(23/12) = 22/23
    assert _triple(s["mentions"]["micro"]) == (1.0, pytest.approx(11 / 12), pytest.approx(22 / 23))
    assert _triple(s["mentions"]["LOC"]) == (1.0, 1.0, 1.0)
    # Anna no longer has a mention in r1 → person fn: tp 1, fn 1 → P 1, R 0.5, F1 2/3
    assert _triple(s["persons"]) == (1.0, 0.5, pytest.approx(2 / 3))
    assert s["details"]["r1"]["mentions"]["fn"] == [("Anna Beispiel", "PER")]
    assert s["details"]["r1"]["persons"]["fn"] == ["anna beispiel"]
    # Participation comes from participation.csv, not mentions: unchanged.
    assert s["participation"]["f1"] == 1.0


def test_wrong_label(tmp_path):
    gold, pred = _scenario()
    _set(pred, "mentions", {"report_id": "r1", "text": "Polizeirevier Pirna"}, label="LOC")
    s = _run(tmp_path, gold, pred)
    # ORG: tp 3, fn 1 → P 1, R 3/4, F1 2·¾/(7/4) = 6/7
    assert _triple(s["mentions"]["ORG"]) == (1.0, 0.75, pytest.approx(6 / 7))
    # LOC: tp 5, fp 1 → P 5/6, R 1, F1 2·(5/6)/(11/6) = 10/11
    assert _triple(s["mentions"]["LOC"]) == (pytest.approx(5 / 6), 1.0, pytest.approx(10 / 11))
    # micro: tp 11, fp 1, fn 1 → 11/12 each
    assert _triple(s["mentions"]["micro"]) == (pytest.approx(11 / 12),) * 3
    assert s["details"]["r1"]["mentions"] == {"fp": [("Polizeirevier Pirna", "LOC")],
                                              "fn": [("Polizeirevier Pirna", "ORG")]}
    # The actor behind it is still the police unit → organisation F1 unaffected.
    assert s["organisations"]["f1"] == 1.0


def test_credit_only_person_not_counted(tmp_path):
    gold, pred = _scenario()
    # With role "mentioned" instead of "credit", Max Muster counts as a person of r1.
    _set(pred, "participation", {"actor_id": "a_max"}, role="mentioned")
    s = _run(tmp_path, gold, pred)
    # persons: tp 2, fp 1 → P 2/3, R 1, F1 2·(2/3)/(5/3) = 0.8
    assert _triple(s["persons"]) == (pytest.approx(2 / 3), 1.0, pytest.approx(0.8))
    assert s["details"]["r1"]["persons"]["fp"] == ["max muster"]
    # "mentioned" is not a participant role → participation unaffected.
    assert s["participation"]["f1"] == 1.0


def test_credit_and_other_role_counts(tmp_path):
    gold, pred = _scenario()
    # Credit plus a real role in the same report is not "credit only".
    pred["participation"].append({"meeting_id": "m1", "actor_id": "a_max", "role": "mentioned",
                                  "basis": "stated", "confidence": "1.0"})
    s = _run(tmp_path, gold, pred)
    assert s["persons"]["fp"] == 1


def test_wrong_ags_link(tmp_path):
    gold, pred = _scenario()
    _set(pred, "actors", {"actor_id": "a_werdau"}, ags="14524999")
    s = _run(tmp_path, gold, pred)
    mu = s["municipality"]
    # gold {Pirna} {Heidenau, Pirna} {Werdau}; pred same but 14524999 for Werdau → 3 of 4, 3 of 4
    assert (mu["accuracy"], mu["precision"], mu["correct"], mu["gold"], mu["pred"]) == (0.75, 0.75, 3, 4, 4)
    assert mu["wrong"] == [{"report_id": "r3", "ags": "14524999", "actors": ["Werdau"]}]
    assert s["details"]["r3"]["municipality"]["missed"] == [WERDAU]


def test_ags_of_other_kinds_ignored(tmp_path):
    gold, pred = _scenario()
    # A person's ags is not a municipality link: Anna (ags Pirna) changed to Werdau has no effect.
    _set(pred, "actors", {"actor_id": "a_anna"}, ags=WERDAU)
    s = _run(tmp_path, gold, pred)
    assert (s["municipality"]["accuracy"], s["municipality"]["precision"]) == (1.0, 1.0)


def test_police_municipality_edge_spanning_two_meetings(tmp_path):
    gold, pred = _scenario()
    # Restrict the spanning edge to m2: the link in r1 is lost.
    _set(pred, "edges", {"source": "a_pr", "target": "a_pirna"}, meetings="m2")
    s = _run(tmp_path, gold, pred)
    # police-municipality: gold 3, pred 2, tp 2 → P 1, R 2/3, F1 0.8
    assert _triple(s["links"]["police-municipality"]) == (1.0, pytest.approx(2 / 3), pytest.approx(0.8))
    assert s["details"]["r1"]["links"]["police-municipality"]["fn"] == [(f"ags:{PIRNA}", "police:PR_Pirna")]
    assert s["links"]["municipality-municipality"]["f1"] == 1.0


def test_edge_into_wrong_meeting(tmp_path):
    gold, pred = _scenario()
    # The Heidenau–police edge also claimed for m1 → one false link in r1.
    _set(pred, "edges", {"source": "a_sv_heidenau", "target": "a_pr"}, meetings="m1;m2")
    s = _run(tmp_path, gold, pred)
    # tp 3, fp 1 → P 3/4, R 1, F1 2·¾/(7/4) = 6/7
    assert _triple(s["links"]["police-municipality"]) == (0.75, 1.0, pytest.approx(6 / 7))
    assert s["details"]["r1"]["links"]["police-municipality"]["fp"] == [(f"ags:{HEIDENAU}", "police:PR_Pirna")]


def test_meeting_wrong_date_right_type(tmp_path):
    gold, pred = _scenario()
    _set(pred, "meetings", {"meeting_id": "m1"}, date="2024-03-13")
    s = _run(tmp_path, gold, pred)
    me = s["meetings"]
    # 2 gold meetings, both found; date right in 1 of 2; type and venue right in both
    assert (me["found"], me["detected"]) == (2, 1.0)
    assert (me["date_accuracy"], me["type_accuracy"], me["venue_accuracy"]) == (0.5, 1.0, 1.0)
    assert s["details"]["r1"]["meeting"]["date"] == {"gold": "2024-03-12", "pred": "2024-03-13"}


def test_missing_meeting_counts_against_attributes(tmp_path):
    gold, pred = _scenario()
    _drop(pred, "meetings", {"meeting_id": "m2"})
    s = _run(tmp_path, gold, pred)
    me = s["meetings"]
    # found 1 of 2; attributes are scored over the 2 gold meetings → 1/2 each
    assert (me["found"], me["detected"], me["date_accuracy"], me["type_accuracy"], me["venue_accuracy"]) == (
        1, 0.5, 0.5, 0.5, 0.5)
    # Participation of m2 can no longer be placed in r2: tp 3, fn 5 → P 1, R 3/8, F1 2·(3/8)/(11/8) = 6/11
    assert _triple(s["participation"]) == (1.0, 0.375, pytest.approx(6 / 11))
    # Edges of m2 lose their report as well: PM tp 1 (r1), fn 2; MM tp 0, fn 1
    assert _triple(s["links"]["police-municipality"]) == (1.0, pytest.approx(1 / 3), 0.5)
    assert _triple(s["links"]["municipality-municipality"]) == (0.0, 0.0, 0.0)


def test_gold_without_meeting_vs_pred_meeting(tmp_path):
    gold, pred = _scenario()
    pred["meetings"].append({"meeting_id": "m3", "report_id": "r3", "date": "", "type": "other",
                             "venue": "", "ags": WERDAU, "region": ""})
    pred["participation"].append({"meeting_id": "m3", "actor_id": "a_werdau", "role": "participant",
                                  "basis": "inferred", "confidence": "0.5"})
    s = _run(tmp_path, gold, pred)
    me = s["meetings"]
    assert me["false_meetings"] == ["r3"]
    assert s["details"]["r3"]["meeting"]["false_meeting"] == ["m3"]
    # Scores of the two real meetings stay perfect.
    assert (me["found"], me["date_accuracy"], me["type_accuracy"], me["venue_accuracy"]) == (2, 1.0, 1.0, 1.0)
    # participation: tp 8, fp 1 → P 8/9, R 1, F1 2·(8/9)/(17/9) = 16/17
    assert _triple(s["participation"]) == (pytest.approx(8 / 9), 1.0, pytest.approx(16 / 17))
    assert s["details"]["r3"]["participation"]["fp"] == [f"ags:{WERDAU}"]
    assert "false meetings 1" in format_scores(s)


def test_gold_null_date_matches_empty(tmp_path):
    gold, pred = _scenario()
    gold[0]["meeting"]["date"] = None
    _set(pred, "meetings", {"meeting_id": "m1"}, date="")
    _set(pred, "meetings", {"meeting_id": "m2"}, date="")  # gold has a date here → wrong
    s = _run(tmp_path, gold, pred)
    assert s["meetings"]["date_accuracy"] == 0.5


def test_unkeyed_org_is_false_positive(tmp_path):
    gold, pred = _scenario()
    _set(pred, "actors", {"actor_id": "a_verein"}, key="")
    s = _run(tmp_path, gold, pred)
    # organisations: tp 3, fp 1 ("?Verein Beispiel e.V."), fn 1 → 3/4 each
    assert _triple(s["organisations"]) == (0.75, 0.75, 0.75)
    assert s["details"]["r2"]["organisations"] == {"fp": ["?Verein Beispiel e.V."], "fn": ["org:verein beispiel"]}  # keys without the legal form


def test_report_ids_restriction(tmp_path):
    gold, pred = _scenario()
    _set(pred, "actors", {"actor_id": "a_werdau"}, ags="14524999")  # an error in r3 only
    s = _run(tmp_path, gold, pred, report_ids=["r1", "r2", "nope"])
    assert s["report_ids"] == ["r1", "r2"] and s["unknown_report_ids"] == ["nope"]
    # r1 + r2 mentions: PER 3, ORG 4, LOC 4 = 11; gold ags 3, all right
    assert s["mentions"]["micro"]["tp"] == 11
    assert (s["municipality"]["accuracy"], s["municipality"]["gold"]) == (1.0, 3)


def test_empty_run(tmp_path):
    gold, _ = _scenario()
    gold_path, run = _write(tmp_path, gold, {})
    s = evaluate(gold_path, run)
    assert s["missing_in_pred"] == ["r1", "r2", "r3"]
    assert _triple(s["mentions"]["micro"]) == (0.0, 0.0, 0.0) and s["mentions"]["micro"]["fn"] == 12
    assert (s["municipality"]["accuracy"], s["municipality"]["precision"]) == (0.0, 0.0)
    assert (s["meetings"]["found"], s["meetings"]["detected"]) == (0, 0.0)
    assert _triple(s["links"]["municipality-municipality"]) == (0.0, 0.0, 0.0)
    format_scores(s, verbose=True)  # must not fail on empty tables


# --------------------------------------------------------------------------- measures users look at


def test_taking_part_by_class_and_meeting_place(tmp_path):
    # Perfect prediction: persons 2 (Anna, Jens), municipalities 3 (Pirna in r1; Heidenau, Pirna in r2),
    # organisations 3 (PR_Pirna in r1 and r2, Verein in r2).  Both gold meetings have a place and region.
    gold, pred = _scenario()
    s = _run(tmp_path, gold, pred)
    tp = s["taking_part"]
    assert (tp["persons"]["tp"], tp["municipalities"]["tp"], tp["organisations"]["tp"]) == (2, 3, 3)
    assert all(_triple(v) == (1.0, 1.0, 1.0) for v in tp.values())
    me = s["meetings"]
    assert (me["ags_accuracy"], me["ags_gold"]) == (1.0, 2)
    assert (me["region_accuracy"], me["region_gold"]) == (1.0, 2)
    # r1's meeting placed in Heidenau: place 1/2; "Landkreis " is ignored when comparing regions,
    # r2's region wrong: region 1/2.
    _set(pred, "meetings", {"meeting_id": "m1"}, ags=HEIDENAU, region="Landkreis Sächsische Schweiz-Osterzgebirge")
    _set(pred, "meetings", {"meeting_id": "m2"}, region="Dresden")
    # Pirna no longer takes part in r2: municipalities tp 2, fn 1.
    _drop(pred, "participation", {"meeting_id": "m2", "actor_id": "a_pirna"})
    s = _run(tmp_path / "b", gold, pred) if (tmp_path / "b").mkdir() is None else None
    me, mun = s["meetings"], s["taking_part"]["municipalities"]
    assert me["ags_accuracy"] == 0.5 and me["region_accuracy"] == 0.5
    assert (mun["tp"], mun["fp"], mun["fn"]) == (2, 0, 1)
    assert s["details"]["r1"]["meeting"]["ags"] == {"gold": PIRNA, "pred": HEIDENAU}


def test_lenient_mentions_and_split(tmp_path):
    gold, pred = _scenario()
    # A longer predicted name contains the gold one: wrong when exact, right when lenient.
    _set(pred, "mentions", {"report_id": "r2", "text": "Verein Beispiel e.V."}, text="Verein Beispiel e.V. Pirna")
    gold[0]["split"], gold[1]["split"], gold[2]["split"] = "blind", "dev", "dev"
    s = _run(tmp_path, gold, pred)
    assert (s["mentions"]["ORG"]["tp"], s["mentions"]["ORG"]["fp"]) == (3, 1)
    assert (s["mentions_lenient"]["ORG"]["tp"], s["mentions_lenient"]["ORG"]["fp"]) == (4, 0)
    blind = _run(tmp_path / "x", gold, pred, split="blind") if (tmp_path / "x").mkdir() is None else None
    assert blind["report_ids"] == ["r1"] and blind["mentions"]["micro"]["tp"] == 5


def test_org_keys_match_with_or_without_the_legal_form_and_in_any_form_the_lexicon_lists():
    from akteursnetz.evaluate import norm_key

    assert norm_key("org:Verein Beispiel e.V.") == norm_key("org:Verein Beispiel e. V.") == norm_key("org:verein beispiel")
    assert norm_key("org:Verein Beispiel e. V.") != norm_key("org:Verein Beispiel Pirna e. V.")
    # one organisation of organisations.json, named in two of its forms; one with a gazetteer key
    assert norm_key("org:Sächsisches Landesamt für Verfassungsschutz") == norm_key("org:Landesamt für Verfassungsschutz Sachsen")
    assert norm_key("org:Landespräventionsrat Sachsen") == "state:LPR"
    assert norm_key("org:Landesamt für Verfassungsschutz") != norm_key("org:Landesamt für Statistik")
