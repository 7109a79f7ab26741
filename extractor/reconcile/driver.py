"""Reconcile what is stored: stream claims from SQLite grouped by (indicator, commodity,
entity, origin) — SQL does the grouping, Python only sees one group at a time — and store the
conflicts, closing those whose claims disappeared."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from ..config import SEVERITIES, Config
from ..export import row_to_claim
from ..models import Claim, Conflict
from ..store import Store
from .engine import SERIES_KEYS, group_key, reconcile_group, sort_conflicts, triage

GROUP_SQL = """select * from claims where current = 1 and modality = 'reported'
               order by indicator is null, indicator, commodity is null, commodity, entity is null, entity,
                        origin is null, origin, article, start, id"""


@dataclass
class ReconcileResult:
    conflicts: list[Conflict]
    unreconcilable: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    unconfirmed: int = 0


def claim_groups(store: Store) -> Iterator[list[Claim]]:
    claims = (row_to_claim(r) for r in store.db.query(GROUP_SQL))
    for _, group in groupby(claims, key=group_key):
        yield list(group)


def reconcile_store(store: Store, cfg: Config, run_id: int) -> ReconcileResult:
    conflicts: list[Conflict] = []
    unrec = 0
    for claims in claim_groups(store):
        _, bad = triage(claims)
        unrec += len(bad)
        conflicts.extend(reconcile_group(claims, cfg))
    conflicts = sort_conflicts(conflicts)
    store.save_conflicts(conflicts, run_id)
    counts = {s: sum(1 for c in conflicts if c.severity == s) for s in SEVERITIES}
    return ReconcileResult(conflicts, unrec, counts, sum(1 for c in conflicts if c.unconfirmed))


def gate_failures(store: Store, fail_on: str, fail_on_unconfirmed: bool = False) -> list[dict[str, Any]]:
    """Open conflicts at or above the severity with no verdict yet; unconfirmed ones only
    when asked (they rest on inherited fields or on figures orders of magnitude apart)."""
    return [c for c in gate_candidates(store, fail_on) if fail_on_unconfirmed or not c["unconfirmed"]]


def gate_candidates(store: Store, fail_on: str) -> list[dict[str, Any]]:
    """Open unreviewed conflicts at or above the severity, unconfirmed or not."""
    if fail_on == "none":
        return []
    floor = SEVERITIES.index(fail_on)
    return [c for c in store.conflicts() if c["verdict"] is None and SEVERITIES.index(c["severity"]) >= floor]


def conflict_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored conflict as the public JSON object of `extractor conflicts`."""
    loads = lambda v: json.loads(v) if isinstance(v, str) and v[:1] in "[{" else v  # noqa: E731
    return {
        "id": row["id"], "type": row["type"],
        "series": {k: row.get(k) for k in SERIES_KEYS},
        "period": row["period"], "articles": loads(row["articles"]), "claims": loads(row["claims"]),
        "expected": loads(row["expected"]), "observed": loads(row["observed"]),
        "gap_abs": row["gap_abs"], "gap_rel": row["gap_rel"], "severity": row["severity"],
        "explanation": row["explanation"], "sources_per_side": loads(row["sources_per_side"]),
        "verdict": row.get("verdict"), "note": row.get("review_note"), "status": row["status"],
        "unconfirmed": bool(row.get("unconfirmed")), "unconfirmed_by": loads(row.get("unconfirmed_by")) or [],
        "inherited": loads(row.get("inherited")) or [],
    }
