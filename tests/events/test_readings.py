"""Readings the rules give on sentences written for the test: force told by a weapon,
threats of force, classes described by their past, agents of passive attacks, hyphenated
parties of a noun, and the word-order guess."""

from __future__ import annotations

from datetime import date

import pytest

from blocs.events.extractor import EventExtractor
from blocs.nlp.sentences import split_sentences
from blocs.records import Event

PUBLISHED = date(2021, 3, 1)


def _events(extractor: EventExtractor, text: str) -> list[Event]:
    return extractor.extract("a1", split_sentences("a1", text), PUBLISHED).events


def _codes(extractor: EventExtractor, text: str) -> set[tuple[str | None, str | None, str, str]]:
    return {
        (e.source_country, e.target_country, e.plover, e.cameo[:2])
        for e in _events(extractor, text)
    }


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces hit Ukrainian positions with artillery.",
        "Iran struck the Iraqi base with rockets.",
        "Israel launched drones at Syria.",
    ],
)
def test_a_force_verb_with_a_weapon_is_an_armed_attack(
    extractor: EventExtractor, text: str
) -> None:
    codes = _codes(extractor, text)
    assert codes and all(plover == "ASSAULT" and root == "19" for _, _, plover, root in codes)


def test_a_force_verb_without_a_weapon_is_no_attack(extractor: EventExtractor) -> None:
    for text in ("Iran launched talks with Iraq.", "The Turkish sanctions hit Iran's economy."):
        assert all(plover != "ASSAULT" for _, _, plover, _ in _codes(extractor, text)), text


def test_a_threat_to_use_force_is_a_threat_not_an_attack(extractor: EventExtractor) -> None:
    for text in (
        "Iran threatened to strike Israel.",
        "North Korea threatened to use nuclear weapons against Japan.",
    ):
        codes = _codes(extractor, text)
        assert {plover for _, _, plover, _ in codes} == {"THREATEN"}, text
        assert all(root == "13" for _, _, _, root in codes)


def test_a_class_described_by_its_past_is_not_an_event(extractor: EventExtractor) -> None:
    text = (
        "The only two Arab states to have signed peace treaties with Israel – Egypt and "
        "Jordan – sent envoys."
    )
    assert _events(extractor, text) == []
    assert ("IRN", "IRQ", "ASSAULT", "19") in _codes(
        extractor, "Iran is said to have attacked Iraq."
    )


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            "Five Yemeni civilians were killed in air strikes carried out by Saudi Arabia.",
            "SAU",
            "YEM",
        ),
        ("Three Syrian soldiers were killed in a Turkish drone strike.", "TUR", "SYR"),
    ],
)
def test_a_passive_attack_is_done_by_who_carried_out_its_strike(
    extractor: EventExtractor, text: str, source: str, target: str
) -> None:
    dyads = {(s, t) for s, t, plover, _ in _codes(extractor, text) if plover == "ASSAULT"}
    assert dyads == {(source, target)}


def test_hyphenated_parties_of_a_noun_are_both_parties(extractor: EventExtractor) -> None:
    codes = _codes(extractor, "The Iran-Iraq talks resumed in Baghdad.")
    assert {(s, t) for s, t, plover, _ in codes if plover == "CONSULT"} >= {("IRN", "IRQ")}


def test_the_word_order_guess_never_reads_a_phrasal_verb_without_its_particle(
    extractor: EventExtractor,
) -> None:
    # "hit out at" (criticism) is a pattern; "hit" alone is not.
    text = "Egyptian protesters hit the Turkish ambassador's car."
    assert all(e.plover != "ACCUSE" for e in _events(extractor, text))


def test_clashes_between_two_states_are_force_both_ways(extractor: EventExtractor) -> None:
    codes = _codes(extractor, "Heavy clashes between Armenia and Azerbaijan left dozens dead.")
    dyads = {(s, t) for s, t, plover, _ in codes if plover == "ASSAULT"}
    assert dyads == {("ARM", "AZE"), ("AZE", "ARM")}


def test_a_threat_takes_the_code_of_what_it_threatens(extractor: EventExtractor) -> None:
    cases = {
        "Iran threatened to strike Israel.": "138",
        "The United States threatened to impose sanctions on Turkey.": "1312",
        "China threatened Taiwan.": "130",
    }
    for text, cameo in cases.items():
        assert {e.cameo for e in _events(extractor, text) if e.plover == "THREATEN"} == {cameo}


def test_the_head_of_a_compound_decides_the_event(extractor: EventExtractor) -> None:
    codes = _codes(extractor, "The China-US trade talks resumed in Beijing.")
    assert {plover for _, _, plover, _ in codes} == {"CONSULT"}
    trade = _codes(extractor, "Trade between Germany and France grew.")
    assert ("DEU", "FRA", "COOPERATE", "06") in trade
