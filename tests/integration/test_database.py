"""Opening the database while another process holds it, and failing cleanly."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from storage.db import Database, turn_on_wal
from tests.conftest import run_newsbot


async def test_open_waits_for_a_process_that_is_creating_the_file(tmp_path: Path) -> None:
    """Turning WAL on needs the file alone, and SQLite does not wait for it by itself."""
    path = tmp_path / "new.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN")
    holder.execute("SELECT * FROM t").fetchall()  # a reader of the new file, as another process opening it
    release = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    release.start()
    db = await Database.open(path)
    try:
        assert await db.scalar("PRAGMA journal_mode") == "wal"
        assert await db.schema_version() >= 1
    finally:
        await db.close()
        release.join()
        holder.close()


def test_a_file_that_is_not_a_database_gets_a_clear_message_and_the_process_ends(tmp_path: Path) -> None:
    path = tmp_path / "not-a-database.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    done = run_newsbot("latest", db_path=path, timeout=60)  # a connection left open would keep it alive
    assert done.returncode == 2
    assert "Ошибка базы данных" in done.stderr and "Traceback" not in done.stderr
    assert path.read_bytes() == b"this is not sqlite" * 100  # left as it was


class LockedAtFirst:
    """A connection whose first `PRAGMA journal_mode = WAL` calls meet another process's lock."""

    def __init__(self, failures: int, error: str = "database is locked") -> None:
        self.failures, self.error, self.calls = failures, error, 0

    async def execute(self, sql: str) -> None:
        self.calls += 1
        if self.calls <= self.failures:
            raise sqlite3.OperationalError(self.error)


async def test_turning_wal_on_is_retried_while_the_file_is_locked() -> None:
    """Two processes creating the database at once: SQLite answers one of them "locked" at once,
    without its busy timeout (seen in test_two_processes_write_the_same_database)."""
    conn = LockedAtFirst(failures=3)
    await turn_on_wal(conn)  # type: ignore[arg-type]
    assert conn.calls == 4


async def test_other_errors_are_not_retried() -> None:
    conn = LockedAtFirst(failures=1, error="disk I/O error")
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        await turn_on_wal(conn)  # type: ignore[arg-type]
    assert conn.calls == 1
