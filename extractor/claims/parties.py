"""Parties stage: origin and destination of a figure from the countries of its clause.

Cues around each country mention ("to Japan", "China's imports", "Chinese soybeans"),
gapped lists ("Ukraine supplied 1.58 mt, Romania 0.86 mt"), descriptions ("its Asian
neighbour") and the trade direction decide each side; the article's main actor fills an
empty one. Also records where each party came from (evidence).
"""

from __future__ import annotations

import re

from .frame import in_other_subordinate
from .lexicon import Lexicon
from .records import Cand, Discourse
from .text import WORD, within, words_after, words_before


def party_evidence(c: Cand, local, cl, segments, disc: Discourse, lex: Lexicon) -> None:
    """origin/destination: named in the number's segment (own phrase) or clause (sentence);
    WORLD for a flow with no partner named is what the sentence says; the article's main
    country filled in for an unnamed side comes from the article."""
    seg = within(segments, c.num_start)
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


def has_party(local, cl) -> bool:
    return any(s.label_ in ("COUNTRY", "REGION", "COUNTRY_DESC") and cl[0] <= a < cl[1] for a, b, s in local)


def verb_direction(text: str, cl, disc: Discourse, local, lex: Lexicon) -> str | None:
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


def parties(c: Cand, text: str, local, cl, segments, disc: Discourse, direction: str, lex: Lexicon) -> tuple[str | None, str | None]:
    mentions = [(a, b, s) for a, b, s in local if s.label_ in ("COUNTRY", "REGION", "COUNTRY_DESC") and cl[0] <= a < cl[1]
                and (c.kind != "rank" or b <= c.start) and not in_other_subordinate(disc.sent, a, c.num_start)
                and not lex.partial_party.search(text[max(cl[0], a - 40):a])]
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
    seg = within(segments, c.num_start)
    if c.kind == "share" and re.match(r"\s+of\b", text[c.num_end:]):
        # "41% of the country's worldwide exports": the of-phrase names the whole, not the part
        stop = re.search(r"\b(?:went|were|was|is|are|came|goes|headed|shipped|left)\b|[,;]", text[c.num_end:])
        whole_end = c.num_end + (stop.start() if stop else len(text))
        mentions = [m for m in mentions if not c.num_end <= m[0] < whole_end]
    own = [m for m in mentions if seg[0] <= m[0] < seg[1]]
    others = [m for m in mentions if not seg[0] <= m[0] < seg[1]]
    # "Moscow supplied 0.94 mt and the United States 0.48 mt": a country in a segment with a
    # figure of its own belongs to that figure (always when it comes after this one)
    others = [m for m in others if not ((own or m[0] > c.num_start) and any(
        within(segments, m[0]) == within(segments, n) for n in disc.numbers if n != c.num_start))]
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
    gap = text[a:c.start]
    if not re.fullmatch(r"[\s\w.'’-]{0,30}?\s*(?:with\s+)?", gap) or \
            any(w.lower() in lex.gapped_verbs for w in WORD.findall(gap)):
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
    before = words_before(text, a, 2)
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
    nxt = words_after(text, b + 2 if possessive else b, 3)
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
    named = re.match(r"\s*(?:was|is|remained|became|has\s+been)\s+(?:the\s+|its\s+)?((?:\w+\s+){0,2}\w+)",
                     text[b + 2 if possessive else b:b + 60], re.I)
    for word in named.group(1).lower().split() if named else ():
        noun = word if word in lex.role_nouns else word[:-1] if word.endswith("s") else None
        if noun in lex.role_nouns:
            return lex.role_nouns[noun]  # "Germany was the largest buyer", "the main supplier"
    if explicit:
        return None
    if code == disc.main_actor:
        return "origin" if direction == "export" else "destination"
    return "destination" if direction == "export" else "origin"
