"""Query time of latest / org / person / search on a database of 100,000 articles.

Run: .venv/bin/python -m tests.benchmarks.bench_queries [DB_PATH] [N_ARTICLES] [--sqlite-only | --pg=URL]
The database is built once by tests/benchmarks/bigdb.py and reused; then (unless --sqlite-only) a
throwaway PostgreSQL server is started and the same database moved into it by `newsbot migrate-db`
(tests/benchmarks/pgbig.py), and the same queries run there: both backends side by side in one run
(--pg=URL: an existing copy instead). Times are measured inside the process (no start-up), each
query repeated with varied arguments.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot import services
from storage.db import Database
from tests.benchmarks.bigdb import build_big_db
from tests.benchmarks.pgbig import postgresql_copy

ROUNDS = 60


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


Figures = tuple[float, float, float]  # p50, p95, max in ms


async def measure(make_call: Callable[[int], Awaitable[object]]) -> Figures:
    await make_call(0)  # warm the page cache for this query shape
    times = []
    for i in range(ROUNDS):
        start = time.perf_counter()
        await make_call(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 95), max(times)


async def run_queries(db: Database) -> dict[str, Figures]:
    orgs = ["ОБСЕ", "ООН", "ОДКБ", "МККК", "OSCE"]
    words = ["вода", "климат", "Афганистан", "гуманитарная помощь", "безопасность", "водных ресурсов"]
    people = ["Токаев", "Токаева", "Милошевич", "Имнадзе"]
    calls: dict[str, Callable[[int], Awaitable[object]]] = {
        "latest (page 1)": lambda i: services.latest(db, 5),
        "latest (page 5)": lambda i: services.latest(db, 5, 20),
        "org": lambda i: services.org_events(db, orgs[i % len(orgs)], 5),
        "person": lambda i: services.person_statements(db, people[i % len(people)], 5),
        "search": lambda i: services.search(db, words[i % len(words)], 5),
        "top organizations (/org menu)": lambda i: services.top_organizations(db),
    }
    return {name: await measure(call) for name, call in calls.items()}


def print_side_by_side(results: dict[str, dict[str, Figures]]) -> None:
    """One row per query, a p50/p95/max column group per backend."""
    backends = list(results)
    print(f"{'':<30}" + "".join(f"{b:<32}" for b in backends))
    for name in results[backends[0]]:
        cells = "".join(
            "p50 {:6.2f} p95 {:6.2f} max {:6.2f}  ".format(*results[b][name]) for b in backends
        )
        print(f"{name:<30}{cells}")


async def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(args[0] if args else "/tmp/newsbot-bench-100k.sqlite3")
    n = int(args[1]) if len(args) > 1 else 100_000
    start = time.perf_counter()
    db = await build_big_db(path, n)
    print(f"database: {await db.scalar('SELECT count(*) FROM articles')} articles, "
          f"{await db.scalar('SELECT count(*) FROM statements')} statements "
          f"(ready in {time.perf_counter() - start:.0f} s)")
    results = {"SQLite": await run_queries(db)}
    await db.close()
    if "--sqlite-only" not in sys.argv:
        async with postgresql_copy(path) as pg:
            results["PostgreSQL"] = await run_queries(pg)
    print("query time, ms (measured inside the process; machine shared with other jobs):")
    print_side_by_side(results)


if __name__ == "__main__":
    asyncio.run(main())
