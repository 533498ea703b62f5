"""A real store and a real server for the web tests.

The store is the sample corpus (`examples/`) plus one hostile article, ingested once per
session with event extraction; each test that writes gets its own copy of the file. The
server is uvicorn serving `create_app` on a free loopback port, in a thread.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
import uvicorn

from blocs.pipeline import ExtractionConfig, run_ingest
from blocs.store.db import Store
from blocs.web import WebSettings, create_app

REPO = Path(__file__).resolve().parents[2]
TOKEN = "test-token-1234"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
HOSTILE = {
    "id": "hostile-1",
    "title": f"{SCRIPT} France and Russia {IMG}",
    "outlet": f"{IMG} Gazette",
    "date": "2021-10-04",
    "text": (
        f"France accused Russia of cyber attacks {SCRIPT} on its ministries on Monday. "
        f"The French foreign minister met his Russian counterpart in Paris {IMG} on Tuesday "
        "to discuss the attacks."
    ),
}


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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class LiveServer:
    """uvicorn in a thread; `url` is its base address."""

    def __init__(self, settings: WebSettings) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def settings_for(db: Path, tmp: Path, **changes: object) -> WebSettings:
    return replace(WebSettings(db=db, token=TOKEN, uploads=tmp / "uploads"), **changes)  # type: ignore[arg-type]


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
