"""Time expressions of one sentence: find them, give each a role, resolve it to a period.

    find_time_mentions("... 280 metric tons last month versus the 2025 peak of 305 tons a
                        month before ...", date(2026, 1, 19))
    -> "last month" period 2025-12, "the 2025 peak" scope 2025, "a month before" period 2025-11

Roles
    period   when the figure is ("in November", "the first 11 months", "in the same period")
    basis    a comparison period named explicitly ("from November", "than in the same month
             in 2024", "compared with May last year")
    marker   a basis word that names no period ("year-on-year", "MoM", "a year earlier");
             `period` is then the anchor shifted by `basis`, when an anchor is known
    scope    the span of a rank ("since February 2020" -> "2020-02/", "the 2025 peak" -> "2025",
             "a record for the month" -> "--06", "on record" -> "all")
    release  the day data came out ("showed on Tuesday", "due on August 20"), not a figure's period
    year     a bare year used as an adjective ("the 2022 security strategy"); for the claims layer
             to drop

Role rule for explicit periods: the preposition just before the expression (kept in
`prep`) decides. After a strong comparative ("than", "compared with", "versus", "above",
"below", "against", ...) the period is a basis; after "from", "on" or "over" it is a basis only
when a change word ("fell", "up", "%", ...) comes earlier in the sentence ("fell 8% from
November" but "From January, ..."). Anything else is the period of a level or a change; a bare
"a month before" after a level is that level's period.

Anchor: relative expressions ("a month before", "the same month in 2024", "year-on-year") are
resolved against the last period-role mention before them in the sentence, or else the
`anchor` argument (the period under discussion). Month names without a year are resolved
against the publication date (the most recent such month before the publication month).

Performance: regexes are compiled once; dateparser is only called on short day spans
("December 19", "Tuesday"), cached per (span, publication date, direction).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractor.periods import Period, format_period, make_period, parse_period, shift

_DATA: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parent.parent / "data" / "timex.json").read_text(encoding="utf-8"))


@dataclass
class TimeMention:
    start: int  # offsets in the sentence given; the span includes the governing preposition
    end: int
    text: str
    role: str | None  # period | basis | marker | scope | release | year
    period: str | None  # periods.py string, or a scope string ("2020-02/", "all", "--06")
    basis: str | None = None  # for basis/marker: previous_period | year_ago | period
    anchor_relative: bool = False  # resolved against the anchor rather than the publication date
    prep: str | None = None  # the preposition before the expression ("from", "than", "in", ...)
    kind: str = ""  # which pattern found it (month, span, same, relative, marker, year, ...)
    # The period of a comparison level ("up 28% from 1.27 million tons in May 2024"): a level's
    # period, but not the period under discussion, so it does not become the anchor.
    of_comparison: bool = False


# ---------------------------------------------------------------- vocabularies -> regexes


def _alt(words: list[str] | dict[str, Any], flexible: bool = True) -> str:
    """Alternation, longest first; with `flexible` spaces and hyphens inside a phrase match
    any run of either (so "year on year" also matches "year-on-year")."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        e = re.escape(w)
        if flexible:
            e = re.sub(r"(\\ |\\-|-|\s)+", r"[\\s\\-]+", e)
        out.append(e)
    return "|".join(out)


_MONTHS: dict[str, int] = dict(_DATA["months"])
for _name, _num in list(_MONTHS.items()):
    if len(_name) > 3 and not _name.endswith(".") and _name not in _DATA["ambiguous_months"]:
        _MONTHS[_name.upper()] = _num  # headlines in capitals ("NOVEMBER EXPORTS")
_MONTH_KEYS = {k.rstrip(".").lower(): v for k, v in _MONTHS.items()}
# Case-sensitive: "may" the verb and "march" the verb are not months.
MONTH = r"(?<![\w.])(?-i:" + _alt(list(_MONTHS), flexible=False) + r")(?![\w])"
YEAR = r"(?<![\d.,$£€¥#])(?:1[89]|20)\d\d(?!\d)"
YEAR_REL = rf"(?:{YEAR}|(?:last|this|next)\s+year)"
NUM = r"(?:\d{1,2}|" + _alt(_DATA["numbers"]) + r")"
ORD = _alt(_DATA["ordinals"])
MID = r"(?:" + _alt(_DATA["mid_words"]) + r")"
WEEKDAY = r"(?-i:" + _alt(_DATA["weekdays"], flexible=False) + r")(?:'s)?(?!\w)"

_I = re.I


def _c(p: str) -> re.Pattern[str]:
    return re.compile(p, _I)


def _phrase(p: str) -> re.Pattern[str]:
    """A time-phrase pattern: it starts at a word's start ("within a year" holds no "in a
    year", "dividend of" no "end of"); the anchor also spares the engine every mid-word position."""
    return _c(r"(?<!\w)(?:" + p + ")")


def _word_set(key: str) -> set[str]:
    return {w.lower() for w in _DATA[key]}


