"""Series stage: what a figure measures — commodity (with its product form), indicator,
direction, balances, parties and the company it is about — with evidence for each field.

The fields come from the figure's own phrase first, then the sentence, then the
paragraph's or article's topic; figures of one clause share the series of its level.
"""

from __future__ import annotations

import re

from ..periods import parse_period
from .entities import entity_indicators, home_country, refers_to
from .frame import in_other_subordinate
from .lexicon import Lexicon
from .parties import has_party, parties, party_evidence, verb_direction
from .records import Cand, Discourse
from .text import MONEY, within


def set_series(c: Cand, text: str, local, clauses, segments, disc: Discourse, anaphoric: bool, lex: Lexicon) -> None:
    if c.kind == "rank" and c.commodity is not None:
        return
    cl = within(clauses, c.num_start)
    if anaphoric and disc.last is not None and (not has_party(local, cl) or c.kind == "rank" or cl[0] == 0):
        last = disc.last
        c.parties, c.commodity, c.indicator, c.direction = last.parties, last.commodity, last.indicator, last.direction
        c.evidence.update({k: "paragraph" for k in ("indicator", "commodity", "origin", "destination")})
        if c.period is None:
            c.period = last.period
            c.evidence["period"] = "paragraph"
        return
    _set_commodity(c, text, local, cl, within(segments, c.num_start), disc, lex)
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
        verb_direction(text, cl, disc, local, lex) or disc.direction
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
    c.parties = parties(c, text, local, cl, segments, disc, direction, lex)
    party_evidence(c, local, cl, segments, disc, lex)
    _set_entity(c, text, disc)


def _set_commodity(c: Cand, text: str, local, cl, seg, disc: Discourse, lex: Lexicon) -> None:
    """The first commodity named in the number's clause, else one the sentence names outside
    subordinate clauses about something else, else an of-phrase, else the paragraph's or
    article's topic, except for a country's total ("overall exports"), which has none."""
    comms = [(a, s) for a, b, s in local if s.label_ == "COMMODITY"
             and not in_other_subordinate(disc.sent, a, c.num_start) and not _names_an_institution(s, lex)]
    # nearest before the number in its own segment ("and petrochemicals dropped 9.8%"),
    # else the first of its clause
    in_segment = [s for a, s in comms if seg[0] <= a < c.num_start]
    in_clause = in_segment[-1:] + [s for a, s in comms if cl[0] <= a < cl[1]]
    usable = [s for a, s in comms]
    own = [s for a, s in comms if re.fullmatch(r"\s*(?:\w+\s+){0,2}of\s+(?:the\s+)?(?:\w+\s+)?", text[c.end:a])]
    if own and c.kind == "level":
        # "52,000 t of cocoa beans and 9,000 t of cocoa butter": each amount its own product
        c.commodity, c.evidence["commodity"] = _commodity(own[0], text, lex, disc.commodity), "own_phrase"
    elif in_clause:
        c.commodity, c.evidence["commodity"] = _commodity(in_clause[0], text, lex, disc.commodity), "own_phrase"
    elif usable:
        c.commodity, c.evidence["commodity"] = _commodity(usable[0], text, lex, disc.commodity), "sentence"
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


def _negative(c: Cand, ind, text: str, cl, lex: Lexicon) -> bool:
    """A deficit or loss: its word right after the amount ("a 5.0 mln dlr deficit"), else
    the last balance word before it in the clause ("the deficit on invisibles was ...")."""
    if ind is None:
        return False
    if ind.text.lower() in lex.negative_level:
        return True
    if ind._.code not in lex.balance_indicators and ind._.code != "profit":
        return False
    after = lex.balance_sign.match(text[c.num_end:c.num_end + 20].lstrip(" -"))
    words = [m.group(1).lower() for m in lex.balance_sign.finditer(text[cl[0]:c.num_start])]
    word = after.group(1).lower() if after else (words[-1] if words else "")
    return word in lex.negative_level


def _set_entity(c: Cand, text: str, disc: Discourse) -> None:
    """A company figure carries the company; its country is the one named, the article's,
    or that of the dollars it reports in."""
    co = disc.company
    if co is None or c.indicator not in entity_indicators() or not refers_to(co, text):
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


