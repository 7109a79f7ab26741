"""spaCy component "extractor_vocab": tags countries, regions, commodities, indicators and
generic country descriptions into doc.spans["vocab"].

Every span carries `span._.code` (ISO alpha-2 / region code / canonical commodity /
indicator name), `span._.kind`, `span._.needs_context`, `span._.attrs` (a dict or None) and,
for INDICATOR, `span._.direction` ("export" | "import" | None). COUNTRY_DESC spans are not
resolved here: `span._.attrs` holds what the claims layer needs to resolve them
(type, region hint, rank, role, scope, commodity).

Matching is two PhraseMatchers (exact forms and LOWER) plus a small token-pattern Matcher,
all compiled once from the data files; overlaps go to the longest span.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractor.nlp import vocab
from extractor.nlp.vocab import COMMODITY, COUNTRY, COUNTRY_DESC, IGNORE, REGION

_EXTENSIONS: dict[str, Any] = {
    "code": None,
    "direction": None,
    "kind": None,
    "needs_context": False,
    "attrs": None,
}


def register_extensions() -> None:
    """Register the Span extensions once; other components may have registered theirs."""
    for name, default in _EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


_PROPN_TAGS = {"NNP", "NNPS"}


class VocabComponent:
    def __init__(self, nlp: Language, name: str, spans_key: str, include_needs_context: bool) -> None:
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.include_needs_context = include_needs_context
        data = vocab.countries_data()
        self.require_propn = set(data.get("require_propn", []))
        self.not_before = {k: set(v) for k, v in data.get("not_before", {}).items()}
        for row in vocab.commodities_data():
            for word in (row["name"], row["name"].capitalize()):
                self.not_before.setdefault(word, set()).update(row.get("not_before", []))
        self.org_suffixes = set(data.get("org_suffixes", []))
        self.hyphen_suffixes: dict[str, str | None] = data.get("hyphen_suffixes", {})
        desc = data["descriptions"]
        self.superlatives = set(desc.get("superlatives", []))
        self.ordinals: dict[str, int] = desc.get("ordinals", {})

        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher = Matcher(nlp.vocab)
        # match key -> (label, code, kind, direction, needs_context)
        self.records: dict[int, tuple[str, str, str, str | None, bool]] = {}
        # match keys of lowercase-written region words ("world", "global")
        self.lower_written: set[int] = set()
        self.exact_party: dict[str, tuple[str, str, str]] = {}

        orth_docs: dict[str, list[Doc]] = defaultdict(list)
        lower_docs: dict[str, list[Doc]] = defaultdict(list)
        for t in vocab.load_terms():
            key = self._key(nlp, t.label, t.code, t.kind, t.direction, t.needs_context)
            if t.label == REGION and t.lower_written:
                key += "|lw"
                self.records[nlp.vocab.strings.add(key)] = (
                    t.label,
                    t.code,
                    t.kind,
                    t.direction,
                    t.needs_context,
                )
                self.lower_written.add(nlp.vocab.strings[key])
            if t.case == "orth":
                orth_docs[key].extend(nlp.make_doc(f) for f in t.forms)
            else:
                lower_docs[key].append(nlp.make_doc(t.text))
            if t.label in (COUNTRY, REGION) and not t.needs_context:
                for f in (t.text, *t.forms):
                    self.exact_party.setdefault(f, (t.label, t.code, t.kind))
        for key, docs in orth_docs.items():
            self.orth.add(key, docs)
        for key, docs in lower_docs.items():
            self.lower.add(key, docs)
        for row in vocab.commodities_data():
            if row.get("patterns"):
                key = self._key(
                    nlp, COMMODITY, row["name"], "pattern", None, bool(row.get("patterns_need_context"))
                )
                self.matcher.add(key, row["patterns"])
        self._add_description_patterns(nlp, desc["patterns"], data["regions"])

    def _key(
        self, nlp: Language, label: str, code: str, kind: str, direction: str | None, needs: bool
    ) -> str:
        key = f"{label}|{code}|{kind}|{direction}|{int(needs)}"
        self.records[nlp.vocab.strings.add(key)] = (label, code, kind, direction, needs)
        return key

    def _add_description_patterns(self, nlp: Language, patterns: list[dict], regions: dict[str, Any]) -> None:
        """Expand the {"REGION_ADJ": "?"|"1"} placeholder into token slots.

        Region adjectives are grouped by token length with one IN-set per slot, which keeps
        the Matcher to a few dozen patterns; a slot combination that is no real adjective
        simply gets no region hint.
        """
        by_len: dict[int, list[set[str]]] = {}
        for entry in regions.values():
            for adj in entry.get("demonyms", []):
                toks = [t.lower_ for t in nlp.make_doc(adj)]
                slots = by_len.setdefault(len(toks), [set() for _ in toks])
                for slot, tok in zip(slots, toks, strict=True):
                    slot.add(tok)
        for n, item in enumerate(patterns):
            key = self._key(nlp, COUNTRY_DESC, item["type"], f"desc{n}", None, False)
            expanded: list[list[dict]] = [[]]
            for tok in item["pattern"]:
                if "REGION_ADJ" not in tok:
                    expanded = [p + [tok] for p in expanded]
                    continue
                variants = [[{"LOWER": {"IN": sorted(s)}} for s in slots] for slots in by_len.values()]
                if tok["REGION_ADJ"] == "?":
                    variants.append([])
                expanded = [p + v for p in expanded for v in variants]
            self.matcher.add(key, expanded)

    # -- matching ---------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        cands: dict[tuple[int, int, str], tuple[str, str, str | None, bool]] = {}
        tagged = doc.has_annotation("TAG")
        for matcher in (self.orth, self.lower, self.matcher):
            for match_id, start, end in matcher(doc):
                label, code, kind, direction, needs = self.records[match_id]
                if needs and not self.include_needs_context:
                    continue
                if not self._keep(doc, start, end, tagged):
                    continue
                if match_id in self.lower_written and doc[start].is_title and not doc[start].is_sent_start:
                    continue  # "Third World", "Caesars World": a capitalised "world" mid-sentence is a name
                cands.setdefault((start, end, label), (code, kind, direction, needs))
        self._hyphen_compounds(doc, cands)

        spans = [Span(doc, s, e, label=label) for (s, e, label) in cands]
        kept = [s for s in filter_spans(spans) if s.label_ != IGNORE]
        for span in kept:
            code, kind, direction, needs = cands[(span.start, span.end, span.label_)]
            span._.code = code
            span._.kind = kind
            span._.direction = direction
            span._.needs_context = needs
            if span.label_ == COUNTRY_DESC:
                span._.kind = "description"
                span._.attrs = self._describe(doc, span, code, cands)
            elif span.label_ in (COUNTRY, REGION):
                attrs = self._suffix_attrs(doc, span)
                if attrs:
                    span._.attrs = attrs
        doc.spans[self.spans_key] = kept
        return doc

    def _keep(self, doc: Doc, start: int, end: int, tagged: bool) -> bool:
        text = doc[start:end].text
        if text in self.require_propn and tagged:
            # "Turkey", "Chad", "Jordan" are countries only as proper nouns
            if any(t.tag_ not in _PROPN_TAGS for t in doc[start:end]):
                return False
        stop = self.not_before.get(doc[end - 1].text)
        if stop and end < len(doc) and doc[end].lower_ in stop:
            return False  # "World Bank", "Indian Ocean", "American Express"
        # "Georgia Power Co", "Gulf Oil Corp", "Brazil Fund Inc": part of a company name
        for tok in doc[end : end + 3]:
            if tok.text in self.org_suffixes:
                return False
            if not tok.is_title:
                break
        return True

    def _hyphen_compounds(self, doc: Doc, cands: dict) -> None:
        """One-token compounds such as "U.S.-bound" or "China-made" (the tokenizer keeps them whole)."""
        for tok in doc:
            text = tok.text
            if "-" not in text or len(text) < 4:
                continue
            prefix, _, suffix = text.rpartition("-")
            if suffix.lower() not in self.hyphen_suffixes or prefix not in self.exact_party:
                continue
            label, code, kind = self.exact_party[prefix]
            cands.setdefault((tok.i, tok.i + 1, label), (code, kind, None, False))

    def _suffix_attrs(self, doc: Doc, span: Span) -> dict[str, Any] | None:
        """Role implied by a "-bound"/"-made" suffix: "US-bound" cargoes go to the US."""
        if (
            len(span) == 1
            and "-" in span.text
            and span.text.rpartition("-")[2].lower() in self.hyphen_suffixes
        ):
            suffix = span.text.rpartition("-")[2].lower()
        elif (
            span.end + 1 < len(doc)
            and doc[span.end].text == "-"
            and doc[span.end + 1].lower_ in self.hyphen_suffixes
        ):
            suffix = doc[span.end + 1].lower_
        else:
            return None
        return {"suffix": suffix, "role": self.hyphen_suffixes[suffix]}

    def _describe(self, doc: Doc, span: Span, dtype: str, cands: dict) -> dict[str, Any]:
        attrs: dict[str, Any] = {
            "type": dtype,
            "region": None,
            "rank": None,
            "ordinal": None,
            "role": None,
            "scope": None,
            "commodity": None,
            "country": None,
        }
        lowers = [t.lower_ for t in span]
        inside = [
            (s, e, label, code, kind)
            for (s, e, label), (code, kind, _d, _n) in cands.items()
            if span.start <= s and e <= span.end
        ]
        regions = [
            (e - s, s, e, code) for s, e, label, code, kind in inside if label == REGION and kind == "demonym"
        ]
        if regions:
            attrs["region"] = max(regions)[3]  # "Southeast Asian" over "Asian"
        for s, e, label, code, _kind in inside:
            if label == COMMODITY and attrs["commodity"] is None:
                attrs["commodity"] = code
            elif label == COUNTRY and attrs["country"] is None:
                # "the sole U.S. importer"; not the "American" of "South American"
                if not any(r_s <= s and e <= r_e for _n, r_s, r_e, _c in regions):
                    attrs["country"] = code
        if dtype == "rank":
            attrs["role"] = span[-1].lemma_ or span[-1].lower_
            attrs["scope"] = "world" if "world" in lowers else None
            attrs["rank"] = next((w for w in lowers if w in self.superlatives), None)
            attrs["ordinal"] = next((self.ordinals[w] for w in lowers if w in self.ordinals), 1)
            # "the world's largest producer of rare earth magnets": the commodity follows "of"
            if attrs["commodity"] is None and span.end < len(doc) and doc[span.end].lower_ == "of":
                best = None
                for (s, e, label), (code, _k, _d, _n) in cands.items():
                    if (
                        label == COMMODITY
                        and span.end < s <= span.end + 3
                        and (best is None or e - s > best[0])
                    ):
                        best = (e - s, code)
                attrs["commodity"] = best[1] if best else None
        elif dtype == "neighbour":
            attrs["role"] = "neighbour"
        return attrs


@Language.factory(
    "extractor_vocab",
    default_config={"spans_key": "vocab", "include_needs_context": True},
)
def make_extractor_vocab(
    nlp: Language, name: str, spans_key: str, include_needs_context: bool
) -> VocabComponent:
    return VocabComponent(nlp, name, spans_key, include_needs_context)


@Language.component("extractor_sentences")
def extractor_sentences(doc: Doc) -> Doc:
    """Sentence starts the parser would miss in news text: a new line starts a sentence
    (headings, bullets, "By region" section labels), and so does a capitalised word after a
    unit abbreviation that closes a sentence ("... 2,821.403 mt. Asia took ...").
    Runs before the parser, which keeps boundaries already set."""
    units = _sentence_final_abbreviations()
    for i, tok in enumerate(doc):
        if i == 0:
            continue
        prev = doc[i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            # ingest unwraps hard-wrapped prose, so a line break ends a paragraph, heading
            # or list item; a lower-case start is still a wrap
            if not tok.is_space and (tok.is_title or tok.is_upper or not tok.text[:1].isalnum()):
                tok.is_sent_start = True
        elif tok.is_title and ((prev.text.endswith(".") and prev.text.lower().rstrip(".") in units) or
                               (prev.text == "." and i > 1 and doc[i - 2].text.lower() in units)):
            tok.is_sent_start = True
        elif (tok.lower_.rstrip(".") in units and prev.like_num) or \
                (tok.text == "." and prev.lower_ in units and i > 1 and doc[i - 2].like_num):
            tok.is_sent_start = False  # "2,821.403 mt." stays one sentence with its unit
        elif tok.is_lower and prev.is_alpha and not prev.is_punct:
            tok.is_sent_start = False  # "... up 8.8% on | the year": no sentence starts mid-phrase
    return doc


def _sentence_final_abbreviations() -> frozenset[str]:
    import json
    from importlib import resources

    raw = resources.files("extractor").joinpath("data/sentences.json").read_text("utf-8")
    return frozenset(json.loads(raw)["sentence_final_abbreviations"])
