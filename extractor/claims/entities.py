"""The company an article's figures are about (DESIGN §3 `entity`).

Names are found by their corporate suffix ("Standard Oil Co", "Comalco Ltd"), the
suffix words kept as data; a later mention by the first word ("Standard said") or by
"the company" refers back to it. No NER model is needed for this, so the pipeline keeps
its speed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import raw_lexicon


@dataclass(frozen=True)
class Company:
    name: str  # as the article names it, without a legal suffix ("Standard Oil")
    short: str  # the first word, for later mentions ("Standard")


def _data() -> dict:
    return raw_lexicon()["company"]


@cache
def _name_re() -> re.Pattern:
    suffixes = "|".join(sorted(map(re.escape, _data()["suffixes"]), key=len, reverse=True))
    return re.compile(rf"\b((?:[A-Z][\w&'.-]*\s+){{0,4}}?[A-Z][\w&'.-]*)\s+(?:{suffixes})\b\.?")


def main_company(text: str, window: int = 600) -> Company | None:
    """The company named first in the article's opening, if it opens with one."""
    m = _name_re().search(text[:window])
    if m is None:
        return None
    words = m.group(1).split()
    drop = set(_data()["drop_suffixes"])
    suffix = m.group(0)[len(m.group(1)):].strip(" .")
    name = " ".join(words + ([] if suffix in drop else [suffix]))
    return Company(name=name, short=words[0])


def refers_to(company: Company, sentence: str) -> bool:
    """The sentence speaks of the company: by name, first word or "the company", "its"."""
    return company.short in sentence or bool(re.search(_data()["refers_regex"], sentence, re.I))


@cache
def entity_indicators() -> frozenset[str]:
    """What a company's figure can measure (results, but also its output, reserves, prices);
    wider than the lexicon's company_indicators, which never take a story's topic."""
    return frozenset(_data()["indicators"])


def home_country(unit: str) -> str | None:
    """A company reporting in unqualified dollars in wire copy is American (ANNOTATION)."""
    return _data()["home_currency_country"].get(unit.split("/")[0])


@cache
def _agencies() -> list[tuple[re.Pattern, str]]:
    names = raw_lexicon()["agency_countries"]["names"]
    return [(re.compile(rf"\b{re.escape(n)}\b"), code) for n, code in sorted(names.items(), key=lambda x: -len(x[0]))]


def implied_country(text: str, company: Company | None) -> str | None:
    """The country of a story that names none: the statistics agency it cites ("the Energy
    Information Administration said"), or, for a company reporting in unqualified dollars
    in wire copy, the United States (ANNOTATION: "dlrs" is USD)."""
    for pattern, code in _agencies():
        if pattern.search(text):
            return code
    if company is not None and re.search(_data()["home_dollar_regex"], text):
        return home_country("USD")
    return None
