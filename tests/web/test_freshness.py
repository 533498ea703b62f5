"""Kept answers (JSON and pages) never outlive a write: the first read after a write has
committed shows it, whether the server's own ingest job wrote or another process did."""

from __future__ import annotations

import subprocess
import sys

import httpx
from tests.web.live import TOKEN, LiveServer, held_store, wait_job

BRIEF = (
    b'{"id": "fresh-1", "date": "2021-10-06", "title": "Norway and Sweden sign a pact", '
    b'"text": "Norway and Sweden signed a fisheries pact in Oslo on Wednesday."}\n'
)
SEARCH = {"q": "fisheries Oslo"}
WRITER = """
import sys
from blocs.store.db import Store
with Store(sys.argv[1]) as store:
    store.begin_run("outside-writer", [])
"""


def _titles(http: httpx.Client) -> list[str]:
    return [a["title"] for a in http.get("/api/articles", params=SEARCH).json()["items"]]


def test_an_ingest_job_is_seen_by_the_next_read_of_a_kept_answer(
    writable: tuple[LiveServer, httpx.Client],
) -> None:
    _, http = writable
    for _ in range(2):  # computed, then kept
        assert _titles(http) == []
        assert "Norway and Sweden" not in http.get("/articles", params=SEARCH).text
    runs = len(http.get("/api/runs").json()["items"])
    auth = {"Authorization": f"Bearer {TOKEN}"}
    job = http.post("/api/ingest", headers=auth, files={"file": ("pact.jsonl", BRIEF)}).json()
    assert wait_job(http, job["job_id"])["state"] == "done"
    assert _titles(http) == ["Norway and Sweden sign a pact"]
    assert "Norway and Sweden sign a pact" in http.get("/articles", params=SEARCH).text
    assert len(http.get("/api/runs").json()["items"]) == runs + 1


def test_a_write_by_another_process_is_seen_by_the_next_read(
    writable: tuple[LiveServer, httpx.Client],
) -> None:
    live, http = writable
    for _ in range(2):
        runs = http.get("/api/runs").json()["items"]
        assert "outside-writer" not in http.get("/runs").text
    db = str(live.settings.db)
    subprocess.run([sys.executable, "-c", WRITER, db], check=True, timeout=60)
    after = http.get("/api/runs").json()["items"]
    assert len(after) == len(runs) + 1 and after[0]["command"] == "outside-writer"
    assert "outside-writer" in http.get("/runs").text


def test_reads_are_answered_while_another_process_holds_the_store(
    writable: tuple[LiveServer, httpx.Client],
) -> None:
    live, http = writable
    runs = http.get("/api/runs").json()["items"]
    with held_store(live.settings.db):  # nobody can open the file now: reads use the copy
        assert http.get("/api/runs").json()["items"] == runs
        assert http.get("/api/events", params={"limit": 7}).status_code == 200  # not kept
        assert "outside-holder" not in http.get("/runs").text
    after = http.get("/api/runs").json()["items"]
    assert len(after) == len(runs) + 1 and after[0]["command"] == "outside-holder"
