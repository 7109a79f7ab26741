"""Scale: parallel extraction is deterministic, bounded in memory and keeps the per-article time
bound; the corpus-wide checks run on the database `make bench` built (skipped in `make test`).

No timings are asserted here: speed is what `make bench` measures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ARTICLE_SQL, ROOT, SHARED, assert_whole, query, run_cli

from extractor.config import Config
from extractor.models import Article
from extractor.parallel import extract_ordered

BENCH_DB = os.environ.get("EXTRACTOR_BENCH_DB")
BENCH_RESULTS = os.environ.get("EXTRACTOR_BENCH_RESULTS")


def bulletin(i: int) -> str:
    return (f"Zinc bulletin {i}\n\nBy Scale Wire | {1 + i % 28} Apr, 2024\n\n"
            f"Peru exported {500 + 3 * i:,} tonnes of zinc to China in March, down {i % 9 + 1}% from "
            f"February, according to bulletin {i}.\n")


def test_parallel_equals_in_process(tmp_path: Path) -> None:
    """Two workers and none store the same database: same articles, versions and claims."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(150):
        (folder / f"b{i:03d}.txt").write_text(bulletin(i), encoding="utf-8")
    if (SHARED / "corpora" / "reuters21578").is_dir():  # real newswire too, when ../shared is here
        subprocess.run([sys.executable, str(ROOT / "scripts" / "reuters_to_jsonl.py"), "--limit", "250",
                        str(folder / "reuters.jsonl")], check=True, capture_output=True)
    dbs = []
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.db"
        r = run_cli("extract", str(folder), "--db", str(db), "--workers", workers, "-q")
        assert r.returncode == 0, r.stderr
        assert "Traceback" not in r.stderr
        dbs.append(db)
    a, b = dbs
    assert query(a, ARTICLE_SQL) == query(b, ARTICLE_SQL)
    assert query(a, "select * from claims order by id") == query(b, "select * from claims order by id")
    assert query(a, "select count(*) from claims")[0][0] > 150


def test_time_bound_holds_in_workers(tmp_path: Path) -> None:
    """ClaimExtractor's SIGALRM bound works on the worker processes' main thread: with a bound
    far below any real article's time, every article is stored with the timeout error."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"b{i:03d}.txt").write_text(bulletin(i), encoding="utf-8")
    (folder / "extractor.toml").write_text("article_seconds = 0.000001\n", encoding="utf-8")
    db = tmp_path / "t.db"
    r = run_cli("extract", str(folder), "--db", str(db), "--workers", "2", "-q")
    assert r.returncode == 0, r.stderr
    assert "40 new articles" in r.stderr and "40 errors" in r.stderr
    errors = query(db, "select distinct error from articles")
    assert len(errors) == 1 and "exceeded" in errors[0][0]
    assert query(db, "select count(*) from claims") == [(0,)]


def test_work_in_flight_is_bounded() -> None:
    """The calling process never holds more than a few chunks of work ahead of what it has
    written: memory does not grow with the batch. Results come back in input order."""
    cfg = Config(batch_size=8, workers=2)
    consumed = 0

    def articles():
        nonlocal consumed
        for i in range(400):
            consumed += 1
            yield Article(name=f"a{i:04d}", text=bulletin(i), content_hash=f"{i:064x}", published="2024-04-01")

    names: list[str] = []
    ahead = 0
    for article, _claims, error in extract_ordered(articles(), cfg, 2, is_work=lambda item: True):
        names.append(article.name)
        assert error is None
        ahead = max(ahead, consumed - len(names))
    assert names == [f"a{i:04d}" for i in range(400)]
    # At most 2 × workers chunks in flight, one more being drained and one being filled.
    assert ahead <= (2 * 2 + 2) * cfg.batch_size


# -- corpus-wide: the database `make bench` just built -----------------------------------------
bench_only = pytest.mark.skipif(not BENCH_DB, reason="corpus-wide: run by `make bench` (EXTRACTOR_BENCH_DB)")


@pytest.mark.slow
@bench_only
def test_whole_corpus_stored_without_errors() -> None:
    db = Path(BENCH_DB or "")
    results = json.loads(Path(BENCH_RESULTS or "").read_text())
    stories, blank = results["stories"], results["stories_without_text"]
    # Every story with text is stored; the ones the corpus has without any text are rejected.
    assert query(db, "select count(*) from articles") == [(stories - blank,)]
    run = query(db, "select errors, rejected, new_articles, status from runs where command = 'extract' order by id")
    assert run[0] == (0, blank, stories - blank, "ok")
    assert query(db, "select count(*) from articles where error is not null") == [(0,)]
    reasons = query(db, "select reason from rejections where run_id = (select min(id) from runs)")
    assert len(reasons) == blank and all(r[0].endswith('empty "text"') for r in reasons)


@pytest.mark.slow
@bench_only
def test_whole_corpus_database_is_whole() -> None:
    assert_whole(Path(BENCH_DB or ""))


@pytest.mark.slow
@bench_only
def test_whole_corpus_noop_and_memory() -> None:
    db = Path(BENCH_DB or "")
    results = json.loads(Path(BENCH_RESULTS or "").read_text())
    runs = query(db, "select new_articles, skipped, status from runs where command = 'extract' order by id")
    assert len(runs) >= 2
    assert runs[1] == (0, results["stories"] - results["stories_without_text"], "ok")  # the re-run stored nothing
    assert results["peak_rss_mb"] <= 1536
