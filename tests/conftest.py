"""Shared helpers: run the real `extractor` CLI as a subprocess, find ../shared."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = Path(os.environ.get("EXTRACTOR_SHARED", ROOT.parent / "shared"))
EXTRACTOR = str(Path(sys.executable).parent / "extractor")


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([EXTRACTOR, *args], cwd=cwd or ROOT, text=True, capture_output=True,
                          env=full_env, timeout=timeout)


def query(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# Stable content of a database: what a run stores, without run ids and timings.
ARTICLE_SQL = "select id, name, version, current, text, title, source, published, n_claims, error from articles order by id"


def assert_whole(db: Path) -> None:
    """No half-written article: integrity ok, and every article has exactly its claims."""
    assert query(db, "pragma integrity_check") == [("ok",)]
    bad = query(db, """select a.id, a.n_claims, count(c.id) from articles a
                       left join claims c on c.article_id = a.id
                       group by a.id having a.n_claims != count(c.id)""")
    assert bad == []
    orphans = query(db, "select count(*) from claims where article_id not in (select id from articles)")
    assert orphans == [(0,)]


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def need_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared is beside the project in CI)")
    return path


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst
