"""Benchmarks of the news sources.

1. One full poll of 200 feeds × 20 items served by local aiohttp servers (another process,
   20 "sites" on 20 ports, 10 feeds each, so the per-host limits — 2 at a time, 0.5 s between
   request starts — apply as they would to real outlets). Every item carries its full text
   (as yandex:full-text feeds do); 10 % are foreign-policy articles (the synthetic corpus), the
   rest are not. Measured: wall time of the cold poll (fetch, feed parsing, relevance,
   extraction and storage of the relevant ones), of the second poll (every feed answers 304),
   and the peak resident memory of the polling process.
2. The dedupe cost per new article against a 100,000-article database (tests/benchmarks/bigdb.py,
   events spread over three years, signatures filed by `storage.events.backfill_signatures`):
   signature, candidate lookup and comparison (`storage.events.find_or_create_event`), per article.
   `--undated`: the new articles have no date (a reprint that dropped it), so candidates come
   from every day, not from day ± 1.

    .venv/bin/python -m tests.benchmarks.bench_fetch            # both
    .venv/bin/python -m tests.benchmarks.bench_fetch poll       # only the poll
    .venv/bin/python -m tests.benchmarks.bench_fetch dedupe [DB] [N] [--undated]
"""

from __future__ import annotations

import asyncio
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

from aiohttp import web

from bot.ingest import sort_key
from bot.news import parse
from bot.news.models import ArticleMeta
from bot.sources.feeds import FeedConfig, active_feeds, sync_feeds
from bot.sources.fetch import Fetcher
from bot.sources.poll import poll_feeds, summary
from storage.db import Database
from storage.events import backfill_signatures, find_or_create_event
from tests.benchmarks.corpus import make_corpus

SITES = 20
FEEDS_PER_SITE = 10
ITEMS_PER_FEED = 20
RELEVANT_EVERY = 10
OFFSET = "+05:00"
WEATHER = (
    "Синоптики: снег и гололед ожидаются в регионе\n"
    "Синоптики РГП «Казгидромет» сообщили о резком похолодании. В ближайшие дни в регионе ожидается снег, "
    "на дорогах гололед и туман. Синоптики советуют водителям "
    "быть внимательнее.\n\nТемпература ночью опустится до минус пятнадцати градусов. Коммунальные службы "
    "переведены на усиленный режим работы, на улицы выйдет снегоуборочная техника. Сообщение номер {n}.\n\n"
    "По данным акимата, в школах занятия пройдут в обычном режиме. Родителям младших школьников рекомендуют "
    "следить за сообщениями управления образования.\n\nВ горах возможна лавиноопасность, туристам рекомендуют "
    "не выходить на маршруты без проводника и сообщать о своих планах спасателям."
)


# ---------------------------------------------------------------- the local sites (a child process)

