"""Polling feeds end to end: a local site, the real extraction, a real SQLite file."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from bot.config import Settings
from bot.ingest import InputItem, ingest_item
from bot.sources.feeds import Feed, FeedConfig, active_feeds, due_feeds, sync_feeds
from bot.sources.fetch import Fetcher
from bot.sources.poll import PAUSE_AFTER_FAILURES, fetch_all_once, poll_feed, poll_feeds
from storage.db import Database
from tests.fixtures.sources.site import KAZINFORM_ETAG, LocalSite


async def add_feeds(db: Database, *configs: FeedConfig) -> list[Feed]:
    await sync_feeds(db, list(configs))
    return await active_feeds(db)


def kazinform(site: LocalSite) -> FeedConfig:
    return FeedConfig("Kazinform", f"{site.base}/kazinform/rss.xml", "rss")


def kt(site: LocalSite) -> FeedConfig:
    return FeedConfig("KAZAKHSTAN TODAY", f"{site.base}/kt/atom.xml", "rss")


def elkz(site: LocalSite) -> FeedConfig:
    return FeedConfig("El.kz", f"{site.base}/ru/news/", "page")


async def test_rss_poll_stores_the_foreign_policy_item_and_skips_the_weather(
    db: Database, site: LocalSite, fetcher: Fetcher
) -> None:
    [feed] = await add_feeds(db, kazinform(site))
    result = await poll_feed(db, feed, fetcher)
    assert result.ok and (result.listed, result.stored, result.skipped) == (2, 1, 1)
    article = await db.fetchone("SELECT url, feed_id, text FROM articles")
    assert article is not None
    assert article["url"] == f"{site.base}/kazinform/ru/news/a4301234"  # utm_* removed
    assert article["feed_id"] == feed.id
    assert "Кошербаев" in article["text"]
    skipped = await db.fetchone("SELECT status, reason FROM feed_items WHERE url LIKE '%a4301240'")
    assert skipped is not None and skipped["status"] == "skipped"
    assert "не о внешней политике" in skipped["reason"]
    row = await db.fetchone("SELECT etag, error_count, last_ok_at, next_poll_at FROM feeds WHERE id = ?", (feed.id,))
    assert row is not None and row["etag"] == KAZINFORM_ETAG and row["error_count"] == 0
    waited = datetime.fromisoformat(row["next_poll_at"]) - datetime.fromisoformat(row["last_ok_at"])
    assert 14 * 60 <= waited.total_seconds() <= 15 * 60


async def test_the_second_poll_asks_with_the_etag_and_gets_304(db: Database, site: LocalSite, fetcher: Fetcher) -> None:
    [feed] = await add_feeds(db, kazinform(site))
    await poll_feed(db, feed, fetcher)
    [feed] = await active_feeds(db)
    again = await poll_feed(db, feed, fetcher)
    assert again.ok and again.not_modified and again.new == 0
    assert site.requests[-1][2].get("If-None-Match") == KAZINFORM_ETAG
    assert await db.scalar("SELECT count(*) FROM articles") == 1


async def test_feed_dates_keep_their_plus_five_offset(db: Database, site: LocalSite, fetcher: Fetcher) -> None:
    [feed] = await add_feeds(db, kt(site))
    await poll_feed(db, feed, fetcher)
    published = await db.scalar("SELECT published_at FROM articles")
    assert published is not None and published.startswith("2025-12-04")


async def test_one_meeting_from_three_outlets_is_one_event_with_three_sources(
    db: Database, site: LocalSite, fetcher: Fetcher
) -> None:
    feeds = await add_feeds(db, kt(site), elkz(site), kazinform(site))
    results = await poll_feeds(db, feeds, fetcher=fetcher)
    assert all(r.ok for r in results), [r.error for r in results]
    assert sum(r.stored for r in results) == 1
    assert sum(r.joined for r in results) == 2
    assert await db.scalar("SELECT count(*) FROM events") == 1
    sources = await db.fetchall("SELECT source, url, text FROM articles ORDER BY id")
    assert len(sources) == 3
    texts = {r["url"]: r["text"] for r in sources}
    kt_text = next(t for u, t in texts.items() if u.endswith("_1010101.html"))
    assert "Министр иностранных дел Республики Казахстан Ермек Кошербаев" in kt_text  # cp1251 under a utf-8 header
    elkz_text = next(t for u, t in texts.items() if u.endswith("_41234/"))
    assert "&nbsp;" not in elkz_text and "&laquo;" not in elkz_text and "\xa0" not in elkz_text
    assert "Ермек Кошербаев" in elkz_text
    # The exhibition on the El.kz listing is not foreign policy.
    assert await db.scalar("SELECT status FROM feed_items WHERE url LIKE '%_41230/'") == "skipped"
    assert await db.scalar("SELECT count(*) FROM event_organizations WHERE org_id = 'osce'") == 1


async def test_a_failing_feed_backs_off_and_recovers(db: Database, site: LocalSite, fetcher: Fetcher) -> None:
    [feed] = await add_feeds(db, FeedConfig("Flaky", f"{site.base}/switch/feed.xml", "rss", interval_minutes=15))
    site.fail_feed = True
    for errors, wait_minutes in ((1, 30), (2, 60), (3, 120)):
        [feed] = await active_feeds(db)
        result = await poll_feed(db, feed, fetcher)
        assert not result.ok and result.error == "HTTP 500 Internal Server Error"
        row = await db.fetchone("SELECT error_count, last_error, last_polled_at, next_poll_at FROM feeds")
        assert row is not None and row["error_count"] == errors and "500" in row["last_error"]
        waited = datetime.fromisoformat(row["next_poll_at"]) - datetime.fromisoformat(row["last_polled_at"])
        assert abs(waited.total_seconds() - wait_minutes * 60) <= 2
    assert await due_feeds(db, row["last_polled_at"]) == []  # not due before its back-off ends
    site.fail_feed = False
    [feed] = await active_feeds(db)
    assert (await poll_feed(db, feed, fetcher)).ok
    assert await db.scalar("SELECT error_count FROM feeds") == 0
    assert await db.scalar("SELECT last_error FROM feeds") is None


async def test_a_feed_failing_a_hundred_times_is_paused(db: Database, site: LocalSite, fetcher: Fetcher) -> None:
    [feed] = await add_feeds(db, FeedConfig("Broken", f"{site.base}/error500", "rss"))
    async with db.transaction() as conn:
        await conn.execute("UPDATE feeds SET error_count = ?", (PAUSE_AFTER_FAILURES - 1,))
    [feed] = await active_feeds(db)
    result = await poll_feed(db, feed, fetcher)
    assert result.paused
    assert await db.scalar("SELECT paused FROM feeds") == 1
    assert await active_feeds(db) == []
    # Back-off never exceeds a day.
    row = await db.fetchone("SELECT last_polled_at, next_poll_at FROM feeds")
    assert row is not None
    waited = datetime.fromisoformat(row["next_poll_at"]) - datetime.fromisoformat(row["last_polled_at"])
    assert waited.total_seconds() <= 24 * 3600 + 2


async def test_a_redirect_loop_or_huge_feed_counts_as_an_error(db: Database, site: LocalSite, fetcher: Fetcher) -> None:
    feeds = await add_feeds(db, FeedConfig("Loop", f"{site.base}/loop"), FeedConfig("Huge", f"{site.base}/huge"))
    results = await poll_feeds(db, feeds, fetcher=fetcher)
    errors = {r.feed.name: r.error or "" for r in results}
    assert "перенаправлений" in errors["Loop"] and "слишком большой" in errors["Huge"]
    assert await db.scalar("SELECT sum(error_count) FROM feeds") == 2


async def test_newsbot_fetch_polls_the_feeds_file(tmp_path: Path, site: LocalSite) -> None:
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(
        f'[[feed]]\nname = "Kazinform"\nurl = "{site.base}/kazinform/rss.xml"\nkind = "rss"\nlang = "ru"\n'
        "interval_minutes = 15\n\n"
        f'[[feed]]\nname = "Сломанная"\nurl = "{site.base}/error500"\nkind = "rss"\n',
        encoding="utf-8",
    )
    db_path = tmp_path / "fetch.sqlite3"
    settings = Settings(database_url=f"sqlite:///{db_path}", feeds_file=feeds_file, fetch_allow_private=True)
    out = io.StringIO()
    code = await fetch_all_once(settings, out=out)
    assert code == 0
    report = out.getvalue()
    assert "Лент опрошено: 2" in report and "сохранено новых событий: 1" in report
    assert "ошибка: Сломанная" in report
    db = await Database.open(db_path)
    try:
        assert await db.scalar("SELECT count(*) FROM articles") == 1
    finally:
        await db.close()


async def test_newsbot_fetch_rejects_a_broken_feeds_file(tmp_path: Path) -> None:
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text('[[feed]]\nname = "x"\nurl = "ftp://example.kz/rss"\n', encoding="utf-8")
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}", feeds_file=feeds_file)
    assert await fetch_all_once(settings, out=io.StringIO()) == 2


async def test_ingest_url_fetches_one_page(db: Database, site: LocalSite) -> None:
    url = f"{site.base}/ru/news/glava-mid-rk-v-vene-obse-dolzhna-sokhranit-rol-ploshchadki-dlya-dialoga_41234/"
    tracked = url + "?utm_source=tg"
    outcome = await ingest_item(db, InputItem(name=tracked, url=tracked), allow_private=True)
    assert outcome.status == "stored", outcome.detail
    assert await db.scalar("SELECT url FROM articles") == url
    again = await ingest_item(db, InputItem(name=url, url=url), allow_private=True)
    assert again.status == "duplicate"


async def test_ingest_url_reports_a_failed_fetch(db: Database, site: LocalSite) -> None:
    outcome = await ingest_item(db, InputItem(name="x", url=f"{site.base}/error500"), allow_private=True)
    assert outcome.status == "rejected" and "HTTP 500" in outcome.detail
