"""Time expressions: roles, resolution against the publication date and the anchor."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.nlp.timex import TimeMention, find_time_mentions, resolve_month_name
from extractor.periods import parse_period

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
JAN19 = date(2026, 1, 19)
DEC20 = date(2025, 12, 20)


def one(sentence: str, phrase: str, published: date | None = JAN19, anchor: str | None = None) -> TimeMention:
    """The mention whose text contains `phrase`."""
    found = [m for m in find_time_mentions(sentence, published, anchor) if phrase in m.text]
    assert found, f"{phrase!r} not found in {[m.text for m in find_time_mentions(sentence, published, anchor)]}"
    return found[0]


def test_offsets_point_into_the_sentence() -> None:
    s = "Exports rose 12% in March from February to 4,100 tons."
    for m in find_time_mentions(s, DEC20):
        assert s[m.start:m.end] == m.text


# ------------------------------------------------------------------ month names


@pytest.mark.parametrize("sentence,phrase,published,period", [
    ("Steel exports fell in November.", "in November", DEC20, "2025-11"),
    ("Steel exports fell in November.", "in November", JAN19, "2025-11"),
    ("December shipments climbed sharply.", "December", JAN19, "2025-12"),
    ("Sales jumped during December.", "December", DEC20, "2024-12"),  # the publication month is "this month"
    ("Output hit 40 tons in March 2019.", "March 2019", DEC20, "2019-03"),
    ("Output hit 40 tons in Sept. 2024.", "Sept. 2024", DEC20, "2024-09"),
    ("Output hit 40 tons in Feb of 2023.", "Feb of 2023", DEC20, "2023-02"),
    ("The figure for May last year was revised.", "May last year", date(2025, 6, 20), "2024-05"),
    ("The ban was imposed in early April.", "early April", date(2025, 6, 20), "2025-04"),
    ("Cargo volumes in mid-October were weak.", "mid-October", DEC20, "2025-10"),
    ("THE NOVEMBER DATA CAME OUT.", "NOVEMBER", DEC20, "2025-11"),
    ("April's volume was a ten-year low.", "April", date(2025, 6, 20), "2025-04"),
])
def test_month_names(sentence: str, phrase: str, published: date, period: str) -> None:
    m = one(sentence, phrase, published)
    assert (m.role, m.period) == ("period", period)


@pytest.mark.parametrize("sentence", [
    "Prices may rise further, traders said.",
    "Prime Minister Theresa May said trade would recover.",
    "Farmers march to the capital.",
    "It may be that May said so.",
])
def test_may_the_verb_and_names_are_not_months(sentence: str) -> None:
    assert not [m for m in find_time_mentions(sentence, DEC20) if m.period and m.period.endswith("-05")]


@pytest.mark.parametrize("sentence,phrase", [
    ("Imports rose in May.", "in May"),
    ("May shipments doubled.", "May"),
    ("Exports slumped in April and May.", "May"),
    ("The May figure was revised.", "May"),
    ("Output in May 2024 was 3 tons.", "May 2024"),
])
def test_may_the_month_with_date_context(sentence: str, phrase: str) -> None:
    m = one(sentence, phrase, date(2025, 6, 20))
    assert m.period is not None and m.period.endswith("-05")


def test_forecast_sentence_reaches_into_the_next_months() -> None:
    s = "Traders expect arrivals to slow to 6 million tons in January and 4 million tons in February."
    assert one(s, "January", date(2026, 1, 14)).period == "2026-01"
    assert one(s, "February", date(2026, 1, 14)).period == "2026-02"
    # without a forecast cue the past wins
    assert one("Arrivals slowed in February.", "February", date(2026, 1, 14)).period == "2025-02"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(1, 12))
def test_month_name_is_within_the_twelve_months_before_publication(published: date, month: int) -> None:
    got = parse_period(resolve_month_name(month, published))
    assert got is not None and got.granularity == "month" and got.start[1] == month
    behind = (published.year * 12 + published.month) - (got.start[0] * 12 + got.start[1])
    assert 1 <= behind <= 12


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 11))
def test_month_name_in_a_sentence_matches_resolve_month_name(published: date, i: int) -> None:
    if MONTHS[i] == "May":
        sentence = "Exports rose 5% in May."
    else:
        sentence = f"Exports rose 5% in {MONTHS[i]}."
    assert one(sentence, MONTHS[i], published).period == resolve_month_name(i + 1, published)


@given(st.integers(1950, 2090), st.integers(2, 12))
def test_first_n_months_of_a_year(year: int, n: int) -> None:
    m = one(f"Exports in the first {n} months of {year} rose 4%.", "first")
    p = parse_period(m.period)
    assert p is not None and p.start == (year, 1) and p.end == (year, n)


@given(st.integers(1950, 2090), st.integers(0, 11), st.integers(0, 11))
def test_month_ranges_with_a_year(year: int, a: int, b: int) -> None:
    if a > b:
        a, b = b, a
    if a == b:
        return
    m = one(f"Sales over {MONTHS[a]}-{MONTHS[b]} {year} reached 9 tons.", MONTHS[b])
    p = parse_period(m.period)
    assert p is not None and p.start == (year, a + 1) and p.end == (year, b + 1)


# ------------------------------------------------------------------ publication-relative


@pytest.mark.parametrize("sentence,phrase,period", [
    ("The company shipped 280 tons last month.", "last month", "2025-12"),
    ("Shipments this month are running behind.", "this month", "2026-01"),
    ("The refinery processed 8 tons last year.", "last year", "2025"),
    ("The plant should open next year.", "next year", "2027"),
    ("Sales last quarter were flat.", "last quarter", "2025-Q4"),
])
def test_publication_relative(sentence: str, phrase: str, period: str) -> None:
    m = one(sentence, phrase)
    assert (m.role, m.period, m.anchor_relative) == ("period", period, False)


def test_no_publication_date_leaves_relative_unresolved() -> None:
    s = "Exports fell 3% last month and rose in November, after 9 tons in June 2024."
    got = {m.text: m.period for m in find_time_mentions(s, None)}
    assert got["last month"] is None
    assert got["in November"] is None
    assert got["in June 2024"] == "2024-06"


# ------------------------------------------------------------------ cumulative spans


@pytest.mark.parametrize("sentence,phrase,published,period", [
    ("Imports in the first 11 months rose 7%.", "first 11 months", DEC20, "2025-01/2025-11"),
    ("Imports in the first eleven months of 2024 rose.", "first eleven months", DEC20, "2024-01/2024-11"),
    ("In the first two months, output slipped.", "first two months", date(2025, 3, 9), "2025-01/2025-02"),
    ("January-November shipments reached 9 tons.", "January-November", DEC20, "2025-01/2025-11"),
    ("Shipments over Jan-Nov reached 9 tons.", "Jan-Nov", DEC20, "2025-01/2025-11"),
    ("Over January to May the mill sold 9 tons.", "January to May", date(2025, 6, 20), "2025-01/2025-05"),
    ("From January through July, exports rose.", "January through July", date(2025, 8, 20), "2025-01/2025-07"),
    ("Between January and May, imports doubled.", "January and May", date(2025, 6, 20), "2025-01/2025-05"),
    ("In January and February combined sales fell.", "combined", date(2025, 3, 9), "2025-01/2025-02"),
    ("In the January-February period sales fell.", "January-February period", date(2025, 3, 9),
     "2025-01/2025-02"),
    ("Output for January–June 2024 was 9 tons.", "January–June 2024", DEC20, "2024-H1"),
    ("Stocks over December-February rose.", "December-February", date(2026, 3, 15), "2025-12/2026-02"),
    ("The first half saw record sales.", "first half", date(2025, 7, 25), "2025-H1"),
    ("Exports fell 18% in the first half of 2025.", "first half of 2025", DEC20, "2025-H1"),
    ("First-half exports reached 9 tons.", "First-half", date(2025, 8, 1), "2025-H1"),
    ("H1 2024 sales were 9 tons.", "H1 2024", DEC20, "2024-H1"),
    ("Sales in the first six months rose.", "first six months", date(2025, 7, 25), "2025-H1"),
    ("Exports in the first quarter rose.", "first quarter", date(2025, 5, 2), "2025-Q1"),
    ("Exports in the third quarter rose.", "third quarter", date(2025, 10, 20), "2025-Q3"),
    ("Q3 2025 exports rose.", "Q3 2025", DEC20, "2025-Q3"),
    ("Exports in the July-September quarter rose.", "July-September quarter", DEC20, "2025-Q3"),
    ("Exports in the fourth quarter of 1986 rose.", "fourth quarter of 1986", date(1987, 3, 2), "1986-Q4"),
    ("Exports for all of 2025 were 9 tons.", "all of 2025", JAN19, "2025"),
    ("Sales for 2025 as a whole were 9 tons.", "2025 as a whole", JAN19, "2025"),
    ("Full-year 2025 exports may reach 9 tons.", "Full-year 2025", DEC20, "2025"),
    ("The year as a whole looks weak.", "year as a whole", JAN19, "2025"),
    ("Deliveries in fiscal 1986 were 9 tons.", "fiscal 1986", date(1987, 3, 2), "1986"),
    ("Output in the 1986/87 season was 9 tons.", "1986/87", date(1987, 3, 2), "1986/87"),
    ("The 2025/26 marketing year crop may be big.", "2025/26", DEC20, "2025/26"),
    ("The 1986-87 crop is seen at 9 tons.", "1986-87", date(1987, 3, 2), "1986/87"),
])
def test_spans(sentence: str, phrase: str, published: date, period: str) -> None:
    m = one(sentence, phrase, published)
    assert (m.role, m.period) == ("period", period)


@pytest.mark.parametrize("phrase", ["year-to-date", "so far this year", "YTD", "the year to date"])
def test_year_to_date_ends_at_the_anchor_month(phrase: str) -> None:
    m = one(f"Shipments {phrase} reached 9 tons, up 4%.", phrase.split()[-1], DEC20, anchor="2025-11")
    assert (m.role, m.period) == ("period", "2025-01/2025-11")
    # without an anchor: the last month before publication
    assert one(f"Shipments {phrase} reached 9 tons.", phrase.split()[-1], date(2025, 11, 7)).period \
        == "2025-01/2025-10"


# ------------------------------------------------------------------ anchor-relative


def test_a_month_before_after_a_level_is_a_period() -> None:
    s = "Shipments totalled 280 tons last month versus the 2025 peak of 305 tons a month before, data showed."
    got = [(m.text, m.role, m.period) for m in find_time_mentions(s, JAN19)]
    assert ("last month", "period", "2025-12") in got
    assert ("the 2025 peak", "scope", "2025") in got
    assert ("a month before", "period", "2025-11") in got


@pytest.mark.parametrize("sentence,phrase,period,basis", [
    ("Sales in December fell 8% from November.", "from November", "2025-11", "previous_period"),
    ("Sales fell 3% in December from a month earlier.", "from a month earlier", "2025-11", "previous_period"),
    ("Sales in December were 5% below the previous month.", "previous month", "2025-11", "previous_period"),
    ("Sales in December rose 35% compared to the previous month.", "previous month", "2025-11",
     "previous_period"),
    ("December sales were 4% above the month before.", "month before", "2025-11", "previous_period"),
    ("December sales were 31% higher than in the same month in 2024.", "same month in 2024", "2024-12",
     "year_ago"),
    ("December sales were 31% higher than the same month last year.", "same month last year", "2024-12",
     "year_ago"),
    ("December sales rose 4% on November.", "on November", "2025-11", "previous_period"),
    ("December sales were 2% up versus December 2024.", "December 2024", "2024-12", "year_ago"),
    ("December sales rose 9% against October.", "against October", "2025-10", "period"),
])
def test_explicit_comparison_periods(sentence: str, phrase: str, period: str, basis: str) -> None:
    m = one(sentence, phrase)
    assert (m.role, m.period, m.basis) == ("basis", period, basis)


def test_basis_uses_the_anchor_argument() -> None:
    m = one("Compared with May last year, volumes were 74% lower.", "May last year", date(2025, 6, 20),
            anchor="2025-05")
    assert (m.role, m.period, m.basis, m.prep) == ("basis", "2024-05", "year_ago", "compared with")
    m = one("That was a 35% increase compared to the previous month.", "previous month", DEC20, "2025-11")
    assert (m.role, m.period, m.basis, m.anchor_relative) == ("basis", "2025-10", "previous_period", True)


def test_level_against_a_period_is_not_a_basis() -> None:
    s = "Only 46 tons went to Peru, against 689 tons in May 2024, a fall of 93%."
    m = one(s, "May 2024", date(2025, 6, 20), anchor="2025-05")
    assert (m.role, m.period, m.prep, m.of_comparison) == ("period", "2024-05", "in", True)


def test_a_comparison_level_does_not_become_the_anchor() -> None:
    s = "Exports were 9 tons, up 28% from 7 tons in May 2024, a tenth of the month's total."
    m = one(s, "month's", date(2025, 6, 20), anchor="2025-05")
    assert m.period == "2025-05"


@pytest.mark.parametrize("sentence,phrase,period", [
    ("Sales fell by over 11% in the same period.", "same period", "2025-11"),
    ("Sales rose during the month.", "during the month", "2025-11"),
    ("Only 5 tons were sold in the same period of 2024.", "same period of 2024", "2024-11"),
    ("Only 5 tons were sold in the same period last year.", "same period last year", "2024-11"),
])
def test_same_period(sentence: str, phrase: str, period: str) -> None:
    m = one(sentence, phrase, DEC20, anchor="2025-11")
    assert (m.role, m.period, m.anchor_relative) == ("period", period, True)


@pytest.mark.parametrize("sentence,phrase,period", [
    ("Sales over January-May were 14.5% less than in the same period of 2024.", "same period of 2024",
     "2024-01/2024-05"),
    ("First-half exports fell 18.9% on the same six months last year.", "same six months", "2024-H1"),
    ("Year-to-date exports were 13% ahead of the same period a year earlier.", "same period",
     "2024-01/2024-09"),
])
def test_same_period_of_a_year_before_as_basis(sentence: str, phrase: str, period: str) -> None:
    m = one(sentence, phrase, date(2025, 10, 13))
    assert (m.role, m.period, m.basis) == ("basis", period, "year_ago")


@pytest.mark.parametrize("phrase,basis", [
    ("year-on-year", "year_ago"), ("year on year", "year_ago"), ("on-year", "year_ago"),
    ("on year", "year_ago"), ("y/y", "year_ago"), ("YoY", "year_ago"), ("from a year earlier", "year_ago"),
    ("than a year ago", "year_ago"), ("MoM", "previous_period"), ("m/m", "previous_period"),
    ("month-on-month", "previous_period"), ("on the month", "previous_period"),
    ("on a monthly basis", "previous_period"),
])
def test_markers(phrase: str, basis: str) -> None:
    m = one(f"Exports in August rose 15% {phrase}.", phrase.split()[-1], date(2025, 9, 20))
    expected = "2024-08" if basis == "year_ago" else "2025-07"
    assert (m.role, m.basis, m.period) == ("marker", basis, expected)


@pytest.mark.parametrize("phrase", ["an annual fall", "an annual decline", "an annual increase"])
def test_annual_change_marker(phrase: str) -> None:
    m = one(f"For all of 2025, 5,900 tons were shipped, {phrase} of 20%.", "annual")
    assert (m.role, m.basis, m.period) == ("marker", "year_ago", "2024")


def test_marker_before_its_period_takes_the_following_period() -> None:
    m = one("Imports rose 37.5% year on year in May.", "year on year", date(2025, 6, 22))
    assert m.period == "2024-05"


def test_seasons() -> None:
    s = "Imports may reach 112 tons in the 2025/26 marketing year, above the 127 tons of last season."
    assert one(s, "last season", DEC20).period == "2024/25"
    s = "Imports may reach 112 tons in 2025/26, equalling the record of two seasons earlier."
    assert one(s, "two seasons earlier", DEC20).period == "2023/24"


# ------------------------------------------------------------------ scopes


@pytest.mark.parametrize("sentence,phrase,scope,anchor", [
    ("It was the smallest monthly amount since February 2020.", "since February 2020", "2020-02/", "2025-05"),
    ("It was the highest monthly figure since January.", "since January", "2025-01/", "2025-08"),
    ("It was the weakest total since 2021.", "since 2021", "2021/", "2025-05"),
    ("June was the strongest month since at least 2014.", "since at least 2014", "2014/", "2025-06"),
    ("The amount was the fourth-highest in 2025.", "in 2025", "2025", "2025-12"),
    ("This is the highest monthly volume recorded this year.", "this year", "2025", "2025-11"),
    ("The level was the highest on record.", "on record", "all", "2025-06"),
    ("Imports were a record for any month.", "any month", "all", "2025-05"),
    ("Imports set an all-time high of 9 tons.", "all-time", "all", "2025-05"),
    ("June imports were a record for the month.", "for the month", "--06", "2025-06"),
    ("That was the highest ever for the month of July.", "month of July", "--07", "2025-07"),
    ("Exports rose to their strongest level in six months.", "six months", "2025-02/2025-07", "2025-07"),
    ("Exports hit a six-month high.", "six-month high", "2025-02/2025-07", "2025-07"),
    ("Imports were the lowest in ten years.", "ten years", "2015/", "2025-04"),
    ("It was the biggest figure for one month in a year.", "in a year", "2024-06/2025-05", "2025-05"),
    ("Exports hit a year-to-date high.", "year-to-date", "2025-01/2025-11", "2025-11"),
    ("The mine peaked for the year in June.", "for the year", "2025", "2025-09"),
])
def test_scopes(sentence: str, phrase: str, scope: str, anchor: str) -> None:
    m = one(sentence, phrase, DEC20, anchor=anchor)
    assert (m.role, m.period) == ("scope", scope)


def test_record_in_a_year_is_the_period() -> None:
    # "record" has scope "all"; the year is when the record was set
    m = one("Imports climbed to a record in 2025.", "2025")
    assert (m.role, m.period) == ("period", "2025")


# ------------------------------------------------------------------ years


@pytest.mark.parametrize("sentence,phrase,role", [
    ("Exports rose 4% in 2025.", "2025", "period"),
    ("2025's total was 9 tons.", "2025", "period"),
    ("The 2025 total was 9 tons.", "2025", "period"),
    ("2025 exports fell 60%.", "2025", "period"),
    ("Shipments were below the 2025 peak.", "2025", "scope"),
    ("Tokyo published the 2022 security strategy.", "2022", "year"),
    ("As seen in the 2022 and 2025 defence plans, ties are close.", "2025", "year"),
    ("(c) 2025 Harbour Daily", "2025", "year"),
])
def test_bare_years(sentence: str, phrase: str, role: str) -> None:
    m = one(sentence, phrase)
    assert m.role == role


@pytest.mark.parametrize("sentence", ["Japan took 2000 tons.", "Exports rose 20.25%.", "The fee is $2025."])
def test_numbers_are_not_years(sentence: str) -> None:
    assert not [m for m in find_time_mentions(sentence, JAN19) if m.kind == "year"]


def test_year_as_basis() -> None:
    m = one("Imports in 2025 were 6.5% more than in 2024.", "2024")
    assert (m.role, m.period, m.basis) == ("basis", "2024", "year_ago")


# ------------------------------------------------------------------ days


@pytest.mark.parametrize("sentence,phrase,role,period", [
    ("Prices hit 90 dollars on December 19.", "December 19", "period", "2025-12-19"),
    ("Prices hit 90 dollars on 19 December 2024.", "19 December 2024", "period", "2024-12-19"),
    ("Customs will publish the breakdown on December 28.", "December 28", "release", "2025-12-28"),
    ("The data, released on Tuesday, showed a fall.", "Tuesday", "release", "2025-12-16"),
    ("Customs data showed on Friday that exports fell.", "Friday", "release", "2025-12-19"),
])
def test_days(sentence: str, phrase: str, role: str, period: str) -> None:
    m = one(sentence, phrase, DEC20)
    assert (m.role, m.period) == (role, period)


def test_a_quantity_after_a_month_is_not_a_day() -> None:
    got = find_time_mentions("The plant exported in April 4,785 tons.", DEC20)
    assert [m.period for m in got] == ["2025-04"]


# ------------------------------------------------------------------ the seed phrasings, in own words


def test_seed_like_sentences() -> None:
    pub = date(2026, 1, 19)
    s = "Exports of widgets to Chile in December fell 8% from November, when a dispute began."
    got = [(m.role, m.period, m.basis) for m in find_time_mentions(s, pub)]
    assert got[:2] == [("period", "2025-12", None), ("basis", "2025-11", "previous_period")]
    s = "Still, the December volume to Chile was 31.4% higher than in the same month in 2024."
    got = [(m.role, m.period, m.basis) for m in find_time_mentions(s, pub)]
    assert got == [("period", "2025-12", None), ("basis", "2024-12", "year_ago")]
    s = "The widget volume was the fourth-highest in 2025."
    assert [(m.role, m.period) for m in find_time_mentions(s, pub, "2025-12")] == [("scope", "2025")]
    pub = date(2025, 12, 20)
    s = "Widget exports to Chile surged in November, hitting a year-to-date high."
    got = [(m.role, m.period) for m in find_time_mentions(s, pub)]
    assert got == [("period", "2025-11"), ("scope", "2025-01/2025-11")]
    s = "Exports of the same widgets to Peru fell by over 11% in the same period."
    assert [(m.role, m.period) for m in find_time_mentions(s, pub, "2025-11")] == [("period", "2025-11")]


def test_anchor_relative_without_anchor_is_unresolved() -> None:
    m = one("That was 46% more than the month before.", "month before", DEC20)
    assert m.period is None and m.anchor_relative


@pytest.mark.parametrize(("sentence", "not_phrase"), [
    ("The mill will reopen within a year, the owners said.", "in a year"),
    ("The board paid a dividend of December 2024 profits.", "end of December 2024"),
])
def test_time_phrases_start_at_a_word(sentence: str, not_phrase: str) -> None:
    texts = [sentence[m.start:m.end] for m in find_time_mentions(sentence, date(2025, 6, 1))]
    assert not_phrase not in texts


# ------------------------------------------------------------------ the rule table


def test_every_pattern_row_finds_its_example() -> None:
    """Each row of timex.json "patterns" is a rule: its example is found, with the row's kind."""
    from extractor.nlp.timex import _DATA, _RESOLVERS, _RULES

    assert [r.kind for r in _RULES] == [row["kind"] for row in _DATA["patterns"]]
    for rule in _RULES:
        assert rule.kind in _RESOLVERS
        kinds = [m.kind for m in find_time_mentions(rule.example, date(1987, 3, 2))]
        assert rule.kind in kinds, (rule.kind, rule.example, kinds)


