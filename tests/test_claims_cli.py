"""`extractor claims` shows each claim's entity and evidence (issue 11): the --evidence view
of the table, the JSONL contract and the CSV export. Invented claims stored in a real SQLite
file through the Store, read back through the real CLI; one real extraction at the end."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, jsonl, run_cli

from extractor.export import EXPORT_COLUMNS
from extractor.models import EVIDENCE_FIELDS, EVIDENCE_LEVELS, Article, Claim
from extractor.store import Store

LEVEL = Claim(article="a.txt", sentence="Quarn shipped 4,100 t of zinc ingots to Peru in April 2031.",
              quote="4,100 t", start=-1, end=-1, kind="level", value=4100.0, unit="t", commodity="zinc ingots",
              origin="QA", destination="PE", period="2031-04", source="Fjord Ledger", published="2031-05-10",
              evidence={"indicator": "own_phrase", "commodity": "own_phrase", "origin": "sentence",
                        "destination": "own_phrase", "period": "sentence"})
CHANGE = Claim(article="a.txt", sentence="Revenue rose 12% on the year.", quote="12%", start=-1, end=-1,
               kind="change", value=12.0, unit="%", indicator="revenue", entity="Norrvik Tools", origin="QA",
               period="2031", measure="value", basis="year_ago", basis_period="2030", source="Fjord Ledger",
               published="2031-05-10", note="invented",
               evidence={"indicator": "own_phrase", "entity": "paragraph", "origin": "article", "period": "paragraph"})


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One article, a level first (no basis, no note) and a change of a company after it."""
    db = tmp_path_factory.mktemp("claims") / "c.db"
    claims = [replace(c, evidence=dict(c.evidence)) for c in (LEVEL, CHANGE)]
    text = " ".join(c.sentence for c in claims)
    article = Article(name="a.txt", text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                      source="Fjord Ledger", published="2031-05-10")
    for c in claims:
        c.start = text.index(c.sentence) + c.sentence.index(c.quote)
        c.end = c.start + len(c.quote)
        c.article_id = article.id
    store = Store(db)
    store.save_article(article, claims, store.start_run("test", []))
    store.close()
    return db


def claims_cli(db: Path, *args: str) -> str:
    r = run_cli("claims", "--db", str(db), *args)
    assert r.returncode == 0, r.stderr
    return r.stdout


def cells(line: str) -> list[str]:
    """A table line's cells, stripped (rich draws ┃ between header cells, │ between body cells)."""
    return [c.strip() for c in re.split("[│┃]", line)[1:-1]]


def table_rows(out: str) -> dict[str, list[str]]:
    """The table's body rows by quote."""
    rows = {}
    for line in out.splitlines():
        row = cells(line)
        if len(row) > 2 and row[1] in (LEVEL.quote, CHANGE.quote):
            rows[row[1]] = row
    return rows


def test_evidence_view_has_a_short_column_per_field(db: Path) -> None:
    out = claims_cli(db, "--evidence")
    header = next(line for line in out.splitlines() if "ev.ind" in line)
    assert cells(header) == ["article", "quote", "indicator", "commodity", "entity", "origin", "destination", "period",
                     "ev.ind", "ev.comm", "ev.ent", "ev.orig", "ev.dest", "ev.per"]
    rows = table_rows(out)
    assert rows["4,100 t"][-6:] == ["own", "own", "", "sent", "own", "sent"]  # no entity: no evidence
    assert rows["12%"][4] == "Norrvik Tools"
    assert rows["12%"][-6:] == ["own", "", "para", "art", "", "para"]
    assert "own = the figure's own phrase" in out  # the legend under the table
    # Without the flag: the usual table, with the entity but no evidence columns.
    plain = claims_cli(db)
    assert "ev.ind" not in plain and "Norrvik Tools" in plain


def test_jsonl_carries_entity_and_evidence(db: Path) -> None:
    level, change = jsonl(claims_cli(db, "--format", "jsonl"))
    assert level["entity"] is None and change["entity"] == "Norrvik Tools"
    assert level["evidence"] == LEVEL.evidence
    assert change["evidence"] == CHANGE.evidence
    assert list(change["evidence"]) == [f for f in EVIDENCE_FIELDS if f in CHANGE.evidence]  # contract order
    # The evidence view is for the table; the exports are the same with or without it.
    assert claims_cli(db, "--format", "jsonl", "--evidence") == claims_cli(db, "--format", "jsonl")


def test_csv_has_every_column_with_evidence_as_json(db: Path) -> None:
    out = claims_cli(db, "--format", "csv")
    reader = csv.DictReader(io.StringIO(out))
    assert tuple(reader.fieldnames) == EXPORT_COLUMNS
    level, change = list(reader)
    assert level["entity"] == "" and change["entity"] == "Norrvik Tools"
    assert json.loads(level["evidence"]) == LEVEL.evidence
    assert json.loads(change["evidence"]) == CHANGE.evidence
    # The columns do not depend on the first claim: a change's basis and note after a level.
    assert (change["basis"], change["basis_period"], change["note"]) == ("year_ago", "2030", "invented")
    assert level["basis"] == "" and level["note"] == ""


def test_empty_database_still_gives_the_csv_header(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()
    assert claims_cli(db, "--format", "csv").splitlines() == [",".join(EXPORT_COLUMNS)]


def test_extracted_claims_show_their_evidence(tmp_path: Path) -> None:
    """A real extraction: every claim's evidence names known fields and levels, and the
    table shows it."""
    db = tmp_path / "x.db"
    article = ROOT / "fixtures" / "hostile" / "tungsten-plain.md"
    r = run_cli("extract", str(article), "--db", str(db), "-q")
    assert r.returncode == 0, r.stderr
    records = jsonl(claims_cli(db, "--format", "jsonl"))
    assert records and all(set(c["evidence"]) <= set(EVIDENCE_FIELDS) for c in records)
    assert all(set(c["evidence"].values()) <= set(EVIDENCE_LEVELS) for c in records)
    assert any(c["evidence"] for c in records)
    rows = list(csv.DictReader(io.StringIO(claims_cli(db, "--format", "csv"))))
    assert [json.loads(row["evidence"]) for row in rows] == [c["evidence"] for c in records]
    table = claims_cli(db, "--evidence")
    assert "ev.per" in table and any(w in table for w in ("own", "sent", "para", "art"))
