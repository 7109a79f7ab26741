"""`extractor report` and `extractor serve`, attached to the main click group.

cli.py imports this module at its end, so the commands exist whenever the CLI runs."""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import click

from .cli import cli, config_option, db_option, gate_message, load_config, open_store, unconfirmed_option

EXIT_GATE = 1  # an unreviewed open conflict at or above --fail-on exists
EXIT_USAGE = 2  # click's own code for usage errors; also a missing optional extra


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["terminal", "md", "html", "json"]), default="terminal",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="write the report to this file instead of standard output")
@click.option("--fail-on", type=click.Choice(["none", "low", "medium", "high"]), default="none", show_default=True,
              help="exit 1 when an unreviewed open conflict of this severity or higher exists")
@unconfirmed_option
@config_option
def report(db_path: str, fmt: str, output: str | None, fail_on: str, fail_on_unconfirmed: bool | None,
           config_path: str | None) -> None:
    """Report the open conflicts: terminal, Markdown, self-contained HTML or JSON.

    Exit 0, or 1 when --fail-on finds an unreviewed conflict at or above it (an
    unconfirmed one only with --fail-on-unconfirmed or fail_on_unconfirmed = true), 2 on
    usage errors. Under GitHub Actions (GITHUB_ACTIONS set) it also prints a workflow
    annotation at each conflicting sentence and appends the Markdown report to
    $GITHUB_STEP_SUMMARY."""
    from .reconcile.driver import gate_candidates, gate_failures
    from .report import build_report, render, render_markdown, render_terminal
    from .report.github import annotations, append_step_summary, in_actions

    if fail_on_unconfirmed is None:
        fail_on_unconfirmed = load_config(config_path).fail_on_unconfirmed
    store = open_store(db_path, must_exist=True)
    try:
        data = build_report(store, db_path)
        failing = gate_failures(store, fail_on, fail_on_unconfirmed)
        skipped = len(gate_candidates(store, fail_on)) - len(failing)
    finally:
        store.close()

    stdout = click.get_text_stream("stdout")
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(render(data, fmt), encoding="utf-8")
        click.echo(f"{fmt} report -> {output}", err=True)
    elif fmt == "terminal":
        render_terminal(data, stdout)
    else:
        stdout.write(render(data, fmt))
    stdout.flush()

    if in_actions():
        # Annotations go to stdout unless stdout carries a machine-read document
        # (JSON or HTML), which they would corrupt; the runner reads both streams.
        stream = sys.stderr if (not output and fmt in ("json", "html")) else sys.stdout
        for line in annotations(data):
            print(line, file=stream)
        stream.flush()
        append_step_summary(render_markdown(data))

    if failing or skipped:
        click.echo(gate_message(len(failing), skipped, fail_on), err=True)
    if failing:
        sys.exit(EXIT_GATE)


def datasette_metadata(db_path: str) -> dict[str, Any]:
    """The packaged metadata, keyed by the database's name as Datasette derives it (the
    file name without its extension)."""
    meta = json.loads(files("extractor").joinpath("data", "datasette_metadata.json").read_text(encoding="utf-8"))
    meta["databases"] = {Path(db_path).stem: meta["databases"]["DATABASE"]}
    return meta


@cli.command()
@db_option
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
def serve(db_path: str, port: int) -> None:
    """Browse the database in Datasette on 127.0.0.1, with table descriptions and canned
    queries (needs the optional extra: pip install 'extractor[serve]')."""
    if find_spec("datasette") is None:
        click.echo("extractor serve needs Datasette, the optional 'serve' extra: "
                   "pip install 'extractor[serve]'", err=True)
        sys.exit(EXIT_USAGE)
    if not Path(db_path).exists():
        raise click.UsageError(f"no database at {db_path}; run `extractor extract PATH --db {db_path}` first")
    import asyncio

    import uvicorn
    from datasette.app import Datasette

    ds = Datasette([db_path], metadata=datasette_metadata(db_path))
    asyncio.run(ds.invoke_startup())
    click.echo(f"Datasette on http://127.0.0.1:{port}/  (Ctrl-C to stop)", err=True)
    uvicorn.run(ds.app(), host="127.0.0.1", port=port, log_level="warning", lifespan="on", workers=1)
