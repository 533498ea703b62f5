"""Actor mentions in tokenized sentences, resolved for a day, with the packaged knowledge."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Span

from blocs.actors.mentions import ActorSpan, _longest_first
from blocs.events.extractor import EventExtractor
from blocs.events.setup import load_extractor
from blocs.nlp.pipeline import tokenizer_of


@pytest.fixture(scope="module")
def extractor() -> EventExtractor:
    return load_extractor()


def _actors(
    extractor: EventExtractor, text: str, day: date | None = date(2020, 9, 1)
) -> list[ActorSpan]:
    doc = extractor.marker(tokenizer_of(extractor.nlp)(text))
    return [a for a in extractor.finder.find(doc, day) if a.country is not None]


def _codes(
    extractor: EventExtractor, text: str, day: date | None = date(2020, 9, 1)
) -> list[tuple[str, str]]:
    return [(a.text, a.code) for a in _actors(extractor, text, day)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Russian foreign minister", [("Russian foreign minister", "RUSGOV")]),
        ("Russia's defence ministry", [("Russia's defence ministry", "RUSMIL")]),
        ("the Kremlin", [("Kremlin", "RUSGOV")]),
        ("the Pentagon", [("Pentagon", "USAMIL")]),
        ("Ankara", [("Ankara", "TURGOV")]),
        ("the Belarusian opposition", [("Belarusian opposition", "BLROPP")]),
        ("French President Emmanuel Macron", [("French President Emmanuel Macron", "FRAGOV")]),
        ("the Government of National Accord", [("Government of National Accord", "LBYGOV")]),
        ("NATO", [("NATO", "NATO")]),
        ("protesters in Tehran", [("protesters in Tehran", "IRNOPP")]),
    ],
)
def test_names_titles_metonyms_and_role_words_resolve(
    extractor: EventExtractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(extractor, text) == expected


def test_compounds_name_both_states(extractor: EventExtractor) -> None:
    countries = [a.country for a in _actors(extractor, "the Franco-Russian council")]
    assert countries == ["FRA", "RUS"]


def test_a_leader_out_of_office_is_a_former_official(extractor: EventExtractor) -> None:
    assert _codes(extractor, "Sarkozy", date(2009, 1, 1)) == [("Sarkozy", "FRAGOV")]
    assert _codes(extractor, "Sarkozy", date(2020, 1, 1)) == [("Sarkozy", "FRAELI")]


def test_one_edit_misspellings_match_but_english_words_do_not(
    extractor: EventExtractor,
) -> None:
    fuzzy = extractor.fuzzy
    assert fuzzy.match("Marcon") == "Macron"
    assert fuzzy.match("Markets") is None  # an English word
    assert fuzzy.match("Macron") is None  # exact names are not fuzzy matches
    assert fuzzy.match("Mxcrxn") is None  # two edits away
    assert fuzzy.match("macron") is None  # not capitalised


def test_overlapping_marks_keep_the_longest_then_the_leftmost() -> None:
    nlp = spacy.blank("en")
    doc = nlp("a b c d e f")
    spans = [Span(doc, 0, 2), Span(doc, 1, 4), Span(doc, 3, 5), Span(doc, 4, 6), Span(doc, 5, 6)]
    assert [(s.start, s.end) for s in _longest_first(spans)] == [(1, 4), (4, 6)]
    assert _longest_first([]) == []


def _parsed(extractor: EventExtractor, text: str) -> list[tuple[str, str]]:
    """The placed actors of a parsed sentence."""
    doc = extractor.nlp(text)
    found = extractor.fuzzy_finder.find(doc, date(2019, 6, 1))
    return [(a.text, a.code) for a in found if a.country is not None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dateline's city is where the story was filed, not an actor
        (
            "HANOI, Vietnam (AP) — Esper accused China.",
            [("Vietnam", "VNM"), ("AP", "USAMEDAPX"), ("China", "CHN")],
        ),
        ("Washington - US envoys accused Iran.", [("US envoys", "USAGOV"), ("Iran", "IRN")]),
        ("Tehran, March 15 - Officials blamed Israel.", [("Israel", "ISR")]),
        # ... but it still tells whose the role word right after it is
        ("BOGOTA - Police arrested two men.", [("BOGOTA - Police", "COLCOP")]),
        # ... and a news agency in the dateline does not
        (
            "Tehran, March 15, IRNA - Secretary-General Ali Ahmadi condemned Israel.",
            [("IRNA", "IRNMEDIRN"), ("Israel", "ISR")],
        ),
        ("The Saudi-led coalition struck Hodeidah.", [("Saudi-led coalition", "SAUMIL")]),
        # a city written as a name, then a comma, is the government speaking
        (
            "Washington, which backs Kyiv, warned Moscow.",
            [("Washington", "USAGOV"), ("Kyiv", "UKRGOV"), ("Moscow", "RUSGOV")],
        ),
        # a place of origin
        ("A London-based think tank criticised Paris.", [("Paris", "FRAGOV")]),
        # a state adjective opening another proper name
        ("The American Farm Bureau Federation criticised China.", [("China", "CHN")]),
        # a state's name ending a company's: its local branch, not the state
        ("Kestrova Philippines signed a supply deal with Manila.", [("Manila", "PHLGOV")]),
        ("Officials said Philippines exports fell.", [("Philippines", "PHL")]),
        ("The Philippines protested.", [("Philippines", "PHL")]),
        (
            "The Russian Foreign Minister met the Chinese President.",
            [("Russian Foreign Minister", "RUSGOV"), ("Chinese President", "CHNGOV")],
        ),
        (
            "Russian Troops Enter Ukrainian Town",
            [("Russian Troops", "RUSMIL"), ("Ukrainian", "UKR")],
        ),
        # an acronym as British style writes it
        ("Nato warned Farc.", [("Nato", "NATO"), ("Farc", "COLREBFAR")]),
        # national agencies by acronym
        ("The DEA and ICE raided the farm.", [("DEA", "USACOPDEA"), ("ICE", "USACOPICE")]),
    ],
)
def test_places_of_filing_and_names_that_are_not_actors(
    extractor: EventExtractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _parsed(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The court sentenced Hazari to prison.",  # not the IDF's spokesman Hagari
        "Headley told investigators he had scouted the hotel.",  # not Stephen Hadley
        "Deval Patrick met voters in Iowa.",  # a first name, not India's Doval
        "The Nazis seized the painting.",  # a plural, not Egypt's Nazif
    ],
)
def test_near_misses_of_officials_and_words_are_nobody(
    extractor: EventExtractor, text: str
) -> None:
    assert _parsed(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tim Morrison testified on Thursday.", []),  # not Australia's Scott Morrison
        ("Michelle Obama visited Kenya.", [("Kenya", "KEN")]),
        ("Officers stopped a van driven by Carl J. Blair.", []),  # not Tony Blair
        ("Tony B. Blair spoke in Kenya.", [("Blair", "GBRELI"), ("Kenya", "KEN")]),
        ("Mr Morrison met Modi.", [("Morrison", "AUSGOV"), ("Modi", "INDGOV")]),
        ("Then Morrison said he would go.", [("Morrison", "AUSGOV")]),
        ("Recep Erdogan met Putin.", [("Erdogan", "TURGOV"), ("Putin", "RUSGOV")]),
        # the person's own first name, spelt another way
        ("Mohammad Morsi met Erdogan.", [("Morsi", "EGYELI"), ("Erdogan", "TURGOV")]),
    ],
)
def test_a_surname_after_another_first_name_is_someone_else(
    extractor: EventExtractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _parsed(extractor, text) == expected


def test_a_misspelt_head_of_state_in_office_still_matches(extractor: EventExtractor) -> None:
    assert _parsed(extractor, "Marcon spoke on Sunday.") == [("Marcon", "FRAGOV")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A state adjective or possessive before a noun of settings.txt is where, not who.
        ("Moscow joined the Syrian war in 2015.", [("Moscow", "RUSGOV")]),
        ("Tehran armed both sides of Yemen's civil war.", [("Tehran", "IRNGOV")]),
        ("Marines landed in the former French colony.", []),
        ("The Syrian army shelled the town.", [("Syrian army", "SYRMIL")]),
        (
            "Warsaw rejected Belarus's presidential election.",
            [("Warsaw", "POLGOV"), ("Belarus", "BLR")],
        ),
        # A capital placed by a bearing is a place.
        ("The plane crashed 40 miles south of Nairobi.", []),
        ("Gunmen attacked a checkpoint outside Baghdad.", []),
        ("Police in Nairobi arrested two men.", [("Police in Nairobi", "KENCOP")]),
    ],
)
def test_states_that_are_only_the_setting_are_no_actors(
    extractor: EventExtractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("King and Hollis were kidnapped in 2016.", []),
        ("Mayor Jim Bishop resigned on Monday.", ["Mayor"]),
        ("The King received the envoy.", ["King"]),
        ("President Ortiz met the envoy.", ["President"]),  # a title before a name
    ],
)
def test_a_title_that_is_part_of_a_name_is_no_role_word(
    extractor: EventExtractor, text: str, titles: list[str]
) -> None:
    doc = extractor.nlp(text)
    found = [
        a.text
        for a in extractor.finder.find(doc, date(2020, 9, 1))
        if a.kind == "agent" and a.text.istitle()
    ]
    assert found == titles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The People’s Liberation Army moved in.", [("People’s Liberation Army", "CHNMIL")]),
        ("Côte d’Ivoire recalled its envoy.", [("Côte d’Ivoire", "CIV")]),
        ("The US chargé d’affaires left.", [("US chargé d’affaires", "USAGOV")]),
    ],
)
def test_names_with_a_typographic_apostrophe_resolve(
    extractor: EventExtractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "diplomats from Norway, Sweden and Finland",
            [("diplomats from Norway", "NORGOV"), ("Sweden", "SWEGOV"), ("Finland", "FINGOV")],
        ),
        ("soldiers from Chad and Niger", [("soldiers from Chad", "TCDMIL"), ("Niger", "NERMIL")]),
    ],
)
def test_states_coordinated_after_a_role_words_place_share_the_role(
    extractor: EventExtractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(extractor, text) == expected
