"""Bad input gets a clear 4xx (never a 500 with a trace), writes need the token, files stay
inside their folders, bodies are capped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.web.live import TOKEN, LiveServer, settings_for, wait_job

BAD_REQUESTS = [
    "/api/articles?limit=0",
    "/api/articles?limit=100000",
    "/api/articles?offset=-1",
    "/api/articles?since=yesterday",
    "/api/articles?until=2021-13-45",
    "/api/articles?q=" + "x" * 500,
    "/api/articles/zz",
    "/api/articles/abc",
    "/api/articles/0000000000000000",
    "/api/events?min_confidence=2",
    "/api/events?dyad=FRA",
    "/api/events?modality=maybe",
    "/api/events?actor=FRA%27%3B%20DROP%20TABLE%20events",
    "/api/actors/%3Cscript%3E",
    "/api/actors/ZZZZ",
    "/api/dyads/FRA/FRA",
    "/api/dyads/FRA/RUS?half_life=0",
    "/api/dyads/FRA/RUS?source=nothing",
    "/api/blocs?resolution=-1",
    "/api/blocs?since=2021-01-01&until=2020-01-01",
    "/api/camps/ATLANTIS",
    "/api/runs/..%2F..%2Fetc",
    "/api/runs/nope",
    "/api/ingest/0123456789abcdef",
    "/api/ingest/..",
    "/articles?since=never",
    "/articles/not-an-id",
    "/nowhere",
]


@pytest.mark.parametrize("path", BAD_REQUESTS)
def test_a_bad_request_gets_a_clear_4xx(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:200])
    assert "Traceback" not in response.text
    if path.startswith("/api/"):
        assert response.json()["error"]


TRAVERSALS = [
    "/static/../pyproject.toml",
    "/static/%2e%2e/%2e%2e/pyproject.toml",
    "/static/..%2f..%2fpyproject.toml",
    "/static/%2e%2e%5c%2e%2e%5cpyproject.toml",
    "/static//etc/passwd",
    "/static/....//....//etc/passwd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_in_the_file_route_is_refused(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert "[project]" not in response.text and "root:" not in response.text


BRIEF = (
    b'{"id": "web-1", "date": "2021-10-05", "title": "Turkey and Greece talks", "text": '
    b'"Turkey and Greece held talks in Athens on Monday about the maritime border."}\n'
)


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer wrong"}, 403), ({"Authorization": "Basic x"}, 401)],
)
def test_a_write_without_the_right_token_writes_nothing(
    writable: tuple[LiveServer, httpx.Client], headers: dict[str, str], status: int
) -> None:
    _, http = writable
    runs = http.get("/api/runs").json()["items"]
    response = http.post("/api/ingest", headers=headers, files={"file": ("brief.jsonl", BRIEF)})
    assert response.status_code == status
    form = http.post("/ingest", data={"token": "wrong"}, files={"file": ("b.jsonl", BRIEF)})
    assert form.status_code == 403
    assert http.get("/api/runs").json()["items"] == runs


def test_an_upload_is_ingested_with_progress_and_lands_in_the_store(
    writable: tuple[LiveServer, httpx.Client], tmp_path: Path
) -> None:
    _, http = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = http.post(
        "/api/ingest", headers=auth, files={"file": ("../../escape/brief.jsonl", BRIEF)}
    )
    assert response.status_code == 202
    assert response.headers["location"] == f"/api/ingest/{response.json()['job_id']}"
    job = wait_job(http, response.json()["job_id"])
    assert job["state"] == "done", job
    assert job["documents_read"] == 1 and job["inputs"] == ["brief.jsonl"]
    assert job["run"]["articles_added"] == 1
    found = http.get("/api/articles", params={"q": "maritime Athens"}).json()["items"]
    assert [a["title"] for a in found] == ["Turkey and Greece talks"]
    assert not (tmp_path / "escape").exists()
    assert not any((tmp_path / "uploads").rglob("*.jsonl"))  # the upload folder is cleared
    page = http.get(f"/ingest/{job['job_id']}").text
    assert "done" in page and '<script src="/static/job.js"' in page
    again = http.post("/api/ingest", headers=auth, files={"file": ("brief.jsonl", BRIEF)})
    second = wait_job(http, again.json()["job_id"])["run"]
    assert second["articles_added"] == 0 and second["unchanged"] == 1  # the same source


def test_the_browser_form_ingests_with_the_token(
    writable: tuple[LiveServer, httpx.Client],
) -> None:
    _, http = writable
    response = http.post("/ingest", data={"token": TOKEN}, files={"file": ("brief.jsonl", BRIEF)})
    assert response.status_code == 303
    job_id = response.headers["location"].rsplit("/", 1)[1]
    assert wait_job(http, job_id)["state"] == "done"


def test_a_url_to_a_private_address_is_refused_by_the_fetch_guard(
    writable: tuple[LiveServer, httpx.Client],
) -> None:
    live, http = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = http.post(
        "/api/ingest", headers=auth, data={"url": [f"{live.url}/", "http://10.0.0.1/x"]}
    )
    assert response.status_code == 202
    job = wait_job(http, response.json()["job_id"])
    run = job["run"]
    assert run["articles_added"] == 0 and len(run["failures"]) == 2
    assert all("private" in f["message"] or "loopback" in f["message"] for f in run["failures"])


@pytest.mark.parametrize(
    ("data", "files", "status"),
    [
        ({}, None, 400),
        ({"url": "file:///etc/passwd"}, None, 400),
        ({"url": "/etc/passwd"}, None, 400),
        ({}, {"file": ("notes.exe", b"MZ")}, 415),
    ],
)
def test_an_ingest_of_something_unreadable_is_refused_before_it_starts(
    writable: tuple[LiveServer, httpx.Client],
    data: dict[str, str],
    files: dict[str, tuple[str, bytes]] | None,
    status: int,
) -> None:
    _, http = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    runs = http.get("/api/runs").json()["items"]
    response = http.post("/api/ingest", headers=auth, data=data, files=files)
    assert response.status_code == status, response.text
    assert http.get("/api/runs").json()["items"] == runs


def test_a_body_over_the_limit_is_refused(store_copy: Path, tmp_path: Path) -> None:
    settings = settings_for(store_copy, tmp_path, max_body_bytes=50_000)
    with LiveServer(settings) as live, httpx.Client(base_url=live.url) as http:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        big = {"file": ("big.jsonl", b"x" * 60_000)}
        assert http.post("/api/ingest", headers=auth, files=big).status_code == 413

        def chunks() -> Any:
            # A well-formed start, so the parser reads on until the limit and not until an
            # error in the first bytes (which would answer 400 before the limit is reached).
            yield (
                b'--zz\r\nContent-Disposition: form-data; name="file"; '
                b'filename="big.jsonl"\r\nContent-Type: application/octet-stream\r\n\r\n'
            )
            for _ in range(20):
                yield b"y" * 10_000

        streamed = http.post(
            "/api/ingest",
            headers={**auth, "Content-Type": "multipart/form-data; boundary=zz"},
            content=chunks(),
        )
        assert streamed.status_code == 413


def test_reads_can_be_protected_by_the_token(store_copy: Path, tmp_path: Path) -> None:
    settings = settings_for(store_copy, tmp_path, protect_reads=True)
    with LiveServer(settings) as live, httpx.Client(base_url=live.url) as http:
        assert http.get("/api/articles").status_code == 401
        assert http.get("/articles").status_code == 401
        assert http.get("/api/articles", headers={"Authorization": "Bearer no"}).status_code == 403
        ok = http.get("/api/articles", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200
        assert http.get("/api/articles").status_code == 401  # a kept answer is no way round
        assert http.post("/login", data={"token": "no"}).status_code == 403
        login = http.post("/login", data={"token": TOKEN})
        assert login.status_code == 303
        assert "httponly" in login.headers["set-cookie"].lower()
        assert "samesite=strict" in login.headers["set-cookie"].lower()
        assert http.get("/articles").status_code == 200  # the cookie opens reads
        write = http.post("/api/ingest", files={"file": ("b.jsonl", BRIEF)})
        assert write.status_code == 401  # and only reads
