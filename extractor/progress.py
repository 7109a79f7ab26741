"""Batch progress: a rich progress bar on a terminal, plain log lines otherwise."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

PROBLEMS = ("rejected", "error", "warning")


class Reporter:
    def __init__(self, quiet: bool = False, stream=None):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty()
        self.console = Console(file=self.stream, highlight=False, soft_wrap=True)
        self.progress: Progress | None = None
        self.task = None
        self.done = 0

    def __enter__(self) -> Reporter:
        if self.tty:
            self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                     MofNCompleteColumn(), TimeElapsedColumn(), console=self.console,
                                     transient=True)
            self.progress.start()
            self.task = self.progress.add_task("extracting", total=None)
        return self

    def __exit__(self, *exc) -> None:
        if self.progress:
            self.progress.stop()

    def event(self, kind: str, message: str) -> None:
        if kind in ("article", "skip"):
            self.done += 1
            if self.progress is not None:
                self.progress.update(self.task, completed=self.done, description=message[:60])
            elif not self.quiet and kind == "article":
                print(f"stored   {message}", file=self.stream, flush=True)
            return
        label = {"rejected": "REJECTED", "error": "ERROR", "warning": "warning"}.get(kind, kind)
        line = f"{label:8} {message}"
        if self.progress is not None:
            self.console.print(line, markup=False)
        else:
            print(line, file=self.stream, flush=True)
