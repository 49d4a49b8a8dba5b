"""Shared fixtures: a real database per test on each backend (an SQLite file; a database of its own
on a PostgreSQL server the session starts), and the bundled sample articles.

NEWSBOT_TEST_BACKENDS (default "sqlite,postgresql") says which backends the `db` fixture runs on."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot import DATA_DIR, PROJECT_ROOT
from storage.db import Database
from tests.pg import PgServer

SAMPLES_DIR = DATA_DIR / "articles"
BACKENDS = [b.strip() for b in os.environ.get("NEWSBOT_TEST_BACKENDS", "sqlite,postgresql").split(",") if b.strip()]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = PgServer.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """The name of a database with every migration applied: tests' databases are its copies."""

    async def migrate(url: str) -> None:
        database = await Database.open(url)
        await database.close()

    url = pg_server.create_database_sync()
    asyncio.run(migrate(url))
    return url.rsplit("/", 1)[1]


@pytest.fixture
def pg_url(pg_server: PgServer, pg_template: str) -> str:
    """A fresh, migrated PostgreSQL database of this test's own."""
    return pg_server.create_database_sync(template=pg_template)


@pytest.fixture(params=BACKENDS)
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """What `Database.open` takes, on each backend: an SQLite file path or a PostgreSQL URL."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "test.sqlite3")


@pytest.fixture
async def db(db_target: str) -> AsyncIterator[Database]:
    database = await Database.open(db_target)
    yield database
    await database.close()


@pytest.fixture
async def sample_db(db: Database) -> Database:
    """A database with the five bundled sample articles ingested."""
    from bot.ingest import ingest_inputs

    outcomes = await ingest_inputs(db, [str(SAMPLES_DIR)])
    assert [o.status for o in outcomes] == ["stored"] * 5
    return db


def database_url(db: Database) -> str:
    """DATABASE_URL for a process or Settings that must open the same database as `db`."""
    return db.url if db.dialect == "postgresql" else f"sqlite:///{db.url}"


def run_newsbot(*args: str, db_path: Path, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the real `python -m bot` command against a database file."""
    full_env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}", "BOT_TOKEN": "", **env}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=PROJECT_ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
