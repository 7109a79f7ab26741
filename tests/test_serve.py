"""`extractor serve`: Datasette with the packaged metadata and canned queries, started as a
real subprocess on a free port and read over HTTP; without the optional extra it exits 2
naming it."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import EXTRACTOR, ROOT, run_cli

from extractor.models import Conflict
from extractor.store import Store, conflict_row

HAS_DATASETTE = importlib.util.find_spec("datasette") is not None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read().decode())


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("serve") / "news.db"
    # A bad input too, so the rejections query has a row (exit 3: some inputs rejected).
    r = run_cli("extract", "fixtures/hostile", "fixtures/ingest/bad/empty.txt", "--db", str(db), "-q")
    assert r.returncode == 3, r.stderr
    assert run_cli("reconcile", "--db", str(db), "--fail-on", "none").returncode == 0
    # An unconfirmed high conflict, stored as reconcile stores one: listed after the medium one.
    store = Store(db)
    unconfirmed = Conflict(id="0unconfirmed", type="internal", series={"indicator": "trade", "commodity": "tungsten",
                           "origin": "CN", "destination": "WORLD", "measure": "volume"}, period="2025-03",
                           claims=[], articles=["x.md"], expected=[1.0, 2.0], observed=[5.0, 6.0], gap_abs=4.0,
                           gap_rel=0.8, severity="high", explanation="invented", unconfirmed=True,
                           unconfirmed_by=["inherited"], inherited=["commodity (article)"])
    with store.transaction():
        store.db["conflicts"].insert(conflict_row(unconfirmed))
    store.close()
    return db


@pytest.mark.skipif(not HAS_DATASETTE, reason="datasette is not installed (pip install 'extractor[serve]')")
def test_serve_answers_with_metadata_and_canned_queries(db: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([EXTRACTOR, "serve", "--db", str(db), "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:  # bounded poll until the server answers
            try:
                get_json(f"{base}/news.json")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    out, err = proc.communicate(timeout=5) if proc.poll() is not None else ("", "")
                    pytest.fail(f"extractor serve did not answer on {base}: {err[-2000:]}")
                time.sleep(0.3)

        tables = {t["name"]: t for t in get_json(f"{base}/news.json")["tables"]}
        assert {"articles", "claims", "conflicts", "reviews", "runs", "rejections"} <= set(tables)

        meta = get_json(f"{base}/-/metadata.json")
        news = meta["databases"]["news"]
        assert "verdicts" in news["tables"]["reviews"]["description"]
        assert news["tables"]["claims"]["columns"]["quote"] == "the exact words of the number"
        assert "own_phrase" in news["tables"]["claims"]["columns"]["evidence"]
        assert "fail_on_unconfirmed" in news["tables"]["conflicts"]["columns"]["unconfirmed"]

        rows = get_json(f"{base}/news/open_conflicts_by_severity.json?_shape=array")
        assert [(r["type"], r["severity"], r["unconfirmed"], r["commodity"], r["period"]) for r in rows] == \
            [("value_mismatch", "medium", 0, "tungsten", "2025-03"), ("internal", "high", 1, "tungsten", "2025-03")]
        assert rows[0]["verdict"] is None and json.loads(rows[1]["unconfirmed_by"]) == ["inherited"]

        rows = get_json(f"{base}/news/claims_by_series_over_time.json?_shape=array"
                        "&commodity=tungsten&origin=CN&destination=DE")
        assert sorted(r["value"] for r in rows) == [1200, 1200, 1250]
        assert all(isinstance(json.loads(r["evidence"]), dict) and r["entity"] is None for r in rows)

        rows = get_json(f"{base}/news/articles_with_rejected_input.json?_shape=array")
        assert [r["path"] for r in rows] == ["fixtures/ingest/bad/empty.txt"]
        assert rows[0]["command"] == "extract" and rows[0]["reason"]
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.mark.skipif(HAS_DATASETTE, reason="datasette is installed; this checks the message without it")
def test_serve_without_the_extra_exits_2(db: Path) -> None:
    r = run_cli("serve", "--db", str(db), timeout=60)
    assert r.returncode == 2
    assert "extractor[serve]" in r.stderr
