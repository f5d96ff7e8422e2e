"""Reproduce the shipped German NER model from the open corpora in ``../shared``.

The recipe (``akteursnetz train-ner`` / ``make model``), each step from scratch:

1. convert the corpora to spaCy's binary format (train splits only; GermEval dev
   for early stopping; GermEval test is never read here);
2. build floret vectors (``vectors.py``): a corpus of the text in
   ``../shared/data/text`` plus the GermEval *train* sentences, tokenised by
   spaCy's German tokenizer; floret; ``spacy init vectors --mode floret``;
3. optionally (``pretrain_words``) pretrain the tok2vec on a seeded sample of
   that corpus (``pretraining.py``, the characters objective of ``ner.cfg``);
4. train the config shipped beside this module with a fixed seed. When
   training starts, the ``before_init`` callback copies the German word
   clusters (``spacy-lookups-data``) and the floret table (int8) into the
   model's vocabulary (``features.py``; both from the ``train`` extra), so
   the shipped model needs neither package;
5. package the best checkpoint (by GermEval dev F1) under ``models/``, with
   the corpus counts, the floret settings and the times in ``training.json``
   and the meta.

(Pretraining runs ``nlp.initialize()`` and with it the ``before_init`` callback,
so the cluster layer is initialised too; see models/README.md, runs r6, r8, r9.)
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from . import corpora, fast_ops, features, pretraining, vectors  # noqa: F401 - registers the embedding layer and callbacks

log = logging.getLogger(__name__)

CONFIG_PATH = Path(__file__).with_name("ner.cfg")
MODEL_NAME = "de_akteursnetz_ner"

SOURCES = [
    {
        "name": "GermEval 2014 NER (train, dev)",
        "author": "Benikova, Biemann, Reznicek: NoSta-D Named Entity Annotation for German, LREC 2014",
        "license": "CC BY 4.0",
    },
    {
        "name": "DFKI SmartData corpus v1",
        "author": "Schiersch et al.: A German Corpus for Fine-Grained Named Entity Recognition and Relation Extraction of Traffic and Industry Events, LREC 2018",
        "license": "CC BY 4.0",
    },
    {
        "name": "Europeana Newspapers German NER",
        "author": "Europeana Newspapers project",
        "license": "CC0",
    },
    {
        "name": "German Legal Entity Recognition (dev, test splits)",
        "author": "Leitner, Rehm, Moreno-Schneider: A Dataset of German Legal Documents for Named Entity Recognition, LREC 2020",
        "license": "CC BY 4.0",
    },
]

#: Not a corpus: the German Brown clusters the embedding layer reads (pipeline/ner/features.py).
WORD_CLUSTERS = {
    "name": "spacy-lookups-data 1.0.5: de_lexeme_cluster, de_lexeme_prob",
    "author": "Explosion AI (spaCy); Brown clusters and word probabilities computed from German text",
    "license": "MIT",
}

#: import name -> how to install it, for what training needs beyond the product
TRAINING_PACKAGES = {"spacy_lookups_data": "pip install -e '.[train]'", "floret": "pip install -e '.[train]'"}

CORPUS_SETS = {
    # name -> corpora included in the training set
    "germeval": ("germeval",),
    "all": ("germeval", "smartdata", "europeana", "ler"),
}


def missing_training_packages() -> list[str]:
    """What training needs and this environment lacks, each with its install command."""
    import importlib.util

    return [f"{name} ({how})" for name, how in TRAINING_PACKAGES.items() if importlib.util.find_spec(name) is None]


def convert(shared: Path, out_dir: Path, corpus_set: str = "all") -> dict[str, int]:
    """Write ``train.spacy`` and ``dev.spacy`` into ``out_dir``; return doc counts."""
    ner = shared / "data" / "ner"
    nlp = spacy.blank("de")
    out_dir.mkdir(parents=True, exist_ok=True)
    train = DocBin(store_user_data=False)
    counts: dict[str, int] = {}
    readers = {
        "germeval": lambda: corpora.read_germeval_train(ner / "germeval2014" / "train.tsv", nlp.vocab),
        "smartdata": lambda: (
            doc
            for split in ("train", "test")
            for doc in corpora.read_smartdata(ner / "smartdata" / f"v1_20180119_{split}.json.gz", nlp)
        ),
        "europeana": lambda: (
            doc
            for part in ("lft", "onb", "sbb")
            for doc in corpora.read_europeana(ner / "europeana" / f"enp_DE.{part}.bio", nlp.vocab)
        ),
        "ler": lambda: (
            doc for split in ("dev", "test") for doc in corpora.read_ler(ner / "ler" / f"ler_{split}.conll", nlp.vocab)
        ),
    }
    for name in CORPUS_SETS[corpus_set]:
        n = 0
        for doc in readers[name]():
            train.add(doc)
            n += 1
        counts[name] = n
        log.info("converted %s: %d docs", name, n)
    train.to_disk(out_dir / "train.spacy")
    dev = DocBin(docs=corpora.read_germeval_conll(ner / "germeval2014" / "NER-de-dev.tsv", nlp.vocab))
    dev.to_disk(out_dir / "dev.spacy")
    counts["germeval_dev"] = len(dev)
    return counts


def train(
    shared: Path,
    work_dir: Path,
    model_dir: Path,
    corpus_set: str = "germeval",
    overrides: dict | None = None,
    config_path: Path = CONFIG_PATH,
    floret_params: dict | None = None,
    pretrain_words: int = 0,
    pretrain_seed: int = 42,
    seed: int = 42,
) -> Path:
    """Convert, build the vectors, pretrain (if ``pretrain_words``), train and package; returns the model directory.

    ``seed`` is the NER training's (``system.seed``): two seeds of one recipe tell a gain from scatter."""
    import time

    from spacy.cli.train import train as spacy_train
    from threadpoolctl import threadpool_limits

    work_dir.mkdir(parents=True, exist_ok=True)
    counts = convert(shared, work_dir / "corpus", corpus_set)
    settings = {
        "paths.train": str(work_dir / "corpus" / "train.spacy"),
        "paths.dev": str(work_dir / "corpus" / "dev.spacy"),
    }
    settings["system.seed"] = seed
    settings.update(overrides or {})
    record: dict = {}
    if "paths.vectors" not in settings:
        vectors_dir, record = build_vectors(shared, work_dir / "vectors", floret_params)
        settings["paths.vectors"] = str(vectors_dir)
    record["seed"] = seed
    if pretrain_words:
        weights, record["pretraining"] = pretraining.pretrain_tok2vec(
            config_path, Path(settings["paths.vectors"]), work_dir / "vectors" / "corpus.txt",
            work_dir / "pretrain", pretrain_words, pretrain_seed,
        )
        settings["paths.init_tok2vec"] = str(weights)
    start = time.perf_counter()
    with threadpool_limits(limits=1):  # one core, as the figures in models/README.md
        spacy_train(config_path, work_dir / "output", use_gpu=-1, overrides=settings)
    record["ner_training_seconds"] = round(time.perf_counter() - start, 1)
    best = work_dir / "output" / "model-best"
    return package(best, model_dir, counts, corpus_set, record)


