"""The rule word lists of knowledge/events/ load, name their source, and the rules and the
scorers take the PLOVER types they restate from plover.tsv."""

from __future__ import annotations

from importlib.resources import files

import pytest

from blocs.eval.events_score import PLOVER_TYPES, SYMMETRIC_TYPES
from blocs.eval.plv import SYMMETRIC_ROOTS
from blocs.events.force import weapons
from blocs.events.lexicon import load_event_lexicon
from blocs.events.wordlists import word_list

LISTS = sorted(
    p.name.removesuffix(".txt")
    for p in files("blocs").joinpath("knowledge", "events").iterdir()
    if p.name.endswith(".txt")
)


@pytest.mark.parametrize("name", LISTS)
def test_every_word_list_names_its_source_and_loads(name: str) -> None:
    text = files("blocs").joinpath("knowledge", "events", f"{name}.txt").read_text("utf-8")
    assert text.startswith("# source:")
    assert word_list(name)


def test_the_scorers_take_their_types_from_the_codebook() -> None:
    lexicon = load_event_lexicon()
    assert set(lexicon.plover_types) == PLOVER_TYPES
    symmetric = {k for k in lexicon.plover_types if lexicon.symmetric(k)}
    assert symmetric == SYMMETRIC_TYPES == SYMMETRIC_ROOTS


def test_every_weapon_codes_an_assault() -> None:
    lexicon = load_event_lexicon()
    assert weapons(lexicon)
    assert all(lexicon.cameo_info(w.cameo).plover == "ASSAULT" for w in weapons(lexicon).values())
