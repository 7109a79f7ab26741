"""The driver: claims -> groups -> checks -> Conflicts, deterministically.

Grouping key of the driver: (indicator, commodity, entity, origin). One group holds every
destination of an exporter's series, because the aggregate check adds destinations
(DE, US, ... or regions) up against WORLD; inside a group, reconcile_series handles one
destination (all measures and units of it). A caller streaming claims from SQL ordered by
(indicator, commodity, entity, origin) can call reconcile_group per group and needs nothing else.

Evidence: a conflict within one article that no longer stands once the claims that took a
series field or their period from the paragraph or the article are left out is
*unconfirmed*, as is one between figures orders of magnitude apart (magnitude.py).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extractor.config import Config
from extractor.models import Claim, Conflict, _number
from extractor.periods import parse_period
from extractor.reconcile.checks import Finding, SeriesIndex, basis_of, destination_aggregates
from extractor.reconcile.magnitude import magnitude_note

GroupKey = tuple[str | None, str | None, str | None, str | None]
SERIES_KEYS = ("indicator", "commodity", "entity", "origin", "destination", "measure")
# The series fields of a conflict id before entity joined the key; entity is appended only
# when set, so ids (and the verdicts stored under them) of entity-less conflicts stay.
_ID_KEYS = ("indicator", "commodity", "origin", "destination", "measure")
Located = tuple[Finding, Claim]  # a finding and a claim of its series (for the series fields)


@dataclass
class Unreconcilable:
    claim: Claim
    reason: str


@dataclass
class ReconcileReport:
    conflicts: list[Conflict] = field(default_factory=list)
    unreconcilable: list[Unreconcilable] = field(default_factory=list)


def group_key(c: Claim) -> GroupKey:
    return (c.indicator, c.commodity, c.entity, c.origin)


def triage(claims: Iterable[Claim]) -> tuple[list[Claim], list[Unreconcilable]]:
    """Forecasts are never reconciled (not even with each other: two outlets quoting
    different vintages of a forecast is not a conflict); claims without a usable period
    are returned, not guessed."""
    keep, out = [], []
    for c in claims:
        if (c.modality or "reported") != "reported":
            continue
        if parse_period(c.period) is None and not (c.period and c.kind == "level"):
            out.append(Unreconcilable(c, "no period" if not c.period else f"period not understood: {c.period}"))
            continue
        if c.kind == "change" and basis_of(c) is None:
            out.append(Unreconcilable(c, "change without a comparison period"))
            continue
        keep.append(c)
    return keep, out


def reconcile_report(claims: Iterable[Claim], cfg: Config | None = None) -> ReconcileReport:
    cfg = cfg or Config()
    keep, unrec = triage(claims)
    groups: dict[GroupKey, list[Claim]] = defaultdict(list)
    for c in keep:
        groups[group_key(c)].append(c)
    conflicts: list[Conflict] = []
    for key in sorted(groups, key=lambda k: tuple(str(x) for x in k)):
        conflicts.extend(_group(groups[key], cfg))
    unrec.sort(key=lambda u: (u.claim.article, u.claim.start, u.claim.quote, u.claim.id))
    return ReconcileReport(sort_conflicts(conflicts), unrec)


def reconcile(claims: Iterable[Claim], cfg: Config | None = None) -> list[Conflict]:
    return reconcile_report(claims, cfg).conflicts


def reconcile_group(claims: Iterable[Claim], cfg: Config | None = None) -> list[Conflict]:
    """All claims of one (indicator, commodity, entity, origin): every destination's series
    plus the destinations-against-WORLD aggregate."""
    cfg = cfg or Config()
    keep, _ = triage(claims)
    return sort_conflicts(_group(keep, cfg))


def reconcile_series(claims: list[Claim], cfg: Config | None = None) -> list[Conflict]:
    """All claims of one series key (indicator, commodity, entity, origin, destination)."""
    cfg = cfg or Config()
    keep, _ = triage(claims)
    return sort_conflicts(_group(keep, cfg, aggregates=False))


def _group(claims: list[Claim], cfg: Config, aggregates: bool = True) -> list[Conflict]:
    found = _findings(claims, cfg, aggregates)
    standing = _standing(claims, found, cfg, aggregates)
    return [build(f, sample, cfg, standing) for f, sample in found]


def _findings(claims: list[Claim], cfg: Config, aggregates: bool) -> list[Located]:
    by_dest: dict[str | None, list[Claim]] = defaultdict(list)
    for c in claims:
        by_dest[c.destination].append(c)
    indices = {d: SeriesIndex(cl, cfg) for d, cl in by_dest.items()}
    out: list[Located] = []
    for d in sorted(indices, key=str):
        out.extend((f, by_dest[d][0]) for f in indices[d].run())
    if aggregates and "WORLD" in indices:
        out.extend((f, by_dest["WORLD"][0]) for f in destination_aggregates(indices))
    return out


def _standing(claims: list[Claim], found: list[Located], cfg: Config, aggregates: bool) -> set[tuple] | None:
    """The questions still in conflict among the claims that rest on their own sentence;
    None when no finding involves a claim that inherited a field (nothing to re-check)."""
    if not any(c.inherited() for f, _ in found for _, side in f.sides for c in side):
        return None
    solid = [c for c in claims if not c.inherited()]
    return {_question(f, s) for f, s in _findings(solid, cfg, aggregates)} if solid else set()


def _question(f: Finding, sample: Claim) -> tuple:
    """What a finding is about, whichever claims raised it."""
    return (f.type, f.period, f.measure, f.unit, f.destination or sample.destination)


def series_dict(c: Claim, measure: str, destination: str | None = None) -> dict[str, Any]:
    return {"indicator": c.indicator, "commodity": c.commodity, "entity": c.entity, "origin": c.origin,
            "destination": destination if destination is not None else c.destination, "measure": measure}


def _content(c: Claim | Mapping[str, Any]) -> list[Any]:
    get = c.get if isinstance(c, Mapping) else (lambda k: getattr(c, k))
    return [get("article"), get("quote"), _number(float(get("value"))), get("period")]


def conflict_id(type_: str, series: Mapping[str, Any] | Sequence[Any], period: str,
                claims: Iterable[Claim | Mapping[str, Any]]) -> str:
    """A hash of what the conflict is about, not of where its claims are stored: the same
    statements give the same id in any database, and an unrelated claim changes nothing."""
    if isinstance(series, Mapping):
        s = [series.get(k) for k in _ID_KEYS]
        if series.get("entity") is not None:
            s.append(series["entity"])
    else:
        s = list(series)
    contents = sorted(json.dumps(_content(c), default=str) for c in claims)
    key = json.dumps([type_, s, period, contents], default=str)
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def severity(gap_rel: float, cfg: Config) -> str:
    if gap_rel < cfg.severity_low_below:
        return "low"
    if gap_rel < cfg.severity_medium_below:
        return "medium"
    return "high"


def _claim_rows(f: Finding) -> tuple[list[dict[str, Any]], list[Claim]]:
    """The conflict's claim references, each with its side and the fields it inherited."""
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    all_claims: list[Claim] = []
    for side, claims in f.sides:
        for c in claims:
            if (side, id(c)) in seen:
                continue
            seen.add((side, id(c)))
            all_claims.append(c)
            rows.append({"id": c.id, "article": c.article, "quote": c.quote, "value": _number(c.value),
                         "unit": c.unit, "period": c.period, "source": c.source, "published": c.published,
                         "side": side, "inherited": {k: c.evidence[k] for k in c.inherited()}})
    rows.sort(key=lambda r: (r["side"], r["article"], r["quote"], r["id"]))
    return rows, all_claims


