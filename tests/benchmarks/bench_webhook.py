"""Webhook workers answering each update once: updates/s, lost, duplicates; and the cost of a claim.

Run: .venv/bin/python -m tests.benchmarks.bench_webhook [UPDATES] [WORKERS] [DATABASE_URL]

Real `newsbot run --webhook` processes (tests/e2e/webhook.py) on one database (a temporary SQLite file
unless DATABASE_URL is given), the Bot API stand-in behind them. UPDATES `/latest 1` messages from 100
users are posted as a load balancer would, each to the next worker in turn, and every one of them a
second time to another worker (as Telegram retrying through the balancer would): the figures are the
time until every update is answered, and the answers lost and doubled. Then `claim_update` alone,
in this process on the same backend (a fresh SQLite file, or DATABASE_URL): p50 / p95 per claim.

On PostgreSQL: the tests' throwaway server, e.g.
    .venv/bin/python -c "import sys; from tests.pg import PgServer; s = PgServer.start(); \
        sys.argv = ['b', '500', '2', s.create_database_sync()]; \
        from tests.benchmarks.bench_webhook import main; main(); s.stop()"
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from storage.db import Database
from storage.updates import claim_update
from tests.e2e.botapi_stub import BotAPIStub
from tests.e2e.webhook import post_update, start_webhook_workers

USERS = 100


def run_workers(n_updates: int, n_workers: int, database: str | None, folder: Path) -> None:
    with BotAPIStub() as api:
        workers = start_webhook_workers(api, database or folder / "bench.sqlite3", folder, n_workers)
        try:
            updates = [api.text_update("/latest 1", chat_id=10_000 + i % USERS) for i in range(n_updates)]
            posts = [(workers[i % n_workers], u) for i, u in enumerate(updates)]
            posts += [(workers[(i + 1) % n_workers], u) for i, u in enumerate(updates)]
            expected = Counter(u["message"]["chat"]["id"] for u in updates)
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=16) as pool:
                statuses = Counter(pool.map(lambda p: post_update(*p), posts))
            posted = time.perf_counter() - started

            def answered() -> bool:
                return sum(len(api.messages(chat)) for chat in expected) >= n_updates

            api.wait_for(answered, 600, "every update answered")
            elapsed = time.perf_counter() - started
            time.sleep(2)  # a doubled answer would come now
            got = {chat: len(api.messages(chat)) for chat in expected}
        finally:
            for worker in workers:
                worker.stop()
    lost = sum(max(0, expected[c] - got[c]) for c in expected)
    doubled = sum(max(0, got[c] - expected[c]) for c in expected)
    print(f"{n_updates} updates × 2 posts to {n_workers} workers: HTTP {dict(statuses)}, posted in {posted:.1f} s")
    print(f"all answered in {elapsed:.1f} s: {n_updates / elapsed:.0f} updates/s; lost {lost}, duplicates {doubled}")


async def time_claims(target: Path | str, n: int = 2000) -> None:
    db = await Database.open(target)
    try:
        took = []
        for i in range(n):
            start = time.perf_counter()
            await claim_update(db, 1_000_000_000 + i % (n // 2))  # half of them repeats
            took.append((time.perf_counter() - start) * 1000)
    finally:
        await db.close()
    took.sort()
    p95 = took[int(len(took) * 0.95)]
    p50 = statistics.median(took)
    print(f"claim_update on {db.dialect}, {n} claims (half repeats): p50 {p50:.2f} ms, p95 {p95:.2f} ms")


def main() -> None:
    n_updates = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    n_workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    database = sys.argv[3] if len(sys.argv) > 3 else None
    with tempfile.TemporaryDirectory() as tmp:
        run_workers(n_updates, n_workers, database, Path(tmp))
        asyncio.run(time_claims(database or Path(tmp) / "claims.sqlite3"))


if __name__ == "__main__":
    main()
