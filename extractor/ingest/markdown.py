"""Markdown: YAML front matter and a plain-text rendering of the body.

Markup that is not text is removed (heading hashes, emphasis, link targets, images,
quote and list markers, rules, code fences). Every heading and every list item becomes
its own paragraph so that sentences never run together across them.
"""

from __future__ import annotations

import re

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(?P<t>.*?)\s*#*\s*$")
_SETEXT_RE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST_RE = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE_RE = re.compile(r"^\s{0,3}(?:>\s?)+")
_RULE_RE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_FENCE_RE = re.compile(r"^\s{0,3}(```|~~~)")
_LINKDEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK_RE = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK_RE = re.compile(r"<(https?://[^>]+)>")
_HTML_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>|<!--.*?-->", re.S)
_CODE_RE = re.compile(r"`([^`]+)`")
# Emphasis: the marker must hug non-space text on both sides ("5 * 3" is left alone).
_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR_RE = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDER_RE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE_RE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")


def split_front_matter(text: str) -> tuple[dict, str, list[str]]:
    """(front matter, body, warnings). Invalid YAML is warned about and ignored."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return {}, text, []
    import yaml  # lazy: only Markdown needs it

    body = text[m.end():]
    try:
        data = yaml.safe_load(m["yaml"])
    except yaml.YAMLError as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        return {}, body, [f"front matter is not valid YAML ({first}); ignored"]
    if data is None:
        return {}, body, []
    if not isinstance(data, dict):
        return {}, body, ["front matter is not a mapping; ignored"]
    return {str(k).lower(): v for k, v in data.items()}, body, []


def _inline(s: str) -> str:
    s = _HTML_TAG_RE.sub("", s)
    s = _IMAGE_RE.sub("", s)
    s = _LINK_RE.sub(lambda m: m[1] or m[2], s)
    s = _AUTOLINK_RE.sub(r"\1", s)
    s = _CODE_RE.sub(r"\1", s)
    for _ in range(2):  # nested emphasis: ***x*** and **_x_**
        s = _STRONG_RE.sub(r"\2", s)
        s = _EM_STAR_RE.sub(r"\1", s)
        s = _EM_UNDER_RE.sub(r"\1", s)
        s = _STRIKE_RE.sub(r"\1", s)
    s = s.replace("\\*", "*").replace("\\_", "_").replace("\\#", "#")
    return re.sub(r" {2,}", " ", s).strip()


def markdown_to_text(body: str) -> str:
    """Markdown body -> plain text, one paragraph per heading, list item or text block.

    Lines within a text paragraph are kept as lines (not re-wrapped)."""
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    out: list[str] = []
    in_fence = False
    for raw in body.split("\n"):
        if _FENCE_RE.match(raw):
            in_fence = not in_fence
            out.append("")
            continue
        if in_fence:
            out.append(raw.rstrip())
            continue
        if _RULE_RE.match(raw) or _LINKDEF_RE.match(raw) or _TABLE_SEP_RE.match(raw):
            out.append("")
            continue
        if _SETEXT_RE.match(raw) and out and out[-1].strip():
            out.append("")  # the line above was a heading: close it as its own paragraph
            continue
        line = _QUOTE_RE.sub("", raw)
        h = _HEADING_RE.match(line)
        if h:
            out.extend(["", _inline(h["t"]), ""])
            continue
        if _LIST_RE.match(line):
            # no blank after it: an indented (or lazy) continuation line belongs to the item
            out.extend(["", _inline(_LIST_RE.sub("", line, count=1))])
            continue
        out.append(_inline(line))
    return "\n".join(out)
