"""`newsbot migrate-db --to postgresql://…`: a real SQLite file moved into a real PostgreSQL database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot import DATA_DIR, services
from bot.alerts import plan_subscription
from bot.ingest import ingest_inputs
from bot.middlewares import upsert_chat
from bot.sources.feeds import load_feeds, sync_feeds
from storage.alerts import add_subscription
from storage.db import Database, search_tokens, unpack_text
from storage.outbox import enqueue
from storage.postgres import PostgresDatabase
from storage.sqlite import SqliteDatabase
from storage.transfer import TransferRefused, move_to_postgresql, parents_first
from tests.conftest import SAMPLES_DIR, run_newsbot
from tests.pg import PgServer

Moved = tuple[SqliteDatabase, PostgresDatabase, dict[str, int]]  # source, target, rows copied per table
CORPUS = Path(__file__).parents[1] / "corpus" / "articles"


async def fill(db: Database) -> None:
    """The samples and 30 corpus articles, a chat with subscriptions, a digest schedule, queued
    alerts and the bundled feeds: a row in most tables."""
    await ingest_inputs(db, [str(SAMPLES_DIR), *map(str, sorted(CORPUS.glob("*.txt"))[:30])])
    await upsert_chat(db, 501, "private", None, "reader", "ru")
    await upsert_chat(db, -1001, "supergroup", "Группа", None, None)
    for text in ("вода", "ОБСЕ", "Токаев"):
        plan = await plan_subscription(db, text)
        assert plan is not None
        async with db.transaction() as conn:
            assert await add_subscription(conn, 501, plan)
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO digest_schedules (chat_id, spec, timezone, active, created_by, updated_at) "
            "VALUES (?, ?, ?, 1, ?, ?)", (-1001, "daily 09:00", "Asia/Almaty", 501, "2025-12-06T00:00:00+00:00"),
        )  # fmt: skip
        for n in range(3):
            await enqueue(conn, 501, "alert", f"alert:{n}", f"Сообщение {n} <b>&</b>")
    await sync_feeds(db, load_feeds(DATA_DIR / "feeds.toml"))


@pytest.fixture(scope="module")
def source_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One filled SQLite file for the module; each test copies it."""
    path = tmp_path_factory.mktemp("source") / "source.sqlite3"

    async def build() -> None:
        db = await Database.open(path)
        await fill(db)
        await db.close()

    asyncio.run(build())
    return path


@pytest.fixture
def source_path(source_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "newsbot.sqlite3"
    copy.write_bytes(source_file.read_bytes())
    return copy


@pytest.fixture
async def moved(source_path: Path, pg_url: str) -> AsyncIterator[Moved]:
    source = await SqliteDatabase.connect(source_path)
    target = await PostgresDatabase.connect(pg_url)
    copied = await move_to_postgresql(source, target, batch_rows=7)  # small batches: many COPY rounds
    yield source, target, copied
    await source.close()
    await target.close()


async def table_names(db: SqliteDatabase) -> list[str]:
    rows = await db.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'search_index%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name <> 'schema_version'"
    )
    return sorted(str(r[0]) for r in rows)


async def test_every_table_has_the_same_number_of_rows(
    moved: Moved,
) -> None:
    source, target, copied = moved
    tables = await table_names(source)
    assert set(copied) == {*tables, "search_index"}
    filled = [t for t in tables if await source.scalar(f"SELECT count(*) FROM {t}")]
    assert {"articles", "statements", "chats", "subscriptions", "outbox", "digest_schedules", "feeds",
            "search_rows", "event_organizations", "people"} <= set(filled)  # fmt: skip
    for table in tables:
        rows = await source.scalar(f"SELECT count(*) FROM {table}")
        assert await target.scalar(f"SELECT count(*) FROM {table}") == rows == copied[table], table
    # SQLite's contentless FTS5 table can't be counted: it holds a row per search row
    indexed = await target.scalar("SELECT count(*) FROM search_index")
    assert indexed == copied["search_index"] == await source.scalar("SELECT count(*) FROM search_rows")


