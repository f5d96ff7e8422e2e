"""German floret vectors of the project's own, for the NER model's embedding layer.

The recipe (``train.py``) runs three steps, each written under the work folder
and skipped when its output is already there:

1. ``build_corpus``: the public-domain German text of ``../shared/data/text``
   (Bundestag speeches, federal laws, ELTeC novels; 38 M words) plus the raw
   sentences of the NER training corpus (GermEval 2014 *train*; never dev or
   test), tokenised by spaCy's German tokenizer, cased (German NER leans on
   capitalisation), one paragraph per line.
2. ``train_floret``: floret (fastText with hashed subword buckets): every word,
   seen or not, gets a vector from its character n-grams, in a table of
   ``bucket`` rows.
3. ``init_vectors``: ``spacy init vectors de … --mode floret``.

The NER model does not keep the vectors in ``vocab/vectors`` (float32): the
``before_init`` callback of ``features.py`` stores them in the vocabulary's
lookups at half precision (see ``features.store_vectors``), which halves
their share of the model's 40 MB.
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

log = logging.getLogger(__name__)

TEXT_FILES = ("de_bundestag_wp20.txt.gz", "de_federal_laws.txt.gz", "de_novels_eltec.txt.gz")

#: floret settings of the shipped model (see models/README.md)
FLORET_PARAMS = {
    "model": "cbow",
    "dim": 64,
    "bucket": 100_000,
    "hashCount": 2,
    "minn": 4,
    "maxn": 5,
    "epoch": 3,
    "minCount": 5,
    "ws": 5,
    "neg": 5,
    "lr": 0.05,
    "thread": 2,
}
# floret 0.10 takes no seed argument: it always seeds its generator with 0, so with
# ``thread = 1`` every run gives the same vectors; with 2 threads (the recipe's
# setting, half the time) the asynchronous updates make runs differ slightly.

VECTOR_SOURCES = [
    {
        "name": "Deutscher Bundestag, Plenarprotokolle (20th legislative period, 2021-2025), "
        "as processed by mathias-goebel/plenarsitzungsprotokolle",
        "author": "Deutscher Bundestag",
        "license": "official parliamentary records (§ 5 UrhG; speeches in parliament, § 48 UrhG)",
    },
    {
        "name": "German federal laws and ordinances (state of 2022), bundestag/gesetze (gesetze-im-internet.de)",
        "author": "Bundesrepublik Deutschland",
        "license": "public domain (§ 5 Abs. 1 UrhG); repository under the Unlicense",
    },
    {
        "name": "ELTeC-deu: 100 German novels 1840-1920 (COST Action CA16204)",
        "author": "Jannidis, Konle, Odebrecht (eds.), doi 10.5281/zenodo.4662482",
        "license": "texts public domain; markup CC BY 4.0",
    },
]


def _tokenise_file(args: tuple[str, str]) -> tuple[str, int, int]:
    src, dst = args
    import spacy

    tokenizer = spacy.blank("de").tokenizer
    lines = words = 0
    with gzip.open(src, "rt", encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        texts = (line.strip() for line in fin)
        for doc in tokenizer.pipe(t for t in texts if t):
            tokens = [t.text for t in doc if not t.is_space]
            if tokens:
                fout.write(" ".join(tokens) + "\n")
                lines += 1
                words += len(tokens)
    return dst, lines, words


def build_corpus(shared: Path, out_path: Path, extra_sentences=(), processes: int = 1, text_files=TEXT_FILES) -> dict:
    """Write the tokenised vector corpus to ``out_path``; returns counts per source.

    ``extra_sentences``: lists of tokens (already tokenised), e.g. GermEval train.
    The output does not depend on ``processes``: each file is tokenised to its
    own part, and the parts are joined in a fixed order.
    """
    out_path.parent.mkdir(parents=True, exist_ok=True)
    parts = [(str(shared / "data" / "text" / name), str(out_path.with_name(f"{out_path.name}.{name}.part"))) for name in text_files]
    start = time.perf_counter()
    if processes > 1:
        with ProcessPoolExecutor(processes) as pool:
            results = list(pool.map(_tokenise_file, parts))
    else:
        results = [_tokenise_file(p) for p in parts]
    counts: dict = {}
    tmp = out_path.with_name(out_path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fout:
        for (dst, lines, words), name in zip(results, text_files):
            with open(dst, encoding="utf-8") as fin:
                for line in fin:
                    fout.write(line)
            Path(dst).unlink()
            counts[name] = {"lines": lines, "words": words}
        lines = words = 0
        for tokens in extra_sentences:
            if tokens:
                fout.write(" ".join(tokens) + "\n")
                lines += 1
                words += len(tokens)
        counts["ner_train_sentences"] = {"lines": lines, "words": words}
    tmp.rename(out_path)
    counts["seconds"] = round(time.perf_counter() - start, 1)
    log.info("vector corpus %s: %s", out_path, counts)
    return counts


def train_floret(corpus: Path, out_prefix: Path, **params) -> dict:
    """Train floret vectors on ``corpus``; writes ``<out_prefix>.floret``; returns params and seconds."""
    import floret

    settings = {**FLORET_PARAMS, **params}
    start = time.perf_counter()
    model = floret.train_unsupervised(str(corpus), mode="floret", verbose=0, **settings)
    seconds = time.perf_counter() - start
    out_prefix.parent.mkdir(parents=True, exist_ok=True)
    path = out_prefix.with_suffix(".floret")
    model.save_floret_vectors(str(path))
    info = {
        "params": settings,
        "seconds": round(seconds, 1),
        "words": len(model.words),
        "file": str(path),
        "bytes": path.stat().st_size,
    }
    log.info("floret vectors %s in %.0f s", path, seconds)
    return info


def init_vectors(floret_path: Path, out_dir: Path) -> Path:
    """``spacy init vectors de <floret_path> <out_dir> --mode floret``."""
    from spacy.training.initialize import convert_vectors

    import spacy

    nlp = spacy.blank("de")
    convert_vectors(nlp, floret_path, truncate=0, prune=-1, mode="floret")
    nlp.to_disk(out_dir)
    return out_dir


def build_vectors(shared: Path, work_dir: Path, extra_sentences=(), processes: int = 1, **params) -> tuple[Path, dict]:
    """Corpus -> floret -> spaCy vectors under ``work_dir``; returns the vectors dir and a record of the steps."""
    work_dir.mkdir(parents=True, exist_ok=True)
    record_path = work_dir / "vectors.json"
    record = json.loads(record_path.read_text()) if record_path.exists() else {}
    corpus = work_dir / "corpus.txt"
    if not corpus.exists():
        record["corpus"] = build_corpus(shared, corpus, extra_sentences, processes=processes)
    floret_path = work_dir / "vectors.floret"
    settings = {**FLORET_PARAMS, **params}
    if not floret_path.exists() or record.get("floret", {}).get("params") != settings:
        record["floret"] = train_floret(corpus, work_dir / "vectors", **params)
    out_dir = work_dir / "spacy_vectors"
    if not out_dir.exists() or record.get("spacy_vectors_from") != record["floret"]["seconds"]:
        init_vectors(floret_path, out_dir)
        record["spacy_vectors_from"] = record["floret"]["seconds"]
    record_path.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return out_dir, record
