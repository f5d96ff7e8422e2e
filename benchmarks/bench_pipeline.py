"""Speed and memory of the pipeline as the corpus grows, as ratios within one run.

The bundled sample reports are copied N times (each copy a distinct report) and
run through ``process``. Reported: seconds per report and the peak of traced
Python memory for each N, and their ratios to the smallest N. Linear time
means a flat seconds-per-report ratio near 1.0; streaming means peak memory
grows far slower than the corpus (the tables grow, the texts do not stay).
Also: words per second of the NER model alone on one core.

    python benchmarks/bench_pipeline.py [--sizes 20 80 320]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_corpus(folder: Path, n: int) -> None:
    sources = sorted((ROOT / "data" / "raw").glob("*.txt"))
    for i in range(n):
        src = sources[i % len(sources)]
        (folder / f"{i:05d}_{src.name}").write_bytes(src.read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 80, 320])
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from akteursnetz.nlp import load_nlp
    from akteursnetz.run import process

    nlp = load_nlp()
    rows = []
    for n in args.sizes:
        tmp = Path(tempfile.mkdtemp())
        try:
            make_corpus(tmp, n)
            words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in tmp.iterdir())
            tracemalloc.start()
            start = time.perf_counter()
            result = process([tmp], nlp)
            seconds = time.perf_counter() - start
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            rows.append({"reports": n, "words": words, "seconds": round(seconds, 2), "s_per_report": seconds / n,
                         "words_per_s": round(words / seconds), "peak_mb": round(peak / 2**20, 1),
                         "meetings": result.summary["meetings"]})
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    base = rows[0]
    print(f"{'reports':>8} {'words':>8} {'s':>7} {'s/report':>9} {'ratio':>6} {'words/s':>8} {'peak MB':>8} {'ratio':>6}")
    for r in rows:
        r["time_ratio"] = round(r["s_per_report"] / base["s_per_report"], 2)
        r["memory_ratio"] = round(r["peak_mb"] / base["peak_mb"], 2) if base["peak_mb"] else None
        print(f"{r['reports']:>8} {r['words']:>8} {r['seconds']:>7} {r['s_per_report']:>9.3f} {r['time_ratio']:>6} {r['words_per_s']:>8} {r['peak_mb']:>8} {r['memory_ratio']:>6}")
    growth = rows[-1]["reports"] / base["reports"]
    print(f"\ncorpus grew {growth:.0f}x; time per report x{rows[-1]['time_ratio']}, peak memory x{rows[-1]['memory_ratio']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
