"""The training recipe (pipeline/ner/ner.cfg) builds, stores its word clusters and learns.

Training itself never runs in CI; this checks the recipe on a handful of
sentences so that `make model` does not first fail an hour into a run.
"""

from __future__ import annotations

import importlib.util

import pytest
import spacy
from spacy.training import Example

from akteursnetz.ner import train
from akteursnetz.ner.features import _packed

needs_lookups = pytest.mark.skipif(
    importlib.util.find_spec("spacy_lookups_data") is None,
    reason="spacy-lookups-data (the training extra: pip install -e '.[train]') is not installed",
)

SENTENCES = [
    ("Bürgermeister Jens Köhler traf in Torgau den Leiter des Polizeireviers Oschatz .", [(1, 3, "PER"), (4, 5, "LOC"), (8, 10, "ORG")]),
    ("Die Stadt Pirna lud zur Bürgerversammlung ein .", [(2, 3, "LOC")]),
    ("Frau Anke Richter vom Landratsamt Bautzen sprach über den Weihnachtsmarkt .", [(1, 3, "PER"), (4, 6, "ORG")]),
]


@needs_lookups
def test_recipe_initialises_with_clusters_and_learns(tmp_path):
    spacy.util.fix_random_seed(0)
    config = spacy.util.load_config(train.CONFIG_PATH)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    examples = []
    for text, spans in SENTENCES:
        doc = nlp.make_doc(text)
        ref = spacy.tokens.Doc(nlp.vocab, words=text.split())
        ref.ents = [spacy.tokens.Span(ref, s, e, label) for s, e, label in spans]
        examples.append(Example(doc, ref))
    optimizer = nlp.initialize(lambda: examples)
    assert len(_packed(nlp.vocab)[0]) > 100_000
    losses = {}
    for _ in range(30):
        losses = {}
        nlp.update(examples, sgd=optimizer, losses=losses, drop=0.0)
    assert losses["ner"] < 1.0
    nlp.to_disk(tmp_path / "m")
    again = spacy.load(tmp_path / "m")
    doc = again("Die Stadt Pirna lud zur Bürgerversammlung ein .")
    assert [(e.text, e.label_) for e in doc.ents] == [("Pirna", "LOC")]


def test_train_ner_names_what_is_missing_before_it_starts(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from akteursnetz.cli import app

    monkeypatch.setitem(train.TRAINING_PACKAGES, "akteursnetz_no_such_package", "pip install something")
    result = CliRunner().invoke(app, ["train-ner", "--shared", str(tmp_path), "--work", str(tmp_path / "work")])
    assert result.exit_code == 2
    assert "akteursnetz_no_such_package (pip install something)" in result.output
    assert not (tmp_path / "work").exists()
