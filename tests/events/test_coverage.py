"""Lexicon coverage of the weaker CAMEO roots (reduced relations, demands, consultations,
threats, force posture): wire-news sentences written for the test, each with the dyad and
PLOVER type a careful reader codes, through the real pipeline and knowledge files."""

from __future__ import annotations

from datetime import date

import pytest

from blocs.events.extractor import EventExtractor
from blocs.events.setup import load_extractor
from blocs.nlp.sentences import split_sentences

PUBLISHED = date(2019, 10, 10)


@pytest.fixture(scope="module")
def extractor() -> EventExtractor:
    return load_extractor()


def _dyads(extractor: EventExtractor, text: str) -> set[tuple[str | None, str | None, str]]:
    events = extractor.extract("a1", split_sentences("a1", text), PUBLISHED).events
    return {(e.source_country, e.target_country, e.plover) for e in events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CAMEO 162: cutting or freezing a party's funding is reduced aid.
        ("Washington cut funding for the Palestinian Authority.", ("USA", "PSE", "SANCTION")),
        (
            "The Trump administration moved on Tuesday to cut off funding to the Palestinian "
            "refugee agency.",
            ("USA", "PSE", "SANCTION"),
        ),
        # CAMEO 163: halting sales or exports to a party is an embargo.
        ("Norway halted new arms sales to Turkey on Friday.", ("NOR", "TUR", "SANCTION")),
        ("Sweden suspended arms exports to Turkey.", ("SWE", "TUR", "SANCTION")),
        # CAMEO 160: revoking what a party holds (a trade status, visas).
        ("India revoked Pakistan's most-favoured-nation trade status.", ("IND", "PAK", "SANCTION")),
        ("The United States revoked the visas of Chinese officials.", ("USA", "CHN", "SANCTION")),
        # CAMEO 046: resumed talks pair the parties that resume them.
        ("Britain and France resumed negotiations on Monday.", ("GBR", "FRA", "CONSULT")),
        # CAMEO 154: a carrier sent to a region as a warning to a state.
        (
            "The Pentagon sent an aircraft carrier to the Gulf as a warning to Iran.",
            ("USA", "IRN", "MOBILIZE"),
        ),
    ],
)
def test_weak_roots_are_coded(
    extractor: EventExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    found = _dyads(extractor, text)
    symmetric = (expected[1], expected[0], expected[2])
    assert expected in found or (expected[2] == "CONSULT" and symmetric in found), found
