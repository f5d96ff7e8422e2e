"""What worker processes buy: tagging + extraction with 1 and with N workers, as a ratio within one run.

The same synthetic corpus (``corpus.py``) goes through ``process`` with
``workers=1`` and ``workers=N``, alternately, ``--rounds`` times each; the
model is loaded once before timing (workers are forked from it). Reported:
the median seconds of each, their ratio (the speed-up), and whether the tables
are identical.

    python benchmarks/bench_workers.py [-n 200] [--workers 2] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=200, help="reports in the corpus")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    import pandas as pd

    from akteursnetz.nlp import load_nlp
    from akteursnetz.run import process
    from akteursnetz.stages import cpu_count

    nlp = load_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp), args.n)
        times: dict[int, list[float]] = {1: [], args.workers: []}
        results = {}
        for _ in range(args.rounds):
            for workers in times:
                start = time.perf_counter()
                results[workers] = process([corpus], nlp, workers=workers)
                times[workers].append(time.perf_counter() - start)
    one, many = results[1].tables, results[args.workers].tables
    identical = all(one[name].equals(many[name]) for name in one) and one.keys() == many.keys()
    median = {w: statistics.median(t) for w, t in times.items()}
    row = {
        "reports": args.n, "cores": cpu_count(), "workers": args.workers, "rounds": args.rounds,
        "seconds_1": round(median[1], 2), f"seconds_{args.workers}": round(median[args.workers], 2),
        "speedup": round(median[1] / median[args.workers], 2), "identical_tables": identical,
        "meetings": int(len(one["meetings"])), "pandas": pd.__version__,
    }
    print(f"{args.n} reports, {row['cores']} cores: 1 worker {row['seconds_1']} s, "
          f"{args.workers} workers {row[f'seconds_{args.workers}']} s -> speed-up x{row['speedup']}; "
          f"tables identical: {identical}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(row, indent=2) + "\n")


if __name__ == "__main__":
    main()
