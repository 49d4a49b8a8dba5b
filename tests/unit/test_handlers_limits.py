"""Every list is split below 4096 characters; forged or outdated callback data gets a clear answer."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.handlers.errors import SORRY
from bot.handlers.fallback import STALE_BUTTON
from bot.news.dedupe import MAX_URL_BYTES
from bot.rendering import MESSAGE_LIMIT
from storage.db import Database
from tests.unit.handler_harness import Harness, text

OWNER = 7


def assert_fits(messages: list[str]) -> None:
    assert messages and all(0 < len(m) < MESSAGE_LIMIT for m in messages), [len(m) for m in messages]


async def test_fifty_subscriptions_of_a_hundred_characters_are_listed_in_several_messages(db: Database) -> None:
    harness = Harness(db)
    for n in range(50):
        query = f"вода{n:02d} " + "<&> " * 30
        query = query[:100].strip()
        assert len(query) >= 99
        assert "оформлена" in text(await harness.send(f"/subscribe {query}"))
    messages = await harness.send("/subscriptions")
    listing = text(messages)  # each message is well-formed Telegram HTML
    assert len(messages) > 1
    assert_fits([m.text or "" for m in messages])
    assert "(50 из 50)" in listing and "Отменить: /unsubscribe" in listing
    for n in range(50):
        assert f"{n + 1}. вода{n:02d} &lt;&amp;&gt;" in listing


async def test_the_sources_list_is_split_even_for_a_huge_url(db: Database) -> None:
    long_url = "https://example.kz/rss?" + "&".join(f"p{n}=<{n}>" for n in range(190))  # 1,900 characters
    assert len(long_url) <= MAX_URL_BYTES
    rows = [(f"Лента {n} & <ко>", f"https://example{n}.kz/rss/" + "x" * 150) for n in range(60)]
    rows.append(("Огромная", long_url))
    async with db.transaction() as conn:
        sql = "INSERT INTO feeds (name, url, kind, lang, interval_minutes) VALUES (?, ?, 'rss', 'ru', 15)"
        await conn.executemany(sql, rows)
    harness = Harness(db, settings=Settings(owner_id=OWNER))
    messages = await harness.send("/source list", chat_id=OWNER)
    listing = text(messages)
    assert_fits([m.text or "" for m in messages])
    assert "Ленты (61):" in listing and "Лента 59 &amp; &lt;ко&gt;" in listing and "Огромная" in listing


FORGED = [
    "more:latest:99999999999999999999999:5:-",  # 23 digits: beyond SQLite's integers
    "more:latest:1000001:5:-",
    "more:latest:-1:5:-",
    "more:latest:abc:5:-",
    "more:latest:1e3:5:-",
    "more:latest:0:0:-",
    "more:latest:0:99999999999999999999999:-",
    "more:search:0:5",  # a part missing
    "more:search:0:5:" + "x" * 70,
    "more:nothing:0:5:-",
    "unsub:99999999999999999999999",
    "unsub:-5",
    "unsub:x",
    "org:" + "#" * 80,
    "junk",
    "",
]


@pytest.mark.parametrize("data", FORGED)
async def test_forged_callback_data_gets_a_clear_answer_and_no_apology(db: Database, data: str) -> None:
    harness = Harness(db)
    [carrier] = await harness.send("/help")
    sent = await harness.press_data(carrier, data)
    assert sent == []  # no apology, no list
    [answer] = harness.calls("answerCallbackQuery")
    assert answer.text == STALE_BUTTON and answer.show_alert
    assert all(m.text != SORRY for m in harness.session.messages)


async def test_the_last_allowed_offset_still_answers(db: Database) -> None:
    harness = Harness(db)
    [carrier] = await harness.send("/help")
    [reply] = await harness.press_data(carrier, "more:latest:1000000:20:-")
    assert reply.text == "Больше событий нет."
