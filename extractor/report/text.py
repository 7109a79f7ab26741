"""Helpers shared by the text renderers: numbers, hostile-text cleaning, highlighting."""

from __future__ import annotations

import re
from typing import Any

# C0 and C1 control characters other than tab and newline, and bidi overrides: an article
# must not be able to move the cursor, retitle the terminal or reorder what is shown.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")


def clean(text: Any) -> str:
    return "" if text is None else _CONTROL.sub("", str(text))


def one_line(text: Any) -> str:
    return " ".join(clean(text).split())


def flat(text: Any) -> str:
    """Whitespace runs (wrapped lines of the source) as single spaces; ends kept."""
    return _SPACE.sub(" ", clean(text))


def segments(item: dict[str, Any]) -> list[tuple[str, bool]]:
    """The sentence of a claim ("highlight") or of a grouped sentence ("highlights") as
    (text, highlighted) pieces, whitespace flattened, overlapping spans skipped."""
    sentence = item.get("sentence") or ""
    spans = item.get("highlights")
    if spans is None:
        spans = [item["highlight"]] if item.get("highlight") else []
    out: list[tuple[str, bool]] = []
    pos = 0
    for a, b in sorted(spans):
        if a < pos:
            continue
        out += [(sentence[pos:a], False), (sentence[a:b], True)]
        pos = b
    out.append((sentence[pos:], False))
    pieces = [(flat(t), hl) for t, hl in out if t]
    if pieces:  # trim the quotation's ends, not the spaces between pieces
        pieces[0] = (pieces[0][0].lstrip(), pieces[0][1])
        pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
    return [p for p in pieces if p[0]]


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


UNCONFIRMED_NOTE = ("These rest on a field that a claim took from its paragraph or article rather than its "
                    "own sentence, or on figures orders of magnitude apart: more often two different series "
                    "than one wrong figure. They do not fail the gate unless fail_on_unconfirmed is set.")


def split_unconfirmed(conflicts: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The conflicts as they are shown: the confirmed ones, then the unconfirmed apart."""
    return ([c for c in conflicts if not c.get("unconfirmed")], [c for c in conflicts if c.get("unconfirmed")])


def unconfirmed_text(conflict: dict[str, Any]) -> str:
    return "; ".join(one_line(x) for x in conflict.get("caveats") or [])


def unconfirmed_count(summary: dict[str, Any]) -> str:
    n = summary.get("unconfirmed") or 0
    return f", {n} unconfirmed" if n else ""
