"""/start, /help, the private-chat hint, chat recording, throttling, subscriptions."""

from __future__ import annotations

import asyncio
import time

from bot.middlewares import ThrottlingMiddleware
from storage.db import Database
from tests.unit.handler_harness import Harness, text


async def test_start_and_help(db: Database) -> None:
    harness = Harness(db)
    assert text(await harness.send("/start")).startswith("Здравствуйте, Тест!")
    help_text = text(await harness.send("/help"))
    for command in ("/latest", "/org", "/person", "/search", "/subscribe", "/unsubscribe", "/subscriptions"):
        assert command in help_text


async def test_other_text_gets_a_hint_in_private_and_silence_in_groups(db: Database) -> None:
    harness = Harness(db)
    assert "<code>/search вода и мир</code>" in text(await harness.send("вода и мир"))
    assert "Не знаю команды «/foo»" in text(await harness.send("/foo bar"))
    assert await harness.send("всем привет", chat_id=-100, user_id=5, chat_type="supergroup") == []


async def test_chats_are_recorded_with_type_title_and_language(db: Database) -> None:
    harness = Harness(db)
    await harness.send("/help", chat_id=7)
    await harness.send("/help", chat_id=-100500, user_id=7, chat_type="supergroup")
    rows = await db.fetchall("SELECT id, type, title, language FROM chats ORDER BY id")
    assert [tuple(r) for r in rows] == [(-100500, "supergroup", "Группа", None), (7, "private", "Тест", "ru")]


def test_throttling_lets_a_burst_through_then_spaces_updates() -> None:
    throttle = ThrottlingMiddleware(rate=2.0, burst=3)
    delays = [throttle.delay_for(1, now=100.0) for _ in range(6)]
    assert delays == [0.0, 0.0, 0.0, 0.5, 1.0, 1.5]
    assert throttle.delay_for(2, now=100.0) == 0.0  # another user is not slowed down
    assert throttle.delay_for(1, now=110.0) == 0.0  # after a pause the burst is back


async def test_a_burst_of_30_is_answered_slowly_not_dropped(db: Database) -> None:
    harness = Harness(db, throttle=ThrottlingMiddleware(rate=100.0, burst=5))
    start = time.perf_counter()
    await asyncio.gather(*(harness.send("/help") for _ in range(30)))
    assert len(harness.session.messages) == 30
    assert time.perf_counter() - start >= 0.2  # 25 over the burst at 100/s


async def test_subscriptions_add_list_remove(db: Database) -> None:
    harness = Harness(db)
    assert "Подписок нет" in text(await harness.send("/subscriptions"))
    assert "Напишите слова" in text(await harness.send("/subscribe"))
    assert "Подписка «вода» оформлена" in text(await harness.send("/subscribe  Вода "))
    assert "уже есть" in text(await harness.send("/subscribe вода"))
    assert "нет слов для поиска" in text(await harness.send("/subscribe && —"))
    assert "разметку" in text(await harness.send("/subscribe <b>мир</b> & вода"))  # could never match
    await harness.send("/subscribe <мир> & вода")
    listing = text(await harness.send("/subscriptions"))
    assert "1. вода" in listing and "2. &lt;мир&gt; &amp; вода" in listing
    assert "отменена" in text(await harness.send("/unsubscribe ВОДА"))
    assert "Подписки «вода» нет" in text(await harness.send("/unsubscribe вода"))
    rows = await db.fetchall("SELECT chat_id, query, kind FROM subscriptions")
    assert [tuple(r) for r in rows] == [(1, "<мир> & вода", "words")]


async def test_in_groups_only_admins_change_subscriptions(db: Database) -> None:
    harness = Harness(db)
    harness.session.chat_admins = False
    refused = text(await harness.send("/subscribe вода", chat_id=-200, user_id=9, chat_type="group"))
    assert "только администраторы" in refused
    harness.session.chat_admins = True
    assert "оформлена" in text(await harness.send("/subscribe вода", chat_id=-200, user_id=9, chat_type="group"))
    assert len(harness.calls("getChatMember")) == 2
