"""Modality and speaker of an event trigger, on sentences parsed by the real pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from blocs.events.modality import event_modality
from blocs.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.mark.parametrize(
    ("sentence", "trigger", "modality", "speaker"),
    [
        ("France recognised the new government.", "recognised", "asserted", None),
        ("France did not recognise the election result.", "recognise", "negated", None),
        ("Germany never backed the plan.", "backed", "negated", None),
        (
            "Russia and France could establish a new security structure.",
            "establish",
            "hypothetical",
            None,
        ),
        ("Macron may visit Russia after the pandemic.", "visit", "hypothetical", None),
        ("The ministers will meet in Moscow next week.", "meet", "future", None),
        ("The president is to visit Ankara in March.", "visit", "future", None),
        ("Turkey plans to send troops to Libya.", "send", "future", None),
        ("Officials said that Turkey sent drones to Libya.", "sent", "reported", "Officials"),
        ("According to TASS, the two leaders met in Sochi.", "met", "reported", "TASS"),
        (
            "Cambon believes that Russia and France could build a new structure.",
            "build",
            "hypothetical",
            "Cambon",
        ),
        ("The envoy said Moscow did not attack the convoy.", "attack", "negated", "The envoy"),
        # A condition or an open question is no fact; the main clause keeps its own reading.
        (
            "If Ankara sends warships to the island, Athens will respond.",
            "sends",
            "hypothetical",
            None,
        ),
        (
            "Unless Caracas frees the prisoners, Washington will impose sanctions.",
            "frees",
            "hypothetical",
            None,
        ),
        (
            "Unless Caracas frees the prisoners, Washington will impose sanctions.",
            "impose",
            "future",
            None,
        ),
        (
            "Analysts doubt whether Belgrade and Pristina will sign the accord.",
            "sign",
            "hypothetical",
            None,
        ),
        ("Will Moscow withdraw its troops from the border?", "withdraw", "hypothetical", None),
        ("Why did Moscow withdraw its troops from the border?", "withdraw", "asserted", None),
        ("Beijing is likely to deploy soldiers to the islands.", "deploy", "hypothetical", None),
    ],
)
def test_modality_and_speaker(
    nlp: Language, sentence: str, trigger: str, modality: str, speaker: str | None
) -> None:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == trigger)
    found = event_modality(token)
    assert found.value == modality
    assert (found.speaker.text if found.speaker is not None else None) == speaker