async def test_a_sample_of_rows_is_equal(moved: Moved) -> None:
    source, target, _ = moved
    for table, key in [("articles", "id"), ("statements", "id"), ("events", "id"), ("people", "id"),
                       ("search_rows", "id"), ("outbox", "id"), ("subscriptions", "id"), ("feeds", "id"),
                       ("chats", "id"), ("event_signatures", "event_id")]:  # fmt: skip
        columns = [str(r[1]) for r in await source.fetchall(f"PRAGMA table_info({table})")]
        select = f"SELECT {', '.join(columns)} FROM {table} WHERE {key} % 3 = 0 ORDER BY {key}"
        expected = [tuple(r) for r in await source.fetchall(select)]
        assert expected, table
        assert [tuple(r) for r in await target.fetchall(select)] == expected, table


async def test_the_search_index_is_rebuilt_from_search_rows(
    moved: Moved,
) -> None:
    source, target, _ = moved
    packed = await source.fetchall("SELECT id, lemmas FROM search_rows")
    expected = {int(r[0]): search_tokens(unpack_text(r[1])) for r in packed}
    rebuilt = {int(r[0]): list(r[1]) for r in await target.fetchall("SELECT rowid, tokens FROM search_index")}
    assert rebuilt == expected
    assert any("безопасность" in tokens for tokens in rebuilt.values())


async def test_every_table_copied_is_vacuumed(moved: Moved) -> None:
    """migrate-db vacuums every table it filled: index-only scans (the /org menu, the search's token
    bits) need the pages marked visible to all, and the planner its statistics. (How many pages a
    VACUUM can mark depends on the transactions open on the server meanwhile, so that is measured by
    the benchmarks, not asserted here.)"""
    _, target, _ = moved
    rows = await target.fetchall(
        "SELECT relname, last_vacuum IS NOT NULL, last_analyze IS NOT NULL FROM pg_stat_user_tables "
        "WHERE n_live_tup > 0"
    )
    assert {"events", "event_organizations", "search_index"} <= {str(r[0]) for r in rows}
    assert [str(r[0]) for r in rows if not (r[1] and r[2])] == []


async def test_the_bot_answers_the_same_on_both(moved: Moved) -> None:
    source, target, _ = moved
    calls = [
        lambda db: services.latest(db, 20),
        lambda db: services.latest(db, 5, 10),
        lambda db: services.org_events(db, "ОБСЕ", 20),
        lambda db: services.org_events(db, "ООН", 20),
        lambda db: services.top_organizations(db),
        lambda db: services.person_statements(db, "Токаев", 20),
        lambda db: services.person_statements(db, "Кошербаеву", 20),
        lambda db: services.search(db, "вода", 20),
        lambda db: services.search(db, "безопасность -Афганистан", 20),
        lambda db: services.search(db, "водных ресурсов", 20),
        lambda db: services.recently_quoted_people(db),
    ]
    for call in calls:
        on_sqlite, on_postgresql = await call(source), await call(target)
        assert on_sqlite == on_postgresql
    assert (await services.latest(target, 20)).items  # not equal because both are empty
    assert (await services.search(target, "вода", 20)).page.items


async def test_new_rows_after_the_move_get_fresh_ids(
    moved: Moved,
) -> None:
    source, target, _ = moved
    last_article = await source.scalar("SELECT max(id) FROM articles")
    outcomes = await ingest_inputs(target, [str(sorted(CORPUS.glob("*.txt"))[40])])
    assert [o.status for o in outcomes] == ["stored"]
    assert await target.scalar("SELECT max(id) FROM articles") == last_article + 1
    async with target.transaction() as conn:
        assert await enqueue(conn, 501, "alert", "after-move", "ещё одно")


