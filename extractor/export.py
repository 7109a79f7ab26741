"""Rows of the database as the public JSON forms (§3 claims)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .models import Claim
from .store import Store

_CLAIM_FIELDS = set(Claim.__dataclass_fields__)


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
