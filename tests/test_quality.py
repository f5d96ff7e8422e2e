"""Extraction quality against the project's gold annotations (issue 4).

The figures are in docs/quality.md. The first test checks the targets of issue 4
on the sample corpus; the others hold regression floors just below what the
shipped model and rules measured, so a change that makes extraction worse fails.
"""

from __future__ import annotations

import pytest

from conftest import GOLD, needs_seeds
from akteursnetz.evaluate import evaluate, format_scores


def test_sample_gold_reaches_the_targets(sample_run):
    _, out = sample_run
    scores = evaluate(GOLD / "sample.jsonl", out)
    print(format_scores(scores))
    assert scores["n_reports"] >= 12
    assert scores["mentions"]["micro"]["f1"] >= 0.90
    assert scores["participation"]["f1"] >= 0.90
    assert scores["links"]["police-municipality"]["f1"] >= 0.85
    assert scores["links"]["municipality-municipality"]["f1"] >= 0.85
    assert scores["municipality"]["accuracy"] >= 0.95
    # and what else the evaluation reports, held at its level
    assert scores["persons"]["f1"] >= 0.93
    assert scores["meetings"]["found"] == scores["meetings"]["gold"]
    assert scores["meetings"]["date_accuracy"] >= 0.95


# floors just below the measured figures (docs/quality.md): mention, participation, PM links, MM links, linking.
# The sets' gold does not list the alliance's name ("Allianz Sichere Sächsische Kommunen", "ASSKomm"), which is
# tagged ORG as the published-report gold has it; that costs 1-3 points of mention F1 (docs/quality.md).
HELDOUT_FLOORS = {
    "heldout": (0.95, 0.95, 0.95, 0.95, 0.95),
    "heldout2": (0.92, 0.94, 0.90, 0.95, 0.95),
    "heldout3": (0.93, 0.91, 0.85, 0.95, 0.95),
    "heldout4": (0.89, 0.935, 0.79, 0.95, 0.96),
}


@pytest.mark.parametrize("name", sorted(HELDOUT_FLOORS))
def test_heldout_gold_scores(name, heldout_runs):
    """Reports written without sight of the rules (data/heldout*/README.md)."""
    _, out = heldout_runs(name)
    scores = evaluate(GOLD / f"{name}.jsonl", out)
    print(format_scores(scores))
    mention, participation, pm, mm, linking = HELDOUT_FLOORS[name]
    assert scores["n_reports"] == 10
    assert scores["mentions"]["micro"]["f1"] >= mention
    assert scores["participation"]["f1"] >= participation
    assert scores["links"]["police-municipality"]["f1"] >= pm
    assert scores["links"]["municipality-municipality"]["f1"] >= mm
    assert scores["municipality"]["accuracy"] >= linking
    assert scores["meetings"]["false_meetings"] == []


@needs_seeds
def test_seed_gold_scores(seed_run):
    _, out = seed_run
    scores = evaluate(GOLD / "seeds.jsonl", out)
    assert scores["persons"]["f1"] >= 0.9
    assert scores["participation"]["f1"] >= 0.85
    assert scores["links"]["municipality-municipality"]["f1"] == 1.0
    assert scores["links"]["police-municipality"]["f1"] >= 0.9
    assert scores["meetings"]["date_accuracy"] == 1.0
