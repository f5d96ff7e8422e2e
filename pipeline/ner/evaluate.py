"""Score an NER model on GermEval 2014 (official test file, outer spans).

The model tags the gold tokenisation (each sentence as a pre-tokenised
``Doc``), so the figures compare spans, not tokenisers. Four classes (PER,
LOC, ORG, MISC = GermEval's OTH) and PER/LOC/ORG alone; ``*deriv`` and
``*part`` are not entities here (see ``corpora``). Speed is words per second
of the NER pipeline on one core.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc
from threadpoolctl import threadpool_limits

from . import features  # noqa: F401 - registers the shipped model's embedding layer
from .corpora import LABELS, read_germeval_conll
from .fast_ops import use_matmul_ops


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score_spans(gold: list[set[tuple[int, int, str]]], pred: list[set[tuple[int, int, str]]], labels=LABELS) -> dict:
    """Exact-span micro scores overall and per label."""
    counts = {label: Counter() for label in labels}
    for g, p in zip(gold, pred):
        for label in labels:
            gl = {s for s in g if s[2] == label}
            pl = {s for s in p if s[2] == label}
            counts[label]["tp"] += len(gl & pl)
            counts[label]["fp"] += len(pl - gl)
            counts[label]["fn"] += len(gl - pl)
    per_type = {label: _prf(c["tp"], c["fp"], c["fn"]) for label, c in counts.items()}
    total = Counter()
    for c in counts.values():
        total.update(c)
    return {"overall": _prf(total["tp"], total["fp"], total["fn"]), "per_type": per_type}


def evaluate_model(test_path: Path, model: str | None = None, fast_ops: bool = True) -> dict:
    """Scores and speed; ``fast_ops`` as the pipeline runs it (``fast_ops.py``), else thinc's own."""
    from ..nlp import resolve_model

    target = resolve_model(model)
    nlp = spacy.load(target, exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "tagger", "senter"])
    if fast_ops:
        use_matmul_ops(nlp)
    gold_docs = list(read_germeval_conll(Path(test_path), nlp.vocab))
    inputs = [Doc(nlp.vocab, words=[t.text for t in d], spaces=[True] * len(d)) for d in gold_docs]
    n_words = sum(len(d) for d in inputs)
    with threadpool_limits(limits=1):  # words per second on one core, whatever BLAS would use
        start = time.perf_counter()
        pred_docs = list(nlp.pipe(inputs, batch_size=256))
        seconds = time.perf_counter() - start
    gold = [{(e.start, e.end, e.label_) for e in d.ents} for d in gold_docs]
    pred = [{(e.start, e.end, e.label_) for e in d.ents if e.label_ in LABELS} for d in pred_docs]
    four = score_spans(gold, pred, LABELS)
    three = score_spans(gold, pred, ("PER", "LOC", "ORG"))
    return {
        "model": str(target),
        "test_file": str(test_path),
        "sentences": len(gold_docs),
        "words": n_words,
        "words_per_second": round(n_words / seconds),
        "matrix_products": "numpy (fast_ops)" if fast_ops else "thinc (blis)",
        "four_classes": four,
        "per_loc_org": three,
    }


def format_report(scores: dict) -> str:
    lines = [
        f"model: {scores['model']}",
        f"test:  {scores['test_file']} ({scores['sentences']} sentences, {scores['words']} words)",
        "",
        f"{'':14}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for name, block in (("4 classes", scores["four_classes"]), ("PER/LOC/ORG", scores["per_loc_org"])):
        o = block["overall"]
        lines.append(f"{name:14}{o['p']:8.4f}{o['r']:8.4f}{o['f1']:8.4f}")
    for label, s in scores["four_classes"]["per_type"].items():
        lines.append(f"  {label:12}{s['p']:8.4f}{s['r']:8.4f}{s['f1']:8.4f}")
    lines.append(f"\nspeed: {scores['words_per_second']} words/s on one core, matrix products by {scores['matrix_products']}")
    return "\n".join(lines)
