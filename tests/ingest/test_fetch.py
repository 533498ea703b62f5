"""URL fetching refuses what it must (schemes, private targets, redirects to them, oversize,
slow) and fetches what it may, against a real HTTP server on loopback."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from blocs.errors import FetchRefused, IngestError
from blocs.ingest.fetch import USER_AGENT, FetchPolicy, check_url, fetch_url
from blocs.ingest.sources import iter_inputs
from blocs.records import InputFailure, RawDocument

LOOPBACK_ONLY = FetchPolicy(allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),))
PAGE = b"<html><head><title>T</title></head><body><p>Hello from the test server.</p></body></html>"


class _Handler(BaseHTTPRequestHandler):
    seen_agents: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:
        return

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if body and "Transfer-Encoding" not in (headers or {}):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self) -> None:
        _Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        routes = {
            "/page": lambda: self._send(200, PAGE, {"Content-Type": "text/html; charset=utf-8"}),
            "/to-private": lambda: self._send(302, b"", {"Location": "http://10.0.0.7/admin"}),
            "/to-metadata": lambda: self._send(
                301, b"", {"Location": "http://169.254.169.254/latest/meta-data/"}
            ),
            "/to-file": lambda: self._send(302, b"", {"Location": "file:///etc/passwd"}),
            "/to-page": lambda: self._send(302, b"", {"Location": "/page"}),
            "/loop": lambda: self._send(302, b"", {"Location": "/loop"}),
            "/big": lambda: self._send(200, b"x" * 300_000, {"Content-Type": "text/plain"}),
            "/missing": lambda: self._send(404, b"no", {"Content-Type": "text/plain"}),
        }
        if self.path == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b"y" * 10_000)
            return
        if self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b"z" * 10)
                self.wfile.flush()
                time.sleep(0.2)
            return
        routes.get(self.path, lambda: self._send(404, b""))()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        return  # the client hanging up on an oversize or slow body is the point of the test


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/file.txt",
        "gopher://example.com/",
        "http://127.0.0.1/",
        "http://localhost/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
    ],
)
def test_non_http_and_non_public_targets_are_refused(url: str) -> None:
    with pytest.raises(FetchRefused):
        check_url(url, FetchPolicy())


def test_a_public_name_that_resolves_to_a_private_address_is_refused() -> None:
    with pytest.raises(FetchRefused, match=r"10\.0\.0\.9"):
        check_url("https://news.example/", FetchPolicy(), resolver=lambda h, p: ["10.0.0.9"])


def test_a_public_address_passes_the_check() -> None:
    check_url("https://news.example/a", FetchPolicy(), resolver=lambda h, p: ["93.184.216.34"])


def test_allow_private_lets_loopback_through_and_sends_the_user_agent(server: str) -> None:
    resource = fetch_url(f"{server}/page", FetchPolicy(allow_private=True))
    assert resource.content == PAGE
    assert resource.content_type.startswith("text/html")
    assert _Handler.seen_agents[-1] == USER_AGENT


def test_loopback_is_refused_by_default(server: str) -> None:
    with pytest.raises(FetchRefused, match="--allow-private"):
        fetch_url(f"{server}/page")


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata", "/to-file"])
def test_redirects_to_forbidden_targets_are_refused(server: str, path: str) -> None:
    with pytest.raises(FetchRefused):
        fetch_url(f"{server}{path}", LOOPBACK_ONLY)


def test_an_allowed_redirect_is_followed(server: str) -> None:
    assert fetch_url(f"{server}/to-page", LOOPBACK_ONLY).url.endswith("/page")


def test_redirect_loops_stop(server: str) -> None:
    with pytest.raises(IngestError, match="redirects"):
        fetch_url(f"{server}/loop", LOOPBACK_ONLY)


def test_a_host_that_resolves_public_but_connects_to_loopback_is_refused(server: str) -> None:
    """DNS rebinding: the name checked public, the connection went to 127.0.0.1."""
    port = server.rsplit(":", 1)[1]
    with pytest.raises(FetchRefused, match=r"connected to 127\.0\.0\.1"):
        fetch_url(f"http://localhost:{port}/page", resolver=lambda h, p: ["93.184.216.34"])


@pytest.mark.parametrize("path", ["/big", "/big-chunked"])
def test_bodies_over_the_size_cap_are_refused(server: str, path: str) -> None:
    policy = FetchPolicy(allowed_networks=LOOPBACK_ONLY.allowed_networks, max_bytes=100_000)
    with pytest.raises(FetchRefused, match="limit"):
        fetch_url(f"{server}{path}", policy)


def test_slow_responses_hit_the_time_limit(server: str) -> None:
    policy = FetchPolicy(allowed_networks=LOOPBACK_ONLY.allowed_networks, timeout_s=1.0)
    with pytest.raises(IngestError, match=r"took longer|timed out"):
        fetch_url(f"{server}/slow", policy)


def test_http_errors_name_the_url(server: str) -> None:
    with pytest.raises(IngestError, match="HTTP 404"):
        fetch_url(f"{server}/missing", LOOPBACK_ONLY)


def test_urls_among_inputs_become_documents_or_failures(server: str) -> None:
    items = list(
        iter_inputs([f"{server}/page", f"{server}/to-private", "file:///etc/passwd"], LOOPBACK_ONLY)
    )
    docs = [i for i in items if isinstance(i, RawDocument)]
    failures = [i for i in items if isinstance(i, InputFailure)]
    assert [d.url for d in docs] == [f"{server}/page"]
    assert [f.source for f in failures] == [f"{server}/to-private", "file:///etc/passwd"]
