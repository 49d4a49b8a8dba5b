"""HTTP GET for feeds and article pages, polite and bounded.

Only http and https; at most `max_redirects` redirects, each checked again; a body larger
than `max_bytes` is cut off and refused; one timeout for the whole request; at most
`per_host` requests at a time to one host, and `delay` seconds between the starts of two
requests to it. Conditional GET: pass the ETag and Last-Modified of the last answer, get a
304 back as `FetchResult.not_modified`.

Only public addresses: the host of every hop (the first request and each redirect) is refused
when it is, or resolves to, a loopback, private, link-local, multicast, reserved or unspecified
address, in any spelling (`0.0.0.0`, `[::ffff:127.0.0.1]`, `2130706433`, `0x7f.1`, `localhost`).
A name is resolved once, by the connector's resolver, which refuses it when any of its addresses
is not public and otherwise hands the connector exactly the addresses it checked: nothing is
resolved again between the check and the connection. `allow_private=True` (the setting
FETCH_ALLOW_PRIVATE) lifts the rule, for feeds served on one's own machine.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

USER_AGENT = "newsbot/0.1 (+https://github.com/; Kazakhstan foreign policy news digest)"
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 20.0
PER_HOST = 2
DELAY_SECONDS = 0.5
_CHARSET_RE = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_NUMERIC_HOST_RE = re.compile(r"[0-9a-fA-FxX.]+")  # what inet_aton may read as an IPv4 address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class FetchError(Exception):
    """The request failed; the message says why, in Russian (shown in /stats and logs)."""


class BlockedAddress(FetchError):
    """The host is not a public address: never retried, never stored."""


class _BlockedByResolver(OSError):
    """Raised inside aiohttp's connector (which passes OSErrors on); becomes BlockedAddress."""


@dataclass(frozen=True)
class FetchResult:
    url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str | None = None
    charset: str | None = None  # from the Content-Type header, possibly wrong
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _HostTurns:
    """Per-host concurrency and spacing of request starts."""

    per_host: int
    delay: float
    semaphores: dict[str, asyncio.Semaphore] = field(default_factory=dict)
    locks: dict[str, asyncio.Lock] = field(default_factory=lambda: defaultdict(asyncio.Lock))
    next_start: dict[str, float] = field(default_factory=dict)

    def semaphore(self, host: str) -> asyncio.Semaphore:
        if host not in self.semaphores:
            self.semaphores[host] = asyncio.Semaphore(self.per_host)
        return self.semaphores[host]

    async def wait_turn(self, host: str) -> None:
        loop = asyncio.get_running_loop()
        async with self.locks[host]:
            wait = self.next_start.get(host, 0.0) - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self.next_start[host] = loop.time() + self.delay