_BASIS_STRONG = _word_set("basis_preps_strong")
_BASIS_WEAK = _word_set("basis_preps_weak")
_RANK_RE = _c(r"(?:^|[\s-])(?:" + _alt(_DATA["rank_words"]) + r")$")
_RECORD_RE = _c(r"(?:^|[\s-])(?:" + _alt(_DATA["record_words"]) + r")$")
_CHANGE_RE = _c(r"(?:%|\b(?:" + _alt(_DATA["change_words"]) + r")\b)")
_FORECAST_RE = re.compile(r"\b(?:" + _alt(_DATA["forecast_cues"]) + r")\b")  # case-sensitive: not "May"
_RELEASE_RE = _c(r"\b(?:" + _alt(_DATA["release_words"]) + r")\b")
_FUTURE_RELEASE_RE = _c(r"\b(?:" + _alt(_DATA["future_release_cues"]) + r")\b")
_COMPARISON_LEVEL_RE = _c(
    r"\b(?:" + _alt(_DATA["comparison_level_preps"]) + r")\s+(?:the\s+|a\s+|an\s+|just\s+|only\s+)*"
    r"[$€£¥]?\d[\d,.]*(?:\s+[A-Za-z.]+){0,4}\s+$")
_STAT_NOUNS = _word_set("stat_nouns")
_RANK_NOUNS = _word_set("rank_nouns_after_year")
_UNIT_WORDS = _word_set("unit_words_after_number")
_MONTH_NOUNS = _word_set("month_data_nouns")
_MONTH_DETS = _word_set("month_determiners")
_NUMBERS: dict[str, int] = {k.lower(): v for k, v in _DATA["numbers"].items()}
_ORDINALS: dict[str, int] = {k.lower(): v for k, v in _DATA["ordinals"].items()}
_REL_UNITS: dict[str, int] = {k.lower(): v for k, v in _DATA["relative_units"].items()}
_MARKERS: dict[str, str] = {p.lower(): b for b, ps in _DATA["markers"].items() for p in ps}
_MARKER_KEYS = {re.sub(r"[\s-]+", " ", k): v for k, v in _MARKERS.items()}

_PREP_BEFORE = _c(
    r"(?:^|(?<=[\s(,;:]))(?P<p1>" + _alt(sorted(_BASIS_STRONG | _BASIS_WEAK | _word_set("period_preps")))
    + r")\s+(?:(?P<p2>in|of|for|during)\s+)?$")

_DET_BEFORE = {"the", "its", "their", "a", "an", "this", "that", "his", "her", "our", "whose"}


@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    m: re.Match[str]


