"""Plain-text cleaning and header analysis, shared by every format.

An article's text is split into lines. Boilerplate lines (subscribe prompts, share
buttons, "Related articles" blocks, copyright footers, emoji flags) are dropped wherever
they are. The *header zone* -- the lines before the first line that reads like body
text -- is where the masthead, section labels, headline, byline and date live; those
lines are consumed (headline -> title, masthead/byline -> source, date lines -> date)
and do not reach the clean text. The body keeps its paragraphs as written.

The vocabularies are data: extractor/data/ingest_boilerplate.json.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from extractor.ingest import dates

# Regional indicator symbols (flag emoji) and other pictographs, with their joiners.
_EMOJI_RE = re.compile("[\U0001F1E6-\U0001F1FF\U0001F300-\U0001FAFF\u2600-\u26FF\u2700-\u27BF\uFE0F\u200D]+ ?")
_INVISIBLE_RE = re.compile("[\u200B\u200C\u2060\uFEFF\u00AD]")
_BULLET_RE = re.compile(r"^\s*(?:[•·▪◦●‣*>+]|-(?!-)|–|—)\s+")
_SEGMENT_SPLIT_RE = re.compile(r"\s*\|\s*|\s{2,}")
_WORD_RE = re.compile(r"[\w'’&.-]+")
_SEPARATORS_RE = re.compile(r"\s+[|>›»/·•]\s+|\s+[-–—]\s+|\s*\|\s*|\s{2,}")

# A line that ends like a sentence.
_SENTENCE_END = tuple('.!?:;"”’)')
_BODY_MIN_WORDS = 8  # a sentence-final line this long is body, not a headline
_BODY_ANY_WORDS = 25  # any line this long is body
_HEADER_MAX_LINES = 15  # the header zone never runs longer than this (non-blank lines)
_STANDFIRST_MIN_WORDS = 6  # a header line this long that is not the title stays in the text
_MASTHEAD_MAX_WORDS = 6

# "Beijing (08/12/2025): ..." / "CaliToday (20/12/2025) - ..." at the start of the first body line,
# optionally followed by an agency in parentheses: "LONDON (19/01/2026) (Reuters) - ".
_NAME = r"[A-Z][\w.&'’-]*(?:[ ][A-Z][\w.&'’-]*){0,3}"
_DATELINE_PAREN_RE = re.compile(
    r"^(?P<place>" + _NAME + r")\s*\((?P<date>[^()]{4,40}?)\)\s*(?:\((?P<agency>[^()]{2,40})\)\s*)?[:–—-]\s*")
# "BEIJING, Jan 19 (Reuters) - ..." / "CHINA, JUL 20 – ..."
_DATELINE_COMMA_RE = re.compile(
    r"^(?P<place>[A-Z][\w.&'’-]*(?:[ ][A-Z][\w.&'’-]*){0,3}),\s+(?P<date>[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,?\s+\d{4})?"
    r"|\d{1,2}\s+[A-Za-z]{3,9}\.?(?:,?\s+\d{4})?)\s*(?:\((?P<agency>[^()]{2,40})\)\s*)?[:–—-]\s+")
_BYLINE_RE = re.compile(r"^by\s+(?P<name>[^|·•,–—]+?)\s*(?:(?:[|·•,–—]|\s-\s)\s*(?P<rest>.*))?$", re.I)
# What may surround a date on a date-only line.
_DATE_LINE_NOISE_RE = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\(?\b(?:utc|gmt)\s*[+-−]\s*\d{1,2}(?::?\d{2})?\)?"
    r"|\b(?:gmt|utc|cet|cest|bst|est|edt|cst|cdt|pst|pdt|jst|kst|hkt|sgt|ist|aest|aedt|msk|eet|eest|wet|z)\b"
    r"|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?,?"
    r"|\b(?:posted|published|updated|last updated|first published|modified|date|on|at|am|pm)\b:?"
    r"|[|·•,:()\[\]–—-]", re.I)
_DATE_LINE_MAX_LEFTOVER_WORDS = 4
_SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"}


@cache
def vocab() -> dict:
    """The boilerplate and name vocabularies, compiled once."""
    raw = json.loads(resources.files("extractor").joinpath("data/ingest_boilerplate.json").read_text("utf-8"))

    def rx(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.I) for p in raw[key])

    def words(key: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in raw[key])

    return {
        "line": rx("line_patterns"), "segment": rx("segment_patterns"), "related": rx("related_headings"),
        "social": words("social_words"), "social_anchor": words("social_anchor_words"),
        "section": words("section_words"), "staff": words("byline_staff_words"),
        "org_suffix": words("byline_org_suffixes"), "wire": {w.casefold(): w for w in raw["wire_agencies"]},
        "places": words("dateline_places"), "max_line_chars": int(raw["max_line_chars"]),
    }


def normalise(text: str) -> str:
    """Unicode NFC, '\\n' newlines, no emoji, no invisible characters, no trailing spaces."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE_RE.sub("", text)
    text = _EMOJI_RE.sub("", text)
    text = text.replace("\u00a0", " ").replace("\t", " ")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _words(s: str) -> list[str]:
    return _WORD_RE.findall(s)


