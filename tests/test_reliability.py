"""Crash safety, concurrent runs and re-extraction, with the real CLI on real SQLite files.

A generated batch of small articles (our own sentences, from a template) is extracted,
killed with SIGKILL mid-run, run concurrently twice, and re-extracted; every check compares
the database with a clean sequential run's."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import psutil
import pytest
from conftest import ARTICLE_SQL, EXTRACTOR, ROOT, assert_whole, jsonl, query, run_cli

COUNTRIES = ("Chile", "Peru", "Brazil", "Canada", "Australia", "Indonesia", "Norway")
COMMODITIES = ("copper", "zinc", "coffee", "wheat", "iron ore", "sugar", "nickel")

CLAIM_SQL = "select * from claims order by id"


def article_text(i: int) -> str:
    country, commodity = COUNTRIES[i % len(COUNTRIES)], COMMODITIES[(i // len(COUNTRIES)) % len(COMMODITIES)]
    return (
        f"{country} {commodity} shipments, bulletin {i}\n\n"
        f"By Test Wire | {1 + i % 28} Mar, 2024\n\n"
        f"{country} exported {1000 + 7 * i:,} tonnes of {commodity} to Japan in February, up {i % 40 + 1}% "
        f"from January, the trade ministry said in bulletin {i}.\n\n"
        f"Shipments for the first two months of the year reached {2000 + 13 * i:,} tonnes, "
        f"against {1500 + 11 * i:,} tonnes a year earlier.\n"
    )


def write_batch(folder: Path, indices: range) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in indices:
        (folder / f"bulletin-{i:04d}.txt").write_text(article_text(i), encoding="utf-8")
    return folder


def content(db: Path) -> tuple[list[tuple], list[tuple]]:
    return query(db, ARTICLE_SQL), query(db, CLAIM_SQL)


def count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("select count(*) from articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # schema not created yet
        return 0


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_batch(tmp_path_factory.mktemp("batch") / "articles", range(400))


@pytest.fixture(scope="module")
def clean_db(batch: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference: one uninterrupted in-process run."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    r = run_cli("extract", str(batch), "--db", str(db), "--workers", "1", "-q")
    assert r.returncode == 0, r.stderr
    assert query(db, "select count(*) from articles") == [(400,)]
    assert query(db, "select count(*) from claims")[0][0] > 400
    return db


def test_kill_9_mid_run_then_rerun(batch: Path, clean_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    proc = subprocess.Popen([EXTRACTOR, "extract", str(batch), "--db", str(db), "--workers", "2", "-q"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    workers: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 300
        while count_articles(db) < 20:
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "no article stored in time"
            workers = parent.children(recursive=True) or workers
            time.sleep(0.05)
        workers = parent.children(recursive=True) or workers
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    # The worker processes notice their parent is gone and exit; none is left behind.
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert alive == []

    stored = count_articles(db)
    assert 20 <= stored < 400, "the kill did not land mid-run"
    assert_whole(db)
    before_articles, before_claims = content(db)
    assert query(db, "select status from runs") == [("running",)]  # the killed run never finished

    r = run_cli("extract", str(batch), "--db", str(db), "--workers", "2", "-q")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert f"{400 - stored} new articles, {stored} unchanged" in r.stderr
    assert_whole(db)
    after_articles, after_claims = content(db)
    # Everything committed before the kill is intact, and the result equals a clean run's.
    assert set(before_articles) <= set(after_articles)
    assert set(before_claims) <= set(after_claims)
    assert (after_articles, after_claims) == content(clean_db)


def test_two_concurrent_runs_on_one_db(tmp_path: Path) -> None:
    """Overlapping inputs (same files in two folders) and different ones, extracted at once
    into one database, give what the two runs give one after the other."""
    first = write_batch(tmp_path / "first", range(0, 150))
    second = write_batch(tmp_path / "second", range(90, 240))
    seq = tmp_path / "seq.db"
    for folder in (first, second):
        r = run_cli("extract", str(folder), "--db", str(seq), "--workers", "1", "-q")
        assert r.returncode == 0, r.stderr

    db = tmp_path / "concurrent.db"
    procs = [subprocess.Popen([EXTRACTOR, "extract", str(folder), "--db", str(db), "--workers", w, "-q"],
                              cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for folder, w in ((first, "2"), (second, "1"))]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    assert_whole(db)
    assert content(db) == content(seq)
    assert query(db, "select count(*) from articles") == [(240,)]
    # Both runs finished and between them stored each article once.
    runs = query(db, "select status, new_articles, skipped from runs order by id")
    assert [r[0] for r in runs] == ["ok", "ok"]
    assert sum(r[1] for r in runs) == 240
    assert sum(r[1] + r[2] for r in runs) == 300


def test_reextract_keeps_review_on_surviving_conflict(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "wire-a.txt").write_text(
        "Magnet exports slip\n\nBy Wire A | 19 Jan, 2026\n\n"
        "China exported 280 metric tons of rare earth magnets to Japan in December, down 8% from "
        "305 tons in November, customs data showed.\n", encoding="utf-8")
    (folder / "wire-b.txt").write_text(
        "Magnet trade record\n\nBy Wire B | 20 Dec, 2025\n\n"
        "China exported 304 tons of rare earth magnets to Japan in November, a 35% increase compared "
        "to the previous month.\n", encoding="utf-8")
    db = tmp_path / "x.db"
    assert run_cli("extract", str(folder), "--db", str(db)).returncode == 0
    assert run_cli("reconcile", "--db", str(db), "--fail-on", "none").returncode == 0
    conflicts = jsonl(run_cli("conflicts", "--db", str(db), "--format", "jsonl").stdout)
    mismatch = [c for c in conflicts if c["type"] == "value_mismatch" and c["period"] == "2025-11"]
    assert len(mismatch) == 1
    cid = mismatch[0]["id"]
    r = run_cli("review", cid[:10], "--verdict", "confirmed", "--note", "304 vs 305", "--db", str(db))
    assert r.returncode == 0, r.stderr
    claims_before = query(db, "select id from claims order by id")

    # The input files are gone: re-extraction works from the stored texts alone.
    for f in folder.iterdir():
        f.unlink()
    folder.rmdir()
    r = run_cli("extract", "--reextract", "--db", str(db), "--workers", "2")
    assert r.returncode == 0, r.stderr
    assert "2 new articles" not in r.stderr and "Traceback" not in r.stderr
    assert_whole(db)
    assert query(db, "select id from claims order by id") == claims_before
    assert query(db, "select command, status from runs where command = 'reextract'") == [("reextract", "ok")]

    r = run_cli("reconcile", "--db", str(db))
    assert r.returncode == 0, r.stderr  # the only conflict is reviewed: the gate passes
    after = {c["id"]: c for c in jsonl(run_cli("conflicts", "--db", str(db), "--format", "jsonl").stdout)}
    assert cid in after
    assert after[cid]["verdict"] == "confirmed" and after[cid]["note"] == "304 vs 305"
    assert after[cid]["status"] == "open"
