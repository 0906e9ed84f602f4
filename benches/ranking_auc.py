#!/usr/bin/env python3
"""ROC-AUC of shortlist scores against the labelled corpus.

Usage:
  ranking_auc.py SCORES LABELS.csv [LABELS.csv ...]

SCORES is either
  * TSV/CSV lines `file<TAB or ,>score[<TAB>reason...]` (the output of the
    `score_texts` example; a header line is optional), or
  * JSON lines with `file` and `score` fields (`shortlist rank --format jsonl`);
    `score` may be null for unreadable files.
Files are matched to labels by base name without extension (5001.txt, 5001.pdf,
/tmp/x/5001.txt all match the label row for 5001). Labels come from the
`group` column and, separately, from `item_group` where present.

Reports AUC of positives (group `backend`, or `software` in kaggle_pdfs) vs
`non_software`, vs `other_software`, and vs all negatives combined. Files with a
null/empty score get score 0 (an unreadable résumé ranks last) and are counted.
Only the standard library is used.
"""
import csv
import json
import os
import sys

POSITIVE = {"backend", "software"}


def stem(path):
    return os.path.splitext(os.path.basename(path.strip()))[0]


def read_scores(path):
    scores, nulls = {}, 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.lstrip().startswith("{"):
                obj = json.loads(line)
                name, score = obj.get("file") or obj.get("path"), obj.get("score")
            else:
                parts = line.split("\t") if "\t" in line else line.split(",")
                name, score = parts[0], (parts[1] if len(parts) > 1 else "")
                if name.lower() in ("file", "path"):
                    continue
            if name is None:
                continue
            try:
                value = float(score) if score not in (None, "") else None
            except ValueError:
                value = None
            if value is None:
                nulls += 1
                value = 0.0
            scores[stem(name)] = value
    return scores, nulls


def auc(pos, neg):
    """Probability that a random positive outranks a random negative (ties = 1/2)."""
    if not pos or not neg:
        return float("nan")
    wins = 0.0
    for p in pos:
        for n in neg:
            wins += 1.0 if p > n else 0.5 if p == n else 0.0
    return wins / (len(pos) * len(neg))


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    scores, nulls = read_scores(argv[1])
    rows = []
    for labels in argv[2:]:
        with open(labels, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                rows.append((os.path.basename(os.path.dirname(os.path.abspath(labels))), r))
    print(f"scores: {len(scores)} files ({nulls} null)")
    for column in ("group", "item_group"):
        print(f"\nlabel column: {column}")
        subsets = sorted({s for s, _ in rows}) + ["combined"]
        for subset in subsets:
            by = {}
            missing = 0
            for s, r in rows:
                if subset != "combined" and s != subset:
                    continue
                label = (r.get(column) or r.get("group") or "").strip()
                key = stem(r["file"])
                if key not in scores:
                    missing += 1
                    continue
                by.setdefault("positive" if label in POSITIVE else label, []).append(scores[key])
            pos = by.get("positive", [])
            negs = {k: v for k, v in by.items() if k != "positive"}
            all_neg = [x for v in negs.values() for x in v]
            parts = [f"n+={len(pos)}"]
            for k in sorted(negs):
                parts.append(f"vs {k} (n={len(negs[k])}): {auc(pos, negs[k]):.3f}")
            parts.append(f"vs all negatives: {auc(pos, all_neg):.3f}")
            if missing:
                parts.append(f"[{missing} labelled files without score]")
            print(f"  {subset:12s} " + "; ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
