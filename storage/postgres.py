"""The PostgreSQL backend: a pool of asyncpg connections behind the API of storage.db.

SQL arrives with SQLite's `?` placeholders and leaves with PostgreSQL's `$1, $2, …`.

Writers take turns, as on SQLite: a write transaction first takes a transaction-level advisory
lock (`WRITE_LOCK`), so the read-then-write steps that SQLite's single writer made safe (an event
found or created, ids of people, the next statement id) stay safe with any number of workers. A
`shared` transaction skips it: delivery claims its outbox rows with FOR UPDATE SKIP LOCKED and
touches nothing else, so workers send side by side.
"""

from __future__ import annotations

import functools
import re
from collections.abc import AsyncIterator, Coroutine, Generator, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import asyncpg

from storage.db import POSTGRESQL, Connection, Database, available_migrations

WRITE_LOCK = 7_243_114_001  # advisory lock keys: any numbers no other program on the database uses
MIGRATION_LOCK = 7_243_114_002
POOL_SIZE = 10
# asyncpg prepares every statement, and after five runs PostgreSQL may keep one generic plan for it,
# made without the parameters' values. For the search that plan is a bitmap scan of every row
# holding a token, then a sort: 0.4 s for a common word, where the plan made for the word itself
# (newest rows first, stop at the limit) takes 5 ms. Queries here are cheap to plan: plan each run.
SESSION_SETTINGS = {"plan_cache_mode": "force_custom_plan"}


class PgCursor:
    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self.rows = rows
        self.rowcount = rowcount
        self.lastrowid: int | None = None  # INSERT … RETURNING id instead

    async def fetchone(self) -> Any:
        return self.rows[0] if self.rows else None

    async def fetchall(self) -> list[Any]:
        return self.rows


class PgExecution:
    """A statement run once, whether it is awaited or used in `async with`."""

    def __init__(self, run: Coroutine[Any, Any, PgCursor]) -> None:
        self.run = run

    def __await__(self) -> Generator[Any, None, PgCursor]:
        return self.run.__await__()

    async def __aenter__(self) -> PgCursor:
        return await self.run

    async def __aexit__(self, *exc: object) -> None:
        return None


class PgConnection:
    """One pooled connection inside a transaction (the `Connection` of storage.db)."""

    dialect = POSTGRESQL

    def __init__(self, raw: asyncpg.Connection) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgExecution:
        return PgExecution(self._run(sql, params))

    async def _run(self, sql: str, params: Sequence[Any]) -> PgCursor:
        query = dollar_placeholders(sql)
        if returns_rows(query):
            rows = await self.raw.fetch(query, *params)
            return PgCursor(rows, len(rows))
        status = await self.raw.execute(query, *params)
        return PgCursor([], rows_changed(status))

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [tuple(r) for r in rows]
        if batch:
            await self.raw.executemany(dollar_placeholders(sql), batch)

    async def execute_fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(await self.raw.fetch(dollar_placeholders(sql), *params))


class PostgresDatabase(Database):
    dialect = POSTGRESQL

    def __init__(self, pool: asyncpg.Pool, url: str) -> None:
        self.pool = pool
        self.url = url

    @classmethod
    async def connect(cls, url: str, *, pool_size: int = POOL_SIZE) -> PostgresDatabase:
        pool = await asyncpg.create_pool(
            url, min_size=1, max_size=pool_size, command_timeout=120, timeout=10, server_settings=SESSION_SETTINGS
        )
        db = cls(pool, url)
        try:
            await db.migrate()
        except BaseException:
            await pool.close()
            raise
        return db

    async def close(self) -> None:
        await self.pool.close()

    @asynccontextmanager
    async def transaction(self, *, shared: bool = False) -> AsyncIterator[Connection]:
        async with self.pool.acquire() as raw, raw.transaction():
            if not shared:
                await raw.execute("SELECT pg_advisory_xact_lock($1)", WRITE_LOCK)
            yield PgConnection(raw)

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        async with self.pool.acquire() as raw:
            return list(await raw.fetch(dollar_placeholders(sql), *params))

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Any:
        async with self.pool.acquire() as raw:
            return await raw.fetchrow(dollar_placeholders(sql), *params)

    async def migrate(self, up_to: int | None = None) -> None:
        """Apply every migrations/postgresql/NNNN_*.sql not yet applied, each in its own transaction;
        workers starting together take turns on an advisory lock."""
        async with self.pool.acquire() as raw, raw.transaction():
            await raw.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
            await raw.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (now()::text))"
            )
        for version, script in available_migrations(POSTGRESQL):
            if up_to is not None and version > up_to:
                break
            async with self.pool.acquire() as raw, raw.transaction():
                await raw.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
                if await raw.fetchval("SELECT 1 FROM schema_version WHERE version = $1", version):
                    continue
                await raw.execute(script)
                await raw.execute("INSERT INTO schema_version (version) VALUES ($1)", version)


_PLACEHOLDER_OR_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?")


@functools.lru_cache(maxsize=2048)
def dollar_placeholders(sql: str) -> str:
    """`?` → `$1, $2, …`, leaving quoted strings and names alone."""
    counter = 0

    def number(match: re.Match[str]) -> str:
        nonlocal counter
        if match.group(0) != "?":
            return match.group(0)
        counter += 1
        return f"${counter}"

    return _PLACEHOLDER_OR_QUOTED.sub(number, sql)


def returns_rows(query: str) -> bool:
    head = query.lstrip().split(None, 1)[0].upper() if query.strip() else ""
    return head in ("SELECT", "WITH", "VALUES", "SHOW", "EXPLAIN") or " RETURNING " in query.upper()


def rows_changed(status: str) -> int:
    """The row count of a command tag: 'INSERT 0 3' → 3, 'UPDATE 2' → 2."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0