def feed_xml(site: int, port: int, feed: int, corpus: list[str]) -> bytes:
    items = []
    moment = datetime(2025, 12, 5, 10, 0, tzinfo=UTC)
    for i in range(ITEMS_PER_FEED):
        n = (site * FEEDS_PER_SITE + feed) * ITEMS_PER_FEED + i
        text = corpus[n // RELEVANT_EVERY % len(corpus)] if n % RELEVANT_EVERY == 0 else WEATHER.format(n=n)
        title, _, body = text.partition("\n")
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n") if p.strip())
        published = format_datetime(moment - timedelta(minutes=7 * i)).replace("+0000", "+0500")
        items.append(
            f"<item><title>{escape(title[:200])}</title><link>http://127.0.0.1:{port}/news/{n}</link>"
            f"<pubDate>{published}</pubDate><description>{escape(title[:100])}</description>"
            f"<yandex:full-text><![CDATA[{paragraphs}]]></yandex:full-text></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:yandex="http://news.yandex.ru">'
        f"<channel><title>Site {site} feed {feed}</title>{''.join(items)}</channel></rss>"
    ).encode()


def serve(ports: list[int]) -> None:
    corpus = make_corpus(SITES * FEEDS_PER_SITE * ITEMS_PER_FEED // RELEVANT_EVERY)

    async def main() -> None:
        runners = []
        for site, port in enumerate(ports):
            feeds = {f: feed_xml(site, port, f, corpus) for f in range(FEEDS_PER_SITE)}

            async def handle(request: web.Request, feeds: dict[int, bytes] = feeds) -> web.Response:
                etag = '"v1"'
                if request.headers.get("If-None-Match") == etag:
                    return web.Response(status=304, headers={"ETag": etag})
                body = feeds[int(request.match_info["feed"])]
                return web.Response(body=body, content_type="application/rss+xml", headers={"ETag": etag})

            app = web.Application()
            app.router.add_get("/feed/{feed}.xml", handle)
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", port).start()
            runners.append(runner)
        print("ready", flush=True)
        await asyncio.Event().wait()

    asyncio.run(main())


def free_ports(n: int) -> list[int]:
    import socket

    sockets, ports = [], []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
        ports.append(s.getsockname()[1])
    for s in sockets:
        s.close()
    return ports


# ---------------------------------------------------------------- 1. the poll

async def bench_poll() -> None:
    ports = free_ports(SITES)
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.bench_fetch", "serve", *map(str, ports)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready"
        with tempfile.TemporaryDirectory() as tmp:
            db = await Database.open(Path(tmp) / "poll.sqlite3")
            configs = [
                FeedConfig(f"site{s}-feed{f}", f"http://127.0.0.1:{port}/feed/{f}.xml")
                for s, port in enumerate(ports)
                for f in range(FEEDS_PER_SITE)
            ]
            await sync_feeds(db, configs)
            feeds = await active_feeds(db)
            parse("прогрев " * 30, ArticleMeta())  # load the extraction's data outside the timing
            rss_before = peak_rss_mb()
            # the default limits: 2 per host, 0.5 s apart; the sites are on 127.0.0.1
            async with Fetcher(allow_private=True) as fetcher:
                start = time.perf_counter()
                results = await poll_feeds(db, feeds, fetcher=fetcher)
                cold = time.perf_counter() - start
                feeds = await active_feeds(db)
                start = time.perf_counter()
                again = await poll_feeds(db, feeds, fetcher=fetcher)
                warm = time.perf_counter() - start
            articles = await db.scalar("SELECT count(*) FROM articles")
            events = await db.scalar("SELECT count(*) FROM events")
            await db.close()
    finally:
        server.terminate()
        server.wait()
    print(f"poll: {len(configs)} feeds × {ITEMS_PER_FEED} items on {SITES} sites (2 per host, 0.5 s apart)")
    print(f"  cold poll: {cold:.2f} s wall  (target ≤ 10 s)")
    print("  " + summary(results).replace("\n", "\n  "))
    print(f"  stored: {articles} articles in {events} events")
    print(f"  second poll (all 304): {warm:.2f} s wall; not modified: {sum(r.not_modified for r in again)}")
    print(f"  peak RSS of the polling process: {peak_rss_mb():.0f} MB "
          f"(after loading the extraction: {rss_before:.0f} MB)")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------- 2. the dedupe cost

async def bench_dedupe(path: Path, n_articles: int, n_new: int = 300, undated: bool = False) -> None:
    from tests.benchmarks.bigdb import build_big_db

    db = await build_big_db(path, n_articles)  # each copy is its own event, stored without a signature
    start = time.perf_counter()
    filed = await backfill_signatures(db)
    if filed:
        print(f"  filed signatures of {filed} events in {time.perf_counter() - start:.0f} s")
    articles = await db.scalar("SELECT count(*) FROM articles")
    events = await db.scalar("SELECT count(*) FROM events")
    signatures = await db.scalar("SELECT count(*) FROM event_signatures")
    rng = random.Random(5)
    new = [parse(text, ArticleMeta(url=f"new://{i}")) for i, text in enumerate(make_corpus(n_new + 400)[400:])]
    timings, joined = [], 0
    for i, parsed in enumerate(new):
        day = date(2023, 1, 1) + timedelta(days=rng.randint(0, 3 * 365))
        parsed = replace(parsed, published_at=None if undated else f"{day.isoformat()}T12:00")
        key = sort_key(parsed.published_at, datetime.now(UTC))
        await db.conn.execute("BEGIN IMMEDIATE")
        start = time.perf_counter()
        _event_id, is_new, _key = await find_or_create_event(db.conn, parsed, key, f"bench-{i}")
        timings.append((time.perf_counter() - start) * 1000)
        await db.conn.execute("ROLLBACK")  # leave the database as it was
        joined += not is_new
    await db.close()
    timings.sort()
    print(f"dedupe: {articles} articles, {events} events, {signatures} signatures in {path}")
    print(
        f"  find_or_create_event per new article: median {statistics.median(timings):.2f} ms, "
        f"p95 {timings[int(len(timings) * 0.95)]:.2f} ms, max {timings[-1]:.2f} ms over {len(timings)} "
        f"(target ≤ 5 ms); joined an existing event: {joined}{' (undated articles)' if undated else ''}"
    )



if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["serve"]:
        serve([int(p) for p in args[1:]])
    elif args[:1] == ["poll"]:
        asyncio.run(bench_poll())
    elif args[:1] == ["dedupe"]:
        undated = "--undated" in args
        rest = [a for a in args[1:] if a != "--undated"]
        target = Path(rest[0]) if rest else Path("/tmp/newsbot-bench-dedupe-100k.sqlite3")
        asyncio.run(bench_dedupe(target, int(rest[1]) if len(rest) > 1 else 100_000, undated=undated))
    else:
        asyncio.run(bench_poll())
        asyncio.run(bench_dedupe(Path("/tmp/newsbot-bench-dedupe-100k.sqlite3"), 100_000))
