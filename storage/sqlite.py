"""The SQLite backend: WAL, foreign keys, a busy timeout, numbered migrations.

Writes go through `transaction()` on the writing connection, which starts with BEGIN IMMEDIATE:
the write lock is taken up front, so a second process (the bot and `newsbot ingest`) waits for it
through the busy timeout instead of failing with "database is locked".

Reads (`fetchall`, `fetchone`, `scalar`) go through a separate read-only connection with its own
thread: under WAL they see the last commit and never queue behind an ingest, a digest write or a
checkpoint. SQLite's automatic checkpoint is off on the writing connection (it would run inside
a commit, for up to a second on a big file); a background task checkpoints the WAL in passive
mode on a connection of its own instead (`Checkpointer`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from storage.db import SQLITE, Connection, Database, Execution, available_migrations, pack_text

BUSY_TIMEOUT_MS = 30_000
CHECKPOINT_EVERY_S = 1.0
WAL_SIZE_LIMIT = 16 * 1024 * 1024  # past this, the checkpointer makes sure the WAL starts over
CHECKPOINT_WAIT_MS = 100

log = logging.getLogger(__name__)


class SqliteConnection:
    """The writing connection as a transaction yields it (the `Connection` of storage.db)."""

    dialect = SQLITE

    def __init__(self, raw: aiosqlite.Connection) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Execution:
        return self.raw.execute(sql, tuple(params))

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self.raw.executemany(sql, rows)

    async def execute_fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(await self.raw.execute_fetchall(sql, tuple(params)))


class SqliteDatabase(Database):
    dialect = SQLITE

    def __init__(self, conn: aiosqlite.Connection, path: Path, reader: aiosqlite.Connection | None = None) -> None:
        self.conn = conn
        self.writer = SqliteConnection(conn)
        self.reader = reader or conn
        self.path = path
        self.url = str(path)
        # One connection serves concurrent handlers: their write transactions take turns.
        self.write_lock = asyncio.Lock()
        self.checkpointer: Checkpointer | None = None

    @classmethod
    async def connect(cls, path: Path, *, checkpoint: bool = True) -> SqliteDatabase:
        """The database at `path`, migrated; a file database also gets its read connection and,
        with `checkpoint`, the background checkpointer."""
        in_memory = str(path) == ":memory:"
        if not in_memory:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # reported like any other file the database can't use
                raise sqlite3.OperationalError(f"не удалось создать папку {path.parent}: {exc.strerror}") from exc
        conn = await _connect(path)
        db: SqliteDatabase | None = None
        try:
            await turn_on_wal(conn)
            for pragma in (
                "PRAGMA synchronous = NORMAL",
                "PRAGMA foreign_keys = ON",
                "PRAGMA wal_autocheckpoint = 0",
                f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}",
            ):
                await conn.execute(pragma)
            db = cls(conn, path)
            await db.migrate()
            if not in_memory:
                db.reader = await _connect(path)
                await db.reader.execute("PRAGMA query_only = ON")
                if checkpoint:
                    db.checkpointer = await Checkpointer.start(path, db.write_lock)
        except BaseException:
            if db is not None:
                await db.close()
            else:
                await conn.close()  # else its thread keeps the process alive
            raise
        return db

    async def close(self) -> None:
        if self.checkpointer is not None:
            await self.checkpointer.stop()
            self.checkpointer = None
        if self.reader is not self.conn:
            await self.reader.close()
        await self.conn.close()

    @asynccontextmanager
    async def transaction(self, *, shared: bool = False) -> AsyncIterator[Connection]:
        """One write transaction; rolled back whole on any error. Concurrent callers wait their turn
        (`shared` changes nothing here: SQLite has one writer)."""
        async with self.write_lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.writer
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            await self.conn.execute("COMMIT")

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        """Rows of a read, on the read connection (the last committed state); one trip to its thread."""
        return list(await self.reader.execute_fetchall(sql, tuple(params)))

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        async with self.reader.execute(sql, tuple(params)) as cur:
            return await cur.fetchone()

    async def migrate(self, up_to: int | None = None) -> None:
        """Apply every migrations/NNNN_*.sql newer than schema_version (up to `up_to`, for tests
        that build an older schema), each in its own transaction."""
        await self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (datetime('now')))"
        )
        for version, script in available_migrations():
            if up_to is not None and version > up_to:
                break
            async with self.transaction():
                conn = self.conn
                # Checked under the write lock: another process may have just applied it.
                # By number, not by maximum: a migration numbered below one already applied still runs.
                async with conn.execute("SELECT 1 FROM schema_version WHERE version = ?", (version,)) as cur:
                    if await cur.fetchone():
                        continue
                for statement in split_sql(script):
                    await conn.execute(statement)
                await conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))


class Checkpointer:
    """Copies the WAL back into the database file every CHECKPOINT_EVERY_S seconds on a connection
    and thread of its own, so that no commit pays for it.

    A passive checkpoint never waits for, nor blocks, readers and writers, but under a steady stream
    of writes it never quite catches up, and the WAL only starts over once it has. So when the WAL
    file has grown past WAL_SIZE_LIMIT, a second, FULL checkpoint copies the few frames written
    during the first while this process's writers wait on `write_lock` (another process's writers
    wait through the busy timeout): a pause of milliseconds for writes, none for reads."""

    def __init__(self, conn: aiosqlite.Connection, path: Path, write_lock: asyncio.Lock, every: float) -> None:
        self.conn = conn
        self.path = path
        self.write_lock = write_lock
        self.every = every
        self.task: asyncio.Task[None] | None = None
        self.runs = 0

    @classmethod
    async def start(
        cls, path: Path, write_lock: asyncio.Lock | None = None, every: float = CHECKPOINT_EVERY_S
    ) -> Checkpointer:
        conn = await _connect(path)
        # FULL waits this long at most for another process's writer or reader, then tries next round.
        await conn.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
        checkpointer = cls(conn, path, write_lock or asyncio.Lock(), every)
        checkpointer.task = asyncio.create_task(checkpointer._loop(), name="wal-checkpoint")
        return checkpointer

    async def checkpoint(self, mode: str = "PASSIVE") -> tuple[int, int, int]:
        """(busy, frames in the WAL, frames checkpointed), as `PRAGMA wal_checkpoint` tells."""
        async with self.conn.execute(f"PRAGMA wal_checkpoint({mode})") as cur:
            row = await cur.fetchone()
        self.runs += 1
        assert row is not None
        return int(row[0]), int(row[1]), int(row[2])

    async def round(self) -> None:
        await self.checkpoint()
        if wal_bytes(self.path) > WAL_SIZE_LIMIT:
            async with self.write_lock:
                await self.checkpoint("FULL")

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            try:
                await self.round()
            except sqlite3.Error as exc:  # a busy or locked file: the next round tries again
                log.warning("WAL checkpoint failed: %s", exc)

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
        with contextlib.suppress(sqlite3.Error):
            await self.checkpoint()  # leave little WAL behind (PASSIVE: never waits)
        await self.conn.close()


def wal_bytes(path: Path) -> int:
    try:
        return Path(f"{path}-wal").stat().st_size
    except OSError:
        return 0


async def _connect(path: Path) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.row_factory = aiosqlite.Row
        await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await conn.execute("PRAGMA temp_store = MEMORY")
        await conn.execute("PRAGMA cache_size = -32000")  # 32 MB of pages per connection
        await conn.create_function("newsbot_pack", 1, pack_text, deterministic=True)
    except BaseException:
        await conn.close()
        raise
    return conn


async def turn_on_wal(conn: aiosqlite.Connection) -> None:
    """WAL needs a moment alone with a new file, and SQLite does not wait for it (busy_timeout does
    not apply): retry while another process is creating the same database."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            await conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.05)


def split_sql(script: str) -> list[str]:
    """Split a script into complete statements (trigger bodies keep their inner semicolons)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip() and not current.strip().startswith("--"):
        statements.append(current.strip())
    return [s for s in statements if s.rstrip(";").strip() and not _only_comments(s)]


def _only_comments(statement: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in statement.splitlines())
