"""Moving an SQLite database into PostgreSQL (`newsbot migrate-db --to postgresql://…`).

Every table is copied as it is, in batches (COPY, a few thousand rows at a time, so memory stays
bounded whatever the size of the file), inside one PostgreSQL transaction: a move that fails
leaves the target as empty as it was, and can simply be run again. The source is read in one
read transaction, so the copy is one consistent snapshot even if a process writes meanwhile.

SQLite's FTS5 search index is not copied: PostgreSQL's search_index (a GIN-indexed token array per
row) is rebuilt from search_rows, as storage.articles.index_texts writes it. Identity sequences are
moved past the copied ids, so the next row a worker inserts does not collide with a copied one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg

from storage.db import search_tokens, unpack_text
from storage.postgres import WRITE_LOCK, PostgresDatabase
from storage.sqlite import SqliteDatabase

BATCH_ROWS = 2_000
VACUUM_TIMEOUT_S = 3600  # minutes for a file of gigabytes; the pool's command timeout is for queries
PROGRESS_EVERY = 20_000  # rows between two progress reports of one table
SKIPPED = {"schema_version", "search_index"}  # each database keeps its own; the index is rebuilt
SEEDED_BY_MIGRATIONS = {"settings_kv"}  # rows the target's migrations wrote: the source's replace them

Progress = Callable[[str, int, int], None]  # (table, rows copied so far, rows in all); 0 in all: a step


class TransferRefused(Exception):
    """The move can't start: the message (Russian) says why; nothing was written."""


@dataclass(frozen=True)
class Column:
    name: str
    pg_type: str  # information_schema's data_type: bigint, text, bytea, ARRAY


async def move_to_postgresql(
    source: SqliteDatabase,
    target: PostgresDatabase,
    *,
    on_progress: Progress | None = None,
    batch_rows: int = BATCH_ROWS,
) -> dict[str, int]:
    """Copy every table of `source` into the empty, migrated `target`; rows copied per table
    (search_index: rows rebuilt). Raises TransferRefused before writing anything when the schemas
    differ or the target already holds data."""
    report = on_progress or (lambda table, done, total: None)
    source_version, target_version = await source.schema_version(), await target.schema_version()
    if source_version != target_version:
        raise TransferRefused(
            f"Версии схемы различаются: SQLite — {source_version}, PostgreSQL — {target_version}. "
            "Перенос возможен только между базами одной версии newsbot."
        )
    tables = await _tables_to_copy(source, target)
    counted: dict[str, int] = {}
    await source.reader.execute("BEGIN")  # one snapshot of the whole file
    try:
        for table in [*tables, "search_rows"]:
            counted.setdefault(table, int(await _source_scalar(source, f'SELECT count(*) FROM "{table}"')))
        async with target.pool.acquire() as raw, raw.transaction():
            await raw.execute("SELECT pg_advisory_xact_lock($1)", WRITE_LOCK)  # running workers wait
            await _check_empty(raw, tables)
            copied = {}
            for table, columns in tables.items():
                copied[table] = await _copy_table(source, raw, table, columns, counted[table], batch_rows, report)
            rows = counted["search_rows"]
            copied["search_index"] = await _rebuild_search_index(source, raw, rows, batch_rows, report)
            await _move_sequences_past_copied_ids(raw)
    finally:
        await source.reader.execute("ROLLBACK")
    report("VACUUM ANALYZE", 0, 0)
    async with target.pool.acquire() as raw:
        # The planner's statistics, and every page marked visible to all once, here rather than by
        # the first queries (index-only scans need the mark; the first reader of a page sets it).
        await raw.execute("VACUUM ANALYZE", timeout=VACUUM_TIMEOUT_S)
        # Measured: the pass just after the copy leaves most tables' pages unmarked (the /org menu
        # then read all of event_organizations, 54 ms instead of 6); a second pass marks them.
        await raw.execute("VACUUM", timeout=VACUUM_TIMEOUT_S)
    return copied


async def _source_scalar(source: SqliteDatabase, sql: str) -> Any:
    async with source.reader.execute(sql) as cur:
        row = await cur.fetchone()
    return None if row is None else row[0]


