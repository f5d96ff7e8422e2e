"""Speed and memory of the pipeline, as ratios within one run (``make benchmark``).

For each corpus size a fresh process generates the synthetic corpus (``corpus.py``)
and measures, on the same texts:

* words/s of tok2vec + ner alone (the statistical model), of the whole ``nlp.pipe``
  (with the rule components), of the whole ``process()`` (plus linking, extraction,
  network tables), and of the whole ``akteursnetz run --no-pictures`` command
  (start-up, model loading and writing included, a subprocess);
* each pipeline component's share of the ``nlp.pipe`` time (one document at a time);
* the seconds of network building and export (``write_outputs``);
* peak RSS of the measuring process (and of the command).

The headline ratios: ``run / model`` (target >= 0.80) and, per size, peak RSS.
Everything runs on one core (``OMP_NUM_THREADS=1``, one BLAS thread).

    python benchmarks/bench_pipeline.py [--sizes 1000 10000] [--json FILE]
    python benchmarks/bench_pipeline.py --sizes 100000          # on request: about 3 hours on 2 cores
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def measure(n: int, seed: int = 1) -> dict:
    """All figures for one corpus size, in this process."""
    os.environ["OMP_NUM_THREADS"] = "1"
    sys.path.insert(0, str(HERE))
    from corpus import write_corpus
    from threadpoolctl import threadpool_limits

    from akteursnetz.ingest import read_reports
    from akteursnetz.nlp import load_nlp
    from akteursnetz.run import process, write_outputs

    with tempfile.TemporaryDirectory() as tmp, threadpool_limits(limits=1):
        folder = write_corpus(Path(tmp) / "in", n, seed=seed)
        texts = [r.text for r in read_reports([folder]) if hasattr(r, "text")]
        words = sum(len(t.split()) for t in texts)
        start = time.perf_counter()
        nlp = load_nlp()
        load_s = time.perf_counter() - start

        with nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in ("tok2vec", "ner")]):
            start = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=64):
                pass
            model_s = time.perf_counter() - start
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        pipe_s = time.perf_counter() - start

        shares = {name: 0.0 for name in ["tokenizer", *nlp.pipe_names]}
        for text in texts[: min(len(texts), 300)]:
            t0 = time.perf_counter()
            doc = nlp.make_doc(text)
            shares["tokenizer"] += time.perf_counter() - t0
            for name, proc in nlp.pipeline:
                t0 = time.perf_counter()
                doc = proc(doc)
                shares[name] += time.perf_counter() - t0
        total = sum(shares.values()) or 1.0

        start = time.perf_counter()
        result = process([folder], nlp)
        process_s = time.perf_counter() - start
        start = time.perf_counter()
        write_outputs(result, Path(tmp) / "out", model_name=nlp.meta.get("name", ""))
        write_s = time.perf_counter() - start
        peak = _rss_mb()

        env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        cli = [sys.executable, "-m", "akteursnetz", "run", str(folder), "--out", str(Path(tmp) / "cli"), "--no-pictures", "--no-cache", "--workers", "1"]
        start = time.perf_counter()
        timer = shutil.which("time") and Path("/usr/bin/time")  # GNU time reports the command's own peak (%M, kB)
        done = subprocess.run(([str(timer), "-f", "%M"] if timer and timer.exists() else []) + cli, capture_output=True, text=True, env=env)
        run_s = time.perf_counter() - start
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        cli_rss = float(last) / 1024 if done.returncode == 0 and last.isdigit() else None

    return {
        "reports": n, "words": words, "meetings": int(result.summary["meetings"]),
        "load_s": round(load_s, 2), "model_s": round(model_s, 2), "pipe_s": round(pipe_s, 2),
        "process_s": round(process_s, 2), "write_s": round(write_s, 2), "run_s": round(run_s, 2),
        "model_wps": round(words / model_s), "pipe_wps": round(words / pipe_s),
        "process_wps": round(words / process_s), "run_wps": round(words / run_s),
        "pipe_over_model": round(model_s / pipe_s, 3), "process_over_model": round(model_s / process_s, 3),
        "run_over_model": round(model_s / run_s, 3),
        "component_share": {k: round(v / total, 3) for k, v in shares.items()},
        "peak_rss_mb": round(peak), "run_peak_rss_mb": round(cli_rss) if cli_rss else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--json", type=Path, default=HERE / "results" / "pipeline.json")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size in this process
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    rows = []
    for n in args.sizes:  # a fresh process per size, so that peak RSS is that size's
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        r = rows[-1]
        print(f"{n:>7} reports {r['words']:>9} words | words/s: model {r['model_wps']}, nlp.pipe {r['pipe_wps']}, "
              f"process {r['process_wps']}, run {r['run_wps']} | run/model {r['run_over_model']} | "
              f"network+export {r['write_s']} s | peak RSS {r['peak_rss_mb']} MB (run {r['run_peak_rss_mb']} MB)", flush=True)
        print("         component shares of nlp.pipe: " + ", ".join(f"{k} {v:.0%}" for k, v in r["component_share"].items()), flush=True)
    record = {"date": date.today().isoformat(), "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
              "rows": rows}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"-> {args.json}")


if __name__ == "__main__":
    main()
