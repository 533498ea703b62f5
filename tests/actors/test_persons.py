"""Ordinary people as civilian parties of the events they are an argument of."""

from __future__ import annotations

import pytest

from blocs.actors.persons import SECTOR, person_actors, person_nouns
from blocs.events.extractor import EventExtractor
from blocs.events.setup import load_extractor


@pytest.fixture(scope="module")
def extractor() -> EventExtractor:
    return load_extractor()


def _people(extractor: EventExtractor, text: str) -> list[tuple[str, str, str | None]]:
    doc = extractor.nlp(text)
    return [(a.text, a.code, a.country) for a in person_actors(doc, [], extractor.cues)]


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("Dutch police detained two women at the airport.", "women"),
        ("The ministry returned the stolen paintings to their owner.", "owner"),
        ("Several children were injured by the soldiers.", "children"),
    ],
)
def test_a_person_noun_on_an_event_word_is_a_civilian(
    extractor: EventExtractor, text: str, noun: str
) -> None:
    assert _people(extractor, text) == [(noun, SECTOR, None)]


def test_a_person_noun_on_no_event_word_is_no_party(extractor: EventExtractor) -> None:
    assert _people(extractor, "The old man smiled at the harbour.") == []


def test_the_nouns_are_lemmas_and_hold_no_role_word(extractor: EventExtractor) -> None:
    agents = extractor.finder.gazetteer.agents
    nouns = person_nouns()
    assert {"man", "people", "owner"} <= nouns
    assert not {n for n in nouns if n in agents}
