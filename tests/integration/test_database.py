"""Opening the database while another process holds it, and failing cleanly."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from storage.db import Database
from storage.sqlite import turn_on_wal
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


async def test_reads_do_not_wait_for_an_open_write_transaction(sample_db: Database) -> None:
    """The bot's queries run on the read connection: a write transaction held open (an ingest, a
    digest write) neither delays them nor shows them its uncommitted rows."""
    import asyncio
    import time

    from bot import services

    before = [e.id for e in (await services.latest(sample_db, 5)).items]
    holding, release = asyncio.Event(), asyncio.Event()

    async def slow_writer() -> None:
        async with sample_db.transaction() as conn:
            await conn.execute("DELETE FROM event_organizations")
            await conn.execute("UPDATE events SET sort_key = '1900-01-01T00:00'")
            holding.set()
            await release.wait()
            raise RuntimeError("rolled back")

    writer = asyncio.create_task(slow_writer())
    await holding.wait()
    start = time.perf_counter()
    page = await services.latest(sample_db, 5)
    waited = time.perf_counter() - start
    release.set()
    with pytest.raises(RuntimeError):
        await writer
    assert [e.id for e in page.items] == before and all(e.organizations for e in page.items)
    assert waited < 1.0
    if sample_db.dialect == "sqlite":  # PostgreSQL's reads and writes share one pool
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await sample_db.fetchall("DELETE FROM events")  # the read connection cannot write


async def test_commits_leave_the_wal_to_the_background_checkpointer(tmp_path: Path) -> None:
    """No checkpoint inside a commit (SQLite's automatic one is off); the checkpointer copies the
    WAL back into the file on its own connection, and its task does so by itself."""
    import asyncio

    from bot.ingest import ingest_inputs
    from storage.sqlite import Checkpointer
    from tests.conftest import SAMPLES_DIR

    db = await Database.open(tmp_path / "db.sqlite3", checkpoint=False)
    try:
        assert (await (await db.conn.execute("PRAGMA wal_autocheckpoint")).fetchone())[0] == 0
        await ingest_inputs(db, [str(SAMPLES_DIR)])
        rows = [(f"k{i}", "x" * 3000) for i in range(1500)]  # more pages than an automatic checkpoint allows
        async with db.transaction() as conn:
            await conn.executemany("INSERT INTO settings_kv VALUES (?, ?)", rows)
        checkpointer = await Checkpointer.start(db.path, db.write_lock, every=0.05)
        busy, frames, copied = await checkpointer.checkpoint()
        assert busy == 0 and frames > 1000 and copied == frames  # every commit so far was left in the WAL
        runs = checkpointer.runs
        await asyncio.sleep(0.3)
        assert checkpointer.runs > runs  # the background task runs on its own
        await checkpointer.stop()
        assert await db.scalar("SELECT count(*) FROM settings_kv WHERE key LIKE 'k%'") == 1500
    finally:
        await db.close()


async def test_the_wal_starts_over_under_a_steady_stream_of_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A passive checkpoint alone never catches up with a writer that never stops, and the WAL
    would grow without end (2.5 GB while building 20,000 articles): past the limit, the
    checkpointer finishes the job while this process's writers wait."""
    import asyncio

    from storage import sqlite as db_module

    monkeypatch.setattr(db_module, "WAL_SIZE_LIMIT", 1024 * 1024)
    db = await Database.open(tmp_path / "db.sqlite3", checkpoint=False)
    db.checkpointer = await db_module.Checkpointer.start(db.path, db.write_lock, every=0.02)
    try:
        largest = 0
        for i in range(1500):  # ~18 MB of pages written, one small transaction after another
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO settings_kv VALUES (?, ?)", (f"k{i}", "x" * 6000))
            largest = max(largest, db_module.wal_bytes(db.path))
            await asyncio.sleep(0.001)  # an ingest's pace: it parses between its writes
        assert db.checkpointer.runs > 10
        assert largest < 8 * 1024 * 1024, largest
        assert await db.scalar("SELECT count(*) FROM settings_kv WHERE key LIKE 'k%'") == 1500
    finally:
        await db.close()
