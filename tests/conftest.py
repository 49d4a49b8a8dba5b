"""Shared fixtures: a real SQLite file per test, and the bundled sample articles."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot import DATA_DIR, PROJECT_ROOT
from storage.db import Database

SAMPLES_DIR = DATA_DIR / "articles"


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "test.sqlite3")
    yield database
    await database.close()


@pytest.fixture
async def sample_db(db: Database) -> Database:
    """A database with the five bundled sample articles ingested."""
    from bot.ingest import ingest_inputs

    outcomes = await ingest_inputs(db, [str(SAMPLES_DIR)])
    assert [o.status for o in outcomes] == ["stored"] * 5
    return db


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
