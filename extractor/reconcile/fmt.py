"""Numbers and intervals as a fact-checker reads them in an explanation."""

from __future__ import annotations

import math

from extractor.models import Claim
from extractor.reconcile.intervals import Interval, precision

MINUS = "\u2212"


def num(x: float, decimals: int = 0) -> str:
    if math.isinf(x):
        return "\u221e" if x > 0 else f"{MINUS}\u221e"
    text = f"{abs(x):,.{max(decimals, 0)}f}"
    return f"{MINUS}{text}" if x < 0 and float(text.replace(",", "")) != 0 else text


def unit_suffix(unit: str) -> str:
    return "" if unit == "rank" else f" {unit}"


def claim_figure(c: Claim) -> str:
    """The claim's value at the precision it was written, with its canonical unit and
    its hedge ("over 11 %", "about 160 %")."""
    hedge = {"approx": "about ", "gt": "over ", "ge": "at least ", "lt": "under ", "le": "at most "}
    sign = c.value < 0 and c.approx in ("gt", "ge", "lt", "le")
    body = num(abs(c.value) if sign else c.value, precision(c))
    prefix = hedge.get(c.approx or "exact", "")
    if sign:
        prefix = f"{MINUS}{prefix}" if not prefix else f"{prefix}{MINUS}"
    return f"{prefix}{body}{unit_suffix(c.unit)}"


def interval(iv: Interval, decimals: int) -> str:
    left = "(" if iv.lo_open or math.isinf(iv.lo) else "["
    right = ")" if iv.hi_open or math.isinf(iv.hi) else "]"
    return f"{left}{num(iv.lo, decimals)}, {num(iv.hi, decimals)}{right}"


def span(iv: Interval, decimals: int, unit: str) -> str:
    """"−8.51 % to −7.88 %" for a computed interval."""
    u = unit_suffix(unit)
    if math.isinf(iv.hi):
        return f"at least {num(iv.lo, decimals)}{u}"
    if math.isinf(iv.lo):
        return f"at most {num(iv.hi, decimals)}{u}"
    return f"{num(iv.lo, decimals)}{u} to {num(iv.hi, decimals)}{u}"


def source(c: Claim) -> str:
    return c.source or c.article


def pct(rel: float) -> str:
    return f"{rel * 100:.2f} %"