async def _tables_to_copy(source: SqliteDatabase, target: PostgresDatabase) -> dict[str, list[Column]]:
    """The tables both hold, parents before children (foreign keys), each with its columns; refuses
    when the two schemas do not have the same tables and columns."""
    rows = await source.fetchall(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    virtual = [str(r[0]) for r in rows if str(r[1] or "").upper().startswith("CREATE VIRTUAL TABLE")]
    source_tables = {
        str(r[0])
        for r in rows
        if not any(str(r[0]) == v or str(r[0]).startswith(f"{v}_") for v in virtual)  # FTS5 and its shadow tables
    } - SKIPPED
    target_columns: dict[str, list[Column]] = {}
    for r in await target.fetchall(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
    ):
        target_columns.setdefault(str(r[0]), []).append(Column(str(r[1]), str(r[2])))
    for table in SKIPPED:
        target_columns.pop(table, None)
    if source_tables != set(target_columns):
        only = sorted(source_tables ^ set(target_columns))
        raise TransferRefused(f"Схемы баз различаются (таблицы {', '.join(only)}): перенос невозможен.")
    for table in source_tables:
        names = {str(r[1]) for r in await source.fetchall(f'PRAGMA table_info("{table}")')}
        if names != {c.name for c in target_columns[table]}:
            raise TransferRefused(f"Схемы баз различаются (столбцы таблицы {table}): перенос невозможен.")
    links = await target.fetchall(
        "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
        "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"
    )
    order = parents_first(sorted(source_tables), [(str(r[0]), str(r[1])) for r in links])
    return {table: target_columns[table] for table in order}


def parents_first(tables: Sequence[str], links: Iterable[tuple[str, str]]) -> list[str]:
    """`tables` ordered so that each comes after the tables its foreign keys point to
    ((child, parent) links; a table's links to itself are ignored)."""
    parents: dict[str, set[str]] = {t: set() for t in tables}
    for child, parent in links:
        if child in parents and parent in parents and child != parent:
            parents[child].add(parent)
    order: list[str] = []
    placed: set[str] = set()
    while len(order) < len(tables):
        ready = [t for t in tables if t not in placed and parents[t] <= placed]
        if not ready:
            raise TransferRefused("Таблицы ссылаются друг на друга по кругу: перенос невозможен.")
        order += ready
        placed.update(ready)
    return order


async def _check_empty(raw: asyncpg.Connection, tables: dict[str, list[Column]]) -> None:
    articles = int(await raw.fetchval("SELECT count(*) FROM articles"))
    if articles:
        raise TransferRefused(
            f"В базе PostgreSQL уже есть статьи ({articles}): перенос идёт только в пустую базу. "
            "Создайте новую базу (CREATE DATABASE) и укажите её."
        )
    filled = [
        t
        for t in tables
        if t not in SEEDED_BY_MIGRATIONS and await raw.fetchval(f'SELECT EXISTS (SELECT 1 FROM "{t}")')
    ]
    if filled:
        raise TransferRefused(
            f"В базе PostgreSQL уже есть данные (таблицы {', '.join(filled)}): перенос идёт только в пустую базу."
        )
    for table in SEEDED_BY_MIGRATIONS & set(tables):
        await raw.execute(f'DELETE FROM "{table}"')


async def _copy_table(
    source: SqliteDatabase,
    raw: asyncpg.Connection,
    table: str,
    columns: list[Column],
    total: int,
    batch_rows: int,
    report: Progress,
) -> int:
    names = [c.name for c in columns]
    convert = [_converter(c.pg_type) for c in columns]
    select = "SELECT " + ", ".join(f'"{n}"' for n in names) + f' FROM "{table}"'
    done = 0
    async with source.reader.execute(select) as cur:
        while rows := await cur.fetchmany(batch_rows):
            records = [tuple(f(v) for f, v in zip(convert, row, strict=True)) for row in rows]
            await raw.copy_records_to_table(table, records=records, columns=names)
            done = _reported(report, table, done, len(records), total)
    report(table, done, total)
    return done


async def _rebuild_search_index(
    source: SqliteDatabase, raw: asyncpg.Connection, total: int, batch_rows: int, report: Progress
) -> int:
    done = 0
    async with source.reader.execute("SELECT id, lemmas FROM search_rows") as cur:
        while rows := await cur.fetchmany(batch_rows):
            records = [(int(r[0]), search_tokens(unpack_text(bytes(r[1])))) for r in rows]
            await raw.copy_records_to_table("search_index", records=records, columns=["rowid", "tokens"])
            done = _reported(report, "search_index", done, len(records), total)
    report("search_index", done, total)
    return done


def _reported(report: Progress, table: str, done: int, added: int, total: int) -> int:
    if (done + added) // PROGRESS_EVERY > done // PROGRESS_EVERY and done + added < total:
        report(table, done + added, total)
    return done + added


async def _move_sequences_past_copied_ids(raw: asyncpg.Connection) -> None:
    identities = await raw.fetch(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND is_identity = 'YES'"
    )
    for table, column in identities:
        await raw.execute(
            f'SELECT setval(pg_get_serial_sequence($1, $2), max("{column}")) FROM "{table}" '
            f'HAVING max("{column}") IS NOT NULL',
            f'"{table}"',
            column,
        )


def _converter(pg_type: str) -> Callable[[Any], Any]:
    """SQLite keeps whatever a column is given; COPY wants exactly the column's type."""
    if pg_type == "bigint":
        return lambda v: v if v is None or type(v) is int else int(v)
    if pg_type == "text":
        return lambda v: v if v is None or type(v) is str else str(v)
    if pg_type == "bytea":
        return lambda v: v if v is None or type(v) is bytes else (v.encode() if isinstance(v, str) else bytes(v))
    return lambda v: v
