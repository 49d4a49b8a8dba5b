"""Which `newsbot run` process is the leader: the one that runs digest schedules and feed polling.

PostgreSQL: the process holding a session-level advisory lock (LEADER_LOCK) on a connection of its
own, kept open for as long as it leads. The lock belongs to that session: when the leader dies its
connection drops, the server ends the session and the lock is free for the next worker that tries.
TCP keepalives on that connection let the server notice a leader whose machine vanished (no FIN)
within half a minute. SQLite: one process serves the database, so it always leads.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

import asyncpg

from storage.db import POSTGRESQL, Database

LEADER_LOCK = 7_243_114_003  # beside WRITE_LOCK and MIGRATION_LOCK of storage/postgres.py
CHECK_TIMEOUT = 5.0
KEEPALIVES = {"tcp_keepalives_idle": "10", "tcp_keepalives_interval": "5", "tcp_keepalives_count": "3"}

log = logging.getLogger(__name__)


class LeaderLock:
    """Always held (SQLite). `on_lost` is called at once when a held lock is lost."""

    def __init__(self) -> None:
        self.held = False
        self.on_lost: Callable[[], None] | None = None

    @staticmethod
    def for_database(db: Database) -> LeaderLock:
        return PgLeaderLock(db.url) if db.dialect == POSTGRESQL else LeaderLock()

    async def try_acquire(self) -> bool:
        self.held = True
        return True

    async def still_held(self) -> bool:
        return self.held

    async def close(self) -> None:
        self.held = False

    def lost(self) -> None:
        if self.held:
            self.held = False
            if self.on_lost is not None:
                self.on_lost()


class PgLeaderLock(LeaderLock):
    """`pg_try_advisory_lock` on a dedicated connection."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.conn: asyncpg.Connection | None = None

    async def try_acquire(self) -> bool:
        if self.held:
            return True
        if self.conn is None or self.conn.is_closed():
            self.conn = await asyncpg.connect(
                self.url, timeout=10, server_settings={"application_name": "newsbot-leader", **KEEPALIVES}
            )
            self.conn.add_termination_listener(lambda _conn: self.lost())
        self.held = bool(await self.conn.fetchval("SELECT pg_try_advisory_lock($1)", LEADER_LOCK))
        return self.held

    async def still_held(self) -> bool:
        """True while the lock's connection answers (a session lock lasts as long as its session)."""
        if not self.held or self.conn is None:
            return False
        try:
            await self.conn.fetchval("SELECT 1", timeout=CHECK_TIMEOUT)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError) as exc:
            log.warning("leader: the lock's connection failed (%s)", exc)
            self.lost()
            if self.conn is not None:
                self.conn.terminate()
                self.conn = None
        return self.held

    async def close(self) -> None:
        """Let the lock go (closing the session does), e.g. when the process stops."""
        self.held = False
        if self.conn is not None:
            with contextlib.suppress(Exception):
                await self.conn.close(timeout=CHECK_TIMEOUT)
            self.conn = None
