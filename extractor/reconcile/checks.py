"""The checks of DESIGN.md §4 on the claims of one series, and the aggregate check across
destinations. Every check works on claims bucketed by period, so no step compares all
pairs of a series' claims.

Vocabulary:
- an *item* is one interval with the claims behind it: a stated figure, or a figure
  computed from stated figures (a change from two levels, a level implied by a level and
  a change);
- a *side* is a set of items whose intervals share a common point (republished or
  compatible figures); a conflict is two or more sides of one question.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from extractor.config import Config
from extractor.models import Claim
from extractor.periods import Period, format_period, make_period, month_index, shift
from extractor.periods import parse_period as _parse_period
from extractor.reconcile import fmt
from extractor.reconcile.intervals import (
    INF,
    Interval,
    claim_interval,
    hull_all,
    intersect_all,
    pct_change,
    precision,
    undo_change,
)

# Indicators whose amounts add up over time and across partners (flows). Prices, rates,
# stocks and balances do not add up the same way, so the aggregate and bound arguments
# are kept to flows; balances add up but may be negative, so they get no bounds.
FLOW_INDICATORS = frozenset({"trade", "production", "consumption", "purchases", "sales", "imports", "exports",
                             "shipments", "output", "deliveries", "arrivals", "demand", "supply", "crush"})
SIGNED_FLOW_INDICATORS = frozenset({"trade_balance"})
NON_AMOUNT_UNITS = frozenset({"%", "pp", "rank"})
_MONEY = re.compile(r"^[A-Z]{3}$")
# Groups of countries, not countries, although written with two letters.
BLOC_CODES = frozenset({"EU", "EA"})


@lru_cache(maxsize=65536)
def parse_period(text: str | None) -> Period | None:
    return _parse_period(text)


def is_money(unit: str) -> bool:
    return bool(_MONEY.match(unit or ""))


def is_amount(unit: str) -> bool:
    return unit not in NON_AMOUNT_UNITS and "/" not in (unit or "")


def canon_period(text: str | None) -> str | None:
    """One spelling per span of months: "2025-01/2025-06" and "2025-H1" meet."""
    p = parse_period(text)
    if p is None:
        return text.strip() if text else None
    if p.granularity in ("day", "dayspan", "crop"):
        return format_period(p)
    return format_period(make_period(p.start, p.end))


def basis_of(c: Claim) -> str | None:
    if c.basis_period:
        return canon_period(c.basis_period)
    if c.basis in ("previous_period", "year_ago"):
        return canon_period(shift(c.period, c.basis))
    return None


def measure_of(c: Claim) -> str:
    """Money amounts are the `value` measure whatever the claim says; % changes say it."""
    if c.kind in ("level", "share") or c.unit not in ("%", "pp"):
        return "value" if is_money(c.unit) else "volume"
    return c.measure or "volume"


@dataclass
class Item:
    interval: Interval
    point: float  # the stated figure, or the one computed from stated figures
    claims: list[Claim]
    describe: str | Callable[[], str]  # built only when a conflict is reported
    computed: bool = False
    unit: str = ""

    @property
    def label(self) -> str:
        return self.describe() if callable(self.describe) else self.describe


@dataclass
class Side:
    items: list[Item]
    interval: Interval

    @property
    def claims(self) -> list[Claim]:
        seen, out = set(), []
        for it in self.items:
            for c in it.claims:
                if id(c) not in seen:
                    seen.add(id(c))
                    out.append(c)
        return out

    @property
    def point(self) -> float:
        stated = [it for it in self.items if not it.computed]
        return (stated or self.items)[0].point


def group_sides(items: list[Item]) -> list[Side]:
    """Items into sides of compatible intervals: sweep in order of lower bound, keeping the
    running intersection; an item that misses it opens a new side. Deterministic for any
    input order."""
    ordered = sorted(items, key=lambda it: (it.interval.lo, it.interval.hi,
                                            sorted((c.article, c.quote, c.value) for c in it.claims)))
    sides: list[Side] = []
    for it in ordered:
        if sides:
            common = sides[-1].interval.intersect(it.interval)
            if common is not None:
                sides[-1].items.append(it)
                sides[-1].interval = common
                continue
        sides.append(Side([it], it.interval))
    return sides


@dataclass
class Level:
    """What the stated levels of one period say, in one unit."""

    period: str
    unit: str
    claims: list[Claim]
    sides: list[Side]
    interval: Interval  # their intersection; the hull when they disagree (reported apart)
    point: float
    lo_support: list[Claim]  # the claims that set the lower bound
    hi_support: list[Claim]

    @property
    def support(self) -> list[Claim]:
        return _unique(self.lo_support + self.hi_support)


def make_level(period: str, unit: str, claims: list[Claim], cfg: Config) -> Level:
    ivs = [(claim_interval(c, cfg), c) for c in claims]
    items = [Item(iv, c.value, [c], fmt.claim_figure(c)) for iv, c in ivs]
    sides = group_sides(items)
    if len(sides) == 1:
        iv = sides[0].interval
    else:
        iv = hull_all([s.interval for s in sides])
    lo_sup = [c for civ, c in ivs if civ.lo == iv.lo]
    hi_sup = [c for civ, c in ivs if civ.hi == iv.hi]
    best = min(ivs, key=lambda pair: (pair[0].hi - pair[0].lo, pair[1].article))[1]
    return Level(period, unit, claims, sides, iv, best.value, lo_sup, hi_sup)


def _unique(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for c in claims:
        if id(c) not in seen:
            seen.add(id(c))
            out.append(c)
    return out


@dataclass
class Finding:
    """A conflict before it gets its id and severity (engine.build)."""

    type: str
    period: str
    measure: str
    sides: list[tuple[str, list[Claim]]]
    expected: Interval
    observed: Interval
    a: float  # the two figures whose difference is the gap
    b: float
    unit: str
    explanation: str
    destination: str | None = None  # for findings across destinations
    force_high: bool = False


@dataclass
class SeriesIndex:
    """The claims of one series (indicator, commodity, origin, destination), bucketed."""

    claims: list[Claim]
    cfg: Config
    levels: dict[tuple[str, str], Level] = field(default_factory=dict)  # (unit, period)
    shares: dict[str, Level] = field(default_factory=dict)  # period
    changes: dict[tuple[str, str, str, str], list[Claim]] = field(default_factory=dict)
    ranks: list[Claim] = field(default_factory=list)
    _implied: dict[str, dict[str, list[tuple[Interval, list[Claim], float]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        lv: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        sh: dict[str, list[Claim]] = defaultdict(list)
        ch: dict[tuple[str, str, str, str], list[Claim]] = defaultdict(list)
        for c in self.claims:
            p = canon_period(c.period)
            if p is None:
                continue
            if c.kind == "level":
                lv[(c.unit, p)].append(c)
            elif c.kind == "share":
                sh[p].append(c)
            elif c.kind == "change":
                b = basis_of(c)
                if b is not None:
                    ch[(measure_of(c), c.unit, p, b)].append(c)
            elif c.kind == "rank":
                self.ranks.append(c)
        self.levels = {k: make_level(k[1], k[0], v, self.cfg) for k, v in lv.items()}
        self.shares = {k: make_level(k, "%", v, self.cfg) for k, v in sh.items()}
        self.changes = dict(ch)
        first = self.claims[0]
        self.indicator = first.indicator
        self.destination = first.destination

    @property
    def flow(self) -> bool:
        return self.indicator in FLOW_INDICATORS

    def level_units(self, measure: str) -> list[str]:
        """Units of levels a % change of this measure is computed from: money for `value`,
        anything else (tonnes, prices) for `volume`."""
        if not hasattr(self, "_units"):
            units = {u for u, _ in self.levels if u not in NON_AMOUNT_UNITS}
            self._units = {m: sorted(u for u in units if is_money(u) == (m == "value")) for m in ("value", "volume")}
        return self._units[measure]

    def run(self) -> Iterator[Finding]:
        yield from self.value_mismatches()
        yield from self.change_checks()
        yield from self.implied_mismatches()
        yield from self.rank_mismatches()
        yield from self.time_aggregates()

    # ------------------------------------------------------------ 1. value_mismatch
    def value_mismatches(self) -> Iterator[Finding]:
        for (unit, period), level in sorted(self.levels.items()):
            if len(level.sides) < 2:
                continue
            yield _sides_finding("value_mismatch", period, "value" if is_money(unit) else "volume",
                                 level.sides, unit, f"for {period}")

    # ------------------------------------------------------- 2./4. change and direction
    def computed_changes(self, measure: str, unit: str, p: str, b: str) -> list[Item]:
        out: list[Item] = []
        if unit == "%":
            for u in self.level_units(measure):
                lp, lb = self.levels.get((u, p)), self.levels.get((u, b))
                if lp and lb:
                    iv = pct_change(lp.interval, lb.interval)
                    if iv is not None:
                        point = (lp.point / lb.point - 1) * 100 if lb.point else math.nan
                        out.append(self._computed_item(iv, point, lp, lb, unit))
        elif unit == "pp":
            lp, lb = self.shares.get(p), self.shares.get(b)
            if lp and lb:
                out.append(self._computed_item((lp.interval - lb.interval).widened(), lp.point - lb.point,
                                               lp, lb, unit))
        elif is_amount(unit):
            lp, lb = self.levels.get((unit, p)), self.levels.get((unit, b))
            if lp and lb:
                out.append(self._computed_item((lp.interval - lb.interval).widened(), lp.point - lb.point,
                                               lp, lb, unit))
        return out

    def _computed_item(self, iv: Interval, point: float, lp: Level, lb: Level, unit: str) -> Item:
        def label() -> str:
            return (f"{_level_text(lp)} ({lp.period}) against {_level_text(lb)} ({lb.period}) is "
                    f"{fmt.span(iv, 2, unit)}")
        return Item(iv, point, _unique(lp.support + lb.support), label, computed=True, unit=unit)

    def change_checks(self) -> Iterator[Finding]:
        for (measure, unit, p, b), claims in sorted(self.changes.items()):
            stated = [Item(claim_interval(c, self.cfg), c.value, [c], _states(c), unit=unit) for c in claims]
            computed = self.computed_changes(measure, unit, p, b)
            sides = group_sides(stated + computed)
            if len(sides) > 1:
                opposite = any(s.interval.sign * t.interval.sign < 0 for s in sides for t in sides)
                yield _sides_finding("direction_mismatch" if opposite else "change_mismatch", p, measure,
                                     sides, unit, f"for {p} against {b}", force_high=opposite)
                continue
            if computed or unit != "%":
                continue
            common = sides[0].interval
            for extra in self.bound_changes(measure, p, b) + self.rank_directions(measure, p, b):
                if common.overlaps(extra.interval):
                    continue
                if extra.interval.sign != 0 and extra.interval.sign == common.sign:
                    continue  # a magnitude question only bounds could answer: not checked
                yield _sides_finding("direction_mismatch", p, measure,
                                     [sides[0], Side([extra], extra.interval)], unit,
                                     f"for {p} against {b}", force_high=True)
                break

    # bounds: a flow over a span is at least the sum of its disjoint parts and at most
    # any span containing it; parts may be stated or implied by one level and one change.
    def implied_levels(self, unit: str) -> dict[str, list[tuple[Interval, list[Claim], float]]]:
        if unit in self._implied:
            return self._implied[unit]
        out: dict[str, list[tuple[Interval, list[Claim], float]]] = defaultdict(list)
        measure = "value" if is_money(unit) else "volume"
        for (m, u, p, b), claims in sorted(self.changes.items()):
            if m != measure or u != "%":
                continue
            lp, lb = self.levels.get((unit, p)), self.levels.get((unit, b))
            for c in claims:
                civ = claim_interval(c, self.cfg)
                if lp and not lb:
                    iv = undo_change(lp.interval, civ)
                    if iv is not None:
                        out[b].append((iv, _unique(lp.support + [c]), lp.point / (1 + c.value / 100)))
        self._implied[unit] = out
        return out

    def bound(self, unit: str, period: str) -> tuple[Interval, list[Claim], float] | None:
        stated = self.levels.get((unit, period))
        if stated is not None:
            return stated.interval, stated.support, stated.point
        target = parse_period(period)
        if target is None or target.granularity in ("day", "dayspan", "crop"):
            return None
        implied = self.implied_levels(unit)
        known: dict[str, tuple[Interval, list[Claim], float]] = {}
        for (u, p), lv in self.levels.items():
            if u == unit:
                known[p] = (lv.interval, lv.support, lv.point)
        for p, rows in implied.items():
            if p not in known:
                known[p] = (hull_all([r[0] for r in rows]), _unique([c for r in rows for c in r[1]]),
                            rows[0][2])
        parts: dict[int, list[tuple[int, str]]] = defaultdict(list)
        hi, hi_claims = INF, []
        a, z = month_index(target.start), month_index(target.end)
        for p in known:
            q = parse_period(p)
            if q is None or q.granularity in ("day", "dayspan", "crop"):
                continue
            qa, qz = month_index(q.start), month_index(q.end)
            if a <= qa and qz <= z and (qa, qz) != (a, z):
                parts[qa].append((qz, p))
            elif qa <= a and z <= qz and (qa, qz) != (a, z) and known[p][0].hi < hi:
                hi, hi_claims = known[p][0].hi, known[p][1]
        # Weighted interval scheduling over the months of the target: the largest sum of
        # lower bounds of disjoint parts.
        best: dict[int, tuple[float, list[str]]] = {z + 1: (0.0, [])}
        for i in range(z, a - 1, -1):
            cand = best[i + 1]
            for qz, p in parts.get(i, []):
                lo = known[p][0].lo + best[qz + 1][0]
                if lo > cand[0]:
                    cand = (lo, [p] + best[qz + 1][1])
            best[i] = cand
        lo, chosen = best[a]
        if lo <= 0 and math.isinf(hi):
            return None
        claims = _unique([c for p in chosen for c in known[p][1]] + hi_claims)
        point = sum(known[p][2] for p in chosen) if chosen else hi
        return Interval(max(lo, 0.0), hi), claims, point

    def bound_changes(self, measure: str, p: str, b: str) -> list[Item]:
        if not self.flow:
            return []
        out = []
        for u in self.level_units(measure):
            bp, bb = self.bound(u, p), self.bound(u, b)
            if bp is None or bb is None:
                continue
            iv = pct_change(bp[0], bb[0])
            if iv is None:
                continue
            point = (bp[2] / bb[2] - 1) * 100 if bb[2] else math.nan
            label = (f"{_bound_text(bp, u)} ({p}) against {_bound_text(bb, u)} ({b}) is "
                     f"{fmt.span(iv, 2, '%')}")
            out.append(Item(iv, point, _unique(bp[1] + bb[1]), label, computed=True, unit="%"))
        return out

    def rank_measure(self, r: Claim) -> str:
        """What a rank ranks: its measure as stated; a series whose levels are all money
        ranks its value whatever the claim says."""
        only_money = self.level_units("value") and not self.level_units("volume")
        return "value" if r.measure == "value" or only_money else "volume"

    def rank_directions(self, measure: str, p: str, b: str) -> list[Item]:
        """"The highest since ..." at P with B in its scope means P is not below B (for a
        change of what the rank ranks: the smallest tonnage is no bound on value)."""
        out = []
        pp, pb = parse_period(p), parse_period(b)
        if pp is None or pb is None:
            return out
        for r in self.ranks:
            if self.rank_measure(r) != measure:
                continue
            if canon_period(r.period) != p or abs(r.value) != 1 or not _same_shape(pp, pb):
                continue
            if not _in_scope(pb, r.scope, pp):
                continue
            iv = Interval(0.0, INF) if r.value > 0 else Interval(-INF, 0.0)
            word = "highest" if r.value > 0 else "lowest"
            out.append(Item(iv, 0.0, [r], f"{fmt.source(r)} calls {p} the {word} in a scope holding {b}",
                            computed=True, unit="%"))
        return out

    # ------------------------------------------------------------ 3. implied_mismatch
    def implied_mismatches(self) -> Iterator[Finding]:
        found: dict[tuple[str, str, str], list[Item]] = defaultdict(list)
        for (measure, unit, p, b), claims in sorted(self.changes.items()):
            if unit != "%":
                continue
            for u in self.level_units(measure):
                lp, lb = self.levels.get((u, p)), self.levels.get((u, b))
                if not lp or not lb:
                    continue
                for c in claims:
                    # What the article itself implies: its own level for P with its change.
                    own = [x for x in lp.claims if x.article == c.article]
                    if not own:
                        continue
                    own_iv = intersect_all([claim_interval(x, self.cfg) for x in own])
                    if own_iv is None:
                        continue
                    iv = undo_change(own_iv, claim_interval(c, self.cfg))
                    if iv is None or iv.overlaps(lb.interval):
                        continue
                    point = own[0].value / (1 + c.value / 100)
                    label = (f"{fmt.source(c)}'s {fmt.claim_figure(own[0])} for {p} at "
                             f"{fmt.claim_figure(c)} implies {fmt.span(iv, precision(own[0]) + 1, u)} for {b}")
                    found[(measure, u, b)].append(Item(iv, point, own + [c], label, computed=True, unit=u))
        for (measure, u, b), items in sorted(found.items()):
            lb = self.levels[(u, b)]
            stated = Item(lb.interval, lb.point, lb.claims,
                          f"{_sources(lb.claims)} state{'s' if len(_sources(lb.claims).split(', ')) == 1 else ''} "
                          f"{_level_text(lb)}", unit=u)
            sides = group_sides(items) + [Side([stated], stated.interval)]
            yield _sides_finding("implied_mismatch", b, measure, sides, u, f"for {b}", labels=True)

    # ------------------------------------------------------------ 5. rank_mismatch
    def rank_mismatches(self) -> Iterator[Finding]:
        groups: dict[tuple[str, str, float, str], list[Claim]] = defaultdict(list)
        for r in self.ranks:
            p = canon_period(r.period)
            if p and r.scope and r.value:
                groups[(p, r.scope, r.value, self.rank_measure(r))].append(r)
        for (p, scope, rank, measure), rclaims in sorted(groups.items()):
            pp = parse_period(p)
            if pp is None:
                continue
            # Levels in the units of what the rank ranks: "the highest value" says nothing of tonnes.
            for u in (u for u in self.level_units(measure) if is_amount(u)):
                lp = self.levels.get((u, p))
                if lp is None:
                    continue
                beyond: list[Level] = []
                for (uu, q), lq in sorted(self.levels.items()):
                    pq = parse_period(q)
                    if uu != u or q == p or pq is None or not _same_shape(pp, pq) or not _in_scope(pq, scope, pp):
                        continue
                    if rank > 0 and _above(lq.interval, lp.interval):
                        beyond.append(lq)
                    if rank < 0 and _above(lp.interval, lq.interval):
                        beyond.append(lq)
                if len(beyond) < abs(rank):
                    continue
                worst = max(beyond, key=lambda lv: lv.point) if rank > 0 else min(beyond, key=lambda lv: lv.point)
                word = "highest" if rank > 0 else "lowest"
                nth = "" if abs(rank) == 1 else f"{_ordinal(int(abs(rank)))}-"
                others = "; ".join(f"{_level_text(lv)} in {lv.period}" for lv in beyond)
                expl = (f"{_sources(rclaims)} call{'s' if len(rclaims) == 1 else ''} {p} ({_level_text(lp)}) the "
                        f"{nth}{word} in scope {scope}, but {len(beyond)} period(s) of that scope stand "
                        f"{'above' if rank > 0 else 'below'} it: {others}.")
                yield Finding("rank_mismatch", p, "value" if is_money(u) else "volume",
                              [("a", _unique(rclaims + lp.support)), ("b", _unique([c for lv in beyond for c in lv.support]))],
                              lp.interval, worst.interval, lp.point, worst.point, u, expl)

    # ------------------------------------------------------ 6. aggregate over time
    def time_aggregates(self) -> Iterator[Finding]:
        if self.indicator not in FLOW_INDICATORS | SIGNED_FLOW_INDICATORS:
            return
        by_unit: dict[str, dict[str, Level]] = defaultdict(dict)
        for (u, p), lv in self.levels.items():
            if is_amount(u):
                by_unit[u][p] = lv
        for u, levels in sorted(by_unit.items()):
            starts: dict[int, list[tuple[int, Level]]] = defaultdict(list)
            parsed: dict[str, Period] = {}
            for p, lv in levels.items():
                q = parse_period(p)
                if q is None or q.granularity in ("day", "dayspan", "crop"):
                    continue
                parsed[p] = q
                starts[month_index(q.start)].append((month_index(q.end), lv))
            for p, whole in sorted(levels.items()):
                w = parsed.get(p)
                if w is None or w.length < 2:
                    continue
                found = _partition_extremes(month_index(w.start), month_index(w.end), starts)
                if found is None:
                    continue
                (lo, lo_parts), (hi, hi_parts) = found
                if lo > whole.interval.hi or (lo == whole.interval.hi and whole.interval.hi_open):
                    parts, whole_claims, parts_iv = lo_parts, whole.hi_support, _sum([x.interval for x in lo_parts])
                    parts_claims = [c for x in lo_parts for c in x.lo_support]
                elif hi < whole.interval.lo:
                    parts, whole_claims, parts_iv = hi_parts, whole.lo_support, _sum([x.interval for x in hi_parts])
                    parts_claims = [c for x in hi_parts for c in x.hi_support]
                else:
                    continue
                yield _aggregate_finding(p, u, whole, whole_claims, parts, parts_claims, parts_iv,
                                         " + ".join(f"{x.period} {_level_text(x)}" for x in parts))


def _partition_extremes(a: int, z: int, starts: dict[int, list[tuple[int, Level]]]
                        ) -> tuple[tuple[float, list[Level]], tuple[float, list[Level]]] | None:
    """Over every way to tile months a..z with stated periods (other than a..z itself): the
    largest sum of lower bounds and the smallest sum of upper bounds, with their tilings."""
    top: dict[int, tuple[float, list[Level]] | None] = {z + 1: (0.0, [])}
    bottom: dict[int, tuple[float, list[Level]] | None] = {z + 1: (0.0, [])}
    for i in range(z, a - 1, -1):
        best_t: tuple[float, list[Level]] | None = None
        best_b: tuple[float, list[Level]] | None = None
        for end, lv in starts.get(i, []):
            if end > z or (i == a and end == z):
                continue
            t, b = top.get(end + 1), bottom.get(end + 1)
            if t is not None and (best_t is None or lv.interval.lo + t[0] > best_t[0]):
                best_t = (lv.interval.lo + t[0], [lv] + t[1])
            if b is not None and (best_b is None or lv.interval.hi + b[0] < best_b[0]):
                best_b = (lv.interval.hi + b[0], [lv] + b[1])
        top[i], bottom[i] = best_t, best_b
    t, b = top[a], bottom[a]
    if t is None or b is None:
        return None
    return t, b


def _sum(items: list[Interval]) -> Interval:
    out = items[0]
    for it in items[1:]:
        out = out + it
    return out


def _aggregate_finding(period: str, unit: str, whole: Level, whole_claims: list[Claim], parts: list[Level],
                       parts_claims: list[Claim], parts_iv: Interval, parts_text: str,
                       destination: str | None = None) -> Finding:
    dec = max([precision(c) for c in whole.claims + parts_claims] + [0]) + 1
    part_sum = sum(x.point for x in parts)
    more = parts_iv.lo >= whole.interval.hi
    expl = (f"{parts_text} = {fmt.num(part_sum, dec - 1)}{fmt.unit_suffix(unit)}, covering "
            f"{fmt.interval(parts_iv, dec)}, {'more' if more else 'less'} than the stated total of "
            f"{_level_text(whole)} for {period} {fmt.interval(whole.interval, dec)} "
            f"(gap {fmt.num(part_sum - whole.point, dec - 1)}{fmt.unit_suffix(unit)}).")
    return Finding("aggregate_mismatch", period, "value" if is_money(unit) else "volume",
                   [("whole", _unique(whole_claims)), ("part", _unique(parts_claims))],
                   whole.interval, parts_iv, whole.point, part_sum, unit, expl, destination=destination)


def destination_aggregates(series: dict[str | None, SeriesIndex]) -> Iterator[Finding]:
    """Countries against WORLD and regions against WORLD, never mixed: regions overlap
    countries and each other (EU and EUROPE), so regions are summed one article's
    breakdown at a time."""
    world = series.get("WORLD")
    if world is None or world.indicator not in FLOW_INDICATORS | SIGNED_FLOW_INDICATORS:
        return
    for (u, p), whole in sorted(world.levels.items()):
        if not is_amount(u):
            continue
        countries: list[Level] = []
        regions: dict[str, list[Level]] = defaultdict(list)
        for dest, idx in sorted(series.items(), key=lambda kv: str(kv[0])):
            if dest in (None, "WORLD"):
                continue
            lv = idx.levels.get((u, p))
            if lv is None:
                continue
            if len(dest) == 2 and dest.isalpha() and dest not in BLOC_CODES:
                countries.append(lv)
            else:
                for art in sorted({c.article for c in lv.claims}):
                    own = [c for c in lv.claims if c.article == art]
                    regions[art].append(make_level(p, u, own, world.cfg))
        candidates = [countries] + [regions[a] for a in sorted(regions)]
        for parts in candidates:
            if len(parts) < 2:
                continue
            parts_iv = _sum([x.interval for x in parts])
            if not (parts_iv.lo > whole.interval.hi or (parts_iv.lo == whole.interval.hi and
                                                         (whole.interval.hi_open or parts_iv.lo_open))):
                continue
            text = " + ".join(f"{x.claims[0].destination} {_level_text(x)}" for x in parts)
            yield _aggregate_finding(p, u, whole, whole.hi_support, parts,
                                     [c for x in parts for c in x.lo_support], parts_iv, text,
                                     destination="WORLD")


# ------------------------------------------------------------------ helpers

def _above(a: Interval, b: Interval) -> bool:
    """Every value of a exceeds every value of b."""
    return a.lo > b.hi or (a.lo == b.hi and (a.lo_open or b.hi_open))


def _same_shape(a: Period, b: Period) -> bool:
    if a.granularity != b.granularity:
        return False
    if a.granularity in ("span", "crop"):
        return a.start[1] == b.start[1] and a.length == b.length
    return True


def _in_scope(q: Period, scope: str | None, p: Period) -> bool:
    """Scope strings: "all", "2025", "A/B" (closed), "X/" (after X, up to the ranked
    period: "since X" names the last time it was higher), "--06" (one calendar month)."""
    if not scope:
        return False
    scope = scope.strip()
    if scope == "all":
        return q.end <= p.end
    if m := re.fullmatch(r"--(\d{2})", scope):
        return q.granularity == "month" and q.start[1] == int(m[1]) and q.end <= p.end
    if scope.endswith("/"):
        start = parse_period(scope[:-1])
        return start is not None and q.start > start.end and q.end <= p.end
    s = parse_period(scope)
    if s is None and "/" in scope:
        left, right = (parse_period(x) for x in scope.split("/", 1))
        if left is None or right is None:
            return False
        s = Period(left.start, right.end, "span")
    if s is None:
        return False
    return s.start <= q.start and q.end <= s.end


def _states(c: Claim) -> Callable[[], str]:
    return lambda: f"{fmt.source(c)} states {fmt.claim_figure(c)}"


def _ordinal(n: int) -> str:
    return {2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")


def _level_text(lv: Level) -> str:
    if len(lv.sides) == 1:
        best = min(lv.claims, key=lambda c: (-precision(c), c.article))
        return fmt.claim_figure(best)
    return " or ".join(fmt.claim_figure(s.claims[0]) for s in lv.sides)


def _bound_text(b: tuple[Interval, list[Claim], float], unit: str) -> str:
    iv = b[0]
    dec = max([precision(c) for c in b[1] if c.unit == unit] + [0])
    return fmt.span(iv, dec, unit)


def _sources(claims: list[Claim]) -> str:
    return ", ".join(sorted({fmt.source(c) for c in claims}))


def _sides_finding(type_: str, period: str, measure: str, sides: list[Side], unit: str, where: str,
                   force_high: bool = False, labels: bool = False) -> Finding:
    """One finding listing every side; the gap is between the extreme sides' figures."""
    sides = sorted(sides, key=lambda s: (-s.interval.hi, -s.interval.lo))
    names = [chr(ord("a") + i) for i in range(len(sides))]
    first, last = sides[0], sides[-1]
    dec = max([precision(c) for s in sides for c in s.claims if c.unit == unit] + [0])
    decc = dec + 1 if unit not in ("%", "pp") else 2
    gap = first.point - last.point
    rel = abs(gap) / max(abs(first.point), abs(last.point)) if max(abs(first.point), abs(last.point)) else 0.0
    if labels or any(it.computed for s in sides for it in s.items):
        parts = ["; ".join(it.label for it in s.items) for s in sides]
        gap_unit = " pp" if unit == "%" else fmt.unit_suffix(unit)  # a gap between two % figures
        expl = (f"{' — but '.join(parts)}: these cannot all hold "
                f"(gap {fmt.num(abs(gap), decc)}{gap_unit}).")
    else:
        says, covers = [], []
        for s in sides:
            fig = fmt.claim_figure(s.claims[0])
            src = _sources(s.claims)
            verb = "" if says else (" state " if ", " in src else " states ")
            says.append(f"{src}{verb or ' '}{fig}" + ("" if len(says) else f" {where}"))
            covers.append(f"{fig} covers {fmt.interval(s.interval, decc)}")
        expl = (f"{says[0]} and {', '.join(says[1:])}; {' and '.join(covers)}: "
                f"they cannot both hold (gap {fmt.num(abs(gap), dec)}{fmt.unit_suffix(unit)}, {fmt.pct(rel)}).")
    return Finding(type_, period, measure, [(n, s.claims) for n, s in zip(names, sides, strict=True)],
                   first.interval, last.interval, first.point, last.point, unit, expl, force_high=force_high)
