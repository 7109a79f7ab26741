"""The claims stage on the real spaCy model: phrasings written for these tests, the two
seed articles end to end, and the dev corpus scored against its gold."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import FIXTURES, jsonl, need_shared, run_cli

from extractor.claims import ClaimExtractor
from extractor.config import Config
from extractor.models import Article


@pytest.fixture(scope="module")
def ex() -> ClaimExtractor:
    return ClaimExtractor(Config())


def claims_of(ex: ClaimExtractor, text: str, published: str = "2026-01-19", title: str | None = None):
    art = Article(name="t.txt", text=text, content_hash="0" * 64, title=title, published=published, source="Test Wire")
    return ex.extract(art)


def one(claims, quote_part: str):
    found = [c for c in claims if quote_part in c.quote]
    assert found, f"no claim quoting {quote_part!r} in {[c.quote for c in claims]}"
    return found[0]


@pytest.mark.parametrize("sentence, origin, destination", [
    ("China exported 412 tonnes of gallium to Japan in December.", "CN", "JP"),
    ("Chinese exports of gallium to Germany reached 412 tonnes in December.", "CN", "DE"),
    ("Germany's imports of Chinese gallium fell 12% in December.", "CN", "DE"),
    ("Gallium shipments from China to the United States rose 9% in December.", "CN", "US"),
    ("In December, 412 tonnes of Chinese gallium were shipped to the U.S.", "CN", "US"),
    ("US-bound gallium shipments from China came to 412 tonnes in December.", "CN", "US"),
    ("China's gallium exports totalled 412 tonnes in December.", "CN", "WORLD"),
])
def test_parties_from_sentence_structure(ex, sentence, origin, destination):
    c = [c for c in claims_of(ex, sentence) if c.kind in ("level", "change")][0]
    assert (c.origin, c.destination) == (origin, destination)
    assert c.commodity == "gallium" and c.period == "2025-12"


@pytest.mark.parametrize("phrase, value", [
    ("fell 8%", -8), ("rose 8%", 8), ("a drop of 8%", -8), ("8% lower than a year earlier", -8),
    ("8% higher than a year earlier", 8), ("down 8%", -8), ("up 8 pct", 8), ("slipped 8 percent", -8),
    ("an increase of 8%", 8), ("a decline of 8 per cent", -8), ("8% less than a year earlier", -8),
])
def test_change_sign_from_the_governing_word(ex, phrase, value):
    c = one(claims_of(ex, f"China's tin exports {phrase} in November, customs data showed."), "8")
    assert c.kind == "change" and c.value == value


@pytest.mark.parametrize("text, basis, basis_period", [
    ("China's tin exports fell 8% in November from October.", "previous_period", "2025-10"),
    ("China's tin exports fell 8% in November from a year earlier.", "year_ago", "2024-11"),
    ("China's tin exports fell 8% year-on-year in November.", "year_ago", "2024-11"),
    ("China's tin exports in November were 8% lower than in the same month in 2024.", "year_ago", "2024-11"),
    ("China's tin exports fell 8% in November compared to the previous month.", "previous_period", "2025-10"),
])
def test_basis_of_changes(ex, text, basis, basis_period):
    c = one(claims_of(ex, text), "8")
    assert (c.basis, c.basis_period) == (basis, basis_period)


def test_relative_periods_against_publication_and_anchor(ex):
    text = ("China's tin exports to Japan totalled 280 tonnes last month versus 305 tons a month before, "
            "customs data showed on Tuesday.")
    cs = claims_of(ex, text, published="2026-01-19")
    assert one(cs, "280").period == "2025-12"
    assert one(cs, "305").period == "2025-11"


def test_cumulative_and_full_year_periods(ex):
    text = ("China exported 19,132 tonnes of tin in the first 11 months of 2025. "
            "For all of 2024, it shipped 21,500 tonnes.")
    cs = claims_of(ex, text)
    assert one(cs, "19,132").period == "2025-01/2025-11"
    assert one(cs, "21,500").period == "2024"


def test_period_carries_over_to_the_next_sentence(ex):
    text = ("China's tin exports rose for a second month in November. "
            "Shipments came to 5,493 tonnes, 26.5% more than in October.")
    cs = claims_of(ex, text, published="2025-12-08")
    assert one(cs, "5,493").period == "2025-11"
    assert one(cs, "26.5").basis_period == "2025-10"


def test_forecasts_are_marked(ex):
    cs = claims_of(ex, "Analysts expect China's tin exports to reach 6,000 tonnes in January.", published="2025-12-08")
    assert one(cs, "6,000").modality == "forecast"


def test_rank_share_and_zero(ex):
    text = ("China exported 6,146 tonnes of tin in August, the highest monthly volume in seven months. "
            "Germany took 1,341 tonnes, or 22% of the total. No tin at all went to Canada in August.")
    cs = claims_of(ex, text, published="2025-09-20")
    rank = [c for c in cs if c.kind == "rank"][0]
    assert rank.value == 1 and rank.period == "2025-08" and rank.scope == "2025-02/2025-08"
    share = one(cs, "22%")
    assert share.kind == "share" and share.destination == "DE"
    zero = [c for c in cs if c.value == 0 and c.kind == "level"]
    assert zero and zero[0].destination == "CA"


def test_standing_facts_and_years_are_not_claims(ex):
    cs = claims_of(ex, "China supplies over 90% of the tin used worldwide, as its 2022 strategy set out.")
    assert cs == []


def test_wire_units_and_money(ex):
    cs = claims_of(ex, "Japan's trade surplus rose to 8.14 billion dlrs in December from 6.2 billion dlrs.",
                   published="1987-01-20")
    assert {c.unit for c in cs} == {"USD"}
    assert sorted(c.value for c in cs) == [6.2e9, 8.14e9]


def test_one_bad_article_does_not_stop_the_stream(ex):
    good = Article(name="a.txt", text="China exported 412 tonnes of tin in May.", content_hash="1" * 64,
                   published="2025-06-10")
    weird = Article(name="b.txt", text="9" * 5000 + " tonnes " * 300, content_hash="2" * 64, published="2025-06-10")
    out = list(ex.stream([weird, good]))
    assert [a.name for a, _, _ in out] == ["b.txt", "a.txt"]
    assert out[1][1] and out[1][1][0].value == 412


# -- the real articles -------------------------------------------------------------------
def _score(gold, pred, *extra) -> str:
    scorer = need_shared("tools", "score_claims.py")
    return subprocess.run([sys.executable, str(scorer), *extra, str(gold), str(pred)], capture_output=True,
                          text=True, check=True).stdout


def _strict_f1(report: str) -> float:
    line = next(line for line in report.splitlines() if line.startswith("strict") or line.startswith("conflicts"))
    return float(line.split("F1")[1].split()[0])


def test_seeds_end_to_end(tmp_path):
    seeds = need_shared("seeds")
    db = tmp_path / "s.db"
    res = run_cli("extract", *map(str, sorted(seeds.glob("*.txt"))), "--db", str(db))
    assert res.returncode == 0, res.stderr
    claims = tmp_path / "claims.jsonl"
    claims.write_text(run_cli("claims", "--db", str(db), "--format", "jsonl").stdout, encoding="utf-8")
    assert _strict_f1(_score(seeds / "gold_claims.jsonl", claims)) == 1.0
    assert run_cli("reconcile", "--db", str(db)).returncode == 1  # the one real conflict fails the gate
    conflicts = jsonl(run_cli("conflicts", "--db", str(db), "--format", "jsonl").stdout)
    assert len(conflicts) == 1
    c = conflicts[0]
    assert c["type"] == "value_mismatch" and c["period"] == "2025-11"
    assert c["series"]["commodity"] == "rare earth magnets" and (c["series"]["origin"], c["series"]["destination"]) == ("CN", "JP")
    assert sorted({x["value"] for x in c["claims"]}) == [304, 305]


def test_dev_corpus_scores(tmp_path):
    dev = need_shared("dev")
    db = tmp_path / "d.db"
    inputs = [str(p) for p in sorted((dev / "articles").iterdir())]
    assert run_cli("extract", *inputs, "--db", str(db)).returncode == 0
    claims = tmp_path / "claims.jsonl"
    claims.write_text(run_cli("claims", "--db", str(db), "--format", "jsonl").stdout, encoding="utf-8")
    assert _strict_f1(_score(dev / "gold_claims.jsonl", claims)) >= 0.90
    run_cli("reconcile", "--db", str(db), "--fail-on", "none")
    conflicts = tmp_path / "conflicts.jsonl"
    conflicts.write_text(run_cli("conflicts", "--db", str(db), "--format", "jsonl").stdout, encoding="utf-8")
    report = _score(dev / "gold_conflicts.jsonl", conflicts, "--conflicts")
    line = next(line for line in report.splitlines() if line.startswith("conflicts"))
    p, r = float(line.split("P")[1].split()[0]), float(line.split(" R ")[1].split()[0])
    assert p >= 0.9 and r >= 0.9, report


def test_checks_fire_on_written_fixture_articles(tmp_path):
    """Articles written for the reconciler's checks, extracted and reconciled end to end."""
    db = tmp_path / "f.db"
    md = sorted(str(p) for p in (FIXTURES / "reconcile").glob("*.md"))
    assert run_cli("extract", *md, "--db", str(db)).returncode == 0
    run_cli("reconcile", "--db", str(db), "--fail-on", "none")
    types = {c["type"] for c in jsonl(run_cli("conflicts", "--db", str(db), "--format", "jsonl").stdout)}
    assert {"value_mismatch", "change_mismatch", "implied_mismatch", "direction_mismatch", "internal"} <= types


