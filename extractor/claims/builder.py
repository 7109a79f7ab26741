"""One article's spaCy Doc -> claims.

The article is read sentence by sentence with a small discourse state: the country the
article is about (its main actor), the trade direction, the commodity, the indicator and
the period in play. Within a sentence each number is tied to the words nearest to it in
its clause; what the sentence does not say comes from the discourse state (§2 claims).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from ..models import Article, Claim
from ..periods import Period, format_period, from_index, month_index, parse_period, shift
from .entities import Company, company_indicators, home_country, main_company, refers_to
from .frame import in_other_subordinate
from .lexicon import Lexicon, lexicon
from .units import carry_units, claim_unit, local_dollars

MONEY = re.compile(r"^[A-Z]{3}$")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")


# ---------------------------------------------------------------------------------------
# Sentence-level records
# ---------------------------------------------------------------------------------------
@dataclass
class Party:
    start: int
    end: int
    code: str
    role: str | None  # origin | destination | actor | None (decided by direction)
    explicit: bool = True


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
    dollar: str | None = None  # the article's own dollars, once named ("N.Z. dlrs")
    balance: str | None = None  # the balance a bare "deficit" refers to, once one is named
    numbers: tuple[int, ...] = ()  # where the sentence's figures start
    company: Company | None = None  # the company the article opens with


# ---------------------------------------------------------------------------------------
# Article level
# ---------------------------------------------------------------------------------------
def build_claims(doc, article: Article, version: str) -> list[Claim]:
    """All claims of one article; `doc` is the spaCy Doc of article.text."""
    from ..nlp.quantities import guess_mt_scale

    lex = lexicon()
    published = _date(article.published)
    spans = list(doc.spans.get("vocab", []))
    article_commodity = _main_commodity(article, spans)
    disc = Discourse(published=published, main_actor=_main_actor(article, spans, lex),
                     direction=_main_direction(article, spans), commodity=article_commodity,
                     article_commodity=article_commodity)
    disc.trade_context = any((s.label_ == "INDICATOR" and s._.code == "trade") or s.label_ == "COMMODITY"
                             for s in spans)
    disc.company = main_company(article.text)
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
            _topic(sent, own, disc, lex)
            _note_countries(sent, own, disc)
            continue
        disc.sent = sent
        cands = sentence_claims(sent, own, disc, mt_scale, lex)
        for c in cands:
            claims.append(_to_claim(c, sent, article, version))
        _note_countries(sent, own, disc)
    _article_period(claims, disc)
    return _dedupe(claims)


def _article_period(claims: list[Claim], disc: Discourse) -> None:
    """A headline, dek or key-figures line before any period is named is about the
    article's own period (the first one its text sets)."""
    if disc.main_period is None:
        return
    for c in claims:
        if c.period is None and c.kind in ("level", "change", "share"):
            c.period = disc.main_period
            c.evidence["period"] = "article"
            if c.kind == "change" and c.basis and c.basis_period is None:
                c.basis_period = shift(c.period, c.basis) if c.basis != "period" else None


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _main_actor(article: Article, spans, lex: Lexicon) -> str | None:
    """The country the article is about: named as the one that trades ("China's exports",
    "Chinese shipments", "China exported"), not as a destination ("to Japan"); the first
    country of the title counts triple."""
    votes: Counter[str] = Counter()
    text = article.text
    for s in spans:
        if s.label_ != "COUNTRY" or s._.code in ("WORLD",):
            continue
        before = _words_before(text, s.start_char, 1)
        if (before and before[-1] in lex.to_words) or text[s.end_char:s.end_char + 6].startswith("-bound"):
            continue
        nxt = _words_after(text, s.end_char, 4)
        if nxt and nxt[0] in ("took", "received", "got", "with", "bought"):
            continue  # named as a buyer
        votes[s._.code] += 1
        prev3 = _words_before(text, s.start_char, 3)
        if set(nxt) & TRADE_NOUNS or (prev3 and prev3[-1] in ("from", "of", "by") and set(prev3[:-1]) & lex.export_nouns):
            votes[s._.code] += 3
    codes = _title_countries(article.title or "", spans)
    if codes:
        votes[codes[0]] += 2
    for code in _title_traders(article.title or ""):
        votes[code] += 6
    if not votes:
        return None
    best = max(votes.values())
    # ties go to the country named first, for determinism
    for s in spans:
        if s.label_ == "COUNTRY" and votes.get(s._.code) == best:
            return s._.code
    return votes.most_common(1)[0][0]


TRADE_NOUNS = frozenset({"exports", "imports", "shipments", "exported", "imported", "shipped", "sold", "output",
                         "production", "sales", "exporters", "importers", "importing", "exporting", "brought",
                         "export", "import"})


