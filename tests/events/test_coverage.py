"""Lexicon coverage of the weaker CAMEO roots (reduced relations, demands, consultations,
threats, force posture): wire-news sentences written for the test, each with the dyad and
PLOVER type a careful reader codes, through the real pipeline and knowledge files."""

from __future__ import annotations

from datetime import date

import pytest

from blocs.events.extractor import EventExtractor
from blocs.nlp.sentences import split_sentences

PUBLISHED = date(2019, 10, 10)


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
        # CAMEO 161: ending a standing pact, cutting contacts.
        (
            "South Korea said it would end its intelligence-sharing pact with Japan.",
            ("KOR", "JPN", "SANCTION"),
        ),
        ("North Korea cut off communication lines with South Korea.", ("PRK", "KOR", "SANCTION")),
        # CAMEO 160: removed from a programme or a list.
        ("The United States removed Turkey from the F-35 programme.", ("USA", "TUR", "SANCTION")),
        ("The European Union removed sanctions from Belarus.", ("EU", "BLR", "RETREAT")),
        # CAMEO 163: imports halted or banned, duties raised, sanctions put back.
        ("Beijing has halted imports of Canadian canola.", ("CHN", "CAN", "SANCTION")),
        ("Russia banned imports of Ukrainian goods.", ("RUS", "UKR", "SANCTION")),
        ("The United States raised duties on Chinese goods.", ("USA", "CHN", "SANCTION")),
        ("China levied tariffs on U.S. farm goods.", ("CHN", "USA", "SANCTION")),
        ("The U.S. reimposed sanctions on Iran's oil sector.", ("USA", "IRN", "SANCTION")),
        # CAMEO 1312: countermeasures are announced, so threatened.
        (
            "China will take countermeasures against the United States, a spokesman said.",
            ("CHN", "USA", "THREATEN"),
        ),
        # CAMEO 100: pressing for an act.
        ("Iran demanded Britain release the tanker immediately.", ("IRN", "GBR", "REQUEST")),
        # CAMEO 111: headline verbs of criticism.
        ("North Korea blasted the United States over the drills.", ("PRK", "USA", "ACCUSE")),
        ("China rapped Washington over its remarks on Hong Kong.", ("CHN", "USA", "ACCUSE")),
        ("Trump bashed China over trade.", ("USA", "CHN", "ACCUSE")),
        ("Beijing hit back at Washington on Tuesday.", ("CHN", "USA", "ACCUSE")),
        # CAMEO 130: a warning sent.
        ("Pyongyang sent a warning to Seoul.", ("PRK", "KOR", "THREATEN")),
        # CAMEO 051 and 057.
        ("Trump said he appreciated Xi's help with North Korea.", ("USA", "CHN", "SUPPORT")),
        ("Russia and Turkey signed a memorandum on northern Syria.", ("RUS", "TUR", "SUPPORT")),
        # CAMEO 042: a delegation led to a capital.
        (
            "Chinese Vice Premier Liu He will lead a delegation to Washington for talks.",
            ("CHN", "USA", "CONSULT"),
        ),
        # CAMEO 141: a protest outside an embassy is aimed at its state.
        (
            "Iraqi protesters rallied outside the U.S. embassy in Baghdad.",
            ("IRQ", "USA", "PROTEST"),
        ),
        # CAMEO 171, 192, 195, 190: boarding, recapturing, downing, driving out, pressing on.
        ("Iranian commandos boarded the British-flagged tanker.", ("IRN", "GBR", "COERCE")),
        ("Iran downed a U.S. drone over the Gulf.", ("IRN", "USA", "ASSAULT")),
        (
            "Turkish troops pushed the Syrian army out of the border town.",
            ("TUR", "SYR", "ASSAULT"),
        ),
        (
            "Saudi-led forces pressed an attack on Houthi positions near Hodeidah.",
            ("SAU", "YEM", "ASSAULT"),
        ),
        ("Trump said the U.S. would obliterate Iran.", ("USA", "IRN", "THREATEN")),
        (
            "Turkey began an operation against the Syrian army near Idlib.",
            ("TUR", "SYR", "ASSAULT"),
        ),
    ],
)
def test_weak_roots_are_coded(
    extractor: EventExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    found = _dyads(extractor, text)
    symmetric = (expected[1], expected[0], expected[2])
    assert expected in found or (expected[2] == "CONSULT" and symmetric in found), found


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # Pressing an offensive is fighting, not pressing a party.
        (
            "Turkish forces pressed their assault on the Syrian army on Saturday.",
            ("TUR", "SYR", "REQUEST"),
        ),
        # Raising duties is a tariff, not an alert.
        ("The United States raised duties on Chinese goods.", ("USA", "CHN", "MOBILIZE")),
    ],
)
def test_the_other_sense_is_not_coded(
    extractor: EventExtractor, text: str, wrong: tuple[str, str, str]
) -> None:
    assert wrong not in _dyads(extractor, text)