def test_sample_articles_show_the_november_conflict_until_reviewed(tmp_path):
    """What `make extract` does on a fresh clone: the 305 t vs 304 t conflict fails the
    gate; a verdict clears it."""
    from conftest import ROOT

    db = tmp_path / "x.db"
    assert run_cli("extract", str(ROOT / "articles"), "--db", str(db)).returncode == 0
    assert run_cli("reconcile", "--db", str(db)).returncode == 1
    conflicts = jsonl(run_cli("conflicts", "--db", str(db), "--format", "jsonl").stdout)
    assert len(conflicts) == 1
    c = conflicts[0]
    assert (c["type"], c["period"], c["series"]["destination"]) == ("value_mismatch", "2025-11", "JP")
    assert len(c["sources_per_side"]["b"] if len(c["sources_per_side"]["b"]) > 1 else c["sources_per_side"]["a"]) == 2
    assert run_cli("review", c["id"][:10], "--verdict", "revision", "--note", "customs figure is 305 t",
                   "--db", str(db)).returncode == 0
    assert run_cli("reconcile", "--db", str(db)).returncode == 0
    again = jsonl(run_cli("conflicts", "--db", str(db), "--format", "jsonl").stdout)
    assert again[0]["id"] == c["id"] and again[0]["verdict"] == "revision"