def _social_tokens(seg: str) -> list[str]:
    return [t.casefold().strip(".") for t in re.split(r"[\s|>:/\[\]•·,]+", seg) if t.strip(".")]


def is_boilerplate(line: str) -> bool:
    """A line that is not article text: subscribe/share/footer/credit lines."""
    v = vocab()
    if len(line) > v["max_line_chars"]:
        return False
    s = _BULLET_RE.sub("", line.strip()).strip()
    if not s:
        return False
    if any(p.search(s) for p in v["line"]):
        return True
    segments = [seg for seg in _SEGMENT_SPLIT_RE.split(s) if seg.strip(" :")]
    if not segments:
        return True  # only separators
    anchored = False
    for seg in segments:
        if any(p.search(seg.strip()) for p in v["segment"]):
            anchored = True
            continue
        toks = _social_tokens(seg)
        if not toks or not all(t in v["social"] for t in toks):
            return False
        anchored = anchored or any(t in v["social_anchor"] for t in toks)
    # "X | WhatsApp" alone could be anything; a share line names sharing somewhere.
    return anchored


def is_related_heading(line: str) -> bool:
    s = line.strip()
    return any(p.search(s) for p in vocab()["related"])


def _is_list_item(line: str) -> bool:
    return bool(_BULLET_RE.match(line))


def strip_boilerplate(lines: list[str]) -> list[str]:
    """Drop boilerplate lines and "Related articles" blocks; blank lines are kept as
    paragraph breaks. A related block is its heading plus the list (or short headline
    lines) under it, up to the next blank line -- or the next paragraph if it is a list."""
    out: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if line.strip() and is_related_heading(line):
            i += 1
            while i < n and lines[i].strip() and (_is_list_item(lines[i]) or not lines[i].rstrip().endswith(".")):
                i += 1
            # The list may follow after one blank line.
            j = i
            while j < n and not lines[j].strip():
                j += 1
            if j < n and _is_list_item(lines[j]):
                i = j
                while i < n and lines[i].strip() and _is_list_item(lines[i]):
                    i += 1
            continue
        if line.strip() and is_boilerplate(line):
            i += 1
            continue
        out.append(line)
        i += 1
    return out


def is_body_line(line: str) -> bool:
    s = line.strip()
    n = len(_words(s))
    if _DATELINE_PAREN_RE.match(s) or _DATELINE_COMMA_RE.match(s):
        return n >= 4
    return (n >= _BODY_MIN_WORDS and s.endswith(_SENTENCE_END)) or n >= _BODY_ANY_WORDS


def title_case(s: str) -> str:
    """'HARBOUR LEDGER' -> 'Harbour Ledger', 'GRAIN & GANGWAY' -> 'Grain & Gangway'."""
    out = []
    for i, w in enumerate(s.split()):
        lw = w.lower()
        out.append(lw if i and lw in _SMALL_WORDS else lw[:1].upper() + lw[1:])
    return " ".join(out)


def _segments(line: str) -> list[str]:
    return [seg.strip() for seg in _SEPARATORS_RE.split(line.strip()) if seg.strip()]


def _is_breadcrumb(line: str) -> bool:
    segs = _segments(line)
    return len(segs) >= 2 and all(len(_words(seg)) <= 3 for seg in segs)


def _is_section_label(line: str) -> bool:
    s = line.strip().strip(":").casefold()
    return s in vocab()["section"] or len(_words(s)) <= 1


