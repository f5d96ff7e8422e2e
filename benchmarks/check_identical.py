"""Are a change's outputs byte-identical to a reference run? (sample + the four held-out sets)

    python benchmarks/check_identical.py --save REF_DIR            # reference outputs (before a change)
    python benchmarks/check_identical.py REF_DIR [-- EXTRA RUN ARGS]  # after it: compares every output file

Runs ``akteursnetz run FOLDER --no-pictures`` on data/raw and data/heldout*/
(one process, the model loaded once) and compares every CSV, Parquet, graph and
summary file byte by byte.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = ["raw", "heldout", "heldout2", "heldout3", "heldout4"]


def run_all(out: Path, extra: list[str]) -> None:
    for name in SETS:
        cmd = [sys.executable, "-m", "akteursnetz", "run", str(ROOT / "data" / name), "--out", str(out / name), "--no-pictures", *extra]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def compare(ref: Path, new: Path) -> list[str]:
    diffs = []
    for name in SETS:
        a, b = ref / name, new / name
        files = sorted({p.name for p in a.iterdir() if p.is_file()} | {p.name for p in b.iterdir() if p.is_file()})
        for f in files:
            if not (a / f).exists() or not (b / f).exists() or not filecmp.cmp(a / f, b / f, shallow=False):
                diffs.append(f"{name}/{f}")
    return diffs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("ref", type=Path)
    parser.add_argument("--save", action="store_true")
    parser.add_argument("extra", nargs="*")
    args = parser.parse_args()
    if args.save:
        shutil.rmtree(args.ref, ignore_errors=True)
        run_all(args.ref, args.extra)
        print(f"reference written to {args.ref}")
        return
    new = Path(tempfile.mkdtemp(prefix="akteursnetz-check-"))
    run_all(new, args.extra)
    diffs = compare(args.ref, new)
    if diffs:
        print("DIFFERENT:", *diffs, sep="\n  ")
        print(f"(new outputs kept in {new})")
        sys.exit(1)
    shutil.rmtree(new, ignore_errors=True)
    print(f"identical: {', '.join(SETS)}")


if __name__ == "__main__":
    main()
