"""Plain-text helpers every stage shares: word and money patterns, clause and segment
bounds, the words around an offset.

Kept apart so the stages read a sentence the same way without importing each other.
"""

from __future__ import annotations

import re

MONEY = re.compile(r"^[A-Z]{3}$")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")


def bounds(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out or [(0, len(text))]


def within(bounds: list[tuple[int, int]], at: int) -> tuple[int, int]:
    for a, b in bounds:
        if a <= at < b:
            return a, b
    return (0, 10**9)


def words_before(text: str, at: int, n: int = 4) -> list[str]:
    return [w.lower() for w in WORD.findall(text[max(0, at - 60):at])][-n:]


def words_after(text: str, at: int, n: int = 4) -> list[str]:
    return [w.lower() for w in WORD.findall(text[at:at + 60])][:n]
