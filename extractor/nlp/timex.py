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

Rules: every pattern is a row of extractor/data/timex.json "patterns" (kind, pattern, example),
in priority order; its kind is bound to a small resolver function (and optionally a validator)
in one table at the end of this module (_RESOLVERS, _VALIDATORS -> _RULES). Adding a phrase
shape is adding a row, and a resolver when no existing one fits.

Day spans: weeks, interim figures and season-to-date counts by day are written as two days,
"1987-02-20/1987-02-26" ("the week ended February 26", "the first 20 days of February", "from
Oct. 1 to Dec. 7"). periods.py does not parse them, so they never become the anchor; "the
previous week", "the same week a year earlier", "a year earlier" and "week-on-week" count from
the latest one in the sentence, or from an `anchor` given as one. A day without a year is the
most recent one up to publication (in a sentence that looks ahead, the nearest one).

Performance: regexes are compiled once; dateparser is only called on short day spans
("December 19", "Tuesday"), cached per (span, publication date, direction).
"""

from __future__ import annotations

import json
import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
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
    for w in sorted(set(words), key=lambda w: (-len(w), w)):  # deterministic, whatever the hash seed
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
_SEASON_START: int = _DATA["default_season_start_month"]
_N_MONTH_NOT_AFTER = _word_set("n_month_not_after")
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
    rule: _Rule  # the row that found it


# ---------------------------------------------------------------- rules: finding candidates
#
# A rule is one row of timex.json "patterns": (kind, pattern). The kind names the resolver
# that turns a match into a TimeMention, and optionally a validator for checks that regexes
# express badly; both are bound to kinds in one place, _RESOLVERS / _VALIDATORS at the end of
# this module, and _RULES is the bound table.

_MACROS: dict[str, str] = {
    "MONTH": MONTH, "YEAR": YEAR, "YEAR_REL": YEAR_REL, "NUM": NUM, "ORD": ORD, "MID": MID,
    "WEEKDAY": WEEKDAY, "MARKERS": _alt(list(_MARKERS)), "REL_UNITS": _alt(list(_REL_UNITS)),
}


def _expand(template: str) -> str:
    """{NAME} -> a building block, or an alternation of the word list NAME of timex.json.
    ({1,2}-style quantifiers hold digits, so they never look like a name.)"""
    def sub(m: re.Match[str]) -> str:
        name = m[1]
        if name in _MACROS:
            return _MACROS[name]
        if isinstance(_DATA.get(name), (list, dict)):
            return _alt(_DATA[name])
        raise KeyError(f"timex.json pattern names unknown block {{{name}}}")
    return re.sub(r"\{([A-Za-z_]\w*)\}", sub, template)


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    resolve: Callable[[_Job], TimeMention | None]
    valid: Callable[[re.Match[str], str], bool] | None
    example: str


def _candidates(sentence: str) -> list[_Cand]:
    taken: list[tuple[int, int]] = []
    out: list[_Cand] = []
    for rule in _RULES:
        for m in rule.pattern.finditer(sentence):
            s, e = m.span()
            if s == e or any(s < b and a < e for a, b in taken):
                continue
            if rule.valid is not None and not rule.valid(m, sentence):
                continue
            taken.append((s, e))
            out.append(_Cand(s, e, rule.kind, m, rule))
    out.sort(key=lambda c: c.start)
    return out


# Validators: pattern-specific checks that regexes express badly.


def _valid_crop(m: re.Match[str], sentence: str) -> bool:
    return _consecutive(m["y1"], m["y2"])


def _valid_day(m: re.Match[str], sentence: str) -> bool:
    return 1 <= int(m["d"]) <= 31


def _valid_span(m: re.Match[str], sentence: str) -> bool:
    # "in April and May" is two months; "between April and May" / "April and May combined" a span
    return m["sep"].strip().lower() != "and" or bool(m["comb"]) or (m["from"] or "").lower() == "between"


def _valid_n_months(m: re.Match[str], sentence: str) -> bool:
    return m["n"] is None or 1 <= _num(m["n"]) <= 24


def _valid_month(m: re.Match[str], sentence: str) -> bool:
    if not (m["y"] or m["rel"] or m["mid"]) and m["m"] in _DATA["ambiguous_months"]:
        return _month_context(sentence, m.start("m"), m.end("m"))
    return True


def _valid_season(m: re.Match[str], sentence: str) -> bool:
    """Twelve months ("October/September"), and consecutive years when written."""
    m1, m2 = _month_of(m["m1"]), _month_of(m["m2"])
    for a, b in (("y1", "y2"), ("y3", "y4")):
        if m.groupdict().get(a) and m.groupdict().get(b) and not _consecutive(m[a], m[b]):
            return False
    return m2 % 12 + 1 == m1


def _consecutive(y1: str, y2: str) -> bool:
    return int(y2) == ((int(y1) + 1) % 100 if len(y2) == 2 else int(y1) + 1)


def _valid_range(key: str, lo: int, hi: int) -> Callable[[re.Match[str], str], bool]:
    def valid(m: re.Match[str], sentence: str) -> bool:
        return m.groupdict().get(key) is None or lo <= _num(m[key]) <= hi
    return valid


def _valid_nmonth(m: re.Match[str], sentence: str) -> bool:
    """2 to 11 months ("12-month" is more often a trailing year), not "the next nine months"."""
    before = re.findall(r"[A-Za-z]+", sentence[max(0, m.start() - 20):m.start()])
    return 2 <= _num(m["n"]) <= 11 and not (before and before[-1].lower() in _N_MONTH_NOT_AFTER)


def _valid_week(m: re.Match[str], sentence: str) -> bool:
    return 1 <= int(m["d"] or m["d2"]) <= 31 and (m["n"] is None or 1 <= _num(m["n"]) <= 52)


def _valid_dayspan(m: re.Match[str], sentence: str) -> bool:
    d1, d2 = int(m["d1"]), int(m["d2"])
    if not (1 <= d1 <= 31 and 1 <= d2 <= 31):
        return False
    sep = (m.groupdict().get("sep") or "").strip().lower()
    if sep == "and" and (m.groupdict().get("from") or "").lower() != "between":
        return False  # "on March 3 and 4" is two days
    return bool(m["m2"]) or d2 > d1


def _valid_year(m: re.Match[str], sentence: str) -> bool:
    w = re.match(r"\s*([A-Za-z]+)", sentence[m.end():m.end() + 20])
    return not (w and w[1].lower() in _UNIT_WORDS)  # "2000 tonnes" is a quantity


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
    anchor: str | None = None  # as given: a day span ("1987-02-20/1987-02-26") is no Period


def _month_period(text: str | None) -> Period | None:
    """A period of whole months (or a day) to count from; a day span is handled apart."""
    p = parse_period(text)
    return None if p is None or p.granularity == "dayspan" else p


def find_time_mentions(sentence: str, published: date | None, anchor: str | None = None) -> list[TimeMention]:
    """All time expressions of `sentence`, in order, each with its role and resolved period."""
    ctx = _Ctx(sentence, published, bool(_FORECAST_RE.search(sentence[:1].lower() + sentence[1:])), anchor)
    running = _month_period(anchor)
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
        p = _month_period(tm.period)
        if tm.role == "period" and p is not None and p.granularity != "day" and not tm.of_comparison:
            running = p  # the period under discussion for what follows
    # "rose 37.5% year on year in May": with no anchor before it, a relative expression takes
    # the first period after it.
    for i, c, prep in pending:
        later = next((_month_period(t.period) for t in out[i + 1:] if t.role == "period" and not t.of_comparison
                      and _month_period(t.period) is not None and t.kind not in ("day", "weekday")), None)
        if later is None:
            # "rose 10% week-on-week in the week to March 26": a day span (no Period) after it
            days = next((t.period for t in out[i + 1:] if t.role == "period" and _parse_days(t.period)), None)
            if days is None:
                continue
            again = _resolve(c, _Ctx(ctx.sentence, ctx.published, ctx.forecast, days), None, prep, out[:i])
            if again is not None and again.period is not None:
                out[i].period, out[i].basis, out[i].role = again.period, again.basis, again.role
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


# ---------------------------------------------------------------- rules: resolving a candidate


@dataclass
class _Job:
    """What a resolver gets: the candidate, the sentence context, the period under discussion
    (`anchor`), the preposition before the candidate and the mentions resolved before it."""
    c: _Cand
    ctx: _Ctx
    anchor: Period | None
    prep: str | None
    done: list[TimeMention]

    @property
    def m(self) -> re.Match[str]:
        return self.c.m

    @property
    def pub(self) -> date | None:
        return self.ctx.published

    @property
    def s(self) -> str:
        return self.ctx.sentence

    def g(self, name: str) -> str | None:
        """A named group that not every row of the kind has."""
        return self.m.groupdict().get(name)


def _resolve(c: _Cand, ctx: _Ctx, anchor: Period | None, prep: str | None,
             done: list[TimeMention]) -> TimeMention | None:
    return c.rule.resolve(_Job(c, ctx, anchor, prep, done))


def _tm(role: str | None, period: str | None, basis: str | None = None, rel: bool = False) -> TimeMention:
    """A mention whose offsets and text find_time_mentions fills in."""
    return TimeMention(0, 0, "", role, period, basis, rel)


_KEEP = "keep"


def _placed(j: _Job, period: str | None, rel: bool = False, *, rank_scope: bool = False,
            prep: str | None = _KEEP, basis: str | None = None) -> TimeMention:
    """A resolved period given its role: after "since" an open scope; with `rank_scope` and a
    superlative around it a rank's scope; else a period or a basis, by the preposition. A
    `basis` the phrase itself names ("the same week a year earlier") is kept in either role."""
    prep = j.prep if prep == _KEEP else prep
    if prep is not None and prep.startswith("since"):
        return TimeMention(0, 0, "", "scope", _open_scope(period), anchor_relative=rel)
    if rank_scope and (_rank_before(j.s, j.c.start) or _rank_after(j.s, j.c.end)):
        return TimeMention(0, 0, "", "scope", period, anchor_relative=rel)
    role = _role_for_prep(prep, j.s, j.c.start)
    if basis is None and role == "basis":
        basis = _basis_of(period, j.anchor)
    return _tm(role, period, basis, rel)


def _month_of(name: str) -> int:
    return _MONTH_KEYS[name.rstrip(".").lower()]


def _r_thispart(j: _Job) -> TimeMention | None:
    """"in the half", "for the three months": the half or quarter of the period under
    discussion (the anchor), else of the last month before publication."""
    if j.anchor is not None:
        last = j.anchor.end
    elif j.pub is not None:
        last = _last_completed(j.pub)
    else:
        return None
    months = 6 if j.m["part"].lower().startswith(("half", "six")) else 3
    first = (last[1] - 1) // months * months + 1
    start, end = (last[0], first), (last[0], first + months - 1)
    return _placed(j, format_period(make_period(start, end)), j.anchor is not None)


def _r_crop(j: _Job) -> TimeMention | None:
    y1 = int(j.m["y1"])
    return _placed(j, f"{y1:04d}/{(y1 + 1) % 100:02d}")


def _r_fiscal(j: _Job) -> TimeMention | None:
    return _placed(j, j.m["y"], rank_scope=True)


def _r_day(j: _Job) -> TimeMention | None:
    """A day is a figure's period only when no release word governs it; after "since" a scope."""
    m, k = j.m, j.c.kind
    window = j.s[max(0, j.c.start - 45):j.c.start]
    role = "release" if k == "weekday" or _RELEASE_RE.search(window) else "period"
    period = None
    if k == "day" and m["y"]:
        try:
            period = date(int(m["y"]), _month_of(m["m"]), int(m["d"])).isoformat()
        except ValueError:
            period = None
    elif j.pub is not None:
        ahead = role == "release" and bool(_FUTURE_RELEASE_RE.search(window))
        span = m["wd"].removesuffix("'s") if k == "weekday" else f"{m['m'].rstrip('.')} {int(m['d'])}"
        d = _dateparse(span, j.pub, "future" if ahead else "past")
        period = d.isoformat() if d else None
    if k == "day" and role == "period" and j.prep in ("since",):
        role, period = "scope", (f"{period}/" if period else None)
    return _tm(role, period)


def _r_span(j: _Job) -> TimeMention | None:
    m, pub = j.m, j.pub
    a, b = _month_of(m["m1"]), _month_of(m["m2"])
    period = None
    y2 = _rel_year(m["y2"], pub)
    if y2 is None and m["y1"]:
        y2 = int(m["y1"]) + (1 if b < a else 0)
    if y2 is None and pub is not None:
        y2 = _month_year(b, pub, j.ctx.forecast)
    if y2 is not None:
        y1 = int(m["y1"]) if m["y1"] else (y2 - 1 if b < a else y2)
        period = _span((y1, a), (y2, b))
    # "from January to May" is a span, not a comparison
    return _placed(j, period, prep=None if m["from"] else _KEEP)


def _r_firstn(j: _Job) -> TimeMention | None:
    """"the first 11 months", "nine-month exports", "the nine months of 1986": January to month n."""
    return _first_months(j, _num(j.m["n"]))


def _r_firstq(j: _Job) -> TimeMention | None:
    """"the first three quarters": January to the end of quarter n."""
    return _first_months(j, 3 * _num(j.m["n"]))


def _first_months(j: _Job, n: int) -> TimeMention | None:
    y_text = j.g("y")
    y = _rel_year(y_text, j.pub) if y_text else _year_for_end_month(n if n <= 12 else 12, j.pub, j.anchor)
    period = _span((y, 1), (y, n)) if y is not None and 1 <= n <= 12 else None
    return _placed(j, period, not y_text and j.anchor is not None)


def _r_lastn(j: _Job) -> TimeMention | None:
    end = j.anchor.end if j.anchor is not None else (_last_completed(j.pub) if j.pub else None)
    period = format_period(Period(_ym_add(end, 1 - _num(j.m["n"])), end, "span")) if end is not None else None
    return _placed(j, period, j.anchor is not None)


def _r_monthsto(j: _Job) -> TimeMention | None:
    m = j.m
    n = _num(m["n"]) if m["n"] else 12
    mo = _month_of(m["m"])
    y = int(m["y"]) if m["y"] else (_month_year(mo, j.pub, j.ctx.forecast) if j.pub else None)
    return _placed(j, _span(_ym_add((y, mo), 1 - n), (y, mo)) if y is not None else None)


def _r_quarters(j: _Job) -> TimeMention | None:
    q1, q2 = _ORDINALS[j.m["o1"].lower()], _ORDINALS[j.m["o2"].lower()]
    y = _rel_year(j.m["y"], j.pub) if j.m["y"] else _year_for_started(3 * q1 - 2, j.pub, j.anchor)
    return _placed(j, _span((y, 3 * q1 - 2), (y, 3 * q2)) if y is not None and q1 <= q2 else None)


def _r_quarter(j: _Job) -> TimeMention | None:
    m = j.m
    o = (j.g("o") or "").lower()
    if o == "last" and not m["y"]:  # the quarter before the one of publication
        period = None
        if j.pub is not None:
            ym = _ym_add((j.pub.year, 3 * ((j.pub.month - 1) // 3) + 1), -3)
            period = format_period(Period(ym, _ym_add(ym, 2), "quarter"))
        return _placed(j, period)
    q = int(m["q"]) if j.g("q") else _ORDINALS.get(o, 4)
    y = _rel_year(m["y"], j.pub) if m["y"] else _year_for_started(3 * q - 2, j.pub, j.anchor)
    return _placed(j, f"{y:04d}-Q{q}" if y is not None else None, not m["y"] and j.anchor is not None)


def _r_half(j: _Job) -> TimeMention | None:
    m = j.m
    h = int(m["h"]) if j.g("h") else (1 if m["o"].lower() in ("first", "1st") else 2)
    y = _rel_year(m["y"], j.pub) if m["y"] else _year_for_started(6 * h - 5, j.pub, j.anchor)
    return _placed(j, f"{y:04d}-H{h}" if y is not None else None, not m["y"] and j.anchor is not None)


def _r_ytd(j: _Job) -> TimeMention | None:
    """Year to date: January to the anchor's last month (or the last month before publication);
    next to a superlative, the scope of a rank ("a year-to-date high")."""
    m, anchor = j.m, j.anchor
    if m["y"]:
        end = anchor.end if anchor is not None and anchor.end[0] == int(m["y"]) else None
        y: int | None = int(m["y"])
    else:
        end = anchor.end if anchor is not None and anchor.granularity in ("month", "span") else None
        if end is None and j.pub is not None and j.pub.month > 1:
            end = _last_completed(j.pub)
        y = end[0] if end else None
    rel = anchor is not None and end == anchor.end
    period = None
    if y is not None and end is not None:
        period = format_period(Period((y, 1), end, "span")) if end[1] > 1 else _month_str(y, 1)
    if _rank_after(j.s, j.c.end) or _rank_before(j.s, j.c.start):
        return TimeMention(0, 0, "", "scope", period, anchor_relative=rel)
    return _placed(j, period, rel)


def _r_fullyear(j: _Job) -> TimeMention | None:
    y = _rel_year(j.g("y"), j.pub) if j.g("y") else _year_whole(j.pub, j.anchor)
    return _placed(j, str(y) if y is not None else None, not j.g("y") and j.anchor is not None,
                   rank_scope=True)


def _r_annual(j: _Job) -> TimeMention | None:
    """"annual exports": the year under discussion (a rank next to it ranks the figure, not the year:
    "the lowest annual total in four years")."""
    y = _year_whole(j.pub, j.anchor)
    return _placed(j, str(y) if y is not None else None, j.anchor is not None)


def _r_same(j: _Job) -> TimeMention | None:
    """"the same month in 2024", "the same period last year", "that month": the anchor,
    shifted back when a year is named."""
    m, anchor = j.m, j.anchor
    period = None
    if anchor is not None:
        a = format_period(anchor)
        if m["y"]:
            period = shift(a, "year_ago", years=anchor.start[0] - int(m["y"]))
        elif m["ly"]:
            period = shift(a, "year_ago")
        else:
            period = a
    return _placed(j, period, True, basis="year_ago" if m["ly"] else None)


def _r_relative(j: _Job) -> TimeMention | None:
    """"a month earlier", "two seasons before", "the previous quarter": the anchor stepped
    back; "a year earlier" names no period of its own and is a y/y marker."""
    m, anchor = j.m, j.anchor
    u = re.sub(r"[\s-]+", " ", m["u"].lower())
    unit: int | None
    if j.g("rel"):
        n = 1
        if m["rel"].lower().startswith("year"):
            unit = 12  # "the year-ago period"
        else:  # "the previous month"; "the previous period" is one of the anchor's length
            unit = _REL_UNITS.get(u, anchor.length if anchor is not None else None)
    else:
        unit, n = _REL_UNITS[u], (_num(m["n"]) if m["n"] else 1)
    period = _shift_by(anchor, unit, n) if unit is not None else None
    ref = _ref_days(j)
    if ref is not None and unit == 12:  # "a year earlier" after "in the week to Dec. 7"
        period = _days_shift(ref, "year_ago", n)
    if u == "year" and n == 1:
        return _tm("marker", period, "year_ago", True)
    return _placed(j, period, True)


def _r_marker(j: _Job) -> TimeMention | None:
    b = _MARKER_KEYS.get(re.sub(r"[\s-]+", " ", j.m[0].lower()), "year_ago")
    ref = _ref_days(j)
    if ref is not None:  # "week-on-week" after "in the week ended March 26"
        return _tm("marker", _days_shift(ref, b), b, True)
    return _tm("marker", shift(format_period(j.anchor), b) if j.anchor is not None else None, b, True)


def _r_month_noun(j: _Job) -> TimeMention | None:
    """"for the month (of July)", "during the month", "the month's": the anchor's month, or the
    month named; after a record word "for the month" is the scope of a calendar-month record."""
    mo = j.g("m")
    if mo:
        num: int | None = _month_of(mo)
        rel = False
        period = _month_str(_month_year(num, j.pub, j.ctx.forecast), num) if j.pub else None
    else:
        rel = True
        num = j.anchor.end[1] if j.anchor is not None else None
        period = _month_str(*j.anchor.end) if j.anchor is not None else None
    if j.c.kind == "formonth" and _rank_before(j.s, j.c.start, _RECORD_RE):
        return TimeMention(0, 0, "", "scope", f"--{num:02d}" if num else None, anchor_relative=rel)
    return _placed(j, period, rel)


def _r_scopeall(j: _Job) -> TimeMention | None:
    if not (_rank_before(j.s, j.c.start, _RECORD_RE) or _rank_after(j.s, j.c.end)
            or j.m[0].lower().startswith("on record")):
        return None
    return _tm("scope", "all")


def _r_nscope(j: _Job) -> TimeMention | None:
    """"in six months", "a ten-year low": the span of a rank, ending with the anchor."""
    m, anchor = j.m, j.anchor
    n = 1 if m["n"].lower() in ("a", "an", "one") else _num(m["n"])
    years = m["u"].lower().startswith("year")
    if m[0].split()[0].lower() in ("in", "over") and (not _rank_before(j.s, j.c.start) or (n == 1 and not years)):
        return None  # "in six months" without a superlative is a duration
    if anchor is None or n <= 0:
        return TimeMention(0, 0, "", "scope", None, anchor_relative=True)
    if years and n >= 2:
        return TimeMention(0, 0, "", "scope", f"{anchor.end[0] - n:04d}/", anchor_relative=True)
    start = _ym_add(anchor.end, 1 - n * (12 if years else 1))
    return TimeMention(0, 0, "", "scope", format_period(Period(start, anchor.end, "span")), anchor_relative=True)


def _r_reltime(j: _Job) -> TimeMention | None:
    """"last month", "this year", "the current quarter": publication-relative; so are "this
    season", "next season" and "the current season" (the season of publication); "last season"
    is the one before the anchor's crop year when there is one ("112 mln t in 2025/26, above
    last season"). A rank's scope or a release date when the words say so."""
    w, u, pub = ("this" if j.g("cur") else j.m["w"].lower()), j.m["u"].lower(), j.pub
    off = {"last": -1, "this": 0, "next": 1}[w]
    period = None
    rel = False
    if u == "season":  # "last season" is the one before the season under discussion
        base, rel = _this_season(j, prefer_anchor=w == "last")
        period = _crop(base + off) if base is not None else None
    elif pub is not None:
        if u == "month":
            period = _month_str(*_ym_add((pub.year, pub.month), off))
        elif u == "year":
            period = str(pub.year + off)
        else:
            ym = _ym_add((pub.year, 3 * ((pub.month - 1) // 3) + 1), 3 * off)
            period = format_period(Period(ym, _ym_add(ym, 2), "quarter"))
    if u == "year" and (_rank_before(j.s, j.c.start) or _rank_after(j.s, j.c.end)):
        return _tm("scope", period)
    if re.search(r"\b(?:released|published|issued|announced|out)\s+$", j.s[max(0, j.c.start - 20):j.c.start], _I):
        return _tm("release", period)  # "June data, published last month, ..."
    return _placed(j, period, rel)


def _r_month(j: _Job) -> TimeMention | None:
    m, pub = j.m, j.pub
    num = _month_of(m["m"])
    period = None
    if m["y"]:
        period = _month_str(int(m["y"]), num)
    elif m["rel"]:
        y = _rel_year(m["rel"] + " year", pub)
        period = _month_str(y, num) if y is not None else None
    elif pub is not None:
        period = _month_str(_month_year(num, pub, j.ctx.forecast), num)
    return _placed(j, period)


def _r_year(j: _Job) -> TimeMention | None:
    return _resolve_year(j.c, j.ctx, j.prep, j.done, j.anchor)


# ------------------------------------------------ seasons, fiscal years, quarters named by a month


def _crop(y: int) -> str:
    return f"{y:04d}/{(y + 1) % 100:02d}"


def _this_season(j: _Job, start_month: int | None = None, prefer_anchor: bool = False) -> tuple[int | None, bool]:
    """First calendar year of the current season, and whether the anchor gave it: the season the
    publication date falls in, a season starting in `start_month`, else in a month the sentence
    names for its season, else in default_season_start_month. The anchor's crop year when there
    is no publication date, or with `prefer_anchor` ("the October/September season" is the
    season under discussion, "next season" counts from today)."""
    a = j.anchor
    if a is not None and a.granularity == "crop" and (prefer_anchor or j.pub is None):
        return a.start[0], True
    if j.pub is None:
        return None, False
    named = _season_start(j)
    sm = start_month or (named[0] if named else _SEASON_START)
    return (j.pub.year if j.pub.month >= sm else j.pub.year - 1), False


def _r_season(j: _Job) -> TimeMention | None:
    """A season named by its months ("the October/September season", "the 1986/87 (Nov/Oct)
    season") is a crop year, as reported."""
    m1 = _month_of(j.m["m1"])
    y_text = j.g("y1") or j.g("y3")
    rel = False
    if y_text:
        y: int | None = int(y_text)
    else:
        w = (j.g("w") or "").lower()
        base, rel = _this_season(j, m1, prefer_anchor=w in ("", "this", "current"))
        off = {"next": 1, "coming": 1, "last": -1, "previous": -1, "past": -1}.get((j.g("w") or "").lower(), 0)
        y = base + off if base is not None else None
    if y is None:
        return _placed(j, None, rel)
    return _placed(j, _crop(y) if m1 != 1 else str(y), rel, rank_scope=True)


def _r_seasonto(j: _Job) -> TimeMention | None:
    """"to January 31 in the 1986/87 season (Oct/Sept)": the season's months up to that month
    (1986-10/1987-01)."""
    m1, mo = _month_of(j.m["m1"]), _month_of(j.m["m"])
    rel = False
    if j.g("y1"):
        y: int | None = int(j.m["y1"])
    else:
        y, rel = _this_season(j, m1, prefer_anchor=True)
    if y is None:
        return _placed(j, None, rel, prep=None)
    end = (y if mo >= m1 else y + 1, mo)
    return _placed(j, _span((y, m1), end), rel, prep=None)


def _season_start(j: _Job) -> tuple[int, int | None] | None:
    """The first month (and, with a crop year, its year) of a season the sentence names by its
    months ("the 1986/87 (Oct/Sept) season")."""
    for rule in _RULES:
        if rule.kind != "season":
            continue
        for m in rule.pattern.finditer(j.s):
            if rule.valid is None or rule.valid(m, j.s):
                y = m.groupdict().get("y1") or m.groupdict().get("y3")
                return _month_of(m["m1"]), (int(y) if y else None)
    return None


def _r_std(j: _Job) -> TimeMention | None:
    """Season to date: from the season's first month to the month under discussion (or the last
    month before publication). Only when the sentence names the season's months: without them
    the span is unknown, and the crop year would be wrong (it is the whole season)."""
    start = _season_start(j)
    anchor = j.anchor
    end = anchor.end if anchor is not None and anchor.granularity in ("month", "span") else (
        _last_completed(j.pub) if j.pub is not None else None)
    period = None
    if start is not None and end is not None:
        sm, sy = start
        if sy is None:
            sy = end[0] if sm <= end[1] else end[0] - 1
        if (sy, sm) <= end:
            period = _span((sy, sm), end)
    rel = anchor is not None and end == anchor.end
    if _rank_after(j.s, j.c.end) or _rank_before(j.s, j.c.start):
        return TimeMention(0, 0, "", "scope", period, anchor_relative=rel)
    return _placed(j, period, rel)


def _r_fyend(j: _Job) -> TimeMention | None:
    """"the fiscal year ended March 31" is a crop-style year (1986/87) as reported; a year
    ending in December is the calendar year. Without a year: "ended" looks back, "ending" and
    "current" ahead."""
    m, pub = j.m, j.pub
    mo = _month_of(m["m"])
    day = int(j.g("d")) if j.g("d") else 28
    w, verb = (j.g("w") or "").lower(), m["verb"].lower()
    if m["y"]:
        y: int | None = int(m["y"])
    elif pub is None:
        y = None
    else:
        past = _past_day(mo, day, pub)
        y = past.year if past is not None else None
        ahead = w in ("current", "coming", "next") or (not w and (
            verb in ("ending", "ends") or (verb != "ended" and j.ctx.forecast)))
        if y is not None and past != pub and ahead:
            y += 2 if w == "next" else 1
    if y is None:
        return _placed(j, None)
    return _placed(j, str(y) if mo == 12 else _crop(y - 1), rank_scope=True)


def _quarter_ending(j: _Job, mo: int, y_text: str | None) -> TimeMention | None:
    """The three months ending in month `mo`: a calendar quarter when they are one."""
    if y_text:
        end: tuple[int, int] | None = (int(y_text), mo)
    else:
        first = (mo - 3) % 12 + 1
        ys = _year_for_started(first, j.pub, j.anchor)
        end = _ym_add((ys, first), 2) if ys is not None else None
    period = _span(_ym_add(end, -2), end) if end is not None else None
    return _placed(j, period, not y_text and j.anchor is not None)


def _r_quarterof(j: _Job) -> TimeMention | None:
    """"the December quarter", "the June 2025 quarter"."""
    return _quarter_ending(j, _month_of(j.m["m"]), j.g("y") or j.g("y2"))


def _r_quarterto(j: _Job) -> TimeMention | None:
    """"the quarter ended December 31", "the fourth quarter ended Dec 31, 1986"."""
    return _quarter_ending(j, _month_of(j.m["m"]), j.g("y"))


# ------------------------------------------------ day spans: weeks, "the first 20 days of February"


def _days(a: date, b: date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


_DAYS_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})/(\d{4})-(\d{2})-(\d{2})$")


def _parse_days(text: str | None) -> tuple[date, date] | None:
    """"1987-02-20/1987-02-26" -> its first and last day (periods.py has no day spans)."""
    m = _DAYS_RE.match(text or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])), date(int(m[4]), int(m[5]), int(m[6]))
    except ValueError:
        return None


def _past_day(month: int, day: int, published: date) -> date | None:
    """The most recent `month` `day` on or before publication, as for a day named without a year
    ("the week to December 7" on 2025-11-07 ends 2024-12-07)."""
    for y in range(published.year, published.year - 5, -1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d <= published:
            return d
    return None


def _day_of(j: _Job, month: str, day: str, year: str | None) -> date | None:
    """A day named in a span: its year as written, else the most recent such day (in a sentence
    that looks ahead, the nearest one, as for months)."""
    mo, d = _month_of(month), int(day)
    try:
        if year:
            return date(int(year), mo, d)
        if j.pub is not None and j.ctx.forecast:
            return date(_month_year(mo, j.pub, True), mo, d)
    except ValueError:
        return None
    return _past_day(mo, d, j.pub) if j.pub is not None else None


def _ref_days(j: _Job) -> tuple[date, date] | None:
    """The day span a relative week phrase counts from: the latest period of the sentence when
    it is a day span, else an anchor given as one."""
    for t in reversed(j.done):
        if t.role == "period" and t.period and not t.of_comparison:
            return _parse_days(t.period)
    return _parse_days(j.ctx.anchor) if j.anchor is None else None


def _days_shift(ref: tuple[date, date], basis: str, n: int = 1) -> str:
    """A day span `n` years back (year_ago) or `n` spans of its own length back."""
    a, b = ref
    if basis == "year_ago":
        def back(d: date) -> date:
            try:
                return d.replace(year=d.year - n)
            except ValueError:  # 29 February
                return d.replace(year=d.year - n, day=28)
        return _days(back(a), back(b))
    step = timedelta(days=((b - a).days + 1) * n)
    return _days(a - step, b - step)


def _r_week(j: _Job) -> TimeMention | None:
    """"in the week to December 7", "the two weeks ended Feb 26": the days ending that day."""
    m = j.m
    n = _num(m["n"]) if m["n"] else 1
    end = _day_of(j, m["m"] or m["m2"], m["d"] or m["d2"], m["y"])
    if end is None:
        return _placed(j, None)
    period = _days(end - timedelta(days=7 * n - 1), end)
    ref = _ref_days(j)
    basis = None
    if ref is not None and period == _days_shift(ref, "previous_period") and n == 1:
        basis = "previous_period"
    elif ref is not None and period == _days_shift(ref, "year_ago"):
        basis = "year_ago"
    return _placed(j, period, basis=basis if j.prep in _BASIS_STRONG | _BASIS_WEAK else None)


def _r_weekrel(j: _Job) -> TimeMention | None:
    """"the previous week", "a week earlier", "the year-ago week", "the same week a year
    earlier": the week of the sentence's day span (or of a day-span anchor) stepped back."""
    ref = _ref_days(j)
    rel_word = (j.g("rel") or "").lower()
    if rel_word.startswith("year") or j.g("ly") or j.g("y"):
        years = ref[1].year - int(j.m["y"]) if (j.g("y") and ref is not None) else 1
        period = _days_shift(ref, "year_ago", years) if ref is not None and years > 0 else None
        return _placed(j, period, True, basis="year_ago")
    if j.g("tail") is None and "same" in j.m[0].lower():
        return _placed(j, _days(*ref) if ref is not None else None, True)
    n = _num(j.m["n"]) if j.g("n") else 1
    period = None
    if ref is not None:
        end = ref[1] - timedelta(days=7 * n)
        period = _days(end - timedelta(days=6), end)
    return _placed(j, period, True, basis="previous_period")


def _r_weekcal(j: _Job) -> TimeMention | None:
    """"last week", "this week", "next week": Monday-to-Sunday weeks around publication; after a
    release word ("said last week") the day the data came out."""
    if j.pub is None:
        return _tm("period", None)
    off = {"last": -1, "this": 0, "next": 1}[j.m["w"].lower()]
    monday = j.pub - timedelta(days=j.pub.weekday()) + timedelta(days=7 * off)
    period = _days(monday, monday + timedelta(days=6))
    if _RELEASE_RE.search(j.s[max(0, j.c.start - 45):j.c.start]):
        return _tm("release", period)
    return _placed(j, period)


def _r_monthdays(j: _Job) -> TimeMention | None:
    """"the first 20 days of February" -> 1987-02-01/1987-02-20; "the last ten days of March"."""
    m = j.m
    mo, n = _month_of(m["m"]), _num(m["n"])
    first = m["o"].lower() == "first"
    if m["y"]:
        y: int | None = int(m["y"])
    elif j.pub is not None:
        d = _day_of(j, m["m"], str(n if first else 28), None)
        y = d.year if d is not None else None
    else:
        y = None
    if y is None:
        return _placed(j, None)
    last = monthrange(y, mo)[1]
    if not 1 <= n <= last:
        return None
    a, b = (date(y, mo, 1), date(y, mo, n)) if first else (date(y, mo, last - n + 1), date(y, mo, last))
    return _placed(j, _days(a, b))


def _r_dayspan(j: _Job) -> TimeMention | None:
    """"from Oct. 1 to Dec. 7", "Feb 1-20", "between the opening of the season on Aug. 7 and
    Nov. 27": a span of days."""
    m = j.m
    m1, d1 = _month_of(m["m1"]), int(m["d1"])
    m2, d2 = (_month_of(m["m2"]) if m["m2"] else m1), int(m["d2"])
    y1, y2 = m["y1"], m["y2"]
    wraps = (m1, d1) > (m2, d2)
    try:
        if y2:
            end: date | None = date(int(y2), m2, d2)
        elif y1:
            end = date(int(y1) + wraps, m2, d2)
        else:
            end = _day_of(j, m["m2"] or m["m1"], m["d2"], None)
        start = date(int(y1), m1, d1) if y1 else (date(end.year - wraps, m1, d1) if end is not None else None)
    except ValueError:
        return None
    period = _days(start, end) if start is not None and end is not None and start <= end else None
    starts_with_prep = re.match(r"(?:from|between)\b", m[0], _I)
    return _placed(j, period, prep=None if starts_with_prep else _KEEP)


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


# ---------------------------------------------------------------- the rule table

# Each kind of timex.json "patterns" bound to its resolver and (optional) validator.
_RESOLVERS: dict[str, Callable[[_Job], TimeMention | None]] = {
    "crop": _r_crop,
    "fiscal": _r_fiscal,
    "day": _r_day,
    "weekday": _r_day,
    "span": _r_span,
    "firstn": _r_firstn,
    "lastn": _r_lastn,
    "monthsto": _r_monthsto,
    "quarters": _r_quarters,
    "quarter": _r_quarter,
    "half": _r_half,
    "ytd": _r_ytd,
    "fullyear": _r_fullyear,
    "same": _r_same,
    "relative": _r_relative,
    "marker": _r_marker,
    "formonth": _r_month_noun,
    "themonth": _r_month_noun,
    "scopeall": _r_scopeall,
    "nscope": _r_nscope,
    "reltime": _r_reltime,
    "month": _r_month,
    "year": _r_year,
    "season": _r_season,
    "seasonto": _r_seasonto,
    "std": _r_std,
    "fyend": _r_fyend,
    "quarterto": _r_quarterto,
    "quarterof": _r_quarterof,
    "week": _r_week,
    "weekrel": _r_weekrel,
    "weekcal": _r_weekcal,
    "monthdays": _r_monthdays,
    "dayspan": _r_dayspan,
    "firstq": _r_firstq,
    "nmonth": _r_firstn,  # "nine-month exports" are the first nine months
    "annual": _r_annual,
    "thispart": _r_thispart,
}
_VALIDATORS: dict[str, Callable[[re.Match[str], str], bool]] = {
    "crop": _valid_crop,
    "day": _valid_day,
    "span": _valid_span,
    "firstn": _valid_n_months,
    "lastn": _valid_n_months,
    "monthsto": _valid_n_months,
    "month": _valid_month,
    "year": _valid_year,
    "season": _valid_season,
    "week": _valid_week,
    "monthdays": _valid_range("n", 1, 31),
    "dayspan": _valid_dayspan,
    "firstq": _valid_range("n", 1, 4),
    "nmonth": _valid_nmonth,
    "seasonto": _valid_season,
}
# Rows in priority order: the first that claims a stretch of text wins it.
_RULES: list[_Rule] = [
    _Rule(row["kind"], _phrase(_expand(row["pattern"])), _RESOLVERS[row["kind"]], _VALIDATORS.get(row["kind"]),
          row["example"])
    for row in _DATA["patterns"]
]
