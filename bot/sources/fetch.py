"""HTTP GET for feeds and article pages, polite and bounded.

Only http and https; at most `max_redirects` redirects, each checked again; a body larger
than `max_bytes` is cut off and refused; one timeout for the whole request; at most
`per_host` requests at a time to one host, and `delay` seconds between the starts of two
requests to it. Conditional GET: pass the ETag and Last-Modified of the last answer, get a
304 back as `FetchResult.not_modified`.

Polite: robots.txt is honoured (bot/sources/robots.py, its Crawl-delay too); the User-Agent
names the bot and the contact address of BOT_CONTACT_URL; an answer 429 or 503 with
`Retry-After` holds every request to that host back that long, and the request is tried once
more when the wait is short (`max_retry_wait`), else it fails with `FetchError.retry_after`.
"""

from __future__ import annotations

import asyncio
import email.utils
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import aiohttp

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
        robots_cache: robots.RobotsCache | None = robots.SHARED,
        max_retry_wait: float = MAX_RETRY_WAIT,
    ) -> None:
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.user_agent = user_agent or default_user_agent()
        self.robots = robots_cache  # None: robots.txt not asked (only for tests of other things)
        self.max_retry_wait = max_retry_wait
        self.turns = _HostTurns(per_host, delay)
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        connector = aiohttp.TCPConnector(limit=100, limit_per_host=self.turns.per_host)
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
            check_url(current)
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
            check_url(url)
            host = urlsplit(url).netloc.lower()
            async with self.turns.semaphore(host):
                await self.turns.wait_turn(host)
                try:
                    async with self._session.get(url, allow_redirects=False) as resp:
                        location = resp.headers.get("Location")
                        if resp.status not in (301, 302, 303, 307, 308) or not location:
                            return resp.status, await resp.content.read(MAX_ROBOTS_BYTES)
                except TimeoutError as exc:
                    raise FetchError(f"нет ответа за {self.timeout.total:.0f} с (robots.txt)") from exc
                except aiohttp.ClientError as exc:
                    raise FetchError(f"ошибка соединения: {exc.__class__.__name__}: {exc}") from exc
            url = urljoin(url, location)
        return 404, b""

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
            except TimeoutError as exc:
                raise FetchError(f"нет ответа за {self.timeout.total:.0f} с") from exc
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


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"поддерживаются только адреса http и https, а не {parts.scheme or 'без схемы'}")
    if not parts.netloc:
        raise FetchError("в адресе нет сайта")
