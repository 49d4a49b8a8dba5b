"""Bot commands through the real dispatcher (handlers, middlewares, rendering) on 100,000 articles.

Run: .venv/bin/python -m tests.benchmarks.bench_commands [DB_PATH] [N_ARTICLES] [--sqlite-only | --pg=URL]
The session is a recording one (no network), so this measures the bot's own work per update:
p50/p95 per command (targets: p95 ≤ 30 ms) and updates per second (target: ≥ 300).
The database is built once by tests/benchmarks/bigdb.py and reused; then the same run on PostgreSQL,
on a copy made by `newsbot migrate-db` on a throwaway server (tests/benchmarks/pgbig.py), or on
the copy --pg=URL names: both backends side by side in one run.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher

from bot.app import build_dispatcher, default_properties
from bot.config import Settings
from bot.console import RecordingSession
from bot.handlers.paging import More
from storage.db import Database
from tests.benchmarks.bigdb import build_big_db
from tests.benchmarks.pgbig import postgresql_copy

ROUNDS = 100
THROUGHPUT_UPDATES = 3000
CONCURRENCY = 50  # updates in flight at once, as polling hands them out as tasks

COMMANDS: dict[str, list[str]] = {
    "/help": ["/help"],
    "/latest": ["/latest", "/latest 10"],
    "/org": ["/org ОБСЕ", "/org OSCE", "/org ООН", "/org обсе", "/org ОДКБ"],
    "/org (unknown)": ["/org ОБСЭ", "/org Лига наций"],
    "/org (menu)": ["/org"],
    "/person": ["/person Токаев", "/person Токаева", "/person Ашикбаев", "/person Кошербаеву"],
    "/search": ["/search вода", "/search водных ресурсов", "/search безопасность", "/search климат Афганистан"],
    "/subscriptions": ["/subscriptions"],
    "text": ["привет"],
}
MORE_LATEST = More(kind="latest", offset=20, size=5, key="-").pack()


class Updates:
    """Updates from a pool of 500 users: enough that per-user throttling does not kick in, and each
    user's chat row is written once (on the first update), as for a bot's regular users."""

    def __init__(self) -> None:
        self.ids = itertools.count(1)
        self.users = itertools.cycle(range(10_000, 10_500))

    def message(self, text: str) -> dict[str, Any]:
        user = next(self.users)
        update_id = next(self.ids)
        return {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": int(time.time()),
                "chat": {"id": user, "type": "private", "first_name": "U"},
                "from": {"id": user, "is_bot": False, "first_name": "U", "language_code": "ru"},
                "text": text,
            },
        }

    def press(self, data: str) -> dict[str, Any]:
        user = next(self.users)
        update_id = next(self.ids)
        message = {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": user, "type": "private", "first_name": "U"},
            "from": {"id": 1, "is_bot": True, "first_name": "newsbot"},
            "text": "Последние события",
        }
        sender = {"id": user, "is_bot": False, "first_name": "U"}
        query = {"id": str(update_id), "from": sender, "chat_instance": "b", "message": message, "data": data}
        return {"update_id": update_id, "callback_query": query}


async def throughput(
    dp: Dispatcher, bot: Bot, session: RecordingSession, mix: list[Callable[[], dict[str, Any]]]
) -> tuple[float, int]:
    """Updates per second for a round-robin mix, CONCURRENCY at a time; messages sent."""
    batch = [mix[i % len(mix)]() for i in range(THROUGHPUT_UPDATES)]
    sent_before = len(session.sent)
    start = time.perf_counter()
    for i in range(0, len(batch), CONCURRENCY):
        await asyncio.gather(*(dp.feed_raw_update(bot, u) for u in batch[i : i + CONCURRENCY]))
    elapsed = time.perf_counter() - start
    return THROUGHPUT_UPDATES / elapsed, len(session.sent) - sent_before


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


Figures = tuple[float, float, float]  # p50, p95, max in ms


@dataclass
class Run:
    per_command: dict[str, Figures]
    rates: dict[str, tuple[float, int]]  # mix → (updates/s, messages sent)


async def run_commands(db: Database) -> Run:
    session = RecordingSession()
    bot = Bot("42:BENCH", session=session, default=default_properties())
    dp = build_dispatcher(db, Settings())
    updates = Updates()

    makers: dict[str, list[Callable[[], dict[str, Any]]]] = {
        name: [partial(updates.message, t) for t in texts] for name, texts in COMMANDS.items()
    }
    makers["«Ещё» (latest)"] = [partial(updates.press, MORE_LATEST)]
    per_command: dict[str, Figures] = {}
    for name, variants in makers.items():
        for make in variants:  # warm up: page cache, lemmatiser, catalogue
            await dp.feed_raw_update(bot, make())
        times = []
        for i in range(ROUNDS):
            update = variants[i % len(variants)]()
            start = time.perf_counter()
            await dp.feed_raw_update(bot, update)
            times.append((time.perf_counter() - start) * 1000)
        per_command[name] = (statistics.median(times), percentile(times, 95), max(times))
    everything = [m for variants in makers.values() for m in variants]
    no_search = [m for name, variants in makers.items() if name != "/search" for m in variants]
    rates = {
        "all commands": await throughput(dp, bot, session, everything),
        "all but /search": await throughput(dp, bot, session, no_search),
    }
    return Run(per_command, rates)


async def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(args[0] if args else "/tmp/newsbot-bench-100k.sqlite3")
    n = int(args[1]) if len(args) > 1 else 100_000
    db = await build_big_db(path, n)
    print(f"database: {await db.scalar('SELECT count(*) FROM articles')} articles, "
          f"{await db.scalar('SELECT count(*) FROM events')} events")  # fmt: skip
    runs = {"SQLite": await run_commands(db)}
    await db.close()
    if "--sqlite-only" not in sys.argv:
        async with postgresql_copy(path) as pg:
            runs["PostgreSQL"] = await run_commands(pg)
    report(runs)


def report(runs: dict[str, Run]) -> None:
    print(f"per command, {ROUNDS} updates each (ms, dispatcher → handler → rendering → session; "
          "machine shared with other jobs):")  # fmt: skip
    backends = list(runs)
    print(f"  {'':<16}" + "".join(f"{b:<34}" for b in backends))
    missed = []
    for name in runs[backends[0]].per_command:
        cells = "".join("p50 {:6.2f}  p95 {:6.2f}  max {:6.2f}   ".format(*runs[b].per_command[name]) for b in backends)
        print(f"  {name:<16}{cells}")
        missed += [f"{name} on {b}" for b in backends if runs[b].per_command[name][1] > 30]
    for b in backends:
        for mix, (rate, sent) in runs[b].rates.items():
            print(f"throughput on {b}, {mix}: {rate:.0f} updates/s ({THROUGHPUT_UPDATES} updates, "
                  f"{CONCURRENCY} in flight; {sent} messages sent)")  # fmt: skip
            if mix == "all commands" and rate < 300:
                missed.append(f"throughput on {b}")
    print("\ntargets: p95 ≤ 30 ms per command, ≥ 300 updates/s:", f"MISSED ({', '.join(missed)})" if missed else "met")


if __name__ == "__main__":
    asyncio.run(main())