# ------------------------------------------------------------------ periods of news and wire copy

NOV7 = date(2025, 11, 7)
MAR2_87 = date(1987, 3, 2)


@pytest.mark.parametrize("sentence,phrase,published,anchor,period", [
    # cumulative spans written as adjectives or quarters
    ("Nine-month cobalt exports climbed to 7,400 t.", "Nine-month", NOV7, "2025-10", "2025-01/2025-09"),
    ("Nine-month cobalt exports climbed to 7,400 t.", "Nine-month", NOV7, None, "2025-01/2025-09"),
    ("The eight-month tally of bauxite shipments was 3 mln t.", "eight-month", NOV7, None, "2025-01/2025-08"),
    ("Nine months 1986 net income rose to 12 mln dlrs.", "Nine months 1986", MAR2_87, None, "1986-01/1986-09"),
    ("Zinc sales rose 3% in the first nine months.", "first nine months", NOV7, "2025-10", "2025-01/2025-09"),
    ("Zinc sales rose 3% in the first three quarters.", "first three quarters", NOV7, "2025-10",
     "2025-01/2025-09"),
    ("Tin imports fell in the first two quarters of 2024.", "first two quarters", NOV7, None, "2024-H1"),
    # the year under discussion
    ("Annual zinc exports reached 5,100 t.", "Annual", NOV7, "2025-10", "2025"),
    ("Nickel output hit 9 mln t for the full year.", "full year", NOV7, "2025-10", "2025"),
    ("Revenue was 40 mln dlrs in calendar 1986.", "calendar 1986", MAR2_87, None, "1986"),
    ("Cane output was 6 mln t in fiscal 1986/87.", "fiscal 1986/87", MAR2_87, None, "1986/87"),
    ("Cane output reached 6 mln t in 1986/87.", "1986/87", MAR2_87, None, "1986/87"),
    # quarters and halves without a year, 1987 wire style
    ("Pulp exports rose in the fourth quarter.", "fourth quarter", MAR2_87, None, "1986-Q4"),
    ("Pulp exports rose in Q4.", "Q4", MAR2_87, None, "1986-Q4"),
    ("Pulp exports rose in the December quarter.", "December quarter", MAR2_87, None, "1986-Q4"),
    ("Pulp exports rose in the quarter ended December 31.", "quarter ended", MAR2_87, None, "1986-Q4"),
    ("Pulp exports rose in the October-December quarter.", "October-December", MAR2_87, None, "1986-Q4"),
    ("Ore loadings in the June quarter were 2 mln t.", "June quarter", date(2025, 8, 1), None, "2025-Q2"),
    ("Pulp exports eased in the second half.", "second half", MAR2_87, None, "1986-H2"),
    # stocks at the end of a month, and on a day
    ("Cocoa stocks stood at 90,000 t at end-January.", "end-January", MAR2_87, None, "1987-01"),
    ("Cocoa stocks stood at 90,000 t at the end of January.", "end of January", MAR2_87, None, "1987-01"),
    ("Wheat stocks were 8 mln t as of April 1.", "April 1", date(1987, 4, 10), None, "1987-04-01"),
    # fiscal years named by their last day
    ("Sales reached 3 bln yen in the fiscal year ended March 31.", "fiscal year ended", date(1987, 5, 2), None,
     "1986/87"),
    ("Sales should reach 3 bln yen in the current financial year ending March 31.", "financial year",
     date(1987, 5, 2), None, "1987/88"),
    ("Losses narrowed to 2 mln dlrs in the year ended December 31, 1986.", "year ended", MAR2_87, None, "1986"),
    # this, current calendar period
    ("Barley sales total 40,000 t this calendar year.", "calendar year", MAR2_87, None, "1987"),
])
def test_news_periods(sentence: str, phrase: str, published: date, anchor: str | None, period: str) -> None:
    m = one(sentence, phrase, published, anchor)
    assert (m.role, m.period) == ("period", period)


