"""Rows of the database as the public JSON forms (§3 claims)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .models import CLAIM_FIELDS, EVIDENCE_FIELDS, Claim
from .store import Store

_CLAIM_FIELDS = set(Claim.__dataclass_fields__)

# Columns of the CSV export: every field of the JSON form, whatever the first claim's kind
# (basis only on changes, scope only on ranks, note only when set); evidence as JSON text.
EXPORT_COLUMNS = (*CLAIM_FIELDS, "id", "article_id", "extractor_version", "note")

# The evidence view of `extractor claims`: one short column per field, one short word per level.
EVIDENCE_SHORT = {"own_phrase": "own", "sentence": "sent", "paragraph": "para", "article": "art"}
_SHORT_FIELD = {"indicator": "ind", "commodity": "comm", "entity": "ent", "origin": "orig",
                "destination": "dest", "period": "per"}
EVIDENCE_HEADS = {f: "ev." + _SHORT_FIELD.get(f, f) for f in EVIDENCE_FIELDS}
EVIDENCE_VIEW = ("article", "quote", "indicator", "commodity", "entity", "origin", "destination", "period",
                 *EVIDENCE_HEADS.values())
EVIDENCE_LEGEND = ("where each field came from: own = the figure's own phrase, sent = its sentence, "
                   "para = its paragraph, art = the article, empty = none recorded")


def row_to_claim(row: dict[str, Any]) -> Claim:
    values = {k: row[k] for k in _CLAIM_FIELDS if k in row}
    if isinstance(values.get("evidence"), str):
        values["evidence"] = json.loads(values["evidence"])
    elif values.get("evidence") is None:
        values.pop("evidence", None)
    return Claim(**values)


def claim_records(store: Store) -> Iterator[dict[str, Any]]:
    """Current claims in a stable order: article, position in the text."""
    for row in store.claims():
        yield row_to_claim(row).to_dict()


def evidence_cells(record: dict[str, Any]) -> dict[str, str]:
    """A claim record's evidence as the view's short columns ('ev.orig': 'sent')."""
    evidence = record.get("evidence") or {}
    return {EVIDENCE_HEADS[f]: EVIDENCE_SHORT.get(evidence.get(f), evidence.get(f) or "")
            for f in EVIDENCE_FIELDS}
