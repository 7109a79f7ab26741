"""§3 claim JSON -> Claim, for gold files, fixtures and tests."""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from pathlib import Path
from typing import Any

from extractor.models import Claim

_FIELDS = {f.name for f in fields(Claim)}


def claim_from_dict(row: dict[str, Any]) -> Claim:
    """Missing fields defaulted: no sentence or offsets (gold has only `quote`), and an
    article id derived from the article name so that claims of different articles with
    the same content keep different ids."""
    data = {k: v for k, v in row.items() if k in _FIELDS}
    data.setdefault("sentence", "")
    data.setdefault("quote", "")
    data.setdefault("start", -1)
    data.setdefault("end", -1)
    for key in ("measure", "approx", "modality"):
        if data.get(key) is None:
            data.pop(key, None)
    if not data.get("article_id"):
        data["article_id"] = hashlib.sha256(str(data.get("article", "")).encode()).hexdigest()[:16]
    data["value"] = float(data["value"])
    return Claim(**data)


def load_claims_jsonl(path: str | Path) -> list[Claim]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("//"):
            row = json.loads(line)
            if "value" in row:  # gold marks a story without claims by a line without a value
                out.append(claim_from_dict(row))
    return out
