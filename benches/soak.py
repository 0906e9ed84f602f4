#!/usr/bin/env python3
"""Soak run: thousands of résumés with hostile files mixed in, ranked to completion.

Builds a folder of N files (default 5,000): the real PDFs, DOCX and labelled TXT/PDF résumés
of ../shared/corpus, each copy made distinct (a PDF comment after %%EOF, an extra ZIP member in
a DOCX, a trailing line in a TXT), plus a share of hostile files (default 5 %): byte-identical
copies of every file of ../shared/corpus/hostile/ in turn, and mutated corpus files
(truncations, bit flips, zeroed runs) made here from a fixed seed. Then runs

    shortlist rank FOLDER --timings -o OUT.csv

while sampling the parent's resident memory every 0.2 s, and checks that

  * every file of the folder appears in the output exactly once, and nothing else does;
  * each hostile copy has the status its MANIFEST expects (later copies of identical bytes are
    `duplicate`, naming the first); all copies of one corpus file share one status, `ok` or
    `no_text` (a few corpus PDFs are scans); each mutant has a known status;
  * the parent's memory stays flat: RSS in the last quarter of the run is not above the
    first quarter's peak by more than 25 % + 16 MiB, and the peak stays under 200 MiB.

Exit status 0 when every check holds. Figures are printed for the closing note.

Usage: python3 benches/soak.py [--files 5000] [--hostile-share 0.05] [--jobs 2]
       [--binary target/release/shortlist] [--corpus ../shared/corpus] [--keep DIR]
"""

import argparse
import csv
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter

KNOWN = {"ok", "no_text", "encrypted", "corrupt", "unsupported", "empty_file", "too_large",
         "timeout", "parser_crash", "unreadable", "duplicate"}


def acceptable(expected, name):
    """Statuses a careful tool may give a hostile file (same rules as tests/e2e/extract.rs)."""
    if expected == "corrupt" and name == "random_bytes.pdf":
        return {"corrupt", "unsupported"}
    if expected == "timeout_or_limit":
        # pdftotext reads the text of the Tj bomb inside the limits.
        return {"timeout", "too_large"} | ({"ok"} if name == "tj_cpu_bomb_6m.pdf" else set())
    return {expected}


def unescape(name):
    """MANIFEST names write non-UTF-8 bytes as \\xNN."""
    out, i, raw = bytearray(), 0, name.encode()
    while i < len(raw):
        if raw[i:i + 2] == b"\\x" and i + 3 < len(raw):
            out.append(int(raw[i + 2:i + 4], 16))
            i += 4
        else:
            out.append(raw[i])
            i += 1
    return bytes(out)


def shown(path_bytes):
    """What shortlist prints for a path: UTF-8 as is, other bytes as \\xNN."""
    out = []
    i = 0
    while i < len(path_bytes):
        for j in range(min(len(path_bytes), i + 4), i, -1):
            try:
                out.append(path_bytes[i:j].decode("utf-8"))
                i = j
                break
            except UnicodeDecodeError:
                continue
        else:
            out.append("\\x%02x" % path_bytes[i])
            i += 1
    return "".join(out)


def distinct_copy(data, ext, i):
    if ext == ".pdf":
        return data + b"\n%shortlist-soak-copy " + str(i).encode() + b"\n"
    if ext == ".docx":
        src = zipfile.ZipFile(io.BytesIO(data))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                dst.writestr(item, src.read(item.filename))
            dst.writestr(f"customXml/soak-copy-{i}.xml", f"<copy n='{i}'/>")
        return buf.getvalue()
    return data + f"\n(copy {i})\n".encode()


def mutate(data, rng):
    kind = rng.choice(["truncate", "flip", "zero"])
    b = bytearray(data)
    if kind == "truncate":
        b = b[: rng.randrange(1, max(2, len(b)))]
    elif kind == "flip":
        for _ in range(rng.randint(1, 64)):
            pos = rng.randrange(len(b))
            b[pos] ^= 1 << rng.randrange(8)
    else:
        start = rng.randrange(len(b))
        b[start:start + rng.randint(16, 4096)] = bytes(min(len(b) - start, 4096))
    return bytes(b), kind


def build(corpus, n, share, dest, seed):
    rng = random.Random(seed)
    good = []
    for sub, exts in [("pdfs", (".pdf",)), ("docx", (".docx",)),
                      ("labelled/updated_txt", (".txt",)), ("labelled/kaggle_pdfs", (".pdf",))]:
        root = os.path.join(corpus, sub)
        for dirpath, _, files in sorted(os.walk(root)):
            for f in sorted(files):
                if f.lower().endswith(exts):
                    good.append(os.path.join(dirpath, f))
    hostile_dir = os.path.join(corpus, "hostile")
    with open(os.path.join(hostile_dir, "MANIFEST.csv"), newline="") as f:
        manifest = [(row["file"], row["expected_status"]) for row in csv.DictReader(f)]
    os.makedirs(dest)
    expect = {}  # shown path -> (kind, detail)
    n_hostile = int(round(n * share))
    n_mutants = n_hostile // 3
    n_copies = n_hostile - n_mutants
    for i in range(n_copies):
        name, status = manifest[i % len(manifest)]
        raw = unescape(name)
        base = os.path.basename(raw)
        out = os.path.join(dest.encode(), b"h%04d-" % i + base)
        shutil.copyfile(os.path.join(hostile_dir.encode(), raw), out)
        expect[shown(out)] = ("hostile", (name, status))
    for i in range(n_mutants):
        src = rng.choice(good)
        with open(src, "rb") as f:
            data, kind = mutate(f.read(), rng)
        ext = os.path.splitext(src)[1].lower()
        out = os.path.join(dest, f"m{i:04d}-{kind}{ext}")
        with open(out, "wb") as f:
            f.write(data)
        expect[out] = ("mutant", kind)
    for i in range(n - n_hostile):
        src = good[i % len(good)]
        ext = os.path.splitext(src)[1].lower()
        with open(src, "rb") as f:
            data = distinct_copy(f.read(), ext, i)
        out = os.path.join(dest, f"g{i:05d}-{os.path.basename(src)}")
        with open(out, "wb") as f:
            f.write(data)
        expect[out] = ("good", src)
    return expect


