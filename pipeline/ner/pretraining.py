"""Step 3 of the recipe, when asked for: ``spacy pretrain`` of the tok2vec on unlabelled German.

The NER model's tok2vec learns from 1.2 M labelled words; pretraining lets it first learn
from a sample of the vector corpus (``vectors.py``: the public-domain text plus the GermEval
*train* sentences, never dev or test) with the characters objective of ``ner.cfg``'s
``[pretraining]`` block, and the NER training then starts from those weights
(``paths.init_tok2vec``). The sample is drawn with a fixed seed, so the step is repeatable;
its cost is about 4,600 words/s on one core (models/README.md, runs r6, r8, r9).
"""

from __future__ import annotations

import json
import logging
import random
import time
from pathlib import Path

log = logging.getLogger(__name__)


def write_sample(corpus: Path, sample: Path, words: int, seed: int = 42) -> int:
    """Shuffled corpus lines of three or more words as spaCy's JSONL, until ``words`` are reached.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "c.txt").write_text("eins zwei drei\\nzu kurz\\nvier fünf sechs sieben\\n", encoding="utf-8")
    >>> write_sample(d / "c.txt", d / "s.jsonl", words=100)
    7
    """
    lines = corpus.read_text(encoding="utf-8").splitlines()
    random.Random(seed).shuffle(lines)
    total = 0
    tmp = sample.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for line in lines:
            n = len(line.split())
            if n < 3:
                continue
            f.write(json.dumps({"text": line}, ensure_ascii=False) + "\n")
            total += n
            if total >= words:
                break
    tmp.replace(sample)
    return total


def pretrain_tok2vec(config_path: Path, vectors_dir: Path, corpus: Path, work_dir: Path, words: int, seed: int = 42) -> tuple[Path, dict]:
    """Pretrain one epoch over a ``words``-word sample; returns the weights file and a record of the step.

    A finished step (its weights and record present, for the same sample size and seed) is reused.
    """
    from spacy import util
    from spacy.training.pretrain import pretrain
    from threadpoolctl import threadpool_limits

    work_dir.mkdir(parents=True, exist_ok=True)  # pretrain() writes into its folder but does not create it
    record_path = work_dir / "pretraining.json"
    weights = work_dir / "model0.bin"
    wanted = {"words_asked": words, "seed": seed, "objective": "characters", "epochs": 1}
    if weights.exists() and record_path.exists():
        record = json.loads(record_path.read_text(encoding="utf-8"))
        if all(record.get(k) == v for k, v in wanted.items()):
            log.info("pretraining: reusing %s", weights)
            return weights, record
    sample = work_dir / "sample.jsonl"
    sample_words = write_sample(corpus, sample, words, seed)
    log.info("pretraining sample: %d words", sample_words)
    config = util.load_config(
        config_path,
        overrides={"paths.raw_text": str(sample), "paths.vectors": str(vectors_dir), "pretraining.max_epochs": 1},
        interpolate=True,
    )
    start = time.perf_counter()
    with threadpool_limits(limits=1):  # one core, as every figure in models/README.md
        pretrain(config, work_dir, use_gpu=-1)
    record = {**wanted, "words": sample_words, "seconds": round(time.perf_counter() - start, 1)}
    record_path.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    log.info("pretraining: %.0f s", record["seconds"])
    return weights, record
