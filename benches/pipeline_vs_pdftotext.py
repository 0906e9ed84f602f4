#!/usr/bin/env python3
"""End-to-end benchmark: `shortlist rank` against poppler's `pdftotext` on the same files.

The real PDFs of ../shared/corpus/pdfs are replicated to N files (each copy made distinct by
appending a PDF comment line, so none is skipped as a duplicate). For each N, in one run and
interleaved so machine noise hits both alike:

  * shortlist rank --jobs P   vs  pdftotext over the same files via xargs -P P (one process per file)
  * shortlist rank --jobs 1   vs  a sequential pdftotext loop      (with --sequential)

Each pair is repeated; medians and the ratio shortlist/pdftotext are printed, plus the
parent's and the largest worker's peak RSS as reported by `shortlist rank --timings`.

Usage: python3 benches/pipeline_vs_pdftotext.py [--sizes 1000,5000] [--repeats 3]
       [--binary target/release/shortlist] [--corpus ../shared/corpus/pdfs] [--sequential]
       [--hostile ../shared/corpus/hostile]
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def replicate(corpus, n, dest):
    pdfs = sorted(f for f in os.listdir(corpus) if f.lower().endswith(".pdf"))
    if not pdfs:
        sys.exit(f"no PDFs in {corpus}")
    os.makedirs(dest, exist_ok=True)
    for i in range(n):
        src = pdfs[i % len(pdfs)]
        with open(os.path.join(corpus, src), "rb") as f:
            data = f.read()
        # A comment after %%EOF changes the hash, not the content a reader sees.
        data += b"\n%shortlist-bench-copy " + str(i).encode() + b"\n"
        with open(os.path.join(dest, f"{i:05d}_{src}"), "wb") as f:
            f.write(data)
    return dest


def timed(cmd, **kw):
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    return time.perf_counter() - start, proc


def run_shortlist(binary, folder, jobs):
    secs, proc = timed([binary, "rank", "--jobs", str(jobs), "--as-of", "2026-11-23",
                        "--timings", "-o", os.devnull, folder])
    err = proc.stderr.decode(errors="replace")
    if proc.returncode not in (0, 1):
        sys.exit(f"shortlist failed ({proc.returncode}):\n{err}")
    m = re.search(r"peak RSS: parent ([\d.]+) MiB, largest worker ([\d.]+) MiB", err)
    rss = (float(m.group(1)), float(m.group(2))) if m else (float("nan"), float("nan"))
    summary = err.splitlines()[0] if err else ""
    return secs, rss, summary


def run_pdftotext_parallel(folder, jobs):
    cmd = f"find {folder!r} -name '*.pdf' -print0 | xargs -0 -P{jobs} -I{{}} pdftotext -q {{}} /dev/null"
    secs, _ = timed(["bash", "-c", cmd])
    return secs


def run_pdftotext_sequential(folder):
    cmd = f"for f in {folder!r}/*.pdf; do pdftotext -q \"$f\" /dev/null; done"
    secs, _ = timed(["bash", "-c", cmd])
    return secs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,5000")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--binary", default="target/release/shortlist")
    ap.add_argument("--corpus", default="../shared/corpus/pdfs")
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--sequential", action="store_true", help="also compare --jobs 1 with a pdftotext loop")
    ap.add_argument("--hostile", default=None, help="also time the hostile folder")
    args = ap.parse_args()
    if not shutil.which("pdftotext"):
        sys.exit("pdftotext (poppler-utils) is required")

    work = tempfile.mkdtemp(prefix="shortlist-bench-")
    try:
        results = []
        for n in [int(s) for s in args.sizes.split(",")]:
            folder = replicate(args.corpus, n, os.path.join(work, str(n)))
            # Warm the page cache for both tools.
            run_pdftotext_parallel(folder, args.jobs)
            modes = [("parallel", args.jobs)] + ([("sequential", 1)] if args.sequential else [])
            for mode, jobs in modes:
                ours, theirs, rss = [], [], []
                for r in range(args.repeats):
                    # Alternate which tool goes first so drift does not favour one.
                    order = [0, 1] if r % 2 == 0 else [1, 0]
                    for which in order:
                        if which == 0:
                            secs, peak, summary = run_shortlist(args.binary, folder, jobs)
                            ours.append(secs)
                            rss.append(peak)
                        elif mode == "parallel":
                            theirs.append(run_pdftotext_parallel(folder, jobs))
                        else:
                            theirs.append(run_pdftotext_sequential(folder))
                a, b = statistics.median(ours), statistics.median(theirs)
                parent = max(p for p, _ in rss)
                worker = max(w for _, w in rss)
                results.append((n, mode, jobs, a, b, a / b, parent, worker, summary))
                print(f"N={n:5d} {mode:10s} jobs={jobs}: shortlist {a:7.2f} s  pdftotext {b:7.2f} s  "
                      f"ratio {a / b:5.2f}  parent peak {parent:6.1f} MiB  worker peak {worker:6.1f} MiB  "
                      f"(runs: {', '.join(f'{x:.2f}' for x in ours)} vs {', '.join(f'{x:.2f}' for x in theirs)})",
                      flush=True)
            shutil.rmtree(folder, ignore_errors=True)
        par = {n: a for (n, mode, _, a, *_rest) in results if mode == "parallel"}
        if len(par) >= 2:
            small, large = min(par), max(par)
            print(f"scaling: {large} files / {small} files = {par[large] / par[small]:.2f} x "
                  f"(linear would be {large / small:.2f} x)")
        if args.hostile:
            secs, peak, summary = run_shortlist(args.binary, args.hostile, args.jobs)
            print(f"hostile folder: {secs:.1f} s, parent peak {peak[0]:.1f} MiB, worker peak {peak[1]:.1f} MiB; {summary}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
