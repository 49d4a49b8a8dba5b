"""Several workers on one database (issue 14): outbox claims and their leases, the leader lock, and
Telegram's limits held across workers. Each test runs on both backends; "workers" are separate
`Database` objects (separate connections, as separate processes have)."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot

from bot.background import Leadership
from bot.config import Settings
from bot.delivery import DeliveryWorker, Limits, SharedPace
from storage import outbox
from storage.db import POSTGRESQL, Database
from storage.leader import LeaderLock, PgLeaderLock


async def queue(db: Database, messages: list[tuple[int, str]]) -> None:
    async with db.transaction() as conn:
        for chat_id, text in messages:
            await outbox.enqueue(conn, chat_id, "alert", f"{chat_id}:{text}", text)


@pytest.fixture
async def others(db: Database) -> AsyncIterator[list[Database]]:
    """Three more connections to the test's database, as three other workers would have."""
    opened = [await Database.open(db.url) for _ in range(3)]
    yield opened
    for other in opened:
        await other.close()


async def test_two_claimers_never_get_the_same_row(db: Database, others: list[Database]) -> None:
    await queue(db, [(chat, "x") for chat in range(1, 301)])
    claims: dict[str, list[int]] = defaultdict(list)

    async def claimer(worker: str, conn: Database) -> None:
        while batch := await outbox.claim_heads(conn, worker, time.time(), 60, 7):
            claims[worker] += [m.id for m in batch]

    await asyncio.gather(*(claimer(f"w{n}", conn) for n, conn in enumerate([db, *others])))
    every = [i for ids in claims.values() for i in ids]
    assert len(every) == len(set(every)) == 300  # each row claimed once, none left behind
    if db.dialect == POSTGRESQL:  # SQLite has one writer: there the first claimer may take them all
        assert sum(1 for ids in claims.values() if ids) >= 2


async def test_a_chat_waits_for_its_first_message(db: Database) -> None:
    await queue(db, [(5, "first"), (5, "second"), (6, "other")])
    batch = await outbox.claim_heads(db, "a", time.time(), 60, 10)
    assert [m.text for m in batch] == ["first", "other"]
    assert await outbox.claim_heads(db, "b", time.time(), 60, 10) == []  # "second" waits for "first"
    await outbox.mark_sent(db, batch[0].id, outbox.Sent(5, time.time(), Limits(chat_interval=0.3)))
    assert await outbox.claim_heads(db, "b", time.time(), 60, 10) == []  # the chat is paced: 0.3 s
    await asyncio.sleep(0.35)
    assert [m.text for m in await outbox.claim_heads(db, "b", time.time(), 60, 10)] == ["second"]


async def test_a_lapsed_lease_frees_the_row_and_release_frees_it_at_once(db: Database, others: list[Database]) -> None:
    await queue(db, [(1, "a"), (2, "b")])
    (dead_worker, live) = db, others[0]
    claimed = await outbox.claim_heads(dead_worker, "killed", time.time(), 0.5, 10)
    assert len(claimed) == 2
    assert await outbox.claim_heads(live, "live", time.time(), 60, 10) == []  # the lease holds …
    await outbox.release(dead_worker, [claimed[1].id], "someone else")  # only the holder can give it back
    assert await outbox.claim_heads(live, "live", time.time(), 60, 10) == []
    await outbox.release(dead_worker, [claimed[1].id], "killed")
    assert [m.text for m in await outbox.claim_heads(live, "live", time.time(), 60, 10)] == ["b"]
    await asyncio.sleep(0.6)  # … until it lapses
    assert [m.text for m in await outbox.claim_heads(live, "live", time.time(), 60, 10)] == ["a"]
    row = await db.fetchone("SELECT claimed_by FROM outbox WHERE text = 'a'")
    assert row is not None and row[0] == "live"


async def test_leader_lock_one_holder_and_the_next_takes_over(db: Database, others: list[Database]) -> None:
    first, second = LeaderLock.for_database(db), LeaderLock.for_database(others[0])
    try:
        assert await first.try_acquire()
        if db.dialect != POSTGRESQL:
            assert await second.try_acquire()  # SQLite: one process serves the file, it always leads
            return
        assert not await second.try_acquire()
        assert await first.still_held() and not await second.still_held()
        await first.close()  # the leader is gone: its session, and the lock with it
        assert await second.try_acquire()
        assert not await first.try_acquire()
    finally:
        await first.close()
        await second.close()


