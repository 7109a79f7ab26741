"""First, cheap pass over the inputs: find files, read, decode, hash.

Nothing here cleans text or parses dates: a re-run over thousands of stored articles
only needs the hashes, so scan() must stay fast (no trafilatura, no dateparser).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractor.models import Rejection

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
MAX_BYTES = 20 * 1024 * 1024  # larger files are rejected with a clear reason

# File suffix -> RawDoc.format
_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}

# Byte-order marks that legitimately put NUL bytes into a text file (UTF-16/32).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)

# Legacy Western encodings preferred when charset-normalizer rates them about as clean as its
# first pick: on short texts it often picks a Baltic/Central European code page for what is
# plainly Latin-1/cp1252 (é, ü, à all exist in several of them).
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_WESTERN_CHAOS_MARGIN = 0.05


@dataclass
class RawDoc:
    """One input, read and decoded but not cleaned."""

    name: str  # path relative to the input root, '/'-separated; for JSONL "FILE#id"
    path: str  # the file as given/found
    format: str  # txt | md | html | jsonl
    text: str  # decoded raw text (for jsonl: the record's text field)
    content_hash: str  # sha256 hex of the raw bytes (jsonl: of the line's UTF-8 bytes)
    meta: dict = field(default_factory=dict)  # jsonl: title, published, source, url, id, line; {} otherwise


def _is_hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, Path]]:
    """(file, root) for every supported file under the given folders (recursive, sorted by
    relative path, hidden files/dirs skipped) and for given files (root = their parent).

    A path that does not exist yields nothing here; scan() reports it. Explicit files are
    yielded whatever their suffix so that scan() can say why it refuses them. Each file is
    yielded once even when reached through two of the given paths.
    """
    seen: set[str] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found: list[tuple[str, Path]] = []
            # os.walk does not follow directory symlinks (no loops); file symlinks, even
            # dangling ones, are listed and reported by scan() if they cannot be read.
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                for fn in filenames:
                    f = Path(dirpath) / fn
                    rel = f.relative_to(p)
                    if _is_hidden(rel) or f.suffix.lower() not in SUPPORTED:
                        continue
                    found.append((rel.as_posix(), f))
            for _rel, f in sorted(found, key=lambda t: t[0]):
                key = os.path.abspath(f)
                if key not in seen:
                    seen.add(key)
                    yield f, p
        elif os.path.lexists(p):
            key = os.path.abspath(p)
            if key not in seen:
                seen.add(key)
                yield p, p.parent


def _decode(raw: bytes) -> str | None:
    """Text of `raw`, or None when no charset fits. UTF-8 first (the common case, and fast)."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(enc)
            except UnicodeDecodeError:
                return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # lazy: only legacy-encoded files need it

    results = list(charset_normalizer.from_bytes(raw))
    if not results:
        return None
    best = results[0]
    for r in results:
        if r.encoding in _WESTERN and r.chaos <= best.chaos + _WESTERN_CHAOS_MARGIN:
            best = r
            break
    return str(best)


def _os_reason(e: OSError) -> str:
    if e.errno is not None and e.strerror:
        return f"unreadable: [Errno {e.errno}] {e.strerror}"
    return f"unreadable: {e}"


def _read(f: Path) -> bytes | str:
    """The file's bytes, or the one-line reason it cannot be used."""
    try:
        st = os.stat(f)  # follows symlinks: a dangling one raises here
    except OSError as e:
        return _os_reason(e)
    if not stat.S_ISREG(st.st_mode):
        # Reading a FIFO or device would block or never end.
        return "unreadable: not a regular file"
    if st.st_size > MAX_BYTES:
        return f"too large: {st.st_size / 1e6:.1f} MB > {MAX_BYTES // (1024 * 1024)} MB limit"
    try:
        with open(f, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as e:
        return _os_reason(e)
    if len(data) > MAX_BYTES:  # grew between stat and read
        return f"too large: more than {MAX_BYTES // (1024 * 1024)} MB"
    return data


def _has_nul(raw: bytes) -> bool:
    return b"\x00" in raw and not any(raw.startswith(bom) for bom, _ in _BOMS)


def scan(paths: Iterable[str | Path]) -> Iterator[RawDoc | Rejection]:
    """Read + decode + hash every input; bad input becomes a Rejection with one clear line."""
    seen: set[str] = set()
    for given in paths:
        if not os.path.lexists(given):
            yield Rejection(str(given), "no such file or directory")
            continue
        for f, root in iter_files([given]):
            key = os.path.abspath(f)
            if key not in seen:  # one file reached through two given paths is read once
                seen.add(key)
                yield from _scan_file(f, root)


def _scan_file(f: Path, root: Path) -> Iterator[RawDoc | Rejection]:
    path = str(f)
    suffix = f.suffix.lower()
    if suffix not in SUPPORTED:
        shown = suffix or "(no extension)"
        yield Rejection(path, f"unsupported file type {shown}")
        return
    data = _read(f)
    if isinstance(data, str):
        yield Rejection(path, data)
        return
    if not data.strip():
        yield Rejection(path, "empty file")
        return
    if _has_nul(data):
        yield Rejection(path, "binary file (NUL bytes)")
        return
    text = _decode(data)
    if text is None:
        yield Rejection(path, "undecodable text: no character encoding fits")
        return
    text = text.lstrip("\ufeff")
    name = f.relative_to(root).as_posix()
    fmt = _FORMATS[suffix]
    if fmt == "jsonl":
        yield from _scan_jsonl(text, name, path)
    else:
        yield RawDoc(name=name, path=path, format=fmt, text=text,
                     content_hash=hashlib.sha256(data).hexdigest(), meta={})


_JSONL_META = ("title", "published", "source", "url")


def _scan_jsonl(text: str, name: str, path: str) -> Iterator[RawDoc | Rejection]:
    """One RawDoc per good line; a bad line is rejected alone, the others still ingest."""
    first_line: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield Rejection(path, f"line {n}: malformed JSON ({e.msg})")
            continue
        if not isinstance(rec, dict):
            yield Rejection(path, f"line {n}: not a JSON object")
            continue
        body = rec.get("text")
        if not isinstance(body, str):
            yield Rejection(path, f'line {n}: missing "text"')
            continue
        if not body.strip():
            yield Rejection(path, f'line {n}: empty "text"')
            continue
        rid = rec.get("id")
        rid = str(rid).strip() if rid is not None and str(rid).strip() else f"line-{n}"
        if rid in first_line:
            # Two records with one name would overwrite each other downstream.
            yield Rejection(path, f"line {n}: duplicate id {rid!r} (first on line {first_line[rid]})")
            continue
        first_line[rid] = n
        meta = {k: rec[k] for k in _JSONL_META if rec.get(k) not in (None, "")}
        meta["id"] = rid
        meta["line"] = n
        yield RawDoc(name=f"{name}#{rid}", path=path, format="jsonl", text=body,
                     content_hash=hashlib.sha256(line.strip().encode("utf-8")).hexdigest(), meta=meta)
