"""Resolution rules for armed forces, missions, coalitions, sides and lone surnames."""

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


def _actors(extractor: EventExtractor, text: str, day: date = date(2020, 9, 1)) -> list[ActorSpan]:
    doc = extractor.marker(tokenizer_of(extractor.nlp)(text))
    return extractor.finder.find(doc, day)


def _codes(extractor: EventExtractor, text: str, day: date = date(2020, 9, 1)) -> list[str]:
    return [a.code for a in _actors(extractor, text, day)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The KDF said its soldiers held the town.", "KENMIL"),
        ("FARDC units moved north.", "CODMIL"),
        ("The ISPR issued a statement.", "PAKMIL"),
        ("An SAA column entered the village.", "SYRMIL"),
    ],
)
def test_armed_forces_acronyms_name_their_state_military(
    extractor: EventExtractor, text: str, code: str
) -> None:
    assert code in _codes(extractor, text)


def test_sdf_is_japanese_beside_japan_and_syrian_otherwise(extractor: EventExtractor) -> None:
    assert "JPNMIL" in _codes(extractor, "Japan sent the SDF to the island after the quake.")
    assert "SYRREBSDF" in _codes(extractor, "The SDF held the dam against the jihadists.")


def test_a_peace_mission_acts_for_its_organisation(extractor: EventExtractor) -> None:
    [mission] = [a for a in _actors(extractor, "UNMISS peacekeepers guarded the camp.")]
    assert (mission.code, mission.country, mission.text) == ("UNMISS", "UN", "UNMISS peacekeepers")


def test_a_led_coalition_is_its_lead_state(extractor: EventExtractor) -> None:
    [coalition] = _actors(extractor, "The Saudi-led coalition hit the port.")
    assert (coalition.code, coalition.text) == ("SAUMIL", "Saudi-led coalition")


def test_an_operation_stands_for_its_lead_state(extractor: EventExtractor) -> None:
    assert _codes(extractor, "Operation Barkhane ended in the Sahel.") == ["FRAMIL"]


def test_pro_state_separatists_are_not_that_state(extractor: EventExtractor) -> None:
    actors = _actors(extractor, "Pro-Moldovan and pro-Russian separatists clashed again.")
    assert [(a.code, a.country) for a in actors] == [("SEP", None)]


def test_a_leader_named_for_a_side_gives_the_side(extractor: EventExtractor) -> None:
    actors = _actors(extractor, "Pro-Maduro militias fired on the crowd.", date(2019, 3, 1))
    assert [a.code for a in actors] == ["VENUAF"]


def test_a_leader_before_a_role_word_is_the_state(extractor: EventExtractor) -> None:
    actors = _actors(extractor, "The Maduro government expelled the envoy.", date(2019, 3, 1))
    assert actors[0].code == "VENGOV"


def test_a_lone_surname_of_a_former_minister_is_not_them(extractor: EventExtractor) -> None:
    text = "Mattis scored twice as the visitors won the cup final."
    assert _codes(extractor, text, date(2024, 5, 1)) == []
    assert _codes(extractor, "Jim Mattis spoke.", date(2024, 5, 1)) == ["USAELI"]
    assert _codes(extractor, "Mattis spoke.", date(2018, 5, 1)) == ["USAGOV"]


def test_a_former_head_of_government_keeps_his_surname(extractor: EventExtractor) -> None:
    assert _codes(extractor, "Morrison spoke.", date(2024, 5, 1)) == ["AUSELI"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Soldiers drove the Rohingya from their villages.", "MMRCVLROH"),
        ("Iraqi Kurds voted for independence.", "IRQCVL"),
        ("Guards beat the detainees.", "CVL"),
    ],
)
def test_peoples_and_civilians_are_actors(extractor: EventExtractor, text: str, code: str) -> None:
    assert code in _codes(extractor, text)


def test_a_governing_coalition_is_a_government(extractor: EventExtractor) -> None:
    assert _codes(extractor, "The Dutch coalition government fell.") == ["NLDGOV"]
