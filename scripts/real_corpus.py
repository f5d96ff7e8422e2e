"""The published-report corpus: what is needed to restore it, and whether it is here.

The texts of the published reports are third-party and never committed; they live
in the git-ignored ``data/real/texts/``.  The repository keeps only
``data/real/sources.tsv`` (id, address, title, date, split, SHA-256 of the saved
text) and the gold in ``data/gold/real.jsonl``.

    python scripts/real_corpus.py check            # which texts are present, missing or changed
    python scripts/real_corpus.py merge            # annotation batches -> sources.tsv + real.jsonl
    python scripts/real_corpus.py place p001 page.txt   # a page's text -> texts/p001.txt, checked

``check`` exits 0 when every text is present and unchanged, 1 otherwise, and names
each missing or changed one, so ``make evaluate-real`` can say what it scores.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
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


def shapes(row: dict[str, str], page: str) -> list[str]:
    """The saved-text shapes a page's text can take (data/real/README.md), most likely first.

    The date line (``dd.mm.yyyy``) leads where ``sources.tsv`` has a full date; the
    title follows unless the page text starts with it.  Pages copied by hand differ
    in surrounding white space, so both the stripped and the kept forms are offered.
    """
    head = ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"]):
        y, m, d = row["date"].split("-")
        head = f"{d}.{m}.{y}\n\n"
    out: list[str] = []
    for body in (page.strip(), page.strip("\n"), page):
        # a page that starts with its title on the same line as the text ("Titel Der Text ...") still had
        # the title put before it on a line of its own
        titled = f"{row['title']}\n\n{body}"
        first = (body, titled) if body.startswith(row["title"]) else (titled, body)
        for text in (head + first[0], head + first[1], *first):
            for end in ("\n", ""):
                candidate = text.rstrip("\n") + end
                if candidate not in out:
                    out.append(candidate)
    return out


def place(rid: str, page_file: Path, sources: list[dict[str, str]], texts: Path = TEXTS) -> str:
    """Save a page's text as ``texts/<rid>.txt`` in the shape whose SHA-256 the gold was written on.

    Returns ``ok`` when a shape matches; otherwise ``changed`` (the most likely shape is
    saved, and its gold offsets may no longer fit).
    """
    row = next((r for r in sources if r["id"] == rid), None)
    if row is None:
        raise SystemExit(f"{rid}: not in {SOURCES.relative_to(REPO)}")
    candidates = shapes(row, page_file.read_text(encoding="utf-8"))
    texts.mkdir(parents=True, exist_ok=True)
    for text in candidates:
        if hashlib.sha256(text.encode("utf-8")).hexdigest() == row["sha256"]:
            (texts / f"{rid}.txt").write_text(text, encoding="utf-8")
            return "ok"
    (texts / f"{rid}.txt").write_text(candidates[0], encoding="utf-8")
    return "changed"


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
    ap.add_argument("command", choices=("check", "merge", "place"))
    ap.add_argument("id", nargs="?", help="place: the report id (pNNN)")
    ap.add_argument("page", nargs="?", type=Path, help="place: a file with the page's text")
    args = ap.parse_args(argv)
    if args.command == "place":
        if not (args.id and args.page):
            ap.error("place needs an id and a page file")
        status = place(args.id, args.page, read_sources())
        print(f"{args.id}: {status}")
        return 0 if status == "ok" else 1
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
