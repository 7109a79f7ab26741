"""Which quantities can be statistics, in the contract's unit names (DESIGN §3 `unit`).

Tonnes, money, percent and multiples always; other units (barrels a day, hectares,
bushels, bags) when the vocabulary lists them; pounds and short tons become tonnes. A
bare number takes the unit and scale of the quantity it is paired with ("rose to 2.41
mln from 2.17 mln tonnes", "a surplus of 4.36 billion, against 3.9 billion dlrs").
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from .lexicon import raw_lexicon

MONEY = re.compile(r"^[A-Z]{3}$")
COMPARED = re.compile(r"\b(?:from|against|versus|vs\.?|than|compared\s+(?:with|to))\s+(?:the\s+|an?\s+)?$", re.I)
SCALED = re.compile(r"\b(?:mln|million|billion|bln|trillion|thousand|mn|bn)\b", re.I)


@cache
def _data() -> tuple[dict, dict, dict, re.Pattern]:
    raw = raw_lexicon()
    units = raw["statistical_units"]
    return units["rename"], units["to_tonnes"], units["rate_rename"], re.compile(raw["bare_number_links_regex"], re.I)


def claim_unit(unit: str) -> tuple[str, float] | None:
    """(contract unit, factor to multiply the value by), or None when no statistic is
    counted in this unit (weeks, degrees, counted nouns)."""
    rename, to_tonnes, rate_rename, _ = _data()
    if unit in ("t", "%", "pp", "x") or MONEY.match(unit):
        return unit, 1.0
    if unit in to_tonnes:
        return "t", to_tonnes[unit]
    if unit in rename:
        return rename[unit], 1.0
    if "/" in unit:
        num, _, den = unit.partition("/")
        if MONEY.match(num) or num in rename:
            return f"{rename.get(num, num)}/{rate_rename.get(den, rename.get(den, den))}", 1.0
    return None


def scaled(q, factor: float):
    """The quantity in another unit: value and the step of its last digit times `factor`."""
    return replace(q, value=q.value * factor, step=q.step * factor if q.step is not None else None)


def carry_units(quantities: list, text: str) -> list:
    """Bare numbers next to a quantity of known unit, linked by "and", "from", "against",
    "than" and the like, take that unit (and its scale when they have none of their own)."""
    links = _data()[3]
    out = list(quantities)
    for i, q in enumerate(out):
        if MONEY.match(q.unit or "") and not q.is_year:
            out[i] = _rate_of_pair(out, i, text) or q
            continue
        if q.unit or q.is_year or not _plausible(q):
            continue
        partner = _partner(out, i, text, links) or _sole_unit(quantities, q)
        if partner is not None:
            out[i] = _with_unit(q, partner)
    return out


def _rate_of_pair(qs: list, i: int, text: str):
    """"averaged $1,135 a tonne in September, against $1,210 in August": a money amount
    compared with a price per unit, with no rate of its own, is that price."""
    q = qs[i]
    if re.match(r"\s*(?:a|an|per|/)\s", text[q.end:q.end + 6]) or SCALED.search(q.text):
        return None
    for p in reversed(qs[:i]):
        num, _, den = p.unit.partition("/")
        if den and num == q.unit and _gap_ok(text[p.end:q.start]) and COMPARED.search(text[p.end:q.start]):
            return replace(q, unit=p.unit)
    return None


def _sole_unit(qs: list, q):
    """"sun oil 172,100 (189,800), rape oil 114,300 (103,400) tonnes", "436 mln dlrs in
    January, up from 371 mln": in a sentence whose amounts are all in one unit, a bare
    figure written with separators or a scale word is in it too."""
    units = {p.unit for p in qs if p.unit and claim_unit(p.unit) and p.unit not in ("%", "pp", "x")}
    if len(units) != 1 or not ("," in q.number_text or SCALED.search(q.text)):
        return None
    return next(p for p in qs if p.unit in units)


def _plausible(q) -> bool:
    """A year-like integer or a small count is not a bare figure."""
    digits = q.number_text.replace(",", "").replace(".", "")
    if not digits.isdigit():
        return False
    return bool(SCALED.search(q.text)) or "," in q.number_text or "." in q.number_text


def _partner(qs: list, i: int, text: str, links: re.Pattern):
    q = qs[i]
    before = next((p for p in reversed(qs[:i]) if p.unit and claim_unit(p.unit)), None)
    if before is not None and links.match(text[before.end:q.start].replace("\n", " ")[-60:]) \
            and _gap_ok(text[before.end:q.start]):
        return before
    after = next((p for p in qs[i + 1:] if p.unit and claim_unit(p.unit)), None)
    if after is not None and _gap_ok(text[q.end:after.start]) and \
            re.fullmatch(r"\s*(?:,\s*)?(?:and|or|to|from|against|versus|compared\s+with|than)\s+(?:the\s+)?", text[q.end:after.start], re.I):
        return after
    return None


def _gap_ok(gap: str) -> bool:
    return len(gap) <= 80 and not re.search(r"[;.]\s", gap)


def _with_unit(q, partner):
    """The bare number in the partner's unit and, when it has no scale word, its scale."""
    unit_factor = partner.value / partner.raw_value if partner.raw_value else 1.0
    scale = 1.0
    if not SCALED.search(q.text) and SCALED.search(partner.text):
        try:
            scale = partner.raw_value / float(partner.number_text.replace(",", ""))
        except (ValueError, ZeroDivisionError):
            return q
    factor = unit_factor * scale
    step = q.step * factor if q.step is not None else None
    return replace(q, unit=partner.unit, value=q.value * factor, raw_value=q.value * scale, step=step)


