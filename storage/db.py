"""The SQLite connection: WAL, foreign keys, a busy timeout, numbered migrations.

Writes go through `transaction()`, which starts with BEGIN IMMEDIATE: the write lock
is taken up front, so a second process (the bot and `newsbot ingest`) waits for it
through the busy timeout instead of failing with "database is locked".
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 30_000


class Database:
    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        # One connection serves concurrent handlers: their write transactions take turns.
        self.write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        path = Path(path)
        if str(path) != ":memory:":
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # reported like any other file the database can't use
                raise sqlite3.OperationalError(f"не удалось создать папку {path.parent}: {exc.strerror}") from exc
        conn = await aiosqlite.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.row_factory = aiosqlite.Row
            await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            await turn_on_wal(conn)
            for pragma in (
                "PRAGMA synchronous = NORMAL",
                "PRAGMA foreign_keys = ON",
                "PRAGMA temp_store = MEMORY",
                "PRAGMA cache_size = -32000",
            ):
                await conn.execute(pragma)
            db = cls(conn, path)
            await db.migrate()
        except BaseException:
            await conn.close()  # else its thread keeps the process alive
            raise
        return db

    async def close(self) -> None:
        await self.conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction; rolled back whole on any error. Concurrent callers wait their turn."""
        async with self.write_lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            await self.conn.execute("COMMIT")

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        async with self.conn.execute(sql, tuple(params)) as cur:
            return list(await cur.fetchall())

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        async with self.conn.execute(sql, tuple(params)) as cur:
            return await cur.fetchone()

    async def scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def schema_version(self) -> int:
        return int(await self.scalar("SELECT coalesce(max(version), 0) FROM schema_version"))

    async def migrate(self) -> None:
        """Apply every migrations/NNNN_*.sql newer than schema_version, each in its own transaction."""
        await self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (datetime('now')))"
        )
        for version, script in available_migrations():
            async with self.transaction() as conn:
                # Checked under the write lock: another process may have just applied it.
                # By number, not by maximum: a migration numbered below one already applied still runs.
                if await self.scalar("SELECT 1 FROM schema_version WHERE version = ?", (version,)):
                    continue
                for statement in split_sql(script):
                    await conn.execute(statement)
                await conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))


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


def available_migrations() -> list[tuple[int, str]]:
    found = []
    for file in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql")):
        found.append((int(file.name[:4]), file.read_text(encoding="utf-8")))
    return found


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


def now_iso() -> str:
    """The current UTC time as stored in the database: 2025-12-06T02:37:00+00:00."""
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")
