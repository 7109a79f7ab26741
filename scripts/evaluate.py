#!/usr/bin/env python3
"""`make eval`: extract ../shared/seeds and ../shared/dev/articles with the real CLI, score
claims (and conflicts) with ../shared/tools/score_claims.py, and score the quantity layer on
NewsQuant. Outputs go to eval/out/.

    python scripts/evaluate.py [--shared ../shared] [--misses 15]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, text=True, capture_output=True, **kw)


def extractor(*args: str) -> subprocess.CompletedProcess:
    return run([str(BIN / "extractor"), *args])


def corpus(name: str, articles: Path, gold_dir: Path, out: Path, misses: int) -> None:
    db = out / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    inputs = [str(p) for p in sorted(articles.iterdir()) if not p.name.startswith("gold_")] \
        if articles.is_dir() else [str(articles)]
    res = extractor("extract", *inputs, "--db", str(db), "--quiet")
    print(f"\n== {name}: {res.stderr.strip().splitlines()[-1] if res.stderr.strip() else ''}")
    claims = out / f"{name}-claims.jsonl"
    claims.write_text(extractor("claims", "--db", str(db), "--format", "jsonl").stdout, encoding="utf-8")
    scorer = gold_dir.parent / "tools" / "score_claims.py" if (gold_dir.parent / "tools").exists() \
        else gold_dir.parent.parent / "tools" / "score_claims.py"
    gold = gold_dir / "gold_claims.jsonl"
    r = run([sys.executable, str(scorer), str(gold), str(claims), "--show-misses", str(misses)])
    print(r.stdout.strip() or r.stderr.strip())
    r = run([sys.executable, str(scorer), "--include-forecasts", str(gold), str(claims)])
    print("with forecasts:", (r.stdout.strip().splitlines() or [""])[1:2])
    gold_conf = gold_dir / "gold_conflicts.jsonl"
    rec = extractor("reconcile", "--db", str(db), "--fail-on", "none")
    if rec.returncode == 0 and gold_conf.exists():
        conflicts = out / f"{name}-conflicts.jsonl"
        conflicts.write_text(extractor("conflicts", "--db", str(db), "--format", "jsonl").stdout, encoding="utf-8")
        r = run([sys.executable, str(scorer), "--conflicts", str(gold_conf), str(conflicts)])
        print("conflicts:", r.stdout.strip())
        for line in conflicts.read_text(encoding="utf-8").splitlines()[:12]:
            c = json.loads(line)
            print("   ", c["type"], c["severity"], c["period"], c["explanation"][:150])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--misses", type=int, default=15)
    args = ap.parse_args()
    shared = Path(args.shared).resolve()
    if not shared.exists():
        sys.exit(f"no shared folder at {shared}: nothing to evaluate against")
    out = ROOT / "eval" / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    corpus("seeds", shared / "seeds", shared / "seeds", out, args.misses)
    corpus("dev", shared / "dev" / "articles", shared / "dev", out, args.misses)
    newsquant = ROOT / "scripts" / "eval_newsquant.py"
    if newsquant.exists():
        print("\n== NewsQuant (quantity layer)")
        r = run([sys.executable, str(newsquant)])
        print(r.stdout.strip() or r.stderr.strip())


if __name__ == "__main__":
    main()
