"""Periods stage: which period each figure is about and what a change is compared with.

A sentence's time phrases (timex) are given out to its figures by priority: the figure's
own phrase, the level a change describes, the clause, the sentence, the discourse; then
each change gets its basis, and revisions and "from November"-style comparisons are
settled. Named `timing` so it does not shadow `extractor.periods`, which it uses.
"""

from __future__ import annotations

import re

from ..periods import Period, format_period, from_index, month_index, parse_period, shift
from .lexicon import Lexicon
from .records import Cand, Discourse
from .text import within

DATELINE = re.compile(r"\s*(?:\([^)]{1,60}\))?\s*[-–—]")


def sentence_times(text: str, disc: Discourse) -> list:
    """The sentence's time phrases, without release dates and the dateline's day
    ("SANTIAGO, Nov 7 (Wire) -" says when the story was filed, not what a figure is about)."""
    from ..nlp.timex import find_time_mentions

    return [t for t in find_time_mentions(text, disc.published, disc.period)
            if t.role != "release" and not (t.start < 40 and DATELINE.match(text, t.end))]


def carries(period: str | None) -> bool:
    """A cumulative span ("January-August") is a side figure; the discourse stays on the
    month or year the article is about."""
    p = parse_period(period)
    return p is not None and p.granularity not in ("span", "day", "dayspan")


def topic_period(times, text: str) -> str | None:
    """The sentence's own period: the first period phrase outside an "after/before/when"
    subordinate clause and not governed by a comparison."""
    for t in times:
        if t.role != "period" or not t.period or getattr(t, "of_comparison", False):
            continue
        if re.search(r"\b(?:after|before|when|since|until)\b[^,;]*$", text[:t.start], re.I):
            continue
        if _comparison_governed(text, t.start):
            continue
        return t.period
    return None


def _comparison_governed(text: str, at: int) -> bool:
    before = text[max(0, at - 25):at].lower()
    before = text[max(0, at - 45):at].lower()
    return bool(re.search(r"\b(?:twice|times|than|above|below|versus|against|compared\s+(?:with|to)|fold|"
                          r"as\s+in)\s+(?:the\s+|their\s+|its\s+|a\s+)?"
                          r"(?:(?:level|volume|total|figure|amount)s?\s+(?:of|in|for)\s+)?$", before)) or \
        bool(re.search(r"\b(?:than|above|below|versus|against)\s+(?:those|that)\s+(?:of|in|for)\s+$", before))


def main_period(times) -> str | None:
    for t in times:
        if t.role == "period" and t.period:
            return t.period
    return None


COMPARISON_PREPS = {"than", "compared with", "compared to", "versus", "against", "from", "on", "over", "above",
                    "below", "ahead of", "vs", "vs."}


