"""The shipped NER model: loads offline, is small, and tags this domain's sentences."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
import spacy

from conftest import needs_germeval
from akteursnetz.nlp import DEFAULT_MODEL


def test_model_is_shipped_small_and_loads_fast():
    size = sum(p.stat().st_size for p in DEFAULT_MODEL.rglob("*") if p.is_file())
    assert size < 40 * 1024 * 1024
    start = time.perf_counter()
    nlp = spacy.load(DEFAULT_MODEL)
    assert time.perf_counter() - start < 5  # the target is 2 s; CI machines vary
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG", "MISC"}


def test_plain_spacy_load_works_without_importing_the_package():
    """Users load the model with spacy.load alone; its embedding layer comes in by entry point."""
    code = (
        "import spacy, sys; nlp = spacy.load(sys.argv[1]); "
        "assert 'akteursnetz.ner.features' in sys.modules; "
        "print([(e.text, e.label_) for e in nlp('Angela Merkel besuchte Dresden.').ents])"
    )
    out = subprocess.run([sys.executable, "-c", code, str(DEFAULT_MODEL)], capture_output=True, text=True, check=True)
    assert "Dresden" in out.stdout


def test_model_carries_its_word_clusters():
    """The clusters travel inside the model: no spacy-lookups-data, no download at run time."""
    from spacy.strings import get_string_id

    from akteursnetz.ner.features import cluster_codes, decode_cluster

    nlp = spacy.load(DEFAULT_MODEL)
    words = ["Dresden", "Hamburg", "und", "Wortohnecluster"]
    codes = cluster_codes(nlp.vocab, [get_string_id(w) for w in words])
    dresden, hamburg, und = (decode_cluster(int(c))[0] for c in codes[:3])
    assert dresden == hamburg != und  # towns share a cluster, a conjunction does not
    assert codes[3] == 0


def test_a_model_without_its_cluster_table_fails_with_a_clear_message():
    from akteursnetz.ner.features import TABLE

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.vocab.lookups.remove_table(TABLE)
    with pytest.raises(ValueError, match=TABLE):
        nlp("Ein Satz.")


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
    from akteursnetz.ner.evaluate import evaluate_model

    lines = (DEFAULT_MODEL.parents[2] / "shared/data/ner/germeval2014/NER-de-test.tsv").read_text(encoding="utf-8").split("\n")
    part = tmp_path / "slice.tsv"
    part.write_text("\n".join(lines[:3000]) + "\n", encoding="utf-8")
    scores = evaluate_model(part)
    assert 0.5 < scores["four_classes"]["overall"]["f1"] <= 1.0
    assert scores["words_per_second"] > 1000
