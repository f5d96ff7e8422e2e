"""The training recipe (pipeline/ner/ner.cfg) builds its vectors, stores its word features and learns.

Training itself never runs in CI; this runs every step of the recipe on tiny
data (a made-up text folder instead of ``../shared``: corpus -> floret vectors
-> spaCy vectors -> NER initialisation and a few updates -> packaging and
reloading) so that `make model` does not first fail an hour into a run.
"""

from __future__ import annotations

import gzip
import importlib.util
import json

import pytest
import spacy
from spacy.training import Example

from akteursnetz.ner import train, vectors
from akteursnetz.ner.features import VECTORS_TABLE, _packed, floret_vectors

needs_training_extra = pytest.mark.skipif(
    importlib.util.find_spec("spacy_lookups_data") is None or importlib.util.find_spec("floret") is None,
    reason="spacy-lookups-data and floret (the training extra: pip install -e '.[train]') are not installed",
)

SENTENCES = [
    ("Bürgermeister Jens Köhler traf in Torgau den Leiter des Polizeireviers Oschatz .", [(1, 3, "PER"), (4, 5, "LOC"), (8, 10, "ORG")]),
    ("Die Stadt Pirna lud zur Bürgerversammlung ein .", [(2, 3, "LOC")]),
    ("Frau Anke Richter vom Landratsamt Bautzen sprach über den Weihnachtsmarkt .", [(1, 3, "PER"), (4, 6, "ORG")]),
]

TINY_FLORET = {"dim": 16, "bucket": 2000, "epoch": 2, "minCount": 1, "thread": 1}


