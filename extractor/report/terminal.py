"""Terminal report (rich): a summary table, then one panel per open conflict.

All article-derived strings go into rich `Text` objects, never into markup strings, so
square brackets in an article cannot restyle the output."""

from __future__ import annotations

import io
from typing import Any, TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .data import SEVERITY_ORDER
from .text import (
    UNCONFIRMED_NOTE,
    clean,
    one_line,
    outlets,
    segments,
    split_unconfirmed,
    unconfirmed_count,
    unconfirmed_text,
    verdict_text,
)

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}
PLAIN_WIDTH = 100  # fixed when not a terminal, so piped output does not depend on $COLUMNS


def render_terminal(report: dict[str, Any], out: TextIO, color: bool | None = None) -> None:
    """Write the report to `out`; colours only when `out` is a terminal (or `color` says)."""
    tty = out.isatty() if color is None else color
    console = Console(file=out, force_terminal=tty, no_color=not tty, highlight=False, emoji=False,
                      width=None if tty else PLAIN_WIDTH, soft_wrap=False)
    for block in blocks(report, plain=not tty):
        console.print(block)


def render_terminal_text(report: dict[str, Any]) -> str:
    buf = io.StringIO()
    render_terminal(report, buf, color=False)
    return buf.getvalue()


def blocks(report: dict[str, Any], plain: bool) -> list[Any]:
    s = report["summary"]
    head = Text(f"{s['articles']} articles, {s['claims']} claims, {s['open_conflicts']} open conflicts "
                f"({s['reviewed']} reviewed, {s['unreviewed']} unreviewed{unconfirmed_count(s)}), "
                f"{s['closed_conflicts']} closed")
    table = Table(title="Conflicts by type and severity", title_justify="left")
    table.add_column("type")
    for sev in SEVERITY_ORDER:
        table.add_column(sev, justify="right", style=SEVERITY_STYLE[sev])
    table.add_column("reviewed", justify="right")
    table.add_column("unreviewed", justify="right")
    for type_, counts in s["by_type"].items():
        table.add_row(type_, *(str(counts[k]) for k in (*SEVERITY_ORDER, "reviewed", "unreviewed")))
    table.add_row("total", *(str(s["by_severity"][k]) for k in SEVERITY_ORDER), str(s["reviewed"]),
                  str(s["unreviewed"]), style="bold")
    out: list[Any] = [head, table]
    if not report["conflicts"]:
        out.append(Text("No open conflicts."))
    confirmed, unconfirmed = split_unconfirmed(report["conflicts"])
    out.extend(conflict_panel(c, plain) for c in confirmed)
    if unconfirmed:
        out.append(Text(f"Unconfirmed conflicts ({len(unconfirmed)})", style="bold"))
        out.append(Text(UNCONFIRMED_NOTE, style="dim"))
        out.extend(conflict_panel(c, plain) for c in unconfirmed)
    return out


def quotation(item: dict[str, Any], plain: bool) -> Text:
    """The sentence with its numbers highlighted; «» marks them where there is no colour."""
    mark = ("\u00ab", "\u00bb") if plain else ("", "")
    text = Text("  \u201c")
    for piece, hl in segments(item):
        text.append(f"{mark[0]}{piece}{mark[1]}" if hl else piece, style="bold reverse" if hl else None)
    text.append("\u201d")
    return text


def conflict_panel(c: dict[str, Any], plain: bool) -> Panel:
    sev_style = SEVERITY_STYLE.get(c["severity"], "")
    lines: list[Text] = []
    lines.append(Text.assemble(("series  ", "dim"), one_line(c["series_label"]),
                               ("   period  ", "dim"), one_line(c["period"])))
    lines.append(Text.assemble(("verdict ", "dim"), verdict_text(c)))
    if c.get("unconfirmed"):
        lines.append(Text.assemble(("unconfirmed: ", "bold"), unconfirmed_text(c)))
    for side in c["sides"]:
        lines.append(Text.assemble((f"side {side['side']}", "bold"), f"  ({outlets(side)})"))
        for st in side["sentences"]:
            lines.append(quotation(st, plain))
            lines.append(Text.assemble(("    \u2014 ", "dim"), one_line(st.get("source") or "?"), ", ",
                                       one_line(st.get("published") or "undated"), ", ",
                                       one_line(st.get("article")), style="dim"))
    lines.append(Text.assemble(("= ", "bold"), one_line(c["explanation"])))
    lines.append(Text(f"review: {clean(c['review_command'])}", style="dim"))
    title = Text.assemble((c["severity"].upper(), sev_style), " ", c["type"],
                          " (unconfirmed) " if c.get("unconfirmed") else " ", (c["id"], "dim"))
    return Panel(Group(*lines), title=title, title_align="left", border_style=sev_style or "none")
