"""Words per second of two or more NER models, measured alternately in one run.

Why alternately: the speed of one machine drifts from day to day and from
machine to machine (the same model ran at 13,000 words/s in one session and at
7,000 in the next). Taking turns on the same sentences in one process makes the
ratio between the models reliable even where the absolute figures are not.

    python benchmarks/bench_ner_models.py models/de_akteursnetz_ner OTHER_MODEL [--rounds 3]

Input: the GermEval 2014 test sentences (``../shared``), pre-tokenised, tagged
with one thread. Prints words/s per model and round, the median, and each
model's median as a ratio to the first model's.
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
    parser.add_argument("--sentences", type=Path, default=TEST)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    import spacy
    from spacy.tokens import Doc

    from pipeline.ner import features  # noqa: F401 - registers the model's embedding layer
    from pipeline.ner.corpora import read_germeval_conll

    nlps = {name: spacy.load(name) for name in args.models}
    vocab = next(iter(nlps.values())).vocab
    sentences = [[t.text for t in doc] for doc in read_germeval_conll(args.sentences, vocab)]
    n_words = sum(map(len, sentences))
    speeds: dict[str, list[float]] = {name: [] for name in nlps}
    print(f"{len(sentences)} sentences, {n_words} words, {args.rounds} rounds")
    for rnd in range(args.rounds):
        for name, nlp in nlps.items():
            docs = [Doc(nlp.vocab, words=words) for words in sentences]
            start = time.perf_counter()
            for _ in nlp.pipe(docs, batch_size=256):
                pass
            speeds[name].append(n_words / (time.perf_counter() - start))
            print(f"round {rnd + 1}  {name}: {speeds[name][-1]:,.0f} words/s", flush=True)
    reference = statistics.median(speeds[args.models[0]])
    print("\nmodel\tmedian words/s\tratio to the first")
    for name, values in speeds.items():
        median = statistics.median(values)
        print(f"{name}\t{median:,.0f}\t{median / reference:.2f}")


if __name__ == "__main__":
    main()
