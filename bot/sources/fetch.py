"""HTTP GET for feeds and article pages, polite and bounded.

Only http and https; at most `max_redirects` redirects, each checked again; a body larger
than `max_bytes` is cut off and refused; one timeout for the whole request; at most
`per_host` requests at a time to one host, and `delay` seconds between the starts of two
requests to it. Conditional GET: pass the ETag and Last-Modified of the last answer, get a
304 back as `FetchResult.not_modified`.
"""

from __future__ import annotations

import asyncio
import re
from collections import defaultdict
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import aiohttp

USER_AGENT = "newsbot/0.1 (+https://github.com/; Kazakhstan foreign policy news digest)"
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 20.0
PER_HOST = 2
DELAY_SECONDS = 0.5
_CHARSET_RE = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


class FetchError(Exception):
    """The request failed; the message says why, in Russian (shown in /stats and logs)."""


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
    ) -> None:
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.user_agent = user_agent
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

    async def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET `url`, following redirects by hand so that each hop is checked."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(self.max_redirects + 1):
            check_url(current)
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


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"поддерживаются только адреса http и https, а не {parts.scheme or 'без схемы'}")
    if not parts.netloc:
        raise FetchError("в адресе нет сайта")
