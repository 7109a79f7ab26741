"""Publication dates: recognising the date strings of bylines, datelines and metadata.

Only short, already-isolated strings and header lines are parsed here, never body
paragraphs: a body sentence about "December 2025" data is not a publication date.

Numeric dates (DD/MM/YYYY vs MM/DD/YYYY). A slot above 12 settles the order. When both
readings are possible and differ (08/12/2025) the date is flagged ambiguous and read
day-first -- the convention of most outlets outside the US -- unless the same document
writes another numeric date that can only be month-first (e.g. 12/20/2025), in which
case month-first. Dotted dates (20.08.2025) are always read day-first (no US outlet
writes them) but are still flagged when both readings are possible.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")"
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")

_ISO_RE = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
_NUM_RE = re.compile(r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)")
_DMY_RE = re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MON + r"\.?,?\s+(?P<y>\d{4})(?!\d)", re.I)
_MDY_RE = re.compile(r"(?<![\w])" + _MON + r"\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)", re.I)
# Month and day with no year ("JUL 20", "20 Jul"): usable only with a year from elsewhere.
_MD_RE = re.compile(r"(?<![\w])" + _MON + r"\.?\s+(?P<d>\d{1,2})(?!\d)(?!\s*,?\s*\d{4})", re.I)
_DM_RE = re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MON2 + r"\b\.?(?!,?\s*\d{4})", re.I)

# Unambiguous numeric dates anywhere in the document, used only to learn its convention.
_SLASH_ANY_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


@dataclass
class FoundDate:
    """A publication date found in a string."""

    iso: str  # YYYY-MM-DD
    matched: str  # the words that gave it, for warnings
    start: int = 0  # span of `matched` in the searched string
    end: int = 0
    ambiguous: bool = False  # both day-first and month-first readings were possible
    other: str | None = None  # the reading not chosen, when ambiguous
    day_first: bool = True  # which reading was chosen, when ambiguous
    no_year: bool = False  # month and day only; `iso` then used the default year


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def month_first_document(text: str) -> bool:
    """True when the document writes a numeric date that can only be month-first (12/20/2025)
    and none that can only be day-first."""
    mf = df = False
    for a, b, _y in _SLASH_ANY_RE.findall(text):
        a_, b_ = int(a), int(b)
        if a_ <= 12 < b_:
            mf = True
        elif b_ <= 12 < a_:
            df = True
    return mf and not df


def find_date(s: str, *, month_first: bool = False, default_year: int | None = None) -> FoundDate | None:
    """The first full date written in `s` (a byline, dateline or metadata value), or None.

    `month_first`: how to read an ambiguous slashed date (see module docstring).
    `default_year`: year for a month-day date with no year ("JUL 20"); without it such a
    date is returned with no_year=True and an empty iso.
    """
    hits: list[FoundDate] = []
    m = _ISO_RE.search(s)
    if m and (iso := _iso(int(m["y"]), int(m["m"]), int(m["d"]))):
        hits.append(FoundDate(iso, m.group(0), m.start(), m.end()))
    m = _NUM_RE.search(s)
    if m:
        hit = _numeric(m, month_first)
        if hit:
            hits.append(hit)
    for rx in (_DMY_RE, _MDY_RE):
        m = rx.search(s)
        if m and (iso := _iso(int(m["y"]), _MONTHS[m["mon"].lower()], int(m["d"]))):
            hits.append(FoundDate(iso, m.group(0), m.start(), m.end()))
    if hits:
        return min(hits, key=lambda h: h.start)
    for rx, key in ((_MD_RE, "mon"), (_DM_RE, "mon2")):
        m = rx.search(s)
        if m:
            mon, day = _MONTHS[m[key].lower()], int(m["d"])
            if default_year is None:
                if 1 <= day <= 31:
                    return FoundDate("", m.group(0).strip(), m.start(), m.end(), no_year=True)
                continue
            iso = _iso(default_year, mon, day)
            if iso:
                return FoundDate(iso, m.group(0).strip(), m.start(), m.end(), no_year=True)
    return None


def _numeric(m: re.Match[str], month_first: bool) -> FoundDate | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    dmy, mdy = _iso(y, b, a), _iso(y, a, b)
    if dmy and not mdy:
        return FoundDate(dmy, m.group(0), m.start(), m.end())
    if mdy and not dmy:
        return FoundDate(mdy, m.group(0), m.start(), m.end(), day_first=False)
    if not dmy or not mdy:
        return None
    if dmy == mdy:  # 05/05/2025
        return FoundDate(dmy, m.group(0), m.start(), m.end())
    day_first = m["sep"] == "." or not month_first
    chosen, other = (dmy, mdy) if day_first else (mdy, dmy)
    return FoundDate(chosen, m.group(0), m.start(), m.end(), ambiguous=True, other=other, day_first=day_first)


def parse_date_value(value: object, *, month_first: bool = False) -> FoundDate | None:
    """A metadata date (front matter, JSONL, HTML meta): a date object or a string.

    The date is taken as written, in the publisher's own time zone
    ("2025-06-09T22:48:00+08:00" is 2025-06-09). dateparser is the last resort, on this
    short string only.
    """
    if isinstance(value, _dt.datetime):
        return FoundDate(value.date().isoformat(), value.isoformat())
    if isinstance(value, _dt.date):
        return FoundDate(value.isoformat(), value.isoformat())
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    found = find_date(s, month_first=month_first)
    if found and found.iso:
        return found
    import dateparser  # lazy: slow to import, rarely needed

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"],
                "DATE_ORDER": "MDY" if month_first else "DMY", "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(s, languages=["en"], settings=settings)
    if parsed is None:
        return None
    return FoundDate(parsed.date().isoformat(), s)


def ambiguity_warning(found: FoundDate) -> str:
    order = "day first" if found.day_first else "month first"
    alt = "month first" if found.day_first else "day first"
    return (f"ambiguous date '{found.matched}': read {order} as {found.iso}; "
            f"{alt} it would be {found.other}")
