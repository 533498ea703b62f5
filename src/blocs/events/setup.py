"""Build the event extractor once per process from the configured model and knowledge."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from blocs.actors.gazetteer import Gazetteer
from blocs.actors.knowledge import load_actor_knowledge
from blocs.actors.petrarch import read_petrarch_dictionary
from blocs.events.extractor import EventExtractor
from blocs.events.lexicon import load_event_lexicon
from blocs.nlp.pipeline import load_pipeline


@cache
def _extractor(
    dictionaries: tuple[Path, ...],
    lexicons: tuple[Path, ...],
    actor_files: tuple[Path, ...],
    model: str | None,
) -> EventExtractor:
    knowledge = load_actor_knowledge(actor_files)
    user = [read_petrarch_dictionary(path) for path in dictionaries]
    gazetteer = Gazetteer.build(
        knowledge.entries,
        knowledge.agents,
        user_entries=[e for d in user for e in d.entries],
        user_agents=[a for d in user for a in d.agents],
    )
    return EventExtractor(load_pipeline(model), gazetteer, load_event_lexicon(lexicons))


def load_extractor(
    dictionaries: Sequence[Path] = (),
    lexicons: Sequence[Path] = (),
    actor_files: Sequence[Path] = (),
    model: str | None = None,
) -> EventExtractor:
    """The extractor for these knowledge files and model (built once per process)."""
    return _extractor(tuple(dictionaries), tuple(lexicons), tuple(actor_files), model)
