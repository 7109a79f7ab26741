"""The claims stage's word lists, loaded once from extractor/data/claims_lexicon.json."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    up: frozenset[str]
    down: frozenset[str]
    abs_change_verbs: frozenset[str]
    abs_change_nouns: frozenset[str]
    share_before: tuple[str, ...]
    share_after: re.Pattern
    share_exclude_after: re.Pattern
    forecast: re.Pattern
    general_present: re.Pattern
    anaphora_start: re.Pattern
    overall: re.Pattern
    role_nouns: dict[str, str]
    gapped_verbs: frozenset[str]
    balance_sign: re.Pattern
    point_indicators: frozenset[str]
    product_modifiers: frozenset[str]
    institution_nouns: frozenset[str]
    partial_party: re.Pattern
    topic_indicators: frozenset[str]
    bare_balance: frozenset[str]
    balance_indicators: frozenset[str]
    subset_words: dict[str, tuple[str, ...]]
    company_indicators: frozenset[str]
    company_words: re.Pattern
    negative_level: frozenset[str]
    total_trade: re.Pattern
    zero: tuple[re.Pattern, ...]
    rank: re.Pattern
    rank_up: frozenset[str]
    rank_down: frozenset[str]
    rank_role_nouns: frozenset[str]
    rank_scope_record: re.Pattern
    rank_scope_month: re.Pattern
    rank_scope_year: re.Pattern
    rank_scope_n: re.Pattern
    rank_scope_since: re.Pattern
    number_words: dict[str, int]
    non_statistical_heads: tuple[str, ...]
    comparison_before: tuple[str, ...]
    import_verbs: frozenset[str]
    export_verbs: frozenset[str]
    to_words: frozenset[str]
    from_words: tuple[str, ...]
    buyer_nouns: frozenset[str]
    money_rate_tails: tuple[str, ...]
    import_nouns: frozenset[str]
    export_nouns: frozenset[str]
    direction_neutral: frozenset[str]
    pronoun_subject: re.Pattern
    country_self: re.Pattern
    value_measure: re.Pattern
    surpass: re.Pattern
    product_forms: tuple[str, ...]
    of_stop: frozenset[str]
    unit_nouns: frozenset[str]
    actor_desc: re.Pattern
    clause_split: re.Pattern
    segment_split: re.Pattern


@cache
def raw_lexicon() -> dict:
    """extractor/data/claims_lexicon.json as read, once per process: the stage modules that
    keep their own tables (units, entities) read their sections from here."""
    return json.loads(resources.files("extractor").joinpath("data/claims_lexicon.json").read_text("utf-8"))


@cache
def lexicon() -> Lexicon:
    raw = raw_lexicon()
    i = re.IGNORECASE
    return Lexicon(
        up=frozenset(raw["up_words"]), down=frozenset(raw["down_words"]),
        abs_change_verbs=frozenset(raw["absolute_change_verbs"]),
        abs_change_nouns=frozenset(raw["absolute_change_nouns"]),
        share_before=tuple(raw["share_before"]),
        share_after=re.compile(raw["share_after_regex"], i),
        share_exclude_after=re.compile(raw["share_exclude_after_regex"], i),
        # Case-sensitive: the month "May" must not read as the modal "may".
        forecast=re.compile(raw["forecast_regex"]),
        general_present=re.compile(raw["general_present_regex"], i),
        anaphora_start=re.compile(raw["anaphora_start_regex"], i),
        overall=re.compile(raw["overall_regex"], i),
        role_nouns={w: side for side in ("destination", "origin") for w in raw["named_role_nouns"][side]},
        gapped_verbs=frozenset(raw["gapped_list_verbs"]),
        balance_sign=re.compile(r"\b(" + "|".join(sorted(raw["balance_sign_words"]["words"], key=len, reverse=True))
                                + r")\b", i),
        point_indicators=frozenset(raw["point_in_time_indicators"]["names"]),
        product_modifiers=frozenset(raw["product_modifiers"]),
        institution_nouns=frozenset(raw["institution_nouns"]),
        partial_party=re.compile(raw["partial_party_regex"], i),
        topic_indicators=frozenset(raw["topic_commodity_indicators"]["names"]),
        bare_balance=frozenset(raw["bare_balance_words"]),
        balance_indicators=frozenset(raw["balance_indicators"]),
        subset_words={k: tuple(v) for k, v in raw["subset_indicators"].items() if not k.startswith("_")},
        company_indicators=frozenset(raw["company_indicators"]),
        company_words=re.compile(raw["company_words_regex"], i),
        negative_level=frozenset(raw["negative_level_words"]),
        total_trade=re.compile(raw["total_trade_regex"], i),
        zero=tuple(re.compile(p, i) for p in raw["zero_patterns"]),
        rank=re.compile(raw["rank_regex"], i),
        rank_up=frozenset(raw["rank_up_words"]), rank_down=frozenset(raw["rank_down_words"]),
        rank_role_nouns=frozenset(raw["rank_role_nouns"]),
        rank_scope_record=re.compile(raw["rank_scope_record"], i),
        rank_scope_month=re.compile(raw["rank_scope_month"], i),
        rank_scope_year=re.compile(raw["rank_scope_year"], i),
        rank_scope_n=re.compile(raw["rank_scope_n"], i),
        rank_scope_since=re.compile(raw["rank_scope_since"], i),
        number_words=raw["number_words"],
        non_statistical_heads=tuple(raw["non_statistical_heads"]),
        comparison_before=tuple(sorted(raw["comparison_level_before"], key=len, reverse=True)),
        import_verbs=frozenset(raw["import_verbs"]), export_verbs=frozenset(raw["export_verbs"]),
        to_words=frozenset(raw["to_words"]), from_words=tuple(raw["from_words"]),
        buyer_nouns=frozenset(raw["buyer_nouns"]),
        money_rate_tails=tuple(raw["money_rate_tails"]),
        import_nouns=frozenset(raw["import_nouns"]), export_nouns=frozenset(raw["export_nouns"]),
        direction_neutral=frozenset(raw["direction_neutral_words"]),
        pronoun_subject=re.compile(raw["pronoun_subject_regex"], i),
        country_self=re.compile(raw["country_self_regex"], i),
        value_measure=re.compile(raw["value_measure_regex"], i),
        surpass=re.compile(raw["surpass_regex"], i),
        product_forms=tuple(sorted(raw["product_forms"], key=len, reverse=True)),
        of_stop=frozenset(raw["of_phrase_stop_words"]),
        unit_nouns=frozenset(raw["unit_nouns"]),
        actor_desc=re.compile(raw["actor_desc_regex"], i),
        clause_split=re.compile(raw["clause_split_regex"]),
        segment_split=re.compile(raw["segment_split_regex"]),
    )