def assign_periods(cands: list[Cand], times, text: str, main_period, disc: Discourse, anaphoric: bool,
                    segments, clauses) -> None:
    """Each number's period, by priority: its own time phrase; for a change or share, the
    period of the level it describes; the nearest unclaimed period phrase of its clause; the
    figure an anaphoric subject refers to ("That was 18.5% more"); the nearest unclaimed
    phrase of the sentence; a phrase another number owns; the discourse."""
    inherit = disc.last.period if anaphoric and disc.last else None
    opening = next((t for t in times if t.start <= 2 and t.role == "marker" and t.basis and t.period), None)
    if opening is not None and re.match(r"[^,]{0,30},", text[opening.start:]):
        # "A year earlier, ... took in only 432,000 t": the levels of the sentence are then
        for c in cands:
            if c.kind == "level" and _own_period(c, times, text, within(segments, c.num_start)) is None:
                c.period, c.explicit_period, c.comparison = opening.period, True, True
    owned: dict[int, Cand] = {}
    for c in cands:
        own = _own_period(c, times, text, within(segments, c.num_start))
        if own is not None:
            c.period, c.explicit_period = own.period, True
            owned[id(own)] = c
            if c.kind == "level" and own.role in ("marker", "basis"):
                c.comparison = True  # "when the country imported 7.15 mt" a year earlier
    usable = [t for t in times if t.role == "period" and t.period and not getattr(t, "of_comparison", False)
              and not _comparison_governed(text, _core_start(t))]
    free = [t for t in usable if id(t) not in owned]
    shared = [t for t in usable if id(t) in owned and not owned[id(t)].comparison]
    order = sorted(cands, key=lambda c: (c.kind != "level", c.comparison, c.num_start))
    for c in order:
        if c.period is not None or (c.kind == "level" and c.comparison):
            continue
        cl = within(clauses, c.num_start)
        if c.kind in ("change", "share"):
            lv = [x for x in cands if x.kind == "level" and not x.comparison and x.period
                  and cl[0] <= x.num_start < cl[1]]
            if lv:
                before = [x for x in lv if x.num_end <= c.num_start]
                c.period = (max(before, key=lambda x: x.num_end) if before else lv[0]).period
                continue
        in_clause = [t for t in free if cl[0] <= t.start < cl[1]]
        c.period = (_nearest(in_clause, c.num_start) or inherit or _nearest(free, c.num_start)
                    or _nearest(shared, c.num_start) or disc.period)
    for c in cands:
        if c.kind == "change":
            _set_basis(c, times, [t for t in times if t.role in ("basis", "marker")], cands, text,
                       within(clauses, c.num_start), disc.last_basis)
    for c in cands:
        if c.kind == "level" and c.period is None and c.comparison:
            ch = next((x for x in cands if x.kind == "change" and x.basis_period
                       and abs(x.num_start - c.num_start) < 80), None)
            main = next((x for x in cands if x.kind == "level" and not x.comparison and x.period
                         and x.num_end <= c.num_start and x.unit == c.unit), None)
            if ch:
                c.period = ch.basis_period
            elif main is not None and _from_level(text, c):
                # "rose to 272,000 t from 245,000 t": the period before the figure's own
                c.period = shift(main.period, disc.last_basis or _usual_basis(main.period))
            else:
                c.period = inherit or _nearest(free, c.num_start) or disc.period
    _main_from_comparison_span(cands, times, text, clauses)
    _month_after_basis(cands, times, clauses)
    _revisions(cands, text)


REVISED = re.compile(r"\b(?:revised|originally|previously|initially|first)\s+(?:reported\s+|put\s+|given\s+|estimated\s+)?"
                     r"(?:from|as|at)\s+(?:an?\s+|the\s+)?$", re.I)


def _revisions(cands: list[Cand], text: str) -> None:
    """"5.0 mln dlrs (revised from 10 mln)": the figure as first reported is a level of the
    same series and period as its revision (ANNOTATION: both are annotated)."""
    for i, c in enumerate(cands):
        if c.kind != "level" or not REVISED.search(text[max(0, c.start - 40):c.start]):
            continue
        prev = next((x for x in reversed(cands[:i]) if x.kind == "level" and x.period), None)
        if prev is not None:
            c.period, c.comparison, c.explicit_period = prev.period, False, prev.explicit_period


def _month_after_basis(cands: list[Cand], times, clauses) -> None:
    """"exports fell 2.1% from November to €128.4 billion", "up 4.2% on July": with no
    month of its own, the figure is about the month after the one it is compared with."""
    for c in cands:
        if c.kind != "change" or c.explicit_period or c.basis not in ("previous_period", "period"):
            continue
        b = parse_period(c.basis_period)
        own = parse_period(c.period)
        if b is None or b.granularity != "month" or (own is not None and (
                own.granularity in ("month", "day", "dayspan") or not own.start <= b.start <= own.end)):
            continue  # a month of its own, or a basis outside its span ("from the first quarter")
        nxt = format_period(Period(from_index(month_index(b.start) + 1), from_index(month_index(b.start) + 1), "month"))
        cl, old = within(clauses, c.num_start), c.period
        for x in cands:
            if x.kind == "level" and not x.comparison and cl[0] <= x.num_start < cl[1] \
                    and not x.explicit_period and x.period == old:
                x.period = nxt
        c.period, c.basis = nxt, "previous_period"


