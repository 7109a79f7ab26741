#!/usr/bin/env python3
"""Reconcile gold claims and score the conflicts against the gold conflicts beside them.

    scripts/reconcile_gold.py CLAIMS.jsonl OUT.jsonl [--score]

CLAIMS.jsonl is a §3 claim file (e.g. ../shared/dev/gold_claims.jsonl); OUT.jsonl gets one
Conflict.to_dict() per line. With --score, runs score_claims.py --conflicts against the
gold_conflicts.jsonl in the same folder as CLAIMS.jsonl.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractor.config import Config  # noqa: E402
from extractor.reconcile import load_claims_jsonl, reconcile_report  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("claims", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--score", action="store_true", help="score against gold_conflicts.jsonl beside CLAIMS")
    ap.add_argument("--scorer", type=Path, default=None, help="path of score_claims.py")
    args = ap.parse_args()
    report = reconcile_report(load_claims_jsonl(args.claims), Config())
    with args.out.open("w", encoding="utf-8") as fh:
        for c in report.conflicts:
            fh.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
    for c in report.conflicts:
        s = c.series
        print(f"{c.type:18} {s['commodity']} {s['origin']}->{s['destination']} {c.period} {c.severity}: "
              f"{c.explanation}")
    print(f"{len(report.conflicts)} conflicts, {len(report.unreconcilable)} unreconcilable claims -> {args.out}")
    if args.score:
        gold = args.claims.parent / "gold_conflicts.jsonl"
        scorer = args.scorer or Path(__file__).resolve().parents[2] / "shared" / "tools" / "score_claims.py"
        return subprocess.call([sys.executable, str(scorer), "--conflicts", str(gold), str(args.out)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
