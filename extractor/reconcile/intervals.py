"""Intervals of values a stated number stands for, and the arithmetic on them (DESIGN.md §4).

A stated number covers the half-open interval of values that round to it: "304" is
[303.5, 304.5); "31.4%" is [31.35, 31.45). The step (one unit of the last written digit,
in canonical units) comes from `Claim.step` when the extractor set it, otherwise from the
number as written in `Claim.quote`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from extractor.config import Config
from extractor.models import Claim

INF = math.inf
# Relative widening of computed (not stated) intervals so that float noise in a ratio
# never turns "touching" into "disjoint".
EPS = 1e-9


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    @classmethod
    def point(cls, v: float) -> Interval:
        return cls(v, v)

    @property
    def empty(self) -> bool:
        return self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open))

    def intersect(self, other: Interval) -> Interval | None:
        if self.lo > other.lo or (self.lo == other.lo and self.lo_open):
            lo, lo_open = self.lo, self.lo_open
        else:
            lo, lo_open = other.lo, other.lo_open
        if self.hi < other.hi or (self.hi == other.hi and self.hi_open):
            hi, hi_open = self.hi, self.hi_open
        else:
            hi, hi_open = other.hi, other.hi_open
        out = Interval(lo, hi, lo_open, hi_open)
        return None if out.empty else out

    def overlaps(self, other: Interval) -> bool:
        return self.intersect(other) is not None

    def hull(self, other: Interval) -> Interval:
        if self.lo < other.lo or (self.lo == other.lo and not self.lo_open):
            lo, lo_open = self.lo, self.lo_open
        else:
            lo, lo_open = other.lo, other.lo_open
        if self.hi > other.hi or (self.hi == other.hi and not self.hi_open):
            hi, hi_open = self.hi, self.hi_open
        else:
            hi, hi_open = other.hi, other.hi_open
        return Interval(lo, hi, lo_open, hi_open)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi,
                        self.lo_open or other.lo_open, self.hi_open or other.hi_open)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, self.hi_open, self.lo_open)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def widened(self) -> Interval:
        """Closed and a hair wider: for computed intervals (see EPS)."""
        def pad(x: float) -> float:
            return EPS * max(abs(x), 1.0) if math.isfinite(x) else 0.0
        return Interval(self.lo - pad(self.lo), self.hi + pad(self.hi))

    @property
    def sign(self) -> int:
        """+1 if every value is positive, -1 if every value is negative, else 0."""
        if self.lo > 0 or (self.lo == 0 and self.lo_open):
            return 1
        if self.hi < 0 or (self.hi == 0 and self.hi_open):
            return -1
        return 0

    def as_list(self) -> list[float | None]:
        return [self.lo if math.isfinite(self.lo) else None, self.hi if math.isfinite(self.hi) else None]


def intersect_all(items: list[Interval]) -> Interval | None:
    out: Interval | None = items[0] if items else None
    for it in items[1:]:
        if out is None:
            return None
        out = out.intersect(it)
    return out


def hull_all(items: list[Interval]) -> Interval:
    out = items[0]
    for it in items[1:]:
        out = out.hull(it)
    return out


# ---------------------------------------------------------------- ratios of levels

def ratio(a: Interval, b: Interval) -> Interval | None:
    """a / b for non-negative amounts (levels); None when it says nothing."""
    if a.lo < 0 or b.lo < 0 or b.hi <= 0:
        return None
    lo = a.lo / b.hi if math.isfinite(b.hi) else 0.0
    hi = a.hi / b.lo if b.lo > 0 else INF
    return Interval(lo, hi).widened()


def pct_change(new: Interval, old: Interval) -> Interval | None:
    """(new / old - 1) * 100 as an interval."""
    r = ratio(new, old)
    if r is None:
        return None
    return Interval((r.lo - 1) * 100, (r.hi - 1) * 100 if math.isfinite(r.hi) else INF)


def apply_change(base: Interval, change: Interval) -> Interval | None:
    """base * (1 + change/100): the level a stated level and a % change imply for the
    other period."""
    f = Interval(1 + change.lo / 100, 1 + change.hi / 100)
    if base.lo < 0 or f.hi <= 0:
        return None
    flo = max(f.lo, 0.0)
    return Interval(base.lo * flo, base.hi * f.hi).widened()


def undo_change(level: Interval, change: Interval) -> Interval | None:
    """level / (1 + change/100): the comparison period's level."""
    f = Interval(1 + change.lo / 100, 1 + change.hi / 100)
    if level.lo < 0 or f.hi <= 0:
        return None
    lo = level.lo / f.hi if math.isfinite(f.hi) else 0.0
    hi = level.hi / f.lo if f.lo > 0 else INF
    return Interval(lo, hi).widened()


# ---------------------------------------------------------------- the written number

_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Written:
    text: str  # the digits as the article wrote them ("5,864.60", "18,9")
    number: Decimal  # what they mean ("5864.60", "18.9")
    decimals: int


