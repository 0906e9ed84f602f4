#!/usr/bin/env python3
"""PDF extraction quality of `shortlist extract` against poppler's `pdftotext`.

For every PDF in the corpus directory this runs `pdftotext` (reading-order mode, UTF-8) and
`shortlist extract --format jsonl`. The pdftotext output is written to a `.txt` file and fed
through `shortlist extract` as well, so both texts pass through the identical normaliser.
Both are then lowercased, split on whitespace and stripped of surrounding punctuation, and
compared as word sets:

* Jaccard similarity per file (median and 10th percentile are reported);
* recall of every 4-digit year (19xx/20xx) and every e-mail address pdftotext finds: the
  share of files for which *all* of them are also in shortlist's text.

Files where pdftotext itself finds no words (scans, image-only PDFs) are excluded from the
figures and listed by count. Targets (from the issue): median >= 0.98, p10 >= 0.90,
year/e-mail recall >= 98 % of files.

Usage:
    python3 benches/extract_quality.py [SHORTLIST_BINARY] [CORPUS_DIR]
        [--jobs 2] [--worst 15] [--keep DIR] [--json FILE]

Defaults: `target/release/shortlist` and `../shared/corpus/pdfs` (relative to the current
directory). `--keep DIR` leaves both normalised texts per file in DIR for inspection (keep
that directory outside the repository: résumés are personal data). Only file names and
numbers are printed; no résumé text.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
EMAIL_RE = re.compile(r"[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
CHUNK = 8


def strip_punct(word: str) -> str:
    """Strips leading and trailing punctuation and symbols (any Unicode P* or S* category)."""
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start])[0] in "PS":
        start += 1
    while end > start and unicodedata.category(word[end - 1])[0] in "PS":
        end -= 1
    return word[start:end]


def words(text: str) -> set[str]:
    out = set()
    for raw in text.lower().split():
        w = strip_punct(raw)
        if w:
            out.add(w)
    return out


def years(text: str) -> set[str]:
    return set(YEAR_RE.findall(text))


def emails(text: str) -> set[str]:
    return {e.rstrip(".") for e in EMAIL_RE.findall(text.lower())}


def percentile(values: list[float], p: float) -> float:
    """Linear-interpolated percentile (p in 0..100), like numpy's default."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def run_chunk(binary: str, pdfs: list[Path], tmp: Path) -> dict[str, dict]:
    """pdftotext each PDF to a .txt, then one `shortlist extract` over the PDFs and .txts."""
    txts = []
    for pdf in pdfs:
        txt = tmp / (pdf.name + ".pdftotext.txt")
        r = subprocess.run(
            ["pdftotext", "-q", "-enc", "UTF-8", str(pdf), str(txt)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )
        if r.returncode != 0 or not txt.exists():
            txt.write_text("")
        txts.append(txt)
    args = [binary, "extract", "--format", "jsonl", *map(str, pdfs), *map(str, txts)]
    r = subprocess.run(args, capture_output=True, text=True, timeout=600, check=False)
    by_file: dict[str, dict] = {}
    for line in r.stdout.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        by_file[obj.get("file", "")] = obj
    results = {}
    for pdf, txt in zip(pdfs, txts):
        ours = by_file.get(str(pdf)) or {}
        ref = by_file.get(str(txt)) or {}
        results[pdf.name] = {
            "ours_status": ours.get("status", "missing"),
            "ours": ours.get("text", "") or "",
            "ref_status": ref.get("status", "missing"),
            "ref": ref.get("text", "") or "",
        }
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", nargs="?", default="target/release/shortlist")
    ap.add_argument("corpus", nargs="?", default="../shared/corpus/pdfs")
    ap.add_argument("--jobs", type=int, default=2, help="parallel processes (default 2)")
    ap.add_argument("--worst", type=int, default=15, help="how many worst files to list")
    ap.add_argument("--keep", help="write both normalised texts per file into this directory")
    ap.add_argument("--json", help="write per-file figures (no text) to this JSON file")
    a = ap.parse_args()

    binary = shutil.which(a.binary) or a.binary
    if not os.access(binary, os.X_OK):
        print(f"shortlist binary not found or not executable: {a.binary}", file=sys.stderr)
        return 2
    if shutil.which("pdftotext") is None:
        print("pdftotext (poppler-utils) is not installed", file=sys.stderr)
        return 2
    corpus = Path(a.corpus)
    pdfs = sorted(p for p in corpus.iterdir() if p.suffix.lower() == ".pdf" and p.is_file())
    if not pdfs:
        print(f"no PDFs in {corpus}", file=sys.stderr)
        return 2

    started = time.monotonic()
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="extract_quality.") as tmpdir:
        tmp = Path(tmpdir)
        chunks = [pdfs[i : i + CHUNK] for i in range(0, len(pdfs), CHUNK)]
        with cf.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
            for part in pool.map(lambda c: run_chunk(binary, c, tmp), chunks):
                results.update(part)
    elapsed = time.monotonic() - started

    if a.keep:
        keep = Path(a.keep)
        keep.mkdir(parents=True, exist_ok=True)
        for name, r in results.items():
            (keep / f"{name}.ours.txt").write_text(r["ours"])
            (keep / f"{name}.pdftotext.txt").write_text(r["ref"])

    rows = []
    excluded = []
    for name in sorted(results):
        r = results[name]
        ref_words = words(r["ref"])
        if not ref_words:
            excluded.append((name, r["ours_status"]))
            continue
        our_words = words(r["ours"])
        union = ref_words | our_words
        jac = len(ref_words & our_words) / len(union) if union else 1.0
        ref_years, our_years = years(r["ref"]), years(r["ours"])
        ref_mail, our_mail = emails(r["ref"]), emails(r["ours"])
        rows.append(
            {
                "file": name,
                "status": r["ours_status"],
                "jaccard": jac,
                "ref_words": len(ref_words),
                "our_words": len(our_words),
                "only_ref": len(ref_words - our_words),
                "only_ours": len(our_words - ref_words),
                "years": len(ref_years),
                "missing_years": sorted(ref_years - our_years),
                "emails": len(ref_mail),
                "missing_emails": sorted(ref_mail - our_mail),
            }
        )

    jacs = [r["jaccard"] for r in rows]
    n = len(rows)
    years_ok = sum(1 for r in rows if not r["missing_years"])
    mail_ok = sum(1 for r in rows if not r["missing_emails"])
    both_ok = sum(1 for r in rows if not r["missing_years"] and not r["missing_emails"])
    with_years = [r for r in rows if r["years"]]
    with_mail = [r for r in rows if r["emails"]]
    median = statistics.median(jacs) if jacs else float("nan")
    p10 = percentile(jacs, 10)

    def pct(k: int, d: int) -> str:
        return f"{100.0 * k / d:.1f} %" if d else "n/a"

    print(f"corpus: {corpus} ({len(pdfs)} PDFs), binary: {binary}, {elapsed:.1f} s")
    print(f"excluded (pdftotext finds 0 words): {len(excluded)}")
    for name, status in excluded:
        print(f"  {name} (shortlist: {status})")
    print(f"compared: {n} files")
    not_ok = [r for r in rows if r["status"] != "ok"]
    if not_ok:
        print(f"shortlist status not ok on {len(not_ok)} of them:")
        for r in not_ok:
            print(f"  {r['file']}: {r['status']}")
    print()
    print(f"Jaccard median       {median:.4f}   (target >= 0.98)")
    print(f"Jaccard p10          {p10:.4f}   (target >= 0.90)")
    print(f"Jaccard mean         {statistics.mean(jacs) if jacs else float('nan'):.4f}")
    print(f"Jaccard min          {min(jacs) if jacs else float('nan'):.4f}")
    print(
        f"all years found      {pct(years_ok, n)} of files "
        f"({years_ok}/{n}; {sum(1 for r in with_years if not r['missing_years'])}"
        f"/{len(with_years)} of files with years)"
    )
    print(
        f"all e-mails found    {pct(mail_ok, n)} of files "
        f"({mail_ok}/{n}; {sum(1 for r in with_mail if not r['missing_emails'])}"
        f"/{len(with_mail)} of files with e-mails)"
    )
    print(f"years and e-mails    {pct(both_ok, n)} of files   (target >= 98 %)")
    ok = (
        median >= 0.98
        and p10 >= 0.90
        and n
        and years_ok / n >= 0.98
        and mail_ok / n >= 0.98
    )
    print(f"targets met          {'yes' if ok else 'NO'}")
    print()
    print(f"worst {a.worst} by Jaccard:")
    print(f"  {'jaccard':>7} {'ref':>5} {'ours':>5} {'-ref':>5} {'+ours':>5}  file  [missing]")
    for r in sorted(rows, key=lambda r: r["jaccard"])[: a.worst]:
        missing = []
        if r["missing_years"]:
            missing.append("years " + ",".join(r["missing_years"]))
        if r["missing_emails"]:
            missing.append(f"{len(r['missing_emails'])} e-mail(s)")
        print(
            f"  {r['jaccard']:7.4f} {r['ref_words']:5} {r['our_words']:5} "
            f"{r['only_ref']:5} {r['only_ours']:5}  {r['file']}"
            + (f"  [{'; '.join(missing)}]" if missing else "")
        )
    lost = [r for r in rows if r["missing_years"] or r["missing_emails"]]
    if lost:
        print()
        print("files missing years or e-mails:")
        for r in lost:
            parts = []
            if r["missing_years"]:
                parts.append("years " + ",".join(r["missing_years"]))
            if r["missing_emails"]:
                parts.append(f"{len(r['missing_emails'])} e-mail(s)")
            print(f"  {r['file']}: {'; '.join(parts)}")
    if a.json:
        # E-mail addresses are personal data: the JSON keeps counts only.
        slim = [{**r, "missing_emails": len(r["missing_emails"])} for r in rows]
        Path(a.json).write_text(json.dumps(slim, indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
