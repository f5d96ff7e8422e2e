"""Shared fixtures: one loaded pipeline per test session, paths to sample data and seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
RAW = ROOT / "data" / "raw"
GOLD = ROOT / "data" / "gold"

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present (reference material for building only)")
needs_germeval = pytest.mark.skipif(
    not (SHARED / "data" / "ner" / "germeval2014" / "NER-de-test.tsv").exists(),
    reason="../shared/data/ner (GermEval 2014) is not present",
)


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_run(nlp, tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    from pipeline.run import process, write_outputs

    out = tmp_path_factory.mktemp("seeds")
    result = process([SEEDS], nlp)
    write_outputs(result, out)
    return result, out


def _run(nlp, tmp_path_factory, folder: Path, name: str):
    from pipeline.run import process, write_outputs

    out = tmp_path_factory.mktemp(name)
    result = process([folder], nlp)
    write_outputs(result, out)
    return result, out


@pytest.fixture(scope="session")
def sample_run(nlp, tmp_path_factory):
    return _run(nlp, tmp_path_factory, RAW, "sample")


@pytest.fixture(scope="session")
def heldout_run(nlp, tmp_path_factory):
    return _run(nlp, tmp_path_factory, ROOT / "data" / "heldout", "heldout")


@pytest.fixture(scope="session")
def heldout2_run(nlp, tmp_path_factory):
    return _run(nlp, tmp_path_factory, ROOT / "data" / "heldout2", "heldout2")


@pytest.fixture(scope="session")
def heldout3_run(nlp, tmp_path_factory):
    return _run(nlp, tmp_path_factory, ROOT / "data" / "heldout3", "heldout3")


@pytest.fixture(scope="session")
def heldout4_run(nlp, tmp_path_factory):
    return _run(nlp, tmp_path_factory, ROOT / "data" / "heldout4", "heldout4")
