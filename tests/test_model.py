"""The shipped NER model: loads offline, is small, and tags this domain's sentences."""

from __future__ import annotations

import time

import spacy

from conftest import needs_germeval
from pipeline.nlp import DEFAULT_MODEL


def test_model_is_shipped_small_and_loads_fast():
    size = sum(p.stat().st_size for p in DEFAULT_MODEL.rglob("*") if p.is_file())
    assert size < 40 * 1024 * 1024
    start = time.perf_counter()
    nlp = spacy.load(DEFAULT_MODEL)
    assert time.perf_counter() - start < 5  # the target is 2 s; CI machines vary
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG", "MISC"}


def test_domain_sentences(nlp):
    doc = nlp("Bürgermeisterin Katrin Schmidt begrüßte in Riesa die Vertreter des Polizeireviers Riesa und des Landratsamtes Meißen.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Katrin Schmidt", "PER") in ents
    assert ("Riesa", "LOC") in ents
    assert any(label == "ORG" and "Polizeirevier" in text for text, label in ents)
    assert any(label == "ORG" and "Landratsamt" in text for text, label in ents)
    doc = nlp("Dr. Thomas Werner vom Sächsischen Staatsministerium des Innern sprach in Görlitz.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Thomas Werner", "PER") in ents and ("Görlitz", "LOC") in ents


@needs_germeval
def test_germeval_scoring_runs_on_a_slice(tmp_path):
    from pipeline.ner.evaluate import evaluate_model

    lines = (DEFAULT_MODEL.parents[2] / "shared/data/ner/germeval2014/NER-de-test.tsv").read_text(encoding="utf-8").split("\n")
    part = tmp_path / "slice.tsv"
    part.write_text("\n".join(lines[:3000]) + "\n", encoding="utf-8")
    scores = evaluate_model(part)
    assert 0.5 < scores["four_classes"]["overall"]["f1"] <= 1.0
    assert scores["words_per_second"] > 1000
