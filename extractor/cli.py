"""`extractor` command line: a thin click layer over the library."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import replace
from pathlib import Path

import click

from . import __version__
from .config import Config
from .store import Store

DEFAULT_DB = "data/extractor.db"
EXIT_REJECTED = 3  # the batch finished, but some inputs were rejected

db_option = click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                         type=click.Path(dir_okay=False), help="SQLite database file")
config_option = click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
                             help="an extractor.toml or pyproject.toml with [tool.extractor] settings")


def load_config(config_path: str | None, paths: tuple[str, ...] = ()) -> Config:
    """Defaults < ./pyproject.toml < extractor.toml beside the inputs < --config."""
    places: list[Path | str | None] = [Path("pyproject.toml")]
    for p in paths:
        folder = Path(p) if Path(p).is_dir() else Path(p).parent
        places.append(folder / "extractor.toml")
    places.append(config_path)
    return Config.load(*places)


def open_store(db_path: str, must_exist: bool = False) -> Store:
    if must_exist and not Path(db_path).exists():
        raise click.UsageError(f"no database at {db_path}; run `extractor extract PATH --db {db_path}` first")
    return Store(db_path)


@click.group()
@click.version_option(__version__, prog_name="extractor")
def cli() -> None:
    """Statistical claims from news articles, stored in SQLite and reconciled."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@db_option
@config_option
@click.option("--reextract", is_flag=True, help="recompute claims of stored articles (no inputs needed)")
@click.option("--quiet", "-q", is_flag=True, help="only problems and the summary")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="extraction processes; 0 = auto [default: workers of the configuration, 0]")
def extract(paths: tuple[str, ...], db_path: str, config_path: str | None, reextract: bool, quiet: bool,
            workers: int | None) -> None:
    """Ingest articles (folders, .txt .md .html .jsonl files) and store their claims.

    Exit 0 when every input was stored, 3 when some inputs were rejected (the others
    are stored), 2 on usage errors."""
    from .pipeline import run_extract
    from .progress import Reporter

    if not paths and not reextract:
        raise click.UsageError("give at least one file or folder, or --reextract")
    cfg = load_config(config_path, paths)
    if workers is not None:
        cfg = replace(cfg, workers=workers)
    store = open_store(db_path)
    with Reporter(quiet=quiet) as reporter:
        result = run_extract(list(paths), store, cfg, on_event=reporter.event, reextract=reextract)
    store.close()
    click.echo(f"{result.new_articles} new articles, {result.skipped} unchanged, "
               f"{len(result.rejections)} rejected, {result.claims} claims, {result.errors} errors "
               f"-> {db_path} (run {result.run_id})", err=True)
    if result.rejections:
        sys.exit(EXIT_REJECTED)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--all", "all_versions", is_flag=True, help="include superseded versions")
def articles(db_path: str, fmt: str, all_versions: bool) -> None:
    """List the stored articles."""
    store = open_store(db_path, must_exist=True)
    cols = ["name", "published", "source", "title", "n_claims", "version", "current", "format",
            "date_ambiguous", "url", "id", "error", "warnings"]
    rows = [{k: r[k] for k in cols} for r in store.articles(current_only=not all_versions)]
    emit_rows(rows, fmt, ["name", "published", "source", "title", "n_claims"])


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--include-forecasts/--no-forecasts", default=True, show_default=True)
@click.option("--evidence", is_flag=True,
              help="table: a column per series field and the period saying where it came from "
                   "(own phrase, sentence, paragraph, article); jsonl and csv always carry it")
def claims(db_path: str, fmt: str, include_forecasts: bool, evidence: bool) -> None:
    """Export the claims of the current article versions (JSONL is the §3 contract)."""
    from .export import EVIDENCE_LEGEND, EVIDENCE_VIEW, EXPORT_COLUMNS, claim_records, evidence_cells

    store = open_store(db_path, must_exist=True)
    rows = [r for r in claim_records(store) if include_forecasts or r.get("modality") != "forecast"]
    if evidence and fmt == "table":
        emit_rows([r | evidence_cells(r) for r in rows], fmt, list(EVIDENCE_VIEW), caption=EVIDENCE_LEGEND)
        return
    emit_rows(rows, fmt, ["article", "kind", "quote", "value", "unit", "commodity", "entity", "origin",
                          "destination", "period", "approx"], csv_cols=list(EXPORT_COLUMNS))


