"""Fixtures of the report tests: small hand-built stores (`report_store`, importable from the
test modules) and the browser the page is opened in.

Browser tests carry the `needs_browser` mark: without Debian's chromium at /usr/bin/chromium
they skip with the reason, unless `BLOCS_REQUIRE_BROWSER` is set (CI), which makes the skip a
failure, as `needs_shared` does for ../shared (tests/conftest.py).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from report_store import Brief, StoreFactory, write_briefs

from blocs.store.db import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "needs_browser: opens pages in /usr/bin/chromium; skipped when it is absent"
    )


def _require_browser() -> Path:
    if not CHROMIUM.is_file():
        if os.environ.get("BLOCS_REQUIRE_BROWSER"):
            pytest.fail(f"BLOCS_REQUIRE_BROWSER is set but {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} not present (needs_browser): install Debian's chromium")
    return CHROMIUM


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("needs_browser") is not None:
        _require_browser()


@pytest.fixture(scope="session")
def chromium() -> tuple[Path, list[str]]:
    """The browser's executable and its launch arguments (headless, nothing phoned home)."""
    return _require_browser(), CHROMIUM_ARGS


@pytest.fixture
def make_store(tmp_path: Path) -> StoreFactory:
    """Writes the briefs into a new store file and returns its path."""
    count = 0

    def build(briefs: Iterable[Brief]) -> Path:
        nonlocal count
        count += 1
        path = tmp_path / f"store{count}.duckdb"
        with Store(path) as store:
            write_briefs(store, briefs)
        return path

    return build