def _readings(token: str) -> list[Written]:
    """Every plausible reading of a digit string with separators: the last separator as a
    decimal mark ("18,9", "38.563.6"), or every separator as a thousands mark ("5,952")."""
    groups = re.split(r"[.,\s\u00a0\u202f]", token)
    if len(groups) == 1:
        return [Written(token, Decimal(token), 0)]
    out = []
    last_sep = token[len(token) - len(groups[-1]) - 1]
    middle_ok = all(len(g) == 3 for g in groups[1:-1]) and (len(groups) == 2 or len(groups[0]) <= 3)
    if last_sep in ".," and middle_ok:
        out.append(Written(token, Decimal("".join(groups[:-1]) + "." + groups[-1]), len(groups[-1])))
    if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
        out.append(Written(token, Decimal("".join(groups)), 0))
    return out


def written_number(claim: Claim) -> tuple[Written, Decimal] | None:
    """The number of the quote that the claim's value was scaled from, and the scale
    (value / written number). Among several numbers ("1.3% above December 2024") the one
    whose scale is a power of ten wins; unit conversions (short tons) are accepted only
    when the quote holds a single number."""
    if claim.value == 0:
        return None
    value = abs(Decimal(repr(float(claim.value))))
    tokens = _NUMBER.findall(claim.quote or "")
    best: tuple[float, int, int, Written, Decimal] | None = None
    for pos, token in enumerate(tokens):
        for reading in _readings(token):
            if reading.number == 0:
                continue
            scale = value / reading.number
            lg = math.log10(float(scale))
            misfit = abs(lg - round(lg))
            key = (misfit, abs(round(lg)), pos, reading, scale)
            if best is None or key[:3] < best[:3]:
                best = key
    if best is None:
        return None
    misfit, _, _, reading, scale = best
    if misfit < 1e-6:
        scale = Decimal(1).scaleb(round(math.log10(float(scale))))  # snap: 1e6, 0.001, ...
    elif len(tokens) > 1:
        return None
    return reading, scale


def claim_step(claim: Claim) -> float | None:
    """One unit of the last written digit in canonical units; None for a zero with no
    digits ("no cargoes arrived"), which is exact."""
    if claim.step:
        return float(claim.step)
    return _step(claim.quote or "", float(claim.value), claim.unit)


@lru_cache(maxsize=65536)
def _step(quote: str, value: float, unit: str) -> float | None:
    # Cached: a batch repeats the same quotes and values many times over.
    claim = Claim(article="", sentence="", quote=quote, start=0, end=0, kind="level", value=value, unit=unit)
    found = written_number(claim)
    if found is not None:
        reading, scale = found
        return float(scale.scaleb(-reading.decimals))
    if value == 0:
        zeros = [r for t in _NUMBER.findall(quote) for r in _readings(t) if r.number == 0]
        # A written zero ("0%", "0.0%") has the precision it was written with.
        return 10.0 ** -zeros[0].decimals if zeros else None
    if unit in ("%", "pp"):
        # Word numbers of a change or share ("halved", "roughly half", "sevenfold"):
        # one percentage unit, as a newspaper's "half" is 50 %, not 45-55 %.
        return 1.0
    # Word amounts ("a million tonnes"): one significant figure.
    return 10.0 ** math.floor(math.log10(abs(value)))


def claim_interval(claim: Claim, cfg: Config) -> Interval:
    """The values a claim stands for. gt/ge/lt/le bound the size of the number, so the
    sign of the value is kept: "fell by over 11%" (-11, gt) is (-inf, -11)."""
    if claim.kind == "rank":
        return Interval.point(float(claim.value))
    return _interval(float(claim.value), claim.approx or "exact", claim_step(claim), cfg.approx_tolerance)


@lru_cache(maxsize=65536)
def _interval(v: float, approx: str, step: float | None, tolerance: float) -> Interval:
    if approx in ("gt", "ge"):
        if v < 0:
            return Interval(-INF, v, False, approx == "gt")
        return Interval(v, INF, approx == "gt", False)
    if approx in ("lt", "le"):
        if v < 0:
            return Interval(v, 0.0, approx == "lt", False)
        return Interval(0.0, v, False, approx == "lt")
    if step is None:
        return Interval.point(v)
    if approx == "approx":
        half = max(step / 2, tolerance * abs(v))
        return Interval(v - half, v + half)
    # Decimal keeps touching bounds equal: 31.4 - 0.05 and 31.3 + 0.05 both give 31.35.
    # Rounding acts on the size of the number, so a negative figure's open end is its low end.
    d, h = Decimal(repr(v)), Decimal(repr(step)) / 2
    if v < 0:
        return Interval(float(d - h), float(d + h), True, False)
    return Interval(float(d - h), float(d + h), False, True)


def precision(claim: Claim) -> int:
    """Decimals to show a claim's value with, as it was written."""
    step = claim_step(claim)
    if not step:
        return 0
    return max(0, -math.floor(math.log10(step) + 1e-9))
