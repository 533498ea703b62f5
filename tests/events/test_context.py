"""Sports and entertainment reports: words of play are not coded as security events,
other events of the same sentences are."""

from __future__ import annotations

from datetime import date

import pytest

from blocs.events.context import dateline_end
from blocs.events.extractor import EventExtractor
from blocs.nlp.sentences import split_sentences

PUBLISHED = date(2021, 3, 1)


def _dyads(extractor: EventExtractor, text: str) -> set[tuple[str | None, str | None, str]]:
    events = extractor.extract("a1", split_sentences("a1", text), PUBLISHED).events
    return {(e.source_country, e.target_country, e.plover) for e in events}


def test_an_attack_in_a_football_match_is_play(extractor: EventExtractor) -> None:
    text = "Germany attacked France relentlessly in the second half of the football match."
    assert _dyads(extractor, text) == set()


def test_the_same_attack_outside_a_sports_report_is_force(extractor: EventExtractor) -> None:
    text = "Germany attacked France relentlessly in the second half."
    assert ("DEU", "FRA", "ASSAULT") in _dyads(extractor, text)


def test_a_defending_champion_is_play(extractor: EventExtractor) -> None:
    text = "Italy will be back in action on Friday against defending champion Greece."
    assert _dyads(extractor, text) == set()


def test_a_sports_word_does_not_hide_an_event_of_another_kind(extractor: EventExtractor) -> None:
    text = "Russia released the American basketball player in exchange for an arms dealer."
    assert ("RUS", "USA", "RETREAT") in _dyads(extractor, text)


def test_a_match_report_is_a_sports_context_in_every_sentence(
    extractor: EventExtractor,
) -> None:
    text = (
        "The basketball final was played in Riga on Sunday. The home side lost. "
        "Russia attacked France relentlessly in the second half. "
        "The tournament ends next week. Fans went home early."
    )
    assert ("RUS", "FRA", "ASSAULT") not in _dyads(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NAIROBI (AP) - Kenyan police arrested three Somali nationals.", ("KEN", "SOM")),
        ("LIMA, Peru - Chilean officials condemned the Bolivian blockade.", ("CHL", "BOL")),
    ],
)
def test_the_names_of_a_dateline_are_no_party(
    extractor: EventExtractor, text: str, expected: tuple[str, str]
) -> None:
    pairs = {(s, t) for s, t, _ in _dyads(extractor, text)}
    assert expected in pairs
    assert all(s not in {"USA", "PER"} and t not in {"USA", "PER"} for s, t in pairs)


@pytest.mark.parametrize(
    "text",
    [
        # A story filed from two bureaus, and a dateline with the day.
        "WASHINGTON/LIMA (Reuters) - Chile condemned the Bolivian blockade.",
        "HONG KONG/TAIPEI (Reuters) - Chile condemned the Bolivian blockade.",
        "WASHINGTON, Oct 10 (Reuters) - Chile condemned the Bolivian blockade.",
        "SEOUL, Oct. 10 (Yonhap) -- Chile condemned the Bolivian blockade.",
    ],
)
def test_a_dateline_ends_at_its_dash(extractor: EventExtractor, text: str) -> None:
    doc = extractor.nlp.make_doc(text)
    assert doc[dateline_end(doc)].text == "Chile"


def test_a_dash_aside_is_no_dateline(extractor: EventExtractor) -> None:
    text = "Chile - a Pacific state - and Bolivia signed a border agreement."
    pairs = {(s, t) for s, t, _ in _dyads(extractor, text)}
    assert ("CHL", "BOL") in pairs or ("BOL", "CHL") in pairs
