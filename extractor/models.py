"""The three records the pipeline passes between its stages: Article, Claim, Conflict.

Claim's JSON form is the public contract of DESIGN.md §3; field names here are the
field names there.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

# Order of the JSONL export: the contract's fields first, provenance after.
CLAIM_FIELDS = (
    "article", "sentence", "quote", "start", "end", "kind", "indicator", "commodity",
    "entity", "origin", "destination", "period", "value", "unit", "measure", "approx", "basis",
    "basis_period", "scope", "modality", "published", "source", "evidence",
)

# Where a series field or the period came from, nearest first (issue: evidence per field).
# A field that nothing supports is null and has no evidence entry.
EVIDENCE_FIELDS = ("indicator", "commodity", "entity", "origin", "destination", "period")
EVIDENCE_LEVELS = ("own_phrase", "sentence", "paragraph", "article")
# A claim rests on its own words when its fields come from its phrase or sentence.
SOLID_EVIDENCE = ("own_phrase", "sentence")


@dataclass
class Article:
    """One ingested article: clean text plus what ingest found about it."""

    name: str  # path relative to the input folder; `FILE#id` for a JSONL line
    text: str  # clean text; every character offset downstream refers to it
    content_hash: str  # sha256 of the raw input; the article's identity
    title: str | None = None
    source: str | None = None  # the outlet
    published: str | None = None  # ISO date, YYYY-MM-DD
    date_ambiguous: bool = False  # both day-first and month-first readings were possible
    url: str | None = None
    format: str = "txt"  # txt | md | html | jsonl
    path: str = ""  # the file it came from, as given on the command line
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.content_hash[:16]


@dataclass
class Rejection:
    """An input that could not be ingested, with the one-line reason shown to the user."""

    path: str
    reason: str


@dataclass
class Claim:
    """One number an article asserts about one statistical series in one period (§3)."""

    article: str
    sentence: str
    quote: str
    start: int
    end: int
    kind: str  # level | change | share | rank
    value: float
    unit: str
    indicator: str = "trade"
    commodity: str | None = None
    entity: str | None = None  # the company or organisation a figure is about
    origin: str | None = None
    destination: str | None = None
    period: str | None = None
    measure: str = "volume"
    approx: str = "exact"  # exact | approx | gt | ge | lt | le
    basis: str | None = None  # previous_period | year_ago | period
    basis_period: str | None = None
    scope: str | None = None
    modality: str = "reported"  # reported | forecast
    published: str | None = None
    source: str | None = None
    # Size of one unit in the last written digit, in canonical units ("305 tons" -> 1,
    # "103.78 mt" -> 10000, "31.4%" -> 0.1); None when the quote has no digits.
    step: float | None = None
    article_id: str = ""
    extractor_version: str = ""
    note: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)  # field -> one of EVIDENCE_LEVELS

    @property
    def id(self) -> str:
        """Stable id: the article version and what the claim says, not where it is stored."""
        key = [self.article_id, self.start, self.end, self.kind, self.value, self.unit, self.period,
               self.indicator, self.commodity, self.origin, self.destination]
        if self.entity is not None:  # ids of entity-less claims stay as they were
            key.append(self.entity)
        return hashlib.sha256(json.dumps(key, default=str).encode()).hexdigest()[:16]

    @property
    def series(self) -> tuple[str | None, ...]:
        return (self.indicator, self.commodity, self.entity, self.origin, self.destination, self.measure)

    def inherited(self) -> list[str]:
        """The fields (and period) this claim took from beyond its sentence."""
        return [f for f in EVIDENCE_FIELDS if self.evidence.get(f) not in (None, *SOLID_EVIDENCE)]

    def to_dict(self) -> dict[str, Any]:
        """The §3 JSON object: contract fields in order, then provenance; None fields of
        change/rank-only meaning are left out where they do not apply."""
        raw = asdict(self)
        out: dict[str, Any] = {k: raw[k] for k in CLAIM_FIELDS}
        if self.kind != "change":
            out.pop("basis")
            out.pop("basis_period")
        if self.kind != "rank":
            out.pop("scope")
        out["value"] = _number(self.value)
        out["evidence"] = {k: self.evidence[k] for k in EVIDENCE_FIELDS if k in self.evidence}
        out["id"] = self.id
        out["article_id"] = self.article_id
        out["extractor_version"] = self.extractor_version
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class Conflict:
    """Two or more claims whose intervals cannot all hold (§4)."""

    id: str
    type: str  # value_mismatch | change_mismatch | implied_mismatch | direction_mismatch |
    #            rank_mismatch | aggregate_mismatch | internal
    series: dict[str, Any]  # indicator, commodity, entity, origin, destination, measure
    period: str
    claims: list[dict[str, Any]]  # each: id, article, quote, value, unit, source, published, side
    articles: list[str]
    expected: list[float | None]  # [lo, hi] interval; None stands for an open end
    observed: list[float | None]
    gap_abs: float
    gap_rel: float
    severity: str  # low | medium | high
    explanation: str
    sources_per_side: dict[str, list[str]] = field(default_factory=dict)
    verdict: str | None = None
    status: str = "open"  # open | closed (its claims disappeared)
    # Unconfirmed (issue 11): it stands only on fields some claim took from beyond its own
    # sentence ("inherited"), or on figures orders of magnitude apart ("magnitude", or
    # "scale_slip" when exactly a power of 1,000 apart).
    unconfirmed: bool = False
    unconfirmed_by: list[str] = field(default_factory=list)
    inherited: list[str] = field(default_factory=list)  # "commodity (article)", of any involved claim

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _number(value: float) -> int | float:
    """15.0 -> 15 so that exports read as the article wrote them."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value
