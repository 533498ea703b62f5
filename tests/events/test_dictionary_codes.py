"""A user's PETRARCH/TABARI dictionary with its own codes makes events with those codes:
custom country prefixes, groups, persons, IGOs, `/`-joined actors and `NGO~` agents."""

from __future__ import annotations

from datetime import date

import pytest

from blocs.events.extractor import EventExtractor
from blocs.events.setup import load_extractor
from blocs.nlp.sentences import split_sentences

ACTORS = """\
ZORBIA_FREEDOM_FRONT
+ZFF
\t[ZRBREB]
GRAND_DUCHY_OF_ZORBIA
+ZORBIA
\t[ZRB]
ACME_CORPORATION
\t[ACMBUS]
HELIOS_PEACE_MISSION
\t[IGOHPM]
JOINT_TASK_FORCE_KILO
\t[USAMIL/GBRMIL]
CAPTAIN_NEMO
\t[NMOELI 190101-301231]
"""
AGENTS = "HUMANITARIAN_WORKER [NGO~]\nSOLDIER [~MIL]\n"


@pytest.fixture(scope="module")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> EventExtractor:
    folder = tmp_path_factory.mktemp("dicts")
    (folder / "zorbia.actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "zorbia.agents.txt").write_text(AGENTS, encoding="utf-8")
    return load_extractor([folder / "zorbia.actors.txt", folder / "zorbia.agents.txt"])


def _coded(extractor: EventExtractor, text: str) -> set[tuple[str | None, ...]]:
    result = extractor.extract("a1", split_sentences("a1", text), date(2024, 5, 2))
    return {(e.source, e.source_country, e.target, e.target_country) for e in result.events}


def test_a_custom_country_and_its_rebels_make_a_domestic_event(extractor: EventExtractor) -> None:
    found = _coded(extractor, "Zorbia accused the ZFF of shelling the capital.")
    assert ("ZRB", "ZRB", "ZRBREB", "ZRB") in found


def test_custom_groups_and_companies_keep_their_codes(extractor: EventExtractor) -> None:
    found = _coded(extractor, "The Zorbia Freedom Front attacked Acme Corporation offices.")
    assert ("ZRBREB", "ZRB", "ACMBUS", "ACM") in found


def test_a_custom_igo_is_its_own_state_level_code(extractor: EventExtractor) -> None:
    found = _coded(extractor, "The Helios Peace Mission condemned Zorbia for the killings.")
    assert ("IGOHPM", "IGOHPM", "ZRB", "ZRB") in found


def test_a_slash_joined_code_is_one_actor_per_code(extractor: EventExtractor) -> None:
    found = _coded(extractor, "Joint Task Force Kilo struck ZFF positions near the border.")
    assert {("USAMIL", "USA", "ZRBREB", "ZRB"), ("GBRMIL", "GBR", "ZRBREB", "ZRB")} <= found


def test_a_person_with_a_custom_code_acts(extractor: EventExtractor) -> None:
    found = _coded(extractor, "Captain Nemo met the Zorbia Freedom Front leaders.")
    assert ("NMOELI", "NMO", "ZRBREB", "ZRB") in found


def test_an_agent_code_written_in_front_goes_in_front(extractor: EventExtractor) -> None:
    found = _coded(extractor, "The ZFF attacked humanitarian workers in Zorbia.")
    assert ("ZRBREB", "ZRB", "NGOZRB", "ZRB") in found


def test_an_agent_code_written_behind_goes_behind(extractor: EventExtractor) -> None:
    found = _coded(extractor, "The ZFF attacked Zorbia's soldiers near the border.")
    assert ("ZRBREB", "ZRB", "ZRBMIL", "ZRB") in found


def test_a_slash_joined_actor_in_a_joint_action_is_each_of_its_codes(
    extractor: EventExtractor,
) -> None:
    found = _coded(extractor, "Joint Task Force Kilo and the ZFF clashed near the border.")
    assert {("USAMIL", "USA", "ZRBREB", "ZRB"), ("ZRBREB", "ZRB", "GBRMIL", "GBR")} <= found