def build(f: Finding, sample: Claim, cfg: Config, standing: set[tuple] | None = None) -> Conflict:
    """`standing`: the questions in conflict without inherited claims (None: none to leave out)."""
    series = series_dict(sample, f.measure, f.destination)
    rows, all_claims = _claim_rows(f)
    articles = sorted({c.article for c in all_claims})
    type_ = "internal" if len(articles) == 1 else f.type
    gap_abs = abs(f.a - f.b)
    big = max(abs(f.a), abs(f.b))
    gap_rel = gap_abs / big if big else 0.0
    sev = "high" if f.force_high or f.type == "direction_mismatch" else severity(gap_rel, cfg)
    per_side: dict[str, list[str]] = {}
    for side, claims in f.sides:
        per_side[side] = sorted({c.source or c.article for c in claims})
    inherited = sorted({f"{k} ({v})" for r in rows for k, v in r["inherited"].items()})
    # Unconfirmed by inheritance: the question is no longer in conflict without those claims.
    # Only within one article: there both sides share one context, which cannot tell two
    # figures apart; across articles each side's context is its own outlet's statement.
    gone = standing is not None and len(articles) == 1 and _question(f, sample) not in standing
    doubts = ["inherited"] if inherited and gone else []
    reason, note = magnitude_note(f, cfg) or (None, None)
    if reason:
        doubts.append(reason)
    return Conflict(
        id=conflict_id(type_, series, f.period, all_claims),
        type=type_,
        series=series,
        period=f.period,
        claims=rows,
        articles=articles,
        expected=f.expected.as_list(),
        observed=f.observed.as_list(),
        gap_abs=round(gap_abs, 9),
        gap_rel=round(gap_rel, 6),
        severity=sev,
        explanation=f"{f.explanation} {note}" if note else f.explanation,
        sources_per_side=per_side,
        unconfirmed=bool(doubts),
        unconfirmed_by=sorted(doubts),
        inherited=inherited,
    )


def sort_conflicts(conflicts: list[Conflict]) -> list[Conflict]:
    return sorted(conflicts, key=lambda c: (c.type, tuple(str(c.series.get(k)) for k in SERIES_KEYS),
                                            c.period, c.id))
