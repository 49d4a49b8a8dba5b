"""Parse and ingest speed and peak memory over a 2,000-article corpus built from the samples.

Run: .venv/bin/python -m tests.benchmarks.bench_ingest [N] [--sqlite-only]
The corpus (tests/benchmarks/corpus.py) varies dates, names and paragraph order of the
five bundled samples. `newsbot parse` and `newsbot ingest` run as real processes; peak
memory is their maximum resident set size. Then (unless --sqlite-only) the same files go into
PostgreSQL on a throwaway server (tests/pg.py): by one process, then by two processes at once.
"""

from __future__ import annotations

import asyncio
import functools
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot import PROJECT_ROOT
from bot.news import parse
from bot.news.models import ArticleMeta
from storage.db import Database
from tests.benchmarks.corpus import make_corpus, sample_texts, write_corpus
from tests.pg import PgServer


def median_parse_ms(texts: list[str]) -> float:
    parse(texts[0], ArticleMeta())  # load models and data once, as a running process does
    times = []
    for text in texts:
        start = time.perf_counter()
        parse(text, ArticleMeta())
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run_measured(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB of the child, and its last output line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        raise SystemExit(f"newsbot {args[0]} failed: {proc.stderr[-2000:]}")
    last = (proc.stdout.strip().splitlines() or [""])[-1]
    return wall, max(peak, before) / 1024, last


def ingest_at_once(groups: list[list[Path]], env: dict[str, str]) -> float:
    """`newsbot ingest` of each group, all processes started together; wall seconds until the last ends."""
    start = time.perf_counter()
    run = functools.partial(
        subprocess.Popen, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    procs = [run([sys.executable, "-m", "bot", "ingest", *map(str, group)]) for group in groups]
    for proc in procs:
        _, err = proc.communicate()
        if proc.returncode not in (0, 1):
            raise SystemExit(f"newsbot ingest failed: {err[-2000:]}")
    return time.perf_counter() - start


async def count_articles(url: str) -> int:
    db = await Database.open(url)
    try:
        return int(await db.scalar("SELECT count(*) FROM articles"))
    finally:
        await db.close()


def postgresql_ingest(paths: list[Path]) -> None:
    """The same corpus into PostgreSQL: by one process, then by two at once (each half the files)."""
    server = PgServer.start()
    try:
        for label, groups in (("1 process", [paths]), ("2 processes at once", [paths[0::2], paths[1::2]])):
            url = server.create_database_sync()
            env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
            wall = ingest_at_once(groups, env)
            stored = asyncio.run(count_articles(url))
            print(f"newsbot ingest into PostgreSQL, {label}: {len(paths)} articles in {wall:.1f} s = "
                  f"{len(paths) / wall:.1f} articles/s ({stored} stored)")  # fmt: skip
    finally:
        server.stop()


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 2000
    print(f"median parse, 5 samples: {median_parse_ms(sample_texts() * 3):.1f} ms/article")
    print(f"median parse, {n} corpus articles: {median_parse_ms(make_corpus(n)):.1f} ms/article")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        paths = write_corpus(n, folder)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "LOG_LEVEL": "WARNING"}
        wall, peak, _ = run_measured(["parse", *map(str, paths)], env)
        print(f"newsbot parse:  {n} articles in {wall:.1f} s = {n / wall:.1f} articles/s, peak RSS {peak:.0f} MB")
        wall, peak, summary = run_measured(["ingest", str(folder)], env)
        print(f"newsbot ingest: {n} articles in {wall:.1f} s = {n / wall:.1f} articles/s, peak RSS {peak:.0f} MB")
        print(f"  {summary}")
        wall, _, summary = run_measured(["ingest", str(folder)], env)
        print(f"newsbot ingest again (all duplicates): {wall:.1f} s; {summary}")
        if "--sqlite-only" not in sys.argv:
            postgresql_ingest(paths)


if __name__ == "__main__":
    main()