def _usual_basis(period: str | None) -> str:
    p = parse_period(period)
    return "previous_period" if p is not None and p.granularity in ("month", "day", "dayspan") else "year_ago"


def _from_level(text: str, c: Cand) -> bool:
    return bool(re.search(r"\b(?:from|up\s+from|down\s+from)\s+(?:the\s+|a\s+)?$", text[max(0, c.start - 20):c.start]))


def _main_from_comparison_span(cands: list[Cand], times, text: str, clauses) -> None:
    """"2.19 million tonnes, 2.8% less than in January–October 2024": a figure with no
    period of its own, compared with an explicit span a year earlier, is about that span
    a year on."""
    for t in times:
        if t.role not in ("period", "basis") or not t.period or not _comparison_governed(text, _core_start(t)):
            continue
        p = parse_period(t.period)
        if p is None or p.granularity not in ("span", "quarter", "half"):
            continue
        cl = within(clauses, t.start)
        for c in cands:
            if c.explicit_period or c.comparison or not cl[0] <= c.num_start < t.start:
                continue
            c.period = shift(t.period, "year_ago", years=-1)


def _core_start(t) -> int:
    """Where a time phrase starts once its preposition is set aside."""
    if t.prep and t.text.lower().startswith(t.prep.lower()):
        return t.start + len(t.prep) + 1
    return t.start


def _nearest(times, at: int):
    if not times:
        return None
    t = min(times, key=lambda t: (abs(t.start - at) if t.start >= at else abs(at - t.end), t.start))
    return t.period


def _own_period(c: Cand, times, text: str, seg):
    """The time phrase that belongs to this number: right after it ("280 tons last month",
    "689 tons in May 2024", "24,266.5 t one year before"), right before it as the figure's
    name ("the January-September total to 86.18 mt", "April's volume"), or the period a
    "when" clause after it describes ("a 660% jump on May, when just 46 tons ...")."""
    for t in times:
        if not t.period or t.role not in ("period", "marker", "basis"):
            continue
        if t.end <= c.num_start and re.fullmatch(r",\s*when\s+[^.;]{0,60}", text[t.end:c.num_start]):
            return t
        if t.period and t.end <= c.num_start and re.fullmatch(r"['’]s\s+(?:about\s+|some\s+|nearly\s+|almost\s+)?",
                                                             text[t.end:c.num_start]):
            return t  # "June's 2,395 tonnes", also after "below"
        if (t.prep or "").lower() in COMPARISON_PREPS and t.role != "marker":
            continue
        if c.kind != "level" and (t.role != "period" or _comparison_governed(text, _core_start(t))):
            continue
        gap = text[c.num_end:t.start]
        if 0 <= t.start - c.num_end <= 45 and re.fullmatch(r"[\s\w'’-]{0,40}", gap) and \
                not re.search(r"\b(?:than|from|compared|on|over|against|versus|and|while|but)\b|%|\d", gap) and \
                (t.role != "marker" or _is_period_marker(t)):
            if re.search(r"\b(?:more|less|higher|lower|above|below|up|down)\b", gap):
                continue
            return t
        if t.role == "period" and t.end <= c.num_start and c.num_start - t.end <= 35:
            between = text[t.end:c.num_start]
            if re.fullmatch(r"['’]s\s+(?:about\s+|some\s+|nearly\s+|almost\s+)?", between):
                return t  # "September's $2.87 billion"
            if re.fullmatch(r"(?:['’]s)?\s+(?:total|volume|figure|tally|exports|imports|shipments|arrivals)"
                            r"(?:\s+(?:to|of|at|was|were|reached|came\s+to|amounted\s+to|stood\s+at))?\s+(?:about\s+|some\s+)?",
                            between):
                return t
    return None


def _is_period_marker(t) -> bool:
    """"a year earlier", "one year before": a marker that names a period, not "year-on-year"."""
    return bool(re.search(r"\b(?:earlier|before|ago)\b", t.text, re.I))


