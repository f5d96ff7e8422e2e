"""Build ``pipeline/data/first_names.txt``: given names seen at least 3 times as the
first word of a multi-word person name in GermEval 2014 *train* (CC BY 4.0,
Benikova, Biemann, Reznicek, LREC 2014).

    python scripts/build_first_names.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    from pipeline.ner.corpora import read_germeval_train

    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    nlp = spacy.blank("de")
    counts: Counter = Counter()
    for doc in read_germeval_train(args.shared / "data/ner/germeval2014/train.tsv", nlp.vocab):
        for ent in doc.ents:
            if ent.label_ == "PER" and len(ent) >= 2 and ent[0].is_title and ent[0].is_alpha and len(ent[0]) > 2:
                counts[ent[0].text] += 1
    names = sorted(n for n, c in counts.items() if c >= 3)
    out = ROOT / "pipeline/data/first_names.txt"
    out.write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} names to {out}")


if __name__ == "__main__":
    main()
