"""NER experiment r8 (models/README.md, session 10): the shipped recipe's vectors, then ``spacy pretrain``
of the tok2vec (characters objective) on a sample of the vector corpus, then NER training from those
weights. Not part of ``make model``; kept so that the run can be repeated (with another ``--seed``).

    python scripts/ner_pretrain_experiment.py --work build/ner-r8 --words 12000000

Needs the training extra (``make train-deps``) and ``../shared``. About 70 minutes on one core.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--work", type=Path, default=Path("build/ner-pretrain"))
    ap.add_argument("--words", type=int, default=12_000_000, help="words of the pretraining sample")
    ap.add_argument("--seed", type=int, default=42, help="seed of the sample (the training seed is ner.cfg's)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")

    from spacy import util
    from spacy.training.pretrain import pretrain
    from threadpoolctl import threadpool_limits

    from akteursnetz.ner.train import CONFIG_PATH, train
    from akteursnetz.ner.vectors import build_vectors

    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    vectors_dir, _ = build_vectors(args.shared, work / "vectors")  # the recipe's corpus and floret settings
    sample = work / "pretrain.jsonl"
    if not sample.exists():
        lines = (work / "vectors" / "corpus.txt").read_text(encoding="utf-8").splitlines()
        random.Random(args.seed).shuffle(lines)
        words = 0
        with sample.open("w", encoding="utf-8") as f:
            for line in lines:
                n = len(line.split())
                if n < 3:
                    continue
                f.write(json.dumps({"text": line}, ensure_ascii=False) + "\n")
                words += n
                if words >= args.words:
                    break
        logging.info("pretraining sample: %d words", words)
    out = work / "pretrain"
    out.mkdir(exist_ok=True)  # pretrain() writes into it but does not create it
    if not (out / "model0.bin").exists():
        start = time.perf_counter()
        config = util.load_config(CONFIG_PATH, overrides={"paths.raw_text": str(sample), "paths.vectors": str(vectors_dir),
                                                          "pretraining.max_epochs": 1}, interpolate=True)
        with threadpool_limits(limits=1):
            pretrain(config, out, use_gpu=-1)
        logging.info("pretraining: %.0f s", time.perf_counter() - start)
    model = train(args.shared, work, work / "model",
                  overrides={"paths.vectors": str(vectors_dir), "paths.init_tok2vec": str(out / "model0.bin")})
    print("packaged", model)


if __name__ == "__main__":
    main()