class Fetcher:
    """One aiohttp session with the limits above; use as `async with Fetcher() as fetcher`."""

    def __init__(
        self,
        *,
        timeout: float = TIMEOUT_SECONDS,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = MAX_REDIRECTS,
        per_host: int = PER_HOST,
        delay: float = DELAY_SECONDS,
        user_agent: str = USER_AGENT,
        allow_private: bool = False,
        exempt: Sequence[IPNetwork] = (),
        dns: AbstractResolver | None = None,  # the system's resolver unless given (tests)
    ) -> None:
        self.policy = AddressPolicy(allow_private, tuple(exempt))
        self.dns = dns
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.user_agent = user_agent
        self.turns = _HostTurns(per_host, delay)
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        connector = aiohttp.TCPConnector(
            limit=100, limit_per_host=self.turns.per_host, resolver=CheckingResolver(self.policy, self.dns)
        )
        self._session = aiohttp.ClientSession(
            connector=connector, timeout=self.timeout, headers={"User-Agent": self.user_agent}
        )
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET `url`, following redirects by hand so that each hop is checked."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(self.max_redirects + 1):
            check_url(current, self.policy)
            result_or_next = await self._get_once(current, headers)
            if isinstance(result_or_next, FetchResult):
                return result_or_next
            current = result_or_next
        raise FetchError(f"слишком много перенаправлений (больше {self.max_redirects})")

    async def _get_once(self, url: str, headers: dict[str, str]) -> FetchResult | str:
        if self._session is None:
            raise RuntimeError("Fetcher is used outside `async with`")
        host = urlsplit(url).netloc.lower()
        async with self.turns.semaphore(host):
            await self.turns.wait_turn(host)
            try:
                async with self._session.get(url, headers=headers, allow_redirects=False) as resp:
                    if resp.status in (301, 302, 303, 307, 308):
                        location = resp.headers.get("Location")
                        if not location:
                            raise FetchError(f"перенаправление {resp.status} без адреса")
                        return urljoin(url, location)
                    if resp.status == 304:
                        return FetchResult(url=url, status=304, etag=resp.headers.get("ETag"),
                                           last_modified=resp.headers.get("Last-Modified"))
                    if resp.status >= 400:
                        raise FetchError(f"HTTP {resp.status} {resp.reason or ''}".strip())
                    body = await self._read_capped(resp)
                    content_type = resp.headers.get("Content-Type")
                    charset_match = _CHARSET_RE.search(content_type or "")
                    return FetchResult(
                        url=url,
                        status=resp.status,
                        body=body,
                        content_type=content_type,
                        charset=charset_match.group(1).lower() if charset_match else None,
                        etag=resp.headers.get("ETag"),
                        last_modified=resp.headers.get("Last-Modified"),
                    )
            except TimeoutError as exc:
                raise FetchError(f"нет ответа за {self.timeout.total:.0f} с") from exc
            except aiohttp.ClientConnectorError as exc:
                if isinstance(exc.os_error, _BlockedByResolver):
                    raise BlockedAddress(str(exc.os_error)) from None
                raise FetchError(f"ошибка соединения: {exc.__class__.__name__}: {exc}") from exc
            except aiohttp.ClientError as exc:
                raise FetchError(f"ошибка соединения: {exc.__class__.__name__}: {exc}") from exc

    async def _read_capped(self, resp: aiohttp.ClientResponse) -> bytes:
        limit_mb = self.max_bytes / 1024 / 1024
        if resp.content_length is not None and resp.content_length > self.max_bytes:
            raise FetchError(f"слишком большой ответ: {resp.content_length / 1024 / 1024:.1f} МБ > {limit_mb:.0f} МБ")
        chunks: list[bytes] = []
        size = 0
        async for chunk in resp.content.iter_chunked(64 * 1024):
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"слишком большой ответ: больше {limit_mb:.0f} МБ")
            chunks.append(chunk)
        return b"".join(chunks)


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses may be fetched: public ones, plus `exempt` networks, or any (allow_private)."""

    allow_private: bool = False
    exempt: tuple[IPNetwork, ...] = ()  # treated as public (tests serve a "public" site on 127.0.0.2)

    def problem(self, host: str, ip: IPAddress) -> str | None:
        """Why `host` (at `ip`) may not be fetched, in Russian; None when it may."""
        if self.allow_private or any(ip.version == net.version and ip in net for net in self.exempt):
            return None
        kind = address_kind(ip)
        if kind is None:
            return None
        shown = host if host == str(ip) else f"{host} ({ip})"
        return (
            f"адрес {shown} — {kind}; загружаются только публичные адреса "
            "(для проверок на своём компьютере: FETCH_ALLOW_PRIVATE=true)"
        )


PUBLIC_ONLY = AddressPolicy()


def address_kind(ip: IPAddress) -> str | None:
    """What kind of non-public address `ip` is, in Russian; None for a public one."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return address_kind(inner)
    checks = (
        (ip.is_unspecified, "неуказанный адрес"),
        (ip.is_loopback, "этот же компьютер"),
        (ip.is_link_local, "адрес локального сегмента сети"),
        (ip.is_multicast, "групповой адрес"),
        (ip.is_reserved, "зарезервированный адрес"),
        (ip.is_private, "частная сеть"),
        (not ip.is_global, "не публичный адрес"),
    )
    return next((kind for hit, kind in checks if hit), None)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for: ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d, 6to4."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if (ip in _NAT64 or ip in _IPV4_COMPATIBLE) and int(ip) > 1:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def literal_ip(host: str) -> IPAddress | None:
    """The address a host written as an IP literal stands for, in any spelling the C library
    accepts (`127.1`, `2130706433`, `0x7f.1`, `0177.0.0.1`); None for a name."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _NUMERIC_HOST_RE.fullmatch(host) and any(c.isdigit() for c in host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def _looks_numeric(host: str) -> bool:
    """aiohttp connects to such hosts without asking the resolver."""
    return ":" in host or host.replace(".", "").isdigit()


def check_url(url: str, policy: AddressPolicy = PUBLIC_ONLY) -> None:
    """Scheme and host, without the network: an IP literal or a `localhost` name that is not public
    is refused here; a name is checked when it is resolved (see CheckingResolver)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"поддерживаются только адреса http и https, а не {parts.scheme or 'без схемы'}")
    if not parts.netloc:
        raise FetchError("в адресе нет сайта")
    try:
        host = URL(url).host or ""
    except ValueError as exc:
        raise FetchError(f"адрес не разобрать: {exc}") from None
    if not host:
        raise FetchError("в адресе нет сайта")
    ip = literal_ip(host)
    if ip is None and _looks_numeric(host):
        raise FetchError(f"адрес сайта {host} не разобрать")
    if ip is None and _is_localhost(host):
        ip = ipaddress.IPv4Address("127.0.0.1")
    problem = policy.problem(host, ip) if ip is not None else None
    if problem:
        raise BlockedAddress(problem)


def _is_localhost(host: str) -> bool:
    name = host.lower().rstrip(".")
    return name == "localhost" or name.endswith(".localhost")


class CheckingResolver(AbstractResolver):
    """Resolves a name once and refuses it when any of its addresses is not allowed; the connector
    connects to the addresses returned, the ones that were checked."""

    def __init__(self, policy: AddressPolicy, dns: AbstractResolver | None = None) -> None:
        self.policy = policy
        self._inner = dns or aiohttp.ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        for result in results:
            try:
                ip = ipaddress.ip_address(result["host"])
            except ValueError:
                raise _BlockedByResolver(f"адрес {host} не разобрать: {result['host']}") from None
            problem = self.policy.problem(host, ip)
            if problem:
                raise _BlockedByResolver(problem)
        return results

    async def close(self) -> None:
        await self._inner.close()
