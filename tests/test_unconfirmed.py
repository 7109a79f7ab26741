"""A reconciler that weighs evidence (issue 11): entity in the series key, conflicts that
stand only on inherited fields or on figures orders of magnitude apart shown as
unconfirmed and kept out of the gate by default. Invented claims, stored in real SQLite
files through the Store, checked through the real CLI."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from conftest import jsonl, query, run_cli

from extractor.config import Config
from extractor.models import Article, Claim
from extractor.reconcile import conflict_id, reconcile
from extractor.store import Store

SOLID = {"indicator": "own_phrase", "commodity": "own_phrase", "origin": "sentence", "destination": "own_phrase",
         "period": "sentence"}


def claim(article: str, source: str, quote: str, value: float, **kw: object) -> Claim:
    base: dict = dict(article=article, sentence=f"Shipments came to {quote} that month.", quote=quote,
                      start=-1, end=-1, kind="level", value=float(value), unit="t", indicator="trade",
                      commodity="zinc ingots", origin="QA", destination="PE", period="2031-04",
                      source=source, published="2031-05-10", evidence=dict(SOLID))
    base.update(kw)
    return Claim(**base)


def store_claims(db: Path, claims: list[Claim]) -> Path:
    """One article per claim's article name, its text the claims' sentences."""
    store = Store(db)
    run = store.start_run("test", [])
    for name in sorted({c.article for c in claims}):
        own = [c for c in claims if c.article == name]
        text = " ".join(c.sentence for c in own)
        digest = hashlib.sha256(text.encode()).hexdigest()
        art = Article(name=name, text=text, content_hash=digest, source=own[0].source, published=own[0].published)
        pos = 0
        for c in own:
            at = text.index(c.sentence, pos)
            c.start = at + c.sentence.index(c.quote)
            c.end = c.start + len(c.quote)
            c.article_id = art.id
            pos = at + len(c.sentence)
        store.save_article(art, own, run)
    store.close()
    return db


def reconcile_cli(db: Path, *args: str) -> int:
    r = run_cli("reconcile", "--db", str(db), *args, env={"GITHUB_ACTIONS": ""})
    assert r.returncode in (0, 1), r.stderr
    return r.returncode


def conflicts(db: Path) -> list[dict]:
    return jsonl(run_cli("conflicts", "--db", str(db), "--format", "jsonl").stdout)


# ------------------------------------------------------------------------ entity

def test_entity_separates_two_companies(tmp_path: Path) -> None:
    revenue: dict = dict(indicator="revenue", commodity=None, destination=None, unit="USD", period="2031")
    claims = [claim("a.txt", "Fjord Ledger", "$812 million", 812e6, entity="Norrvik Tools", **revenue),
              claim("b.txt", "Quay Post", "$640 million", 640e6, entity="Castellan Freight", **revenue)]
    db = store_claims(tmp_path / "e.db", claims)
    assert reconcile_cli(db, "--fail-on", "low") == 0
    assert conflicts(db) == []

    # The same company's revenue stated twice, differently, is a conflict of its series.
    more = claims + [claim("c.txt", "Tallow Times", "$815 million", 815e6, entity="Norrvik Tools", **revenue)]
    db = store_claims(tmp_path / "f.db", more)
    assert reconcile_cli(db, "--fail-on", "low") == 1
    [c] = conflicts(db)
    assert c["series"]["entity"] == "Norrvik Tools" and c["unconfirmed"] is False
    assert query(db, "select entity from conflicts") == [("Norrvik Tools",)]
    md = run_cli("report", "--db", str(db), "--format", "md").stdout
    assert "Norrvik Tools: QA revenue (value)" in md


def test_entity_less_conflict_ids_unchanged() -> None:
    series = {"indicator": "trade", "commodity": "zinc ingots", "origin": "QA", "destination": "PE",
              "measure": "volume"}
    refs = [{"article": "a.txt", "quote": "4,210 tonnes", "value": 4210, "period": "2031-04"}]
    old = conflict_id("value_mismatch", series, "2031-04", refs)
    assert conflict_id("value_mismatch", {**series, "entity": None}, "2031-04", refs) == old
    assert conflict_id("value_mismatch", {**series, "entity": "Norrvik Tools"}, "2031-04", refs) != old


def test_old_database_gains_the_new_conflict_columns(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.execute("create table conflicts (id text primary key, type text, indicator text, commodity text, "
                 "origin text, destination text, measure text, period text, severity text, status text)")
    conn.commit()
    conn.close()
    Store(db).close()
    columns = {row[1] for row in query(db, "pragma table_info(conflicts)")}
    assert {"entity", "unconfirmed", "unconfirmed_by", "inherited"} <= columns


# ------------------------------------------------------------------------ inherited fields

def _inherited_pair() -> list[Claim]:
    """Two figures of one article, one of them only through the article's commodity."""
    return [claim("a.txt", "Fjord Ledger", "4,210 tonnes", 4210),
            claim("a.txt", "Fjord Ledger", "4,350 tonnes", 4350, evidence={**SOLID, "commodity": "article"})]