@pytest.mark.parametrize("sentence,phrase", [
    ("Copper hit a six-month high on Friday.", "six-month"),
    ("Over the next nine months exports may double.", "nine months"),
    ("Hybrid cars earned more abroad over a six-month period.", "six-month"),
    ("Three-month deposits were quoted at 5 pct.", "Three-month"),
])
def test_n_months_that_are_not_the_first_n(sentence: str, phrase: str) -> None:
    assert not [m for m in find_time_mentions(sentence, NOV7, "2025-10") if m.kind == "nmonth"]


def test_annual_growth_stays_a_marker() -> None:
    m = one("Annual growth in copper sales was 4 pct.", "Annual", MAR2_87, "1986")
    assert (m.kind, m.role, m.basis, m.period) == ("marker", "marker", "year_ago", "1985")


# ------------------------------------------------------------------ seasons


@pytest.mark.parametrize("sentence,phrase,published,anchor,period", [
    ("Sugar output may reach 6 mln t in the October/September season.", "October/September", MAR2_87, None,
     "1986/87"),
    ("Sugar output may reach 6 mln t in the October/September season.", "October/September", MAR2_87, "1985/86",
     "1985/86"),
    ("Rice output may fall to 4 mln t in the 1986/87 (Nov/Oct) season.", "(Nov/Oct)", MAR2_87, None, "1986/87"),
    ("Palm use will rise in the next Oct/Sept 1987/88 season.", "Oct/Sept 1987/88", date(1987, 6, 18), None,
     "1987/88"),
    ("Lentil stocks to January 31 in the 1986/87 season (Oct/Sept) were 5,000 t.", "January 31", MAR2_87, None,
     "1986-10/1987-01"),
    ("Cumulative arrivals season to date in the 1986/87 (Oct/Sept) season were 9,000 t.", "season to date",
     MAR2_87, None, "1986-10/1987-02"),
    ("Millers expect the crop to recover to 700,000 t this season.", "this season", date(2025, 12, 1), None,
     "2025/26"),
    ("Crushing is likely to slow next season.", "next season", date(1987, 6, 18), "1987/88", "1987/88"),
    ("Barley sales for the current season were 40,000 t.", "current season", date(1987, 3, 5), "1987/88",
     "1986/87"),
])
def test_season_periods(sentence: str, phrase: str, published: date, anchor: str | None, period: str) -> None:
    m = one(sentence, phrase, published, anchor)
    assert (m.role, m.period) == ("period", period)


