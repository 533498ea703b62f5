"""URL fetching refuses what it must (schemes, private targets, redirects to them, oversize,
slow, rebinding, unknown peers) and fetches what it may, against real HTTP(S) servers on
loopback."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar, NoReturn

import certifi
import httpcore
import pytest

from blocs.errors import FetchRefused, IngestError
from blocs.ingest.fetch import USER_AGENT, FetchPolicy, check_url, fetch_url, system_resolver
from blocs.ingest.sources import iter_inputs
from blocs.records import InputFailure, RawDocument

LOOPBACK_ONLY = FetchPolicy(allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),))
PAGE = b"<html><head><title>T</title></head><body><p>Hello from the test server.</p></body></html>"


@dataclass(frozen=True)
class _Seen:
    """One request as a test server received it."""

    server: str  # the address the server listens on
    path: str
    host: str
    agent: str


class _Handler(BaseHTTPRequestHandler):
    seen: ClassVar[list[_Seen]] = []

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
        _Handler.seen.append(
            _Seen(
                server=self.server.server_address[0],
                path=self.path,
                host=self.headers.get("Host", ""),
                agent=self.headers.get("User-Agent", ""),
            )
        )
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


class _TLSServer(_QuietServer):
    """Speaks HTTPS with `context` and records the SNI name of every handshake."""

    def __init__(self, address: tuple[str, int], context: ssl.SSLContext) -> None:
        super().__init__(address, _Handler)
        self.context = context
        self.sni: list[str | None] = []
        context.sni_callback = lambda _sock, name, _ctx: self.sni.append(name)

    def get_request(self) -> tuple[Any, Any]:
        sock, address = super().get_request()
        return self.context.wrap_socket(sock, server_side=True), address


def _start(httpd: ThreadingHTTPServer) -> ThreadingHTTPServer:
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture(autouse=True)
def _forget_requests() -> None:
    _Handler.seen.clear()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _start(_QuietServer(("127.0.0.1", 0), _Handler))
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _unavailable(reason: str) -> NoReturn:
    """Skip on a machine without the fixture's tool or address; in CI (.ci/run sets
    BLOCS_REQUIRE_FETCH_FIXTURES) that is a failure, so the guard's tests always run there."""
    if os.environ.get("BLOCS_REQUIRE_FETCH_FIXTURES"):
        pytest.fail(f"BLOCS_REQUIRE_FETCH_FIXTURES is set but {reason}", pytrace=False)
    pytest.skip(reason)


def _bind_pair() -> tuple[_QuietServer, _QuietServer]:
    """Servers on 127.0.0.2 and 127.0.0.1 that share one port, so one URL can name either."""
    for _ in range(5):
        try:
            first = _QuietServer(("127.0.0.2", 0), _Handler)
        except OSError:
            _unavailable("127.0.0.2 cannot be bound here")
        try:
            return first, _QuietServer(("127.0.0.1", first.server_address[1]), _Handler)
        except OSError:
            first.server_close()
    _unavailable("no port is free on both 127.0.0.1 and 127.0.0.2")


@pytest.fixture(scope="module")
def rebinding_port() -> Iterator[int]:
    """A port served on 127.0.0.2 (allowed below) and on 127.0.0.1 (forbidden below).

    `localhost` is 127.0.0.1 to the system resolver, so a fetch that resolved the name again
    after the check would reach the forbidden server.
    """
    pair = [_start(httpd) for httpd in _bind_pair()]
    yield pair[0].server_address[1]
    for httpd in pair:
        httpd.shutdown()


ALLOWED, FORBIDDEN = "127.0.0.2", "127.0.0.1"
ONLY_127_0_0_2 = FetchPolicy(allowed_networks=(ipaddress.ip_network(f"{ALLOWED}/32"),))


