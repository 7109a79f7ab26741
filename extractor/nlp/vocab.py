"""Vocabulary of parties (countries, regions), commodities and indicators.

Knowledge lives in extractor/data/{countries.json, commodities.jsonl, indicators.jsonl} and in
pycountry; this module only compiles it into lookup terms. The spaCy component that tags
text with it is in components.py; `build_pipeline` loads a model with that component.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

COUNTRY = "COUNTRY"
REGION = "REGION"
COMMODITY = "COMMODITY"
INDICATOR = "INDICATOR"
COUNTRY_DESC = "COUNTRY_DESC"
IGNORE = "IGNORE"  # phrases that contain a name but are no party ("New Mexico", "Third World")

# Components the claims layer needs: the parse (and the tagger for our POS filters).
# NER is not used by the vocabulary and costs ~15 % of the pipeline's time (see the report).
KEEP = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


@dataclass(frozen=True)
class Term:
    """One surface form and what it stands for."""

    text: str
    label: str  # COUNTRY, REGION, COMMODITY, INDICATOR
    code: str  # ISO alpha-2 / region code / canonical commodity / indicator name
    kind: str  # name, alias, demonym, capital, historic, ...
    direction: str | None = None  # INDICATOR only: export | import | None
    needs_context: bool = False
    case: str = "lower"  # "lower": case-insensitive; "orth": exact forms in `forms`
    forms: tuple[str, ...] = ()

    @property
    def lower_written(self) -> bool:
        return self.text.islower()


@lru_cache(maxsize=1)
def countries_data() -> dict[str, Any]:
    with open(DATA_DIR / "countries.json", encoding="utf-8") as fh:
        return json.load(fh)


def _jsonl(name: str) -> list[dict[str, Any]]:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@lru_cache(maxsize=1)
def commodities_data() -> list[dict[str, Any]]:
    return _jsonl("commodities.jsonl")


@lru_cache(maxsize=1)
def indicators_data() -> list[dict[str, Any]]:
    return _jsonl("indicators.jsonl")


def _case(text: str, label: str, case_sensitive: set[str]) -> tuple[str, tuple[str, ...]]:
    """Decide how a surface form is matched.

    Acronyms ("US", "U.S.", "EC", "CPO") match exactly, so the pronoun "us" is never the
    United States. One-word party names match as written or in capitals (headlines), so
    "china" ware, a "turkey" or a "chad" are not countries. Multi-word names and
    commodity/indicator words are safe case-insensitively.
    """
    upper = sum(ch.isupper() for ch in text)
    if text in case_sensitive:
        return "orth", tuple(dict.fromkeys((text, text.upper())))
    if upper >= 2 and " " not in text:
        return "orth", (text,)
    if label in (COUNTRY, REGION) and " " not in text:
        forms = [text, text.upper()]
        if text.islower():  # "world" also as "World" at a sentence start
            forms.insert(1, text[:1].upper() + text[1:])
        return "orth", tuple(dict.fromkeys(forms))
    return "lower", ()


_PAREN = re.compile(r"\s*\([^)]*\)")


def _pycountry_names() -> list[tuple[str, str]]:
    """(name, alpha-2) for every pycountry name form usable in running text."""
    import pycountry

    out = []
    for c in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            name = getattr(c, attr, None)
            if not name:
                continue
            name = _PAREN.sub("", name).strip()
            if "," in name:  # "Korea, Republic of" never occurs in prose
                continue
            out.append((name, c.alpha_2))
    return out


@lru_cache(maxsize=1)
def load_terms() -> tuple[Term, ...]:
    """All terms; the alias file comes before pycountry so that its choice wins on a clash."""
    data = countries_data()
    cs = set(data.get("case_sensitive", []))
    party_needs = set(data.get("needs_context", []))  # "Georgia" is more often the US state
    terms: list[Term] = []
    seen: set[tuple[str, str]] = set()

    def add(
        text: str, label: str, code: str, kind: str, direction: str | None = None, needs: bool = False
    ) -> None:
        group = "party" if label in (COUNTRY, REGION) else label
        if (text, group) in seen:
            return
        seen.add((text, group))
        case, forms = _case(text, label, cs)
        needs = needs or (label in (COUNTRY, REGION) and text in party_needs)
        terms.append(Term(text, label, code, kind, direction, needs, case, forms))

    for text in data.get("ignore", []):
        add(text, IGNORE, "", "ignore")

    for section, default_kind in (("countries", "alias"), ("historic", "historic")):
        for code, entry in data[section].items():
            for a in entry.get("aliases", []):
                add(a, COUNTRY, code, default_kind)
            for a in entry.get("demonyms", []):
                add(a, COUNTRY, code, "demonym")
            for a in entry.get("capitals", []):
                add(a, COUNTRY, code, "capital")
    for code, entry in data["regions"].items():
        for a in entry.get("aliases", []):
            add(a, REGION, code, "name")
        for a in entry.get("demonyms", []):
            add(a, REGION, code, "demonym")
        for a in entry.get("needs_context", []):
            add(a, REGION, code, "name", needs=True)
    for name, code in _pycountry_names():
        add(name, COUNTRY, code, "name")
        if name.startswith("the "):
            continue
        if " " in name and name.split()[-1] in (
            "Islands",
            "Republic",
            "Netherlands",
            "Philippines",
            "Bahamas",
        ):
            add("the " + name, COUNTRY, code, "name")
    for row in commodities_data():
        # "match_name": false when the bare name is too ambiguous ("lead"); patterns cover it
        names = [row["name"]] if row.get("match_name", True) else []
        for a in [*names, *row["aliases"]]:
            text, needs = (a, False) if isinstance(a, str) else (a["text"], bool(a.get("needs_context")))
            add(text, COMMODITY, row["name"], "alias", needs=needs)
    for row in indicators_data():
        for a in row["aliases"]:
            text, needs = (a, False) if isinstance(a, str) else (a["text"], bool(a.get("needs_context")))
            add(text, INDICATOR, row["name"], "alias", direction=row.get("direction"), needs=needs)
    return tuple(terms)


@lru_cache(maxsize=1)
def _party_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(exact form -> code, lowercase form -> code) for countries and regions."""
    import pycountry

    ambiguous = set(countries_data().get("ambiguous_lowercase", []))
    exact: dict[str, str] = {}
    lower: dict[str, str] = {}
    for t in load_terms():
        if t.label not in (COUNTRY, REGION):
            continue
        for form in (t.text, *t.forms):
            exact.setdefault(form, t.code)
        if t.text.lower() not in ambiguous:
            lower.setdefault(t.text.lower(), t.code)
    # Codes themselves (for callers holding a code already), after the aliases: "EC" is the
    # European Community in news text, not Ecuador.
    for c in pycountry.countries:
        exact.setdefault(c.alpha_2, c.alpha_2)
        exact.setdefault(c.alpha_3, c.alpha_2)
    for code in (*countries_data()["regions"], *countries_data()["historic"]):
        exact.setdefault(code, code)
    return exact, lower


