"""Reconciler (extractor.reconcile): intervals, the seven checks on small hand-written
articles (fixtures/reconcile), determinism, id stability, and property tests on series
stated the way newspapers round them."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.config import Config
from extractor.models import Claim
from extractor.reconcile import (
    claim_interval,
    conflict_id,
    load_claims_jsonl,
    reconcile,
    reconcile_report,
    reconcile_series,
)
from extractor.reconcile.checks import SeriesIndex
from extractor.reconcile.intervals import Interval, pct_change
from extractor.reconcile.synthetic import make_synthetic_claims, perturb, series_claims

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "reconcile"
SHARED = ROOT.parent / "shared"
CFG = Config()


def claim(value: float, quote: str, kind: str = "level", unit: str = "t", approx: str = "exact",
          period: str | None = "2025-11", **kw: object) -> Claim:
    base: dict = dict(article=kw.pop("article", "a.txt"), sentence="", quote=quote, start=-1, end=-1, kind=kind,
                      value=value, unit=unit, approx=approx, period=period, commodity="magnets", origin="CN",
                      destination=kw.pop("destination", "JP"), source=kw.pop("source", "Outlet"))
    base.update(kw)
    return Claim(**base)


# ---------------------------------------------------------------- intervals

@pytest.mark.parametrize("value,quote,unit,approx,lo,hi", [
    (304, "304 tons", "t", "exact", 303.5, 304.5),
    (5952, "5,952 tons", "t", "exact", 5951.5, 5952.5),
    (8, "8%", "%", "exact", 7.5, 8.5),
    (31.4, "31.4% higher", "%", "exact", 31.35, 31.45),
    (280, "280 metric tons", "t", "exact", 279.5, 280.5),
    (62580, "62,580 t", "t", "exact", 62579.5, 62580.5),
    (18.9, "18,9%", "%", "exact", 18.85, 18.95),
    (38563.6, "38.563.6 tons", "t", "exact", 38563.55, 38563.65),
    (5864.6, "5,864.60 tons", "t", "exact", 5864.595, 5864.605),
    (103780000, "103.78 million tons", "t", "exact", 103775000, 103785000),
    (4.26, "4,260 kilograms", "t", "exact", 4.2595, 4.2605),
    (1.3, "1.3% above December 2024", "%", "exact", 1.25, 1.35),
])
def test_interval_from_written_number(value, quote, unit, approx, lo, hi):
    iv = claim_interval(claim(value, quote, unit=unit, approx=approx), CFG)
    assert iv.lo == pytest.approx(lo) and iv.hi == pytest.approx(hi)
    assert iv.lo_open != iv.hi_open  # half-open: values that round to it


def test_hedges_bound_the_size():
    over = claim_interval(claim(-11, "fell by over 11%", kind="change", unit="%", approx="gt"), CFG)
    assert (over.lo, over.hi, over.hi_open) == (float("-inf"), -11, True)
    seven = claim_interval(claim(600, "more than sevenfold", kind="change", unit="%", approx="gt"), CFG)
    assert seven.lo == 600 and seven.lo_open and seven.hi == float("inf")
    about = claim_interval(claim(160, "about 160% more", kind="change", unit="%", approx="approx"), CFG)
    assert (about.lo, about.hi) == pytest.approx((152, 168))
    half = claim_interval(claim(-50, "roughly half", kind="change", unit="%", approx="approx"), CFG)
    assert half.lo == pytest.approx(-52.5) and half.hi == pytest.approx(-47.5)
    zero = claim_interval(claim(0, "no cargoes arrived"), CFG)
    assert (zero.lo, zero.hi) == (0, 0)


def test_step_field_wins_over_quote():
    c = replace(claim(305, "305 tons"), step=10.0)
    assert claim_interval(c, CFG).lo == 300


def test_touching_intervals_are_disjoint():
    a = claim_interval(claim(305, "305 tons"), CFG)
    b = claim_interval(claim(304, "304 tons"), CFG)
    assert not a.overlaps(b)
    assert claim_interval(claim(31.3, "31.3%", unit="%"), CFG).overlaps(
        claim_interval(claim(31.35, "31.35%", unit="%"), CFG))


def test_280_against_305_is_minus_8_percent():
    iv = pct_change(claim_interval(claim(280, "280 tons"), CFG), claim_interval(claim(305, "305 tons"), CFG))
    assert iv is not None
    assert iv.lo == pytest.approx(-8.51, abs=0.01) and iv.hi == pytest.approx(-7.88, abs=0.01)
    assert iv.overlaps(claim_interval(claim(-8, "fell 8%", unit="%"), CFG))
    assert not iv.overlaps(claim_interval(claim(-1.6, "down 1.6%", unit="%"), CFG))


# ---------------------------------------------------------------- the seven checks

@pytest.mark.parametrize("check,expected", [
    ("value_mismatch", {"value_mismatch"}),
    ("change_mismatch", {"change_mismatch"}),
    # A level and a change of one article, against another article's level for the
    # comparison period: reported from both ends, as in the dev gold.
    ("implied_mismatch", {"implied_mismatch", "change_mismatch"}),
    ("direction_mismatch", {"direction_mismatch"}),
    ("rank_mismatch", {"rank_mismatch"}),
    ("aggregate_mismatch", {"aggregate_mismatch"}),
    ("internal", {"internal"}),
])
def test_each_check_on_its_fixture(check, expected):
    claims = load_claims_jsonl(FIXTURES / f"{check}.claims.jsonl")
    for c in claims:
        assert (FIXTURES / c.article).is_file()
        assert c.quote in " ".join((FIXTURES / c.article).read_text(encoding="utf-8").split())
    conflicts = reconcile(claims, CFG)
    assert {c.type for c in conflicts} == expected
    for c in conflicts:
        assert c.explanation and c.severity in ("low", "medium", "high")
        assert {row["side"] for row in c.claims} >= ({"whole", "part"} if "aggregate" in c.type or
                                                     c.type == "internal" else {"a", "b"})
    if check == "direction_mismatch":
        assert conflicts[0].severity == "high"


def test_value_mismatch_republication_is_one_side():
    claims = [claim(305, "305 tons", article="r.txt", source="R"), claim(305, "305 tonnes", article="s.txt", source="S"),
              claim(304, "304 tons", article="c.txt", source="C")]
    [c] = reconcile(claims, CFG)
    assert c.type == "value_mismatch" and c.gap_abs == 1 and c.gap_rel == pytest.approx(1 / 305, abs=1e-6)
    assert c.severity == "low"
    assert sorted(c.sources_per_side.values()) == [["C"], ["R", "S"]]
    assert c.expected == [304.5, 305.5] and c.observed == [303.5, 304.5]


def test_units_measures_forecasts_and_periods_kept_apart():
    claims = [claim(305, "305 tons"), claim(304, "304 kg", unit="kg", article="b.txt"),
              claim(300, "300 tons", article="f.txt", modality="forecast"),
              claim(10, "10 tons", period=None, article="n.txt"),
              claim(30.8, "up 30.8%", kind="change", unit="%", measure="value", basis_period="2025-10",
                    article="v.txt"),
              claim(300, "300 tons", period="2025-10", article="o.txt")]
    report = reconcile_report(claims, CFG)
    assert report.conflicts == []
    assert [u.claim.article for u in report.unreconcilable] == ["n.txt"]


def test_aggregate_regions_and_countries_never_mixed():
    claims = [claim(100, "100 t", destination="WORLD"), claim(60, "60 t", destination="DE"),
              claim(30, "30 t", destination="FR"), claim(70, "70 t", destination="EUROPE", article="b.txt"),
              claim(25, "25 t", destination="ASIA", article="b.txt")]
    assert reconcile(claims, CFG) == []  # 60+30 <= 100 and 70+25 <= 100; 60+30+70 would not be


def test_time_partition_short_of_whole_when_complete():
    claims = [claim(300, "300 t", period="2025-Q1", article="q.txt"),
              claim(90, "90 t", period="2025-01"), claim(95, "95 t", period="2025-02"),
              claim(100, "100 t", period="2025-03")]
    [c] = reconcile(claims, CFG)
    assert c.type == "aggregate_mismatch" and c.period == "2025-Q1"


def test_a_rank_of_value_says_nothing_of_tonnes():
    levels = [claim(140000, "140,000 tonnes", period="2031-03"), claim(165000, "165,000 tonnes", period="2030-03"),
              claim(8e8, "$800 million", unit="USD", period="2031-03")]
    value_rank = claim(1, "the highest monthly value on record", kind="rank", unit="rank", period="2031-03",
                       scope="all", measure="value", article="r.txt")
    assert reconcile(levels + [value_rank], CFG) == []
    volume_rank = replace(value_rank, quote="the heaviest month on record", measure="volume")
    assert [c.type for c in reconcile(levels + [volume_rank], CFG)] == ["rank_mismatch"]


def test_a_rank_of_tonnage_does_not_bound_a_change_of_value():
    lowest = claim(-1, "the smallest first quarter since 2026", kind="rank", unit="rank", period="2031-Q1",
                   scope="2026/")
    rise = claim(40, "value jumped 40%", kind="change", unit="%", period="2031-Q1", basis="year_ago",
                 basis_period="2030-Q1", measure="value")
    assert reconcile([lowest, rise], CFG) == []
    assert [c.type for c in reconcile([lowest, replace(rise, measure="volume")], CFG)] == ["internal"]


# ---------------------------------------------------------------- gold

@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="needs ../shared")
def test_seeds_have_exactly_the_magnet_conflict():
    [c] = reconcile(load_claims_jsonl(SHARED / "seeds" / "gold_claims.jsonl"), CFG)
    assert (c.type, c.series["destination"], c.period) == ("value_mismatch", "JP", "2025-11")
    assert "305 t" in c.explanation and "304 t" in c.explanation


@pytest.mark.skipif(not (SHARED / "dev").is_dir(), reason="needs ../shared")
def test_dev_finds_the_seven_gold_conflicts():
    got = {(c.type, c.series["commodity"], c.series["destination"], c.period)
           for c in reconcile(load_claims_jsonl(SHARED / "dev" / "gold_claims.jsonl"), CFG)}
    assert got == {
        ("value_mismatch", "soybeans", "CN", "2025-01/2025-11"),
        ("value_mismatch", "rare earths", "WORLD", "2025-05"),
        ("change_mismatch", "rare earth magnets", "US", "2025-08"),
        ("implied_mismatch", "rare earth magnets", "US", "2025-07"),
        ("internal", "rare earth magnets", "WORLD", "2025-08"),
        ("aggregate_mismatch", "rare earth magnets", "WORLD", "2025-01/2025-08"),
        ("direction_mismatch", "rare earths", "WORLD", "2025-H1"),
    }


# ---------------------------------------------------------------- determinism and ids

def _mixed_claims() -> list[Claim]:
    out = []
    for check in ("value_mismatch", "implied_mismatch", "aggregate_mismatch", "internal", "rank_mismatch"):
        out += load_claims_jsonl(FIXTURES / f"{check}.claims.jsonl")
    return out


def test_any_input_order_gives_the_same_conflicts():
    claims = _mixed_claims()
    first = [c.to_dict() for c in reconcile(claims, CFG)]
    for seed in range(5):
        shuffled = claims[:]
        random.Random(seed).shuffle(shuffled)
        assert [c.to_dict() for c in reconcile(shuffled, CFG)] == first


def test_unrelated_claim_keeps_ids():
    claims = _mixed_claims()
    before = {c.id for c in reconcile(claims, CFG)}
    extra = claim(5, "5 tons", commodity="tin", article="z.txt")
    after = {c.id for c in reconcile(claims + [extra], CFG)}
    assert before == after
    c = reconcile(claims, CFG)[0]
    assert conflict_id(c.type, c.series, c.period, c.claims) == c.id


def test_reconcile_series_needs_only_its_series():
    claims = load_claims_jsonl(FIXTURES / "value_mismatch.claims.jsonl")
    assert [c.id for c in reconcile_series(claims, CFG)] == [c.id for c in reconcile(claims, CFG)]


# ---------------------------------------------------------------- properties

levels = st.lists(st.floats(min_value=50, max_value=20000, allow_nan=False), min_size=14, max_size=26)


@settings(max_examples=60, deadline=None)
@given(true=levels, outlets=st.integers(min_value=1, max_value=3))
def test_consistent_series_never_conflicts(true, outlets):
    claims = series_claims(random.Random(0), "tin", "BO", "WORLD", true, 2024, n_outlets=outlets)
    assert reconcile(claims, CFG) == []


@settings(max_examples=60, deadline=None)
@given(true=levels, month=st.integers(min_value=0, max_value=13), steps=st.integers(min_value=1, max_value=40),
       sign=st.sampled_from([-1, 1]))
def test_moving_a_stated_level_beyond_rounding_conflicts(true, month, steps, sign):
    claims = series_claims(random.Random(0), "tin", "BO", "WORLD", true, 2024, n_outlets=2)
    period = f"2024-{month + 1:02d}" if month < 12 else f"2025-{month - 11:02d}"
    target = next(i for i, c in enumerate(claims) if c.kind == "level" and c.period == period
                  and c.source == "Outlet B")
    claims[target] = perturb(claims[target], sign * steps)
    found = {(c.type, c.period) for c in reconcile(claims, CFG)}
    assert ("value_mismatch", period) in found


@settings(max_examples=40, deadline=None)
@given(true=st.lists(st.floats(min_value=1000, max_value=20000), min_size=3, max_size=6),
       shift_pp=st.floats(min_value=0.5, max_value=30))
def test_moving_a_stated_change_beyond_rounding_conflicts(true, shift_pp):
    claims = series_claims(random.Random(0), "tin", "BO", "WORLD", true, 2024, n_outlets=1)
    i = next(i for i, c in enumerate(claims) if c.kind == "change")
    c = claims[i]
    lv = {x.period: claim_interval(x, CFG) for x in claims if x.kind == "level"}
    computed = pct_change(lv[c.period], lv[c.basis_period])
    assert computed is not None
    # Past the far end of what the two stated levels allow, by more than the change's rounding.
    moved = round(computed.hi + shift_pp + 0.1, 1)
    claims[i] = replace(c, value=moved, quote=f"{abs(moved)}%")
    iv = computed
    assert not iv.overlaps(claim_interval(claims[i], CFG))
    assert any(x.period == c.period and x.type in ("change_mismatch", "direction_mismatch", "internal")
               for x in reconcile(claims, CFG))


def test_synthetic_batch_is_consistent():
    claims = make_synthetic_claims(3000, seed=3)
    assert len(claims) == 3000
    assert reconcile(claims, CFG) == []


def test_interval_arithmetic():
    a, b = Interval(1, 2), Interval(3, 4, False, True)
    assert (a + b) == Interval(4, 6, False, True)
    assert a.intersect(b) is None and a.hull(b) == Interval(1, 4, False, True)
    assert SeriesIndex  # imported API
