"""GitHub Actions output: workflow annotations at each side's sentence, and the Markdown
report appended to the job summary."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .text import one_line, unconfirmed_text


def _data(text: str) -> str:
    # Workflow-command escaping (message part): %, CR and LF.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    # Property values additionally must not contain the separators ':' and ','.
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotations(report: dict[str, Any]) -> list[str]:
    """One `::warning` per claim of each unreviewed open conflict, at the line of its
    sentence in the article file (line 1 when the sentence cannot be found); a `::notice`
    for an unconfirmed conflict, which does not fail the gate by default."""
    out: list[str] = []
    for c in report["conflicts"]:
        if c.get("verdict"):
            continue  # a verdict settles it: no more noise on the pull request
        seen: set[tuple[str, int]] = set()
        for side in c["sides"]:
            for cl in side["claims"]:
                file = cl.get("path") or cl.get("article") or ""
                line = int(cl.get("line") or 1)
                if (file, line) in seen:
                    continue
                seen.add((file, line))
                level = "notice" if c.get("unconfirmed") else "warning"
                title = (f"{'unconfirmed ' if c.get('unconfirmed') else ''}{c['severity']} {c['type']}: "
                         f"{one_line(c['series_label'])} {one_line(c['period'])}")
                why = f"Unconfirmed: {unconfirmed_text(c)}. " if c.get("unconfirmed") else ""
                msg = (f"{one_line(c['explanation'])} {why}This article states {one_line(cl.get('quote'))} "
                       f"(side {side['side']}). Conflict {c['id']}; record a verdict with: "
                       f"{one_line(c['review_command'])}")
                out.append(f"::{level} file={_prop(file)},line={line},title={_prop(title)}::{_data(msg)}")
    return out


def in_actions() -> bool:
    return bool(os.environ.get("GITHUB_ACTIONS"))


def append_step_summary(markdown: str) -> bool:
    """Append to $GITHUB_STEP_SUMMARY; False when the variable is unset."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    with Path(target).open("a", encoding="utf-8") as fh:
        fh.write(markdown if markdown.endswith("\n") else markdown + "\n")
    return True
