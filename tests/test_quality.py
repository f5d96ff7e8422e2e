"""Extraction quality against the project's gold annotations (regression floors, not the targets).

The figures and the targets are in docs/quality.md. These floors sit just below
what the shipped model and rules measured, so a change that makes extraction
worse fails here.
"""

from __future__ import annotations

from conftest import GOLD, needs_seeds
from pipeline.evaluate import evaluate, format_scores


def test_sample_gold_scores(sample_run):
    _, out = sample_run
    scores = evaluate(GOLD / "sample.jsonl", out)
    print(format_scores(scores))
    assert scores["n_reports"] >= 12
    assert scores["mentions"]["micro"]["f1"] >= 0.80
    assert scores["persons"]["f1"] >= 0.85
    assert scores["municipality"]["accuracy"] >= 0.92
    assert scores["participation"]["f1"] >= 0.62
    assert scores["links"]["police-municipality"]["f1"] >= 0.42
    assert scores["links"]["municipality-municipality"]["f1"] >= 0.45
    assert scores["meetings"]["date_accuracy"] >= 0.85


@needs_seeds
def test_seed_gold_scores(seed_run):
    _, out = seed_run
    scores = evaluate(GOLD / "seeds.jsonl", out)
    assert scores["persons"]["f1"] >= 0.9
    assert scores["links"]["municipality-municipality"]["f1"] == 1.0
    assert scores["links"]["police-municipality"]["r"] == 1.0
    assert scores["meetings"]["date_accuracy"] == 1.0
