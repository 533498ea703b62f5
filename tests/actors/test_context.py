"""Article context: the coalition named before, the article's main country."""

from __future__ import annotations

from datetime import date

import pytest

from blocs.actors.context import ArticleContext
from blocs.actors.mentions import ActorSpan
from blocs.events.extractor import EventExtractor
from blocs.events.setup import load_extractor
from blocs.nlp.pipeline import tokenizer_of


@pytest.fixture(scope="module")
def extractor() -> EventExtractor:
    return load_extractor()


def _actors(extractor: EventExtractor, text: str) -> list[ActorSpan]:
    doc = extractor.marker(tokenizer_of(extractor.nlp)(text))
    return extractor.finder.find(doc, date(2020, 9, 1))


def test_the_coalition_is_the_last_one_named(extractor: EventExtractor) -> None:
    context = ArticleContext()
    context.observe(_actors(extractor, "The Saudi-led coalition struck Hodeidah."))
    later = context.complete(_actors(extractor, "The coalition denied it."))
    assert [(a.text, a.code, a.country) for a in later] == [("coalition", "SAUMIL", "SAU")]


def test_a_coalition_nobody_named_stays_unplaced(extractor: EventExtractor) -> None:
    later = ArticleContext().complete(_actors(extractor, "The coalition denied it."))
    assert [(a.code, a.country) for a in later] == [("MIL", None)]


def test_the_main_country_is_the_state_named_most(extractor: EventExtractor) -> None:
    context = ArticleContext()
    context.observe(_actors(extractor, "Syria and Turkey traded fire; Syria blamed Ankara."))
    assert context.main_country == "SYR"
