"""Words per second of NER models, measured alternately in one run.

Why alternately: the speed of one machine drifts from day to day and from
machine to machine (the same model ran at 13,000 words/s in one session and at
7,000 in the next). Taking turns on the same sentences in one process makes the
ratio between the models reliable even where the absolute figures are not.

    python benchmarks/bench_ner_models.py models/de_akteursnetz_ner [OTHER_MODEL …] [--rounds 3] [--ops numpy blis]

Each model runs once per kind of matrix products (``--ops``): ``numpy``, as the
pipeline runs it (``pipeline/ner/fast_ops.py``), and ``blis``, thinc's own.
Input: the GermEval 2014 test sentences (``../shared``), pre-tokenised, tagged
on one core (one BLAS thread). Prints words/s per model and round, the median,
and each median as a ratio to the first row's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST = ROOT.parent / "shared" / "data" / "ner" / "germeval2014" / "NER-de-test.tsv"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("models", nargs="+", help="model paths or package names; the first is the reference")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ops", nargs="+", choices=["numpy", "blis"], default=["numpy", "blis"])
    parser.add_argument("--sentences", type=Path, default=TEST)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    import spacy
    from spacy.tokens import Doc
    from threadpoolctl import threadpool_limits

    from akteursnetz.ner import features  # noqa: F401 - registers the model's embedding layer
    from akteursnetz.ner.corpora import read_germeval_conll
    from akteursnetz.ner.fast_ops import use_matmul_ops

    nlps = {
        f"{name} [{ops}]": use_matmul_ops(spacy.load(name)) if ops == "numpy" else spacy.load(name)
        for name in args.models
        for ops in args.ops
    }
    vocab = next(iter(nlps.values())).vocab
    sentences = [[t.text for t in doc] for doc in read_germeval_conll(args.sentences, vocab)]
    n_words = sum(map(len, sentences))
    speeds: dict[str, list[float]] = {name: [] for name in nlps}
    print(f"{len(sentences)} sentences, {n_words} words, {args.rounds} rounds")
    for rnd in range(args.rounds):
        for name, nlp in nlps.items():
            docs = [Doc(nlp.vocab, words=words) for words in sentences]
            with threadpool_limits(limits=1):
                start = time.perf_counter()
                for _ in nlp.pipe(docs, batch_size=256):
                    pass
                speeds[name].append(n_words / (time.perf_counter() - start))
            print(f"round {rnd + 1}  {name}: {speeds[name][-1]:,.0f} words/s", flush=True)
    reference = statistics.median(next(iter(speeds.values())))
    print("\nmodel [matrix products]\tmedian words/s\tratio to the first")
    for name, values in speeds.items():
        median = statistics.median(values)
        print(f"{name}\t{median:,.0f}\t{median / reference:.2f}")


if __name__ == "__main__":
    main()
