"""Polite fetching against a local site: robots.txt, the User-Agent, Retry-After."""

from __future__ import annotations

import time
from datetime import datetime

import pytest

from bot.config import get_settings
from bot.sources.feeds import FeedConfig, active_feeds, sync_feeds
from bot.sources.fetch import USER_AGENT, Fetcher, FetchError, retry_after_seconds, user_agent
from bot.sources.poll import poll_feed
from bot.sources.robots import RobotsCache
from storage.db import Database
from tests.fixtures.sources.site import LocalSite

ROBOTS = "User-agent: *\nDisallow: /kt/\n\nUser-agent: newsbot\nDisallow: /ru/news/\n"


async def test_robots_txt_is_honoured_and_asked_once_per_site(site: LocalSite) -> None:
    site.robots_txt = ROBOTS
    async with Fetcher(delay=0, allow_private=True, robots_cache=RobotsCache()) as fetcher:
        with pytest.raises(FetchError, match=r"robots\.txt"):
            await fetcher.get(f"{site.base}/ru/news/")
        ok = await fetcher.get(f"{site.base}/kazinform/rss.xml")
        assert ok.status == 200
        await fetcher.get(f"{site.base}/text/vienna_kt.txt")
        # Our own group applies, not `*`: /kt/ is open to newsbot.
        await fetcher.get(f"{site.base}/kt/atom.xml")
    assert site.count("/robots.txt") == 1
    assert site.count("/ru/news/") == 0


async def test_crawl_delay_spaces_requests_to_the_site(site: LocalSite) -> None:
    site.robots_txt = ROBOTS + "Crawl-delay: 1\n"
    async with Fetcher(delay=0, allow_private=True, robots_cache=RobotsCache()) as fetcher:
        started = time.monotonic()
        for _ in range(3):
            await fetcher.get(f"{site.base}/kazinform/rss.xml")
        assert time.monotonic() - started >= 0.95  # Crawl-delay: 1


async def test_no_robots_txt_allows_everything_and_a_5xx_closes_the_site(site: LocalSite) -> None:
    async with Fetcher(delay=0, allow_private=True, robots_cache=RobotsCache()) as fetcher:
        assert (await fetcher.get(f"{site.base}/ru/news/")).status == 200
    site.robots_txt, site.robots_status = "oops", 503
    async with Fetcher(delay=0, allow_private=True, robots_cache=RobotsCache()) as fetcher:
        with pytest.raises(FetchError, match=r"robots\.txt"):
            await fetcher.get(f"{site.base}/ru/news/")


async def test_robots_rules_expire_after_their_ttl(site: LocalSite) -> None:
    now = [1000.0]
    cache = RobotsCache(ttl=60, clock=lambda: now[0])
    site.robots_txt = "User-agent: *\nDisallow:\n"
    async with Fetcher(delay=0, allow_private=True, robots_cache=cache) as fetcher:
        await fetcher.get(f"{site.base}/ru/news/")
        site.robots_txt = "User-agent: *\nDisallow: /ru/\n"
        await fetcher.get(f"{site.base}/ru/news/")  # still the cached rules
        now[0] += 61
        with pytest.raises(FetchError, match=r"robots\.txt"):
            await fetcher.get(f"{site.base}/ru/news/")
    assert site.count("/robots.txt") == 2


async def test_the_user_agent_names_the_bot_and_the_contact_url(
    site: LocalSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOT_CONTACT_URL", "https://example.org/newsbot")
    get_settings.cache_clear()
    try:
        async with Fetcher(delay=0, allow_private=True, robots_cache=RobotsCache()) as fetcher:
            await fetcher.get(f"{site.base}/kazinform/rss.xml")
    finally:
        get_settings.cache_clear()
    agents = {headers.get("User-Agent") for _, _, headers in site.requests}
    assert agents == {"newsbot/0.2 (+https://example.org/newsbot; Kazakhstan foreign-policy news bot)"}
    assert user_agent(None) == USER_AGENT


async def test_a_short_retry_after_is_waited_out_and_the_request_tried_again(site: LocalSite) -> None:
    site.busy_left = 1
    async with Fetcher(delay=0, allow_private=True, robots_cache=RobotsCache()) as fetcher:
        started = time.monotonic()
        result = await fetcher.get(f"{site.base}/busy?s=1")
        assert result.status == 200
        assert time.monotonic() - started >= 0.95
    assert site.count("/busy") == 2


async def test_a_long_retry_after_fails_with_the_wait_and_holds_the_host(site: LocalSite) -> None:
    site.busy_left = 5
    async with Fetcher(delay=0, allow_private=True, robots_cache=RobotsCache(), max_retry_wait=5) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.get(f"{site.base}/busy?s=3600")
        assert caught.value.retry_after == 3600
        assert "Retry-After" in str(caught.value)
        host = site.base.removeprefix("http://")
        assert fetcher.turns.next_start[host] - fetcher.turns.next_start.get("other", 0) > 3000
    assert site.count("/busy") == 1


def test_retry_after_as_seconds_or_an_http_date() -> None:
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Wed, 21 Oct 2026 07:28:00 GMT", now=1792567680.0 - 60) == 60
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


async def test_a_feed_answering_retry_after_is_polled_again_no_sooner(db: Database, site: LocalSite) -> None:
    site.busy_left = 5
    await sync_feeds(db, [FeedConfig("Busy", f"{site.base}/busy?s=7200", "rss", interval_minutes=15)])
    [feed] = await active_feeds(db)
    async with Fetcher(delay=0, allow_private=True, robots_cache=RobotsCache()) as fetcher:
        result = await poll_feed(db, feed, fetcher)
    assert not result.ok and result.retry_after == 7200
    row = await db.fetchone("SELECT last_polled_at, next_poll_at, last_error FROM feeds WHERE id = ?", (feed.id,))
    assert row is not None and "Retry-After" in row["last_error"]
    waited = datetime.fromisoformat(row["next_poll_at"]) - datetime.fromisoformat(row["last_polled_at"])
    assert 7190 <= waited.total_seconds() <= 7210  # not the 30 minutes of the usual back-off


async def test_a_redirected_robots_txt_is_followed_and_each_hop_checked(site: LocalSite) -> None:
    site.robots_txt, site.robots_redirect = "User-agent: *\nDisallow: /ru/\n", "/moved/robots.txt"
    async with Fetcher(delay=0, allow_private=True, robots_cache=RobotsCache()) as fetcher:
        with pytest.raises(FetchError, match=r"robots\.txt"):
            await fetcher.get(f"{site.base}/ru/news/")
    assert site.count("/moved/robots.txt") == 1
    site.robots_redirect = "ftp://127.0.0.1/robots.txt"
    async with Fetcher(delay=0, allow_private=True, robots_cache=RobotsCache()) as fetcher:
        with pytest.raises(FetchError, match="http и https"):
            await fetcher.get(f"{site.base}/ru/news/")
