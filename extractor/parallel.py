"""Extraction in chunks, in-process or on worker processes, results in input order.

Workers parse, run the NLP and build claims (each loads the spaCy pipeline once); the
calling process alone writes to SQLite. Work goes out in chunks of `batch_size` items
with at most `2 × workers` chunks in flight, so memory stays bounded whatever the batch,
and results come back in the order the items went in, so the database a run builds does
not depend on the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .config import Config
from .ingest.readers import RawDoc
from .models import Article, Claim, Rejection

# A batch smaller than this is extracted in-process under `workers = 0` (auto): starting a
# worker costs a few seconds of model loading, which only pays off on a larger batch.
AUTO_MIN_ARTICLES = 300
MAX_AUTO_WORKERS = 2

Work = RawDoc | Article  # a RawDoc is parsed first; an Article (re-extraction) goes straight to the NLP
Extracted = tuple[Article, list[Claim], str | None]
Outcome = Extracted | Rejection
WORKER_DIED = "the extraction worker process died on this input (killed, or out of memory)"


def auto_workers() -> int:
    return max(1, min(MAX_AUTO_WORKERS, os.cpu_count() or 1))


def process_items(extractor: Any, items: list[Work]) -> list[Outcome]:
    """Parse + NLP + claims of one chunk; one bad item becomes a Rejection or an error on its
    article, never an exception out of here."""
    from .ingest import parse

    out: list[Outcome | None] = [None] * len(items)
    todo: list[tuple[int, Article]] = []
    for i, item in enumerate(items):
        if isinstance(item, Article):
            todo.append((i, item))
            continue
        try:
            parsed = parse(item)
        except Exception as exc:  # a parser bug on one input must not stop the batch
            parsed = Rejection(item.path, f"could not be parsed: {type(exc).__name__}: {exc}")
        if isinstance(parsed, Rejection):
            out[i] = parsed
        else:
            todo.append((i, parsed))
    for (i, _), result in zip(todo, _extract_all(extractor, [a for _, a in todo]), strict=True):
        out[i] = result
    return [o for o in out if o is not None]


def _extract_all(extractor: Any, articles: list[Article]) -> list[Extracted]:
    """nlp.pipe over the chunk; if the pipe itself raises, redo the chunk one article at a time
    so only the culprit carries the error."""
    try:
        return list(extractor.stream(articles))
    except Exception:
        out: list[Extracted] = []
        for a in articles:
            try:
                out.extend(extractor.stream([a]))
            except Exception as exc:
                out.append((a, [], f"NLP failed: {type(exc).__name__}: {exc}"))
        return out


# -- worker process side ---------------------------------------------------------------
_EXTRACTOR: Any = None


def _init_worker(cfg: Config, parent: int) -> None:
    # Ctrl-C reaches the whole process group; the parent handles it and shuts the pool down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent killed with -9 cannot shut us down, and the task queue never reaches EOF
    # (we hold its write end too), so watch for the parent going away and exit with it.
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    global _EXTRACTOR
    from .claims import ClaimExtractor

    _EXTRACTOR = ClaimExtractor(cfg)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(items: list[Work]) -> list[Outcome]:
    # Runs on the worker's main thread, so ClaimExtractor.claims_of's SIGALRM bound holds.
    return process_items(_EXTRACTOR, items)


# -- calling process side --------------------------------------------------------------
class _Pool:
    """A ProcessPoolExecutor started on first use and restarted after a worker dies."""

    def __init__(self, cfg: Config, workers: int):
        self.cfg = cfg
        self.workers = workers
        self.executor: ProcessPoolExecutor | None = None

    def submit(self, items: list[Work]) -> Future:
        if self.executor is None:
            # One math-library thread per worker: the workers already use the cores.
            for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
                os.environ.setdefault(var, "1")
            # spawn: workers start clean (no inherited SQLite handle, no threads of the parent).
            self.executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_init_worker, initargs=(self.cfg, os.getpid()))
        return self.executor.submit(_work, items)

    def restart(self) -> None:
        self.close()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def extract_ordered(items: Iterable[Any], cfg: Config, workers: int,
                    is_work: Callable[[Any], bool]) -> Iterator[Any]:
    """Items for which `is_work` holds become their outcomes (one per item; a RawDoc may become
    a Rejection); other items pass through untouched, in place."""
    chunk = max(1, cfg.batch_size)
    if workers <= 1:
        yield from _sequential(items, cfg, chunk, is_work)
        return
    pool = _Pool(cfg, workers)
    pending: deque[tuple[Future | None, Any]] = deque()  # (future, its items) or (None, a passed-through item)
    in_flight = 0
    batch: list[Work] = []

    def flush() -> None:
        nonlocal batch, in_flight
        if batch:
            pending.append((pool.submit(batch), batch))
            in_flight += 1
            batch = []

    def drain(limit: int) -> Iterator[Any]:
        """Yield from the left while the head is ready, or while too many chunks are out."""
        nonlocal in_flight
        while pending:
            future, payload = pending[0]
            if future is not None and in_flight <= limit and not future.done():
                return
            pending.popleft()
            if future is None:
                yield payload
                continue
            in_flight -= 1
            try:
                results = future.result()
            except BrokenProcessPool:
                results = _retry_one_by_one(pool, payload)
            yield from results

    try:
        for item in items:
            if is_work(item):
                batch.append(item)
                if len(batch) >= chunk:
                    flush()
            else:
                flush()
                pending.append((None, item))
            yield from drain(2 * workers)
        flush()
        yield from drain(-1)
    finally:
        pool.close()


def _retry_one_by_one(pool: _Pool, items: list[Work]) -> list[Outcome]:
    """A worker died with this chunk out: redo it item by item on a fresh pool, so the item
    that kills a worker is recorded as failed and the batch goes on."""
    pool.restart()
    out: list[Outcome] = []
    for item in items:
        try:
            out.extend(pool.submit([item]).result())
        except BrokenProcessPool:
            pool.restart()
            if isinstance(item, Article):
                out.append((item, [], WORKER_DIED))
            else:
                out.append(Rejection(item.path, WORKER_DIED))
    return out


def _sequential(items: Iterable[Any], cfg: Config, chunk: int, is_work: Callable[[Any], bool]) -> Iterator[Any]:
    extractor = None  # loaded on the first article: a run that only skips never loads spaCy
    batch: list[Work] = []

    def run() -> list[Outcome]:
        nonlocal extractor, batch
        if extractor is None:
            from .claims import ClaimExtractor

            extractor = ClaimExtractor(cfg)
        done, batch = process_items(extractor, batch), []
        return done

    for item in items:
        if is_work(item):
            batch.append(item)
            if len(batch) >= chunk:
                yield from run()
        else:
            if batch:
                yield from run()
            yield item
    if batch:
        yield from run()
