"""Fetch a URL safely: only http(s), only public addresses unless allowed, capped in size
and time, redirects followed by hand so that every hop is checked again.

The host is resolved and every address checked before connecting; after connecting, the
address actually connected to is checked again before the body is read, so a DNS answer
that changes between the two (DNS rebinding) is refused too.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from blocs import __version__
from blocs.errors import FetchRefused, IngestError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Sequence[str]]

USER_AGENT = f"blocs/{__version__} (news event extraction; +https://pypi.org/project/blocs/)"
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What a fetch may reach and how much it may take."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = field(default=())
    max_bytes: int = MAX_BYTES
    timeout_s: float = 30.0
    max_redirects: int = MAX_REDIRECTS
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class FetchedResource:
    url: str  # final URL after redirects
    content: bytes
    content_type: str
    fetched_at: datetime


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise IngestError(f"{host}: cannot resolve host name ({exc.strerror})") from exc
    return sorted({str(info[4][0]) for info in infos})


def address_is_allowed(address: IPAddress, policy: FetchPolicy) -> bool:
    """Public (globally routable) addresses only, unless the policy allows more."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if any(address in net for net in policy.allowed_networks):
        return True
    if policy.allow_private:
        return not (address.is_multicast or address.is_unspecified)
    return address.is_global and not address.is_multicast


def check_url(url: str, policy: FetchPolicy, resolver: Resolver = system_resolver) -> None:
    """Raise FetchRefused unless `url` is http(s) and every address of its host is allowed."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchRefused(f"{url}: only http and https URLs are fetched, not {parts.scheme!r}")
    host = parts.hostname
    if not host:
        raise FetchRefused(f"{url}: the URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchRefused(f"{url}: bad port ({exc})") from exc
    for text in resolver(host, port):
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if not address_is_allowed(address, policy):
            raise FetchRefused(
                f"{url}: {host} resolves to {address}, a private, loopback or link-local "
                "address; pass --allow-private to fetch it anyway"
            )


def _check_connected_peer(response: httpx.Response, url: str, policy: FetchPolicy) -> None:
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        return
    address = ipaddress.ip_address(str(peer[0]).split("%", 1)[0])
    if not address_is_allowed(address, policy):
        raise FetchRefused(f"{url}: connected to {address}, which is not allowed (DNS rebinding?)")


def _read_capped(response: httpx.Response, url: str, policy: FetchPolicy, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchRefused(f"{url}: {declared} bytes is over the {policy.max_bytes}-byte limit")
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > policy.max_bytes:
            raise FetchRefused(f"{url}: body is over the {policy.max_bytes}-byte limit")
        if time.monotonic() > deadline:
            raise FetchRefused(f"{url}: took longer than {policy.timeout_s:.0f} s")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_url(
    url: str,
    policy: FetchPolicy | None = None,
    resolver: Resolver = system_resolver,
    client: httpx.Client | None = None,
) -> FetchedResource:
    """GET `url` under `policy`; raise FetchRefused or IngestError naming the URL."""
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.timeout_s
    own_client = client is None
    http = client or httpx.Client(
        follow_redirects=False,
        timeout=httpx.Timeout(policy.timeout_s, connect=min(10.0, policy.timeout_s)),
        headers={
            "User-Agent": policy.user_agent,
            "Accept": "text/html,application/xhtml+xml,"
            "application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5",
        },
        trust_env=False,
    )
    current = url
    try:
        for _ in range(policy.max_redirects + 1):
            check_url(current, policy, resolver)
            with http.stream("GET", current) as response:
                _check_connected_peer(response, current, policy)
                if response.is_redirect:
                    location = response.headers.get("location", "")
                    current = urljoin(current, location)
                    continue
                if response.status_code >= 400:
                    raise IngestError(f"{current}: HTTP {response.status_code}")
                content = _read_capped(response, current, policy, deadline)
                return FetchedResource(
                    url=current,
                    content=content,
                    content_type=response.headers.get("content-type", ""),
                    fetched_at=datetime.now(UTC),
                )
        raise IngestError(f"{url}: more than {policy.max_redirects} redirects")
    except httpx.TimeoutException as exc:
        raise IngestError(f"{current}: timed out after {policy.timeout_s:.0f} s") from exc
    except httpx.HTTPError as exc:
        raise IngestError(f"{current}: fetch failed ({exc})") from exc
    finally:
        if own_client:
            http.close()
