"""Candidates stage: a sentence's quantities -> `Cand` records with kind and modality.

Decides whether each number is a level, a change or a share (and its sign), whether a
level is only a comparison base, which figures are forecasts, whether a change is of value
or volume, and which candidates are dropped at the end (standing facts, bare zeros).
"""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .records import Cand
from .text import MONEY, WORD, within, words_before
from .units import claim_unit, scaled


def quantity_cand(q, text: str, lex: Lexicon) -> Cand | None:
    named = claim_unit(q.unit)
    if named is None:
        return None
    unit, factor = named
    if factor != 1.0:
        q = scaled(q, factor)
    after = text[q.end:q.end + 25].lower()
    tail = after.lstrip(" -")
    if any(tail.startswith(h) for h in lex.non_statistical_heads):
        return None
    if MONEY.match(unit) and any(tail.startswith(h) for h in lex.money_rate_tails):
        return None  # "$1 a week": a price of something else, not a statistic
    start = q.hedge_start if q.hedge_start is not None else q.start
    approx = q.approx
    if q.hedge_start is not None and re.match(r"up\s+to\b", text[q.hedge_start:], re.I) and \
            re.search(r"\badd(?:s|ed|ing)?\s*$", text[:q.hedge_start], re.I):
        start, approx = q.start, "exact"  # "added up to 32,569 tonnes" is a sum, not a bound
    c = Cand(start=start, end=q.end, kind="level", value=q.value, unit=unit, step=q.step, approx=approx,
             num_start=q.start, num_end=q.end)
    if "decimal_comma" in q.flags or "garbled_separators" in q.flags or "ambiguous_thousands_comma" in q.flags:
        c.note = "number written with " + ", ".join(f.replace("_", " ") for f in q.flags)
    if unit == "x":
        c.kind, c.multiple = "change", q.value
        c.unit = "%"
        return c
    if unit in ("%", "pp"):
        if _is_share(q, text, lex):
            c.kind = "share"
        else:
            c.kind = "change"
            if c.value > 0:
                c.value = c.value * _sign(text, start, q.end, lex)
        return c
    # tonnes or money: an absolute change when a direction word governs it directly
    before = words_before(text, start, 2)
    if before and (before[-1] in lex.abs_change_verbs or
                   (before[-1] == "by" and len(before) > 1 and before[-2] in lex.abs_change_verbs) or
                   (before[-1] == "of" and len(before) > 1 and before[-2] in lex.abs_change_nouns)):
        c.kind = "change"
        c.value = c.value * _sign(text, start, q.end, lex)
        return c
    c.comparison = _is_comparison(text, start, lex) or \
        bool(re.search(r"(?:compared\s+(?:with|to)|against|versus|from|than)\s+(?:the\s+|an?\s+)?[\d.,]+\s*\w*"
                       r"(?:\s+[\w,]+){0,5}\s+and\s+(?:the\s+|an?\s+)?$", text[max(0, start - 90):start]))
    if "/" in unit:
        c.kind = "level"
    return c


def _is_share(q, text: str, lex: Lexicon) -> bool:
    after = text[q.end:q.end + 40]
    before = text[max(0, (q.hedge_start or q.start) - 30):(q.hedge_start or q.start)].lower().rstrip()
    if lex.share_exclude_after.match(after):
        return False
    if lex.share_after.match(after):
        # "a 32% increase of ..." is a change, "86.6% of the month's imports" a share
        return True
    return any(before.endswith(w) for w in lex.share_before if w != "or") or \
        (before.endswith(" or") and bool(re.match(r"\s*of\b", after)))


def _sign(text: str, start: int, end: int, lex: Lexicon) -> float:
    """-1 when the nearest direction word around the number says down."""
    best: tuple[int, float] | None = None
    for m in WORD.finditer(text[max(0, start - 80):start]):
        w = m.group().lower()
        d = start - (max(0, start - 80) + m.end())
        if w in lex.up or w in lex.down:
            if best is None or d <= best[0]:
                best = (d, -1.0 if w in lex.down else 1.0)
    for m in WORD.finditer(text[end:end + 40]):
        w = m.group().lower()
        if w in ("from", "than", "to", "against", "compared", "on", "in", "and", "while", "but"):
            break
        if w in lex.up or w in lex.down:
            d = m.start()
            if best is None or d < best[0] or d <= 12:
                best = (d, -1.0 if w in lex.down else 1.0)
            break
    return best[1] if best else 1.0


