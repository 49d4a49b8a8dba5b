"""robots.txt, fetched once per site and kept for a while (RFC 9309).

A site's rules come from `<scheme>://<host>/robots.txt`: an answer 2xx is parsed; 4xx (no file)
allows everything; 5xx means "don't crawl" until the rules are asked for again. Rules are kept
`ttl` seconds (a day), a 5xx answer an hour. `Crawl-delay` for our agent, when given, spaces our
requests to the site (at most a minute).
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

AGENT = "newsbot"
TTL_SECONDS = 24 * 3600
SERVER_ERROR_TTL_SECONDS = 3600
MAX_CRAWL_DELAY = 60.0

# (status, body) of GET <origin>/robots.txt; raises the fetcher's error when the site is unreachable.
RobotsGetter = Callable[[str], Awaitable[tuple[int, bytes]]]


@dataclass(frozen=True)
class SiteRules:
    parser: urllib.robotparser.RobotFileParser | None  # None: no file, everything allowed
    disallow_all: bool
    expires: float

    def allowed(self, url: str) -> bool:
        if self.disallow_all:
            return False
        return self.parser is None or self.parser.can_fetch(AGENT, url)

    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(AGENT)
        return min(float(delay), MAX_CRAWL_DELAY) if delay is not None else None


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def rules_from_answer(status: int, body: bytes, now: float, ttl: float = TTL_SECONDS) -> SiteRules:
    if 200 <= status < 300:
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return SiteRules(parser, False, now + ttl)
    if status >= 500:
        return SiteRules(None, True, now + SERVER_ERROR_TTL_SECONDS)
    return SiteRules(None, False, now + ttl)


class RobotsCache:
    """The rules of every site asked about, until they expire."""

    def __init__(self, ttl: float = TTL_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.clock = ttl, clock
        self._rules: dict[str, SiteRules] = {}

    async def rules(self, url: str, get: RobotsGetter) -> SiteRules:
        site = origin(url)
        now = self.clock()
        cached = self._rules.get(site)
        if cached is not None and cached.expires > now:
            return cached
        status, body = await get(f"{site}/robots.txt")
        rules = rules_from_answer(status, body, self.clock(), self.ttl)
        self._rules[site] = rules
        return rules

    def forget(self) -> None:
        self._rules.clear()


# One cache for the whole process: the running bot polls with a new Fetcher every minute.
SHARED = RobotsCache()
