"""Query time of latest / org / person / search on a database of 100,000 articles.

Run: .venv/bin/python -m tests.benchmarks.bench_queries [DB_PATH] [N_ARTICLES]
The database is built once by tests/benchmarks/bigdb.py and reused. Times are measured
inside the process (no start-up), each query repeated with varied arguments.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot import services
from tests.benchmarks.bigdb import build_big_db

ROUNDS = 60


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def measure(name: str, make_call: Callable[[int], Awaitable[object]]) -> None:
    await make_call(0)  # warm the page cache for this query shape
    times = []
    for i in range(ROUNDS):
        start = time.perf_counter()
        await make_call(i)
        times.append((time.perf_counter() - start) * 1000)
    print(
        f"{name:<28} p50 {statistics.median(times):6.2f} ms   p95 {percentile(times, 95):6.2f} ms"
        f"   max {max(times):6.2f} ms"
    )


async def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/newsbot-bench-100k.sqlite3")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    start = time.perf_counter()
    db = await build_big_db(path, n)
    print(f"database: {await db.scalar('SELECT count(*) FROM articles')} articles, "
          f"{await db.scalar('SELECT count(*) FROM statements')} statements "
          f"(ready in {time.perf_counter() - start:.0f} s)")
    orgs = ["ОБСЕ", "ООН", "ОДКБ", "МККК", "OSCE"]
    words = ["вода", "климат", "Афганистан", "гуманитарная помощь", "безопасность", "водных ресурсов"]
    people = ["Токаев", "Токаева", "Милошевич", "Имнадзе"]
    await measure("latest (page 1)", lambda i: services.latest(db, 5))
    await measure("latest (page 5)", lambda i: services.latest(db, 5, 20))
    await measure("org", lambda i: services.org_events(db, orgs[i % len(orgs)], 5))
    await measure("person", lambda i: services.person_statements(db, people[i % len(people)], 5))
    await measure("search", lambda i: services.search(db, words[i % len(words)], 5))
    await measure("top organizations (/org menu)", lambda i: services.top_organizations(db))
    await db.close()


if __name__ == "__main__":
    asyncio.run(main())