def test_a_season_with_its_months_is_one_mention() -> None:
    got = find_time_mentions("Rice output may fall to 4 mln t in the 1986/87 (Nov/Oct) season.", MAR2_87)
    assert [(m.kind, m.period) for m in got] == [("season", "1986/87")]


def test_a_six_month_crop_stays_a_span() -> None:
    m = one("Growers get 900 francs a kilo for the October-March main crop.", "October-March", date(2025, 12, 8))
    assert m.kind == "span" and m.period is not None and "/" in m.period and "-" in m.period.split("/")[0]


def test_season_to_date_without_the_seasons_months_is_unresolved() -> None:
    # the crop year would be the whole season; its first month is not in the text
    m = one("Coffee arrivals so far this season reached 900,000 bags.", "so far this season", MAR2_87, "1986/87")
    assert (m.kind, m.role, m.period) == ("std", "period", None)


# ------------------------------------------------------------------ weeks and other day spans


@pytest.mark.parametrize("sentence,phrase,published,period", [
    # a week is the seven days that end on its day; a day without a year is the most recent one
    ("Loadings reached 51,000 t in the week to December 7.", "week to December 7", NOV7,
     "2024-12-01/2024-12-07"),
    ("Loadings reached 51,000 t in the week to December 7.", "week to December 7", date(2025, 12, 9),
     "2025-12-01/2025-12-07"),
    # ... except in a sentence that looks ahead
    ("Loadings are expected to reach 51,000 t in the week to December 7.", "week to December 7", NOV7,
     "2025-12-01/2025-12-07"),
    ("Oat inspections were 2 mln bushels in the week ended Feb 19.", "week ended Feb 19", MAR2_87,
     "1987-02-13/1987-02-19"),
    ("Bean sales were 9,000 t in the two weeks ended March 12.", "two weeks", date(1987, 3, 16),
     "1987-02-27/1987-03-12"),
    ("Oat exports were 40,000 t in the first 20 days of February.", "first 20 days", MAR2_87,
     "1987-02-01/1987-02-20"),
    ("Oat exports were 40,000 t in the last ten days of January 1987.", "last ten days", MAR2_87,
     "1987-01-22/1987-01-31"),
    ("Deliveries from Oct. 1 to Dec. 7 totalled 700,000 t.", "Oct. 1 to Dec. 7", date(2025, 12, 10),
     "2025-10-01/2025-12-07"),
    ("Sales in Feb 1-20 were 3,000 t.", "Feb 1-20", MAR2_87, "1987-02-01/1987-02-20"),
    ("Buyers took 90,000 t between the opening of the season on Sept. 15 and Nov. 30.", "between", date(2025, 12, 10),
     "2025-09-15/2025-11-30"),
    ("Cotton arrivals eased last week to 5,000 bales.", "last week", date(2025, 12, 8), "2025-12-01/2025-12-07"),
])
def test_day_spans(sentence: str, phrase: str, published: date, period: str) -> None:
    m = one(sentence, phrase, published)
    assert (m.role, m.period) == ("period", period)


