"""Reconciler (DESIGN.md §4): a pure library from claims to conflicts.

    reconcile(claims, cfg) -> list[Conflict]              all claims, any order
    reconcile_report(claims, cfg) -> ReconcileReport       conflicts + unreconcilable claims
    reconcile_group(claims, cfg)                           one (indicator, commodity, entity, origin)
    reconcile_series(claims, cfg)                          one series: the group's key and destination
    claim_interval(claim, cfg) -> Interval                 what a stated number stands for
    conflict_id(type, series, period, claims) -> str       stable id
    load_claims_jsonl(path) -> list[Claim]                 §3 JSONL -> Claim
"""

from extractor.reconcile.engine import (
    ReconcileReport,
    Unreconcilable,
    conflict_id,
    group_key,
    reconcile,
    reconcile_group,
    reconcile_report,
    reconcile_series,
)
from extractor.reconcile.intervals import Interval, claim_interval, claim_step
from extractor.reconcile.jsonl import claim_from_dict, load_claims_jsonl

__all__ = [
    "Interval", "ReconcileReport", "Unreconcilable", "claim_from_dict", "claim_interval", "claim_step",
    "conflict_id", "group_key", "load_claims_jsonl", "reconcile", "reconcile_group", "reconcile_report",
    "reconcile_series",
]
