"""A real server for the web tests: uvicorn serving `create_app` on a free loopback port, in
a thread; and the hostile article the store is given."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import uvicorn

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class LiveServer:
    """uvicorn in a thread; `url` is its base address."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
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


def wait_job(http: httpx.Client, job_id: str) -> dict[str, Any]:
    """The status of an ingest job once it has ended."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        job: dict[str, Any] = http.get(f"/api/ingest/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.3)
    raise AssertionError(f"job {job_id} did not end")


HOLDER = """
import sys
from blocs.store.db import Store
with Store(sys.argv[1]) as store:
    store.begin_run("outside-holder", [])
    print("written", flush=True)
    sys.stdin.readline()
"""


@contextmanager
def held_store(db: Path) -> Iterator[None]:
    """Another process that writes a run into `db` and holds the file (no other process can
    open it) until the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        assert process.stdout.readline() == "written\n"
        yield
    finally:
        process.stdin.close()
        assert process.wait(timeout=60) == 0
