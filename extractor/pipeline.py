"""The batch: scan inputs, skip what is stored, parse, run the NLP, store — one article at a time
committed, so a killed run loses at most the article in flight.

Parse + NLP + claims run in chunks, in-process or on worker processes (extractor.parallel);
this process alone writes to SQLite, in scan order, so the same inputs give the same database
whatever the number of workers."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .config import Config
from .ingest.readers import RawDoc
from .models import Article, Claim, Rejection
from .parallel import AUTO_MIN_ARTICLES, auto_workers, extract_ordered
from .store import Store


@dataclass
class BatchResult:
    run_id: int = 0
    scanned: int = 0
    new_articles: int = 0
    skipped: int = 0
    claims: int = 0
    errors: int = 0
    workers: int = 1
    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (article name, warning)

    def counts(self) -> dict[str, int]:
        return {"scanned": self.scanned, "new_articles": self.new_articles, "skipped": self.skipped,
                "rejected": len(self.rejections), "claims": self.claims, "errors": self.errors}


@dataclass
class _Known:
    """A scanned input whose content is already stored: passes by the workers (name and hash
    only, so a long run of them costs little memory)."""

    name: str
    content_hash: str


Event = Callable[[str, str], None]  # (kind, message) for progress/log output


def run_extract(paths: list[str], store: Store, cfg: Config, on_event: Event | None = None,
                reextract: bool = False) -> BatchResult:
    from .ingest import scan

    emit = on_event or (lambda kind, msg: None)
    started = time.monotonic()
    result = BatchResult()
    result.run_id = store.start_run("reextract" if reextract else "extract", paths)
    known = store.known_hashes()
    current = store.current_names()

    def items() -> Iterator[RawDoc | Article | Rejection | _Known]:
        """Everything in scan order: work for the extractors, and what only this process handles."""
        if reextract:
            yield from store.stored_articles()
            return
        for item in scan(paths):
            result.scanned += 1
            if isinstance(item, RawDoc):
                if item.content_hash in known:
                    yield _Known(item.name, item.content_hash)
                    continue
                known.add(item.content_hash)  # the same content twice in one batch is stored once
            yield item

    def reject(rejection: Rejection) -> None:
        result.rejections.append(rejection)
        store.reject(result.run_id, rejection)
        emit("rejected", f"{rejection.path}: {rejection.reason}")

    def skip(name: str, content_hash: str) -> None:
        result.skipped += 1
        if current.get(name) != content_hash:
            store.make_current(content_hash, name)
        emit("skip", name)

    status = "ok"
    try:
        stream, result.workers = _plan(items(), cfg)
        for out in extract_ordered(stream, cfg, result.workers, is_work=_is_work):
            if isinstance(out, Rejection):
                reject(out)
                continue
            if isinstance(out, _Known):
                skip(out.name, out.content_hash)
                continue
            article, claims, error = out
            for warning in article.warnings if not reextract else ():
                result.warnings.append((article.name, warning))
                emit("warning", f"{article.name}: {warning}")
            if reextract:
                store.replace_claims(article.content_hash, claims, error)
            elif not store.save_article(article, claims, result.run_id, error):
                # Another process stored the same content since this run read the known hashes.
                skip(article.name, article.content_hash)
                continue
            else:
                result.new_articles += 1
            result.claims += len(claims)
            if error:
                result.errors += 1
                emit("error", f"{article.name}: {error}")
            emit("article", f"{article.name}: {len(claims)} claims")
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    except BaseException:
        status = "failed"
        raise
    finally:
        store.finish_run(result.run_id, result.counts(), started, status)
    return result


def _is_work(item: Any) -> bool:
    return isinstance(item, (RawDoc, Article))


def _plan(items: Iterator[Any], cfg: Config) -> tuple[Iterator[Any], int]:
    """The number of extraction processes: `cfg.workers`, or with 0 (auto) min(2, CPUs) once the
    batch holds at least AUTO_MIN_ARTICLES new articles — looked ahead for, a bounded buffer."""
    if cfg.workers > 0:
        return items, cfg.workers
    wanted = auto_workers()
    if wanted <= 1:
        return items, 1
    head: list[Any] = []
    n_work = 0
    for item in items:
        head.append(item)
        n_work += _is_work(item)
        # The pool starts on the first chunk of work, so deciding for it after a long run of
        # known inputs costs nothing; the cap bounds the buffer.
        if n_work >= AUTO_MIN_ARTICLES or len(head) >= 50_000:
            return itertools.chain(head, items), wanted
    return iter(head), 1


def extract_articles(articles: Iterable[Article], cfg: Config) -> Iterator[tuple[Article, list[Claim], str | None]]:
    """NLP over a stream of articles, in nlp.pipe batches, in this process; one article's failure
    is recorded on it and the stream goes on."""
    yield from extract_ordered(articles, cfg, 1, is_work=_is_work)


def version_tag() -> str:
    return __version__


def default_db() -> Path:
    return Path("data/extractor.db")
