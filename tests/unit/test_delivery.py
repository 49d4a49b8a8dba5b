"""The delivery worker against a fake Bot: pacing, 429, 5xx, 403, migration, crash safety."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import SendMessage

from bot.alerts import words_subscription
from bot.delivery import DeliveryWorker, Limits
from storage import alerts as alerts_repo
from storage import outbox
from storage.db import Database, now_iso

FAST = Limits(per_second=200.0, chat_interval=0.05, group_per_minute=20, group_window=60.0)


class FakeBot:
    """Records what was sent; `failures[chat_id]` lists exceptions to raise before accepting."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str, float]] = []
        self.failures: dict[int, list[Exception]] = {}

    async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> None:
        await asyncio.sleep(0)
        pending = self.failures.get(chat_id)
        if pending:
            raise pending.pop(0)
        self.sent.append((chat_id, text, time.monotonic()))

    def texts(self, chat_id: int) -> list[str]:
        return [text for chat, text, _ in self.sent if chat == chat_id]


def method(chat_id: int = 1) -> SendMessage:
    return SendMessage(chat_id=chat_id, text="x")


@pytest.fixture
def bot() -> FakeBot:
    return FakeBot()


@pytest.fixture
async def worker(db: Database, bot: FakeBot) -> AsyncIterator[DeliveryWorker]:
    yield DeliveryWorker(bot, db, FAST, poll_interval=0.02)  # type: ignore[arg-type]


async def queue(db: Database, chat_id: int, text: str, key: str | None = None) -> None:
    async with db.transaction() as conn:
        await outbox.enqueue(conn, chat_id, "alert", key or f"{chat_id}:{text}", text)


async def drain(worker: DeliveryWorker, until: float = 5.0) -> None:
    """Run the worker until nothing is pending (or `until` seconds pass)."""
    task = asyncio.create_task(worker.run())
    try:
        deadline = time.monotonic() + until
        while time.monotonic() < deadline:
            if not await worker.db.scalar("SELECT count(*) FROM outbox WHERE status = 'pending'"):
                return
            await asyncio.sleep(0.02)
    finally:
        task.cancel()


async def statuses(db: Database) -> dict[str, str]:
    return {r[0]: r[1] for r in await db.fetchall("SELECT text, status FROM outbox")}


async def test_messages_go_out_in_order_and_are_marked_sent(db: Database, bot: FakeBot, worker: DeliveryWorker) -> None:
    for n in range(3):
        await queue(db, 5, f"m{n}")
    await queue(db, 6, "other")
    await drain(worker)
    assert bot.texts(5) == ["m0", "m1", "m2"] and bot.texts(6) == ["other"]
    assert set((await statuses(db)).values()) == {"sent"}


async def test_a_dedupe_key_is_queued_once(db: Database) -> None:
    async with db.transaction() as conn:
        assert await outbox.enqueue(conn, 1, "alert", "alert:1:9", "a")
        assert not await outbox.enqueue(conn, 1, "alert", "alert:1:9", "a again")
    assert await db.scalar("SELECT count(*) FROM outbox") == 1


async def test_one_chat_is_paced_but_others_are_not_held_up(db: Database, bot: FakeBot) -> None:
    worker = DeliveryWorker(bot, db, Limits(per_second=200, chat_interval=0.3), poll_interval=0.02)  # type: ignore[arg-type]
    for n in range(3):
        await queue(db, 5, f"m{n}")
    for chat in range(10, 20):
        await queue(db, chat, "x")
    await drain(worker)
    times = [at for chat, _, at in bot.sent if chat == 5]
    assert all(b - a >= 0.29 for a, b in itertools.pairwise(times))
    others = [at for chat, _, at in bot.sent if chat != 5]
    assert max(others) < times[1]  # the ten other chats went out while chat 5 waited


async def test_global_pace(db: Database, bot: FakeBot) -> None:
    worker = DeliveryWorker(bot, db, Limits(per_second=50), poll_interval=0.02)  # type: ignore[arg-type]
    for chat in range(1, 51):
        await queue(db, chat, "x")
    started = time.monotonic()
    await drain(worker)
    assert len(bot.sent) == 50
    assert time.monotonic() - started >= 49 / 50 - 0.05


async def test_group_gets_at_most_n_per_window(db: Database, bot: FakeBot) -> None:
    limits = Limits(per_second=500, chat_interval=0.0, group_per_minute=3, group_window=0.5)
    worker = DeliveryWorker(bot, db, limits, poll_interval=0.01)  # type: ignore[arg-type]
    for n in range(6):
        await queue(db, -100, f"g{n}")
    await drain(worker)
    times = [at for _, _, at in bot.sent]
    assert len(times) == 6 and times[3] - times[0] >= 0.49


async def test_429_waits_retry_after_then_delivers_once(db: Database, bot: FakeBot, worker: DeliveryWorker) -> None:
    bot.failures[5] = [TelegramRetryAfter(method(5), "Too Many Requests: retry after 1", 1)]
    await queue(db, 5, "hello")
    await queue(db, 6, "other")
    started = time.monotonic()
    await drain(worker)
    assert bot.texts(5) == ["hello"] and bot.texts(6) == ["other"]
    assert next(at for chat, _, at in bot.sent if chat == 5) - started >= 0.95


async def test_server_and_network_errors_back_off_and_retry(db: Database, bot: FakeBot) -> None:
    worker = DeliveryWorker(bot, db, FAST, poll_interval=0.02)  # type: ignore[arg-type]
    bot.failures[5] = [TelegramServerError(method(5), "Bad Gateway"), TelegramNetworkError(method(5), "timeout")]
    await queue(db, 5, "hello")
    await drain(worker, until=8)
    assert bot.texts(5) == ["hello"]
    row = await db.fetchone("SELECT status, attempts FROM outbox")
    assert row is not None and tuple(row) == ("sent", 3)