def test_weeks_relative_to_the_week_of_the_sentence() -> None:
    s = ("Sorghum sales in the week ended March 12 were 9,000 t, against 7,000 t the previous week "
         "and 5,000 t in the same week a year earlier.")
    got = [(m.kind, m.period, m.basis) for m in find_time_mentions(s, date(1987, 3, 16))]
    assert got == [("week", "1987-03-06/1987-03-12", None),
                   ("weekrel", "1987-02-27/1987-03-05", "previous_period"),
                   ("weekrel", "1986-03-06/1986-03-12", "year_ago")]


def test_week_basis_from_a_day_span_anchor() -> None:
    m = one("Inspections rose 6 pct from the previous week.", "previous week", MAR2_87, "1987-02-20/1987-02-26")
    assert (m.role, m.period, m.basis) == ("basis", "1987-02-13/1987-02-19", "previous_period")
    m = one("Inspections rose 6 pct week-on-week in the week ended Feb 26.", "week-on-week", MAR2_87)
    assert (m.role, m.period, m.basis) == ("marker", "1987-02-13/1987-02-19", "previous_period")


def test_a_year_earlier_after_a_day_span() -> None:
    m = one("Deliveries from Oct. 1 to Dec. 7 were 700,000 t, below 800,000 t a year earlier.", "year earlier",
            date(2025, 12, 10))
    assert (m.role, m.period, m.basis) == ("marker", "2024-10-01/2024-12-07", "year_ago")


