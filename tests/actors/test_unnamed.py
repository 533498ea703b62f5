"""Names of bodies and titled people the knowledge files do not hold, seen before the parse."""

from __future__ import annotations

from datetime import date

import pytest

from blocs.actors.unnamed import institution_words, named_bodies, titled_names
from blocs.events.extractor import EventExtractor
from blocs.events.setup import load_extractor
from blocs.nlp.pipeline import tokenizer_of
from blocs.nlp.sentences import split_sentences

DAY = date(2020, 9, 2)


@pytest.fixture(scope="module")
def extractor() -> EventExtractor:
    return load_extractor()


def _names(extractor: EventExtractor, text: str) -> tuple[list[str], list[str]]:
    doc = extractor.marker(tokenizer_of(extractor.nlp)(text))
    actors = extractor.finder.find(doc, DAY)
    texts = [t.text for t in doc]
    bodies = [doc[s:e].text for s, e in named_bodies(texts, actors)]
    titled = [doc[s:e].text for s, e in titled_names(texts, actors, extractor.vocabulary)]
    return bodies, titled


def test_the_head_words_are_capitalised() -> None:
    assert {"Department", "Authority", "Court"} <= institution_words()


def test_a_capitalised_name_with_a_head_word_is_a_body(extractor: EventExtractor) -> None:
    bodies, _ = _names(
        extractor, "The Lakeside Water Authority sued the Office of Harbour Planning."
    )
    assert bodies == ["Lakeside Water Authority", "Office of Harbour Planning"]


def test_one_capitalised_word_or_one_without_a_head_word_is_none(
    extractor: EventExtractor,
) -> None:
    assert _names(extractor, "The Department said Halvorsen Brothers would pay.")[0] == []


def test_a_title_before_an_unknown_name_is_a_titled_person(extractor: EventExtractor) -> None:
    assert _names(extractor, "Mayor Tomas Halvorsen resigned.")[1] == ["Tomas Halvorsen"]
    assert _names(extractor, "The Mayor Tuesday resigned.")[1] == []


def test_a_sentence_with_two_unknown_bodies_is_parsed(extractor: EventExtractor) -> None:
    text = "The Lakeside Water Authority sued the Harbour Shipping Company on Monday."
    result = extractor.extract("a1", split_sentences("a1", text), DAY)
    assert result.stats.parsed == 1