async def test_blocked_chat_is_switched_off_and_others_still_get_theirs(
    db: Database, bot: FakeBot, worker: DeliveryWorker
) -> None:
    for chat in (5, 6):
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO chats (id, type, created_at, updated_at) VALUES (?, 'private', ?, ?)",
                (chat, now_iso(), now_iso()),
            )
            new = words_subscription("вода")
            assert new is not None
            await alerts_repo.add_subscription(conn, chat, new)
            await conn.execute(
                "INSERT INTO digest_schedules (chat_id, spec, timezone, updated_at) VALUES (?, 'daily 09:00', "
                "'Asia/Almaty', ?)",
                (chat, now_iso()),
            )
    bot.failures[5] = [TelegramForbiddenError(method(5), "Forbidden: bot was blocked by the user")]
    await queue(db, 5, "a")
    await queue(db, 5, "b")
    await queue(db, 6, "c")
    await drain(worker)
    assert bot.texts(6) == ["c"] and bot.texts(5) == []
    assert await statuses(db) == {"a": "dead", "b": "dead", "c": "sent"}
    active = await db.fetchall("SELECT chat_id, active FROM subscriptions ORDER BY chat_id")
    assert [tuple(r) for r in active] == [(5, 0), (6, 1)]
    digests = await db.fetchall("SELECT chat_id, active FROM digest_schedules ORDER BY chat_id")
    assert [tuple(r) for r in digests] == [(5, 0), (6, 1)]


async def test_chat_not_found_is_gone_but_bad_html_only_kills_the_message(
    db: Database, bot: FakeBot, worker: DeliveryWorker
) -> None:
    bot.failures[5] = [TelegramBadRequest(method(5), "Bad Request: chat not found")]
    bot.failures[6] = [TelegramBadRequest(method(6), "Bad Request: can't parse entities")]
    await queue(db, 5, "a")
    await queue(db, 6, "b")
    await queue(db, 6, "c")
    await drain(worker)
    assert await statuses(db) == {"a": "dead", "b": "dead", "c": "sent"}


async def test_migrated_group_moves_with_its_subscriptions(db: Database, bot: FakeBot, worker: DeliveryWorker) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO chats (id, type, created_at, updated_at) VALUES (-5, 'group', ?, ?)", (now_iso(), now_iso())
        )
        new = words_subscription("вода")
        assert new is not None
        await alerts_repo.add_subscription(conn, -5, new)
    bot.failures[-5] = [TelegramMigrateToChat(method(-5), "group chat was upgraded to a supergroup chat", -1005)]
    await queue(db, -5, "hello")
    await drain(worker)
    assert bot.texts(-1005) == ["hello"] and bot.texts(-5) == []
    assert await db.scalar("SELECT chat_id FROM subscriptions") == -1005
    assert await db.scalar("SELECT type FROM chats WHERE id = -1005") == "supergroup"


async def test_rows_from_another_connection_are_picked_up(
    db: Database, bot: FakeBot, worker: DeliveryWorker, tmp_path: Any
) -> None:
    task = asyncio.create_task(worker.run())
    try:
        other = await Database.open(db.url)  # as `newsbot ingest` in another process would
        await queue(other, 9, "from elsewhere")
        await other.close()
        for _ in range(100):
            if bot.texts(9):
                break
            await asyncio.sleep(0.02)
    finally:
        task.cancel()
    assert bot.texts(9) == ["from elsewhere"]


async def test_a_crash_before_marking_sent_repeats_only_that_message(db: Database, bot: FakeBot) -> None:
    """Cancel the worker (as a kill would) right after Telegram accepted a message."""
    for chat in range(1, 21):
        await queue(db, chat, f"m{chat}")

    class DyingBot(FakeBot):
        async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> None:
            await super().send_message(chat_id, text)
            if len(self.sent) == 7:
                raise asyncio.CancelledError  # dies between Telegram's answer and the database write

    dying = DyingBot()
    with pytest.raises(asyncio.CancelledError):
        await DeliveryWorker(dying, db, FAST).run()  # type: ignore[arg-type]
    await drain(DeliveryWorker(bot, db, FAST, poll_interval=0.02))  # type: ignore[arg-type]
    delivered = [t for _, t, _ in dying.sent] + [t for _, t, _ in bot.sent]
    assert sorted(set(delivered)) == sorted(f"m{c}" for c in range(1, 21))  # nothing lost
    assert len(delivered) == 21 and delivered.count("m7") == 2  # only the one in flight repeats


async def test_old_sent_texts_are_dropped_but_their_keys_still_block_a_repeat(
    db: Database, bot: FakeBot, worker: DeliveryWorker
) -> None:
    await queue(db, 1, "sent long ago", key="alert:1:1")
    await queue(db, 2, "sent today", key="alert:2:1")
    await drain(worker)
    await queue(db, 3, "still pending", key="alert:3:1")
    async with db.transaction() as conn:
        await conn.execute("UPDATE outbox SET created_at = '2026-01-01T00:00:00+00:00' WHERE chat_id IN (1, 3)")
    assert await outbox.forget_old_texts(db, datetime.now(UTC) - timedelta(days=7)) == 1
    rows = await db.fetchall("SELECT dedupe_key, text, status FROM outbox ORDER BY chat_id")
    assert [tuple(r) for r in rows] == [
        ("alert:1:1", "", "sent"),
        ("alert:2:1", "sent today", "sent"),
        ("alert:3:1", "still pending", "pending"),  # a pending message is never emptied, however old
    ]
    async with db.transaction() as conn:
        assert not await outbox.enqueue(conn, 1, "alert", "alert:1:1", "the same alert again")