# Patterns in priority order: the first that claims a stretch of text wins it.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("crop", _phrase(
        rf"(?:the\s+)?(?:(?:fiscal|financial|crop|marketing)\s+(?:year\s+)?)?(?P<y1>{YEAR})\s*(?:/|-|–)\s*"
        rf"(?P<y2>\d{{4}}|\d{{2}})(?!\d)(?:\s+(?:{_alt(_DATA['crop_nouns'])})\b)?")),
    ("fiscal", _phrase(rf"(?:(?:fiscal|financial|calendar)(?:\s+year)?\s+|FY\s?)(?P<y>{YEAR})")),
    ("day", _phrase(
        rf"(?P<m>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d%]|[.,]\d)(?:,?\s+(?P<y>{YEAR}))?")),
    ("day", _phrase(
        rf"(?<![\d.,])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")),
    ("weekday", _phrase(rf"(?P<wd>{WEEKDAY})")),
    ("span", _phrase(
        rf"(?:(?P<from>from|between)\s+)?(?:the\s+)?(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?"
        rf"(?P<sep>\s*[-–—/]\s*|\s+(?:to|through|thru|until|till|and)\s+)(?P<m2>{MONTH})"
        rf"(?:,?\s+(?:of\s+)?(?P<y2>{YEAR_REL}))?(?:\s+(?P<comb>combined|together))?"
        rf"(?:\s+(?P<noun>period|quarter|months))?")),
    ("firstn", _phrase(
        rf"(?:the\s+)?first\s+(?P<n>{NUM})\s+months(?:\s+(?:of\s+)?(?:(?P<y>{YEAR_REL})|the\s+year))?")),
    ("lastn", _phrase(rf"(?:the\s+)?(?:past|last|previous|latest|preceding)\s+(?P<n>{NUM})\s+months")),
    ("monthsto", _phrase(
        rf"(?:the\s+)?(?:(?P<n>{NUM})\s+months|year)\s+(?:to|through|ended|ending)\s+(?:end[\s-]+)?"
        rf"(?P<m>{MONTH})(?:\s+(?P<y>{YEAR}))?")),
    ("quarters", _phrase(
        rf"(?:the\s+)?(?P<o1>{ORD})\s+and\s+(?P<o2>{ORD})\s+quarters(?:\s+(?:of\s+)?(?P<y>{YEAR_REL}))?")),
    ("quarter", _phrase(rf"(?P<y>{YEAR})(?:'s)?\s+(?P<o>{ORD})[\s-]+quarter")),  # "the 1986 fourth quarter"
    ("half", _phrase(rf"(?P<y>{YEAR})(?:'s)?\s+(?P<o>first|second|1st|2nd)[\s-]+half")),
    ("quarter", _phrase(
        rf"(?:the\s+)?(?P<o>{ORD}|last)[\s-]+quarters?(?:\s+(?:of\s+)?(?P<y>{YEAR_REL}))?")),
    ("quarter", _phrase(rf"(?<!\w)(?-i:Q)(?P<q>[1-4])(?:\s*(?:of\s+)?(?P<y>{YEAR}))?(?!\w)")),
    ("quarter", _phrase(rf"(?P<y>{YEAR})\s*[-/]?\s*(?-i:Q)(?P<q>[1-4])(?!\w)")),
    ("quarter", _phrase(rf"(?<![\w.])(?P<q>[1-4])(?-i:Q)(?:\s*(?P<y>{YEAR}))?(?!\w)")),
    ("half", _phrase(
        rf"(?:the\s+)?(?P<o>first|second|1st|2nd)[\s-]+half(?:[\s-]+year)?(?:\s+(?:of\s+)?(?P<y>{YEAR_REL}))?")),
    ("half", _phrase(rf"(?<!\w)(?-i:H)(?P<h>[12])(?:\s*(?P<y>{YEAR}))?(?!\w)")),
    ("half", _phrase(rf"(?P<y>{YEAR})\s*[-/]?\s*(?-i:H)(?P<h>[12])(?!\w)")),
    ("half", _phrase(rf"(?<![\w.])(?P<h>[12])(?-i:H)(?:\s*(?P<y>{YEAR}))?(?!\w)")),
    ("ytd", _phrase(
        rf"(?:the\s+)?(?<![\w-])(?:{_alt(_DATA['ytd'])})(?![\w])(?:\s+(?:in|of)\s+(?P<y>{YEAR}))?")),
    ("fullyear", _phrase(
        rf"(?:all\s+of|the\s+whole\s+of|the\s+(?:full|entire|whole|calendar)\s+year(?:\s+of)?|full[\s-]year)"
        rf"\s+(?P<y>{YEAR_REL})(?:'s)?")),
    ("fullyear", _phrase(rf"(?P<y>{YEAR})\s+as\s+a\s+whole")),
    ("fullyear", _phrase(
        r"(?:the\s+(?:whole|full|entire)\s+year|the\s+year\s+as\s+a\s+whole|full-year)(?![\w-])")),
    ("fullyear", _phrase(  # "peaked for the year", "forecast for the year": the year under discussion
        r"(?:(?<=\bfor )|(?<=\bin ))the\s+year(?![\w'-]|\s+(?:to|ago|earlier|before|so|as|ended|ending|on|over)\b)")),
    ("same", _phrase(  # "the same month in 2024"; "that month": the period under discussion
        rf"(?:the\s+same|(?<![\w-])that(?=\s+(?:month|quarter|period|half|season)\b))\s+(?:(?P<n>{NUM})\s+)?(?P<noun>{_alt(_DATA['same_nouns'])})\b"
        rf"(?P<tail>\s+(?:(?:of|in|during)\s+)?(?:(?P<y>{YEAR})|(?P<ly>last\s+year|(?:a|one)\s+year\s+"
        r"(?:earlier|ago|before|previously)|(?:the\s+)?(?:previous|prior|preceding)\s+year|the\s+year\s+before)))?")),
    ("relative", _phrase(
        rf"(?:(?P<n>{NUM})|the)\s+(?P<u>{_alt(list(_REL_UNITS))})s?\s+"
        rf"(?P<after>{_alt(_DATA['relative_after'])})\b")),
    ("relative", _phrase(
        rf"(?:the\s+)?(?P<rel>previous|prior|preceding|year[\s-]+earlier|year[\s-]+ago)\s+"
        rf"(?P<u>{_alt(list(_REL_UNITS))}|period|level|figure|total)s?\b")),
    ("marker", _phrase(r"(?<![\w/-])(?:" + _alt(list(_MARKERS)) + r")(?![\w/-])")),
    ("formonth", _phrase(
        rf"(?:ever\s+)?(?:for|in)\s+(?:the|that|this)\s+(?:calendar\s+)?month(?:\s+of\s+(?P<m>{MONTH}))?"
        r"(?![\w'-]|\s+(?:before|earlier|ago))")),
    ("themonth", _phrase(r"(?:during|over|through|throughout)\s+the\s+month(?![\w'-]|\s+(?:before|earlier|ago))")),
    ("themonth", _phrase(r"the\s+month's")),
    ("scopeall", _phrase(r"(?<![\w-])(?:" + _alt(_DATA["scope_all"]) + r")(?![\w-])")),
    ("nscope", _phrase(
        rf"(?:in|over)\s+(?:the\s+)?(?:(?:past|last|previous)\s+)?(?P<n>{NUM}|a|one)\s+(?P<u>months?|years?)\b")),
    ("nscope", _phrase(
        rf"(?P<n>{NUM})[\s-](?P<u>month|year)\s+(?:{_alt(_DATA['rank_nouns_after_year'])})\b")),
    ("month", _phrase(
        rf"(?:(?P<mid>{MID})[\s-]*)?(?P<m>{MONTH})(?:(?:,?\s+of)?,?\s+(?P<y>{YEAR})|\s+(?P<rel>last|this|next)\s+year)?")),
    ("reltime", _phrase(r"(?P<w>last|this|next)\s+(?P<u>month|year|quarter|season)(?![\w-])")),
    ("year", _phrase(
        rf"(?:(?P<mid>{MID})[\s-]*|(?<![\w/-]))(?P<y>{YEAR})(?![\d/%]|s\b|[.,]\d|\s*[-–]\s*\d)")),  # not decades ("the 1960s")
]


