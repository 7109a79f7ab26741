"""The claims stages one by one, on invented sentences, without a spaCy pipeline.

Each stage module of extractor/claims (text, candidates, timing, ranks, discourse) is
called directly, the way builder.sentence_claims chains them.
"""

from datetime import date

import pytest

from extractor.claims import candidates, discourse, ranks, text, timing
from extractor.claims.lexicon import lexicon
from extractor.claims.records import Cand, Discourse
from extractor.nlp.quantities import find_quantities


@pytest.fixture(scope="module")
def lex():
    return lexicon()


def disc(period: str | None = None) -> Discourse:
    return Discourse(published=date(2025, 8, 10), main_actor="CL", direction="export", commodity="copper",
                     period=period)


def cands_of(sentence: str, lex) -> list[Cand]:
    return [c for q in find_quantities(sentence) if (c := candidates.quantity_cand(q, sentence, lex))]


def periods(sentence: str, lex, d: Discourse) -> list[Cand]:
    """candidates, then the timing stage, as sentence_claims runs them."""
    cands = cands_of(sentence, lex)
    times = timing.sentence_times(sentence, d)
    timing.assign_periods(cands, times, sentence, None, d, False, text.bounds(sentence, lex.segment_split),
                          text.bounds(sentence, lex.clause_split))
    for c in cands:
        timing.period_evidence(c, times, d)
    return cands


# -- text ---------------------------------------------------------------------------------
def test_text_bounds_and_words(lex):
    s = "Exports rose 5%, while imports fell."
    parts = text.bounds(s, lex.clause_split)
    assert parts[0][0] == 0 and parts[-1][1] == len(s)
    assert text.within([(0, 5), (5, 10)], 7) == (5, 10)
    assert text.within([(0, 5)], 99) == (0, 10**9)
    at = s.index("5%")
    assert text.words_before(s, at, 2) == ["exports", "rose"]
    assert text.words_after(s, at, 2) == ["while", "imports"]


# -- candidates ---------------------------------------------------------------------------
def test_candidates_kinds_and_signs(lex):
    change, level, base = cands_of("Exports fell 12% to 3,400 tonnes in July, below June's 2,395 tonnes.", lex)
    assert (change.kind, change.value, change.unit) == ("change", -12.0, "%")
    assert (level.kind, level.value, level.unit) == ("level", 3400.0, "t")
    assert base.kind == "level"
    assert cands_of("Shipments were down 3.1% on a year earlier.", lex)[0].value == -3.1
    assert cands_of("China took 41% of the country's exports.", lex)[0].kind == "share"


def test_candidates_comparison_base(lex):
    to, frm = cands_of("Exports rose to 272,000 t from 245,000 t.", lex)
    assert not to.comparison and frm.comparison


def test_candidates_forecast_modality(lex):
    s = "Analysts expect arrivals to fall to 2,000 tonnes in January."
    c = cands_of(s, lex)[0]
    candidates.set_modality(c, s, text.bounds(s, lex.segment_split), text.bounds(s, lex.clause_split), lex)
    assert c.modality == "forecast"


def test_candidates_multiple_applied_on_keep(lex):
    c = Cand(start=0, end=9, kind="change", value=7.0, unit="%", step=None, multiple=7.0, num_start=0, num_end=9)
    assert candidates.keep(c, "sevenfold", [], lex)
    assert c.value == 600.0 and c.multiple is None


# -- timing -------------------------------------------------------------------------------
def test_timing_each_figure_its_own_period(lex):
    change, level, base = periods("Exports fell 12% to 3,400 tonnes in July, below June's 2,395 tonnes.", lex,
                                  disc())
    assert level.period == "2025-07" and level.evidence["period"] == "own_phrase"
    assert base.period == "2025-06" and base.comparison
    assert (change.period, change.basis, change.basis_period) == ("2025-07", "previous_period", "2025-06")


def test_timing_from_level_is_the_period_before(lex):
    to, frm = periods("Exports rose to 272,000 t from 245,000 t.", lex, disc("2025-07"))
    assert (to.period, frm.period) == ("2025-07", "2025-06")


def test_timing_revision_shares_the_period(lex):
    now, first = periods("Exports were 5.0 mln dlrs (revised from 10 mln dlrs) in March.", lex, disc())
    assert now.period == first.period == "2025-03"
    assert not first.comparison


def test_timing_helpers():
    assert timing.basis_kind("2025-07", "2024-07") == "year_ago"
    assert timing.basis_kind("2025-07", "2025-06") == "previous_period"
    assert timing.carries("2025-07") and not timing.carries("2025-01/2025-08")
    s = "Exports in the first nine months of 2025 rose."
    assert timing.topic_period(timing.sentence_times(s, disc()), s) == "2025-01/2025-09"


# -- ranks --------------------------------------------------------------------------------
@pytest.mark.parametrize("phrase, period, scope", [
    ("the lowest since 2021", "2025-07", "2021/"),
    ("a record high", "2025-07", "all"),
    ("the highest in 14 months", "2025-07", "2024-06/2025-07"),
    ("the largest for that month since 2021", "2025-11", "--11"),
])
def test_rank_scope(lex, phrase, period, scope):
    assert ranks._rank_scope(phrase, period, lex) == scope


# -- discourse ----------------------------------------------------------------------------
def test_discourse_title_and_date():
    assert discourse._title_commodity("Chile's copper exports fall as prices slide") == "copper"
    assert discourse._title_traders("China's soybean imports rise") == ["CN"]
    assert discourse.published_date("2025-08-10") == date(2025, 8, 10)
    assert discourse.published_date("not a date") is None
