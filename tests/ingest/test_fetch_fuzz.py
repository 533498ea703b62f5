"""Fuzzing the fetch guard: whatever the URL text and whatever the resolver answers, checking
and fetching raise only blocs' own errors, and no connection is opened to an address that was
not checked. No DNS lookup and no connection leaves the process: the resolver is a stub and
the socket layer refuses every connection after recording it."""

from __future__ import annotations

import ipaddress
import ssl
from collections.abc import Sequence
from typing import Any

import httpcore
import httpx
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.provisional import domains

from blocs.errors import BlocsError, FetchRefused
from blocs.ingest.fetch import FetchPolicy, IPAddress, address_is_allowed, check_url, fetch_url


def _url_host(address: IPAddress) -> str:
    return f"[{address}]" if address.version == 6 else str(address)


SCHEMES = st.one_of(st.sampled_from(["http", "https", "HTTP", "ftp", "file", ""]), st.text())
LABEL_STARTS = st.sampled_from(["", "xn--", "-", "."])  # where IDNA codecs are strict
LABELS = st.one_of(st.text(), st.from_regex(r"[A-Za-z0-9.-]{0,12}", fullmatch=True))
HOSTS = st.one_of(
    st.builds(str.__add__, LABEL_STARTS, LABELS),
    domains(),
    st.ip_addresses().map(_url_host),
)
PORTS = st.one_of(
    st.just(""), st.integers(-5, 70_000).map(lambda p: f":{p}"), st.text().map(lambda t: f":{t}")
)
URLS = st.one_of(
    st.text(),
    st.builds(lambda s, h, p, path: f"{s}://{h}{p}{path}", SCHEMES, HOSTS, PORTS, st.text()),
)
# URLs that pass the scheme and port checks, so fuzzing reaches httpx's own URL parser.
HTTP_URLS = st.builds(
    lambda s, h, p, path: f"{s}://{h}{p}/{path}",
    st.sampled_from(["http", "https"]),
    HOSTS,
    st.one_of(st.just(""), st.integers(0, 65_535).map(lambda p: f":{p}")),
    st.text(),
)
ANSWERS = st.lists(st.one_of(st.ip_addresses().map(str), st.text(max_size=12)), max_size=3)
NETWORKS = st.lists(st.ip_addresses().map(lambda a: ipaddress.ip_network(a)), max_size=2)
POLICIES = st.builds(FetchPolicy, allow_private=st.booleans(), allowed_networks=NETWORKS.map(tuple))


class _StubResolver:
    """Answers `answers` for any host and counts the questions."""

    def __init__(self, answers: Sequence[str]) -> None:
        self.answers = list(answers)
        self.hosts: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.hosts.append(host)
        return self.answers


@given(url=URLS, answers=ANSWERS, policy=POLICIES)
def test_check_url_raises_only_blocs_errors_and_resolves_at_most_once(
    url: str, answers: list[str], policy: FetchPolicy
) -> None:
    resolver = _StubResolver(answers)
    try:
        addresses = check_url(url, policy, resolver)
    except BlocsError:
        addresses = ()
    assert len(resolver.hosts) <= 1
    assert all(address_is_allowed(address, policy) for address in addresses)


@given(answers=st.lists(st.ip_addresses(), max_size=4), policy=POLICIES)
def test_check_url_returns_every_answer_when_all_are_allowed_and_refuses_otherwise(
    answers: list[IPAddress], policy: FetchPolicy
) -> None:
    resolver = _StubResolver([str(a) for a in answers])
    if answers and all(address_is_allowed(a, policy) for a in answers):
        assert check_url("https://news.example/", policy, resolver) == tuple(answers)
    else:
        with pytest.raises(FetchRefused):
            check_url("https://news.example/", policy, resolver)


@given(
    url=st.one_of(URLS, HTTP_URLS),
    answers=st.lists(st.ip_addresses().map(str), min_size=1, max_size=3),
)
@example(url="HTTP://XN--", answers=["192.0.2.1"])  # httpx let idna's error escape on this
def test_fetch_url_raises_only_blocs_errors_and_connects_only_to_checked_addresses(
    url: str, answers: list[str]
) -> None:
    policy = FetchPolicy(allow_private=True)  # most answers pass, so the fetch goes on
    attempts: list[str] = []

    def refuse_connection(self: httpcore.SyncBackend, host: str, *args: Any, **kwargs: Any) -> Any:
        attempts.append(host)
        raise httpcore.ConnectError("no connections while fuzzing")

    resolver = _StubResolver(answers)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(httpcore.SyncBackend, "connect_tcp", refuse_connection)
        # No handshake can happen, and loading the CA bundle would take most of each example.
        patch.setattr(
            httpx, "create_ssl_context", lambda **_: ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        )
        with pytest.raises(BlocsError):
            fetch_url(url, policy, resolver)
    checked = {ipaddress.ip_address(text) for text in answers} if attempts else set()
    assert {ipaddress.ip_address(host) for host in attempts} <= checked
    assert all(address_is_allowed(address, policy) for address in checked)
