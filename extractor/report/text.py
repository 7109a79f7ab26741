"""Helpers shared by the text renderers: numbers, hostile-text cleaning, highlighting."""

from __future__ import annotations

import re
from typing import Any

# C0 and C1 control characters other than tab and newline: an article must not be able
# to move the cursor, retitle the terminal or hide text with escape sequences.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: Any) -> str:
    return "" if text is None else _CONTROL.sub("", str(text))


def one_line(text: Any) -> str:
    return " ".join(clean(text).split())


def split_highlight(claim: dict[str, Any]) -> tuple[str, str, str]:
    """(before, quote, after) of the claim's sentence; the quote part is empty when the
    quote cannot be found in the sentence."""
    sentence = claim.get("sentence") or ""
    span = claim.get("highlight")
    if not span:
        return sentence, "", ""
    a, b = span
    return sentence[:a], sentence[a:b], sentence[b:]


def pct(rel: float | None) -> str:
    return "" if rel is None else f"{rel * 100:.2f} %"


def outlets(side: dict[str, Any]) -> str:
    n = side["n_sources"]
    names = ", ".join(one_line(s) for s in side["sources"])
    return f"{n} outlet{'s' if n != 1 else ''}: {names}" if n else "no outlet named"


def verdict_text(conflict: dict[str, Any]) -> str:
    if not conflict.get("verdict"):
        return "unreviewed"
    note = one_line(conflict.get("note"))
    return f"{conflict['verdict']}" + (f" ({note})" if note else "")