def emit_rows(rows: list[dict], fmt: str, table_cols: list[str], csv_cols: list[str] | None = None,
              caption: str | None = None) -> None:
    out = click.get_text_stream("stdout")
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        cols = csv_cols or (list(rows[0]) if rows else table_cols)
        writer = csv.DictWriter(out, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: (json.dumps(v) if isinstance(v, (list, dict)) else v) for k, v in r.items()})
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False, caption=caption)
        for c in table_cols:
            table.add_column(c)
        for r in rows:
            table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in table_cols))
        Console(file=out, width=None if out.isatty() else 200).print(table)


def main() -> None:  # pragma: no cover - console script entry
    cli()


fail_on_option = click.option("--fail-on", type=click.Choice(["none", "low", "medium", "high"]), default=None,
                              help="exit 1 when an unreviewed conflict of this severity or higher exists "
                                   "[default: fail_on of the configuration, low]")
unconfirmed_option = click.option("--fail-on-unconfirmed/--no-fail-on-unconfirmed", default=None,
                                  help="count unconfirmed conflicts in the gate too "
                                       "[default: fail_on_unconfirmed of the configuration, no]")


def gate_message(failing: int, skipped: int, fail_on: str) -> str:
    """The gate's verdict, naming the unconfirmed conflicts it left out."""
    text = f"{failing} unreviewed conflicts at or above '{fail_on}'"
    if skipped:
        text += f" ({skipped} unconfirmed not counted; fail_on_unconfirmed = true counts them)"
    return text


@cli.command()
@db_option
@config_option
@fail_on_option
@unconfirmed_option
def reconcile(db_path: str, config_path: str | None, fail_on: str | None, fail_on_unconfirmed: bool | None) -> None:
    """Check the stored claims against each other and store the conflicts.

    Exit 1 when an unreviewed conflict at or above --fail-on exists (an unconfirmed one
    only with --fail-on-unconfirmed), else 0."""
    import time

    from .reconcile.driver import gate_candidates, gate_failures, reconcile_store

    cfg = load_config(config_path)
    store = open_store(db_path, must_exist=True)
    started = time.monotonic()
    run_id = store.start_run("reconcile", [db_path])
    result = reconcile_store(store, cfg, run_id)
    store.finish_run(run_id, {"claims": 0}, started)
    sev = ", ".join(f"{n} {s}" for s, n in result.by_severity.items() if n)
    unconfirmed = f"; {result.unconfirmed} unconfirmed" if result.unconfirmed else ""
    click.echo(f"{len(result.conflicts)} conflicts ({sev or 'none'}{unconfirmed}); "
               f"{result.unreconcilable} claims unreconcilable (no resolved period)", err=True)
    fail_on = fail_on or cfg.fail_on
    strict = cfg.fail_on_unconfirmed if fail_on_unconfirmed is None else fail_on_unconfirmed
    failing = gate_failures(store, fail_on, strict)
    skipped = len(gate_candidates(store, fail_on)) - len(failing)
    store.close()
    if failing or skipped:
        click.echo(gate_message(len(failing), skipped, fail_on), err=True)
    if failing:
        sys.exit(1)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--all", "include_closed", is_flag=True, help="include closed conflicts")
def conflicts(db_path: str, fmt: str, include_closed: bool) -> None:
    """List the stored conflicts (JSONL: one object per conflict)."""
    from .reconcile.driver import conflict_record

    store = open_store(db_path, must_exist=True)
    rows = [conflict_record(r) for r in store.conflicts(include_closed=include_closed)]
    if fmt == "table":
        for r in rows:
            s = r["series"]
            r["series_"] = (f"{s['entity'] + ': ' if s['entity'] else ''}{s['commodity']} "
                            f"{s['origin']}->{s['destination']}")
            r["id_"] = r["id"][:12]
            r["unconfirmed_"] = "unconfirmed" if r["unconfirmed"] else ""
    emit_rows(rows, fmt, ["id_", "type", "severity", "unconfirmed_", "series_", "period", "verdict", "explanation"])


@cli.command()
@click.argument("conflict_id")
@click.option("--verdict", required=True, type=click.Choice(["confirmed", "dismissed", "revision"]))
@click.option("--note", default=None, help="why")
@db_option
def review(conflict_id: str, verdict: str, note: str | None, db_path: str) -> None:
    """Record a fact-checker's verdict on a conflict (an id or a unique prefix of one)."""
    store = open_store(db_path, must_exist=True)
    matches = store.find_conflict(conflict_id)
    if len(matches) != 1:
        raise click.UsageError(f"{'no' if not matches else len(matches)} conflicts match id '{conflict_id}'")
    store.review(matches[0], verdict, note)
    click.echo(f"{matches[0]}: {verdict}", err=True)
from . import cli_report  # noqa: E402,F401  (report and serve commands)
