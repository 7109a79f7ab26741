"""Markdown report: for a pull-request comment or $GITHUB_STEP_SUMMARY.

GitHub renders inline HTML and Markdown links in both places, so article-derived text
is escaped for both: HTML specials become entities, Markdown punctuation gets a
backslash, and only http(s) URLs become links."""

from __future__ import annotations

import re
from typing import Any

from .data import SEVERITY_ORDER
from .safety import safe_url
from .text import (
    UNCONFIRMED_NOTE,
    flat,
    one_line,
    outlets,
    segments,
    split_unconfirmed,
    unconfirmed_count,
    verdict_text,
)

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~])")
_BULLET = re.compile(r"^(\s*)([-+=])")  # list items and setext underlines at a line start
_ORDERED = re.compile(r"^(\s*\d+)([.)])")  # "1986." would start an ordered list


def md(text: Any) -> str:
    """Article text as inert Markdown: one line, HTML-escaped, punctuation backslashed,
    and @mentions broken so an article cannot ping anyone."""
    s = flat(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    s = _ORDERED.sub(r"\1\\\2", _BULLET.sub(r"\1\\\2", s))
    return s.replace("@", "@\u200b")


def code(text: Any) -> str:
    """Inline code that survives backticks inside it."""
    s = one_line(text)
    fence = "`" * (max((len(m) for m in re.findall(r"`+", s)), default=0) + 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def render_markdown(report: dict[str, Any]) -> str:
    s = report["summary"]
    out = ["## Conflict report", ""]
    out.append(f"{s['articles']} articles, {s['claims']} claims, **{s['open_conflicts']} open conflicts** "
               f"({s['reviewed']} reviewed, {s['unreviewed']} unreviewed{unconfirmed_count(s)}), "
               f"{s['closed_conflicts']} closed.")
    out.append("")
    out.append("| type | " + " | ".join(SEVERITY_ORDER) + " | reviewed | unreviewed |")
    out.append("|---|" + "---:|" * (len(SEVERITY_ORDER) + 2))
    for type_, counts in s["by_type"].items():
        out.append(f"| {md(type_)} | " + " | ".join(str(counts[k]) for k in (*SEVERITY_ORDER, "reviewed",
                                                                              "unreviewed")) + " |")
    out.append("| **total** | " + " | ".join(str(s["by_severity"][k]) for k in SEVERITY_ORDER)
               + f" | {s['reviewed']} | {s['unreviewed']} |")
    out.append("")
    if not report["conflicts"]:
        out += ["No open conflicts.", ""]
    confirmed, unconfirmed = split_unconfirmed(report["conflicts"])
    for c in confirmed:
        out += conflict_section(c)
    if unconfirmed:
        out += [f"### Unconfirmed conflicts ({len(unconfirmed)})", "", UNCONFIRMED_NOTE, ""]
        for c in unconfirmed:
            out += conflict_section(c, level="####")
    return "\n".join(out).rstrip("\n") + "\n"


def conflict_section(c: dict[str, Any], level: str = "###") -> list[str]:
    out = [f"{level} {c['severity'].upper()} {md(c['type'])}: {md(c['series_label'])}, {md(c['period'])}", ""]
    out.append(f"- id: {code(c['id'])}")
    out.append(f"- verdict: {md(verdict_text(c))}")
    if c.get("unconfirmed"):
        out.append(f"- **unconfirmed:** {md('; '.join(c['caveats']))}")
    out.append("")
    for side in c["sides"]:
        out.append(f"**Side {md(side['side'])}** ({md(outlets(side))})")
        out.append("")
        for st in side["sentences"]:
            body = "".join(f"**{md(t)}**" if hl else md(t) for t, hl in segments(st))
            out.append(f"> {body}")
            out.append(">")
            out.append(f"> \u2014 {source_link(st)}, {md(st.get('published') or 'undated')}, "
                       f"{code(st.get('article') or '')}")
            out.append("")
    out.append(f"**Arithmetic:** {md(c['explanation'])}")
    out.append("")
    out.append("Record a verdict:")
    out.append("")
    out.append("```sh")
    out.append(one_line(c["review_command"]).replace("```", "'''"))
    out.append("```")
    out.append("")
    return out


def source_link(cl: dict[str, Any]) -> str:
    name = md(cl.get("source") or cl.get("article") or "?")
    url = safe_url(cl.get("url"))
    if not url:
        return name
    # Parentheses and spaces are percent-encoded so the URL cannot end the link early.
    return f"[{name}](<{url.replace('<', '%3C').replace('>', '%3E')}>)"
