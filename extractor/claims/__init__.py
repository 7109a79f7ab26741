"""Claims stage: spaCy docs of articles -> Claim records (DESIGN.md §3)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from .. import __version__
from ..config import Config
from ..models import Article, Claim

MAX_NLP_CHARS = 200_000  # longer texts are cut: no news article is that long, tables are


class ArticleTimeout(Exception):
    pass


class ClaimExtractor:
    """Loads the NLP pipeline once per process and turns articles into claims."""

    def __init__(self, cfg: Config):
        from ..nlp.vocab import build_pipeline

        self.cfg = cfg
        self.nlp = build_pipeline(cfg.model)
        self._warm_up()

    def _warm_up(self) -> None:
        """Load the lazy parts (quantity units, time patterns, vocabularies) before any
        article's time bound starts: on a busy machine the first article would otherwise
        pay for them and could be cut off, so results would depend on load."""
        from .builder import build_claims

        text = "Exports of copper rose 5% to 1,200 tonnes in May from a year earlier, a record."
        build_claims(self.nlp(text), Article(name="warm-up", text=text, content_hash="0" * 64,
                                             published="2025-06-01"), __version__)

    def stream(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Claim], str | None]]:
        """nlp.pipe over the stream; one article's failure is recorded on it, the rest go on."""
        pairs = ((a.text[:MAX_NLP_CHARS], a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.cfg.batch_size):
            yield (article, *self.claims_of(doc, article))

    def claims_of(self, doc, article: Article) -> tuple[list[Claim], str | None]:
        from .builder import build_claims

        try:
            with time_limit(self.cfg.article_seconds):
                return build_claims(doc, article, __version__), None
        except ArticleTimeout:
            return [], f"claims extraction exceeded {self.cfg.article_seconds:g} s; article skipped"
        except Exception as exc:  # one bad article must not stop the batch
            return [], f"claims extraction failed: {type(exc).__name__}: {exc}"

    def extract(self, article: Article) -> list[Claim]:
        """Claims of one article (library use and tests)."""
        doc = self.nlp(article.text[:MAX_NLP_CHARS])
        claims, error = self.claims_of(doc, article)
        if error:
            raise RuntimeError(f"{article.name}: {error}")
        return claims


@contextmanager
def time_limit(seconds: float):
    """SIGALRM bound on the main thread; elsewhere no bound (signals only reach it)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum, frame):
        raise ArticleTimeout()

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
