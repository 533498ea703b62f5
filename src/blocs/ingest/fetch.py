"""Fetch a URL safely: only http(s), only public addresses unless the policy allows more,
capped in size and time, redirects followed by hand.

For the URL and for every redirect hop, a fetch guarantees that:

- the host name is resolved once, with the injectable resolver, and every address it has is
  checked against the policy before any connection is opened;
- the TCP connection goes to one of those checked addresses, never to a fresh DNS answer, so a
  name whose answer changes (DNS rebinding) cannot steer the request elsewhere; the Host
  header, the TLS SNI and the certificate check still use the host name;
- the socket's peer is compared with the checked address before TLS starts or any request
  byte is sent; a peer that differs, or that cannot be determined, refuses the fetch;
- no proxy, netrc or certificate setting is taken from the environment.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from blocs import __version__
from blocs.errors import FetchRefused, IngestError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Sequence[str]]

USER_AGENT = f"blocs/{__version__} (news event extraction; +https://pypi.org/project/blocs/)"
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
ACCEPT = (
    "text/html,application/xhtml+xml,"
    "application/rss+xml,application/atom+xml,text/plain;q=0.9,*/*;q=0.5"
)

# httpcore errors reach fetch_url unmapped, because _PinnedTransport talks to httpcore itself;
# httpx's URL parser lets idna's errors (UnicodeError) through, on host names like "xn--".
_TIMEOUTS = (httpx.TimeoutException, httpcore.TimeoutException)
_FAILURES = (
    httpx.HTTPError,
    httpx.InvalidURL,
    UnicodeError,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
)


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
    """The operating system's addresses for `host`, in its order of preference, each once."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:  # UnicodeError: the name is not valid IDNA
        raise IngestError(f"{host}: cannot resolve host name ({exc})") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_is_allowed(address: IPAddress, policy: FetchPolicy) -> bool:
    """Public (globally routable) addresses only, unless the policy allows more."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if any(address in net for net in policy.allowed_networks):
        return True
    if policy.allow_private:
        return not (address.is_multicast or address.is_unspecified)
    return address.is_global and not address.is_multicast


def _host_and_port(url: str) -> tuple[str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # a bad port, or a malformed [IPv6] host
        raise FetchRefused(f"{url}: not a valid URL ({exc})") from exc
    if parts.scheme not in {"http", "https"}:
        raise FetchRefused(f"{url}: only http and https URLs are fetched, not {parts.scheme!r}")
    if not parts.hostname:
        raise FetchRefused(f"{url}: the URL has no host")
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def _parse_address(text: str, url: str) -> IPAddress:
    try:
        return ipaddress.ip_address(text)
    except ValueError as exc:
        raise IngestError(f"{url}: the resolver answered {text!r}, not an IP address") from exc


def check_url(
    url: str, policy: FetchPolicy, resolver: Resolver = system_resolver
) -> tuple[IPAddress, ...]:
    """Resolve the host of `url` once and return its addresses, every one allowed by `policy`.

    Raise FetchRefused unless `url` is http(s) and its host has addresses, all of them allowed.
    fetch_url connects to these addresses only.
    """
    host, port = _host_and_port(url)
    addresses = tuple(_parse_address(text, url) for text in resolver(host, port))
    if not addresses:
        raise FetchRefused(f"{url}: {host} resolves to no address")
    for address in addresses:
        if not address_is_allowed(address, policy):
            raise FetchRefused(
                f"{url}: {host} resolves to {address}, a private, loopback or link-local "
                "address; pass --allow-private to fetch it anyway"
            )
    return addresses


def _peer_address(stream: httpcore.NetworkStream) -> IPAddress | None:
    """The address the socket is connected to, or None when the stream cannot tell."""
    peer = stream.get_extra_info("server_addr")
    try:
        return ipaddress.ip_address(str(peer[0]))
    except (TypeError, IndexError, ValueError):
        return None


def _verify_peer(stream: httpcore.NetworkStream, pinned: IPAddress, url: str) -> None:
    peer = _peer_address(stream)
    if peer is None:
        raise FetchRefused(f"{url}: cannot tell which address the connection reached; refused")
    if peer != pinned:
        raise FetchRefused(f"{url}: connected to {peer}, not to the checked {pinned}; refused")


class _PinnedBackend(httpcore.NetworkBackend):
    """Opens every TCP connection to the checked addresses, whatever host it is asked for.

    httpcore passes the URL's host name to `start_tls` as `server_hostname`, so SNI and the
    certificate check keep the name; only the socket's destination is pinned. The peer is
    verified here, before httpcore starts TLS or writes the request.
    """

    def __init__(self, url: str, addresses: Sequence[IPAddress]) -> None:
        self._url = url
        self._addresses = addresses
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        """Try the checked addresses in the resolver's order, as getaddrinfo users do."""
        for address in self._addresses[:-1]:
            with contextlib.suppress(httpcore.ConnectError, httpcore.ConnectTimeout):
                return self._connect(address, port, timeout, local_address, socket_options)
        return self._connect(self._addresses[-1], port, timeout, local_address, socket_options)

    def _connect(
        self,
        address: IPAddress,
        port: int,
        timeout: float | None,
        local_address: str | None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None,
    ) -> httpcore.NetworkStream:
        stream = self._sockets.connect_tcp(
            str(address), port, timeout, local_address, socket_options
        )
        try:
            _verify_peer(stream, address, self._url)
        except FetchRefused:
            stream.close()
            raise
        return stream


