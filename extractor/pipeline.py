"""The batch: scan inputs, skip what is stored, parse, run the NLP, store — one article at a time
committed, so a killed run loses at most the article in flight."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .config import Config
from .models import Article, Claim, Rejection
from .store import Store


@dataclass
class BatchResult:
    run_id: int = 0
    scanned: int = 0
    new_articles: int = 0
    skipped: int = 0
    claims: int = 0
    errors: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (article name, warning)

    def counts(self) -> dict[str, int]:
        return {"scanned": self.scanned, "new_articles": self.new_articles, "skipped": self.skipped,
                "rejected": len(self.rejections), "claims": self.claims, "errors": self.errors}


Event = Callable[[str, str], None]  # (kind, message) for progress/log output


def run_extract(paths: list[str], store: Store, cfg: Config, on_event: Event | None = None,
                reextract: bool = False) -> BatchResult:
    from .ingest import parse, scan

    emit = on_event or (lambda kind, msg: None)
    started = time.monotonic()
    result = BatchResult()
    result.run_id = store.start_run("reextract" if reextract else "extract", paths)
    known = store.known_hashes()
    current = store.current_names()

    def new_articles() -> Iterator[Article]:
        if reextract:
            yield from store.stored_articles()
            return
        for item in scan(paths):
            result.scanned += 1
            if isinstance(item, Rejection):
                _reject(item)
                continue
            if item.content_hash in known:
                result.skipped += 1
                if current.get(item.name) != item.content_hash:
                    store.make_current(item.content_hash, item.name)
                emit("skip", item.name)
                continue
            known.add(item.content_hash)  # the same content twice in one batch is stored once
            parsed = parse(item)
            if isinstance(parsed, Rejection):
                _reject(parsed)
                continue
            for warning in parsed.warnings:
                result.warnings.append((parsed.name, warning))
                emit("warning", f"{parsed.name}: {warning}")
            yield parsed

    def _reject(rejection: Rejection) -> None:
        result.rejections.append(rejection)
        store.reject(result.run_id, rejection)
        emit("rejected", f"{rejection.path}: {rejection.reason}")

    status = "ok"
    try:
        for article, claims, error in extract_articles(new_articles(), cfg):
            if reextract:
                store.replace_claims(article.content_hash, claims, error)
            else:
                store.save_article(article, claims, result.run_id, error)
                result.new_articles += 1
            result.claims += len(claims)
            if error:
                result.errors += 1
                emit("error", f"{article.name}: {error}")
            emit("article", f"{article.name}: {len(claims)} claims")
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        store.finish_run(result.run_id, result.counts(), started, status)
    return result


def extract_articles(articles: Iterable[Article], cfg: Config) -> Iterator[tuple[Article, list[Claim], str | None]]:
    """NLP over a stream of articles, in nlp.pipe batches; one article's failure is recorded
    on it and the stream goes on."""
    from .claims import ClaimExtractor

    extractor = ClaimExtractor(cfg)
    yield from extractor.stream(articles)


def version_tag() -> str:
    return __version__


def default_db() -> Path:
    return Path("data/extractor.db")