def _is_price(unit: str) -> bool:
    """Money per unit ("USD/t", "USD/barrel"); a volume rate ("barrel/day") is not a price."""
    return "/" in unit and bool(MONEY.match(unit.split("/")[0]))


def share_clause_series(cands: list[Cand], local, clauses, segments) -> None:
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
        seg, cl = within(segments, c.num_start), within(clauses, c.num_start)
        if any(s.label_ in ("COUNTRY", "REGION", "COUNTRY_DESC") and seg[0] <= a < seg[1] for a, b, s in local):
            continue
        if any(s.label_ == "INDICATOR" and seg[0] <= a < c.num_start for a, b, s in local):
            continue  # "... and the trade surplus narrowed 13.6%": its own word names it
        main = [x for x in cands if x.kind == "level" and not x.comparison and x.num_end <= c.num_start
                and cl[0] <= x.num_start and x is not c]
        if main:
            src = max(main, key=lambda x: x.num_end)
            c.parties, c.commodity, c.indicator, c.direction = src.parties, src.commodity, src.indicator, src.direction
            c.evidence.update({k: v for k, v in src.evidence.items() if k != "period"})


def _names_an_institution(span, lex: Lexicon) -> bool:
    """"the energy ministry", "Coffee and Cocoa Council", "stainless steel mills": a
    commodity word naming who acts, not what is counted."""
    nxt = span.doc[span.end:span.end + 1]
    return bool(nxt) and nxt[0].lower_ in lex.institution_nouns


def _commodity(span, text: str, lex: Lexicon, topic: str | None = None) -> str:
    """The vocabulary's name, with the product form the text adds ("zinc concentrate",
    "copper cathodes"): a form of a commodity is a series of its own. A bare head word
    ("beans", "meal") is the topic's product when a name of its family ends with it
    ("delivered 812,000 tonnes of beans" in a cocoa story is cocoa: "cocoa beans")."""
    from ..nlp.vocab import commodity_name, commodity_names

    if span._.needs_context and topic and any(topic in n and n.endswith(" " + span.text.lower())
                                              for n in commodity_names()):
        return topic

    variety = _variety(span, lex)
    if variety is not None:
        return variety
    last = span.doc[span.end - 1]  # Doc.text joins every token: read only the next few
    after = (last.whitespace_ + span.doc[span.end:span.end + 8].text)[:30].lower()
    for form in lex.product_forms:
        if re.match(rf"\s+{re.escape(form)}\b", after):
            known = commodity_name(f"{span._.code} {form}")
            # a name that is already a product ("refined copper") takes no second form
            return known or (span._.code if " " in span._.code else f"{span._.code} {form}")
    return span._.code


def _variety(span, lex: Lexicon) -> str | None:
    """"winter soft wheat", "frozen pork bellies": a variety or state the text names is a
    series of its own (DESIGN: "soft wheat"), kept as written around the vocabulary's name."""
    name = span._.code.split()
    words = [t.lower_ for t in span]
    before = []
    for tok in reversed(span.doc[max(span.sent.start, span.start - 2):span.start]):
        if tok.lower_ not in lex.product_modifiers:
            break
        before.insert(0, tok.lower_)
    stems = {_singular(w) for w in name}
    extra = [w for w in words if _singular(w) not in stems]
    if _singular(words[-1]) != _singular(name[-1]) or not all(w in lex.product_modifiers for w in extra):
        return None
    if not before and not extra:
        return None
    return " ".join(before + extra + name)


def _singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word.rstrip("s")


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
        re.search(r"\b(?:commit\w*|book\w*|contract\w*|deals?|orders?|pledg\w*|since)\b", clause, re.I)) or \
        bool(re.search(r"\bfrom\s+(?:local\s+|domestic\s+|its\s+own\s+)?(?:farmers|growers|producers|planters|mills)\b"
                       r"|\b(?:local|domestic(?:ally)?)\s+(?:\w+\s+)?(?:wheat|crop|grain|harvest|output)\b", clause, re.I))
