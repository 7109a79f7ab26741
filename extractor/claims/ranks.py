"""Ranks stage: "a record", "the lowest since 2021", "surpassed last year's total".

Figures without a number of their own: each rank or surpass phrase becomes a candidate
tied to the level it describes, with the scope a rank is measured in.
"""

from __future__ import annotations

import re

from ..periods import Period, format_period, from_index, month_index, parse_period
from .lexicon import Lexicon
from .records import Cand, Discourse
from .text import MONTHS
from .timing import basis_kind, main_period


def surpass_cands(text: str, cands: list[Cand], times, disc: Discourse, lex: Lexicon) -> list[Cand]:
    """"First-half exports have already surpassed the whole of last year's total": a change
    with no number, above zero against the period it names."""
    out = []
    for m in lex.surpass.finditer(text):
        if any(c.start <= m.start() < c.end for c in cands):
            continue
        nxt = [t for t in times if t.start >= m.end() and t.start - m.end() <= 30 and t.period]
        if not nxt:
            continue
        verb = m.group("verb").lower()
        down = bool(re.search(r"short|below|under", verb))
        c = Cand(start=m.start(), end=nxt[0].end, kind="change", value=0.0, unit="%", step=None,
                 approx="lt" if down else "gt", num_start=m.start(), num_end=m.end())
        c.basis_period = nxt[0].period
        levels = [x for x in cands if x.kind == "level" and not x.comparison and x.period and x.num_end <= m.start()]
        c.period = levels[-1].period if levels else disc.period
        c.basis = basis_kind(c.period, c.basis_period)
        c.explicit_period = True
        out.append(c)
    return out


def rank_cands(text: str, cands: list[Cand], times, disc: Discourse, anaphoric: bool, lex: Lexicon) -> list[Cand]:
    out = []
    for m in lex.rank.finditer(text):
        word = m.group("word").lower()
        tail = (m.group("tail") or "").lower()
        tail_words = tail.split()
        head_words = tail_words[:3]
        if any(w.strip(",") in lex.rank_role_nouns for w in head_words):
            continue
        if re.search(r"\b(?:world'?s|country'?s|nation'?s)\s*$", text[:m.start("word")].lower()):
            continue
        if word in ("high", "low", "record", "top", "most", "least") and not _rank_context_ok(text, m, word):
            continue
        if word == "records":
            continue
        ordinal = m.group("ord")
        n = lex.number_words.get(ordinal.lower(), 1) if ordinal else 1
        value = float(-n if word in lex.rank_down else n)
        target = _rank_target(m, cands, text)
        if target is None and not anaphoric and not _rank_as_target(text, m):
            continue
        c = Cand(start=m.start(), end=_trim_rank_end(text, m), kind="rank", value=value, unit="rank", step=None,
                 num_start=m.start("word"), num_end=m.end("word"))
        if target is not None:
            c.period, c.modality = target.period, target.modality
            c.parties, c.commodity = target.parties, target.commodity
            c.entity, c.evidence = target.entity, dict(target.evidence)
        elif anaphoric and disc.last is not None:
            c.period = disc.last.period
            c.parties, c.commodity = disc.last.parties, disc.last.commodity
            c.indicator, c.direction = disc.last.indicator, disc.last.direction
            c.evidence = dict.fromkeys(("indicator", "commodity", "origin", "destination", "period"), "paragraph")
        else:
            c.period = main_period(times) or disc.period
        c.scope = _rank_scope(text[m.start():m.end()], c.period, lex)
        out.append(c)
    return out