def _is_place(name: str) -> bool:
    key = name.strip().casefold()
    if key in vocab()["places"]:
        return True
    return key in _country_names()


@cache
def _country_names() -> frozenset[str]:
    import pycountry  # lazy: only datelines need it

    names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if getattr(c, attr, None):
                names.add(getattr(c, attr).casefold())
    for sub in pycountry.subdivisions:
        # "Beijing Shi" -> "beijing", "Guangdong Sheng" -> "guangdong"
        names.add(sub.name.casefold())
        names.add(sub.name.split(" ")[0].casefold() if sub.name.endswith((" Shi", " Sheng")) else sub.name.casefold())
    names.update({"us", "u.s.", "usa", "uk", "u.k.", "eu", "china", "russia", "taiwan", "south korea", "north korea"})
    return frozenset(names)


def byline_org(name: str) -> str | None:
    """The outlet a byline names, or None when it names a person or generic staff.

    Organisation: a known news agency (data), "<Outlet> staff/newsroom", a name ending in an
    outlet word (News, Wire, Times, ...), or a single word that is not a staff word.
    """
    v = vocab()
    name = re.sub(r"\s+", " ", name.strip(" .:"))
    key = name.casefold()
    if key in v["wire"]:
        return v["wire"][key]
    if key in v["staff"]:
        return None
    words = name.split()
    # "Tech Metals Review staff" -> "Tech Metals Review"
    for k in range(len(words) - 1, 0, -1):
        if " ".join(words[k:]).casefold() in v["staff"]:
            rest = " ".join(words[:k])
            return byline_org(rest) or (rest if len(words[:k]) >= 1 and rest[:1].isupper() else None)
    if " and " in f" {key} " or "," in name:
        return None  # several people
    if len(words) == 1:
        return name
    if words[-1].casefold().strip(".") in v["org_suffix"]:
        return name
    return None


@dataclass
class TextInfo:
    """What analyse() found in a text."""

    text: str  # clean text: paragraphs separated by one blank line
    title: str | None = None
    source: str | None = None
    date: dates.FoundDate | None = None
    warnings: list[str] = field(default_factory=list)


def _date_line(line: str, month_first: bool, default_year: int | None) -> dates.FoundDate | None:
    """The date of a line that is only a date (with time, weekday, zone, label), else None."""
    found = dates.find_date(line, month_first=month_first, default_year=default_year)
    if not found:
        return None
    leftover = line[: found.start] + " " + line[found.end:]
    leftover = _DATE_LINE_NOISE_RE.sub(" ", leftover)
    if len(_words(leftover)) <= _DATE_LINE_MAX_LEFTOVER_WORDS:
        return found
    return None


