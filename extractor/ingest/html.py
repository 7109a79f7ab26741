"""HTML: metadata from the <head>, main text through trafilatura.

Metadata is read with the standard library's parser (cheap, and exactly the tags we
trust); trafilatura and htmldate are imported only when an HTML page is parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Meta tags giving the publication date, most trusted first.
_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "date.published",
    "dc.date.issued", "dcterms.issued", "dc.date", "publishdate", "publish-date", "pubdate",
    "parsely-pub-date", "sailthru.date", "date",
)
_TITLE_SUFFIX_RE = re.compile(r"\s+(?:\||-|–|—|::|·)\s+(?P<suffix>[^|–—]+)$")


@dataclass
class HtmlMeta:
    """What the page's markup says about the article."""

    title: str | None = None  # og:title, else <title> minus " | Outlet", else the first <h1>
    source: str | None = None  # og:site_name
    url: str | None = None  # canonical link, else og:url
    published: str | None = None  # the raw meta value (parsed by the caller)
    h1: str | None = None
    metas: dict[str, str] = field(default_factory=dict)


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.metas: dict[str, str] = {}
        self.canonical: str | None = None
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self._in: str | None = None
        self.h1_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and a.get("content") and key not in self.metas:  # first one wins: deterministic
                self.metas[key] = a["content"].strip()
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.canonical = self.canonical or a["href"].strip()
        elif tag == "title" and not self.title_parts:
            self._in = "title"
        elif tag == "h1" and not self.h1_done:
            self._in = "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            if tag == "h1":
                self.h1_done = True
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title_parts.append(data)
        elif self._in == "h1":
            self.h1_parts.append(data)


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def read_meta(html: str) -> HtmlMeta:
    p = _HeadParser()
    try:
        p.feed(html)
        p.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; never let metadata kill a page
        pass
    m = p.metas
    meta = HtmlMeta(metas=m)
    meta.source = _squash(m.get("og:site_name") or m.get("application-name") or "") or None
    doc_title = _squash("".join(p.title_parts)) or None
    meta.h1 = _squash("".join(p.h1_parts)) or None
    if m.get("og:title"):
        meta.title = _squash(m["og:title"])
    elif doc_title:
        meta.title = _strip_suffix(doc_title, meta.source)
    else:
        meta.title = meta.h1
    if not meta.source and doc_title:
        sm = _TITLE_SUFFIX_RE.search(doc_title)
        if sm and len(sm["suffix"].split()) <= 4:
            meta.source = sm["suffix"].strip()
    meta.url = p.canonical or m.get("og:url") or None
    meta.published = next((m[k] for k in _DATE_KEYS if m.get(k)), None)
    return meta


def _strip_suffix(title: str, site: str | None) -> str:
    """'Headline | Outlet' -> 'Headline' when the suffix is the site's name or short."""
    sm = _TITLE_SUFFIX_RE.search(title)
    if not sm:
        return title
    suffix = sm["suffix"].strip()
    if (site and suffix.casefold() == site.casefold()) or (not site and len(suffix.split()) <= 4):
        return title[: sm.start()].strip()
    return title


def main_text(html: str) -> str | None:
    """The article's main text, one paragraph per line, or None when trafilatura finds none.

    Comments and tables are left out: comments are not the article, and table cells come
    out as runs of bare numbers with no sentence to anchor a claim."""
    import trafilatura  # lazy: heavy import

    return trafilatura.extract(
        html, output_format="txt", include_comments=False, include_tables=False, include_images=False,
        include_links=False, include_formatting=False, favor_precision=True, deduplicate=False,
        with_metadata=False,
    )


def htmldate_date(html: str) -> str | None:
    """Publication date from htmldate's structured-markup search (no guessing from body text)."""
    import htmldate  # lazy

    try:
        return htmldate.find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a library failure means "no date", not a crash
        return None
