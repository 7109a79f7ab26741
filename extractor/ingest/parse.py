"""Second pass: RawDoc -> Article (clean text + title, outlet, date) or Rejection.

Metadata (front matter, JSONL fields, HTML meta tags) wins over what the text says;
the text's header zone fills what metadata leaves out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from extractor.ingest import dates
from extractor.ingest.clean import TextInfo, analyse, normalise
from extractor.ingest.html import htmldate_date, main_text, read_meta
from extractor.ingest.markdown import markdown_to_text, split_front_matter
from extractor.ingest.readers import RawDoc, scan
from extractor.models import Article, Rejection

NO_DATE_WARNING = "no publication date found; relative dates cannot be resolved"
_HTML_MIN_BODY_WORDS = 12  # a page whose longest paragraph is shorter has no article body


def _str(v: object) -> str | None:
    if v is None:
        return None
    s = re.sub(r"\s+", " ", str(v)).strip()
    return s or None


def _reject(raw: RawDoc, reason: str) -> Rejection:
    line = raw.meta.get("line") if raw.format == "jsonl" else None
    return Rejection(raw.path, f"line {line}: {reason}" if line else reason)


def parse(raw: RawDoc) -> Article | Rejection:
    """Clean text and metadata of one input."""
    if raw.format == "html":
        return _parse_html(raw)
    warnings: list[str] = []
    meta: dict = {}
    body = raw.text
    if raw.format == "md":
        meta, body, warnings = split_front_matter(body)
        body = markdown_to_text(body)
        if "published" not in meta:
            for alias in ("date", "pubdate", "published_at", "publish_date"):
                if meta.get(alias):
                    meta["published"] = meta[alias]
                    break
    elif raw.format == "jsonl":
        meta = dict(raw.meta)
    return _build(raw, body, meta, warnings, masthead=raw.format != "md")


def _build(raw: RawDoc, body: str, meta: dict, warnings: list[str], *, masthead: bool) -> Article | Rejection:
    month_first = dates.month_first_document(body)
    meta_date = None
    if meta.get("published") not in (None, ""):
        meta_date = dates.parse_date_value(meta["published"], month_first=month_first)
        if meta_date is None:
            warnings.append(f"unreadable publication date {str(meta['published'])!r} in metadata; ignored")
    default_year = int(meta_date.iso[:4]) if meta_date else None
    info: TextInfo = analyse(body, known_title=_str(meta.get("title")), masthead=masthead,
                             default_year=default_year)
    if not info.text.strip():
        return _reject(raw, "no article text left after removing boilerplate")

    published, ambiguous = _choose_date(meta_date, info.date, warnings)
    return Article(
        name=raw.name, text=info.text, content_hash=raw.content_hash,
        title=_str(meta.get("title")) or info.title,
        source=_str(meta.get("source")) or info.source,
        published=published, date_ambiguous=ambiguous,
        url=_str(meta.get("url")), format=raw.format, path=raw.path,
        warnings=warnings + info.warnings,
    )


def _choose_date(meta_date: dates.FoundDate | None, text_date: dates.FoundDate | None,
                 warnings: list[str]) -> tuple[str | None, bool]:
    """Metadata date first, else the header date; warnings for ambiguity, conflict and absence."""
    if text_date is not None and text_date.no_year and not text_date.iso:
        if meta_date is None:
            warnings.append(f"date '{text_date.matched}' has no year; publication date unknown")
        text_date = None
    if meta_date is not None:
        if meta_date.ambiguous:
            warnings.append(dates.ambiguity_warning(meta_date))
        if text_date is not None and text_date.iso != meta_date.iso and not text_date.ambiguous:
            warnings.append(f"metadata date {meta_date.iso} differs from the date in the text "
                            f"('{text_date.matched}' = {text_date.iso}); using the metadata date")
        return meta_date.iso, meta_date.ambiguous
    if text_date is not None:
        if text_date.ambiguous:
            warnings.append(dates.ambiguity_warning(text_date))
        return text_date.iso, text_date.ambiguous
    warnings.append(NO_DATE_WARNING)
    return None, False


def _parse_html(raw: RawDoc) -> Article | Rejection:
    hm = read_meta(raw.text)
    extracted = main_text(raw.text)
    if not extracted or not extracted.strip():
        return _reject(raw, "HTML with no article body")
    lines = [ln.strip() for ln in normalise(extracted).split("\n") if ln.strip()]
    # trafilatura sometimes keeps the <h1>; the title is a field, not body text.
    while lines and any(t and _same_text(lines[0], t) for t in (hm.title, hm.h1)):
        lines.pop(0)
    if not lines or max(len(ln.split()) for ln in lines) < _HTML_MIN_BODY_WORDS:
        return _reject(raw, "HTML with no article body")
    body = "\n\n".join(lines)  # trafilatura puts one paragraph per line
    meta: dict = {"title": hm.title or hm.h1, "source": hm.source, "url": hm.url}
    warnings: list[str] = []
    published = hm.published or htmldate_date(raw.text)
    if published:
        meta["published"] = published
    result = _build(raw, body, meta, warnings, masthead=False)
    if isinstance(result, Rejection):
        return _reject(raw, "HTML with no article body")
    return result


def _same_text(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().casefold()

    return norm(a) == norm(b)


def ingest(paths: Iterable[str | Path]) -> Iterator[Article | Rejection]:
    """scan() + parse(): every input as an Article or a Rejection, in input order."""
    for item in scan(paths):
        yield item if isinstance(item, Rejection) else parse(item)
