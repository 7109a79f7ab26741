#!/usr/bin/env python3
"""Convert Reuters-21578 (Distribution 1.0) SGML into one JSONL file, one story per line.

Usage: python scripts/reuters_to_jsonl.py [--src DIR] [--limit N] OUT.jsonl

Each line: id ("reut-<NEWID>"), title, published (ISO date), source ("Reuters"),
url (null), text, topics, places. Every <REUTERS> block gives a line, including
BRIEF stories (title only) and UNPROC tables (no TITLE/BODY), so a full run writes
21,578 lines. Lines are sorted by NEWID. Standard library only.

The collection is free for research use only; acknowledge it as
"Reuters-21578, Distribution 1.0" (see README.txt beside the data).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SRC = REPO_ROOT.parent / "shared" / "corpora" / "reuters21578"

MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], start=1
    )
}

# The SGML is not XML (unescaped '<' in bodies, unclosed-looking headers), so each
# element is picked out with a non-greedy regex inside one <REUTERS> block.
NEWID_RE = re.compile(r'<REUTERS\b[^>]*\bNEWID="(\d+)"')
DATE_RE = re.compile(r"<DATE>\s*(\d{1,2})-([A-Z]{3})-(\d{4})")
TITLE_RE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
BODY_RE = re.compile(r"<BODY>(.*?)</BODY>", re.S)
TEXT_RE = re.compile(r"<TEXT\b([^>]*)>(.*?)</TEXT>", re.S)
TYPE_RE = re.compile(r'TYPE="(\w+)"')
D_RE = re.compile(r"<D>(.*?)</D>", re.S)
TAG_RE = re.compile(r"</?[A-Z]+\b[^>]*>")
ENTITY_RE = re.compile(r"&(#\d+|lt|gt|amp|quot);")
NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# Wire transmission codes (&#2; start, &#3; end, &#5;, &#22;, &#127;, ...) are not text.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Sign-off at the end of a body: on its own line "Reuter", "REUTER...", typos such as
# "REUETER", a stray "^M" carriage-return marker, or the "More" continuation marker;
# or a singular "Reuter" run onto the last line ("... Noranda said. Reuter"), which
# prose never uses (it says "Reuters").
TRAILER_RE = re.compile(
    r"(?:(?:\n|^)[ \t]*(?:reuters?|reute|reuiter|reueter|ruter|more)|(?<=\s)reuter)"
    r"(?:\.{1,3}|\^M| [A-Z]|\d)?[ \t]*\Z",
    re.I,
)
BRIEF_FILLER_RE = re.compile(r"^\W*blah blah blah\.?\s*$", re.I | re.M)


def decode_entities(s: str) -> str:
    """Decode the few SGML entities the corpus uses, then drop control characters."""

    def repl(m: re.Match[str]) -> str:
        name = m.group(1)
        if name.startswith("#"):
            return chr(int(name[1:]))
        return NAMED[name]

    return CONTROL_RE.sub("", ENTITY_RE.sub(repl, s))


def clean_text(raw: str) -> str:
    """Entity-decode, drop the sign-off trailer, and trim; keeps the original line breaks."""
    text = decode_entities(raw).replace("\r", "").rstrip()
    # Some stories carry the sign-off twice ("... said. Reuter\n Reuter"), so repeat.
    while (stripped := TRAILER_RE.sub("", text).rstrip()) != text:
        text = stripped
    return text.strip("\n").rstrip()


def iso_date(block: str) -> str | None:
    m = DATE_RE.search(block)
    if not m or m.group(2) not in MONTHS:
        return None
    day, mon, year = m.groups()
    return f"{int(year):04d}-{MONTHS[mon]:02d}-{int(day):02d}"


def codes(block: str, tag: str) -> list[str]:
    m = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
    return [decode_entities(d).strip() for d in D_RE.findall(m.group(1))] if m else []


def parse_block(block: str) -> tuple[int, dict[str, Any]]:
    """One <REUTERS>…</REUTERS> block -> (NEWID, record)."""
    m = NEWID_RE.search(block)
    if not m:
        raise ValueError(f"REUTERS block without NEWID: {block[:120]!r}")
    newid = int(m.group(1))

    tm = TITLE_RE.search(block)
    # Titles wrap over lines in the source (a few BRIEF ones even end with the sign-off);
    # a headline is one line.
    title = (" ".join(clean_text(tm.group(1)).split()) or None) if tm else None

    bm = BODY_RE.search(block)
    if bm:
        text = clean_text(bm.group(1))
    else:
        # BRIEF: title plus "Blah blah blah."; UNPROC: an untagged table inside <TEXT>.
        xm = TEXT_RE.search(block)
        inner = xm.group(2) if xm else ""
        inner = TITLE_RE.sub("", inner)
        inner = TAG_RE.sub("", inner)
        inner = BRIEF_FILLER_RE.sub("", decode_entities(inner))
        inner = re.sub(r"^\**", "", inner.strip("\n"))  # BRIEF stories open with "******"
        rest = clean_text(inner)
        text = "\n".join(p for p in (title, rest) if p)

    record: dict[str, Any] = {
        "id": f"reut-{newid}",
        "title": title,
        "published": iso_date(block),
        "source": "Reuters",
        "url": None,
        "text": text,
        "topics": codes(block, "TOPICS"),
        "places": codes(block, "PLACES"),
    }
    return newid, record


def iter_blocks(path: Path) -> Iterator[str]:
    """Yield each <REUTERS>…</REUTERS> block of one gzipped SGML file, line by line."""
    buf: list[str] = []
    inside = False
    with gzip.open(path, "rt", encoding="latin-1", newline="") as fh:
        for line in fh:
            if not inside:
                if line.startswith("<REUTERS"):
                    inside = True
                    buf = [line]
                continue
            buf.append(line)
            if line.startswith("</REUTERS>"):
                inside = False
                yield "".join(buf)


def iter_records(src: Path) -> Iterator[dict[str, Any]]:
    """Records in NEWID order, holding at most one file (1,000 stories) in memory."""
    files = sorted(src.glob("reut2-*.sgm.gz"))
    if not files:
        raise SystemExit(f"no reut2-*.sgm.gz files in {src}")
    last = 0
    for path in files:
        # The files hold consecutive NEWID ranges; sort within a file for determinism
        # and check the ranges so a reordered copy fails loudly instead of silently.
        batch = sorted((parse_block(b) for b in iter_blocks(path)), key=lambda r: r[0])
        for newid, record in batch:
            if newid <= last:
                raise SystemExit(f"{path.name}: NEWID {newid} out of order (after {last})")
            last = newid
            yield record


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="output JSONL path")
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC, help=f"corpus folder (default {DEFAULT_SRC})")
    ap.add_argument("--limit", type=int, default=None, help="write only the first N stories by NEWID")
    args = ap.parse_args(argv)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        for record in iter_records(args.src):
            if args.limit is not None and n >= args.limit:
                break
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
