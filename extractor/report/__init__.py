"""Reports on the stored conflicts (issue 6): terminal, Markdown, self-contained HTML and
JSON, all rendered from one dict built by `build_report`.

    build_report(store, db_label) -> dict      the JSON report
    render(report, fmt) -> str                  md | html | json | terminal (plain text)
"""

from __future__ import annotations

import json
from typing import Any

from .data import build_report
from .html import render_html
from .markdown import render_markdown
from .terminal import render_terminal, render_terminal_text

FORMATS = ("terminal", "md", "html", "json")


def render_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def render(report: dict[str, Any], fmt: str) -> str:
    return {"md": render_markdown, "html": render_html, "json": render_json,
            "terminal": render_terminal_text}[fmt](report)


__all__ = ["FORMATS", "build_report", "render", "render_html", "render_json", "render_markdown",
           "render_terminal", "render_terminal_text"]
