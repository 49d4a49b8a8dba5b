"""Build (once, then reuse) a database of many articles for query benchmarks.

A few hundred corpus articles are parsed for real; each parsed article is then stored
many times through the real storage path (`bot.ingest.store_parsed`), each copy with its
own url, text hash and publication date spread over three years. Copies share their text,
which would make them sources of one event, so each is stored as an event of its own.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from bot.ingest import store_parsed
from bot.news import parse
from bot.news.models import ArticleMeta, ParsedArticle
from storage.db import Database
from tests.benchmarks.corpus import make_corpus

DISTINCT_PARSED = 300


async def build_big_db(path: Path, n_articles: int) -> Database:
    """Open the database at `path`, filling it up to `n_articles` articles first if needed."""
    db = await Database.open(path)
    have = int(await db.scalar("SELECT count(*) FROM articles"))
    if have >= n_articles:
        return db
    rng = random.Random(11)
    parsed = [parse(text, ArticleMeta(url=f"bench://{i}")) for i, text in enumerate(make_corpus(DISTINCT_PARSED))]
    start = time.perf_counter()
    first_day = date(2023, 1, 1)
    for i in range(have, n_articles):
        base = parsed[i % len(parsed)]
        day = first_day + timedelta(days=rng.randint(0, 3 * 365))
        copy: ParsedArticle = replace(base, published_at=f"{day.isoformat()}T{rng.randint(8, 20):02d}:00")
        url = f"https://bench.example/{i}"
        await store_parsed(db, copy, url, hashlib.sha256(url.encode()).hexdigest(), join_events=False)
        if i and i % 10_000 == 0:
            print(f"  built {i} articles in {time.perf_counter() - start:.0f} s", flush=True)
    print(f"  stored {n_articles - have} articles in {time.perf_counter() - start:.0f} s", flush=True)
    return db


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/newsbot-bench-100k.sqlite3")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000

    async def main() -> None:
        db = await build_big_db(target, count)
        print(target, await db.scalar("SELECT count(*) FROM articles"), "articles")
        await db.close()

    asyncio.run(main())
