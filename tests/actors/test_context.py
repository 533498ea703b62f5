"""Article context places the role words a sentence leaves without a country."""

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


def test_regime_forces_belong_to_the_main_country(extractor: EventExtractor) -> None:
    context = ArticleContext()
    context.observe(_actors(extractor, "Syria and Turkey traded fire; Syria blamed Ankara."))
    assert context.main_country == "SYR"
    later = context.complete(_actors(extractor, "Regime forces shelled the town."))
    assert [a.code for a in later] == ["SYRMIL"]


def test_civilians_take_the_country_of_the_place_named() -> None:
    civilians = ActorSpan(0, 1, "civilians", "CVL", None, "CVL", "agent", "agent:civilian", "agent")
    town = ActorSpan(3, 4, "Kharkiv", "UKR", "UKR", None, "place", "Kharkiv", "place")
    context = ArticleContext()
    context.observe([ActorSpan(0, 1, "Russia", "RUS", "RUS", None, "state", "state:RUS", "exact")])
    [placed] = context.complete([civilians], [town])
    assert (placed.code, placed.country) == ("UKRCVL", "UKR")
    [unplaced] = context.complete([civilians])
    assert unplaced.code == "RUSCVL"
