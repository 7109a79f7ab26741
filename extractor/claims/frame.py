"""A number's frame in the dependency parse: the clause that governs it.

Series fields are read from the number's own frame first, then from the sentence's other
frames, but never from a subordinate clause about something else ("…, as makers of
electric cars stocked up": the cars are not what was shipped).
"""

from __future__ import annotations

# Clause heads: a token with one of these relations starts a clause of its own.
CLAUSE_DEPS = frozenset({"ROOT", "advcl", "relcl", "acl", "ccomp", "xcomp", "conj", "parataxis"})
# Clauses that describe circumstances of another one, not a figure of their own.
SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "acl"})
# A reduced relative on the clause's own subject or object is part of the figure's frame.
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "ROOT"})


def token_at(sent, offset: int):
    """The token of `sent` covering character `offset` (relative to the sentence)."""
    at = sent.start_char + offset
    for tok in sent:
        if tok.idx <= at < tok.idx + max(1, len(tok.text)):
            return tok
        if tok.idx > at:
            return tok
    return None


def clause_head(tok):
    """The verb or noun heading the clause `tok` belongs to."""
    for _ in range(40):  # parse trees are shallow; a bound keeps a broken parse cheap
        if tok.dep_ in CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            return tok
        tok = tok.head
    return tok


def in_other_subordinate(sent, mention_offset: int, number_offset: int) -> bool:
    """True when the mention sits in a subordinate clause that does not hold the number."""
    if sent is None:
        return False
    m, n = token_at(sent, mention_offset), token_at(sent, number_offset)
    if m is None or n is None:
        return False
    head = clause_head(m)
    if head.dep_ not in SUBORDINATE_DEPS:
        return False
    if head.dep_ == "acl" and (head.head.dep_ in ARGUMENT_DEPS or n.head.left_edge.i <= head.i <= n.head.right_edge.i):
        # "shipments bound for the US fell", "304 tons of magnets leaving China for Japan":
        # a reduced relative on the figure's own subject or amount is part of its frame
        return False
    # the number inside that clause (or below it) shares it
    return not (head.left_edge.i <= n.i <= head.right_edge.i)

