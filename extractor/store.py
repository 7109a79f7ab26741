"""The SQLite file (sqlite-utils): articles, claims, conflicts, reviews, runs, rejections.

Every write of one article and its claims is one transaction, so a killed batch leaves
only whole articles behind, and a re-run picks up where it stopped.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from . import __version__
from .models import Article, Claim, Conflict, Rejection

SCHEMA_VERSION = 1

ARTICLE_COLUMNS = {
    "id": str, "name": str, "version": int, "current": int, "path": str, "format": str,
    "title": str, "source": str, "published": str, "date_ambiguous": int, "url": str,
    "text": str, "warnings": str, "error": str, "n_claims": int, "extractor_version": str,
    "first_run": int,
}
CLAIM_COLUMNS = {
    "id": str, "article_id": str, "article": str, "current": int, "sentence": str, "quote": str,
    "start": int, "end": int, "kind": str, "indicator": str, "commodity": str, "entity": str, "origin": str,
    "destination": str, "period": str, "value": float, "unit": str, "measure": str,
    "approx": str, "basis": str, "basis_period": str, "scope": str, "modality": str,
    "published": str, "source": str, "step": float, "extractor_version": str, "note": str,
    "evidence": str,
}
CONFLICT_COLUMNS = {
    "id": str, "type": str, "indicator": str, "commodity": str, "entity": str, "origin": str,
    "destination": str, "measure": str, "period": str, "severity": str, "status": str,
    "gap_abs": float, "gap_rel": float, "explanation": str, "articles": str, "claims": str,
    "expected": str, "observed": str, "sources_per_side": str, "first_run": int, "last_run": int,
    "unconfirmed": int, "unconfirmed_by": str, "inherited": str,
}
CONFLICT_SERIES = ("indicator", "commodity", "entity", "origin", "destination", "measure")
REVIEW_COLUMNS = {"conflict_id": str, "verdict": str, "note": str, "reviewed_at": str}
RUN_COLUMNS = {
    "id": int, "command": str, "started": str, "finished": str, "seconds": float,
    "extractor_version": str, "inputs": str, "scanned": int, "new_articles": int,
    "skipped": int, "rejected": int, "claims": int, "errors": int, "status": str,
}
REJECTION_COLUMNS = {"run_id": int, "path": str, "reason": str}


def now() -> str:
    """Wall-clock time for the run log; EXTRACTOR_NOW pins it for reproducible databases."""
    return os.environ.get("EXTRACTOR_NOW") or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store:
    def __init__(self, path: str | Path, timeout: float = 60.0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A second writer waits for the lock (busy timeout) instead of failing at once.
        conn = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
        self.db = sqlite_utils.Database(conn)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        self._ensure_schema()

    # -- schema ---------------------------------------------------------------------
    def _ensure_schema(self) -> None:
        db = self.db
        with self.transaction():
            if "articles" not in db.table_names():
                db["articles"].create(ARTICLE_COLUMNS, pk="id", not_null={"name", "text"})
                db["articles"].create_index(["name", "current"])
                db["articles"].enable_fts(["title", "text"], create_triggers=True)
            if "claims" not in db.table_names():
                db["claims"].create(CLAIM_COLUMNS, pk="id", foreign_keys=[("article_id", "articles", "id")])
                db["claims"].create_index(["indicator", "commodity", "origin", "destination", "period"])
                db["claims"].create_index(["article_id"])
                db["claims"].enable_fts(["sentence"], create_triggers=True)
            _add_missing_columns(db["claims"], CLAIM_COLUMNS)
            if "conflicts" not in db.table_names():
                db["conflicts"].create(CONFLICT_COLUMNS, pk="id")
                db["conflicts"].create_index(["status", "severity"])
            if "reviews" not in db.table_names():
                db["reviews"].create(REVIEW_COLUMNS, pk="conflict_id")
            if "runs" not in db.table_names():
                db["runs"].create(RUN_COLUMNS, pk="id")
            if "rejections" not in db.table_names():
                db["rejections"].create(REJECTION_COLUMNS, foreign_keys=[("run_id", "runs", "id")])
                db["rejections"].create_index(["path"])
            _add_missing_columns(db["conflicts"], CONFLICT_COLUMNS)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def transaction(self):
        return _Transaction(self.db.conn)

    # -- runs -----------------------------------------------------------------------
    def start_run(self, command: str, inputs: Iterable[str]) -> int:
        with self.transaction():
            table = self.db["runs"]
            table.insert({"command": command, "started": now(), "extractor_version": __version__,
                          "inputs": json.dumps(list(inputs)), "status": "running"})
            return int(table.last_pk)

    def finish_run(self, run_id: int, counts: dict[str, Any], started: float, status: str = "ok") -> None:
        with self.transaction():
            self.db["runs"].update(run_id, {**counts, "finished": now(), "status": status,
                                            "seconds": round(time.monotonic() - started, 3)})

    def reject(self, run_id: int, rejection: Rejection) -> None:
        with self.transaction():
            self.db["rejections"].insert({"run_id": run_id, **asdict(rejection)})

    # -- articles and claims --------------------------------------------------------
    def known_hashes(self) -> set[str]:
        return {row[0] for row in self.db.execute("select id from articles")}

    def current_names(self) -> dict[str, str]:
        """name -> id of its current version."""
        return dict(self.db.execute("select name, id from articles where current = 1").fetchall())

    def make_current(self, article_id: str, name: str) -> None:
        """A file that went back to an earlier content makes that version current again."""
        with self.transaction():
            self._supersede(name, keep=article_id)
            self.db.execute("update articles set current = 1 where id = ?", [article_id])
            self.db.execute("update claims set current = 1 where article_id = ?", [article_id])

    def _supersede(self, name: str, keep: str) -> None:
        old = [r[0] for r in self.db.execute(
            "select id from articles where name = ? and current = 1 and id != ?", [name, keep])]
        for article_id in old:
            self.db.execute("update articles set current = 0 where id = ?", [article_id])
            self.db.execute("update claims set current = 0 where article_id = ?", [article_id])

    def save_article(self, article: Article, claims: list[Claim], run_id: int, error: str | None = None) -> bool:
        """One article version and its claims, atomically; older versions of the same name
        are superseded (kept, marked not current) so claims of two versions never mix.
        False (nothing written) when the version is already stored."""
        with self.transaction():
            # Checked under the write lock: a concurrent run may have stored this content since
            # our run read the known hashes; storing it again would bump its version.
            if self.db.execute("select 1 from articles where id = ?", [article.content_hash]).fetchone():
                return False
            version = self.db.execute("select count(*) from articles where name = ?", [article.name]).fetchone()[0]
            self._supersede(article.name, keep=article.content_hash)
            row = asdict(article)
            row.pop("content_hash")
            row.update(id=article.content_hash, version=version + 1, current=1,
                       date_ambiguous=int(article.date_ambiguous), warnings=json.dumps(article.warnings),
                       error=error, n_claims=len(claims), extractor_version=__version__, first_run=run_id)
            self._insert("articles", ARTICLE_COLUMNS, [row])
            self.db.execute("delete from claims where article_id = ?", [article.content_hash])
            self._insert("claims", CLAIM_COLUMNS, (claim_row(c) for c in claims))
        return True

    def _insert(self, table: str, columns: dict[str, type], rows: Iterable[dict[str, Any]]) -> None:
        """INSERT OR REPLACE through one prepared statement: sqlite-utils' insert reads the
        table's schema on every call, which was most of the writing process's time."""
        cols = list(columns)
        sql = (f"insert or replace into [{table}] ({', '.join(f'[{c}]' for c in cols)}) "
               f"values ({', '.join('?' * len(cols))})")

        def values(row: dict[str, Any]) -> list[Any]:
            if not row.keys() <= columns.keys():
                raise ValueError(f"{table}: no column for {sorted(row.keys() - columns.keys())}")
            return [row.get(c) for c in cols]

        self.db.conn.executemany(sql, map(values, rows))

    def replace_claims(self, article_id: str, claims: list[Claim], error: str | None = None) -> None:
        """Re-extraction: new claims for a stored article version."""
        with self.transaction():
            current = self.db.execute("select current from articles where id = ?", [article_id]).fetchone()
            self.db.execute("delete from claims where article_id = ?", [article_id])
            rows = (claim_row(c) | {"current": current[0] if current else 1} for c in claims)
            self._insert("claims", CLAIM_COLUMNS, rows)
            self.db.execute("update articles set n_claims = ?, error = ?, extractor_version = ? where id = ?",
                            [len(claims), error, __version__, article_id])

    def articles(self, current_only: bool = True) -> Iterator[dict[str, Any]]:
        where = "where current = 1" if current_only else ""
        yield from self.db.query(f"select * from articles {where} order by name, version")

    def stored_articles(self) -> Iterator[Article]:
        """Current article versions as Article objects (for re-extraction without inputs)."""
        for row in self.articles():
            yield Article(name=row["name"], text=row["text"], content_hash=row["id"], title=row["title"],
                          source=row["source"], published=row["published"],
                          date_ambiguous=bool(row["date_ambiguous"]), url=row["url"],
                          format=row["format"] or "txt", path=row["path"] or "",
                          warnings=json.loads(row["warnings"] or "[]"))

    def claims(self, current_only: bool = True, order: str = "article, start, end, id") -> Iterator[dict[str, Any]]:
        where = "where current = 1" if current_only else ""
        yield from self.db.query(f"select * from claims {where} order by {order}")

    # -- conflicts and reviews ------------------------------------------------------
    def save_conflicts(self, conflicts: list[Conflict], run_id: int) -> None:
        """Upsert the conflicts found now; stored ones no longer found are closed, not deleted,
        so verdicts and history stay."""
        found = {c.id for c in conflicts}
        with self.transaction():
            table = self.db["conflicts"]
            for c in conflicts:
                row = conflict_row(c)
                existing = table.rows_where("id = ?", [c.id], select="first_run")
                first = next(iter(existing), None)
                row.update(first_run=first["first_run"] if first else run_id, last_run=run_id, status="open")
                table.insert(row, replace=True)
            for (cid,) in self.db.execute("select id from conflicts where status = 'open'").fetchall():
                if cid not in found:
                    self.db.execute("update conflicts set status = 'closed' where id = ?", [cid])

    def review(self, conflict_id: str, verdict: str, note: str | None) -> None:
        with self.transaction():
            self.db["reviews"].insert({"conflict_id": conflict_id, "verdict": verdict, "note": note,
                                       "reviewed_at": now()}, replace=True)

    def conflicts(self, include_closed: bool = False) -> Iterator[dict[str, Any]]:
        where = "" if include_closed else "where c.status = 'open'"
        sql = f"""select c.*, r.verdict, r.note as review_note from conflicts c
                  left join reviews r on r.conflict_id = c.id {where}
                  order by coalesce(c.unconfirmed, 0),
                           case c.severity when 'high' then 0 when 'medium' then 1 else 2 end,
                           c.type, c.commodity, c.entity, c.origin, c.destination, c.period, c.id"""
        yield from self.db.query(sql)

    def find_conflict(self, prefix: str) -> list[str]:
        return [r[0] for r in self.db.execute("select id from conflicts where id like ? order by id", [prefix + "%"])]

    def close(self) -> None:
        self.db.conn.close()


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT; nested use joins the outer transaction."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.outer = False

    def __enter__(self):
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self.outer = True
        return self

    def __exit__(self, exc_type, exc, tb):
        if self.outer:
            self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        return False


def _add_missing_columns(table: sqlite_utils.db.Table, columns: dict[str, type]) -> None:
    """A database written by an older version gains the newer columns (empty for its rows)."""
    have = set(table.columns_dict)
    for name, type_ in columns.items():
        if name not in have:
            table.add_column(name, type_)


def claim_row(claim: Claim) -> dict[str, Any]:
    row = asdict(claim)
    row["evidence"] = json.dumps(claim.evidence, sort_keys=True)
    row["id"] = claim.id
    row["current"] = 1
    return row


def conflict_row(conflict: Conflict) -> dict[str, Any]:
    d = conflict.to_dict()
    series = d.pop("series")
    d.pop("verdict", None)
    d["unconfirmed"] = int(d["unconfirmed"])
    return {**{k: series.get(k) for k in CONFLICT_SERIES},
            **{k: (json.dumps(v) if isinstance(v, (list, dict)) else v) for k, v in d.items()}}
