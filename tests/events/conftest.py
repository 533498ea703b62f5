"""The real extractor (spaCy pipeline, knowledge files), loaded once for the event tests."""

from __future__ import annotations

import pytest

from blocs.events.extractor import EventExtractor
from blocs.events.setup import load_extractor


@pytest.fixture(scope="session")
def extractor() -> EventExtractor:
    return load_extractor()