def sample_rss(pid, samples, stop):
    while not stop.is_set():
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        samples.append((time.monotonic(), int(line.split()[1]) / 1024))
        except OSError:
            break
        time.sleep(0.2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--hostile-share", type=float, default=0.05)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--binary", default="target/release/shortlist")
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--keep", help="build the folder here and keep it")
    args = ap.parse_args()

    work = args.keep or tempfile.mkdtemp(prefix="shortlist-soak-")
    folder = os.path.join(work, "pool")
    if os.path.exists(folder):
        shutil.rmtree(folder)
    expect = build(args.corpus, args.files, args.hostile_share, folder, args.seed)
    kinds = Counter(k for k, _ in expect.values())
    print(f"soak folder: {len(expect)} files ({dict(kinds)}) in {folder}")

    out = os.path.join(work, "ranking.csv")
    started = time.monotonic()
    proc = subprocess.Popen([args.binary, "rank", folder, "--timings",
                             "--as-of", "2026-11-23", "--jobs", str(args.jobs), "-o", out],
                            stderr=subprocess.PIPE)
    samples, stop = [], threading.Event()
    sampler = threading.Thread(target=sample_rss, args=(proc.pid, samples, stop))
    sampler.start()
    _, err = proc.communicate()
    wall = time.monotonic() - started
    stop.set()
    sampler.join()
    err = err.decode(errors="replace")
    print(err.rstrip())
    failures = []
    if proc.returncode not in (0, 1):
        failures.append(f"exit status {proc.returncode}")

    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = Counter(r["file"] for r in rows)
    twice = [f for f, c in seen.items() if c > 1]
    missing = [f for f in expect if f not in seen]
    extra = [f for f in seen if f not in expect]
    for what, items in [("reported twice", twice), ("missing", missing), ("unexpected", extra)]:
        if items:
            failures.append(f"{len(items)} files {what}, e.g. {items[:3]}")

    statuses = Counter()
    by_kind = {k: Counter() for k in kinds}
    # Identical bytes: the first copy carries the real status, the others say duplicate.
    for r in rows:
        kind, detail = expect.get(r["file"], (None, None))
        status = r["status"]
        statuses[status] += 1
        if kind is None:
            continue
        by_kind[kind][status] += 1
        if status not in KNOWN:
            failures.append(f"{r['file']}: unknown status {status}")
        elif kind == "good" and status not in ("ok", "no_text"):
            failures.append(f"{r['file']}: corpus copy got {status} ({r['reason']})")
        elif kind == "hostile" and status != "duplicate":
            name, want = detail
            if status not in acceptable(want, name):
                failures.append(f"{r['file']}: {status} ({r['reason']}), manifest says {want}")
    good_status = {}
    for r in rows:
        kind, src = expect.get(r["file"], (None, None))
        if kind == "good":
            good_status.setdefault(src, set()).add(r["status"])
    for src, st in good_status.items():
        if len(st) > 1:
            failures.append(f"copies of {src} got different statuses {sorted(st)}")
    per_name = Counter(detail[0] for kind, detail in expect.values() if kind == "hostile")
    firsts = Counter(expect[r["file"]][1][0] for r in rows
                     if expect.get(r["file"], ("",))[0] == "hostile" and r["status"] != "duplicate")
    for name in per_name:
        # Copies of one file are one original plus duplicates (the empty file is its own
        # duplicate too, so at most one original each).
        if firsts[name] != 1:
            failures.append(f"hostile {name}: {firsts[name]} copies not marked duplicate")

    rss = [m for _, m in samples]
    q = max(1, len(rss) // 4)
    first_peak, last_peak = max(rss[:q], default=0), max(rss[-q:], default=0)
    peak = max(rss, default=0)
    if last_peak > first_peak * 1.25 + 16:
        failures.append(f"parent memory grew: first quarter peak {first_peak:.0f} MiB, "
                        f"last quarter {last_peak:.0f} MiB")
    if peak >= 200:
        failures.append(f"parent peak RSS {peak:.0f} MiB")

    print(f"wall {wall:.1f} s for {len(rows)} rows ({len(rows) / wall:.0f} files/s), "
          f"exit {proc.returncode}")
    print("statuses:", dict(sorted(statuses.items())))
    for k, c in by_kind.items():
        print(f"  {k}: {dict(sorted(c.items()))}")
    print(f"parent RSS (sampled every 0.2 s, {len(rss)} samples): first quarter peak "
          f"{first_peak:.1f} MiB, last quarter peak {last_peak:.1f} MiB, overall peak {peak:.1f} MiB")
    if failures:
        print(f"FAILED: {len(failures)} problems")
        for f in failures[:40]:
            print("  " + f)
        sys.exit(1)
    print("soak OK: every file reported exactly once with an acceptable status; memory flat")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