def _rebinding_resolver(calls: list[str]) -> Callable[[str, int], list[str]]:
    """Answers the allowed address the first time and the forbidden one ever after."""

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return [ALLOWED] if len(calls) == 1 else [FORBIDDEN]

    return resolve


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for news.example only (no IP address in it), and its key."""
    if shutil.which("openssl") is None:
        _unavailable("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = (
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1"
        " -subj /CN=news.example -addext subjectAltName=DNS:news.example"
    )
    subprocess.run(
        [*command.split(), "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_server(
    tls_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> Iterator[_TLSServer]:
    """An HTTPS server on 127.0.0.1 whose certificate the fetch trusts (as its only CA)."""
    cert, key = tls_files
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    monkeypatch.setattr(certifi, "where", lambda: str(cert))
    httpd = _start(_TLSServer(("127.0.0.1", 0), context))
    yield httpd
    httpd.shutdown()


def _connections_with_peer(monkeypatch: pytest.MonkeyPatch, peer: tuple[str, int] | None) -> None:
    """Make every real connection report `peer` as the address it reached."""
    connect = httpcore.SyncBackend.connect_tcp

    def connect_and_misreport(self: httpcore.SyncBackend, *args: Any, **kwargs: Any) -> Any:
        stream = connect(self, *args, **kwargs)
        real = stream.get_extra_info
        stream.get_extra_info = lambda info: peer if info == "server_addr" else real(info)
        return stream

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_and_misreport)


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
    assert _Handler.seen[-1].agent == USER_AGENT


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


def test_the_connection_goes_to_the_checked_address_not_to_a_later_answer(
    rebinding_port: int,
) -> None:
    """DNS rebinding: the name checks as allowed once; nothing reaches what it resolves to later."""
    calls: list[str] = []
    url = f"http://localhost:{rebinding_port}/page"
    resource = fetch_url(url, ONLY_127_0_0_2, resolver=_rebinding_resolver(calls))
    assert resource.content == PAGE
    assert calls == ["localhost"]
    assert [(s.server, s.host) for s in _Handler.seen] == [(ALLOWED, f"localhost:{rebinding_port}")]


def test_a_redirect_hop_is_resolved_and_checked_again_before_connecting(
    rebinding_port: int,
) -> None:
    calls: list[str] = []
    url = f"http://localhost:{rebinding_port}/to-page"
    with pytest.raises(FetchRefused, match=rf"/page: localhost resolves to {FORBIDDEN}"):
        fetch_url(url, ONLY_127_0_0_2, resolver=_rebinding_resolver(calls))
    assert calls == ["localhost", "localhost"]
    assert [(s.server, s.path) for s in _Handler.seen] == [(ALLOWED, "/to-page")]


def test_the_server_sees_the_url_host_name_in_the_host_header_not_the_address(
    server: str,
) -> None:
    port = server.rsplit(":", 1)[1]
    url = f"http://news.example:{port}/page"
    fetch_url(url, LOOPBACK_ONLY, resolver=lambda h, p: ["127.0.0.1"])
    assert [s.host for s in _Handler.seen] == [f"news.example:{port}"]


def test_a_connection_whose_peer_cannot_be_known_is_refused_before_sending(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _connections_with_peer(monkeypatch, None)
    with pytest.raises(FetchRefused, match=rf"{server}/page: cannot tell which address"):
        fetch_url(f"{server}/page", LOOPBACK_ONLY)
    time.sleep(0.1)  # give the server a moment to log a request, were one sent
    assert _Handler.seen == []


def test_a_connection_that_reached_another_address_is_refused_before_sending(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _connections_with_peer(monkeypatch, ("10.9.8.7", 80))
    with pytest.raises(FetchRefused, match=r"connected to 10\.9\.8\.7, not to the checked 127"):
        fetch_url(f"{server}/page", LOOPBACK_ONLY)
    time.sleep(0.1)
    assert _Handler.seen == []


def test_https_keeps_the_host_name_for_sni_and_the_certificate(tls_server: _TLSServer) -> None:
    """The socket goes to 127.0.0.1, which the certificate does not name; news.example does."""
    port = tls_server.server_address[1]
    url = f"https://news.example:{port}/page"
    resource = fetch_url(url, LOOPBACK_ONLY, resolver=lambda h, p: ["127.0.0.1"])
    assert resource.content == PAGE
    assert tls_server.sni == ["news.example"]
    assert [s.host for s in _Handler.seen] == [f"news.example:{port}"]


def test_https_refuses_a_certificate_for_another_name(tls_server: _TLSServer) -> None:
    url = f"https://other.example:{tls_server.server_address[1]}/page"
    with pytest.raises(IngestError, match="CERTIFICATE_VERIFY_FAILED"):
        fetch_url(url, LOOPBACK_ONLY, resolver=lambda h, p: ["127.0.0.1"])
    assert tls_server.sni == ["other.example"]
    assert _Handler.seen == []


def test_a_name_without_addresses_is_refused() -> None:
    with pytest.raises(FetchRefused, match="no address"):
        check_url("https://news.example/", FetchPolicy(), resolver=lambda h, p: [])


def test_a_resolver_answer_that_is_not_an_address_is_an_ingest_error() -> None:
    with pytest.raises(IngestError, match="not an IP address"):
        check_url("https://news.example/", FetchPolicy(), resolver=lambda h, p: ["nonsense"])


@pytest.mark.parametrize("host", ["a" * 64 + ".example", "news..example"])
def test_host_names_that_are_not_valid_idna_fail_to_resolve_without_a_lookup(host: str) -> None:
    with pytest.raises(IngestError, match="cannot resolve"):
        system_resolver(host, 80)


def test_the_system_resolver_keeps_the_order_of_its_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = ["2001:db8::1", "192.0.2.7", "2001:db8::1"]
    infos = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, 80)) for a in answers]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: infos)
    assert system_resolver("news.example", 80) == ["2001:db8::1", "192.0.2.7"]


def test_a_host_name_httpx_cannot_encode_is_an_ingest_error(server: str) -> None:
    url = f"http://xn--:{server.rsplit(':', 1)[1]}/page"
    with pytest.raises(IngestError, match=r"fetch failed .*A-label"):
        fetch_url(url, LOOPBACK_ONLY, resolver=lambda h, p: ["127.0.0.1"])
    assert _Handler.seen == []


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
