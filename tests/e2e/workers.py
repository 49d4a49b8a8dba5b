"""Several real `newsbot run --webhook` processes on one PostgreSQL database, for the end-to-end tests and the
benchmark of issue 14: starting them, queueing alerts and digests straight into the database, and
reading what the Bot API stand-in received (global and per-chat rates, lost, duplicates)."""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections import Counter, defaultdict
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from storage import outbox
from storage.db import Database, now_iso
from tests.e2e.botapi_stub import BotAPIStub
from tests.e2e.webhook import WebhookWorker, start_webhook_workers
from tests.fixtures.sources.site import LocalSite

T = TypeVar("T")
LEADER_LINE = "leader: this worker runs digests and feeds"
ALMATY = ZoneInfo("Asia/Almaty")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def target(url: str) -> str:
    """What `Database.open` takes for a DATABASE_URL."""
    return url.removeprefix("sqlite:///")


async def _on_db(url: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    db = await Database.open(target(url))
    try:
        if sql.lstrip().upper().startswith("SELECT"):
            return [tuple(r) for r in await db.fetchall(sql, params)]
        async with db.transaction() as conn:
            await conn.execute(sql, params)
        return []
    finally:
        await db.close()


def query(url: str, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    return run(_on_db(url, sql, params))


async def _queue_alerts(url: str, messages: list[tuple[int, str]], tag: str) -> None:
    db = await Database.open(target(url))
    try:
        async with db.transaction() as conn:
            rows = [(chat, f"alert:{tag}:{chat}:{text}", text) for chat, text in messages]
            await outbox.enqueue_many(conn, "alert", rows)
    finally:
        await db.close()


def queue_alerts(url: str, chats: range, per_chat: int, tag: str) -> list[tuple[int, str]]:
    """Queue `per_chat` alerts for each chat (as an ingest would); returns them as (chat id, text)."""
    messages = [(chat, f"Оповещение {tag} №{n} для чата {chat}") for n in range(per_chat) for chat in chats]
    run(_queue_alerts(url, messages, tag))
    return messages


def schedule_digest(url: str, chat_id: int, at: datetime) -> None:
    """A group with a daily digest at `at` (Almaty time, to the second), as /digest would set it."""
    now = now_iso()
    query(url, "INSERT INTO chats (id, type, title, created_at, updated_at) VALUES (?, 'group', 'Группа', ?, ?)",
          chat_id, now, now)  # fmt: skip
    spec = f"daily {at.astimezone(ALMATY):%H:%M:%S}"
    query(url, "INSERT INTO digest_schedules (chat_id, spec, timezone, updated_at) VALUES (?, ?, 'Asia/Almaty', ?)",
          chat_id, spec, now)  # fmt: skip


def in_a_while(seconds: float) -> datetime:
    return (datetime.now(ALMATY) + timedelta(seconds=seconds)).replace(microsecond=0)


@dataclass
class Deliveries:
    """What the stand-in accepted for some chats: sendMessage calls with their times."""

    sends: list[tuple[int, str, float]]  # chat id, text, when (monotonic)
    counts: Counter[tuple[int, str]] = field(init=False)

    def __post_init__(self) -> None:
        self.counts = Counter((chat, text) for chat, text, _ in self.sends)

    @classmethod
    def of(cls, api: BotAPIStub, chats: set[int]) -> Deliveries:
        calls = [c for c in api.calls_of("sendMessage") if c.ok and int(c.result["chat"]["id"]) in chats]
        return cls([(int(c.result["chat"]["id"]), str(c.result["text"]), c.at) for c in calls])

    def lost(self, expected: list[tuple[int, str]]) -> int:
        return sum(1 for message in expected if self.counts[message] == 0)

    def duplicates(self) -> int:
        return sum(n - 1 for n in self.counts.values() if n > 1)

    def most_in_a_second(self) -> int:
        return len(self.busiest_second())

    def busiest_second(self) -> list[float]:
        """The send times of the busiest 1-s window."""
        times = sorted(at for _, _, at in self.sends)
        best, start = (0, 0), 0
        for end, at in enumerate(times):
            while at - times[start] >= 1.0:
                start += 1
            if end - start + 1 > best[1] - best[0]:
                best = (start, end + 1)
        return times[best[0] : best[1]]

    def busiest_gaps(self) -> str:
        """The gaps in the busiest second, in ms (for a failing assertion)."""
        times = self.busiest_second()
        first = min(at for _, _, at in self.sends)
        gaps = " ".join(f"{(b - a) * 1000:.0f}" for a, b in itertools.pairwise(times))
        return f"{len(times)} sends from {times[0] - first:.2f} s after the first, ms apart: {gaps}"

    def shortest_chat_gap(self) -> float:
        by_chat: dict[int, list[float]] = defaultdict(list)
        for chat, _, at in self.sends:
            by_chat[chat].append(at)
        gaps = [b - a for times in by_chat.values() for a, b in zip(sorted(times), sorted(times)[1:], strict=False)]
        return min(gaps, default=float("inf"))

    def steady_rate(self) -> float:
        """Messages a second from the first send to the last."""
        times = sorted(at for _, _, at in self.sends)
        return (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0


class Workers:
    """N `newsbot run --webhook` processes on one database (tests/e2e/webhook.py), as they run behind a
    proxy: w0 starts first (it ingests the sample articles into the empty database, and leads)."""

    def __init__(self, api: BotAPIStub, url: str, folder: Path, n: int = 3, **env: str) -> None:
        self.api = api
        self.url = url
        self.folder = folder
        self.n = n
        self.feeds_file = folder / "feeds.toml"
        self.feeds_file.write_text("# no feeds yet\n", encoding="utf-8")
        self.env = {"FEEDS_FILE": str(self.feeds_file), "FETCH_ALLOW_PRIVATE": "1", **env}
        self.processes: list[WebhookWorker] = []

    def start(self) -> Workers:
        self.processes = start_webhook_workers(self.api, self.url, self.folder, self.n, **self.env)
        return self

    def alive(self) -> list[WebhookWorker]:
        return [p for p in self.processes if p.proc is not None and p.proc.poll() is None]

    def leaders(self) -> list[WebhookWorker]:
        """Live processes that became the leader at some point."""
        return [p for p in self.alive() if LEADER_LINE in p.log()]

    def stop(self) -> None:
        for process in self.processes:
            try:
                process.stop()
            except AssertionError:
                process.kill()


class SiteThread:
    """The local news site of the feed tests (tests/fixtures/sources/site.py), on a thread of its own."""

    def __init__(self) -> None:
        self.site = LocalSite()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._serve, name="local-site", daemon=True)

    def _serve(self) -> None:
        self.loop.run_forever()

    def __enter__(self) -> LocalSite:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.site.start(), self.loop).result(10)
        return self.site

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.site.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
