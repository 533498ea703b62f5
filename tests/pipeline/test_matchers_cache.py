"""The gazetteer's matchers read their patterns' tokens from a cache file, with the same matches."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from blocs import disk_cache
from blocs.actors.entries import AgentWord
from blocs.actors.gazetteer import Gazetteer
from blocs.actors.knowledge import load_actor_knowledge
from blocs.nlp.pipeline import load_pipeline

TEXT = (
    "The U.S. Secretary of State met Turkey's foreign minister in Ankara; People’s Liberation "
    "Army officers and NATO envoys said the rebels had left."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    knowledge = load_actor_knowledge(())
    return Gazetteer.build(knowledge.entries, knowledge.agents)


def _matches(nlp: Language, matchers: tuple[PhraseMatcher, PhraseMatcher]) -> list[object]:
    doc = nlp.make_doc(TEXT)
    return [sorted(matcher(doc)) for matcher in matchers]


def test_the_second_build_reads_the_cache_and_matches_the_same(
    nlp: Language, gazetteer: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(disk_cache.CACHE_FOLDER_VARIABLE, str(tmp_path))
    built = _matches(nlp, gazetteer.matchers(nlp))
    (path,) = tmp_path.glob("matchers-*.pickle")
    written = path.stat().st_mtime_ns
    cached = _matches(nlp, gazetteer.matchers(nlp))
    assert cached == built
    assert all(found for found in built)  # names and agents both matched
    assert path.stat().st_mtime_ns == written  # read, not written again


def test_other_forms_get_a_cache_of_their_own(
    nlp: Language, gazetteer: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(disk_cache.CACHE_FOLDER_VARIABLE, str(tmp_path))
    before = _matches(nlp, gazetteer.matchers(nlp))
    knowledge = load_actor_knowledge(())
    more = Gazetteer.build(
        knowledge.entries, knowledge.agents, user_agents=[AgentWord("envoys said", "GOV")]
    )
    after = _matches(nlp, more.matchers(nlp))
    assert len(list(tmp_path.glob("matchers-*.pickle"))) == 2
    assert after[1] != before[1]  # the new agent phrase is matched


def test_a_damaged_or_unwritable_cache_still_gives_the_matchers(
    nlp: Language, gazetteer: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(disk_cache.CACHE_FOLDER_VARIABLE, str(tmp_path / "cache"))
    good = _matches(nlp, gazetteer.matchers(nlp))
    (path,) = (tmp_path / "cache").glob("matchers-*.pickle")
    path.write_bytes(b"not a pickle")
    assert _matches(nlp, gazetteer.matchers(nlp)) == good
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(disk_cache.CACHE_FOLDER_VARIABLE, str(blocker / "cache"))
    assert _matches(nlp, gazetteer.matchers(nlp)) == good