def _candidates(sentence: str) -> list[_Cand]:
    taken: list[tuple[int, int]] = []
    out: list[_Cand] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(sentence):
            s, e = m.span()
            if s == e or any(s < b and a < e for a, b in taken):
                continue
            if not _valid(kind, m, sentence):
                continue
            taken.append((s, e))
            out.append(_Cand(s, e, kind, m))
    out.sort(key=lambda c: c.start)
    return out


def _valid(kind: str, m: re.Match[str], sentence: str) -> bool:
    """Pattern-specific checks that regexes express badly."""
    if kind == "crop":
        y1, y2 = int(m["y1"]), m["y2"]
        nxt = (y1 + 1) % 100 if len(y2) == 2 else y1 + 1
        return int(y2) == nxt
    if kind == "day":
        return 1 <= int(m["d"]) <= 31
    if kind == "span":
        sep = m["sep"].strip().lower()
        # "in April and May" is two months; "between April and May" / "April and May combined" a span
        return sep != "and" or bool(m["comb"]) or (m["from"] or "").lower() == "between"
    if kind in ("firstn", "lastn", "monthsto") and m["n"] is not None:
        return 1 <= _num(m["n"]) <= 24
    if kind == "month" and not (m["y"] or m["rel"] or m["mid"]):
        name = m["m"]
        if name in _DATA["ambiguous_months"]:
            return _month_context(sentence, m.start("m"), m.end("m"))
    if kind == "year":
        after = sentence[m.end():m.end() + 20]
        w = re.match(r"\s*([A-Za-z]+)", after)
        if w and w[1].lower() in _UNIT_WORDS:
            return False  # "2000 tonnes" is a quantity
    return True


def _month_context(sentence: str, s: int, e: int) -> bool:
    """A bare ambiguous month name ("May") needs a date-like neighbour."""
    before = re.findall(r"[\w'–—/-]+", sentence[max(0, s - 30):s])
    prev = before[-1].lower() if before else ""
    if _PREP_BEFORE.search(sentence[max(0, s - 40):s]) or prev in _MONTH_DETS:
        return True
    after = sentence[e:e + 30]
    if re.match(r"'s\b|\s+\d", after):
        return True
    w = re.match(r"\s+([A-Za-z]+)", after)
    return bool(w and w[1].lower() in _MONTH_NOUNS)


def _num(text: str) -> int:
    t = text.lower()
    return int(t) if t.isdigit() else _NUMBERS.get(t, 0)


# ---------------------------------------------------------------- arithmetic


def _ym_add(ym: tuple[int, int], months: int) -> tuple[int, int]:
    i = ym[0] * 12 + ym[1] - 1 + months
    return i // 12, i % 12 + 1


