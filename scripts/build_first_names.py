"""Build the word lists the entity clean-up uses, from GermEval 2014 *train*
(CC BY 4.0, Benikova, Biemann, Reznicek, LREC 2014):

* ``pipeline/data/first_names.txt``: given names seen at least 3 times as the
  first word of a multi-word person name;
* ``pipeline/data/common_words.txt``: words that are no names — seen at least twice
  in lower case and five times more often so than inside a person's name, or at
  least three times capitalised inside a sentence outside any entity and never in
  a person's name — and never as a given name.

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
    from akteursnetz.ner.corpora import read_germeval_train

    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    nlp = spacy.blank("de")
    counts: Counter = Counter()
    lower: Counter = Counter()  # lower-case words outside entities
    capitalised: Counter = Counter()  # capitalised words inside a sentence, outside entities
    in_person: Counter = Counter()
    for doc in read_germeval_train(args.shared / "data/ner/germeval2014/train.tsv", nlp.vocab):
        for ent in doc.ents:
            if ent.label_ == "PER" and len(ent) >= 2 and ent[0].is_title and ent[0].is_alpha and len(ent[0]) > 2:
                counts[ent[0].text] += 1
        for tok in doc:
            if tok.ent_type_ == "PER":
                in_person[tok.lower_] += 1
            elif tok.ent_type_ or not tok.is_alpha:
                continue
            elif tok.is_lower:
                lower[tok.text] += 1
            elif tok.is_title and tok.i > 0:
                capitalised[tok.lower_] += 1
    names = sorted(n for n, c in counts.items() if c >= 3)
    out = ROOT / "pipeline/data/first_names.txt"
    out.write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} names to {out}")
    given = {n.lower() for n in counts}
    # a word is common if it is mostly written in lower case ("großen", also in "Friedrich der Große"),
    # or often capitalised outside names and never inside one
    common = {w for w, c in lower.items() if c >= 2 and len(w) > 2 and c > 5 * in_person[w]}
    common |= {w for w, c in capitalised.items() if c >= 3 and not in_person[w]}
    common = sorted(w for w in common if w not in given)
    out = ROOT / "pipeline/data/common_words.txt"
    out.write_text("\n".join(common) + "\n", encoding="utf-8")
    print(f"wrote {len(common)} common words to {out}")


if __name__ == "__main__":
    main()
