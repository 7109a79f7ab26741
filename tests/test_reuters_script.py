"""scripts/reuters_to_jsonl.py against the Reuters-21578 corpus in ../shared (skipped when absent)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "reuters_to_jsonl.py"
CORPUS = REPO.parent / "shared" / "corpora" / "reuters21578"
FIELDS = {"id", "title", "published", "source", "url", "text", "topics", "places"}

pytestmark = pytest.mark.skipif(
    not any(CORPUS.glob("reut2-*.sgm.gz")), reason=f"Reuters-21578 not found at {CORPUS}"
)


def run(out: Path, *args: str) -> tuple[list[dict], str]:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), *args, str(out)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return rows, proc.stdout.strip()


def test_first_fifty(tmp_path: Path) -> None:
    rows, printed = run(tmp_path / "r.jsonl", "--limit", "50")
    assert printed == "50"
    assert len(rows) == 50
    # Sorted by NEWID, which starts at 1 and is consecutive in the first file.
    assert [r["id"] for r in rows] == [f"reut-{i}" for i in range(1, 51)]
    for r in rows:
        assert set(r) == FIELDS
        assert r["source"] == "Reuters" and r["url"] is None
        assert re.fullmatch(r"1987-\d\d-\d\d", r["published"])
        assert isinstance(r["topics"], list) and isinstance(r["places"], list)
        # Entities decoded, wire control codes and the sign-off trailer gone.
        assert "&#" not in r["text"] and "&lt;" not in r["text"] and "&amp;" not in r["text"]
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", r["text"])
        assert not re.search(r"(?i)\breuter\s*$", r["text"])
    first = rows[0]
    assert first["title"] == "BAHIA COCOA REVIEW"
    assert first["published"] == "1987-02-26"
    assert first["topics"] == ["cocoa"]
    assert first["places"] == ["el-salvador", "usa", "uruguay"]
    assert first["text"].startswith("Showers continued")
    assert first["text"].endswith("February 27.")
    # "&lt;" in the source is a company marker such as "<Texas Commerce Bancshares>".
    assert any("<" in r["text"] for r in rows)
    # A BRIEF story has no BODY: its headline is its text, without the "Blah blah blah." filler.
    brief = [r for r in rows if r["title"] and r["text"] == r["title"]]
    assert brief and all("blah" not in r["text"].lower() for r in rows)


def test_deterministic(tmp_path: Path) -> None:
    a, _ = run(tmp_path / "a.jsonl", "--limit", "50")
    b, _ = run(tmp_path / "b.jsonl", "--limit", "50")
    assert a == b


@pytest.mark.slow
def test_full_corpus(tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    rows, printed = run(out)
    assert printed == "21578"
    assert len(rows) == 21578
    ids = [int(r["id"].removeprefix("reut-")) for r in rows]
    assert ids == sorted(ids) and len(set(ids)) == 21578
    assert sum(r["title"] is not None for r in rows) == 20841  # <TITLE> count in the SGML
    assert all(r["published"] for r in rows)
    # UNPROC tables have neither TITLE nor BODY but keep their text (reut-99 is the first).
    unproc = {r["id"]: r for r in rows if r["title"] is None}
    assert len(unproc) == 737
    assert unproc["reut-99"]["text"].startswith("FEDERAL RESERVE WEEKLY REPORT")
