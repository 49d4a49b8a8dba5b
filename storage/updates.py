"""Telegram updates taken once, and the webhook secret last set: plain SQL valid on SQLite and PostgreSQL.

An update is claimed by inserting its id; the worker whose insert went in answers it, any other
(Telegram retrying, a second worker given the same update) finds the id there and drops it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.db import Database, now_iso

KEEP_UPDATES = timedelta(days=2)
WEBHOOK_SECRET_KEY = "webhook_secret_sha256"


async def claim_update(db: Database, update_id: int) -> bool:
    """True for the first caller with this update id (in any process on the database), False after.
    The unique key settles a race by itself: no need to wait for the writers' turn."""
    async with db.transaction(shared=True) as conn:
        cur = await conn.execute(
            "INSERT INTO processed_updates (update_id, received_at) VALUES (?, ?) ON CONFLICT (update_id) DO NOTHING",
            (update_id, now_iso()),
        )
        return cur.rowcount > 0


async def forget_old_updates(db: Database, keep: timedelta = KEEP_UPDATES) -> int:
    """Delete the claims older than `keep`; how many were deleted."""
    cutoff = (datetime.now(UTC) - keep).isoformat(timespec="seconds")
    async with db.transaction() as conn:
        cur = await conn.execute("DELETE FROM processed_updates WHERE received_at < ?", (cutoff,))
        return cur.rowcount


async def webhook_secret_digest(db: Database) -> str | None:
    """The SHA-256 (hex) of the secret last given to setWebhook; Telegram never tells it back."""
    value = await db.scalar("SELECT value FROM settings_kv WHERE key = ?", (WEBHOOK_SECRET_KEY,))
    return None if value is None else str(value)


async def remember_webhook_secret(db: Database, digest: str) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO settings_kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (WEBHOOK_SECRET_KEY, digest),
        )