def _month_str(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def resolve_month_name(month: int, published: date) -> str:
    """The most recent `month` before the publication month ("in November" on 2025-12-20 ->
    2025-11; "in December" on 2025-12-20 -> 2024-12: the publication month itself is named
    "this month", and a month's figures are published after it ends)."""
    y = published.year if month < published.month else published.year - 1
    return _month_str(y, month)


def _month_year(month: int, published: date, forecast: bool) -> int:
    """Year of a month named without one. In a sentence that looks ahead ("expected to fall
    in January"), the nearest occurrence from five months back to six ahead, publication month
    included; otherwise the past rule of resolve_month_name."""
    if not forecast:
        return int(resolve_month_name(month, published)[:4])
    delta = (month - published.month) % 12  # 0..11 months ahead
    return published.year + (published.month + delta - 1) // 12 if delta <= 6 else \
        _ym_add((published.year, published.month), delta - 12)[0]


def _last_completed(published: date) -> tuple[int, int]:
    return _ym_add((published.year, published.month), -1)


def _year_for_end_month(end_month: int, published: date | None, anchor: Period | None) -> int | None:
    """Year of a cumulative span ending in `end_month` and written without a year."""
    if anchor is not None:
        return anchor.end[0]
    if published is None:
        return None
    return int(resolve_month_name(end_month, published)[:4])


def _year_for_started(first_month: int, published: date | None, anchor: Period | None) -> int | None:
    """Year of a quarter or half written without one: the anchor's, else the most recent one
    that began before the publication month (as for months, a period needs a month of data)."""
    if anchor is not None:
        return anchor.start[0]
    if published is None:
        return None
    return published.year if first_month < published.month else published.year - 1


def _year_whole(published: date | None, anchor: Period | None) -> int | None:
    """"The year as a whole" without a year: the anchor's year; else the publication year,
    except in January, when the year just ended is the one being summed up."""
    if anchor is not None:
        return anchor.end[0]
    if published is None:
        return None
    return published.year - 1 if published.month == 1 else published.year


def _rel_year(text: str | None, published: date | None) -> int | None:
    """YEAR or last/this/next year -> a year; None when it needs a missing publication date."""
    if not text:
        return None
    t = text.strip().lower()
    if t[:4].isdigit():
        return int(t[:4])
    if published is None:
        return None
    return published.year + {"last": -1, "this": 0, "next": 1}[t.split()[0]]


def _span(start: tuple[int, int], end: tuple[int, int]) -> str:
    return format_period(make_period(start, end))


def _shift_by(anchor: Period | None, unit_months: int, n: int) -> str | None:
    """The period `n` units before the anchor: a year or season shifts the whole anchor; a unit
    as long as the anchor steps back whole periods; a month before a longer anchor is the month
    before its last month."""
    if anchor is None or n <= 0:
        return None
    a = format_period(anchor)
    if unit_months in (0, 12):
        return shift(a, "year_ago", years=n)
    if unit_months == anchor.length and anchor.granularity != "day":
        out: str | None = a
        for _ in range(n):
            out = shift(out, "previous_period")
        return out
    if unit_months == 1:
        return format_period(Period(_ym_add(anchor.end, -n), _ym_add(anchor.end, -n), "month"))
    return None


def _basis_of(period: str | None, anchor: Period | None) -> str:
    """An explicit comparison period named as what it is relative to the anchor."""
    if period and anchor is not None:
        a = format_period(anchor)
        if period == shift(a, "year_ago"):
            return "year_ago"
        if period == shift(a, "previous_period"):
            return "previous_period"
    return "period"


def _open_scope(period: str | None) -> str | None:
    """"since X" -> "X/" with X's first month (or year when X is a year)."""
    p = parse_period(period)
    if p is None:
        return None
    if p.granularity in ("year", "crop"):
        return f"{p.start[0]:04d}/"
    return f"{_month_str(*p.start)}/"


@lru_cache(maxsize=4096)
def _dateparse(span: str, published: date, prefer: str) -> date | None:
    """dateparser on a short day span only (never a sentence: it reads dates into "35%")."""
    import dateparser  # slow import, only needed when a day is named

    got = dateparser.parse(span, languages=["en"], settings={
        "PREFER_DATES_FROM": prefer, "RELATIVE_BASE": datetime(published.year, published.month, published.day)})
    return got.date() if got else None


# ---------------------------------------------------------------- the sentence


@dataclass
class _Ctx:
    sentence: str
    published: date | None
    forecast: bool


def find_time_mentions(sentence: str, published: date | None, anchor: str | None = None) -> list[TimeMention]:
    """All time expressions of `sentence`, in order, each with its role and resolved period."""
    ctx = _Ctx(sentence, published, bool(_FORECAST_RE.search(sentence[:1].lower() + sentence[1:])))
    running = parse_period(anchor)
    out: list[TimeMention] = []
    pending: list[tuple[int, _Cand, str | None]] = []  # anchor-relative, met before any anchor
    for c in _candidates(sentence):
        window = sentence[max(0, c.start - 40):c.start]
        pm = _PREP_BEFORE.search(window)
        start = c.start - (len(window) - pm.start("p1")) if pm else c.start
        prep = re.sub(r"\s+", " ", pm["p1"].lower()) if pm else None
        tm = _resolve(c, ctx, running, prep, out)
        if tm is None:
            continue
        start, end = min(start, tm.start or start), max(c.end, tm.end)
        tm.start, tm.end, tm.text, tm.prep, tm.kind = start, end, sentence[start:end], prep, c.kind
        tm.of_comparison = tm.role == "period" and bool(
            _COMPARISON_LEVEL_RE.search(sentence[max(0, start - 80):start]))
        if tm.anchor_relative and running is None:
            pending.append((len(out), c, prep))
        out.append(tm)
        p = parse_period(tm.period)
        if tm.role == "period" and p is not None and p.granularity != "day" and not tm.of_comparison:
            running = p  # the period under discussion for what follows
    # "rose 37.5% year on year in May": with no anchor before it, a relative expression takes
    # the first period after it.
    for i, c, prep in pending:
        later = next((parse_period(t.period) for t in out[i + 1:] if t.role == "period" and not t.of_comparison
                      and parse_period(t.period) is not None and t.kind not in ("day", "weekday")), None)
        if later is None:
            continue
        again = _resolve(c, ctx, later, prep, out[:i])
        if again is not None:
            out[i].period, out[i].basis, out[i].role = again.period, again.basis, again.role
    return out


def _role_for_prep(prep: str | None, sentence: str, start: int, is_day: bool = False) -> str:
    if prep in _BASIS_STRONG:
        return "basis"
    if prep in _BASIS_WEAK and not (is_day and prep == "on"):
        before = sentence[:start]
        if _CHANGE_RE.search(before[: len(before) - len(prep)]):
            return "basis"
    return "period"


def _rank_before(sentence: str, start: int, words: re.Pattern[str] = _RANK_RE) -> bool:
    """A rank word among the few words before `start`, in the same clause."""
    window = re.split(r"[;,:()]", sentence[max(0, start - 60):start])[-1]
    toks = re.findall(r"[\w'-]+", window)[-6:]
    return any(words.search(" " + t) for t in toks)


def _rank_after(sentence: str, end: int) -> bool:
    w = re.match(r"[\s-]+([A-Za-z]+)", sentence[end:end + 20])
    return bool(w and w[1].lower() in _RANK_NOUNS)


def _resolve(c: _Cand, ctx: _Ctx, anchor: Period | None, prep: str | None,
             done: list[TimeMention]) -> TimeMention | None:
    m, pub, s = c.m, ctx.published, ctx.sentence
    k = c.kind
    period: str | None = None
    rel = False
    role = "period"
    basis: str | None = None

    if k == "crop":
        y1 = int(m["y1"])
        period = f"{y1:04d}/{(y1 + 1) % 100:02d}"
    elif k == "fiscal":
        period = m["y"]
    elif k in ("day", "weekday"):
        # A day is a figure's period only when no release word governs it.
        window = s[max(0, c.start - 45):c.start]
        role = "release" if k == "weekday" or _RELEASE_RE.search(window) else "period"
        if k == "day" and m["y"]:
            try:
                period = date(int(m["y"]), _MONTH_KEYS[m["m"].rstrip(".").lower()], int(m["d"])).isoformat()
            except ValueError:
                period = None
        elif pub is not None:
            ahead = role == "release" and bool(_FUTURE_RELEASE_RE.search(window))
            span = m["wd"].removesuffix("'s") if k == "weekday" else f"{m['m'].rstrip('.')} {int(m['d'])}"
            d = _dateparse(span, pub, "future" if ahead else "past")
            period = d.isoformat() if d else None
        if k == "day" and role == "period" and prep in ("since",):
            role, period = "scope", (f"{period}/" if period else None)
        return TimeMention(0, 0, "", role, period)
    elif k == "span":
        a, b = _MONTH_KEYS[m["m1"].rstrip(".").lower()], _MONTH_KEYS[m["m2"].rstrip(".").lower()]
        y2 = _rel_year(m["y2"], pub)
        if y2 is None and m["y1"]:
            y2 = int(m["y1"]) + (1 if b < a else 0)
        if y2 is None and pub is not None:
            y2 = _month_year(b, pub, ctx.forecast)
        if y2 is not None:
            y1 = int(m["y1"]) if m["y1"] else (y2 - 1 if b < a else y2)
            period = _span((y1, a), (y2, b))
        if m["from"]:
            prep = None  # "from January to May" is a span, not a comparison
    elif k == "firstn":
        n = _num(m["n"])
        y = _rel_year(m["y"], pub) if m["y"] else _year_for_end_month(n if n <= 12 else 12, pub, anchor)
        rel = not m["y"] and anchor is not None
        if y is not None and 1 <= n <= 12:
            period = _span((y, 1), (y, n))
    elif k == "lastn":
        end = anchor.end if anchor is not None else (_last_completed(pub) if pub else None)
        rel = anchor is not None
        if end is not None:
            period = format_period(Period(_ym_add(end, 1 - _num(m["n"])), end, "span"))
    elif k == "monthsto":
        n = _num(m["n"]) if m["n"] else 12
        mo = _MONTH_KEYS[m["m"].rstrip(".").lower()]
        y = int(m["y"]) if m["y"] else (_month_year(mo, pub, ctx.forecast) if pub else None)
        if y is not None:
            period = _span(_ym_add((y, mo), 1 - n), (y, mo))
    elif k == "quarters":
        q1, q2 = _ORDINALS[m["o1"].lower()], _ORDINALS[m["o2"].lower()]
        y = _rel_year(m["y"], pub) if m["y"] else _year_for_started(3 * q1 - 2, pub, anchor)
        if y is not None and q1 <= q2:
            period = _span((y, 3 * q1 - 2), (y, 3 * q2))
    elif k == "quarter":
        o = (m.groupdict().get("o") or "").lower()
        if o == "last" and not m["y"]:
            if pub is not None:  # the quarter before the one of publication
                ym = _ym_add((pub.year, 3 * ((pub.month - 1) // 3) + 1), -3)
                period = format_period(Period(ym, _ym_add(ym, 2), "quarter"))
        else:
            q = int(m["q"]) if m.groupdict().get("q") else (_ORDINALS.get(o, 4))
            y = _rel_year(m["y"], pub) if m["y"] else _year_for_started(3 * q - 2, pub, anchor)
            rel = not m["y"] and anchor is not None
            if y is not None:
                period = f"{y:04d}-Q{q}"
    elif k == "half":
        h = int(m["h"]) if m.groupdict().get("h") else (1 if m["o"].lower() in ("first", "1st") else 2)
        y = _rel_year(m["y"], pub) if m["y"] else _year_for_started(6 * h - 5, pub, anchor)
        rel = not m["y"] and anchor is not None
        if y is not None:
            period = f"{y:04d}-H{h}"
    elif k == "ytd":
        if m["y"]:
            end = anchor.end if anchor is not None and anchor.end[0] == int(m["y"]) else None
            y = int(m["y"])
        else:
            end = anchor.end if anchor is not None and anchor.granularity in ("month", "span") else None
            if end is None and pub is not None and pub.month > 1:
                end = _last_completed(pub)
            y = end[0] if end else None
        rel = anchor is not None and end == anchor.end
        if y is not None and end is not None:
            period = format_period(Period((y, 1), end, "span")) if end[1] > 1 else _month_str(y, 1)
        if _rank_after(s, c.end) or _rank_before(s, c.start):
            return TimeMention(0, 0, "", "scope", period, anchor_relative=rel)
    elif k == "fullyear":
        y = _rel_year(m["y"], pub) if m.groupdict().get("y") else _year_whole(pub, anchor)
        rel = not m.groupdict().get("y") and anchor is not None
        period = str(y) if y is not None else None
    elif k == "same":
        rel = True
        if anchor is not None:
            a = format_period(anchor)
            if m["y"]:
                period = shift(a, "year_ago", years=anchor.start[0] - int(m["y"]))
            elif m["ly"]:
                period = shift(a, "year_ago")
            else:
                period = a
    elif k == "relative":
        u = re.sub(r"[\s-]+", " ", m["u"].lower())
        rel = True
        unit: int | None
        if m.groupdict().get("rel"):
            n = 1
            if m["rel"].lower().startswith("year"):
                unit = 12  # "the year-ago period"
            else:  # "the previous month"; "the previous period" is one of the anchor's length
                unit = _REL_UNITS.get(u, anchor.length if anchor is not None else None)
        else:
            unit, n = _REL_UNITS[u], (_num(m["n"]) if m["n"] else 1)
        period = _shift_by(anchor, unit, n) if unit is not None else None
        if u == "year" and n == 1:
            # "a year earlier" names no period of its own: a y/y marker
            return TimeMention(0, 0, "", "marker", period, "year_ago", True)
    elif k == "marker":
        key = re.sub(r"[\s-]+", " ", m[0].lower())
        b = _MARKER_KEYS.get(key, "year_ago")
        period = shift(format_period(anchor), b) if anchor is not None else None
        return TimeMention(0, 0, "", "marker", period, b, True)
    elif k in ("formonth", "themonth"):
        mo = m.groupdict().get("m")
        if mo:
            num = _MONTH_KEYS[mo.rstrip(".").lower()]
            month_period = _month_str(_month_year(num, pub, ctx.forecast), num) if pub else None
        else:
            rel = True
            num = anchor.end[1] if anchor is not None else None
            month_period = _month_str(*anchor.end) if anchor is not None else None
        if k == "formonth" and _rank_before(s, c.start, _RECORD_RE):
            return TimeMention(0, 0, "", "scope", f"--{num:02d}" if num else None, anchor_relative=rel)
        period = month_period
    elif k == "scopeall":
        if not (_rank_before(s, c.start, _RECORD_RE) or _rank_after(s, c.end)
                or m[0].lower().startswith("on record")):
            return None
        return TimeMention(0, 0, "", "scope", "all")
    elif k == "nscope":
        n = 1 if m["n"].lower() in ("a", "an", "one") else _num(m["n"])
        if m[0].split()[0].lower() in ("in", "over") and (not _rank_before(s, c.start) or (
                n == 1 and m["u"].lower().startswith("month"))):
            return None  # "in six months" without a superlative is a duration
        if anchor is None or n <= 0:
            return TimeMention(0, 0, "", "scope", None, anchor_relative=True)
        months = n * (12 if m["u"].lower().startswith("year") else 1)
        if m["u"].lower().startswith("year") and n >= 2:
            return TimeMention(0, 0, "", "scope", f"{anchor.end[0] - n:04d}/", anchor_relative=True)
        start = _ym_add(anchor.end, 1 - months)
        return TimeMention(0, 0, "", "scope", format_period(Period(start, anchor.end, "span")),
                           anchor_relative=True)
    elif k == "reltime":
        w, u = m["w"].lower(), m["u"].lower()
        off = {"last": -1, "this": 0, "next": 1}[w]
        if u == "season":
            rel = True
            if w == "last" and anchor is not None and anchor.granularity == "crop":
                period = shift(format_period(anchor), "year_ago")
        elif pub is not None:
            if u == "month":
                period = _month_str(*_ym_add((pub.year, pub.month), off))
            elif u == "year":
                period = str(pub.year + off)
            else:
                ym = _ym_add((pub.year, 3 * ((pub.month - 1) // 3) + 1), 3 * off)
                period = format_period(Period(ym, _ym_add(ym, 2), "quarter"))
        if u == "year" and (_rank_before(s, c.start) or _rank_after(s, c.end)):
            return TimeMention(0, 0, "", "scope", period)
        if re.search(r"\b(?:released|published|issued|announced|out)\s+$", s[max(0, c.start - 20):c.start], _I):
            return TimeMention(0, 0, "", "release", period)  # "June data, published last month, ..."
    elif k == "month":
        num = _MONTH_KEYS[m["m"].rstrip(".").lower()]
        if m["y"]:
            period = _month_str(int(m["y"]), num)
        elif m["rel"]:
            y = _rel_year(m["rel"] + " year", pub)
            period = _month_str(y, num) if y is not None else None
        elif pub is not None:
            period = _month_str(_month_year(num, pub, ctx.forecast), num)
    elif k == "year":
        return _resolve_year(c, ctx, prep, done, anchor)

    if prep is not None and prep.startswith("since"):
        return TimeMention(0, 0, "", "scope", _open_scope(period), anchor_relative=rel)
    if k in ("fullyear", "fiscal") and (_rank_before(s, c.start) or _rank_after(s, c.end)):
        return TimeMention(0, 0, "", "scope", period, anchor_relative=rel)
    role = _role_for_prep(prep, s, c.start)
    if role == "basis":
        basis = _basis_of(period, anchor)
    return TimeMention(0, 0, "", role, period, basis, rel)


def _resolve_year(c: _Cand, ctx: _Ctx, prep: str | None, done: list[TimeMention],
                  anchor: Period | None) -> TimeMention | None:
    """A bare four-digit year: a period, a rank scope, or an adjective ("the 2022 strategy")."""
    s, m = ctx.sentence, c.m
    y = m["y"]
    if prep is not None and prep.startswith("since"):
        return TimeMention(0, 0, "", "scope", f"{y}/")
    after = s[c.end:c.end + 30]
    if after.startswith("'s") or after.startswith("’s"):
        role = "period"
    elif _rank_after(s, c.end):
        # "the 2025 peak": the mention spans the article and the rank noun
        w = re.match(r"[\s-]+[A-Za-z]+", s[c.end:])
        det = re.search(r"\b(?:the|its|their)\s+$", s[:c.start], re.I)
        return TimeMention(det.start() if det else c.start, c.end + (w.end() if w else 0), "", "scope", y)
    else:
        w = re.match(r"[\s-]+([A-Za-z]+)", after)
        nxt = w[1] if w else ""
        before = re.findall(r"[\w'-]+|[^\w\s]", s[max(0, c.start - 30):c.start])
        prev_raw = before[-1] if before else ""
        prev = prev_raw.lower()
        # "2022 and 2025 security strategies": the second year shares the first one's role
        if done and done[-1].kind == "year" and re.fullmatch(r"\s*(?:and|or|,)\s*", s[done[-1].end:c.start]):
            if done[-1].role == "year":
                return TimeMention(0, 0, "", "year", y)
        if nxt and nxt.lower() in _STAT_NOUNS:
            role = "period"
        elif prep is None and (nxt[:1].isupper() or (prev_raw[:1].isupper() and _not_sentence_start(s, c.start))):
            role = "year"  # "(c) 2025 Tidewater Times", "Harbour Ledger 2025"
        elif prev in _DET_BEFORE and nxt and nxt.lower() not in ("and", "or", "to"):
            role = "year"  # "the 2022 security strategy"
        elif prev in _DET_BEFORE and nxt.lower() in ("and", "or"):
            role = "year"
        elif prep is None and prev not in ("", ".", ",") and prev.isalpha() is False and prev not in _DET_BEFORE:
            role = "year"  # "© 2025"
        else:
            role = "period"
    if role == "period":
        if _rank_before(s, c.start) and prep in (None, "in", "for", "of", "during", "throughout", "within"):
            return TimeMention(0, 0, "", "scope", y)
        role = _role_for_prep(prep, s, c.start)
        return TimeMention(0, 0, "", role, y, _basis_of(y, anchor) if role == "basis" else None)
    return TimeMention(0, 0, "", role, y)


def _not_sentence_start(s: str, start: int) -> bool:
    """The word before `start` is not the sentence's first word."""
    return bool(re.search(r"\w[^\w]+\w+[^\w]*$", s[:start]))
