"""Fixtures of the alignment model's tests; `model_store` (this folder) builds the stores and
is importable from the test modules."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from model_store import Ev, StoreFactory, write_events

from blocs.store.db import Store


@pytest.fixture
def make_store(tmp_path: Path) -> StoreFactory:
    """Writes the events into a new store file and returns its path."""
    count = 0

    def build(events: Iterable[Ev]) -> Path:
        nonlocal count
        count += 1
        path = tmp_path / f"store{count}.duckdb"
        with Store(path) as store:
            write_events(store, events)
        return path

    return build
