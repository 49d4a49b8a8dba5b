"""`/source add URL`, `/source list`, `/source skipped`: the services against the local site, and the
owner-only Telegram handler."""

from __future__ import annotations

import time
from typing import Any

import pytest
from aiogram import Bot, Dispatcher

from bot.app import default_properties
from bot.config import Settings
from bot.console import RecordingSession
from bot.handlers import sources as sources_handlers
from bot.ingest import InputItem, ingest_item
from bot.sources.feeds import FeedConfig, FeedsFileError, active_feeds, add_source, all_feeds, sync_feeds
from bot.sources.fetch import Fetcher
from bot.sources.poll import poll_feed
from storage.db import Database
from tests.fixtures.sources.site import LocalSite

OWNER = 7


async def test_a_feed_url_becomes_an_rss_source_named_by_its_title(
    db: Database, site: LocalSite, fetcher: Fetcher
) -> None:
    added = await add_source(db, f"{site.base}/kazinform/rss.xml?utm_source=tg", OWNER, fetcher=fetcher)
    assert added.created and added.items == 2
    assert (added.feed.name, added.feed.kind, added.feed.url) == (
        "Kazinform — новости Казахстана", "rss", f"{site.base}/kazinform/rss.xml"
    )
    assert await db.scalar("SELECT added_by FROM feeds") == OWNER


async def test_a_listing_page_becomes_a_page_source(db: Database, site: LocalSite, fetcher: Fetcher) -> None:
    added = await add_source(db, f"{site.base}/ru/news/", OWNER, fetcher=fetcher)
    assert added.feed.kind == "page" and added.items == 2


async def test_adding_again_resumes_a_paused_source(db: Database, site: LocalSite, fetcher: Fetcher) -> None:
    first = await add_source(db, f"{site.base}/kt/atom.xml", OWNER, fetcher=fetcher)
    async with db.transaction() as conn:
        await conn.execute("UPDATE feeds SET paused = 1, error_count = 100")
    again = await add_source(db, f"{site.base}/kt/atom.xml", OWNER, fetcher=fetcher)
    assert not again.created and again.feed.id == first.feed.id
    [feed] = await all_feeds(db)
    assert not feed.paused and feed.error_count == 0


@pytest.mark.parametrize(("path", "message"), [
    ("/error500", "HTTP 500"),
    ("/slow?s=0", "ни RSS/Atom, ни списка"),
])
async def test_what_is_neither_feed_nor_listing_is_refused(
    db: Database, site: LocalSite, fetcher: Fetcher, path: str, message: str
) -> None:
    with pytest.raises(FeedsFileError, match=message):
        await add_source(db, site.base + path, OWNER, fetcher=fetcher)
    assert await all_feeds(db) == []


class Chat:
    """A dispatcher with only the sources router, and a session that records what the bot sends.
    The test site is on 127.0.0.1: private addresses are allowed unless `allow_private=False`."""

    def __init__(self, db: Database, owner_id: int | None = OWNER, allow_private: bool = True) -> None:
        self.session = RecordingSession()
        self.bot = Bot("42:TEST", session=self.session, default=default_properties())
        self.dp = Dispatcher(db=db, settings=Settings(owner_id=owner_id, fetch_allow_private=allow_private))
        self.dp.include_router(sources_handlers.setup())
        self.update_ids = iter(range(1, 10_000))

    async def send(self, text: str, user_id: int = OWNER) -> list[str]:
        before = len(self.session.messages)
        message: dict[str, Any] = {
            "message_id": next(self.update_ids),
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "Тест"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Тест"},
            "text": text,
        }
        await self.dp.feed_raw_update(self.bot, {"update_id": next(self.update_ids), "message": message})
        return [m.text or "" for m in self.session.messages[before:]]


async def test_owner_adds_and_lists_sources_in_telegram(db: Database, site: LocalSite) -> None:
    chat = Chat(db)
    [reply] = await chat.send(f"/source add {site.base}/kazinform/rss.xml")
    assert reply.startswith("Добавлено: <b>Kazinform — новости Казахстана</b> — лента RSS/Atom")
    [listing] = await chat.send("/source list")
    assert "Ленты (1):" in listing and f"{site.base}/kazinform/rss.xml" in listing and "работает" in listing
    [refused] = await chat.send(f"/source add {site.base}/error500")
    assert refused.startswith("Не добавлено:") and "HTTP 500" in refused
    [usage] = await chat.send("/source")
    assert "/source add" in usage


async def test_others_may_not_touch_sources(db: Database, site: LocalSite) -> None:
    chat = Chat(db)
    [reply] = await chat.send(f"/source add {site.base}/kazinform/rss.xml", user_id=99)
    assert reply == "Эта команда доступна только владельцу бота."
    assert await all_feeds(db) == []
    nobody_owns = Chat(db, owner_id=None)
    assert await nobody_owns.send("/source list") == ["Эта команда доступна только владельцу бота."]


async def test_source_list_shows_success_error_stored_and_skipped(
    db: Database, site: LocalSite, fetcher: Fetcher
) -> None:
    await sync_feeds(db, [FeedConfig("Kazinform", f"{site.base}/kazinform/rss.xml", "rss"),
                          FeedConfig("Сломанная", f"{site.base}/error500", "rss")])
    for feed in await active_feeds(db):
        await poll_feed(db, feed, fetcher)
    chat = Chat(db)
    [listing] = await chat.send("/source list")
    kazinform, broken = listing.split("• ")[1:]
    assert "успех: " in kazinform and "ошибка: нет" in kazinform
    assert "сохранено в день: 0.1 (за 7 дн.); пропущено: 1" in kazinform
    assert "успех: ещё не было" in broken and "HTTP 500" in broken and "пропущено: 0" in broken


async def test_a_skipped_item_is_listed_with_its_reason_and_can_be_stored_by_hand(
    db: Database, site: LocalSite, fetcher: Fetcher
) -> None:
    await sync_feeds(db, [FeedConfig("Акорда", f"{site.base}/ru/events", "akorda")])
    [feed] = await active_feeds(db)
    await poll_feed(db, feed, fetcher)
    chat = Chat(db)
    [skipped] = await chat.send("/source skipped")
    url = f"{site.base}/ru/glave-gosudarstva-predstavili-otchety-akimy-3301002"
    assert "Пропущено как не о внешней политике (последние 1)" in skipped
    assert url in skipped and "не о внешней политике (баллов" in skipped and "newsbot ingest URL" in skipped
    # what `newsbot ingest URL` does (with FETCH_ALLOW_PRIVATE, as the site is on this machine)
    outcome = await ingest_item(db, InputItem(name=url, url=url), allow_private=True)
    assert outcome.status == "stored", outcome.detail
    assert await chat.send("/source skipped") == ["Пропущенных статей нет."]
    again = await poll_feed(db, (await active_feeds(db))[0], fetcher)
    assert again.new == 0  # polling does not take it up again
