"""The database, whichever backend holds it: SQLite (the embedded default, storage/sqlite.py) or
PostgreSQL (several workers on one database, storage/postgres.py).

Both give the same API: `transaction()` yields a `Connection` for writes; `fetchall`, `fetchone`
and `scalar` read the last committed state. SQL is written once with `?` placeholders in the
subset both dialects share; where they differ (the search index, lists of values, locking) the
code asks `dialect`. Migrations are numbered alike in both: storage/migrations/NNNN_*.sql for
SQLite and storage/migrations/postgresql/NNNN_*.sql for PostgreSQL.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Awaitable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE = "sqlite"
POSTGRESQL = "postgresql"


class Row(Protocol):
    """A result row: by position or by column name (sqlite3.Row and asyncpg.Record both are)."""

    def __getitem__(self, key: int | str) -> Any: ...

    def __len__(self) -> int: ...


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    async def fetchone(self) -> Any: ...

    async def fetchall(self) -> Iterable[Any]: ...


class Execution(Awaitable[Cursor], AbstractAsyncContextManager[Cursor], Protocol):
    """What `Connection.execute` returns: awaited, or used in `async with`."""


class Connection(Protocol):
    """The connection a write transaction yields."""

    dialect: str

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Execution: ...

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    async def execute_fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...


class Database:
    """What every backend offers; `Database.open` picks the backend from its target."""

    dialect: str = ""
    url: str = ""  # what `Database.open` takes to open this database again (another connection)

    @staticmethod
    async def open(target: Path | str, *, checkpoint: bool = True) -> Database:
        """A PostgreSQL URL (postgresql://…) or an SQLite file path (or ':memory:'), migrated."""
        if is_postgresql_url(str(target)):
            from storage.postgres import PostgresDatabase

            return await PostgresDatabase.connect(str(target))
        from storage.sqlite import SqliteDatabase

        return await SqliteDatabase.connect(Path(target), checkpoint=checkpoint)

    def transaction(self, *, shared: bool = False) -> AbstractAsyncContextManager[Connection]:
        """One write transaction, rolled back whole on any error. Writers take turns, as SQLite's
        one writer does, except with `shared` (PostgreSQL only): a transaction that only touches
        rows it has locked itself (delivery claiming outbox rows) runs beside the others."""
        raise NotImplementedError

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        raise NotImplementedError

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Any:
        raise NotImplementedError

    async def scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def schema_version(self) -> int:
        return int(await self.scalar("SELECT coalesce(max(version), 0) FROM schema_version"))

    async def migrate(self, up_to: int | None = None) -> None:
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError


def _database_errors() -> tuple[type[BaseException], ...]:
    import sqlite3

    import asyncpg

    return sqlite3.Error, asyncpg.PostgresError, asyncpg.InterfaceError, ConnectionError


DATABASE_ERRORS = _database_errors()  # a database or its server failed, on either backend


def is_postgresql_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def available_migrations(dialect: str = SQLITE) -> list[tuple[int, str]]:
    folder = MIGRATIONS_DIR / "postgresql" if dialect == POSTGRESQL else MIGRATIONS_DIR
    return [(int(f.name[:4]), f.read_text(encoding="utf-8")) for f in sorted(folder.glob("[0-9][0-9][0-9][0-9]_*.sql"))]


def values_in(dialect: str, values: Sequence[Any], sql_type: str) -> tuple[str, list[Any]]:
    """`IN (…)` of any number of values as one parameter: (the SQL after IN, its parameters).
    `sql_type` is 'text' or 'bigint'."""
    if dialect == POSTGRESQL:
        return f"(SELECT unnest(?::{sql_type}[]))", [list(values)]
    import json

    return "(SELECT value FROM json_each(?))", [json.dumps(list(values), ensure_ascii=False)]


def search_tokens(lemmas: str) -> list[str]:
    """The tokens the search index keeps of a lemma text (hyphenated words split), as SQLite's
    unicode61 tokenizer makes them."""
    return sorted({t for t in _TOKEN_SPLIT.split(lemmas.lower()) if t})


_TOKEN_SPLIT = re.compile(r"[\W_]+")


def pack_text(text: str | None) -> bytes | None:
    """Text stored compressed (search lemmas: a third of their size); also SQLite's newsbot_pack()."""
    return None if text is None else zlib.compress(text.encode("utf-8"), 6)


def unpack_text(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")


def now_iso() -> str:
    """The current UTC time as stored in the database: 2025-12-06T02:37:00+00:00."""
    return datetime.now(UTC).isoformat(timespec="seconds")

