"""The two backends kept in step: migrations numbered alike, the same tables and columns, the SQL
translation, and PostgreSQL writers taking turns as SQLite's one writer does."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.ingest import ingest_inputs
from storage.db import DATABASE_ERRORS, POSTGRESQL, SQLITE, Database, available_migrations
from storage.postgres import dollar_placeholders, rows_changed
from tests.conftest import SAMPLES_DIR

# By design: SQLite's FTS5 table holds the lemmas as its one column, PostgreSQL's the token array.
DIFFERENT_BY_DESIGN = {"search_index"}


def test_migrations_are_numbered_alike() -> None:
    sqlite_numbers = [n for n, _ in available_migrations(SQLITE)]
    assert sqlite_numbers == [n for n, _ in available_migrations(POSTGRESQL)]
    assert sqlite_numbers == list(range(1, len(sqlite_numbers) + 1))


async def test_both_schemas_have_the_same_tables_and_columns(tmp_path: Path, pg_url: str) -> None:
    lite = await Database.open(tmp_path / "x.sqlite3")
    pg = await Database.open(pg_url)
    try:
        lite_tables: dict[str, set[str]] = {}
        for (name,) in await lite.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'search_index_%'"
        ):
            lite_tables[name] = {str(r[1]) for r in await lite.fetchall(f"PRAGMA table_info({name})")}
        pg_tables: dict[str, set[str]] = {}
        for table, column in await pg.fetchall(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
        ):
            pg_tables.setdefault(str(table), set()).add(str(column))
        assert set(lite_tables) == set(pg_tables)
        for table in set(lite_tables) - DIFFERENT_BY_DESIGN:
            assert lite_tables[table] == pg_tables[table], table
        assert await lite.schema_version() == await pg.schema_version() == len(available_migrations())
    finally:
        await lite.close()
        await pg.close()


def test_placeholders_become_numbered_outside_quotes() -> None:
    sql = "SELECT '?', \"a?b\" FROM t WHERE x = ? AND y IN (?, ?) AND z = 'it''s ?'"
    assert dollar_placeholders(sql) == "SELECT '?', \"a?b\" FROM t WHERE x = $1 AND y IN ($2, $3) AND z = 'it''s ?'"
    assert dollar_placeholders("SELECT 1") == "SELECT 1"


def test_row_counts_are_read_from_command_tags() -> None:
    assert rows_changed("INSERT 0 3") == 3
    assert rows_changed("UPDATE 0") == 0
    assert rows_changed("CREATE TABLE") == 0


async def test_an_unreachable_server_is_a_database_error_at_once() -> None:
    loop = asyncio.get_running_loop()
    start = loop.time()
    with pytest.raises(DATABASE_ERRORS):
        await Database.open("postgresql://newsbot@127.0.0.1:1/nothing")
    assert loop.time() - start < 15


async def test_two_postgresql_connections_storing_the_same_articles_take_turns(pg_url: str) -> None:
    """Two workers ingesting the same five articles at once: each stored once, the rest duplicates
    (without the write lock both would find no duplicate and one would fail on the unique url)."""
    first, second = await Database.open(pg_url), await Database.open(pg_url)
    try:
        outcomes = await asyncio.gather(
            ingest_inputs(first, [str(SAMPLES_DIR)]), ingest_inputs(second, [str(SAMPLES_DIR)])
        )
        statuses = sorted(o.status for batch in outcomes for o in batch)
        assert statuses == ["duplicate"] * 5 + ["stored"] * 5
        assert await first.scalar("SELECT count(*) FROM articles") == 5
        assert await first.scalar("SELECT count(*) FROM events") == 5
    finally:
        await first.close()
        await second.close()