def _rank_context_ok(text: str, m: re.Match, word: str) -> bool:
    """Bare "high", "low", "record", "most" are ranks only in their statistical uses."""
    phrase = text[m.start():m.end()].lower()
    if word in ("high", "low"):
        return bool(re.search(r"(?:\w+-(?:month|year|week)|year-to-date|record|all-time|multi-year|\d{4})\s+(?:high|low)\b", phrase))
    if word == "record":
        return bool(re.search(r"\b(?:a|new|the)\s+record\b(?!\s+(?:of|number|harvest|crop|\d))", phrase)) or \
            bool(re.search(r"\b(?:at|to)\s+a\s+record\b", text[max(0, m.start() - 10):m.end()].lower()))
    if word in ("most", "least"):
        return bool(re.search(r"\b(?:the\s+)?(?:most|least)\s+(?:ever|since|in\s+\w+\s+(?:months|years)|for)\b", phrase))
    if word == "top":
        return False
    return True


def _trim_rank_end(text: str, m: re.Match) -> int:
    end = m.end()
    piece = text[m.start():end]
    cut = re.search(r"\s+(?:of\s+(?:about\s+|around\s+|some\s+)?[\d$]|at\s+[\d$]|,|recorded|signal)", piece)
    return m.start() + cut.start() if cut else end


def _rank_target(m: re.Match, cands: list[Cand], text: str) -> Cand | None:
    """The level a rank phrase describes: "the 2025 peak of 305 tons", "a record ... at
    12.26 mt", or the clause's main level before it ("1,238 t, ... and the smallest ...")."""
    end = _trim_rank_end(text, m)
    after = [c for c in cands if c.kind == "level" and c.num_start >= m.start() and c.num_start - end <= 12]
    if after:
        return after[0]
    before = [c for c in cands if c.kind == "level" and c.num_end <= m.start() and not c.comparison]
    return before[0] if before else None


def _rank_as_target(text: str, m: re.Match) -> bool:
    """"climbed to a record", "rebounded to their strongest level", "hitting a year-to-date
    high", "peaked for the year in June", "June had been the strongest month"."""
    before = text[max(0, m.start() - 40):m.start()].lower()
    phrase = text[m.start():m.end()].lower()
    return bool(re.search(r"\b(?:to|hitting|hit|reaching|reached|at|set|was|were|is|been|marked)\s*$", before)) or \
        phrase.startswith("peaked") or bool(re.search(r"\b(?:hitting|hit|reaching|reached)\b", phrase))


def _rank_scope(phrase: str, period: str | None, lex: Lexicon) -> str | None:
    p = parse_period(period)
    # "the largest for that month since 2021" ranks Novembers: the calendar month is the
    # narrower scope, so it comes first
    if (m := lex.rank_scope_month.search(phrase)):
        name = m.group("month") or m.group("month2")
        mi = MONTHS.index(name.lower()) + 1 if name else (p.start[1] if p else None)
        return f"--{mi:02d}" if mi else None
    if (m := lex.rank_scope_since.search(phrase)):
        what = m.group("what")
        parts = what.split()
        if parts[-1].isdigit():
            year = int(parts[-1])
            if len(parts) == 2:
                return f"{year:04d}-{MONTHS.index(parts[0].lower()) + 1:02d}/"
            return f"{year:04d}/"
        if p is not None:
            mi = MONTHS.index(what.lower()) + 1
            y = p.end[0] if mi <= p.end[1] else p.end[0] - 1
            return f"{y:04d}-{mi:02d}/"
    if (m := lex.rank_scope_n.search(phrase)) and p is not None:
        n = m.group("n") or m.group("n2")
        unit = (m.group("unit") or m.group("unit2") or "").lower()
        k = int(n) if n.isdigit() else lex.number_words.get(n.lower(), 0)
        if k and unit.startswith("month"):
            a = from_index(month_index(p.end) - k + 1)
            return format_period(Period(a, p.end, "span"))
        if k and unit.startswith("year"):
            return f"{p.end[0] - k:04d}/"
    if (m := lex.rank_scope_year.search(phrase)):
        year = m.group("year") or m.group("year2")
        return year or (f"{p.start[0]:04d}" if p else None)
    if lex.rank_scope_record.search(phrase):
        return "all"
    return None
