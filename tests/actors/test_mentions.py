"""Actor mentions in tokenized sentences, resolved for a day, with the packaged knowledge."""

from __future__ import annotations

from datetime import date

import pytest

from blocs.actors.mentions import ActorSpan
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