def country_code(text: str) -> str | None:
    """ISO alpha-2 (or SU/DD/YU/CS, EU, WORLD, a region code) for a name, alias, demonym or
    capital; None when unknown or when only a lowercase common word ("us", "turkey")."""
    text = " ".join(text.split())
    exact, lower = _party_tables()
    for cand in (text, text[4:] if text.lower().startswith("the ") else ""):
        if cand in exact:
            return exact[cand]
        if cand.lower() in lower:  # lower holds no ambiguous common words
            return lower[cand.lower()]
    return None


@lru_cache(maxsize=1)
def _commodity_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for t in load_terms():
        if t.label == COMMODITY:
            table.setdefault(t.text.lower(), t.code)
    return table


def commodity_names(name: str | None = None) -> tuple[str, ...]:
    """Every lower-case surface form the vocabulary has (for one commodity, if named)."""
    return tuple(t for t, code in _commodity_table().items() if name is None or code == name)


def commodity_name(text: str) -> str | None:
    """Canonical lowercase commodity name ("soya beans" -> "soybeans"), or None."""
    key = " ".join(text.lower().split())
    table = _commodity_table()
    if key in table:
        return table[key]
    for stripped in (key.removeprefix("the "), key.rstrip("s"), key + "s"):
        if stripped in table:
            return table[stripped]
    return None


def indicator_of(text: str) -> tuple[str, str | None] | None:
    """(indicator name, direction) for an indicator word ("exports" -> ("trade", "export"))."""
    key = " ".join(text.lower().split())
    for t in load_terms():
        if t.label == INDICATOR and t.text.lower() == key:
            return t.code, t.direction
    return None


# Successor states: a 1987 story's "Moscow" or "Russia" is the Soviet Union.
_BEFORE_1992 = {"RU": "SU"}


def era_code(code: str | None, year: int | None) -> str | None:
    """Map a present-day code to the state that existed in `year` (RU -> SU before 1992)."""
    if code is None or year is None or year >= 1992:
        return code
    return _BEFORE_1992.get(code, code)


def build_pipeline(model: str, *, ner: bool = False) -> Language:
    """Load `model` with only the components the claims layer needs, plus "extractor_vocab".

    Components left out are disabled rather than excluded, so a caller can still
    `nlp.enable_pipe("ner")`.
    """
    import spacy

    from extractor.nlp import components  # noqa: F401  (registers the factory)

    nlp = spacy.load(model)
    keep = set(KEEP) | ({"ner"} if ner else set())
    for name in nlp.pipe_names:
        if name not in keep:
            nlp.disable_pipe(name)
    if "extractor_sentences" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("extractor_sentences", before="parser")
    if "extractor_vocab" not in nlp.pipe_names:
        nlp.add_pipe("extractor_vocab", last=True)
    return nlp
