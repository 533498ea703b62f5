"""A real store and real servers for the web tests.

The store is the sample corpus (`examples/`) plus one hostile article, ingested once per
session with event extraction; each test that writes gets its own copy of the file and a
server of its own (`live.py`).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.web.live import HOSTILE, REPO, LiveServer, settings_for

from blocs.pipeline import ExtractionConfig, run_ingest
from blocs.store.db import Store


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web-store")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder / "demo.duckdb"
    with Store(db) as store:
        run_ingest([str(REPO / "examples"), str(hostile)], store, extraction=ExtractionConfig())
    return db


@pytest.fixture
def store_copy(demo_store: Path, tmp_path: Path) -> Path:
    """A copy of the demo store for a test that writes."""
    db = tmp_path / "copy.duckdb"
    shutil.copy(demo_store, db)
    return db


@pytest.fixture(scope="session")
def server(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A read-mostly server over the session's store (tests must not write through it)."""
    with LiveServer(settings_for(demo_store, tmp_path_factory.mktemp("uploads"))) as live:
        yield live


@pytest.fixture
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as http:
        yield http


@pytest.fixture
def writable(store_copy: Path, tmp_path: Path) -> Iterator[tuple[LiveServer, httpx.Client]]:
    """A server of its own over a copy of the store, for tests that write (ingests without
    event extraction: these tests are about the job, not the events)."""
    with (
        LiveServer(settings_for(store_copy, tmp_path, extract=False)) as live,
        httpx.Client(base_url=live.url, timeout=60) as http,
    ):
        yield live, http
