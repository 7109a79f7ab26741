#!/usr/bin/env python3
"""`make bench`: extract the whole Reuters-21578 corpus, re-run it (no-op), reconcile it,
reconcile 200,000 synthetic claims, and compare throughput with bare spaCy `nlp.pipe`.

Usage: python scripts/bench.py [--shared ../shared] [--workers N] [--limit N]

Writes bench/results.json and bench/README.md (a markdown table, also printed). The
extractor runs as a user runs it: the real CLI in a subprocess on a real SQLite file.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import random
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
WORK = BENCH / "work"
EXTRACTOR = str(Path(sys.executable).parent / "extractor")

PERTURBED = 0.01  # share of synthetic level claims restated off their true value
TARGETS = {"total_seconds": 300.0, "throughput_ratio": 0.75, "peak_rss_mb": 1536.0, "noop_seconds": 3.0}


# -- running the CLI -------------------------------------------------------------------
class TreeRss:
    """Peak resident memory of a process and all its descendants (summed), sampled."""

    def __init__(self, pid: int, every: float = 0.1):
        self.root = psutil.Process(pid)
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


def run_cli(*args: str) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, peak tree RSS in MB, completed process)."""
    started = time.monotonic()
    proc = subprocess.Popen([EXTRACTOR, *args], cwd=ROOT, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    rss = TreeRss(proc.pid)
    out, err = proc.communicate()
    seconds = time.monotonic() - started
    peak = rss.stop()
    done = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    if proc.returncode not in (0, 3):
        sys.exit(f"{' '.join(args)} failed ({proc.returncode}):\n{err[-3000:]}")
    return seconds, peak, done


def fresh_db(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def last_run(db: Path) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("select * from runs where command = 'extract' order by id desc limit 1").fetchone())
    finally:
        conn.close()


# -- bare spaCy ------------------------------------------------------------------------
def _bare_worker(model: str, db: str, part: int, parts: int, batch_size: int, barrier: Any, out: Any) -> None:
    import spacy

    from extractor.claims import MAX_NLP_CHARS
    from extractor.nlp.vocab import KEEP

    nlp = spacy.load(model)
    for name in nlp.pipe_names:  # the same spaCy components the extractor keeps enabled
        if name not in KEEP:
            nlp.disable_pipe(name)
    conn = sqlite3.connect(db)
    texts = [t[:MAX_NLP_CHARS] for (t,) in conn.execute(
        "select text from articles where rowid % ? = ? order by rowid", [parts, part])]
    conn.close()
    list(nlp.pipe(texts[:20]))  # warm-up, outside the clock
    barrier.wait()
    started = time.monotonic()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    out.put((part, time.monotonic() - started, len(texts), list(nlp.pipe_names)))


def bare_pipe(model: str, db: Path, processes: int, batch_size: int) -> tuple[float, list[str]]:
    """Wall seconds for `processes` spaCy processes to pipe all stored texts, split evenly,
    from a common start after each has loaded the model and read its texts."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(processes)
    out = ctx.Queue()
    procs = [ctx.Process(target=_bare_worker, args=(model, str(db), i, processes, batch_size, barrier, out))
             for i in range(processes)]
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    return max(r[1] for r in results), results[0][3]


# -- 200k synthetic claims -------------------------------------------------------------
def synthetic_store(db: Path, n: int) -> tuple[float, int]:
    """make_synthetic_claims(n), 1 % perturbed, written into a real store; (seconds to write, claims)."""
    from extractor.reconcile.synthetic import make_synthetic_claims, perturb
    from extractor.store import Store, claim_row

    started = time.monotonic()
    claims = make_synthetic_claims(n, seed=0)
    # 1 % of the levels restated 3 t off: beyond any rounding, so the reconciler has conflicts
    # to find, explain and store, not just consistent series to pass over.
    rng = random.Random(1)
    claims = [perturb(c, 3) if c.kind == "level" and rng.random() < PERTURBED else c for c in claims]
    store = Store(fresh_db(db))
    with store.transaction():
        store.db["claims"].insert_all((claim_row(c) for c in claims), replace=True, batch_size=2000)
    store.close()
    return time.monotonic() - started, len(claims)


# -- output ----------------------------------------------------------------------------
def table(r: dict[str, Any]) -> str:
    def ok(good: bool) -> str:
        return "yes" if good else "**no**"

    rows = [
        ("articles/s", f"{r['articles_per_s']:.1f}", "", ""),
        ("words/s", f"{r['words_per_s']:,.0f}", "", ""),
        ("throughput ratio (÷ bare nlp.pipe)", f"{r['throughput_ratio']:.2f}", "≥ 0.75",
         ok(r["throughput_ratio"] >= TARGETS["throughput_ratio"])),
        ("peak RSS, whole process tree", f"{r['peak_rss_mb']:,.0f} MB", "≤ 1,536 MB",
         ok(r["peak_rss_mb"] <= TARGETS["peak_rss_mb"])),
        (f"no-op re-run ({r['noop_articles']:,} stored articles)", f"{r['noop_seconds']:.2f} s", "≤ 3 s",
         ok(r["noop_seconds"] <= TARGETS["noop_seconds"])),
        (f"extract ({r['articles']:,} articles, {r['workers']} workers)", f"{r['extract_seconds']:.0f} s", "", ""),
        (f"reconcile ({r['claims']:,} stored claims)", f"{r['reconcile_seconds']:.2f} s", "", ""),
        ("extract + reconcile", f"{r['total_seconds']:.0f} s", "≤ 300 s",
         ok(r["total_seconds"] <= TARGETS["total_seconds"])),
        (f"reconcile {r.get('reconcile_200k_claims', 0):,} synthetic claims", f"{r['reconcile_200k_seconds']:.1f} s",
         "", ""),
        ("errors / rejected inputs", f"{r['errors']} / {r['rejected']}", f"0 / {r['stories_without_text']} (no text)",
         ok(r["errors"] == 0 and r["rejected"] == r["stories_without_text"])),
        ("corpus-wide checks (tests/test_scale.py)", r.get("corpus_checks", "not run"), "all pass",
         ok("failed" not in r.get("corpus_checks", "failed") and "error" not in r.get("corpus_checks", ""))),
    ]
    lines = ["| measure | value | target | met |", "|---|---:|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


README_HEAD = """# Benchmark

`make bench` (scripts/bench.py) on Reuters-21578, as converted by
`scripts/reuters_to_jsonl.py` into one JSONL file (cached in `bench/work/`). Raw numbers:
`bench/results.json`.

"""

README_NOTES = """
How each figure is measured:

- **extract**: `extractor extract reuters.jsonl --db FRESH.db --workers N -q`, the real CLI in a
  subprocess, wall clock from process start to exit (spawning the workers and loading the model
  in each, scan, parse, NLP, claims, one SQLite transaction per article). **articles/s** and
  **words/s** are stored articles and their whitespace-separated words over that time.
- **throughput ratio**: the extractor's articles/s ÷ bare spaCy's, measured in the same run with
  the **same number of processes** as the extractor's workers: each process `spacy.load`s the same
  model with the same spaCy components enabled (those the extractor keeps; not the extractor's own
  `extractor_sentences`/`extractor_vocab`, which count as extractor work), takes an even share of
  the same texts (the stored clean texts, cut at the same length), and `nlp.pipe`s them with the same
  batch size. The bare clock starts after every process has loaded its model and read its texts,
  so the bare side is timed without start-up costs that the extractor's figure includes.
- **peak RSS**: the sum of the resident set sizes of the CLI process and all its descendants,
  sampled every 0.1 s with psutil.
- **no-op**: the same `extract` command again on the filled database (everything skipped by hash).
- **reconcile**: `extractor reconcile --fail-on none` on that database (the CLI, in a subprocess).
- **reconcile synthetic**: `make_synthetic_claims(200000, seed=0)`, with 1 % of the levels restated
  3 t off (so there are conflicts to find and store), written into the claims table
  of a fresh real SQLite store, then `extractor reconcile --fail-on none` on it: the same driver
  (`reconcile_store`) the CLI uses, timed as a subprocess including start-up. Writing the claims
  is reported separately (`synthetic_write_seconds`).
- The machine is shared with other work while the benchmark runs, so times vary between runs.
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--workers", type=int, default=0, help="extraction processes (0 = the CLI's auto value)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N stories (a quick check)")
    ap.add_argument("--synthetic", type=int, default=200_000, help="synthetic claims to reconcile")
    ap.add_argument("--out", type=Path, default=BENCH / "results.json")
    args = ap.parse_args(argv)

    from extractor.config import Config
    from extractor.parallel import auto_workers

    cfg = Config.load(ROOT / "pyproject.toml")
    workers = args.workers or auto_workers()
    src = args.shared / "corpora" / "reuters21578"
    if not src.is_dir():
        sys.exit(f"no corpus at {src}")
    WORK.mkdir(parents=True, exist_ok=True)
    corpus = WORK / ("reuters.jsonl" if args.limit is None else f"reuters-{args.limit}.jsonl")
    if not corpus.exists():
        print(f"converting {src} -> {corpus}", file=sys.stderr)
        tmp = corpus.with_suffix(".tmp")
        cmd = [sys.executable, str(ROOT / "scripts" / "reuters_to_jsonl.py"), "--src", str(src), str(tmp)]
        subprocess.run(cmd + (["--limit", str(args.limit)] if args.limit else []), check=True,
                       stdout=subprocess.DEVNULL)
        tmp.replace(corpus)
    stories = blank = 0
    for line in corpus.open(encoding="utf-8"):
        stories += 1
        blank += not json.loads(line)["text"].strip()  # the corpus has stories without any text

    db = fresh_db(WORK / "bench.db")
    print(f"extract: {stories:,} stories, {workers} workers ...", file=sys.stderr)
    extract_s, peak_mb, done = run_cli("extract", str(corpus), "--db", str(db), "--workers", str(workers), "-q")
    run = last_run(db)
    conn = sqlite3.connect(db)
    n_articles = conn.execute("select count(*) from articles").fetchone()[0]
    words = sum(len(t.split()) for (t,) in conn.execute("select text from articles"))  # whitespace words
    conn.close()

    print("no-op re-run ...", file=sys.stderr)
    noop_s, _, noop = run_cli("extract", str(corpus), "--db", str(db), "-q")
    noop_run = last_run(db)
    if noop_run["new_articles"] != 0:
        sys.exit(f"the no-op run stored {noop_run['new_articles']} articles")

    print("reconcile ...", file=sys.stderr)
    reconcile_s, reconcile_mb, rec = run_cli("reconcile", "--db", str(db), "--fail-on", "none")

    print(f"bare nlp.pipe, {workers} processes ...", file=sys.stderr)
    bare_s, bare_pipes = bare_pipe(cfg.model, db, workers, cfg.batch_size)

    print(f"synthetic: {args.synthetic:,} claims ...", file=sys.stderr)
    synth_db = WORK / "synthetic.db"
    write_s, n_synth = synthetic_store(synth_db, args.synthetic)
    synth_s, synth_mb, synth = run_cli("reconcile", "--db", str(synth_db), "--fail-on", "none")

    articles_per_s = n_articles / extract_s
    bare_per_s = n_articles / bare_s
    results: dict[str, Any] = {
        "corpus": "Reuters-21578 (reuters_to_jsonl.py)" + (f", first {args.limit}" if args.limit else ""),
        "stories": stories,
        "stories_without_text": blank,
        "articles": n_articles,
        "words": words,
        "claims": run["claims"],
        "errors": run["errors"],
        "rejected": run["rejected"],
        "workers": workers,
        "batch_size": cfg.batch_size,
        "extract_seconds": round(extract_s, 2),
        "articles_per_s": round(articles_per_s, 2),
        "words_per_s": round(words / extract_s, 1),
        "bare_pipe_seconds": round(bare_s, 2),
        "bare_pipe_processes": workers,
        "bare_pipe_components": bare_pipes,
        "bare_articles_per_s": round(bare_per_s, 2),
        "throughput_ratio": round(articles_per_s / bare_per_s, 3),
        "throughput_ratio_basis": "same number of processes as the extractor's workers; bare clock excludes "
                                  "process start and model load",
        "peak_rss_mb": round(peak_mb, 1),
        "noop_seconds": round(noop_s, 2),
        "noop_articles": noop_run["skipped"],
        "reconcile_seconds": round(reconcile_s, 2),
        "reconcile_conflicts": rec.stderr.strip().splitlines()[-1] if rec.stderr.strip() else "",
        "reconcile_peak_rss_mb": round(reconcile_mb, 1),
        "total_seconds": round(extract_s + reconcile_s, 2),
        "reconcile_200k_seconds": round(synth_s, 2),
        "reconcile_200k_claims": n_synth,
        "reconcile_200k_method": "1 % of the levels perturbed by 3 t; claims written into a real SQLite store, then `extractor reconcile` "
                                 "(reconcile_store, the CLI's driver) in a subprocess",
        "reconcile_200k_result": synth.stderr.strip().splitlines()[-1] if synth.stderr.strip() else "",
        "reconcile_200k_peak_rss_mb": round(synth_mb, 1),
        "synthetic_write_seconds": round(write_s, 2),
        "machine": {"cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
                    "python": platform.python_version(), "platform": platform.platform()},
        "date": time.strftime("%Y-%m-%d"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    # The corpus-wide checks of tests/test_scale.py run here, on the database just built.
    print("corpus-wide checks (tests/test_scale.py -m slow) ...", file=sys.stderr)
    env = {**os.environ, "EXTRACTOR_BENCH_DB": str(db), "EXTRACTOR_BENCH_RESULTS": str(args.out)}
    checks = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "slow",
                             "tests/test_scale.py"], cwd=ROOT, env=env, text=True, capture_output=True)
    results["corpus_checks"] = (checks.stdout.strip().splitlines() or ["no output"])[-1]
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    md = table(results)
    print(md)
    if checks.returncode != 0:
        print(checks.stdout[-4000:], file=sys.stderr)
    if args.limit is None:  # the README holds the full-corpus figures only
        (BENCH / "README.md").write_text(README_HEAD + md + "\n" + README_NOTES, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
