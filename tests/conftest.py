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
    from akteursnetz.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_run(nlp, tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return _run(nlp, tmp_path_factory, SEEDS, "seeds")


def _run(nlp, tmp_path_factory, folder: Path, name: str):
    from akteursnetz.run import process, write_outputs

    out = tmp_path_factory.mktemp(name)
    result = process([folder], nlp)
    write_outputs(result, out)
    return result, out


@pytest.fixture(scope="session")
def sample_run(nlp, tmp_path_factory):
    return _run(nlp, tmp_path_factory, RAW, "sample")


@pytest.fixture(scope="session")
def heldout_runs(nlp, tmp_path_factory):
    """``runs("heldout3")`` -> (result, out) for ``data/heldout3``; each set is run once per session."""
    done: dict[str, tuple] = {}

    def run(name: str):
        if name not in done:
            done[name] = _run(nlp, tmp_path_factory, ROOT / "data" / name, name)
        return done[name]

    return run


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """CLI runs of the tests use a cache of their own, never the user's ~/.cache/akteursnetz."""
    import os

    os.environ["AKTEURSNETZ_CACHE"] = str(tmp_path_factory.mktemp("cache"))


def counted_feed(n: int):
    """(generator, corpus, pulled): ``n`` sample reports (repeating); ``pulled`` records what was handed out."""
    from akteursnetz.ingest import read_reports

    reports = [r for r in read_reports([RAW]) if hasattr(r, "text")]
    corpus = [reports[i % len(reports)] for i in range(n)]
    pulled: list = []

    def feed():
        for report in corpus:
            pulled.append(report)
            yield report

    return feed(), corpus, pulled


def linker_and_extractor():
    """A fresh Linker and Extractor over the shipped gazetteer."""
    from akteursnetz.extract import Extractor
    from akteursnetz.gazetteer import load_gazetteer
    from akteursnetz.link import Linker

    gaz = load_gazetteer()
    return Linker(gaz), Extractor(gaz)
