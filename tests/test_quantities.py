"""Quantity layer: numbers, scales, units, hedges, pairing, and what is not a quantity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.nlp.quantities import Quantity, find_quantities, guess_mt_scale, parse_number

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def one(text: str, **kw: object) -> Quantity:
    qs = find_quantities(text, **kw)  # type: ignore[arg-type]
    assert len(qs) == 1, [(q.text, q.unit) for q in qs]
    return qs[0]


# --- wire forms ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "value", "unit", "step"),
    [
        ("Exports fell 4.1 pct in March.", "4.1 pct", 4.1, "%", 0.1),
        ("Output was 1.25 mln tonnes.", "1.25 mln tonnes", 1.25e6, "t", 1e4),
        ("The deficit was 2.09 billion dlrs.", "2.09 billion dlrs", 2.09e9, "USD", 1e7),
        ("It raised 150 mln stg.", "150 mln stg", 150e6, "GBP", 1e6),
        ("Profit was 85.3 mln N.Z. dlrs.", "85.3 mln N.Z. dlrs", 85.3e6, "NZD", 1e5),
        ("Prices hit $52,400 per tonne.", "$52,400 per tonne", 52400, "USD/t", 1),
        ("The deal is worth 170m yuan.", "170m yuan", 170e6, "CNY", 1e6),
        ("Spending reached 2.37 trillion yen.", "2.37 trillion yen", 2.37e12, "JPY", 1e10),
        ("The rate was 18,9% last year.", "18,9%", 18.9, "%", 0.1),
        ("It shipped 38.563.6 tons.", "38.563.6 tons", 38563.6, "t", 0.1),
        ("China exported 280 metric tons.", "280 metric tons", 280, "t", 1),
        ("They sold 5,952 tons.", "5,952 tons", 5952, "t", 1),
        ("Share rose to 31.4%.", "31.4%", 31.4, "%", 0.1),
        ("A bag weighs 60 kg.", "60 kg", 0.06, "t", 0.001),
        ("Crude traded at 18 dlrs a barrel.", "18 dlrs a barrel", 18, "USD/bbl", 1),
        ("It paid 300 yuan/t.", "300 yuan/t", 300, "CNY/t", 1),
        ("The bank lent C$5 mln.", "C$5 mln", 5e6, "CAD", 1e6),
        ("Sales were A$1.2bn.", "A$1.2bn", 1.2e9, "AUD", 1e8),
        ("The fee was HK$300.", "HK$300", 300, "HKD", 1),
        ("The loss was £40m.", "£40m", 40e6, "GBP", 1e6),
        ("The budget was €2.5 billion.", "€2.5 billion", 2.5e9, "EUR", 1e8),
        ("It cost 400 mln marks.", "400 mln marks", 400e6, "DEM", 1e6),
        ("It cost 120 billion lire.", "120 billion lire", 120e9, "ITL", 1e9),
        ("It cost 50 mln guilders.", "50 mln guilders", 50e6, "NLG", 1e6),
        ("It cost 9 billion rupees.", "9 billion rupees", 9e9, "INR", 1e9),
        ("Imports were 3.5 billion Canadian dlrs.", "3.5 billion Canadian dlrs", 3.5e9, "CAD", 1e8),
        ("Exports of 5.3 mln bags were recorded.", "5.3 mln bags", 5.3e6, "bags", 1e5),
        ("Rates rose 0.5 percentage point.", "0.5 percentage point", 0.5, "pp", 0.1),
        ("Yields rose 25 basis points.", "25 basis points", 25, "bp", 1),
        ("Unemployment was 7.2 per cent.", "7.2 per cent", 7.2, "%", 0.1),
        ("Unemployment was 7.2 percent.", "7.2 percent", 7.2, "%", 0.1),
        ("Sales were US$ 1.1 million.", "US$ 1.1 million", 1.1e6, "USD", 1e5),
    ],
)
def test_wire_forms(text: str, quote: str, value: float, unit: str, step: float) -> None:
    q = one(text)
    assert q.text == quote
    assert text[q.start:q.end] == quote
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.step == pytest.approx(step)
    assert q.approx == "exact"


def test_flags() -> None:
    assert "decimal_comma" in one("Inflation was 18,9%.").flags
    assert "garbled_separators" in one("It shipped 38.563.6 tons.").flags
    assert "ambiguous_thousands_comma" in one("It exported 48.312 metric tons.").flags


def test_francs_follow_country() -> None:
    assert one("The loss was 300 mln francs.", currency_country="FR").unit == "FRF"
    assert one("The loss was 300 mln francs.", currency_country="CH").unit == "CHF"
    assert one("The loss was 300 mln francs.", currency_country="BE").unit == "BEF"
    assert one("The loss was 300 mln francs.").unit == "FRF"
    assert one("Debts of 40 billion rupees.", currency_country="PK").unit == "PKR"


# --- mt ------------------------------------------------------------------------------


def test_mt_metric_tons_outlet() -> None:
    text = "Shipments were 6,145.623 mt in May and 589.85 mt in June."
    assert guess_mt_scale(text) == 1.0
    qs = find_quantities(text)
    assert [(q.value, q.unit, q.step) for q in qs] == [(6145.623, "t", 0.001), (589.85, "t", 0.01)]
    assert all("mt_ambiguous" not in q.flags for q in qs)


def test_mt_million_tonnes_outlet() -> None:
    text = "Soybean output is seen at 103.78 mt; exports at 8.107 mt of soybeans, against 100 million tonnes."
    assert guess_mt_scale(text) == 1e6
    q = find_quantities(text)[0]
    assert q.value == pytest.approx(103.78e6)
    assert q.step == pytest.approx(1e4)


@pytest.mark.parametrize(("text", "scale"), [
    ("It produced 2,300 mt.", 1.0),
    ("It produced 1500 mt.", 1.0),
    ("It produced 12 mt, or 12 metric tons as agreed.", 1.0),
    ("It produced 12 mt, a record 12 mln tonnes.", 1e6),
    ("It produced 12 mt after 11 mmt.", 1e6),
])
def test_guess_mt_scale_rules(text: str, scale: float) -> None:
    assert guess_mt_scale(text) == scale


def test_mt_override_and_ambiguity_flag() -> None:
    assert one("Stocks were 45.2 mt.", mt_scale=1.0).value == pytest.approx(45.2)
    q = one("Stocks were 45.2 mt.")
    assert q.value == pytest.approx(45.2e6) and "mt_ambiguous" in q.flags
    assert one("Output was 3.5 mmt.").value == pytest.approx(3.5e6)


# --- hedges --------------------------------------------------------------------------


@pytest.mark.parametrize(("hedge", "code"), [
    ("about", "approx"), ("roughly", "approx"), ("around", "approx"), ("nearly", "approx"),
    ("almost", "approx"), ("some", "approx"), ("approximately", "approx"), ("an estimated", "approx"),
    ("over", "gt"), ("more than", "gt"), ("above", "gt"), ("in excess of", "gt"),
    ("at least", "ge"), ("under", "lt"), ("less than", "lt"), ("below", "lt"),
    ("at most", "le"), ("up to", "le"), ("no more than", "le"),
])
def test_hedges(hedge: str, code: str) -> None:
    text = f"They shipped {hedge} 160 tonnes."
    q = one(text)
    assert q.approx == code
    assert q.text == "160 tonnes"
    assert q.hedge_start == text.index(hedge)


def test_hedge_before_currency_symbol() -> None:
    q = one("It cost more than $52 a barrel.")
    assert (q.approx, q.unit, q.text) == ("gt", "USD/bbl", "$52 a barrel")


# --- pairing -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Output rose to 2.41 mln from 2.17 mln tonnes.", [(2.41e6, "t"), (2.17e6, "t")]),
    ("A surplus of 4.36 billion, against 3.9 billion dlrs.", [(4.36e9, "USD"), (3.9e9, "USD")]),
    ("Stocks went from 120 to 150 tonnes.", [(120, "t"), (150, "t")]),
    ("Growth of between 3 and 4 pct.", [(3, "%"), (4, "%")]),
    ("Growth of 3-4 pct.", [(3, "%"), (4, "%")]),
    ("Rates fell to 5.2 pct from 4.9.", [(5.2, "%"), (4.9, "%")]),
    ("Sales of US $89 to $93 billion.", [(89e9, "USD"), (93e9, "USD")]),
    ("Pay of $48,000 to $90,000 a year.", [(48000, "USD/year"), (90000, "USD/year")]),
])
def test_pairing(text: str, expected: list[tuple[float, str]]) -> None:
    got = [(q.value, q.unit) for q in find_quantities(text)]
    assert len(got) == len(expected)
    for (gv, gu), (ev, eu) in zip(got, expected, strict=True):
        assert gv == pytest.approx(ev) and gu == eu


# --- multiples -----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value", "approx"), [
    ("Imports rose sevenfold.", 7, "exact"),
    ("Imports rose 7-fold.", 7, "exact"),
    ("Imports rose seven times.", 7, "exact"),
    ("Imports rose more than six times.", 6, "gt"),
    ("Imports doubled.", 2, "exact"),
    ("Imports were twice as high.", 2, "exact"),
    ("Imports halved.", 0.5, "exact"),
    ("Imports more than halved.", 0.5, "gt"),
    ("Imports tripled.", 3, "exact"),
])
def test_multiples(text: str, value: float, approx: str) -> None:
    q = one(text)
    assert (q.value, q.unit, q.approx) == (value, "x", approx)


# --- counts and word numbers --------------------------------------------------------


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("We read 41 articles.", 41, "articles"),
    ("It took 45 working days.", 45, "working days"),
    ("There were two buyers.", 2, "buyers"),
    ("It holds 12 cubic metres.", 12, "cubic metre"),
    ("It pumps 40 barrels per day.", 40, "barrel/day"),
    ("They sold 3 ounces.", 3, "ounce"),
    ("They bought 500 yards.", 500, "yard"),
])
def test_counts_and_other_units(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert (q.value, q.unit) == (value, unit)


def test_word_number_step_is_none() -> None:
    assert one("There were three buyers.").step is None


def test_word_number_needs_a_unit() -> None:
    assert find_quantities("Three of them met, and one left.") == []


# --- not quantities ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "It happened in 2025.",
    "The 2022 security strategy was revised.",
    "The 1986/87 crop was large.",
    "Published 20/12/2025.",
    "Published Dec 08, 2025.",
    "Published 20 Jun.",
    "At 10:04 the market opened.",
    "It happened on July 20.",
    "It was the 3rd time.",
    "1. Cumulative picture",
    "The H20 chip, Q3 results, the G-7 meeting and COVID-19.",
    "Call 212-555-0100 now.",
    "See https://example.com/page/2024/123 for details.",
    "The game ended 2-2.",
    "He arrived at 11 a.m. on Sunday.",
    "The 5G network is live.",
])
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == [], [(q.text, q.unit) for q in find_quantities(text)]


def test_hedged_year_like_figure_is_a_count() -> None:
    assert one("About 2000 people came.").value == 2000


def test_offsets_point_into_the_text() -> None:
    text = "China exported 280 metric tons last month versus the 2025 peak of 305 tons, a 35% increase."
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text
    assert [q.text for q in find_quantities(text)] == ["280 metric tons", "305 tons", "35%"]


# --- numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(("s", "value", "decimals"), [
    ("5,952", 5952, 0), ("1,234,567", 1234567, 0), ("6,145.623", 6145.623, 3), ("18,9", 18.9, 1),
    ("1.234,5", 1234.5, 1), ("38.563.6", 38563.6, 1), ("1,23,456", 123456, 0), ("305", 305, 0),
])
def test_parse_number(s: str, value: float, decimals: int) -> None:
    got = parse_number(s)
    assert got is not None
    assert got[0] == pytest.approx(value) and got[1] == decimals


@given(st.integers(min_value=1000, max_value=10**12))
@settings(max_examples=200, deadline=None)
def test_thousands_separators_round_trip(n: int) -> None:
    written = f"{n:,}"
    q = one(f"Exports were {written} tonnes.")
    assert q.value == n and q.step == 1 and q.number_text == written


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=4))
@settings(max_examples=200, deadline=None)
def test_decimal_step(n: int, places: int) -> None:
    written = f"{n / 10 ** places:.{places}f}"
    q = one(f"Output was {written} mln tonnes.")
    assert q.step == pytest.approx(10.0 ** -places * 1e6)
    assert q.value == pytest.approx(float(written) * 1e6)


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_random_text_never_raises(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text


@given(st.lists(st.sampled_from(["5", "1,000", "$", "mln", "tonnes", "pct", " ", "-", "/", ".", "to", "about",
                                 "2025", "mt", "yuan", "x", "12:30", "\n", "per", "a"]), max_size=40))
@settings(max_examples=300, deadline=None)
def test_numeric_soup_never_raises(parts: list[str]) -> None:
    text = " ".join(parts)
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.text


# --- shared benchmarks (skipped when ../shared is absent) -----------------------------

NEWSQUANT = SHARED / "benchmarks" / "newsquant" / "NewsQuant.json"


@pytest.mark.slow
@pytest.mark.skipif(not NEWSQUANT.exists(), reason="needs ../shared/benchmarks")
def test_newsquant_runs_without_error() -> None:
    data = json.loads(NEWSQUANT.read_text(encoding="utf-8"))
    found = sum(len(find_quantities(rec["text"])) for rec in data)
    assert found > 0.8 * sum(len(rec["quantities"]) for rec in data)


# --- time phrases, fractions, multiples, signs, vague amounts ---------------------------


@pytest.mark.parametrize("text", [
    "That was down from the peak of 305 tons a month before.",
    "Shipments were 305 tons a year earlier.",
    "Shipments were 305 tons a week ago.",
])
def test_article_period_then_time_word_is_not_a_rate(text: str) -> None:
    q = one(text)
    assert (q.text, q.value, q.unit) == ("305 tons", 305, "t")


def test_time_phrase_keeps_money_plain() -> None:
    qs = find_quantities("Revenue rose to $7.4 billion from $6.1 billion a year earlier.")
    assert [(q.value, q.unit) for q in qs] == [(7.4e9, "USD"), (6.1e9, "USD")]
    assert one("It pumps 40 tons a month.").unit == "t/month"


@pytest.mark.parametrize(("text", "quote", "value", "approx"), [
    ("Sales were roughly half of what they had been in June.", "half", 0.5, "approx"),
    ("Stocks were roughly half of the level.", "half", 0.5, "approx"),
    ("Half the flats have sold.", "Half", 0.5, "exact"),
    ("A third of the crop was lost.", "A third", 1 / 3, "exact"),
    ("Two-thirds of the cargo went east.", "Two-thirds", 2 / 3, "exact"),
    ("One out of four buyers paid.", "One out of four", 0.25, "exact"),
])
def test_fractions(text: str, quote: str, value: float, approx: str) -> None:
    q = one(text)
    assert (q.text, q.unit, q.approx) == (quote, "x", approx)
    assert q.value == pytest.approx(value)
    if approx != "exact":
        assert q.hedge_start == text.index("roughly")


@pytest.mark.parametrize("text", ["Sales rose in the second half of 2025.", "In the first half, sales rose.",
                                  "It was the third quarter of the year."])
def test_period_halves_are_not_fractions(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(("text", "value", "approx"), [
    ("Prices were twice as high.", 2, "exact"),
    ("Volume was more than twice June's volume.", 2, "gt"),
    ("Volume more than doubled.", 2, "gt"),
    ("Volume more than halved.", 0.5, "gt"),
    ("Volume rose more than ninefold.", 9, "gt"),
    ("Volume was more than nine times their July level.", 9, "gt"),
])
def test_more_than_multiples(text: str, value: float, approx: str) -> None:
    q = one(text)
    assert (q.value, q.unit, q.approx) == (value, "x", approx)


@pytest.mark.parametrize(("text", "value", "quote"), [
    ("Exports fell sharply (-12.4%) in June.", -12.4, "-12.4%"),
    ("Exports fell \u22125 % in June.", -5, "\u22125 %"),
    ("Indexes: Alpha 40 -2.5% Beta -0.7%.", -2.5, "-2.5%"),
    ("The balance was $-3.2bn.", -3.2e9, "$-3.2bn"),
    ("It was minus 40 Celsius.", -40, "minus 40 Celsius"),
])
def test_signed_numbers(text: str, value: float, quote: str) -> None:
    q = find_quantities(text)[0]
    assert (q.value, q.text) == (pytest.approx(value), quote)


@pytest.mark.parametrize("text", ["There were no buyers.", "None of the buyers came.", "None were sold, no one came."])
def test_no_and_none_are_not_numbers(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("It costs tens of thousands of dollars.", 1e4, 1e5, "USD"),
    ("Dozens of workers left.", 12, 120, "workers"),
    ("Hundreds of ships waited.", 100, 1000, "ships"),
])
def test_vague_amounts(text: str, low: float, high: float, unit: str) -> None:
    q = one(text)
    assert (q.value, q.high, q.unit, q.approx) == (low, high, unit, "ge")


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("It opened 5 new stores.", 5, "stores"),
    ("He hired 40 commercial fishermen.", 40, "commercial fishermen"),
    ("A survey of seven European countries.", 7, "european countries"),
    ("It is one of the largest ports.", 1, "largest ports"),
    ("The index rose 64.06 points to 4,577.10.", 4577.10, "point"),
    ("His weight fell from 208 pounds to 193.", 193, "pound-mass"),
    ("The pitch was 352 \u03bcm.", 352, "micrometre"),
])
def test_counted_nouns_and_partners(text: str, value: float, unit: str) -> None:
    q = find_quantities(text)[-1]
    assert (q.value, q.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text", ["The S&P 500 utilities index rose.", "The Stoxx 600 index rose."])
def test_index_names_are_not_counts(text: str) -> None:
    assert find_quantities(text) == []


# --- units written as symbols, ages, hyphen prefixes ------------------------------------


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The plant makes 40 GWh a year.", 40, "gigawatt hour/year"),
    ("The engine gives 250 HP at full load.", 250, "horsepower"),
    ("The shares closed at 212p on Friday.", 212, "GBX"),
    ("The turbine is rated at 12 MW.", 12, "megawatt"),
    ("The town is a sub-5 millimetre rainfall area with 20 kg of dust.", 5, "millimetre"),
    ("Okafor, 58, said the mill would reopen.", 58, "year of age"),
    ("Entry is limited to those over the age of 18.", 18, "year of age"),
])
def test_symbol_units_and_ages(text: str, value: float, unit: str) -> None:
    q = find_quantities(text)[0]
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize("text", [
    "The war ended, 12 ps were left.",  # lower-case symbols are ordinary words
    "In March, 12, the talks resumed.",  # a month before the commas is not a name
])
def test_symbol_units_are_case_sensitive_and_ages_need_a_name(text: str) -> None:
    assert all(q.unit not in ("win above replacement", "metric horsepower", "year of age")
               for q in find_quantities(text))
