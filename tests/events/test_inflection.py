"""Surface forms of the lexicon's lemmas, which decide before any tagging whether a sentence
holds an event word."""

from __future__ import annotations

import spacy

from blocs.events.inflection import surface_forms
from blocs.events.lexicon import load_event_lexicon


def test_regular_inflections_of_the_lexicon_are_cues() -> None:
    forms = surface_forms(load_event_lexicon(), spacy.blank("en"))
    assert {"sanctions", "imposed", "imposing", "criticizes", "pressured"} <= forms
    # A lemma ending in "ee" keeps its "e" before "-ing": "Iran and Iraq agreeing to".
    assert {"agreeing", "freeing", "agreed", "freed"} <= forms
    assert "agreing" not in forms
