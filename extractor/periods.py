"""Period strings of DESIGN.md §3 and their arithmetic.

    2025-11            month          2025-Q3     quarter      2025-H1   half year
    2025               year           2025-12-19  day          1986/87   crop/fiscal year
    2025-01/2025-11    span of months (inclusive), e.g. "the first 11 months"

A period is an interval of whole months (a day is kept as a day); granularity says how
it was written, so a month is never turned into a made-up day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_CROP = re.compile(r"^(\d{4})/(\d{2}|\d{4})$")
_SPAN = re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$")
_DAYSPAN = re.compile(r"^(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    start: tuple[int, int]  # (year, month), inclusive
    end: tuple[int, int]  # (year, month), inclusive
    granularity: str  # day | dayspan | month | quarter | half | year | span | crop
    day: date | None = None  # for granularity "day" (and the first day of a "dayspan")
    day_end: date | None = None  # the last day of a "dayspan" ("the week ended February 26")

    def __str__(self) -> str:
        return format_period(self)

    @property
    def months(self) -> list[tuple[int, int]]:
        out, (y, m) = [], self.start
        while (y, m) <= self.end:
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    @property
    def length(self) -> int:
        return (self.end[0] - self.start[0]) * 12 + self.end[1] - self.start[1] + 1


def month_index(ym: tuple[int, int]) -> int:
    return ym[0] * 12 + ym[1] - 1


def from_index(i: int) -> tuple[int, int]:
    return divmod(i, 12)[0], divmod(i, 12)[1] + 1


def parse_period(text: str | None) -> Period | None:
    """Period string -> Period; None for anything else (unresolved, open scopes)."""
    if not text:
        return None
    text = text.strip()
    if m := _MONTH.match(text):
        ym = (int(m[1]), int(m[2]))
        return Period(ym, ym, "month") if 1 <= ym[1] <= 12 else None
    if m := _QUARTER.match(text):
        y, q = int(m[1]), int(m[2])
        return Period((y, 3 * q - 2), (y, 3 * q), "quarter")
    if m := _HALF.match(text):
        y, h = int(m[1]), int(m[2])
        return Period((y, 6 * h - 5), (y, 6 * h), "half")
    if m := _YEAR.match(text):
        y = int(m[1])
        return Period((y, 1), (y, 12), "year")
    if m := _DAY.match(text):
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return Period((d.year, d.month), (d.year, d.month), "day", d)
    if m := _DAYSPAN.match(text):
        try:
            a, b = date.fromisoformat(m[1]), date.fromisoformat(m[2])
        except ValueError:
            return None
        return Period((a.year, a.month), (b.year, b.month), "dayspan", a, b) if a <= b else None
    if m := _SPAN.match(text):
        a, b = (int(m[1]), int(m[2])), (int(m[3]), int(m[4]))
        if not (1 <= a[1] <= 12 and 1 <= b[1] <= 12) or b < a:
            return None
        return Period(a, b, "span")
    if m := _CROP.match(text):
        # A crop or fiscal year as reported; its months differ by commodity and country,
        # so it is kept as the two calendar years it straddles.
        y = int(m[1])
        y2 = int(m[2]) if len(m[2]) == 4 else (y // 100) * 100 + int(m[2])
        if y2 < y:
            y2 += 100
        return Period((y, 1), (y2, 12), "crop") if y2 == y + 1 else None
    return None


def format_period(p: Period) -> str:
    (y, m), (y2, m2) = p.start, p.end
    if p.granularity == "day" and p.day:
        return p.day.isoformat()
    if p.granularity == "dayspan" and p.day and p.day_end:
        return f"{p.day.isoformat()}/{p.day_end.isoformat()}"
    if p.granularity == "month":
        return f"{y:04d}-{m:02d}"
    if p.granularity == "quarter":
        return f"{y:04d}-Q{(m + 2) // 3}"
    if p.granularity == "half":
        return f"{y:04d}-H{(m + 5) // 6}"
    if p.granularity == "year":
        return f"{y:04d}"
    if p.granularity == "crop":
        return f"{y:04d}/{y2 % 100:02d}"
    return f"{y:04d}-{m:02d}/{y2:04d}-{m2:02d}"


def make_period(start: tuple[int, int], end: tuple[int, int]) -> Period:
    """The most natural granularity for a span of whole months."""
    (y, m), (y2, m2) = start, end
    if start == end:
        return Period(start, end, "month")
    if y == y2 and m == 1 and m2 == 12:
        return Period(start, end, "year")
    if y == y2 and m2 - m == 5 and m in (1, 7):
        return Period(start, end, "half")
    if y == y2 and m2 - m == 2 and m in (1, 4, 7, 10):
        return Period(start, end, "quarter")
    return Period(start, end, "span")


def shift(text: str | None, basis: str, years: int = 1) -> str | None:
    """The comparison period of `text` for a basis: `previous_period` (the period of the
    same length just before) or `year_ago` (the same months a year earlier)."""
    p = parse_period(text)
    if p is None:
        return None
    if p.granularity == "dayspan" and p.day and p.day_end:
        return _shift_days(p, basis, years)
    if basis == "year_ago":
        if p.granularity == "day" and p.day:
            try:
                return p.day.replace(year=p.day.year - years).isoformat()
            except ValueError:  # 29 February
                return (p.day - timedelta(days=365 * years)).isoformat()
        return format_period(Period((p.start[0] - years, p.start[1]), (p.end[0] - years, p.end[1]),
                                    p.granularity))
    if basis == "previous_period":
        if p.granularity == "day" and p.day:
            return (p.day - timedelta(days=1)).isoformat()
        if p.granularity == "crop":
            return shift(text, "year_ago")
        if p.granularity == "span" and p.start[1] == 1:
            # "January-May" against the same span a year before is the usual comparison;
            # a previous period of a year-to-date span does not exist, so use the year ago.
            return shift(text, "year_ago")
        n = p.length
        a, b = month_index(p.start) - n, month_index(p.end) - n
        return format_period(Period(from_index(a), from_index(b), p.granularity))
    return None


def _shift_days(p: Period, basis: str, years: int) -> str | None:
    """A day span a year earlier, or the span of the same length just before it."""
    if basis == "year_ago":
        def back(d: date) -> date:
            try:
                return d.replace(year=d.year - years)
            except ValueError:  # 29 February
                return d - timedelta(days=365 * years)
        a, b = back(p.day), back(p.day_end)
    elif basis == "previous_period":
        n = (p.day_end - p.day).days + 1
        a, b = p.day - timedelta(days=n), p.day_end - timedelta(days=n)
    else:
        return None
    return f"{a.isoformat()}/{b.isoformat()}"


def contains(outer: str | None, inner: str | None) -> bool:
    a, b = parse_period(outer), parse_period(inner)
    return bool(a and b) and a.start <= b.start and b.end <= a.end


def month_of(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"