@pytest.mark.parametrize("sentence", [
    "Talks on March 3 and 4 ended without a deal.",
    "Margins rose 3 to 4 pct on February 1 to 20 pct.",
])
def test_not_day_spans(sentence: str) -> None:
    assert not [m for m in find_time_mentions(sentence, MAR2_87) if m.kind == "dayspan"]


def test_last_week_after_a_release_word_is_a_release() -> None:
    m = one("Copper stocks fell, the exchange said last week.", "last week", date(2025, 12, 8))
    assert (m.role, m.period) == ("release", "2025-12-01/2025-12-07")


# ------------------------------------------------------------------ comparison periods


@pytest.mark.parametrize("sentence,phrase,role,period,basis", [
    ("Tin output was 5,000 t, against 4,100 t a year earlier.", "year earlier", "marker", "1986-01", "year_ago"),
    ("Tin output was 5,000 t, up from 4,100 t the previous month.", "previous month", "period", "1986-12", None),
    ("Tin output rose 5 pct from the same period last year.", "same period", "basis", "1986-01", "year_ago"),
    ("Tin output was 5,000 t, against 4,100 t in the same period last year.", "same period", "period", "1986-01",
     "year_ago"),
])
def test_comparison_periods_of_wire_copy(sentence: str, phrase: str, role: str, period: str,
                                        basis: str | None) -> None:
    m = one(sentence, phrase, MAR2_87, "1987-01")
    assert (m.role, m.period, m.basis) == (role, period, basis)


def test_the_half_and_the_quarter_are_those_of_the_period_under_discussion() -> None:
    from datetime import date

    from extractor.nlp.timex import find_time_mentions

    got = find_time_mentions("Cargoes to Chile rose 12% to 8,100 tonnes in the half.", date(2025, 8, 12), "2025-05")
    assert [(t.role, t.period) for t in got] == [("period", "2025-H1")]
    got = find_time_mentions("Earnings for the three months came to $90 million.", date(2025, 11, 2), "2025-09")
    assert [t.period for t in got] == ["2025-Q3"]
