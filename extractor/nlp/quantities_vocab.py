"""Vocabulary for the quantity layer, loaded once from extractor/data/*.json.

Kept apart from the grammar so that knowledge (unit, currency, scale and hedge words)
lives in data files and the grammar in quantities.py only compiles it.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _load(name: str) -> dict[str, Any]:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)


def phrase_regex(phrases: list[str], *, flags: int = re.IGNORECASE, tail: str = r"(?![\w$%])") -> re.Pattern[str]:
    """Alternation of phrases, longest first, spaces matching any run of blanks; anchored with .match."""
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        parts.append(r"[ \t]+".join(re.escape(w) for w in p.split(" ")))
    return re.compile("(" + "|".join(parts) + ")" + tail, flags)


@dataclass
class Vocab:
    scales: dict[str, float]
    attached_scales: dict[str, float]
    attached_need_context: set[str]
    units: dict[str, tuple[str, float]]
    ambiguous_mt: set[str]
    points_words: set[str]
    multiples: dict[str, float]
    word_numbers: dict[str, float]
    word_multipliers: dict[str, float]
    hedges: dict[str, str]  # phrase -> approx code
    stopwords: set[str]
    months: set[str]
    time_suffixes: set[str]
    ordinal_suffixes: set[str]
    identifier_words: set[str]
    connectors_forward: list[str]
    connectors_backward: list[str]
    denominators: dict[str, str]
    rate_any: list[str]
    rate_article: list[str]
    noun_max_words: int
    cur_prefix: dict[str, str]
    cur_suffix: dict[str, str]
    cur_by_country: dict[str, dict[str, str]]
    cur_needs_magnitude: set[str]
    year_words: set[str]
    rate_article_any_unit: set[str]
    glued_single: set[str]
    pre_unit_words: dict[str, str]
    rate_time_after: set[str] = field(default_factory=set)
    rate_time_dens: set[str] = field(default_factory=set)
    fraction_denominators: dict[str, float] = field(default_factory=dict)
    fraction_numerators: dict[str, float] = field(default_factory=dict)
    fraction_bare: set[str] = field(default_factory=set)
    fraction_next: set[str] = field(default_factory=set)
    fraction_blockers: set[str] = field(default_factory=set)
    vague_amounts: dict[str, tuple[float, float]] = field(default_factory=dict)
    sign_words: set[str] = field(default_factory=set)
    irregular_plurals: set[str] = field(default_factory=set)
    noun_adjectives: set[str] = field(default_factory=set)
    of_determiners: set[str] = field(default_factory=set)
    units_exact: dict[str, tuple[str, float]] = field(default_factory=dict)
    appositive_age_max: int = 0
    hyphen_prefixes: set[str] = field(default_factory=set)
    # compiled
    re_scale: re.Pattern[str] = field(init=False)
    re_units: re.Pattern[str] = field(init=False)
    re_mt: re.Pattern[str] = field(init=False)
    re_points: re.Pattern[str] = field(init=False)
    re_cur_suffix: re.Pattern[str] = field(init=False)
    re_cur_prefix: re.Pattern[str] = field(init=False)
    re_hedge: re.Pattern[str] = field(init=False)
    re_multiple: re.Pattern[str] = field(init=False)
    re_word_number: re.Pattern[str] = field(init=False)
    re_fold_word: re.Pattern[str] = field(init=False)
    re_denominator: re.Pattern[str] = field(init=False)
    re_conn_fwd: re.Pattern[str] = field(init=False)
    re_conn_bwd: re.Pattern[str] = field(init=False)
    re_time: re.Pattern[str] = field(init=False)
    re_fraction: re.Pattern[str] = field(init=False)
    re_fraction_num: re.Pattern[str] = field(init=False)
    re_ratio_cand: re.Pattern[str] = field(init=False)
    re_ratio_num: re.Pattern[str] = field(init=False)
    re_ratio_den: re.Pattern[str] = field(init=False)
    re_vague: re.Pattern[str] = field(init=False)
    re_sign_word: re.Pattern[str] = field(init=False)
    re_units_exact: re.Pattern[str] = field(init=False)
    re_pre_unit: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        sep = r"[ \t]*(?:-[ \t]*)?"
        self.re_scale = re.compile(sep + phrase_regex(list(self.scales)).pattern, re.IGNORECASE)
        unit_words = [u for u in self.units if u != "t"]
        self.re_units = re.compile(sep + phrase_regex(unit_words).pattern + r"|[ \t]?(t)(?![\w$%])",
                                   re.IGNORECASE)
        self.re_mt = re.compile(r"[ \t]*(" + "|".join(sorted(self.ambiguous_mt, key=len, reverse=True)) + r")\b",
                                re.IGNORECASE)
        self.re_points = re.compile(sep + phrase_regex(list(self.points_words)).pattern, re.IGNORECASE)
        suffix_words = list(self.cur_suffix) + list(self.cur_by_country)
        self.re_cur_suffix = re.compile(r"[ \t]*" + phrase_regex(suffix_words).pattern, re.IGNORECASE)
        # Prefix symbols are case-sensitive ("RM" ringgit, not "rm"); matched against the text
        # that ends where the number starts.
        pref = sorted(self.cur_prefix, key=len, reverse=True)
        self.re_cur_prefix = re.compile(
            r"(?:(?<![\w$£€¥])|(?<=\d))(" + "|".join(re.escape(p.strip()) for p in pref) + r")[ \t]?$")
        hedge = sorted(self.hedges, key=len, reverse=True)
        self.re_hedge = re.compile(
            r"(?<![\w])(" + "|".join(r"[ \t]+".join(re.escape(w) for w in h.split(" ")) for h in hedge)
            + r")[ \t]+$", re.IGNORECASE)
        self.re_multiple = re.compile(r"(?<![\w-])" + phrase_regex(list(self.multiples)).pattern, re.IGNORECASE)
        wn = sorted([w for w in self.word_numbers if " " not in w], key=len, reverse=True)
        wm = sorted(self.word_multipliers, key=len, reverse=True)
        one = "(?:" + "|".join(wn) + ")"
        self.re_word_number = re.compile(
            r"(?<![\w-])(" + one + r"(?:[ -]" + one + r")?(?:[ -](?:" + "|".join(wm) + r"))*)(?![\w])",
            re.IGNORECASE)
        self.re_fold_word = re.compile(r"(?<![\w-])(" + one + r")-?fold\b", re.IGNORECASE)
        dens = list(self.denominators)
        dens += [d + "s" for d in self.denominators if d[-1].isalpha() and len(d) > 2]
        self.re_denominator = re.compile(r"[ \t]*" + phrase_regex(dens).pattern, re.IGNORECASE)
        self.re_time = re.compile(r"[ \t]*(?:" + "|".join(
            re.escape(x) for x in sorted(self.time_suffixes, key=len, reverse=True)) + r")(?![\w])", re.IGNORECASE)
        dens_f = sorted(self.fraction_denominators, key=len, reverse=True)
        nums_f = sorted(self.fraction_numerators, key=len, reverse=True)
        # fractions: the denominator word is searched, the numerator read back from it (fast)
        self.re_fraction = re.compile(r"(?<![\w])(" + "|".join(dens_f) + r")(?![\w-])", re.IGNORECASE)
        self.re_fraction_num = re.compile(r"(?<![\w-])(" + "|".join(nums_f) + r")[ \t-]+$", re.IGNORECASE)
        num_any = "(?:" + "|".join(wn) + r"|\d{1,3})"
        # ratios: "one out of three", "one in five"; candidates by the connector, then both numbers
        self.re_ratio_cand = re.compile(r"(out[ \t]+of)[ \t]+|(?<![\w.,-])(one|1)[ \t]+(in)[ \t]+", re.IGNORECASE)
        self.re_ratio_num = re.compile(r"(?<![\w.,-])(" + num_any + r")[ \t]+$", re.IGNORECASE)
        self.re_ratio_den = re.compile(r"(" + num_any + r")(?![\w.,%-])", re.IGNORECASE)
        self.re_vague = re.compile(r"(?<![\w-])" + phrase_regex(list(self.vague_amounts)).pattern
                                   + r"[ \t]+of\b", re.IGNORECASE)
        self.re_sign_word = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(self.sign_words)) + r")(?:[ \t]+|-)$",
                                       re.IGNORECASE)
        self.re_units_exact = re.compile(r"[ \t]?(" + "|".join(
            re.escape(u) for u in sorted(self.units_exact, key=len, reverse=True)) + r")(?![\w$%&/'’-]|\.\w)")
        self.re_pre_unit = re.compile(r"(?<![\w-])(" + "|".join(
            r"[ \t]+".join(re.escape(w) for w in p.split(" "))
            for p in sorted(self.pre_unit_words, key=len, reverse=True)) + r")[ \t]+$", re.IGNORECASE)
        self.re_conn_fwd = re.compile(r"^[ \t]*,?[ \t]*(?:" + "|".join(
            r"[ \t]+".join(re.escape(w) for w in c.split(" ")) for c in self.connectors_forward) + r")[ \t]*$",
            re.IGNORECASE)
        self.re_conn_bwd = re.compile(r"^[ \t]*,?[ \t]*(?:" + "|".join(
            r"[ \t]+".join(re.escape(w) for w in c.split(" ")) for c in self.connectors_backward) + r")[ \t]*$",
            re.IGNORECASE)


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    u = _load("units.json")
    c = _load("quantity_currencies.json")
    hedges: dict[str, str] = {}
    for code, words in u["hedges"].items():
        for w in words:
            hedges[w.lower()] = code
    return Vocab(
        scales={k.lower(): float(v) for k, v in u["scales"].items()},
        attached_scales={k: float(v) for k, v in u["attached_scales"].items()},
        attached_need_context=set(u["attached_scales_need_context"]),
        units={k.lower(): (v[0], float(v[1])) for k, v in u["units"].items()},
        ambiguous_mt=set(u["ambiguous_mt"]),
        points_words=set(u["points_words"]),
        multiples={k.lower(): float(v) for k, v in u["multiple_words"].items()},
        word_numbers={k.lower(): float(v) for k, v in u["word_numbers"].items()},
        word_multipliers={k.lower(): float(v) for k, v in u["word_multipliers"].items()},
        hedges=hedges,
        stopwords={w.lower() for w in u["stopwords"]},
        months={w.lower() for w in u["months"]},
        time_suffixes={w.lower() for w in u["time_suffixes"]},
        ordinal_suffixes=set(u["ordinal_suffixes"]),
        identifier_words={w.lower() for w in u["identifier_words"]},
        connectors_forward=u["connectors_forward"],
        connectors_backward=u["connectors_backward"],
        denominators={k.lower(): v for k, v in u["denominators"].items()},
        rate_any=u["rate_words_any"],
        rate_article=u["rate_words_article"],
        noun_max_words=int(u["counted_noun_max_words"]),
        cur_prefix=c["prefix"],
        cur_suffix={k.lower(): v for k, v in c["suffix"].items()},
        cur_by_country={k.lower(): v for k, v in c["by_country"].items()},
        cur_needs_magnitude={w.lower() for w in c["needs_magnitude"]},
        year_words={w.lower() for w in u["year_words"]},
        rate_article_any_unit=set(u["rate_article_any_unit"]),
        glued_single=set(u["glued_single_letter_units"]),
        pre_unit_words={k.lower(): v for k, v in u["pre_unit_words"].items()},
        rate_time_after={w.lower() for w in u["rate_time_phrase_after"]},
        rate_time_dens=set(u["rate_time_denominators"]),
        fraction_denominators={k.lower(): float(v) for k, v in u["fraction_denominators"].items()},
        fraction_numerators={k.lower(): float(v) for k, v in u["fraction_numerators"].items()},
        fraction_bare={w.lower() for w in u["fraction_bare"]},
        fraction_next={w.lower() for w in u["fraction_next_words"]},
        fraction_blockers={w.lower() for w in u["fraction_blockers_before"]},
        vague_amounts={k.lower(): (float(v[0]), float(v[1])) for k, v in u["vague_amounts"].items()},
        sign_words={w.lower() for w in u["sign_words"]},
        irregular_plurals={w.lower() for w in u["irregular_plurals"]},
        noun_adjectives={w.lower() for w in u["noun_adjectives"]},
        of_determiners={w.lower() for w in u["of_determiners"]},
        units_exact={k: (v[0], float(v[1])) for k, v in u["units_exact"].items()},
        appositive_age_max=int(u["appositive_age_max"]),
        hyphen_prefixes={w.lower() for w in u["hyphen_prefixes"]},
    )


# --- quantulum3's unit vocabulary: a fast fallback that needs no parse ------------------


@dataclass
class Q3Vocab:
    surfaces: dict[str, str]  # lower-case surface (singular and plural) -> unit name
    symbols: dict[str, str]  # exact-case symbol -> unit name
    symbols_lower: dict[str, str]
    max_words: int


def _pick(units: Any) -> str:
    """Several units share a surface ("pounds"): prefer a physical unit over a currency, then by name."""
    ranked = sorted(units, key=lambda u: (u.entity.name == "currency", u.name))
    return ranked[0].name


@lru_cache(maxsize=1)
def q3_vocab() -> Q3Vocab:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import load

        units = load.units()
    surfaces = {k.lower(): _pick(v) for k, v in units.surfaces_lower.items() if v and k.strip()}
    symbols = {k: _pick(v) for k, v in units.symbols.items() if v}
    symbols_lower = {k: _pick(v) for k, v in units.symbols_lower.items() if v and len(k) >= 3}
    # Dimensionless placeholders say nothing about the figure.
    for d in (surfaces, symbols, symbols_lower):
        for k in [k for k, v in d.items() if v == "dimensionless"]:
            del d[k]
    max_words = max((len(k.split()) for k in surfaces), default=1)
    return Q3Vocab(surfaces, symbols, symbols_lower, min(max_words, 4))