class _CoreBody(httpx.SyncByteStream):
    """An httpcore response body as httpx reads it; closing it releases the connection."""

    def __init__(self, response: httpcore.Response) -> None:
        self._response = response

    def __iter__(self) -> Iterator[bytes]:
        yield from self._response.iter_stream()

    def close(self) -> None:
        self._response.close()


class _PinnedTransport(httpx.BaseTransport):
    """httpx's transport API over an httpcore pool that connects through a _PinnedBackend.

    httpx 0.28's own HTTPTransport cannot be given a network backend.
    """

    def __init__(self, backend: httpcore.NetworkBackend, ssl_context: ssl.SSLContext) -> None:
        self._pool = httpcore.ConnectionPool(ssl_context=ssl_context, network_backend=backend)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        response = self._pool.handle_request(
            httpcore.Request(
                request.method,
                httpcore.URL(
                    scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
                ),
                headers=request.headers.raw,
                content=request.stream,
                extensions=request.extensions,
            )
        )
        return httpx.Response(
            response.status,
            headers=response.headers,
            stream=_CoreBody(response),
            extensions=response.extensions,
        )

    def close(self) -> None:
        self._pool.close()


def _pinned_client(
    url: str, policy: FetchPolicy, resolver: Resolver, ssl_context: ssl.SSLContext
) -> httpx.Client:
    """A client for one hop: `url` is checked and may be reached at its checked addresses only."""
    backend = _PinnedBackend(url, check_url(url, policy, resolver))
    return httpx.Client(
        transport=_PinnedTransport(backend, ssl_context),
        follow_redirects=False,
        timeout=httpx.Timeout(policy.timeout_s, connect=min(10.0, policy.timeout_s)),
        headers={"User-Agent": policy.user_agent, "Accept": ACCEPT},
        trust_env=False,
    )


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


def _resource(
    response: httpx.Response, url: str, policy: FetchPolicy, deadline: float
) -> FetchedResource:
    if response.status_code >= 400:
        raise IngestError(f"{url}: HTTP {response.status_code}")
    return FetchedResource(
        url=url,
        content=_read_capped(response, url, policy, deadline),
        content_type=response.headers.get("content-type", ""),
        fetched_at=datetime.now(UTC),
    )


def fetch_url(
    url: str, policy: FetchPolicy | None = None, resolver: Resolver = system_resolver
) -> FetchedResource:
    """GET `url` under `policy`; raise FetchRefused or IngestError naming the URL.

    Every hop is resolved once with `resolver`, checked, and connected to at a checked
    address only (see the module docstring).
    """
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.timeout_s
    ssl_context = httpx.create_ssl_context(trust_env=False)
    current = url
    try:
        for _ in range(policy.max_redirects + 1):
            with (
                _pinned_client(current, policy, resolver, ssl_context) as http,
                http.stream("GET", current) as response,
            ):
                if not response.is_redirect:
                    return _resource(response, current, policy, deadline)
                current = urljoin(current, response.headers.get("location", ""))
        raise IngestError(f"{url}: more than {policy.max_redirects} redirects")
    except _TIMEOUTS as exc:
        raise IngestError(f"{current}: timed out after {policy.timeout_s:.0f} s") from exc
    except _FAILURES as exc:
        raise IngestError(f"{current}: fetch failed ({exc})") from exc
