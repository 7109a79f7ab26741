"""Article level: what the whole article is about, read before and between sentences.

The main actor (the country whose trade it reports), the main direction and commodity
(from the headline first), the countries named lately, the topic a figure-less sentence
sets, and the article's own period given to figures that name none.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from ..models import Article, Claim
from ..periods import shift
from .lexicon import Lexicon
from .records import Discourse
from .text import WORD, words_after, words_before
from .timing import carries, sentence_times, topic_period


def article_period(claims: list[Claim], disc: Discourse) -> None:
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


def published_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def main_actor(article: Article, spans, lex: Lexicon) -> str | None:
    """The country the article is about: named as the one that trades ("China's exports",
    "Chinese shipments", "China exported"), not as a destination ("to Japan"); the first
    country of the title counts triple."""
    votes: Counter[str] = Counter()
    text = article.text
    for s in spans:
        if s.label_ != "COUNTRY" or s._.code in ("WORLD",):
            continue
        before = words_before(text, s.start_char, 1)
        if (before and before[-1] in lex.to_words) or text[s.end_char:s.end_char + 6].startswith("-bound"):
            continue
        nxt = words_after(text, s.end_char, 4)
        if nxt and nxt[0] in ("took", "received", "got", "with", "bought"):
            continue  # named as a buyer
        votes[s._.code] += 1
        prev3 = words_before(text, s.start_char, 3)
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


def main_direction(article: Article, spans) -> str:
    votes = Counter(s._.direction for s in spans if s.label_ == "INDICATOR" and s._.direction)
    title = (article.title or "").lower()
    if re.search(r"\bimport", title):
        votes["import"] += 3
    if re.search(r"\bexport|shipment", title):
        votes["export"] += 3
    return "import" if votes["import"] > votes["export"] else "export"


def main_commodity(article: Article, spans) -> str | None:
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


def note_countries(sent, spans, disc: Discourse) -> None:
    for s in spans:
        if s.label_ in ("COUNTRY", "REGION") and s._.code != "WORLD" and sent.start_char <= s.start_char < sent.end_char:
            if s._.code in disc.recent_countries:
                disc.recent_countries.remove(s._.code)
            disc.recent_countries.append(s._.code)


def note_topic(sent, spans, disc: Discourse, lex: Lexicon, times=None) -> None:
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
        times = sentence_times(sent.text, disc)
    topic = topic_period(times, sent.text)
    if topic and carries(topic):
        disc.period, disc.period_level = topic, "paragraph"
        disc.main_period = disc.main_period or topic
