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

Polite: robots.txt is honoured (bot/sources/robots.py, its Crawl-delay too); the User-Agent
names the bot and the contact address of BOT_CONTACT_URL; an answer 429 or 503 with
`Retry-After` holds every request to that host back that long, and the request is tried once
more when the wait is short (`max_retry_wait`), else it fails with `FetchError.retry_after`.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import ipaddress
import re
import socket
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from bot.news.dedupe import MAX_URL_BYTES
from bot.sources import robots

BOT_NAME = "newsbot/0.2"
USER_AGENT = f"{BOT_NAME} (Kazakhstan foreign-policy news bot)"
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 20.0
PER_HOST = 2
DELAY_SECONDS = 0.5
MAX_RETRY_WAIT = 30.0  # a longer Retry-After fails the request and reschedules the feed
MAX_ROBOTS_BYTES = 512 * 1024
_CHARSET_RE = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_NUMERIC_HOST_RE = re.compile(r"[0-9a-fA-FxX.]+")  # what inet_aton may read as an IPv4 address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class FetchError(Exception):
    """The request failed; the message says why, in Russian (shown in /stats and logs)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after  # seconds the site asked us to wait (429/503 Retry-After)


def user_agent(contact_url: str | None) -> str:
    """`newsbot/0.2 (+https://…; Kazakhstan foreign-policy news bot)`: who we are and where to write."""
    return f"{BOT_NAME} (+{contact_url}; Kazakhstan foreign-policy news bot)" if contact_url else USER_AGENT


def default_user_agent() -> str:
    from bot.config import get_settings

    return user_agent(get_settings().bot_contact_url)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """`Retry-After: 120` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT` as seconds from now."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))


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
    delays: dict[str, float] = field(default_factory=dict)  # a site's own Crawl-delay

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
            self.next_start[host] = loop.time() + max(self.delay, self.delays.get(host, 0.0))

    def hold(self, host: str, seconds: float) -> None:
        """No request to `host` starts in the next `seconds` (the site answered Retry-After)."""
        until = asyncio.get_running_loop().time() + seconds
        self.next_start[host] = max(self.next_start.get(host, 0.0), until)


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
        user_agent: str | None = None,
        allow_private: bool = False,
        exempt: Sequence[IPNetwork] = (),
        dns: AbstractResolver | None = None,  # the system's resolver unless given (tests)
        robots_cache: robots.RobotsCache | None = robots.SHARED,
        max_retry_wait: float = MAX_RETRY_WAIT,
    ) -> None:
        self.policy = AddressPolicy(allow_private, tuple(exempt))
        self.dns = dns
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.user_agent = user_agent or default_user_agent()
        self.robots = robots_cache  # None: robots.txt not asked (only for tests of other things)
        self.max_retry_wait = max_retry_wait
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

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> FetchResult:
        """GET `url`, following redirects by hand so that each hop is checked."""
        headers = dict(headers or {})
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(self.max_redirects + 1):
            check_url(current, self.policy)
            await self._check_robots(current)
            result_or_next = await self._get_waiting(current, headers)
            if isinstance(result_or_next, FetchResult):
                return result_or_next
            current = result_or_next
        raise FetchError(f"слишком много перенаправлений (больше {self.max_redirects})")

    async def _get_waiting(self, url: str, headers: dict[str, str]) -> FetchResult | str:
        """One GET; after a short Retry-After (the host is held back that long) one more try."""
        try:
            return await self._get_once(url, headers)
        except FetchError as exc:
            if exc.retry_after is None or exc.retry_after > self.max_retry_wait:
                raise
        return await self._get_once(url, headers)

    async def _check_robots(self, url: str) -> None:
        if self.robots is None:
            return
        rules = await self.robots.rules(url, self._get_robots)
        delay = rules.crawl_delay()
        if delay is not None:
            self.turns.delays[urlsplit(url).netloc.lower()] = delay
        if not rules.allowed(url):
            raise FetchError(f"адрес закрыт для ботов в robots.txt сайта: {url}")

    async def _get_robots(self, url: str) -> tuple[int, bytes]:
        """(status, body) of a robots.txt; up to 5 redirects, each hop checked like any other request
        (more counts as no file, RFC 9309); a body past 512 KiB is cut off."""
        if self._session is None:
            raise RuntimeError("Fetcher is used outside `async with`")
        for _ in range(self.max_redirects):
            check_url(url, self.policy)
            host = urlsplit(url).netloc.lower()
            async with self.turns.semaphore(host):
                await self.turns.wait_turn(host)
                with self._request_errors(" (robots.txt)"):
                    async with self._session.get(url, allow_redirects=False) as resp:
                        location = resp.headers.get("Location")
                        if resp.status not in (301, 302, 303, 307, 308) or not location:
                            return resp.status, await resp.content.read(MAX_ROBOTS_BYTES)
            url = urljoin(url, location)
        return 404, b""

    async def _get_once(self, url: str, headers: dict[str, str]) -> FetchResult | str:
        if self._session is None:
            raise RuntimeError("Fetcher is used outside `async with`")
        host = urlsplit(url).netloc.lower()
        async with self.turns.semaphore(host):
            await self.turns.wait_turn(host)
            with self._request_errors():
                async with self._session.get(url, headers=headers, allow_redirects=False) as resp:
                    if resp.status in (301, 302, 303, 307, 308):
                        location = resp.headers.get("Location")
                        if not location:
                            raise FetchError(f"перенаправление {resp.status} без адреса")
                        return urljoin(url, location)
                    if resp.status == 304:
                        return FetchResult(url=url, status=304, etag=resp.headers.get("ETag"),
                                           last_modified=resp.headers.get("Last-Modified"))
                    if resp.status in (429, 503):
                        self._raise_busy(host, resp)
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
        raise AssertionError("unreachable")  # every branch above returns or raises

    @contextlib.contextmanager
    def _request_errors(self, what: str = "") -> Iterator[None]:
        """aiohttp's failures as FetchError, in Russian; an address the resolver refused as BlockedAddress."""
        try:
            yield
        except TimeoutError as exc:
            raise FetchError(f"нет ответа за {self.timeout.total:.0f} с{what}") from exc
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, _BlockedByResolver):
                raise BlockedAddress(str(exc.os_error)) from None
            raise FetchError(f"ошибка соединения: {exc.__class__.__name__}: {exc}") from exc
        except aiohttp.ClientError as exc:
            raise FetchError(f"ошибка соединения: {exc.__class__.__name__}: {exc}") from exc

    def _raise_busy(self, host: str, resp: aiohttp.ClientResponse) -> None:
        wait = retry_after_seconds(resp.headers.get("Retry-After"))
        status = f"HTTP {resp.status} {resp.reason or ''}".strip()
        if wait is None:
            raise FetchError(status)
        self.turns.hold(host, wait)
        raise FetchError(f"{status}: сайт просит подождать {wait:.0f} с (Retry-After)", retry_after=wait)

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
    if len(url.encode()) > MAX_URL_BYTES:
        raise FetchError(f"адрес слишком длинный (больше {MAX_URL_BYTES} байт)")
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
