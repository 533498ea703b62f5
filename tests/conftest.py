"""Shared fixtures.

Tests that read `../shared/` (seeds, gold data, benchmarks) carry the `needs_shared` mark
or take the `shared_dir` fixture: on a user's clone without `../shared` they skip with a
reason; in CI (`BLOCS_REQUIRE_SHARED=1`, set by `.ci/run`) a missing `../shared` fails them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _require_shared() -> Path:
    if not (SHARED / "DESIGN.md").is_file():
        if os.environ.get("BLOCS_REQUIRE_SHARED"):
            pytest.fail(f"BLOCS_REQUIRE_SHARED is set but {SHARED} is missing")
        pytest.skip(f"../shared not present (needs_shared): {SHARED} holds the seeds and gold data")
    return SHARED


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("needs_shared") is not None:
        _require_shared()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _require_shared()