def _title_traders(title: str) -> list[str]:
    """"China's soybean imports", "Chinese germanium exports", "China more than doubles
    gallium exports": the country whose trade the headline is about."""
    from ..nlp.vocab import country_code

    out = []
    for m in re.finditer(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)(?:['’]s)?((?:\s+[\w-]+){1,4}?)\s+(?:exports?|imports?|shipments|output|production)\b", title):
        code = country_code(m.group(1)) or country_code(m.group(1).split()[0])
        if code and not re.search(r"\bto\s*$", title[:m.start()]):
            out.append(code)
    return out


def _title_countries(title: str, spans) -> list[str]:
    if not title:
        return []
    from ..nlp.vocab import country_code

    out = []
    for m in re.finditer(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*", title):
        if re.search(r"\bto\s*$", title[:m.start()]):
            continue
        for w in m.group().split():
            for part in (w, re.split(r"['’]", w)[0], w.split("-")[0]):
                code = country_code(part)
                if code:
                    out.append(code)
                    break
    return out


def _main_direction(article: Article, spans) -> str:
    votes = Counter(s._.direction for s in spans if s.label_ == "INDICATOR" and s._.direction)
    title = (article.title or "").lower()
    if re.search(r"\bimport", title):
        votes["import"] += 3
    if re.search(r"\bexport|shipment", title):
        votes["export"] += 3
    return "import" if votes["import"] > votes["export"] else "export"


def _main_commodity(article: Article, spans) -> str | None:
    """The commodity the whole article is about: the headline's, named before any "as",
    "on", "after" clause; else one commodity that holds most of the text's mentions. An
    article about a country's total trade has none, so its totals stay `null`."""
    title_c = _title_commodity(article.title or "")
    if title_c:
        return title_c
    votes = Counter(s._.code for s in spans if s.label_ == "COMMODITY")
    if not votes:
        return None
    name, n = votes.most_common(1)[0]
    return name if n >= 3 and n >= 0.6 * sum(votes.values()) else None


def _title_commodity(title: str) -> str | None:
    from ..nlp.vocab import commodity_name

    main = re.split(r"\b(?:as|on|after|amid|while|despite|but|since|because|with)\b|[;:]", title, maxsplit=1)[0]
    words = WORD.findall(main)
    for n in (4, 3, 2, 1):  # longest name first: "rare earth magnets" before "rare earths"
        for i in range(len(words) - n + 1):
            name = commodity_name(" ".join(words[i:i + n]).removesuffix("'s").removesuffix("’s"))
            if name:
                return name
    return None


def _note_countries(sent, spans, disc: Discourse) -> None:
    for s in spans:
        if s.label_ in ("COUNTRY", "REGION") and s._.code != "WORLD" and sent.start_char <= s.start_char < sent.end_char:
            if s._.code in disc.recent_countries:
                disc.recent_countries.remove(s._.code)
            disc.recent_countries.append(s._.code)


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


# ---------------------------------------------------------------------------------------
# Sentence level
# ---------------------------------------------------------------------------------------
def sentence_claims(sent, spans, disc: Discourse, mt_scale: float, lex: Lexicon) -> list[Cand]:
    from ..nlp.quantities import find_quantities

    text = sent.text
    base = sent.start_char
    local = [(s.start_char - base, s.end_char - base, s) for s in spans
             if base <= s.start_char and s.end_char <= sent.end_char]
    quantities = carry_units(find_quantities(text, mt_scale=mt_scale, currency_country=disc.main_actor), text)
    quantities, disc.dollar = local_dollars(quantities, disc.dollar)
    times = _times(text, disc)
    clauses = _bounds(text, lex.clause_split)
    segments = _bounds(text, lex.segment_split)

    cands: list[Cand] = []
    for q in quantities:
        c = _quantity_cand(q, text, lex)
        if c is not None:
            cands.append(c)
    cands.extend(_zero_cands(text, cands, lex))
    if not cands and not lex.rank.search(text):
        _topic(sent, spans, disc, lex, times)
        return []
    anaphoric = bool(lex.anaphora_start.match(text)) and disc.last is not None
    pron = lex.pronoun_subject.match(text)
    if pron and pron.group("verb").lower() in (lex.import_verbs | lex.export_verbs):
        anaphoric = False  # "It imported ...": the pronoun is a country, not the last figure

    main_period = None
    for c in cands:
        _set_modality(c, text, segments, clauses, lex)
    _assign_periods(cands, times, text, main_period, disc, anaphoric, segments, clauses)
    for c in cands:
        _period_evidence(c, times, disc)
    for c in cands:
        if c.kind in ("change", "share"):
            c.measure = _measure(c, cands, text, _within(clauses, c.num_start), lex)
    disc.numbers = tuple(c.num_start for c in cands)
    for c in cands:
        _set_series(c, text, local, clauses, segments, disc, anaphoric, lex)
    _share_clause_series(cands, local, clauses, segments)
    # ranks and number-less comparisons describe figures whose series is now known
    extra = _rank_cands(text, cands, times, disc, anaphoric, lex)
    extra += _surpass_cands(text, cands + extra, times, disc, lex)
    for c in extra:
        if c.commodity is None:
            _set_series(c, text, local, clauses, segments, disc, anaphoric, lex)
    cands.extend(extra)
    cands = [c for c in cands if _keep(c, text, times, lex)]
    cands.sort(key=lambda c: (c.start, c.end))
    topic = _topic_period(times, text)
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
        _topic(sent, spans, disc, lex, times)
    elif topic is not None and _carries(topic):
        disc.period, disc.period_level = topic, "paragraph"
        disc.main_period = disc.main_period or topic
    for c in cands:
        if c.kind == "change" and c.basis in ("year_ago", "previous_period") and c.modality == "reported":
            disc.last_basis = c.basis
    return cands


DATELINE = re.compile(r"\s*(?:\([^)]{1,60}\))?\s*[-–—]")


def _times(text: str, disc: Discourse) -> list:
    """The sentence's time phrases, without release dates and the dateline's day
    ("SANTIAGO, Nov 7 (Wire) -" says when the story was filed, not what a figure is about)."""
    from ..nlp.timex import find_time_mentions

    return [t for t in find_time_mentions(text, disc.published, disc.period)
            if t.role != "release" and not (t.start < 40 and DATELINE.match(text, t.end))]


def _carries(period: str | None) -> bool:
    """A cumulative span ("January-August") is a side figure; the discourse stays on the
    month or year the article is about."""
    p = parse_period(period)
    return p is not None and p.granularity not in ("span", "day", "dayspan")


def _topic_period(times, text: str) -> str | None:
    """The sentence's own period: the first period phrase outside an "after/before/when"
    subordinate clause and not governed by a comparison."""
    for t in times:
        if t.role != "period" or not t.period or getattr(t, "of_comparison", False):
            continue
        if re.search(r"\b(?:after|before|when|since|until)\b[^,;]*$", text[:t.start], re.I):
            continue
        if _comparison_governed(text, t.start):
            continue
        return t.period
    return None


def _comparison_governed(text: str, at: int) -> bool:
    before = text[max(0, at - 25):at].lower()
    before = text[max(0, at - 45):at].lower()
    return bool(re.search(r"\b(?:twice|times|than|above|below|versus|against|compared\s+(?:with|to)|fold|"
                          r"as\s+in)\s+(?:the\s+|their\s+|its\s+|a\s+)?"
                          r"(?:(?:level|volume|total|figure|amount)s?\s+(?:of|in|for)\s+)?$", before)) or \
        bool(re.search(r"\b(?:than|above|below|versus|against)\s+(?:those|that)\s+(?:of|in|for)\s+$", before))


def _topic(sent, spans, disc: Discourse, lex: Lexicon, times=None) -> None:
    """A sentence without figures can still set the topic: "Gallium moved the other way.",
    "China's exports of rare earths rose again in November." """
    base, end = sent.start_char, sent.end_char
    local = [s for s in spans if base <= s.start_char < end]
    comms = [s for s in local if s.label_ == "COMMODITY"]
    inds = [s for s in local if s.label_ == "INDICATOR"]
    if not comms and not inds:
        return
    first_words = len(WORD.findall(sent.text[:max(0, comms[0].start_char - base)])) if comms else 99
    if comms and (first_words <= 2 or inds):
        disc.commodity, disc.commodity_level = comms[0]._.code, "paragraph"
    if times is None:
        times = _times(sent.text, disc)
    topic = _topic_period(times, sent.text)
    if topic and _carries(topic):
        disc.period, disc.period_level = topic, "paragraph"
        disc.main_period = disc.main_period or topic


def _bounds(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out or [(0, len(text))]


def _within(bounds: list[tuple[int, int]], at: int) -> tuple[int, int]:
    for a, b in bounds:
        if a <= at < b:
            return a, b
    return (0, 10**9)


def _words_before(text: str, at: int, n: int = 4) -> list[str]:
    return [w.lower() for w in WORD.findall(text[max(0, at - 60):at])][-n:]


def _words_after(text: str, at: int, n: int = 4) -> list[str]:
    return [w.lower() for w in WORD.findall(text[at:at + 60])][:n]


# -- candidates from quantities ---------------------------------------------------------
def _quantity_cand(q, text: str, lex: Lexicon) -> Cand | None:
    named = claim_unit(q.unit)
    if named is None:
        return None
    unit, factor = named
    if factor != 1.0:
        q = replace(q, value=q.value * factor, step=q.step * factor if q.step is not None else None)
    after = text[q.end:q.end + 25].lower()
    tail = after.lstrip(" -")
    if any(tail.startswith(h) for h in lex.non_statistical_heads):
        return None
    if MONEY.match(unit) and any(tail.startswith(h) for h in lex.money_rate_tails):
        return None  # "$1 a week": a price of something else, not a statistic
    start = q.hedge_start if q.hedge_start is not None else q.start
    approx = q.approx
    if q.hedge_start is not None and re.match(r"up\s+to\b", text[q.hedge_start:], re.I) and \
            re.search(r"\badd(?:s|ed|ing)?\s*$", text[:q.hedge_start], re.I):
        start, approx = q.start, "exact"  # "added up to 32,569 tonnes" is a sum, not a bound
    c = Cand(start=start, end=q.end, kind="level", value=q.value, unit=unit, step=q.step, approx=approx,
             num_start=q.start, num_end=q.end)
    if "decimal_comma" in q.flags or "garbled_separators" in q.flags or "ambiguous_thousands_comma" in q.flags:
        c.note = "number written with " + ", ".join(f.replace("_", " ") for f in q.flags)
    if unit == "x":
        c.kind, c.multiple = "change", q.value
        c.unit = "%"
        return c
    if unit in ("%", "pp"):
        if _is_share(q, text, lex):
            c.kind = "share"
        else:
            c.kind = "change"
            if c.value > 0:
                c.value = c.value * _sign(text, start, q.end, lex)
        return c
    # tonnes or money: an absolute change when a direction word governs it directly
    before = _words_before(text, start, 2)
    if before and (before[-1] in lex.abs_change_verbs or
                   (before[-1] == "by" and len(before) > 1 and before[-2] in lex.abs_change_verbs) or
                   (before[-1] == "of" and len(before) > 1 and before[-2] in lex.abs_change_nouns)):
        c.kind = "change"
        c.value = c.value * _sign(text, start, q.end, lex)
        return c
    c.comparison = _is_comparison(text, start, lex) or \
        bool(re.search(r"(?:compared\s+(?:with|to)|against|versus|from|than)\s+(?:the\s+|an?\s+)?[\d.,]+\s*\w*"
                       r"(?:\s+[\w,]+){0,5}\s+and\s+(?:the\s+|an?\s+)?$", text[max(0, start - 90):start]))
    if "/" in unit:
        c.kind = "level"
    return c


def _is_share(q, text: str, lex: Lexicon) -> bool:
    after = text[q.end:q.end + 40]
    before = text[max(0, (q.hedge_start or q.start) - 30):(q.hedge_start or q.start)].lower().rstrip()
    if lex.share_exclude_after.match(after):
        return False
    if lex.share_after.match(after):
        # "a 32% increase of ..." is a change, "86.6% of the month's imports" a share
        return True
    return any(before.endswith(w) for w in lex.share_before if w != "or") or \
        (before.endswith(" or") and bool(re.match(r"\s*of\b", after)))


def _sign(text: str, start: int, end: int, lex: Lexicon) -> float:
    """-1 when the nearest direction word around the number says down."""
    best: tuple[int, float] | None = None
    for m in WORD.finditer(text[max(0, start - 80):start]):
        w = m.group().lower()
        d = start - (max(0, start - 80) + m.end())
        if w in lex.up or w in lex.down:
            if best is None or d <= best[0]:
                best = (d, -1.0 if w in lex.down else 1.0)
    for m in WORD.finditer(text[end:end + 40]):
        w = m.group().lower()
        if w in ("from", "than", "to", "against", "compared", "on", "in", "and", "while", "but"):
            break
        if w in lex.up or w in lex.down:
            d = m.start()
            if best is None or d < best[0] or d <= 12:
                best = (d, -1.0 if w in lex.down else 1.0)
            break
    return best[1] if best else 1.0


def _is_comparison(text: str, start: int, lex: Lexicon) -> bool:
    """A level introduced as what something is compared with: "from 5,666 tons", "than the
    9.85 million tonnes", "against 689 tons"."""
    before = text[max(0, start - 40):start].lower()
    before = re.sub(r"\b(?:the|a|just|only|a mere|mere)\s+$", "", before.rstrip() + " ").rstrip()
    before = re.sub(r"\b(?:the|a mere|just|only)$", "", before).rstrip()
    return any(re.search(rf"\b{re.escape(w)}$", before) for w in lex.comparison_before)


def _zero_cands(text: str, cands: list[Cand], lex: Lexicon) -> list[Cand]:
    out = []
    for pat in lex.zero:
        for m in pat.finditer(text):
            if any(c.start <= m.start() < c.end for c in cands + out):
                continue
            out.append(Cand(start=m.start(), end=m.end(), kind="level", value=0.0, unit="t", step=None,
                            num_start=m.start(), num_end=m.end()))
    return out


# -- modality ---------------------------------------------------------------------------
def _set_modality(c: Cand, text: str, segments, clauses, lex: Lexicon) -> None:
    seg = _within(segments, c.num_start)
    cl = _within(clauses, c.num_start)
    # A forecast word in the number's own segment, or leading its clause ("Analysts expect
    # arrivals to fall to X in January and Y in February").
    if _forecast_in(text[seg[0]:seg[1]], lex):
        c.modality = "forecast"
    elif _forecast_in(text[cl[0]:c.num_start], lex) and not (c.comparison and re.search(
            r"^\s*(?:shipped|exported|imported|recorded|seen|brought\s+in)?\s*(?:in|during)\s+(?:19|20)\d\d\b",
            text[c.num_end:c.num_end + 30])):
        # a forecast leading the clause covers its figures, except a past actual it is
        # compared with ("about 15% below the 58,120 t shipped in 2024")
        c.modality = "forecast"


def _forecast_in(span: str, lex: Lexicon) -> bool:
    for m in lex.forecast.finditer(span):
        if m.group() == "may" or m.group().lower() != "may":
            return True
    return False


# -- periods ----------------------------------------------------------------------------
def _main_period(times) -> str | None:
    for t in times:
        if t.role == "period" and t.period:
            return t.period
    return None


COMPARISON_PREPS = {"than", "compared with", "compared to", "versus", "against", "from", "on", "over", "above",
                    "below", "ahead of", "vs", "vs."}


def _assign_periods(cands: list[Cand], times, text: str, main_period, disc: Discourse, anaphoric: bool,
                    segments, clauses) -> None:
    """Each number's period, by priority: its own time phrase; for a change or share, the
    period of the level it describes; the nearest unclaimed period phrase of its clause; the
    figure an anaphoric subject refers to ("That was 18.5% more"); the nearest unclaimed
    phrase of the sentence; a phrase another number owns; the discourse."""
    inherit = disc.last.period if anaphoric and disc.last else None
    opening = next((t for t in times if t.start <= 2 and t.role == "marker" and t.basis and t.period), None)
    if opening is not None and re.match(r"[^,]{0,30},", text[opening.start:]):
        # "A year earlier, ... took in only 432,000 t": the levels of the sentence are then
        for c in cands:
            if c.kind == "level" and _own_period(c, times, text, _within(segments, c.num_start)) is None:
                c.period, c.explicit_period = opening.period, True
    owned: dict[int, Cand] = {}
    for c in cands:
        own = _own_period(c, times, text, _within(segments, c.num_start))
        if own is not None:
            c.period, c.explicit_period = own.period, True
            owned[id(own)] = c
            if c.kind == "level" and own.role in ("marker", "basis"):
                c.comparison = True  # "when the country imported 7.15 mt" a year earlier
    usable = [t for t in times if t.role == "period" and t.period and not getattr(t, "of_comparison", False)
              and not _comparison_governed(text, _core_start(t))]
    free = [t for t in usable if id(t) not in owned]
    shared = [t for t in usable if id(t) in owned and not owned[id(t)].comparison]
    order = sorted(cands, key=lambda c: (c.kind != "level", c.comparison, c.num_start))
    for c in order:
        if c.period is not None or (c.kind == "level" and c.comparison):
            continue
        cl = _within(clauses, c.num_start)
        if c.kind in ("change", "share"):
            lv = [x for x in cands if x.kind == "level" and not x.comparison and x.period
                  and cl[0] <= x.num_start < cl[1]]
            if lv:
                before = [x for x in lv if x.num_end <= c.num_start]
                c.period = (max(before, key=lambda x: x.num_end) if before else lv[0]).period
                continue
        in_clause = [t for t in free if cl[0] <= t.start < cl[1]]
        c.period = (_nearest(in_clause, c.num_start) or inherit or _nearest(free, c.num_start)
                    or _nearest(shared, c.num_start) or disc.period)
    for c in cands:
        if c.kind == "change":
            _set_basis(c, times, [t for t in times if t.role in ("basis", "marker")], cands, text,
                       _within(clauses, c.num_start), disc.last_basis)
    for c in cands:
        if c.kind == "level" and c.period is None and c.comparison:
            ch = next((x for x in cands if x.kind == "change" and x.basis_period
                       and abs(x.num_start - c.num_start) < 80), None)
            main = next((x for x in cands if x.kind == "level" and not x.comparison and x.period
                         and x.num_end <= c.num_start and x.unit == c.unit), None)
            if ch:
                c.period = ch.basis_period
            elif main is not None and _from_level(text, c):
                # "rose to 272,000 t from 245,000 t": the period before the figure's own
                c.period = shift(main.period, disc.last_basis or _usual_basis(main.period))
            else:
                c.period = inherit or _nearest(free, c.num_start) or disc.period
    _main_from_comparison_span(cands, times, text, clauses)
    _month_after_basis(cands, times, clauses)
    _revisions(cands, text)


REVISED = re.compile(r"\b(?:revised|originally|previously|initially|first)\s+(?:reported\s+|put\s+|given\s+|estimated\s+)?"
                     r"(?:from|as|at)\s+(?:an?\s+|the\s+)?$", re.I)


def _revisions(cands: list[Cand], text: str) -> None:
    """"5.0 mln dlrs (revised from 10 mln)": the figure as first reported is a level of the
    same series and period as its revision (ANNOTATION: both are annotated)."""
    for i, c in enumerate(cands):
        if c.kind != "level" or not REVISED.search(text[max(0, c.start - 40):c.start]):
            continue
        prev = next((x for x in reversed(cands[:i]) if x.kind == "level" and x.period), None)
        if prev is not None:
            c.period, c.comparison, c.explicit_period = prev.period, False, prev.explicit_period


def _month_after_basis(cands: list[Cand], times, clauses) -> None:
    """"exports fell 2.1% from November to €128.4 billion", "up 4.2% on July": with no
    month of its own, the figure is about the month after the one it is compared with."""
    for c in cands:
        if c.kind != "change" or c.explicit_period or c.basis not in ("previous_period", "period") \
                or (c.basis == "period" and c.period is not None):
            continue
        b = parse_period(c.basis_period)
        own = parse_period(c.period)
        if b is None or b.granularity != "month" or (own is not None and own.granularity == "month"):
            continue
        nxt = format_period(Period(from_index(month_index(b.start) + 1), from_index(month_index(b.start) + 1), "month"))
        cl, old = _within(clauses, c.num_start), c.period
        for x in cands:
            if x.kind == "level" and not x.comparison and cl[0] <= x.num_start < cl[1] \
                    and not x.explicit_period and x.period == old:
                x.period = nxt
        c.period, c.basis = nxt, "previous_period"


def _usual_basis(period: str | None) -> str:
    p = parse_period(period)
    return "previous_period" if p is not None and p.granularity in ("month", "day", "dayspan") else "year_ago"


def _from_level(text: str, c: Cand) -> bool:
    return bool(re.search(r"\b(?:from|up\s+from|down\s+from)\s+(?:the\s+|a\s+)?$", text[max(0, c.start - 20):c.start]))


def _main_from_comparison_span(cands: list[Cand], times, text: str, clauses) -> None:
    """"2.19 million tonnes, 2.8% less than in January–October 2024": a figure with no
    period of its own, compared with an explicit span a year earlier, is about that span
    a year on."""
    for t in times:
        if t.role not in ("period", "basis") or not t.period or not _comparison_governed(text, _core_start(t)):
            continue
        p = parse_period(t.period)
        if p is None or p.granularity not in ("span", "quarter", "half"):
            continue
        cl = _within(clauses, t.start)
        for c in cands:
            if c.explicit_period or c.comparison or not cl[0] <= c.num_start < t.start:
                continue
            c.period = shift(t.period, "year_ago", years=-1)


def _core_start(t) -> int:
    """Where a time phrase starts once its preposition is set aside."""
    if t.prep and t.text.lower().startswith(t.prep.lower()):
        return t.start + len(t.prep) + 1
    return t.start


def _nearest(times, at: int):
    if not times:
        return None
    t = min(times, key=lambda t: (abs(t.start - at) if t.start >= at else abs(at - t.end), t.start))
    return t.period


def _own_period(c: Cand, times, text: str, seg):
    """The time phrase that belongs to this number: right after it ("280 tons last month",
    "689 tons in May 2024", "24,266.5 t one year before"), right before it as the figure's
    name ("the January-September total to 86.18 mt", "April's volume"), or the period a
    "when" clause after it describes ("a 660% jump on May, when just 46 tons ...")."""
    for t in times:
        if not t.period or t.role not in ("period", "marker", "basis"):
            continue
        if t.end <= c.num_start and re.fullmatch(r",\s*when\s+[^.;]{0,60}", text[t.end:c.num_start]):
            return t
        if t.period and t.end <= c.num_start and re.fullmatch(r"['’]s\s+(?:about\s+|some\s+|nearly\s+|almost\s+)?",
                                                             text[t.end:c.num_start]):
            return t  # "June's 2,395 tonnes", also after "below"
        if (t.prep or "").lower() in COMPARISON_PREPS and t.role != "marker":
            continue
        if c.kind != "level" and (t.role != "period" or _comparison_governed(text, _core_start(t))):
            continue
        gap = text[c.num_end:t.start]
        if 0 <= t.start - c.num_end <= 45 and re.fullmatch(r"[\s\w'’-]{0,40}", gap) and \
                not re.search(r"\b(?:than|from|compared|on|over|against|versus|and|while|but)\b|%|\d", gap) and \
                (t.role != "marker" or _is_period_marker(t)):
            if re.search(r"\b(?:more|less|higher|lower|above|below|up|down)\b", gap):
                continue
            return t
        if t.role == "period" and t.end <= c.num_start and c.num_start - t.end <= 35:
            between = text[t.end:c.num_start]
            if re.fullmatch(r"['’]s\s+(?:about\s+|some\s+|nearly\s+|almost\s+)?", between):
                return t  # "September's $2.87 billion"
            if re.fullmatch(r"(?:['’]s)?\s+(?:total|volume|figure|tally|exports|imports|shipments|arrivals)"
                            r"(?:\s+(?:to|of|at|was|were|reached|came\s+to|amounted\s+to|stood\s+at))?\s+(?:about\s+|some\s+)?",
                            between):
                return t
    return None


def _is_period_marker(t) -> bool:
    """"a year earlier", "one year before": a marker that names a period, not "year-on-year"."""
    return bool(re.search(r"\b(?:earlier|before|ago)\b", t.text, re.I))


def _set_basis(c: Cand, times, basis_mentions, cands, text: str, cl, basis_default: str | None = None) -> None:
    """What a change is measured against, by priority: a comparison phrase after it in its
    clause ("from November", "year-on-year"); a compared level after it ("up 28.3% from 1.27
    million tons in May 2024"); a comparison phrase elsewhere in its clause; a period
    governed by a comparative ("below the level of June 2024"); the paragraph's habit; the
    period's usual comparison (m/m for months, y/y for longer spans)."""
    def take(t) -> bool:
        if t.role == "basis" and t.period:
            c.basis_period, c.basis = t.period, _basis_kind(c.period, t.period)
        elif t.basis:
            c.basis = t.basis
            c.basis_period = shift(c.period, t.basis) if c.period else None
        elif t.period:
            c.basis_period, c.basis = t.period, _basis_kind(c.period, t.period)
        return c.basis_period is not None

    after = [t for t in basis_mentions if c.num_end <= t.start < cl[1]]
    if after and take(min(after, key=lambda t: t.start - c.num_end)):
        return
    comp = next((x for x in cands if x.kind == "level" and x.comparison and x.explicit_period
                 and x.num_start > c.num_start and x.num_start - c.num_end < 60 and x.num_start < cl[1]), None)
    if comp is not None and comp.period != c.period:
        c.basis_period, c.basis = comp.period, _basis_kind(c.period, comp.period)
        return
    inside = [t for t in basis_mentions if cl[0] <= t.start < cl[1]]
    if inside and take(min(inside, key=lambda t: abs(t.start - c.num_end))):
        return
    governed = [t for t in times if t.role == "period" and t.period and cl[0] <= t.start < cl[1]
                and t.start > c.num_start and _comparison_governed(text, _core_start(t))]
    if governed and take(governed[0]):
        return
    compared = any(x.kind == "level" and x.comparison and cl[0] <= x.num_start < cl[1] for x in cands)
    if not times and not compared and basis_default is None:
        # no time phrase in the sentence and no comparison named: what it is measured
        # against is not stated ("the total dollar value fell by 47%"), so it stays open
        c.basis = c.basis_period = None
        return
    p = parse_period(c.period)
    if basis_default is not None:
        c.basis = basis_default
    else:
        c.basis = "previous_period" if p is not None and p.granularity in ("month", "day", "dayspan") else "year_ago"
    c.basis_period = shift(c.period, c.basis) if c.period else None


def _basis_kind(period: str | None, basis_period: str) -> str:
    if period and shift(period, "year_ago") == basis_period:
        return "year_ago"
    if period and shift(period, "previous_period") == basis_period:
        return "previous_period"
    return "period"


def _measure(c: Cand, cands: list[Cand], text: str, cl, lex: Lexicon) -> str:
    """`value` when the change is about money: the figure just before it is money ("worth
    $348.1 million (down 32.9%)") or its clause speaks of value ("By value, exports fell
    29.7%"); a tonnage just before it makes it volume."""
    before = [x for x in cands if x.kind == "level" and x.num_end <= c.start and x.num_start >= cl[0]
              and c.start - x.num_end <= 30]
    if before:
        near = max(before, key=lambda x: x.num_end)
        return "value" if MONEY.match(near.unit) else "volume"
    return "value" if lex.value_measure.search(text[cl[0]:c.start]) else "volume"


def _surpass_cands(text: str, cands: list[Cand], times, disc: Discourse, lex: Lexicon) -> list[Cand]:
    """"First-half exports have already surpassed the whole of last year's total": a change
    with no number, above zero against the period it names."""
    out = []
    for m in lex.surpass.finditer(text):
        if any(c.start <= m.start() < c.end for c in cands):
            continue
        nxt = [t for t in times if t.start >= m.end() and t.start - m.end() <= 30 and t.period]
        if not nxt:
            continue
        verb = m.group("verb").lower()
        down = bool(re.search(r"short|below|under", verb))
        c = Cand(start=m.start(), end=nxt[0].end, kind="change", value=0.0, unit="%", step=None,
                 approx="lt" if down else "gt", num_start=m.start(), num_end=m.end())
        c.basis_period = nxt[0].period
        levels = [x for x in cands if x.kind == "level" and not x.comparison and x.period and x.num_end <= m.start()]
        c.period = levels[-1].period if levels else disc.period
        c.basis = _basis_kind(c.period, c.basis_period)
        c.explicit_period = True
        out.append(c)
    return out


# -- ranks ------------------------------------------------------------------------------
def _rank_cands(text: str, cands: list[Cand], times, disc: Discourse, anaphoric: bool, lex: Lexicon) -> list[Cand]:
    out = []
    for m in lex.rank.finditer(text):
        word = m.group("word").lower()
        tail = (m.group("tail") or "").lower()
        tail_words = tail.split()
        head_words = tail_words[:3]
        if any(w.strip(",") in lex.rank_role_nouns for w in head_words):
            continue
        if re.search(r"\b(?:world'?s|country'?s|nation'?s)\s*$", text[:m.start("word")].lower()):
            continue
        if word in ("high", "low", "record", "top", "most", "least") and not _rank_context_ok(text, m, word):
            continue
        if word == "records":
            continue
        ordinal = m.group("ord")
        n = lex.number_words.get(ordinal.lower(), 1) if ordinal else 1
        value = float(-n if word in lex.rank_down else n)
        target = _rank_target(m, cands, text)
        if target is None and not anaphoric and not _rank_as_target(text, m):
            continue
        c = Cand(start=m.start(), end=_trim_rank_end(text, m), kind="rank", value=value, unit="rank", step=None,
                 num_start=m.start("word"), num_end=m.end("word"))
        if target is not None:
            c.period, c.modality = target.period, target.modality
            c.parties, c.commodity = target.parties, target.commodity
            c.entity, c.evidence = target.entity, dict(target.evidence)
        elif anaphoric and disc.last is not None:
            c.period = disc.last.period
            c.parties, c.commodity = disc.last.parties, disc.last.commodity
            c.indicator, c.direction = disc.last.indicator, disc.last.direction
            c.evidence = dict.fromkeys(("indicator", "commodity", "origin", "destination", "period"), "paragraph")
        else:
            c.period = _main_period(times) or disc.period
        c.scope = _rank_scope(text[m.start():m.end()], c.period, lex)
        out.append(c)
    return out


def _rank_context_ok(text: str, m: re.Match, word: str) -> bool:
    """Bare "high", "low", "record", "most" are ranks only in their statistical uses."""
    phrase = text[m.start():m.end()].lower()
    if word in ("high", "low"):
        return bool(re.search(r"(?:\w+-(?:month|year|week)|year-to-date|record|all-time|multi-year|\d{4})\s+(?:high|low)\b", phrase))
    if word == "record":
        return bool(re.search(r"\b(?:a|new|the)\s+record\b(?!\s+(?:of|number|harvest|crop|\d))", phrase)) or \
            bool(re.search(r"\b(?:at|to)\s+a\s+record\b", text[max(0, m.start() - 10):m.end()].lower()))
    if word in ("most", "least"):
        return bool(re.search(r"\b(?:the\s+)?(?:most|least)\s+(?:ever|since|in\s+\w+\s+(?:months|years)|for)\b", phrase))
    if word == "top":
        return False
    return True


def _trim_rank_end(text: str, m: re.Match) -> int:
    end = m.end()
    piece = text[m.start():end]
    cut = re.search(r"\s+(?:of\s+(?:about\s+|around\s+|some\s+)?[\d$]|at\s+[\d$]|,|recorded|signal)", piece)
    return m.start() + cut.start() if cut else end


def _rank_target(m: re.Match, cands: list[Cand], text: str) -> Cand | None:
    """The level a rank phrase describes: "the 2025 peak of 305 tons", "a record ... at
    12.26 mt", or the clause's main level before it ("1,238 t, ... and the smallest ...")."""
    end = _trim_rank_end(text, m)
    after = [c for c in cands if c.kind == "level" and c.num_start >= m.start() and c.num_start - end <= 12]
    if after:
        return after[0]
    before = [c for c in cands if c.kind == "level" and c.num_end <= m.start() and not c.comparison]
    return before[0] if before else None


def _rank_as_target(text: str, m: re.Match) -> bool:
    """"climbed to a record", "rebounded to their strongest level", "hitting a year-to-date
    high", "peaked for the year in June", "June had been the strongest month"."""
    before = text[max(0, m.start() - 40):m.start()].lower()
    phrase = text[m.start():m.end()].lower()
    return bool(re.search(r"\b(?:to|hitting|hit|reaching|reached|at|set|was|were|is|been|marked)\s*$", before)) or \
        phrase.startswith("peaked") or bool(re.search(r"\b(?:hitting|hit|reaching|reached)\b", phrase))


def _rank_scope(phrase: str, period: str | None, lex: Lexicon) -> str | None:
    p = parse_period(period)
    # "the largest for that month since 2021" ranks Novembers: the calendar month is the
    # narrower scope, so it comes first
    if (m := lex.rank_scope_month.search(phrase)):
        name = m.group("month") or m.group("month2")
        mi = MONTHS.index(name.lower()) + 1 if name else (p.start[1] if p else None)
        return f"--{mi:02d}" if mi else None
    if (m := lex.rank_scope_since.search(phrase)):
        what = m.group("what")
        parts = what.split()
        if parts[-1].isdigit():
            year = int(parts[-1])
            if len(parts) == 2:
                return f"{year:04d}-{MONTHS.index(parts[0].lower()) + 1:02d}/"
            return f"{year:04d}/"
        if p is not None:
            mi = MONTHS.index(what.lower()) + 1
            y = p.end[0] if mi <= p.end[1] else p.end[0] - 1
            return f"{y:04d}-{mi:02d}/"
    if (m := lex.rank_scope_n.search(phrase)) and p is not None:
        n = m.group("n") or m.group("n2")
        unit = (m.group("unit") or m.group("unit2") or "").lower()
        k = int(n) if n.isdigit() else lex.number_words.get(n.lower(), 0)
        if k and unit.startswith("month"):
            a = from_index(month_index(p.end) - k + 1)
            return format_period(Period(a, p.end, "span"))
        if k and unit.startswith("year"):
            return f"{p.end[0] - k:04d}/"
    if (m := lex.rank_scope_year.search(phrase)):
        year = m.group("year") or m.group("year2")
        return year or (f"{p.start[0]:04d}" if p else None)
    if lex.rank_scope_record.search(phrase):
        return "all"
    return None


# -- series: parties, commodity, indicator ---------------------------------------------
def _set_series(c: Cand, text: str, local, clauses, segments, disc: Discourse, anaphoric: bool, lex: Lexicon) -> None:
    if c.kind == "rank" and c.commodity is not None:
        return
    cl = _within(clauses, c.num_start)
    if anaphoric and disc.last is not None and (not _has_party(local, cl) or c.kind == "rank" or cl[0] == 0):
        last = disc.last
        c.parties, c.commodity, c.indicator, c.direction = last.parties, last.commodity, last.indicator, last.direction
        c.evidence.update({k: "paragraph" for k in ("indicator", "commodity", "origin", "destination")})
        if c.period is None:
            c.period = last.period
            c.evidence["period"] = "paragraph"
        return
    _set_commodity(c, text, local, cl, _within(segments, c.num_start), disc, lex)
    # indicator and direction: nearest indicator word before the number in the clause
    inds = [(a, s) for a, b, s in local if s.label_ == "INDICATOR"]
    ind = _named_after(c, text, local) or _nearest_before(c, inds, cl)
    if ind is not None and ind._.code in lex.company_indicators and not _about_company(text, disc, lex):
        # "copper earnings" in a trade story are export receipts, not a company's profit
        ind = _nearest_before(c, [(a, s) for a, s in inds if s._.code not in lex.company_indicators], cl)
    c.evidence["indicator"] = "own_phrase" if ind is not None else "article"
    balance = _balance_kind(ind, disc, lex)
    if c.kind == "level" and c.value > 0 and _negative(c, ind, text, cl, lex):
        c.value = -c.value  # "a deficit of 99 mln dlrs", "lost 57.5 mln dlrs": signed (DESIGN §3)
    c.indicator = ind._.code if ind is not None else ("price" if _is_price(c.unit) else disc.indicator)
    if ind is None and not disc.trade_context and not _is_price(c.unit) and disc.sent is not None:
        # no trade anywhere in the article: the figure's own word names what it measures
        # ("Revenues rose to 1.94 billion dlrs" -> revenue), as DESIGN §3 asks
        c.indicator = _own_word(disc.sent, c, lex) or disc.indicator
    ind_dir = ind._.direction if ind is not None and ind.text.lower() not in lex.direction_neutral else None
    direction = ind_dir or \
        _verb_direction(text, cl, disc, local, lex) or disc.direction
    if balance is not None:
        c.indicator = balance
    if (sub := _subset(ind, lex)) is not None:
        c.commodity, c.evidence["commodity"] = sub, "own_phrase"
    elif c.indicator not in lex.topic_indicators and c.evidence.get("commodity") in ("paragraph", "article"):
        # a company's profit or a country's GDP in a story about oil is not about oil
        c.commodity = None
        c.evidence.pop("commodity", None)
    if _is_price(c.unit):
        c.indicator = "price"
    if c.indicator == "purchases" and not _contracted(c, text[cl[0]:cl[1]]):
        # "bought 103.79 million tonnes over the first eleven months": goods that arrived
        c.indicator, direction = "trade", "import"
    c.direction = direction
    c.parties = _parties(c, text, local, cl, segments, disc, direction, lex)
    _party_evidence(c, local, cl, segments, disc, lex)
    _set_entity(c, text, disc)


def _set_commodity(c: Cand, text: str, local, cl, seg, disc: Discourse, lex: Lexicon) -> None:
    """The first commodity named in the number's clause, else one the sentence names outside
    subordinate clauses about something else, else an of-phrase, else the paragraph's or
    article's topic, except for a country's total ("overall exports"), which has none."""
    comms = [(a, s) for a, b, s in local if s.label_ == "COMMODITY"
             and not in_other_subordinate(disc.sent, a, c.num_start)]
    # nearest before the number in its own segment ("and petrochemicals dropped 9.8%"),
    # else the first of its clause
    in_segment = [s for a, s in comms if seg[0] <= a < c.num_start]
    in_clause = in_segment[-1:] + [s for a, s in comms if cl[0] <= a < cl[1]]
    usable = [s for a, s in comms]
    own = [s for a, s in comms if re.fullmatch(r"\s*(?:\w+\s+){0,2}of\s+(?:the\s+)?(?:\w+\s+)?", text[c.end:a])]
    if own and c.kind == "level":
        # "52,000 t of cocoa beans and 9,000 t of cocoa butter": each amount its own product
        c.commodity, c.evidence["commodity"] = _commodity(own[0], text, lex), "own_phrase"
    elif in_clause:
        c.commodity, c.evidence["commodity"] = _commodity(in_clause[0], text, lex), "own_phrase"
    elif usable:
        c.commodity, c.evidence["commodity"] = _commodity(usable[0], text, lex), "sentence"
    elif (own := _of_phrase(c, text, lex)) is not None:
        c.commodity, c.evidence["commodity"] = own, "own_phrase"
    elif lex.total_trade.search(text[cl[0]:cl[1]]) or disc.commodity is None:
        c.commodity = None
        c.evidence.pop("commodity", None)
    else:
        c.commodity, c.evidence["commodity"] = disc.commodity, disc.commodity_level


def _about_company(text: str, disc: Discourse, lex: Lexicon) -> bool:
    """A sentence about a company: it names an organisation, or the article is no trade story."""
    ents = getattr(disc.sent, "ents", ()) if disc.sent is not None else ()
    return not disc.trade_context or any(e.label_ == "ORG" for e in ents) or bool(lex.company_words.search(text)) \
        or (disc.company is not None and refers_to(disc.company, text))


BALANCE_SIGN = re.compile(r"\b(deficits?|shortfall|gap|loss(?:es)?|lost|surplus(?:es)?|profits?|gains?)\b", re.I)


def _negative(c: Cand, ind, text: str, cl, lex: Lexicon) -> bool:
    """A deficit or loss: its word right after the amount ("a 5.0 mln dlr deficit"), else
    the last balance word before it in the clause ("the deficit on invisibles was ...")."""
    if ind is None:
        return False
    if ind.text.lower() in lex.negative_level:
        return True
    if ind._.code not in lex.balance_indicators and ind._.code != "profit":
        return False
    after = BALANCE_SIGN.match(text[c.num_end:c.num_end + 20].lstrip(" -"))
    words = [m.group(1).lower() for m in BALANCE_SIGN.finditer(text[cl[0]:c.num_start])]
    word = after.group(1).lower() if after else (words[-1] if words else "")
    return word in lex.negative_level


def _set_entity(c: Cand, text: str, disc: Discourse) -> None:
    """A company figure carries the company; its country is the one named, the article's,
    or that of the dollars it reports in."""
    co = disc.company
    if co is None or c.indicator not in company_indicators() or not refers_to(co, text):
        return
    c.entity = co.name
    c.evidence["entity"] = "sentence" if co.short in text else "paragraph"
    if c.parties[0] is None:
        home = home_country(c.unit)
        if home:
            c.parties = (home, c.parties[1])
            c.evidence["origin"] = "article"


def _balance_kind(ind, disc: Discourse, lex: Lexicon) -> str | None:
    """A bare "deficit" or "surplus" is the balance the article has named ("current account
    deficit ... a deficit of 99 mln dlrs"); a named one becomes the article's balance."""
    if ind is None or ind._.code not in lex.balance_indicators:
        return None
    if ind.text.lower() in lex.bare_balance:
        return disc.balance
    disc.balance = ind._.code
    return None


def _subset(ind, lex: Lexicon) -> str | None:
    """"the deficit on invisibles": the subset of a balance, carried as its commodity."""
    words = lex.subset_words.get(ind._.code, ()) if ind is not None else ()
    text = ind.text.lower() if ind is not None else ""
    return text if text in words else None


def _named_after(c: Cand, text: str, local):
    """An indicator word right after the amount names it: "a 5.0 mln dlr deficit"."""
    for a, _b, s in local:
        if s.label_ == "INDICATOR" and 0 <= a - c.num_end <= 3 and not re.search(r"[,;(]", text[c.num_end:a]):
            return s
    return None


def _nearest_before(c: Cand, inds, cl):
    before = [(a, s) for a, s in inds if cl[0] <= a < c.num_start] or [(a, s) for a, s in inds if cl[0] <= a < cl[1]]
    return max(before, key=lambda x: x[0])[1] if before else None


def _party_evidence(c: Cand, local, cl, segments, disc: Discourse, lex: Lexicon) -> None:
    """origin/destination: named in the number's segment (own phrase) or clause (sentence);
    WORLD for a flow with no partner named is what the sentence says; the article's main
    country filled in for an unnamed side comes from the article."""
    seg = _within(segments, c.num_start)
    named: dict[str, str] = {}
    for a, _b, s in local:
        if s.label_ not in ("COUNTRY", "REGION", "COUNTRY_DESC"):
            continue
        code = _party_code(s, disc, lex)
        level = "own_phrase" if seg[0] <= a < seg[1] else "sentence"
        if code and named.get(code) != "own_phrase":
            named[code] = level
    for side, code in zip(("origin", "destination"), c.parties, strict=True):
        if code is None:
            c.evidence.pop(side, None)
        elif code in named:
            c.evidence[side] = named[code]
        elif code == "WORLD":
            c.evidence[side] = "sentence"
        elif code in disc.recent_countries[-1:] and code != disc.main_actor:
            c.evidence[side] = "paragraph"
        else:
            c.evidence[side] = "article"


def _period_evidence(c: Cand, times, disc: Discourse) -> None:
    if c.period is None:
        c.evidence.pop("period", None)
    elif c.explicit_period:
        c.evidence["period"] = "own_phrase"
    elif "period" in c.evidence:
        return
    elif any(t.period == c.period or t.basis for t in times):
        c.evidence["period"] = "sentence"  # a phrase of the sentence, or counted from one
    elif c.period == disc.period:
        c.evidence["period"] = disc.period_level
    else:
        c.evidence["period"] = "sentence"


def _is_price(unit: str) -> bool:
    """Money per unit ("USD/t", "USD/barrel"); a volume rate ("barrel/day") is not a price."""
    return "/" in unit and bool(MONEY.match(unit.split("/")[0]))


def _share_clause_series(cands: list[Cand], local, clauses, segments) -> None:
    """"16.9 mt exported to China, nearly 7% more than the 15.8 mt of a year before": a
    change, share or compared level with no country of its own in its segment is about the
    same series as the level its clause states. A figure with no commodity named takes the
    one the sentence gave the figure before it."""
    for i, c in enumerate(cands):
        if c.commodity is None and i > 0 and cands[i - 1].commodity is not None:
            c.commodity = cands[i - 1].commodity
            c.evidence["commodity"] = cands[i - 1].evidence.get("commodity", "sentence")
    for c in cands:
        if c.kind not in ("change", "share") and not c.comparison:
            continue
        seg, cl = _within(segments, c.num_start), _within(clauses, c.num_start)
        if any(s.label_ in ("COUNTRY", "REGION", "COUNTRY_DESC") and seg[0] <= a < seg[1] for a, b, s in local):
            continue
        main = [x for x in cands if x.kind == "level" and not x.comparison and x.num_end <= c.num_start
                and cl[0] <= x.num_start and x is not c]
        if main:
            src = max(main, key=lambda x: x.num_end)
            c.parties, c.commodity, c.indicator, c.direction = src.parties, src.commodity, src.indicator, src.direction
            c.evidence.update({k: v for k, v in src.evidence.items() if k != "period"})


def _commodity(span, text: str, lex: Lexicon) -> str:
    """The vocabulary's name, with the product form the text adds ("zinc concentrate",
    "copper cathodes"): a form of a commodity is a series of its own."""
    from ..nlp.vocab import commodity_name

    last = span.doc[span.end - 1]  # Doc.text joins every token: read only the next few
    after = (last.whitespace_ + span.doc[span.end:span.end + 8].text)[:30].lower()
    for form in lex.product_forms:
        if re.match(rf"\s+{re.escape(form)}\b", after):
            known = commodity_name(f"{span._.code} {form}")
            # a name that is already a product ("refined copper") takes no second form
            return known or (span._.code if " " in span._.code else f"{span._.code} {form}")
    return span._.code


def _of_phrase(c: Cand, text: str, lex: Lexicon) -> str | None:
    """A commodity the vocabulary does not know, named after the amount: "18,400 tonnes of
    cashew kernels to the United States" -> "cashew kernels"."""
    if c.kind != "level" or c.unit != "t":
        return None
    m = re.match(r"\s+of\s+((?:[a-z][a-z-]*\s*){1,4})", text[c.num_end:c.num_end + 60])
    if not m:
        return None
    words = []
    for w in m.group(1).split():
        if w in lex.of_stop:
            break
        words.append(w)
    return " ".join(words) if words else None


def _own_word(sent, c: Cand, lex: Lexicon) -> str | None:
    """The noun a number measures, from the dependency parse: up from the number to the
    first noun that is not a unit, or to the verb and then its subject."""
    tok = next((t for t in sent if t.idx >= sent.start_char + c.num_start), None)
    for _ in range(6):
        if tok is None:
            return None
        if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ not in lex.unit_nouns and not tok.like_num:
            return tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX"):
            subj = next((ch for ch in tok.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN") and subj.lower_ not in lex.unit_nouns:
                return subj.lemma_.lower()
            return None
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _contracted(c: Cand, clause: str) -> bool:
    """Purchases as contracts (DESIGN: bought, not shipped): for a crop or marketing year,
    or named as commitments, bookings or deals."""
    p = parse_period(c.period)
    return (p is not None and p.granularity == "crop") or bool(
        re.search(r"\b(?:commit\w*|book\w*|contract\w*|deals?|orders?|pledg\w*|since)\b", clause, re.I))


def _has_party(local, cl) -> bool:
    return any(s.label_ in ("COUNTRY", "REGION", "COUNTRY_DESC") and cl[0] <= a < cl[1] for a, b, s in local)


def _verb_direction(text: str, cl, disc: Discourse, local, lex: Lexicon) -> str | None:
    """"China brought in", "the top importer ... took in": the main actor as subject of an
    import verb turns the clause to imports."""
    clause = text[cl[0]:cl[1]].lower()
    words = set(WORD.findall(clause))
    actor_named = any(s.label_ in ("COUNTRY", "COUNTRY_DESC") and _party_code(s, disc, lex) == disc.main_actor
                      and cl[0] <= a < cl[1] for a, b, s in local)
    if not actor_named:
        return None
    if words & {"imported", "bought", "purchased"} or re.search(r"\b(?:took|brought|taken)\s+in\b", clause):
        return "import"
    if words & {"exported", "shipped", "sold"}:
        return "export"
    return None


def _commodity_starts(doc) -> set[int]:
    """Where commodity names start, computed once per doc."""
    if "commodity_starts" not in doc.user_data:
        doc.user_data["commodity_starts"] = {x.start_char for x in doc.spans["vocab"] if x.label_ == "COMMODITY"}
    return doc.user_data["commodity_starts"]


def _party_code(span, disc: Discourse, lex: Lexicon, at: int | None = None) -> str | None:
    if span.label_ != "COUNTRY_DESC":
        return span._.code
    if lex.actor_desc.search(span.text) or lex.country_self.match(span.text.strip()):
        return disc.main_actor
    # a geographic description ("its Asian neighbour", "the South American country"): the
    # latest other country named, in this sentence first
    earlier = [x._.code for x in span.doc.spans["vocab"] if x.label_ in ("COUNTRY", "REGION")
               and span.sent.start_char <= x.start_char < span.start_char and x._.code != "WORLD"]
    for code in list(reversed(earlier)) + list(reversed(disc.recent_countries)):
        if code != disc.main_actor:
            return code
    return None


def _parties(c: Cand, text: str, local, cl, segments, disc: Discourse, direction: str, lex: Lexicon) -> tuple[str | None, str | None]:
    mentions = [(a, b, s) for a, b, s in local if s.label_ in ("COUNTRY", "REGION", "COUNTRY_DESC") and cl[0] <= a < cl[1]
                and (c.kind != "rank" or b <= c.start) and not in_other_subordinate(disc.sent, a, c.num_start)]
    pron = lex.pronoun_subject.match(text[cl[0]:])
    if pron and not mentions and disc.recent_countries:
        # "It imported 8.36 million kg": the country the last sentence was about
        verb = pron.group("verb").lower()
        code = disc.recent_countries[-1]
        if code != disc.main_actor:
            recv = verb in lex.import_verbs or verb in ("received", "took", "got")
            if direction == "import" and not recv:
                return code, disc.main_actor
            return (disc.main_actor, code) if recv or direction == "export" else (code, disc.main_actor)
    # nearest first, those before the number preferred
    mentions.sort(key=lambda m: (0 if m[1] <= c.num_start else 1, abs(c.num_start - m[1]) if m[1] <= c.num_start else m[0] - c.num_end))
    origin = dest = None
    non_trade = c.indicator not in ("trade",)
    if non_trade:
        for _a, _b, s in mentions:
            code = _party_code(s, disc, lex)
            if code and code != "WORLD":
                return code, None
        return disc.main_actor, None
    seg = _within(segments, c.num_start)
    if c.kind == "share" and re.match(r"\s+of\b", text[c.num_end:]):
        # "41% of the country's worldwide exports": the of-phrase names the whole, not the part
        stop = re.search(r"\b(?:went|were|was|is|are|came|goes|headed|shipped|left)\b|[,;]", text[c.num_end:])
        whole_end = c.num_end + (stop.start() if stop else len(text))
        mentions = [m for m in mentions if not c.num_end <= m[0] < whole_end]
    own = [m for m in mentions if seg[0] <= m[0] < seg[1]]
    others = [m for m in mentions if not seg[0] <= m[0] < seg[1]]
    if own:
        # "Moscow supplied 0.94 mt and the United States 0.48 mt": a country in a segment
        # with a figure of its own belongs to that figure
        others = [m for m in others if not any(_within(segments, m[0]) == _within(segments, n)
                                               for n in disc.numbers if n != c.num_start)]
    groups = (own, others)
    for gi, group in enumerate(groups):
        resolved = [(a, b, s, _party_code(s, disc, lex, a)) for a, b, s in group]
        for a, b, s, code in resolved:
            if code == "WORLD" and gi > 0:
                continue  # "worldwide" elsewhere in the clause describes another figure
            role = _role(text, a, b, s, code, disc, direction, lex, True) if code else None
            if role is None and code and gi == 0:
                role = _gapped_role(text, a, c, cl, local, disc, direction, lex)
            if role == "origin" and origin is None and code != dest:
                origin = code
            elif role == "destination" and dest is None and code != origin:
                dest = code
        # then the nearest mention without a cue takes the side the trade direction gives it
        for a, b, s, code in resolved:
            if not code or code in (origin, dest) or _role(text, a, b, s, code, disc, direction, lex, True):
                continue
            role = _role(text, a, b, s, code, disc, direction, lex, False)
            # in the number's own segment a country without a cue takes the open side; further
            # away it only takes the side the trade direction gives it
            if role == "origin" and origin is None or (gi == 0 and dest is not None and origin is None):
                origin = code
            elif role == "destination" and dest is None or (gi == 0 and origin is not None and dest is None):
                dest = code
            break
    # an empty side is the article's own country when it is not already the other side
    actor = disc.main_actor
    if direction == "import":
        dest = dest or (actor if actor != origin else "WORLD")
        origin = origin or (actor if actor != dest else "WORLD")
    else:
        origin = origin or (actor if actor != dest else "WORLD")
        dest = dest or (actor if actor != origin else "WORLD")
    if origin == dest:
        if direction == "import":
            origin = "WORLD"
        else:
            dest = "WORLD"
    return origin, dest


def _gapped_role(text: str, a: int, c: Cand, cl, local, disc: Discourse, direction: str, lex: Lexicon) -> str | None:
    """"Ukraine supplied 1.58 mt, Romania 0.86 mt": a country followed directly by its
    figure, with the verb left out, plays the role the clause's first country has."""
    if not re.fullmatch(r"[\s\w.'’-]{0,30}?\s*(?:with\s+)?", text[a:c.start]) or \
            re.search(r"\b(?:supplied|shipped|took|bought|sent|exported|imported|sold|received)\b", text[a:c.start]):
        return None
    first = next(((x, y, s) for x, y, s in local if s.label_ in ("COUNTRY", "COUNTRY_DESC")
                  and cl[0] <= x < a), None)
    if first is None:
        return None
    code = _party_code(first[2], disc, lex)
    return _role(text, first[0], first[1], first[2], code, disc, direction, lex, True) if code else None


def _role(text: str, a: int, b: int, s, code: str, disc: Discourse, direction: str, lex: Lexicon,
          explicit: bool) -> str | None:
    """origin or destination from the words around a country mention; with explicit=True
    only clear cues count, otherwise the trade direction decides."""
    if code == "WORLD":
        return ("origin" if direction == "import" else "destination") if explicit else None
    before = _words_before(text, a, 2)
    after = text[b:b + 25].lower()
    if after.startswith("-bound") or after.startswith(" bound"):
        return "destination"
    if before and before[-1] in lex.to_words:
        return "destination"
    if before and (before[-1] == "from" or before[-2:] == ["out", "of"]):
        return "origin"
    if any(s.end_char + k in _commodity_starts(s.doc) for k in range(3)):
        return "origin"  # "Chinese rare earths", "Brazilian soybeans": the producer
    possessive = text[b:b + 2] in ("'s", "’s")
    nxt = _words_after(text, b + 2 if possessive else b, 3)
    # "Japan's imports", "US imports" name the importer; "U.S. shipments", "China's
    # exports" the exporter
    head = next((w for w in nxt if w in lex.import_nouns or w in lex.export_nouns), None)
    if head is not None and nxt.index(head) <= 2:
        return "destination" if head in lex.import_nouns else "origin"
    if nxt and (nxt[0] in lex.buyer_nouns or nxt[0] in ("took", "received", "imported", "bought", "got", "purchased")
                or (nxt[0] == "with" and direction == "export")):
        return "destination"
    if nxt and nxt[0] in ("supplied", "exported", "shipped", "sold", "sent", "provided"):
        return "origin"
    if explicit:
        return None
    if code == disc.main_actor:
        return "origin" if direction == "export" else "destination"
    return "destination" if direction == "export" else "origin"


# -- filters ----------------------------------------------------------------------------
def _keep(c: Cand, text: str, times, lex: Lexicon) -> bool:
    if c.kind == "change" and c.multiple is not None:
        _apply_multiple(c, text, times)
    dated = [t for t in times if t.role in ("period", "basis", "marker")]
    if c.kind in ("share", "level") and not dated and lex.general_present.search(text) and c.modality == "reported":
        # "China supplies over 90% of ...": a standing fact, not a figure for a period
        return False
    if c.commodity is None and c.indicator == "trade" and c.unit in ("t",) and c.value == 0:
        return False
    return True


def _apply_multiple(c: Cand, text: str, times) -> None:
    """"more than sevenfold" -> +600 %, "halved" -> -50 %, "twice as high" a year earlier -> -50 %."""
    f = c.multiple or 1.0
    around = text[max(0, c.num_start - 60):c.num_end + 30].lower()
    earlier = bool(re.search(r"\b(?:a\s+year\s+(?:earlier|ago|before)|had\s+been)\b", around)) and \
        bool(re.search(r"\bas\s+(?:high|large|big|much)\b", around))
    if earlier and f > 0:
        f = 1.0 / f
    c.value = (f - 1.0) * 100.0
    c.multiple = None
