"""Levels of one series that differ by orders of magnitude (issue 11): far more often two
different series (another product, holder or unit) than one garbled figure, so such a
conflict is unconfirmed; a ratio of exactly a power of 1,000, within the precision the
figures were stated with, is a thousands separator read as a decimal point or a scale word
dropped ("48,312" against "48.312")."""

from __future__ import annotations

import math

from extractor.config import Config
from extractor.models import Claim
from extractor.reconcile import fmt
from extractor.reconcile.checks import Finding, is_amount
from extractor.reconcile.intervals import Interval, claim_interval

MAGNITUDE_RATIO = 100.0  # from this ratio on, two levels are more likely two series

Figure = tuple[float, Interval]


def magnitude_note(f: Finding, cfg: Config) -> tuple[str, str] | None:
    """("scale_slip" or "magnitude", a sentence for the explanation) when the figures
    compared are orders of magnitude apart, else None."""
    found = _figures(f, cfg)
    if found is None:
        return None
    (big, big_iv), (small, small_iv), names = found
    ratio = big / small
    if ratio < MAGNITUDE_RATIO:
        return None
    k = round(math.log(ratio, 1000))
    if k >= 1 and _scaled(small_iv, 1000 ** k).overlaps(big_iv):
        return "scale_slip", (f"{names} differ by a factor of exactly {fmt.num(1000 ** k)} within their stated "
                               "precision: one figure looks like the other with its thousands separator read as "
                               "a decimal point, or a scale word (thousand, million) dropped.")
    return "magnitude", (f"{names} differ about {_fold(ratio)}-fold: levels of one series that far apart are "
                         "far more often two different series (another product, holder or unit) than one "
                         "garbled figure.")


def _figures(f: Finding, cfg: Config) -> tuple[Figure, Figure, str] | None:
    """The two absolute figures to compare, biggest first: the finding's own two when they
    are amounts, else the extreme stated levels behind a computed change."""
    if is_amount(f.unit):
        pairs = [(f.a, f.expected), (f.b, f.observed)]
        names = "The two figures"
    else:
        levels = _levels(f)
        if levels is None:
            return None
        pairs = [(c.value, claim_interval(c, cfg)) for c in levels]
        names = f"The levels behind it, {fmt.claim_figure(levels[0])} and {fmt.claim_figure(levels[1])},"
    if pairs[0][0] * pairs[1][0] <= 0:
        return None  # a zero or a change of sign is not a slip of scale
    (a, a_iv), (b, b_iv) = ((abs(v), _abs(iv)) for v, iv in pairs)
    return ((a, a_iv), (b, b_iv), names) if a >= b else ((b, b_iv), (a, a_iv), names)


def _levels(f: Finding) -> tuple[Claim, Claim] | None:
    """The largest and smallest stated level of one unit among the finding's claims."""
    claims = sorted({id(c): c for _, side in f.sides for c in side}.values(),
                    key=lambda c: (c.unit, abs(c.value), c.article, c.quote))
    best: tuple[Claim, Claim] | None = None
    for unit in sorted({c.unit for c in claims}):
        same = [c for c in claims if c.unit == unit and c.kind == "level" and is_amount(unit) and c.value]
        if len(same) >= 2 and (best is None or _span(same[-1], same[0]) > _span(*best)):
            best = (same[-1], same[0])
    return best


def _span(big: Claim, small: Claim) -> float:
    return abs(big.value) / abs(small.value)


def _abs(iv: Interval) -> Interval:
    return -iv if iv.hi <= 0 else iv


def _scaled(iv: Interval, factor: float) -> Interval:
    return Interval(iv.lo * factor, iv.hi * factor, iv.lo_open, iv.hi_open).widened()


def _fold(ratio: float) -> str:
    """Two significant digits: 163.7 -> "160", 2,345 -> "2,300"."""
    digits = max(0, math.floor(math.log10(ratio)) - 1)
    return fmt.num(round(ratio, -digits))