@cache
def _dollars() -> tuple[frozenset[str], re.Pattern, re.Pattern]:
    d = raw_lexicon()["local_dollars"]
    return frozenset(d["codes"]), re.compile(d["bare_regex"], re.I), re.compile(d["us_regex"], re.I)


def local_dollars(quantities: list, current: str | None) -> tuple[list, str | None]:
    """Bare "dlrs" in an article that named its own dollars ("76 mln N.Z. dlrs ... against
    89 mln dlrs") are those dollars; returns the quantities and the article's dollar."""
    codes, bare, us = _dollars()
    out = []
    for q in quantities:
        money = q.unit.split("/")[0]
        if money in codes:
            current = money
        elif money == "USD" and current and bare.search(q.text) and not us.search(q.text):
            q = replace(q, unit=q.unit.replace("USD", current, 1))
        out.append(q)
    return out, current


@cache
def _agency_dollars() -> dict[str, str]:
    return raw_lexicon()["agency_currencies"]["names"]


def agency_dollar(text: str) -> str | None:
    """The dollars of a story from an agency that publishes in its own ("Statistics Canada")."""
    return next((code for name, code in _agency_dollars().items() if name in text), None)


SHORT_TONS = re.compile(r"\bshort\s+tons?\b", re.I)
PLAIN_TONS = re.compile(r"\btons?\b(?!\s*of\s+oil)", re.I)
METRIC = re.compile(r"\b(?:metric|tonnes?|mt)\b", re.I)


def short_tons(quantities: list, text: str, short: bool) -> tuple[list, bool]:
    """DESIGN: "tons" are metric unless the article says "short tons"; once it has, its
    plain "tons" are short tons too ("109,200 short tons ... rose to 151,800 tons")."""
    short = short or bool(SHORT_TONS.search(text))
    if not short:
        return quantities, short
    out = []
    for q in quantities:
        if q.unit == "t" and PLAIN_TONS.search(q.text) and not METRIC.search(q.text) and not SHORT_TONS.search(q.text):
            q = scaled(q, _data()[1]["short ton"])
        out.append(q)
    return out, short