def _set_basis(c: Cand, times, basis_mentions, cands, text: str, cl, basis_default: str | None = None) -> None:
    """What a change is measured against, by priority: a comparison phrase after it in its
    clause ("from November", "year-on-year"); a compared level after it ("up 28.3% from 1.27
    million tons in May 2024"); a comparison phrase elsewhere in its clause; a period
    governed by a comparative ("below the level of June 2024"); the paragraph's habit; the
    period's usual comparison (m/m for months, y/y for longer spans)."""
    def take(t) -> bool:
        if t.role == "basis" and t.period:
            c.basis_period, c.basis = t.period, basis_kind(c.period, t.period)
        elif t.basis:
            c.basis = t.basis
            c.basis_period = shift(c.period, t.basis) if c.period else None
        elif t.period:
            c.basis_period, c.basis = t.period, basis_kind(c.period, t.period)
        return c.basis_period is not None

    after = [t for t in basis_mentions if c.num_end <= t.start < cl[1]]
    if after and take(min(after, key=lambda t: t.start - c.num_end)):
        return
    comp = next((x for x in cands if x.kind == "level" and x.comparison and x.explicit_period
                 and x.num_start > c.num_start and x.num_start - c.num_end < 60 and x.num_start < cl[1]), None)
    if comp is not None and comp.period != c.period:
        c.basis_period, c.basis = comp.period, basis_kind(c.period, comp.period)
        return
    inside = [t for t in basis_mentions if cl[0] <= t.start < cl[1]]
    if inside and take(min(inside, key=lambda t: abs(t.start - c.num_end))):
        return
    governed = [t for t in times if t.role == "period" and t.period and cl[0] <= t.start < cl[1]
                and t.start > c.num_start and _comparison_governed(text, _core_start(t))]
    if governed and take(governed[0]):
        return
    compared = any(x.kind == "level" and x.comparison and cl[0] <= x.num_start < cl[1] for x in cands)
    if not times and not compared and basis_default is None:
        # no time phrase in the sentence and no comparison named: what it is measured
        # against is not stated ("the total dollar value fell by 47%"), so it stays open
        c.basis = c.basis_period = None
        return
    p = parse_period(c.period)
    if basis_default is not None:
        c.basis = basis_default
    else:
        c.basis = "previous_period" if p is not None and p.granularity in ("month", "day", "dayspan") else "year_ago"
    c.basis_period = shift(c.period, c.basis) if c.period else None


def basis_kind(period: str | None, basis_period: str) -> str:
    if period and shift(period, "year_ago") == basis_period:
        return "year_ago"
    if period and shift(period, "previous_period") == basis_period:
        return "previous_period"
    return "period"


def period_evidence(c: Cand, times, disc: Discourse) -> None:
    if c.period is None:
        c.evidence.pop("period", None)
    elif c.explicit_period:
        c.evidence["period"] = "own_phrase"
    elif "period" in c.evidence:
        return
    elif any(t.period == c.period or t.basis for t in times):
        c.evidence["period"] = "sentence"  # a phrase of the sentence, or counted from one
    elif c.period == disc.period:
        c.evidence["period"] = disc.period_level
    else:
        c.evidence["period"] = "sentence"


def point_in_time(cands: list[Cand], sent, disc: Discourse, lex: Lexicon) -> None:
    """"Stocks ... in the week ended Feb 27 to 128.4 mln barrels" is the stock on Feb 27;
    "the share currently trades at 734 francs", "total foreign debt is 23 billion dlrs",
    with no period of their own, are as of the day of publication."""
    present = sent is not None and sent.root.tag_ in ("VBZ", "VBP")
    for c in cands:
        p = parse_period(c.period)
        if c.kind == "level" and c.indicator == "inventory" and p is not None and p.granularity == "dayspan":
            c.period = p.day_end.isoformat()
        elif c.kind == "level" and c.indicator in lex.point_indicators and present and disc.published \
                and not c.explicit_period and c.modality == "reported":
            c.period = disc.published.isoformat()
            c.evidence["period"] = "article"
