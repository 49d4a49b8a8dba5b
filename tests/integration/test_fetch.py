"""The HTTP client against a real local server: limits, conditional GET, failures."""

from __future__ import annotations

import asyncio
import itertools
import time

import pytest

from bot.sources.fetch import Fetcher, FetchError
from tests.fixtures.sources.site import KAZINFORM_ETAG, KT_LAST_MODIFIED, LocalSite


async def test_a_feed_comes_with_its_etag_and_charset(site: LocalSite, fetcher: Fetcher) -> None:
    result = await fetcher.get(f"{site.base}/kazinform/rss.xml")
    assert result.status == 200
    assert result.etag == KAZINFORM_ETAG
    assert result.charset == "utf-8"
    assert b"<rss" in result.body


async def test_conditional_get_with_etag_gives_304(site: LocalSite, fetcher: Fetcher) -> None:
    result = await fetcher.get(f"{site.base}/kazinform/rss.xml", etag=KAZINFORM_ETAG)
    assert result.not_modified
    assert result.body == b""
    assert site.requests[-1][2]["If-None-Match"] == KAZINFORM_ETAG


async def test_conditional_get_with_last_modified_gives_304(site: LocalSite, fetcher: Fetcher) -> None:
    first = await fetcher.get(f"{site.base}/kt/atom.xml")
    assert first.last_modified == KT_LAST_MODIFIED
    again = await fetcher.get(f"{site.base}/kt/atom.xml", last_modified=first.last_modified)
    assert again.not_modified


async def test_server_error_is_a_fetch_error(site: LocalSite, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="HTTP 500"):
        await fetcher.get(f"{site.base}/error500")


async def test_a_redirect_loop_stops_after_five_redirects(site: LocalSite, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="перенаправлений"):
        await fetcher.get(f"{site.base}/loop")
    assert site.count("/loop") == 6  # the request and five redirects


async def test_a_short_redirect_chain_is_followed(site: LocalSite, fetcher: Fetcher) -> None:
    result = await fetcher.get(f"{site.base}/redirect/3")
    assert result.url == f"{site.base}/kazinform/rss.xml"
    assert result.status == 200


async def test_a_redirect_to_another_scheme_is_refused(site: LocalSite, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="http и https"):
        await fetcher.get(f"{site.base}/to-ftp")


async def test_only_http_and_https(fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="http и https"):
        await fetcher.get("file:///etc/passwd")


@pytest.mark.parametrize("path", ["/huge", "/huge-declared"])
async def test_a_20_mb_body_is_refused_without_reading_it_all(site: LocalSite, fetcher: Fetcher, path: str) -> None:
    with pytest.raises(FetchError, match="слишком большой ответ"):
        await fetcher.get(site.base + path)


async def test_a_slow_answer_times_out(site: LocalSite) -> None:
    async with Fetcher(timeout=0.3, delay=0, allow_private=True) as client:
        with pytest.raises(FetchError, match="нет ответа"):
            await client.get(f"{site.base}/slow?s=2")


async def test_at_most_two_requests_at_a_time_to_one_host(site: LocalSite, fetcher: Fetcher) -> None:
    await asyncio.gather(*(fetcher.get(f"{site.base}/slow?s=0.1") for _ in range(6)))
    assert site.max_in_flight == 2


async def test_polite_delay_between_requests_to_one_host(site: LocalSite) -> None:
    async with Fetcher(delay=0.2, timeout=5, allow_private=True) as client:
        started = time.monotonic()
        await asyncio.gather(*(client.get(f"{site.base}/slow?s=0") for _ in range(4)))
        elapsed = time.monotonic() - started
    starts = sorted(t for t, path, _h in site.requests if path == "/slow")
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.18
    assert elapsed >= 0.55
