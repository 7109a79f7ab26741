"""Which article URLs may become links."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

# Only absolute http(s) URLs with a host; no whitespace or control characters anywhere,
# so "java\tscript:" tricks and protocol-relative URLs never reach an href.
_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$", re.IGNORECASE)


def safe_url(url: Any) -> str | None:
    """The URL, with characters that would break out of an HTML attribute or a Markdown
    link percent-encoded, when it is http(s); else None (shown as text, never linked)."""
    if not isinstance(url, str) or not _URL.match(url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(url, safe="/:?#[]@!$&'*+,;=%-._~")