def analyse(text: str, *, known_title: str | None = None, masthead: bool = True,
            default_year: int | None = None) -> TextInfo:
    """Clean `text` and read title, outlet and date from its header zone.

    known_title: a title from metadata; a header line equal to it is dropped, and no other
    headline is searched for. masthead: whether a first header line may name the outlet
    (off for Markdown, whose outlet is in the front matter).
    """
    text = normalise(text)
    month_first = dates.month_first_document(text)
    lines = strip_boilerplate(text.split("\n"))

    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    first_body = next((k for k, i in enumerate(nonblank[:_HEADER_MAX_LINES])
                       if is_body_line(lines[i]) or _wraps_on(lines, i)), None)
    header = nonblank[:first_body] if first_body is not None else []

    info = TextInfo(text="")
    drop: set[int] = set()
    keep_header: set[int] = set()
    byline_source: str | None = None
    masthead_source: str | None = None
    candidates: list[int] = []

    for pos, i in enumerate(header):
        line = lines[i].strip()
        bare = _BULLET_RE.sub("", line).strip()
        drop.add(i)
        m = _BYLINE_RE.match(bare)
        if m and len(_words(m["name"])) <= 6:
            org = byline_org(m["name"])
            if org and not byline_source:
                byline_source = org
            if m["rest"] and not info.date:
                info.date = dates.find_date(m["rest"], month_first=month_first, default_year=default_year)
            continue
        found = _date_line(bare, month_first, default_year)
        if found:
            info.date = info.date or found
            continue
        if known_title and _same(bare, known_title):
            continue
        if pos == 0 and masthead and len(header) > 1 and _looks_like_masthead(bare):
            masthead_source = _masthead_name(bare)
            continue
        if _is_breadcrumb(bare):
            continue
        candidates.append(i)

    if not known_title and candidates:
        long = [i for i in candidates if len(_words(lines[i])) >= 4]
        pick = long[0] if long else max(candidates, key=lambda i: (len(_words(lines[i])), -i))
        if not _is_section_label(lines[pick]) or len(candidates) == 1:
            info.title = _strip_md_heading(lines[pick].strip())
            candidates.remove(pick)
    for i in candidates:
        if len(_words(lines[i])) >= _STANDFIRST_MIN_WORDS:
            keep_header.add(i)  # a standfirst, not a label

    dateline_source: str | None = None
    if first_body is not None:
        body_line = lines[nonblank[first_body]].strip()
        m = _DATELINE_PAREN_RE.match(body_line) or _DATELINE_COMMA_RE.match(body_line)
        if m:
            found = dates.find_date(m["date"], month_first=month_first, default_year=default_year)
            if found and not info.date:
                info.date = found
            if m["agency"] and not dates.find_date(m["agency"]):
                dateline_source = byline_org(m["agency"]) or m["agency"].strip()
            elif m.re is _DATELINE_PAREN_RE and found and not _is_place(m["place"]):
                dateline_source = m["place"].strip()

    info.source = byline_source or dateline_source or masthead_source
    body = [ln for i, ln in enumerate(lines) if i not in drop or i in keep_header]
    info.text = _paragraphs(body)
    return info


def _wraps_on(lines: list[str], i: int) -> bool:
    """A line whose sentence goes on in lower case on the next line is wrapped prose
    ("New Zealand's current account deficit / narrowed to ..."), not a heading."""
    line = lines[i].strip()
    nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return bool(line) and not line.endswith(_FINAL) and nxt[:1].islower() and len(_words(line + " " + nxt)) >= 6 \
        and not _BYLINE_RE.match(nxt) and "|" not in nxt


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", _strip_md_heading(s)).strip().casefold()

    return norm(a) == norm(b)


def _strip_md_heading(s: str) -> str:
    return re.sub(r"^#{1,6}\s+", "", s).strip()


def _looks_like_masthead(line: str) -> bool:
    if dates.find_date(line):
        return False
    letters = [c for c in line if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    if len(_segments(line)) >= 2:
        return True
    return len(_words(line)) <= _MASTHEAD_MAX_WORDS and not line.endswith(_SENTENCE_END) \
        and not _is_section_label(line)


def _masthead_name(line: str) -> str:
    name = _segments(line)[0]
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        name = title_case(name)
    return name


def _paragraphs(lines: list[str]) -> str:
    """Join lines back, with exactly one blank line between paragraphs and none at the ends.
    Hard-wrapped prose (wire copy wrapped at ~70 columns) is unwrapped, so that a line break
    means a new paragraph, heading or list item downstream, never a mid-sentence wrap."""
    paras: list[list[str]] = [[]]
    for ln in lines:
        if ln.strip():
            paras[-1].append(ln.strip())
        elif paras[-1]:
            paras.append([])
    wrapped = _hard_wrapped([ln.strip() for ln in lines if ln.strip()])
    return "\n\n".join("\n".join(_unwrap(p) if wrapped else p) for p in paras if p)


_FINAL = (".", "!", "?", ":", '"', "”", "’", ")", "]")


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 4:
        return False
    long_lines = [ln for ln in lines if len(ln) >= 40]
    if max(len(ln) for ln in lines) > 100 or len(long_lines) < len(lines) / 2:
        return False
    open_ended = sum(1 for ln in long_lines if not ln.endswith(_FINAL))
    return open_ended >= len(long_lines) * 0.4


def _unwrap(lines: list[str]) -> list[str]:
    """Join a line to the one before when that one does not end a sentence, or when this
    one starts in lower case: both mean the break was only a wrap."""
    out: list[str] = []
    for ln in lines:
        if out and (ln[:1].islower() or (not out[-1].endswith(_FINAL) and len(out[-1]) >= 40)):
            out[-1] = out[-1] + " " + ln
        else:
            out.append(ln)
    return out