@pytest.fixture(scope="module")
def tiny_vectors(tmp_path_factory):
    """The vector steps of the recipe on a made-up ``shared/data/text`` folder."""
    if importlib.util.find_spec("floret") is None:
        pytest.skip("floret (the training extra: pip install -e '.[train]') is not installed")
    root = tmp_path_factory.mktemp("recipe")
    text = root / "shared" / "data" / "text"
    text.mkdir(parents=True)
    lines = [s for s, _ in SENTENCES] * 40 + ["Der Landrat des Landkreises Meißen (CDU) eröffnete die Sitzung in Riesa."] * 40
    for name in vectors.TEXT_FILES:
        with gzip.open(text / name, "wt", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    extra = [s.split() for s, _ in SENTENCES]
    out_dir, record = vectors.build_vectors(root / "shared", root / "work", extra, processes=1, **TINY_FLORET)
    return root, out_dir, record


@needs_training_extra
def test_vector_steps_tokenise_train_and_convert(tiny_vectors):
    root, out_dir, record = tiny_vectors
    corpus = (root / "work" / "corpus.txt").read_text(encoding="utf-8").splitlines()
    assert "( CDU )" in corpus[-4] or any("( CDU )" in line for line in corpus)  # spaCy's German tokenisation
    assert corpus[-1] == SENTENCES[-1][0]  # the NER training sentences come last, as given
    assert record["corpus"]["ner_train_sentences"]["lines"] == 3
    assert record["floret"]["params"]["dim"] == 16 and record["floret"]["seconds"] >= 0
    assert json.loads((root / "work" / "vectors.json").read_text())["floret"]["params"]["bucket"] == 2000
    loaded = spacy.load(out_dir)
    assert loaded.vocab.vectors.mode == "floret" and loaded.vocab.vectors.shape == (2000, 16)


@needs_training_extra
def test_recipe_initialises_with_clusters_and_vectors_and_learns(tiny_vectors, tmp_path):
    _, vectors_dir, _ = tiny_vectors
    spacy.util.fix_random_seed(0)
    config = spacy.util.load_config(train.CONFIG_PATH, overrides={"paths.vectors": str(vectors_dir)}, interpolate=True)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    spacy.util.registry.resolve({"cb": config["initialize"]["before_init"]})["cb"](nlp)
    examples = []
    for text, spans in SENTENCES:
        doc = nlp.make_doc(text)
        ref = spacy.tokens.Doc(nlp.vocab, words=text.split())
        ref.ents = [spacy.tokens.Span(ref, s, e, label) for s, e, label in spans]
        examples.append(Example(doc, ref))
    optimizer = nlp.initialize(lambda: examples)
    assert len(_packed(nlp.vocab)[0]) > 100_000
    assert floret_vectors(nlp.vocab).shape == (2000, 16)
    assert nlp.vocab.vectors.shape[0] == 0  # the vectors live in the lookups (int8), not in vocab.vectors
    losses = {}
    for _ in range(30):
        losses = {}
        nlp.update(examples, sgd=optimizer, losses=losses, drop=0.0)
    assert losses["ner"] < 1.0
    nlp.to_disk(tmp_path / "m")
    packaged = train.package(tmp_path / "m", tmp_path / "packaged", {"germeval": 3}, "germeval", {"floret": {"params": {"dim": 16}, "seconds": 1.0}})
    again = spacy.load(packaged)
    assert again.vocab.lookups.has_table(VECTORS_TABLE)
    doc = again("Die Stadt Pirna lud zur Bürgerversammlung ein .")
    assert [(e.text, e.label_) for e in doc.ents] == [("Pirna", "LOC")]
    names = [s["name"] for s in again.meta["sources"]]
    assert any("Plenarprotokolle" in n for n in names) and any("ELTeC" in n for n in names)
    assert json.loads((packaged / "training.json").read_text())["vectors"]["floret"]["params"]["dim"] == 16


def test_stored_vectors_round_trip_at_reduced_precision():
    import numpy
    from spacy.vectors import Vectors

    from akteursnetz.ner.features import store_vectors

    rng = numpy.random.default_rng(0)
    data = rng.normal(size=(300, 8)).astype("float32")
    table = Vectors(data=data, mode="floret", minn=4, maxn=5, hash_count=2)
    for dtype, tolerance in (("int8", 1 / 250), ("float16", 1e-3)):
        nlp = spacy.blank("de")
        store_vectors(nlp.vocab, table, dtype)
        again = spacy.blank("de")
        again.vocab.lookups.from_bytes(nlp.vocab.lookups.to_bytes())
        restored = floret_vectors(again.vocab)
        err = numpy.abs(restored.data - data).max(axis=1) / numpy.abs(data).max(axis=1)
        assert err.max() <= tolerance
        assert (restored.minn, restored.maxn, restored.hash_count) == (4, 5, 2)
        words = ["Pirna", "Pirnaer"]
        for w in words:
            again.vocab.strings.add(w)
        expected = Vectors(strings=again.vocab.strings, data=restored.data, mode="floret", minn=4, maxn=5, hash_count=2)
        keys = [again.vocab.strings[w] for w in words]
        assert numpy.allclose(restored.get_batch(keys), expected.get_batch(keys))


def test_a_model_without_its_vector_table_fails_with_a_clear_message():
    nlp = spacy.blank("de")
    with pytest.raises(ValueError, match=VECTORS_TABLE):
        floret_vectors(nlp.vocab)


def test_train_ner_names_what_is_missing_before_it_starts(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from akteursnetz.cli import app

    monkeypatch.setitem(train.TRAINING_PACKAGES, "akteursnetz_no_such_package", "pip install something")
    result = CliRunner().invoke(app, ["train-ner", "--shared", str(tmp_path), "--work", str(tmp_path / "work")])
    assert result.exit_code == 2
    assert "akteursnetz_no_such_package (pip install something)" in result.output
    assert not (tmp_path / "work").exists()


@needs_training_extra
def test_pretraining_step_samples_reproducibly_and_its_weights_start_the_ner_training(tiny_vectors, tmp_path):
    from akteursnetz.ner import pretraining

    root, vectors_dir, _ = tiny_vectors
    corpus = root / "work" / "corpus.txt"
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    words = pretraining.write_sample(corpus, first, words=200, seed=7)
    assert 200 <= words < 230  # stops at the first line past the size asked for
    pretraining.write_sample(corpus, second, words=200, seed=7)
    assert first.read_bytes() == second.read_bytes()
    assert all(len(json.loads(line)["text"].split()) >= 3 for line in first.read_text(encoding="utf-8").splitlines())

    weights, record = pretraining.pretrain_tok2vec(train.CONFIG_PATH, vectors_dir, corpus, tmp_path / "pre", words=300)
    assert weights.exists() and record["words"] >= 300 and record["objective"] == "characters"
    again, _ = pretraining.pretrain_tok2vec(train.CONFIG_PATH, vectors_dir, corpus, tmp_path / "pre", words=300)
    assert again == weights and json.loads((tmp_path / "pre" / "pretraining.json").read_text()) == record  # reused, not rerun

    config = spacy.util.load_config(
        train.CONFIG_PATH, overrides={"paths.vectors": str(vectors_dir), "paths.init_tok2vec": str(weights)}, interpolate=True
    )
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    examples = []
    for text, spans in SENTENCES:
        ref = spacy.tokens.Doc(nlp.vocab, words=text.split())
        ref.ents = [spacy.tokens.Span(ref, s, e, label) for s, e, label in spans]
        examples.append(Example(nlp.make_doc(text), ref))
    fresh = spacy.util.load_model_from_config(
        spacy.util.load_config(train.CONFIG_PATH, overrides={"paths.vectors": str(vectors_dir)}, interpolate=True), auto_fill=True
    )
    spacy.util.fix_random_seed(0)
    nlp.initialize(lambda: examples)
    spacy.util.fix_random_seed(0)
    fresh.initialize(lambda: examples)
    doc = nlp.make_doc(SENTENCES[0][0])
    assert (nlp.get_pipe("tok2vec").predict([doc])[0] != fresh.get_pipe("tok2vec").predict([doc])[0]).any()  # the weights were loaded


def test_the_training_seed_reaches_spacy_and_the_models_record(monkeypatch, tmp_path):
    import spacy.cli.train

    seen = {}
    monkeypatch.setattr(train, "convert", lambda shared, out, corpus_set: {"train": 1, "dev": 1})
    monkeypatch.setattr(train, "build_vectors", lambda shared, out, params=None: (tmp_path / "vectors", {"corpus": {}}))
    monkeypatch.setattr(spacy.cli.train, "train", lambda config, out, use_gpu, overrides: seen.update(overrides))
    monkeypatch.setattr(train, "package", lambda best, model_dir, counts, corpus_set, record: seen.update(record=record) or model_dir)
    train.train(tmp_path, tmp_path / "work", tmp_path / "model", seed=7)
    assert seen["system.seed"] == 7 and seen["record"]["seed"] == 7
    assert train._vectors_summary(seen["record"])["seed"] == 7