def build_vectors(shared: Path, vectors_dir: Path, floret_params: dict | None = None) -> tuple[Path, dict]:
    """The floret vectors of the recipe (``vectors.py``): the text corpora plus GermEval *train* sentences."""
    nlp = spacy.blank("de")
    train_sentences = (
        [t.text for t in doc]
        for doc in corpora.read_germeval_train(shared / "data" / "ner" / "germeval2014" / "train.tsv", nlp.vocab)
    )
    return vectors.build_vectors(shared, vectors_dir, train_sentences, processes=2, **(floret_params or {}))


def package(best: Path, model_dir: Path, counts: dict[str, int], corpus_set: str, vectors_record: dict | None = None) -> Path:
    """Copy the best checkpoint to ``model_dir`` with attribution in its meta."""
    nlp = spacy.load(best)
    # the training corpora's paths mean nothing on a user's machine
    for key in ("train", "dev", "vectors"):
        nlp.config["paths"][key] = None
    # numpy products are a training-time setting here; the pipeline sets them itself (fast_ops.use_matmul_ops)
    nlp.config["nlp"]["after_pipeline_creation"] = None
    uses_vectors = nlp.vocab.lookups.has_table(features.VECTORS_TABLE)
    uses_clusters = nlp.vocab.lookups.has_table(features.TABLE)
    nlp.meta.update(
        {
            "name": "akteursnetz_ner",
            "version": "1.0.0",
            "description": "German NER (PER, LOC, ORG, MISC) trained from open corpora for akteursnetz.",
            "license": "CC BY 4.0",
            "sources": [s for s in SOURCES if _source_key(s) in CORPUS_SETS[corpus_set]]
            + ([WORD_CLUSTERS] if uses_clusters else [])
            + (vectors.VECTOR_SOURCES if uses_vectors else []),
            "akteursnetz": {"training_docs": counts, "corpus_set": corpus_set, "vectors": _vectors_summary(vectors_record)},
        }
    )
    tmp = model_dir.with_name(model_dir.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    if model_dir.exists():
        shutil.rmtree(model_dir)
    tmp.rename(model_dir)
    training = {**counts, "vectors": _vectors_summary(vectors_record)}
    (model_dir / "training.json").write_text(json.dumps(training, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return model_dir


def _vectors_summary(record: dict | None) -> dict | None:
    """What the meta says about the vectors: corpus counts, floret settings, times."""
    if not record:
        return None
    keep = ("corpus", "ner_training_seconds", "pretraining", "seed")
    out = {k: record[k] for k in keep if k in record}
    if "floret" in record:
        out["floret"] = {k: record["floret"][k] for k in ("params", "seconds", "words", "bytes") if k in record["floret"]}
    return out


def _source_key(source: dict) -> str:
    name = source["name"].lower()
    for key in ("germeval", "smartdata", "europeana", "legal"):
        if key in name:
            return "ler" if key == "legal" else key
    return name
