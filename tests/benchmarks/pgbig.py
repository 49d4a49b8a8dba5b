"""The big benchmark database on PostgreSQL too: a throwaway server (tests/pg.py) and a copy of the
SQLite file that tests/benchmarks/bigdb.py builds, made by the real `newsbot migrate-db` process,
which is measured on the way (wall time, rows per second, peak memory).

Run alone: .venv/bin/python -m tests.benchmarks.pgbig [DB_PATH] [N_ARTICLES] [--keep]
"""

from __future__ import annotations

import asyncio
import os
import resource
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot import PROJECT_ROOT
from storage.db import Database
from tests.benchmarks.bigdb import build_big_db
from tests.pg import PgServer

DEFAULT_PATH = Path("/tmp/newsbot-bench-100k.sqlite3")


def migrate_db(sqlite_path: Path, url: str) -> float:
    """Run `newsbot migrate-db --to URL` on the file; print what it took; its wall seconds."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{sqlite_path}", "LOG_LEVEL": "WARNING"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bot", "migrate-db", "--to", url],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"migrate-db failed: {done.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows = sum(int(line.split()[-1]) for line in done.stdout.splitlines()[1:])
    size = sqlite_path.stat().st_size / 2**20
    print(f"newsbot migrate-db: {size:.0f} MB SQLite file, {rows} rows in {wall:.1f} s = {rows / wall:.0f} rows/s, "
          f"peak RSS {peak:.0f} MB")  # fmt: skip
    return wall


def big_postgresql(server: PgServer, sqlite_path: Path) -> str:
    """A new database on `server` holding a copy of the SQLite file; its URL."""
    url = server.create_database_sync()
    migrate_db(sqlite_path, url)
    return url


@asynccontextmanager
async def postgresql_copy(sqlite_path: Path) -> AsyncIterator[Database]:
    """The PostgreSQL copy of the file, open: on the server --pg=URL names, else on a throwaway one."""
    given = next((a.removeprefix("--pg=") for a in sys.argv if a.startswith("--pg=")), None)
    server = None if given else PgServer.start()
    try:
        db = await Database.open(given or big_postgresql(server, sqlite_path))  # type: ignore[arg-type]
        try:
            yield db
        finally:
            await db.close()
    finally:
        if server is not None:
            server.stop()


async def ensure_big_sqlite(path: Path, n: int) -> None:
    db = await build_big_db(path, n)
    await db.close()


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT_PATH
    count = int(args[1]) if len(args) > 1 else 100_000
    asyncio.run(ensure_big_sqlite(path, count))
    pg = PgServer.start()  # left running (--keep) for --pg=URL runs of the other benchmarks
    try:
        print(big_postgresql(pg, path), "data in", pg.root)
    finally:
        if "--keep" not in sys.argv:
            pg.stop()
