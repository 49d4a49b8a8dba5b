"""An archive that grows: storing speed, answers while ingesting, and bytes per article, in one run.

Run: .venv/bin/python -m tests.benchmarks.bench_growth [N_STORED] [N_INGESTED] [SIZES]
(SIZES: comma-separated database sizes, 0,20000,100000 by default; the last is the big one.)

1. ms per stored article (mean, p95, worst) on databases of 0, 20,000 and 100,000 articles:
   N_STORED (600) new corpus articles, parsed beforehand (parsing excluded), each stored into every
   database in turn through
   `bot.ingest.store_parsed` (event matching, statements, index, alerts, one transaction), with the
   background checkpointer running as in the bot. The big databases are built once by
   tests/benchmarks/bigdb.py and copied, so each measurement starts from the same file.
2. `/latest` and `/search` through the real dispatcher on the 100,000-article copy, first alone,
   then while N_INGESTED (2,000) articles are ingested in the same process as `newsbot run` does
   with its feeds (parsed in the worker process of bot/cpu.py, stored on the event loop).
3. Bytes per article of the 100,000-article database (file and WAL), and its build time.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from aiogram import Bot

from bot import cpu
from bot.app import build_dispatcher, default_properties, settle_memory
from bot.config import Settings
from bot.console import RecordingSession
from bot.ingest import content_hash, ingest_text, store_parsed
from bot.news import parse
from bot.news.models import ArticleMeta, ParsedArticle
from storage.db import Database
from tests.benchmarks.bench_commands import Updates, percentile
from tests.benchmarks.bigdb import build_big_db
from tests.benchmarks.corpus import make_corpus

WORK = Path("/tmp/newsbot-bench-growth")
SIZES = (0, 20_000, 100_000)
COMMANDS = {
    "/latest": ["/latest", "/latest 10"],
    "/search": ["/search вода", "/search безопасность", "/search климат Афганистан", "/search водных ресурсов"],
}


def stats(times: list[float]) -> str:
    return f"mean {statistics.mean(times):6.2f}   p95 {percentile(times, 95):6.2f}   worst {max(times):7.2f}"


async def big_database(n: int) -> Path:
    """A copy of the n-article database (built once), so that every run starts from the same file."""
    if n == 0:
        return WORK / "empty.sqlite3"
    base = WORK / f"base-{n}.sqlite3"
    start = time.perf_counter()
    db = await build_big_db(base, n)
    built = time.perf_counter() - start
    await db.close()  # the last connection out checkpoints the WAL into the file
    if built > 30:
        print(f"  built the {n:,}-article database in {built / 60:.1f} min")
    copy = WORK / f"run-{n}.sqlite3"
    shutil.copyfile(base, copy)
    with copy.open("rb+") as fh:  # on disk before measuring: the first checkpoint's fsync would wait for the copy
        os.fsync(fh.fileno())
    return copy


async def store_timings(paths: dict[int, Path], articles: list[ParsedArticle]) -> dict[int, list[float]]:
    """Each article stored into every database in turn, so that the machine's other work (2 shared
    cores) weighs on every size alike."""
    dbs = {n: await Database.open(path) for n, path in paths.items()}
    times: dict[int, list[float]] = {n: [] for n in paths}
    try:
        for i, parsed in enumerate(articles):
            url = f"https://growth.example/{i}"
            for n, db in dbs.items():
                start = time.perf_counter()
                await store_parsed(db, parsed, url, content_hash(url))
                times[n].append((time.perf_counter() - start) * 1000)
    finally:
        for db in dbs.values():
            await db.close()
    return times


def file_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


class Commands:
    """The real dispatcher with a recording session; users from a pool that already has its chat rows."""

    def __init__(self, db: Database) -> None:
        self.bot = Bot("42:BENCH", session=RecordingSession(), default=default_properties())
        self.dp = build_dispatcher(db, Settings())
        self.updates = Updates()

    async def warm_up(self) -> None:
        for texts in COMMANDS.values():
            for i in range(500):
                await self.dp.feed_raw_update(self.bot, self.updates.message(texts[i % len(texts)]))

    async def latencies(self, stop: asyncio.Event | None, rounds: int) -> dict[str, list[float]]:
        """Each command in turn, one at a time, until `stop` is set (or `rounds` each without one)."""
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        i = 0
        while (stop is None and i < rounds) or (stop is not None and not stop.is_set()):
            for name, texts in COMMANDS.items():
                update = self.updates.message(texts[i % len(texts)])
                start = time.perf_counter()
                await self.dp.feed_raw_update(self.bot, update)
                times[name].append((time.perf_counter() - start) * 1000)
                await asyncio.sleep(0.005)  # a user's pace, leaving the loop to the ingest in between
            i += 1
        return times


async def answers_while_ingesting(path: Path, n_ingested: int) -> None:
    texts = make_corpus(n_ingested, seed=23)
    db = await Database.open(path)
    try:
        commands = Commands(db)
        await commands.warm_up()
        settle_memory()  # as `newsbot run` does once started
        alone = await commands.latencies(None, 150)
        stop = asyncio.Event()

        async def ingest() -> float:
            start = time.perf_counter()
            for i, text in enumerate(texts):
                await ingest_text(db, text, ArticleMeta(url=f"https://ingest.example/{i}"))
            stop.set()
            return time.perf_counter() - start

        cpu.start_pool()
        ingest_task = asyncio.create_task(ingest())
        busy = await commands.latencies(stop, 0)
        took = await ingest_task
    finally:
        cpu.stop_pool()
        await db.close()
    print(f"\ncommands on {path.name}, through the dispatcher (ms):")
    for name in COMMANDS:
        print(f"  {name:<8} alone:           {stats(alone[name])}   ({len(alone[name])} answers)")
        print(f"  {name:<8} while ingesting: {stats(busy[name])}   ({len(busy[name])} answers)")
    print(f"  ingest of {n_ingested} articles alongside: {took:.1f} s = {n_ingested / took:.0f} articles/s")


async def main() -> None:
    n_stored = int(sys.argv[1]) if len(sys.argv) > 1 else 600
    n_ingested = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    sizes = tuple(int(x) for x in sys.argv[3].split(",")) if len(sys.argv) > 3 else SIZES
    WORK.mkdir(parents=True, exist_ok=True)
    print("load average at start: {:.2f} {:.2f} {:.2f} (2 cores)".format(*os.getloadavg()))
    for leftover in WORK.glob("run-*"):
        leftover.unlink()
    (WORK / "empty.sqlite3").unlink(missing_ok=True)
    parsed = [parse(text, ArticleMeta(url=f"new://{i}")) for i, text in enumerate(make_corpus(n_stored, seed=99))]
    parsed = [replace(p, published_at=p.published_at or "2025-12-06") for p in parsed]
    paths = {n: await big_database(n) for n in sizes}
    print(f"ms per stored article, {n_stored} new articles (parsing excluded):")
    results = await store_timings(paths, parsed)
    del parsed  # the bot does not keep parsed articles around (and the collector would walk them)
    for n in sizes:
        print(f"  {n:>7,} existing: {stats(results[n])}")
    ratio = statistics.mean(results[sizes[-1]]) / statistics.mean(results[0])
    print(f"  at {sizes[-1]:,} against empty: ×{ratio:.2f} (target ≤ ×1.25, worst ≤ 150 ms)")

    biggest = paths[sizes[-1]]
    db = await Database.open(biggest)
    articles = int(await db.scalar("SELECT count(*) FROM articles"))
    await db.close()
    size = file_bytes(biggest)
    print(f"\nsize: {articles:,} articles in {size / 2**30:.2f} GB = {size / articles / 1024:.1f} KB per article "
          f"(target ≤ 20 KB)")  # fmt: skip

    await answers_while_ingesting(biggest, n_ingested)
    for path in paths.values():
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            p.unlink(missing_ok=True)
    print("load average at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    asyncio.run(main())
