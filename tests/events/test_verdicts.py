"""Court verdicts on sentences written for the test: a conviction or a finding of guilt
is coded ACCUSE (the PLV annotation and the 2021 PLOVER crosswalk), by the court's state."""

from __future__ import annotations

from datetime import date

import pytest

from blocs.events.extractor import EventExtractor
from blocs.nlp.sentences import split_sentences

PUBLISHED = date(2021, 3, 1)


def _codes(extractor: EventExtractor, text: str) -> set[tuple[str | None, str | None, str]]:
    events = extractor.extract("a1", split_sentences("a1", text), PUBLISHED).events
    return {(e.source_country, e.target_country, e.plover) for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "A Polish court on Tuesday convicted the Belarusian state broadcaster of spreading lies.",
        "The Dutch supreme court found the Russian military intelligence agency guilty of hacking.",
        "A Kenyan tribunal last year found the Ugandan government liable for the losses.",
    ],
)
def test_a_verdict_against_another_party_is_an_accusation(
    extractor: EventExtractor, text: str
) -> None:
    codes = _codes(extractor, text)
    assert codes and {p for _, _, p in codes} == {"ACCUSE"}, codes
