"""One article's spaCy Doc -> claims.

The article is read sentence by sentence with a small discourse state: the country the
article is about (its main actor), the trade direction, the commodity, the indicator and
the period in play. Within a sentence each number is tied to the words nearest to it in
its clause; what the sentence does not say comes from the discourse state (§2 claims).

This module only orchestrates the stages, each in a module of its own:
`discourse` (article level), `candidates` (figures, kinds, modality), `timing` (periods
and bases), `series` and `parties` (what a figure measures, between whom), `ranks`
(records and surpassed totals). `records` and `text` are shared by all.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..models import Article, Claim
from .candidates import gapped_shares, keep, measure, quantity_cand, set_modality, zero_cands
from .discourse import (
    article_period,
    main_actor,
    main_commodity,
    main_direction,
    note_countries,
    note_topic,
    published_date,
)
from .entities import implied_country, main_company
from .lexicon import Lexicon, lexicon
from .ranks import rank_cands, surpass_cands
from .records import Cand, Discourse
from .series import set_series, share_clause_series
from .text import bounds, within
from .timing import assign_periods, carries, period_evidence, point_in_time, sentence_times, topic_period
from .units import agency_dollar, carry_units, local_dollars, short_tons


def build_claims(doc, article: Article, version: str) -> list[Claim]:
    """All claims of one article; `doc` is the spaCy Doc of article.text."""
    from ..nlp.quantities import guess_mt_scale

    lex = lexicon()
    published = published_date(article.published)
    spans = list(doc.spans.get("vocab", []))
    article_commodity = main_commodity(article, spans)
    disc = Discourse(published=published, main_actor=main_actor(article, spans, lex),
                     direction=main_direction(article, spans), commodity=article_commodity,
                     article_commodity=article_commodity)
    disc.trade_context = any((s.label_ == "INDICATOR" and s._.code == "trade") or s.label_ == "COMMODITY"
                             for s in spans)
    disc.company = main_company(article.text)
    disc.dollar = agency_dollar(article.text)
    if disc.main_actor is None:
        disc.main_actor = implied_country(article.text, disc.company)
    mt_scale = guess_mt_scale(article.text)
    claims: list[Claim] = []
    # Each sentence looks only at its own spans: linear, not sentences x spans, on long texts.
    spans.sort(key=lambda s: (s.start_char, s.end_char))
    starts = [s.start_char for s in spans]
    for sent in doc.sents:
        own = spans[bisect_left(starts, sent.start_char):bisect_left(starts, sent.end_char)]
        text = sent.text
        if article.text[:sent.start_char].rstrip(" \t").endswith("\n"):
            # a new paragraph: back to the article's own period and topic, no comparison habit
            disc.period = disc.main_period or disc.period
            disc.period_level = "article"
            disc.commodity, disc.commodity_level = disc.article_commodity, "article"
            disc.last_basis = None
        if not re.search(r"\d|\bno\b|\bnone\b|half|double|twice|times|fold|record|high|low|peak", text, re.I):
            note_topic(sent, own, disc, lex)
            note_countries(sent, own, disc)
            continue
        disc.sent = sent
        cands = sentence_claims(sent, own, disc, mt_scale, lex)
        for c in cands:
            claims.append(_to_claim(c, sent, article, version))
        note_countries(sent, own, disc)
    article_period(claims, disc)
    return _dedupe(claims)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for c in claims:
        key = (c.start, c.end, c.kind)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _evidence(c: Cand) -> dict[str, str]:
    """Evidence only for the fields the claim has."""
    values = {"indicator": c.indicator, "commodity": c.commodity, "entity": c.entity, "origin": c.parties[0],
              "destination": c.parties[1], "period": c.period}
    return {k: v for k, v in c.evidence.items() if values.get(k) is not None}


def _to_claim(c: Cand, sent, article: Article, version: str) -> Claim:
    base = sent.start_char
    text = sent.text
    return Claim(
        article=article.name, sentence=text, quote=text[c.start:c.end], start=base + c.start,
        end=base + c.end, kind=c.kind, value=round(c.value, 6), unit=c.unit, indicator=c.indicator,
        commodity=c.commodity, entity=c.entity, origin=c.parties[0], destination=c.parties[1], period=c.period,
        measure=c.measure, approx=c.approx, basis=c.basis if c.kind == "change" else None,
        basis_period=c.basis_period if c.kind == "change" else None,
        scope=c.scope if c.kind == "rank" else None, modality=c.modality, published=article.published,
        source=article.source, step=c.step, article_id=article.content_hash, extractor_version=version,
        note=c.note, evidence=_evidence(c))


def sentence_claims(sent, spans, disc: Discourse, mt_scale: float, lex: Lexicon) -> list[Cand]:
    from ..nlp.quantities import find_quantities

    text = sent.text
    base = sent.start_char
    local = [(s.start_char - base, s.end_char - base, s) for s in spans
             if base <= s.start_char and s.end_char <= sent.end_char]
    quantities = carry_units(find_quantities(text, mt_scale=mt_scale, currency_country=disc.main_actor), text)
    quantities, disc.dollar = local_dollars(quantities, disc.dollar)
    quantities, disc.short_tons = short_tons(quantities, text, disc.short_tons)
    times = sentence_times(text, disc)
    clauses = bounds(text, lex.clause_split)
    segments = bounds(text, lex.segment_split)

    cands: list[Cand] = []
    for q in quantities:
        c = quantity_cand(q, text, lex)
        if c is not None:
            cands.append(c)
    cands.extend(zero_cands(text, cands, lex))
    gapped_shares(cands, text, lex)
    if not cands and not lex.rank.search(text):
        note_topic(sent, spans, disc, lex, times)
        return []
    anaphoric = bool(lex.anaphora_start.match(text)) and disc.last is not None
    pron = lex.pronoun_subject.match(text)
    if pron and pron.group("verb").lower() in (lex.import_verbs | lex.export_verbs):
        anaphoric = False  # "It imported ...": the pronoun is a country, not the last figure

    main_period = None
    for c in cands:
        set_modality(c, text, segments, clauses, lex)
    assign_periods(cands, times, text, main_period, disc, anaphoric, segments, clauses)
    for c in cands:
        period_evidence(c, times, disc)
    for c in cands:
        if c.kind in ("change", "share"):
            c.measure = measure(c, cands, text, within(clauses, c.num_start), lex)
    disc.numbers = tuple(c.num_start for c in cands)
    for c in cands:
        set_series(c, text, local, clauses, segments, disc, anaphoric, lex)
    share_clause_series(cands, local, clauses, segments)
    point_in_time(cands, sent, disc, lex)
    # ranks and number-less comparisons describe figures whose series is now known
    extra = rank_cands(text, cands, times, disc, anaphoric, lex)
    extra += surpass_cands(text, cands + extra, times, disc, lex)
    for c in extra:
        if c.commodity is None:
            set_series(c, text, local, clauses, segments, disc, anaphoric, lex)
    cands.extend(extra)
    cands = [c for c in cands if keep(c, text, times, lex)]
    cands.sort(key=lambda c: (c.start, c.end))
    topic = topic_period(times, text)
    reported = [c for c in cands if c.modality == "reported" and c.kind in ("level", "change")]
    main = next((c for c in reported if not c.comparison and c.kind == "level"), None) or \
        (reported[0] if reported else None)
    if main is not None:
        disc.last = main
        if main.commodity:
            disc.commodity, disc.commodity_level = main.commodity, "paragraph"
        if main.direction:
            disc.direction = main.direction
        if topic is None and main.explicit_period:
            topic = main.period
    if not cands:
        note_topic(sent, spans, disc, lex, times)
    elif topic is not None and carries(topic):
        disc.period, disc.period_level = topic, "paragraph"
        disc.main_period = disc.main_period or topic
    for c in cands:
        if c.kind == "change" and c.basis in ("year_ago", "previous_period") and c.modality == "reported":
            disc.last_basis = c.basis
    return cands
