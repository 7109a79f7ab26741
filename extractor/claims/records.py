"""Records the claims stages pass along: a figure being built (`Cand`) and the article's
discourse state (`Discourse`).

The bottom of the claims package: every stage reads and fills these, none of them is
imported here, so the stages can be split without import cycles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .entities import Company


@dataclass
class Cand:
    start: int  # quote offsets within the sentence
    end: int
    kind: str
    value: float
    unit: str
    step: float | None
    approx: str = "exact"
    measure: str = "volume"
    num_start: int = 0  # where the number itself is (for attachment)
    num_end: int = 0
    comparison: bool = False  # a level given as the comparison base ("from 5,666 tons")
    period: str | None = None
    basis: str | None = None
    basis_period: str | None = None
    scope: str | None = None
    modality: str = "reported"
    explicit_period: bool = False
    note: str | None = None
    multiple: float | None = None  # factor of "sevenfold", "half"
    parties: tuple[str | None, str | None] = (None, None)
    commodity: str | None = None
    indicator: str = "trade"
    direction: str | None = None
    entity: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)  # field -> own_phrase|sentence|paragraph|article


@dataclass
class Discourse:
    published: date | None
    main_actor: str | None
    direction: str  # export | import
    commodity: str | None
    indicator: str = "trade"
    period: str | None = None
    last: Cand | None = None
    recent_countries: list[str] = field(default_factory=list)
    main_period: str | None = None  # the article's own period (its lede), restored at each paragraph
    last_basis: str | None = None  # the comparison the paragraph has been making (y/y or m/m)
    trade_context: bool = True  # the article speaks of trade or commodities at all
    sent: object = None  # the spaCy sentence being read
    article_commodity: str | None = None  # what the headline or the whole article is about
    commodity_level: str = "article"  # where disc.commodity was set: paragraph | article
    period_level: str = "article"  # likewise for disc.period
    short_tons: bool = False  # the article has said "short tons": its plain "tons" are short
    dollar: str | None = None  # the article's own dollars, once named ("N.Z. dlrs")
    balance: str | None = None  # the balance a bare "deficit" refers to, once one is named
    numbers: tuple[int, ...] = ()  # where the sentence's figures start
    company: Company | None = None  # the company the article opens with