def _is_comparison(text: str, start: int, lex: Lexicon) -> bool:
    """A level introduced as what something is compared with: "from 5,666 tons", "than the
    9.85 million tonnes", "against 689 tons"."""
    before = text[max(0, start - 40):start].lower()
    before = re.sub(r"\b(?:the|a|just|only|a mere|mere)\s+$", "", before.rstrip() + " ").rstrip()
    before = re.sub(r"\b(?:the|a mere|just|only)$", "", before).rstrip()
    return any(re.search(rf"\b{re.escape(w)}$", before) for w in lex.comparison_before)


def zero_cands(text: str, cands: list[Cand], lex: Lexicon) -> list[Cand]:
    out = []
    for pat in lex.zero:
        for m in pat.finditer(text):
            if any(c.start <= m.start() < c.end for c in cands + out):
                continue
            out.append(Cand(start=m.start(), end=m.end(), kind="level", value=0.0, unit="t", step=None,
                            num_start=m.start(), num_end=m.end()))
    return out


def set_modality(c: Cand, text: str, segments, clauses, lex: Lexicon) -> None:
    seg = within(segments, c.num_start)
    cl = within(clauses, c.num_start)
    # A forecast word in the number's own segment, or leading its clause ("Analysts expect
    # arrivals to fall to X in January and Y in February").
    if _forecast_in(text[seg[0]:seg[1]], lex):
        c.modality = "forecast"
    elif _forecast_in(text[cl[0]:c.num_start], lex) and not (c.comparison and re.search(
            r"^\s*(?:shipped|exported|imported|recorded|seen|brought\s+in)?\s*(?:in|during)\s+(?:19|20)\d\d\b",
            text[c.num_end:c.num_end + 30])):
        # a forecast leading the clause covers its figures, except a past actual it is
        # compared with ("about 15% below the 58,120 t shipped in 2024")
        c.modality = "forecast"


def _forecast_in(span: str, lex: Lexicon) -> bool:
    for m in lex.forecast.finditer(span):
        if m.group() == "may" or m.group().lower() != "may":
            return True
    return False


def measure(c: Cand, cands: list[Cand], text: str, cl, lex: Lexicon) -> str:
    """`value` when the change is about money: the figure just before it is money ("worth
    $348.1 million (down 32.9%)") or its clause speaks of value ("By value, exports fell
    29.7%"); a tonnage just before it makes it volume."""
    before = [x for x in cands if x.kind == "level" and x.num_end <= c.start and x.num_start >= cl[0]
              and c.start - x.num_end <= 30]
    if before:
        near = max(before, key=lambda x: x.num_end)
        return "value" if MONEY.match(near.unit) else "volume"
    return "value" if lex.value_measure.search(text[cl[0]:c.start]) else "volume"


def keep(c: Cand, text: str, times, lex: Lexicon) -> bool:
    if c.kind == "change" and c.multiple is not None:
        _apply_multiple(c, text, times)
    dated = [t for t in times if t.role in ("period", "basis", "marker")]
    if c.kind in ("share", "level") and not dated and lex.general_present.search(text) and c.modality == "reported":
        # "China supplies over 90% of ...": a standing fact, not a figure for a period
        return False
    if c.commodity is None and c.indicator == "trade" and c.unit in ("t",) and c.value == 0:
        return False
    return True


def _apply_multiple(c: Cand, text: str, times) -> None:
    """"more than sevenfold" -> +600 %, "halved" -> -50 %, "twice as high" a year earlier -> -50 %."""
    f = c.multiple or 1.0
    around = text[max(0, c.num_start - 60):c.num_end + 30].lower()
    earlier = bool(re.search(r"\b(?:a\s+year\s+(?:earlier|ago|before)|had\s+been)\b", around)) and \
        bool(re.search(r"\bas\s+(?:high|large|big|much)\b", around))
    if earlier and f > 0:
        f = 1.0 / f
    c.value = (f - 1.0) * 100.0
    c.multiple = None


def gapped_shares(cands: list[Cand], text: str, lex: Lexicon) -> None:
    """"China took 38% of the total and the United States 19%", "followed by Italy with
    7.5%", "11.4 million tonnes, or 75%": a percentage after a share, or after an amount
    with "or", with no direction word of its own, is a share too."""
    prev = None
    for c in cands:
        if c.kind == "change" and c.unit == "%" and c.multiple is None and prev is not None:
            gap = text[prev.num_end:c.start]
            directed = any(w.lower() in lex.up or w.lower() in lex.down for w in WORD.findall(gap))
            if not directed and (prev.kind == "share" and len(gap) < 80 or
                                 prev.kind == "level" and re.fullmatch(r",\s*or\s+(?:about\s+|some\s+|nearly\s+)?", gap)):
                c.kind, c.value = "share", abs(c.value)
        prev = c