async def test_a_target_that_holds_articles_is_refused_and_left_alone(source_path: Path, pg_url: str) -> None:
    target = await PostgresDatabase.connect(pg_url)
    await ingest_inputs(target, [str(SAMPLES_DIR / sorted(p.name for p in SAMPLES_DIR.glob("*.txt"))[0])])
    source = await SqliteDatabase.connect(source_path)
    try:
        with pytest.raises(TransferRefused, match="уже есть статьи"):
            await move_to_postgresql(source, target)
        assert await target.scalar("SELECT count(*) FROM articles") == 1
        assert await target.scalar("SELECT count(*) FROM chats") == 0
    finally:
        await source.close()
        await target.close()


async def test_a_target_of_another_schema_version_is_refused(source_path: Path, pg_server: PgServer) -> None:
    url = await pg_server.create_database()
    older = await PostgresDatabase.connect(url)
    await older.pool.execute("DELETE FROM schema_version WHERE version = (SELECT max(version) FROM schema_version)")
    source = await SqliteDatabase.connect(source_path)
    try:
        with pytest.raises(TransferRefused, match="Версии схемы различаются"):
            await move_to_postgresql(source, older)
    finally:
        await source.close()
        await older.close()


def test_parents_come_before_their_children() -> None:
    links = [("statements", "articles"), ("articles", "events"), ("statements", "people"), ("people", "people")]
    order = parents_first(["statements", "people", "events", "articles"], links)
    assert order.index("events") < order.index("articles") < order.index("statements")
    assert order.index("people") < order.index("statements")
    with pytest.raises(TransferRefused):
        parents_first(["a", "b"], [("a", "b"), ("b", "a")])


def test_the_command_moves_the_file_then_refuses_a_second_time(source_path: Path, pg_url: str) -> None:
    done = run_newsbot("migrate-db", "--to", pg_url, db_path=source_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Перенос" in done.stderr and "Traceback" not in done.stderr
    counts = dict(line.split() for line in done.stdout.splitlines()[1:])
    assert int(counts["articles"]) == 35 and int(counts["search_index"]) == int(counts["search_rows"]) > 35
    latest_sqlite = run_newsbot("latest", "-n", "20", "--json", db_path=source_path)
    latest_pg = run_newsbot("latest", "-n", "20", "--json", db_path=source_path, DATABASE_URL=pg_url)
    assert latest_pg.returncode == 0 and latest_pg.stdout == latest_sqlite.stdout != ""

    again = run_newsbot("migrate-db", "--to", pg_url, db_path=source_path)
    assert again.returncode == 2
    assert "уже есть статьи (35)" in again.stderr and "Traceback" not in again.stderr


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@127.0.0.1/newsbot", "нужен адрес PostgreSQL"),
        ("postgresql://newsbot@127.0.0.1:1/newsbot", "Не удалось подключиться к PostgreSQL 127.0.0.1:1/newsbot"),
        ("postgresql://newsbot:secret@127.0.0.1:port/newsbot", "неверный адрес PostgreSQL"),
    ],
)
def test_a_bad_or_unreachable_target_gets_one_line(source_path: Path, url: str, message: str) -> None:
    done = run_newsbot("migrate-db", "--to", url, db_path=source_path, timeout=60)
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert "secret" not in done.stderr


def test_a_missing_database_on_the_server_gets_one_line(source_path: Path, pg_server: PgServer) -> None:
    done = run_newsbot("migrate-db", "--to", pg_server.url("no_such_database"), db_path=source_path, timeout=60)
    assert done.returncode == 2
    assert "no_such_database" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_missing_source_file_is_refused(tmp_path: Path, pg_url: str) -> None:
    done = run_newsbot("migrate-db", "--to", pg_url, db_path=tmp_path / "nothing.sqlite3")
    assert done.returncode == 2
    assert "Нет файла базы SQLite" in done.stderr
    assert not (tmp_path / "nothing.sqlite3").exists()