def test_conflict_on_an_inherited_field_is_unconfirmed(tmp_path: Path) -> None:
    db = store_claims(tmp_path / "u.db", _inherited_pair())
    assert reconcile_cli(db, "--fail-on", "low") == 0  # by default it does not fail the gate
    [c] = conflicts(db)
    assert (c["type"], c["unconfirmed"], c["unconfirmed_by"]) == ("internal", True, ["inherited"])
    assert c["inherited"] == ["commodity (article)"]
    assert [r["inherited"] for r in c["claims"] if r["quote"] == "4,350 tonnes"] == [{"commodity": "article"}]

    md = run_cli("report", "--db", str(db), "--format", "md").stdout
    assert "### Unconfirmed conflicts (1)" in md
    assert "the commodity of Fjord Ledger's claim \u201c4,350 tonnes\u201d comes from the article, " \
           "not its own sentence" in md
    assert md.index("### Unconfirmed conflicts") < md.index("\n#### ")  # shown apart, below
    terminal = " ".join(run_cli("report", "--db", str(db)).stdout.replace("\u2502", " ").split())
    assert "Unconfirmed conflicts (1)" in terminal and "comes from the article" in terminal
    html = run_cli("report", "--db", str(db), "--format", "html").stdout
    assert 'id="unconfirmed"' in html and 'data-unconfirmed="yes"' in html
    data = json.loads(run_cli("report", "--db", str(db), "--format", "json").stdout)
    assert data["summary"]["unconfirmed"] == 1 and data["conflicts"][0]["caveats"]
    # In CI they are notices, not warnings: they do not fail the gate.
    out = run_cli("report", "--db", str(db), env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": ""}).stdout
    assert "::warning" not in out and out.count("::notice file=") == 1  # one article, one notice


def test_fail_on_unconfirmed_counts_them(tmp_path: Path) -> None:
    db = store_claims(tmp_path / "g.db", _inherited_pair())
    cfg = tmp_path / "extractor.toml"
    cfg.write_text("[extractor]\nfail_on_unconfirmed = true\n", encoding="utf-8")
    assert reconcile_cli(db, "--fail-on", "low", "--config", str(cfg)) == 1
    assert reconcile_cli(db, "--fail-on", "low", "--fail-on-unconfirmed") == 1
    assert reconcile_cli(db, "--fail-on", "low") == 0
    assert run_cli("report", "--db", str(db), "--fail-on", "low").returncode == 0
    assert run_cli("report", "--db", str(db), "--fail-on", "low", "--config", str(cfg)).returncode == 1


def test_inherited_fields_across_articles_stay_confirmed() -> None:
    # Each outlet's own headline supports its topic: two outlets disagreeing is a conflict.
    claims = [claim("a.txt", "Fjord Ledger", "4,210 tonnes", 4210),
              claim("b.txt", "Quay Post", "4,350 tonnes", 4350, evidence={**SOLID, "commodity": "article"})]
    [c] = reconcile(claims, Config())
    assert (c.type, c.unconfirmed, c.inherited) == ("value_mismatch", False, ["commodity (article)"])


def test_conflict_that_stands_on_own_sentences_stays_confirmed() -> None:
    # Two solid figures disagree; a third outlet repeats one of them on an inherited period.
    claims = _inherited_pair()[:1] + [
        claim("b.txt", "Quay Post", "4,350 tonnes", 4350),
        claim("c.txt", "Tallow Times", "4,350 tonnes", 4350, evidence={**SOLID, "period": "paragraph"})]
    [c] = reconcile(claims, Config())
    assert not c.unconfirmed and c.inherited == ["period (paragraph)"]


def test_claims_without_evidence_are_solid() -> None:
    claims = [claim("a.txt", "Fjord Ledger", "4,210 tonnes", 4210, evidence={}),
              claim("b.txt", "Quay Post", "4,350 tonnes", 4350, evidence={})]
    [c] = reconcile(claims, Config())
    assert not c.unconfirmed and c.inherited == []


# ------------------------------------------------------------------------ magnitude

def test_thousandfold_pair_is_a_scale_slip(tmp_path: Path) -> None:
    claims = [claim("a.txt", "Fjord Ledger", "57,306 tonnes", 57306),
              claim("b.txt", "Quay Post", "57.306 tonnes", 57.306)]
    db = store_claims(tmp_path / "m.db", claims)
    assert reconcile_cli(db, "--fail-on", "low") == 0
    [c] = conflicts(db)
    assert c["unconfirmed"] and c["unconfirmed_by"] == ["scale_slip"]
    assert "differ by a factor of exactly 1,000" in c["explanation"]
    assert "thousands separator read as a decimal point" in c["explanation"]


def test_orders_of_magnitude_apart_are_likely_two_series() -> None:
    claims = [claim("a.txt", "Fjord Ledger", "57,306 tonnes", 57306),
              claim("b.txt", "Quay Post", "230 tonnes", 230)]
    [c] = reconcile(claims, Config())
    assert c.unconfirmed and c.unconfirmed_by == ["magnitude"]
    assert "differ about 250-fold" in c.explanation and "two different series" in c.explanation
    assert "separator" not in c.explanation


def test_tenfold_pair_is_an_ordinary_conflict() -> None:
    claims = [claim("a.txt", "Fjord Ledger", "5,730 tonnes", 5730),
              claim("b.txt", "Quay Post", "573 tonnes", 573)]
    [c] = reconcile(claims, Config())
    assert not c.unconfirmed and "fold" not in c.explanation and "factor" not in c.explanation


def test_scale_slip_seen_through_a_change() -> None:
    # One outlet's October level is the other's with the separator misread: the change
    # computed from them is absurd, and the levels behind it are named.
    claims = [claim("a.txt", "Fjord Ledger", "61,420 tonnes", 61420, period="2031-05"),
              claim("a.txt", "Fjord Ledger", "up 4%", 4, kind="change", unit="%", period="2031-05",
                    basis="previous_period", basis_period="2031-04"),
              claim("b.txt", "Quay Post", "59.057 tonnes", 59.057)]
    found = reconcile(claims, Config())
    assert found and all(c.unconfirmed and {"magnitude", "scale_slip"} & set(c.unconfirmed_by) for c in found)
    assert any("thousands separator" in c.explanation for c in found)