async def test_a_leader_whose_connection_drops_stops_its_jobs_at_once(pg_url: str, tmp_path: Path) -> None:
    """PostgreSQL only: SQLite has no lock connection to lose."""
    db = await Database.open(pg_url)
    settings = Settings(database_url=pg_url, feeds_file=tmp_path / "none.toml")
    bot = Bot("123:ABC")
    leaders = [Leadership(LeaderLock.for_database(db), db, settings, DeliveryWorker(bot, db)) for _ in range(2)]
    try:
        for leadership in leaders:
            await leadership.step()
        assert [bool(x.scheduler) for x in leaders] == [True, False]
        lock = leaders[0].lock
        assert isinstance(lock, PgLeaderLock) and lock.conn is not None
        await db.scalar("SELECT pg_terminate_backend(?)", (lock.conn.get_server_pid(),))  # the session ends
        for _ in range(100):
            if leaders[0].scheduler is None:
                break
            await asyncio.sleep(0.02)
        assert leaders[0].scheduler is None  # stopped by the connection's loss, before any check
        await leaders[1].step()
        assert leaders[1].scheduler is not None and leaders[1].terms == 1
        await leaders[0].step()
        assert leaders[0].scheduler is None and leaders[0].terms == 1  # it tried again, and follows now
    finally:
        for leadership in leaders:
            await leadership.stop()
        await bot.session.close()
        await db.close()


class RecordingBot:
    def __init__(self) -> None:
        self.sent: list[tuple[int, str, float]] = []

    async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> None:
        await asyncio.sleep(0.002)
        self.sent.append((chat_id, text, time.time()))


def most_in_a_window(times: list[float], window: float) -> int:
    times = sorted(times)
    most, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= window:
            start += 1
        most = max(most, end - start + 1)
    return most


async def test_four_workers_keep_telegrams_limits_together(db: Database, others: list[Database]) -> None:
    """60 private chats of 3 messages (60 could go each second: the global limit holds them back)
    and 2 groups of 6 (at most 4 in 5 s here, for 20 a minute), by four workers sharing the limits."""
    limits = Limits(per_second=30, chat_interval=1.0, group_per_minute=4, group_window=5.0)
    await queue(db, [(chat, f"m{n}") for n in range(3) for chat in range(1, 61)])
    await queue(db, [(chat, f"g{n}") for n in range(6) for chat in (-1, -2)])
    bot = RecordingBot()
    workers = [
        DeliveryWorker(bot, conn, limits, poll_interval=0.05, pace=SharedPace(conn, limits.per_second))  # type: ignore[arg-type]
        for conn in [db, *others]
    ]
    tasks = [asyncio.create_task(w.run()) for w in workers]
    try:
        deadline = time.monotonic() + 40
        while len(bot.sent) < 192 and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    assert len(bot.sent) == 192 and len(set(bot.sent)) == 192
    assert all(w.sent for w in workers)  # all four took part
    assert most_in_a_window([at for _, _, at in bot.sent], 1.0) <= 30
    by_chat: dict[int, list[tuple[str, float]]] = defaultdict(list)
    for chat_id, text, at in bot.sent:
        by_chat[chat_id].append((text, at))
    for sends in by_chat.values():
        assert all(b[1] - a[1] >= 0.99 for a, b in itertools.pairwise(sends))  # 1 a second per chat
    for group in (-1, -2):
        assert most_in_a_window([at for _, at in by_chat[group]], 5.0) <= 4
        assert [text for text, _ in by_chat[group]] == [f"g{n}" for n in range(6)]  # in order
    assert [text for text, _ in by_chat[7]] == ["m0", "m1", "m2"]


async def test_slots_of_the_global_limit_are_spaced_whoever_takes_them(db: Database, others: list[Database]) -> None:
    assert await db.scalar("SELECT count(*) FROM send_pace") == 0  # a new database holds no pace rows
    now = time.time()
    slots = [await outbox.reserve_slot(conn, now, 0.1) for conn in [db, *others, db]]
    assert slots[0] == pytest.approx(now)  # nobody sent lately: at once
    assert [round(b - a, 6) for a, b in itertools.pairwise(slots)] == [0.1] * 4
    later = now + 10  # an idle while: the next slot is at once again, not owed to the past
    assert await outbox.reserve_slot(others[1], later, 0.1) == pytest.approx(later)


async def test_the_pace_of_idle_chats_is_forgotten(db: Database) -> None:
    limits = Limits()
    async with db.transaction() as conn:
        await outbox.hold_chat(conn, 1, time.time() - 90_000)
        await outbox.hold_chat(conn, 2, time.time() + 1)
    await queue(db, [(-3, "g")])
    (message,) = await outbox.claim_heads(db, "w", time.time(), 60, 10)
    await outbox.mark_sent(db, message.id, outbox.Sent(-3, time.time(), limits))
    assert await outbox.forget_idle_chats(db, time.time() - 86_400) == 1
    rows = await db.fetchall("SELECT chat_id, recent FROM chat_pace ORDER BY chat_id")
    assert [r[0] for r in rows] == [-3, 2] and len(rows[0][1].split()) == 1  # the group remembers its send
