"""The published-report corpus: what is needed to restore it, and whether it is here.

The texts of the published reports are third-party and never committed; they live
in the git-ignored ``data/real/texts/``.  The repository keeps only
``data/real/sources.tsv`` (id, address, title, date, split, SHA-256 of the saved
text) and the gold in ``data/gold/real.jsonl``.

    python scripts/real_corpus.py check            # which texts are present, missing or changed
    python scripts/real_corpus.py merge            # annotation batches -> sources.tsv + real.jsonl

``check`` exits 0 when every text is present and unchanged, 1 otherwise, and names
each missing or changed one, so ``make evaluate-real`` can say what it scores.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REAL = REPO / "data" / "real"
TEXTS = REAL / "texts"
SOURCES = REAL / "sources.tsv"
PARTS = REAL / "parts"
GOLD = REPO / "data" / "gold" / "real.jsonl"
GOLD_PARTS = REPO / "data" / "gold" / "real-parts"
COLUMNS = ("id", "url", "title", "date", "split", "sha256")


def read_sources(path: Path = SOURCES) -> list[dict[str, str]]:
    """The rows of ``sources.tsv`` in file order."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check(sources: list[dict[str, str]], texts: Path = TEXTS) -> dict[str, list[str]]:
    """Ids whose text is present and unchanged, missing, or changed since the gold was written."""
    status: dict[str, list[str]] = {"ok": [], "missing": [], "changed": []}
    for row in sources:
        path = texts / f"{row['id']}.txt"
        if not path.is_file():
            status["missing"].append(row["id"])
        elif sha256(path) != row["sha256"]:
            status["changed"].append(row["id"])
        else:
            status["ok"].append(row["id"])
    return status


def merge() -> tuple[int, int]:
    """Write ``sources.tsv`` and ``real.jsonl`` from the annotation batches, sorted by id.

    Only reports whose text was saved (status ``ok``) and that have a gold line are kept.
    """
    rows: dict[str, dict[str, str]] = {}
    for part in sorted(PARTS.glob("*.tsv")):
        for line in part.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) < 7 or cells[5] != "ok":
                continue
            rid, url, title, date, split, _, digest = cells[:7]
            rows[rid] = {"id": rid, "url": url, "title": title, "date": date, "split": split, "sha256": digest}
    gold: dict[str, dict] = {}
    for part in sorted(GOLD_PARTS.glob("*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                gold[rec["report_id"]] = rec  # a later line corrects an earlier one
    ids = sorted(rows.keys() & gold.keys())
    with SOURCES.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows[i] for i in ids)
    GOLD.write_text("".join(json.dumps(gold[i], ensure_ascii=False) + "\n" for i in ids), encoding="utf-8")
    return len(ids), sum(rows[i]["split"] == "blind" for i in ids)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("check", "merge"))
    args = ap.parse_args(argv)
    if args.command == "merge":
        n, blind = merge()
        print(f"{n} reports ({blind} blind) -> {SOURCES.relative_to(REPO)}, {GOLD.relative_to(REPO)}")
        return 0
    status = check(read_sources())
    total = sum(map(len, status.values()))
    print(f"published reports: {len(status['ok'])} of {total} texts present in {TEXTS.relative_to(REPO)}/")
    for what in ("missing", "changed"):
        if status[what]:
            print(f"{what} ({len(status[what])}): {' '.join(status[what])}")
    if status["missing"] or status["changed"]:
        print("restore them as data/real/README.md describes; evaluate-real scores only the texts present")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
