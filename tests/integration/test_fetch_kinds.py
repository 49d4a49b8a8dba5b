"""The ministry's news API, Akorda's listing, the first fill and the issue-12 stories, on a local site."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Settings
from bot.sources import akorda, govkz
from bot.sources.feeds import FeedConfig, FeedsFileError, active_feeds, load_feeds, sync_feeds
from bot.sources.fetch import Fetcher
from bot.sources.poll import ProgressBar, poll_feed
from storage.db import Database
from tests.fixtures.sources.site import LocalSite


def mfa(site: LocalSite, lang: str = "ru") -> FeedConfig:
    return FeedConfig("МИД РК", govkz.feed_url("mfa", f"{site.base}/api/v1/public/content-manager/news"), "govkz",
                      lang=lang)


def akorda_feed(site: LocalSite) -> FeedConfig:
    return FeedConfig("Акорда", f"{site.base}/ru/events", "akorda")


async def one_feed(db: Database, config: FeedConfig):  # type: ignore[no-untyped-def]
    await sync_feeds(db, [config])
    [feed] = await active_feeds(db)
    return feed


@pytest.mark.parametrize("wrapped", [False, True])
async def test_the_ministry_news_api_is_read_with_its_own_dates_and_full_text(
    db: Database, site: LocalSite, fetcher: Fetcher, wrapped: bool
) -> None:
    site.govkz_wrapped = wrapped  # a bare list, or {"content": [...]}: scrapers meet both
    feed = await one_feed(db, mfa(site))
    result = await poll_feed(db, feed, fetcher)
    assert result.ok, result.error
    assert result.listed == 6 and result.stored + result.joined == 6, result.item_reasons
    # one request to the API: the text is in the answer, no page is fetched
    assert [p for _, p, _h in site.requests if p != "/robots.txt"] == ["/api/v1/public/content-manager/news"]
    _, _, headers = next(r for r in site.requests if r[1].startswith("/api"))
    assert headers["Accept-Language"] == "ru"
    row = await db.fetchone(
        "SELECT a.url, a.published_at, a.text FROM articles a WHERE a.url LIKE '%/details/1090003%'"
    )
    assert row is not None
    assert row["url"] == f"{site.base}/memleket/entities/mfa/press/news/details/1090003?lang=ru"
    expected_day = (datetime.now(UTC) + timedelta(hours=5) - timedelta(days=2)).date().isoformat()
    assert row["published_at"].startswith(expected_day) and row["published_at"].endswith("+05:00")
    assert "Муттаки" in row["text"]


async def test_the_ministry_language_goes_in_the_header_and_the_article_url(
    db: Database, site: LocalSite, fetcher: Fetcher
) -> None:
    feed = await one_feed(db, mfa(site, lang="en"))
    await poll_feed(db, feed, fetcher)
    _, _, headers = next(r for r in site.requests if r[1].startswith("/api"))
    assert headers["Accept-Language"] == "en"
    assert await db.scalar("SELECT count(*) FROM articles WHERE url LIKE '%?lang=en'") >= 1


async def test_akorda_listing_gives_dates_and_pages_and_skips_domestic_events(
    db: Database, site: LocalSite, fetcher: Fetcher
) -> None:
    feed = await one_feed(db, akorda_feed(site))
    result = await poll_feed(db, feed, fetcher)
    assert result.ok, result.error
    assert result.listed == 3  # a regular poll reads the first page only
    assert result.skipped == 1 and result.stored + result.joined == 2, result.item_reasons
    skipped = await db.fetchone("SELECT url, reason FROM feed_items WHERE status = 'skipped'")
    assert skipped is not None and skipped["url"].endswith("-3301002")
    assert skipped["reason"].startswith("не о внешней политике")


async def test_the_first_fill_walks_back_pages_to_the_day_asked(
    db: Database, site: LocalSite, fetcher: Fetcher
) -> None:
    feed = await one_feed(db, akorda_feed(site))
    since = (datetime.now(UTC) + timedelta(hours=5) - timedelta(days=7)).date()
    result = await poll_feed(db, feed, fetcher, since=since)
    assert result.ok, result.error
    # days 0, 1, 2 | 4, 6, 9 | 12: pages 1 and 2 are read, the 9-day-old event left out, page 3 not asked
    assert result.listed == 5
    assert [p for _, p, _h in site.requests].count("/ru/events") == 2
    assert await db.scalar("SELECT count(*) FROM feed_items WHERE url LIKE '%-3301006'") == 0


async def test_the_first_fill_of_the_ministry_api_pages_through(
    db: Database, site: LocalSite, fetcher: Fetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(govkz, "PAGE_SIZE", 2)
    feed = await one_feed(db, mfa(site))
    since = (datetime.now(UTC) + timedelta(hours=5) - timedelta(days=9)).date()
    result = await poll_feed(db, feed, fetcher, since=since)
    assert result.ok, result.error
    assert result.listed == 5  # days 0, 1 | 2, 5 | 8, (15): the 15-day-old one is older than `since`
    assert sum(1 for r in site.requests if r[1].startswith("/api")) == 3


async def test_the_three_stories_of_the_issue_are_stored_when_served_in_a_feed(
    db: Database, site: LocalSite, fetcher: Fetcher
) -> None:
    feed = await one_feed(db, FeedConfig("Local", f"{site.base}/issue12/rss.xml", "rss"))
    result = await poll_feed(db, feed, fetcher)
    assert result.ok and result.listed == 3, result.error
    assert result.skipped == 0, result.item_reasons
    assert result.stored + result.joined == 3
    titles = {r[0] for r in await db.fetchall("SELECT title FROM articles")}
    assert any("Кабул" in t for t in titles) and any("ВЕЭС" in t for t in titles) and any("ООН" in t for t in titles)


async def test_newsbot_fetch_since_draws_a_progress_bar_and_lists_skipped(tmp_path: Path, site: LocalSite) -> None:
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(f'[[feed]]\nname = "Акорда"\nurl = "{site.base}/ru/events"\nkind = "akorda"\n',
                          encoding="utf-8")
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'fill.sqlite3'}", feeds_file=feeds_file, fetch_allow_private=True
    )

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    from bot.sources.poll import fetch_all_once

    out, bar = io.StringIO(), Terminal()
    code = await fetch_all_once(settings, out=out, since=timedelta(days=7), show_skipped=True, progress_stream=bar)
    assert code == 0
    assert "5/5 статей" in bar.getvalue()
    report = out.getvalue()
    assert "Пропущено как не о внешней политике (1)" in report
    assert "-3301002" in report and "newsbot ingest URL" in report


def test_the_feeds_file_names_the_ministry_and_its_language(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text('[[feed]]\nname = "МИД РК"\nkind = "govkz"\nproject = "mfa"\nlang = "en"\n', encoding="utf-8")
    [config] = load_feeds(path)
    assert config.kind == "govkz" and config.lang == "en"
    assert govkz.project_of(config.url) == "mfa"
    assert config.url.startswith(govkz.API_URL)
    path.write_text('[[feed]]\nname = "МИД РК"\nkind = "govkz"\n', encoding="utf-8")
    with pytest.raises(FeedsFileError, match="project"):
        load_feeds(path)
    path.write_text('[[feed]]\nname = "X"\nurl = "https://x.kz/rss"\nproject = "mfa"\n', encoding="utf-8")
    with pytest.raises(FeedsFileError, match="govkz"):
        load_feeds(path)


def test_parsers_on_their_own() -> None:
    assert akorda.listing_date("21 марта 2026 года") == "2026-03-21"
    assert akorda.listing_date("вчера") is None
    assert akorda.page_url("https://www.akorda.kz/ru/events", 2) == "https://www.akorda.kz/ru/events?page=2"
    with pytest.raises(Exception, match="JSON"):
        govkz.parse_news(b"<html>", govkz.feed_url("mfa"), "ru")
    items = govkz.parse_news(b'[{"id": 7, "name": "T", "createdDate": "2025-12-04T18:20:00.000+0500"}, {"x": 1}]',
                             govkz.feed_url("mfa"), "ru")
    assert [(i.title, i.published_at, i.text) for i in items] == [("T", "2025-12-04T18:20+05:00", None)]
    assert ProgressBar(0, "статей", io.StringIO()).enabled is False
