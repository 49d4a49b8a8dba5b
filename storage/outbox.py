"""The outbox: messages to send, written in the same transaction as what caused them.

A row is `pending` until Telegram accepted it (`sent`) or it can never be delivered (`dead`).
`dedupe_key` is unique, so the same alert or digest part is never queued twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from storage.db import Connection, Database, now_iso, values_in


@dataclass(frozen=True)
class OutboxMessage:
    id: int
    chat_id: int
    kind: str
    text: str
    attempts: int


def utc_iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


async def enqueue(conn: Connection, chat_id: int, kind: str, dedupe_key: str, text: str) -> bool:
    """Queue one message inside the caller's transaction; False when `dedupe_key` was queued before."""
    now = now_iso()
    cur = await conn.execute(
        "INSERT INTO outbox (chat_id, kind, dedupe_key, text, next_attempt_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING",
        (chat_id, kind, dedupe_key, text, now, now),
    )
    return cur.rowcount > 0


async def enqueue_many(conn: Connection, kind: str, messages: list[tuple[int, str, str]]) -> int:
    """Queue (chat id, dedupe key, text) messages at once; returns how many were new."""
    now = now_iso()
    keys = sorted({key for _, key, _ in messages})
    keys_sql, keys_param = values_in(conn.dialect, keys, "text")
    (known,) = await conn.execute_fetchall(f"SELECT count(*) FROM outbox WHERE dedupe_key IN {keys_sql}", keys_param)
    await conn.executemany(
        "INSERT INTO outbox (chat_id, kind, dedupe_key, text, next_attempt_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING",
        [(chat_id, kind, key, text, now, now) for chat_id, key, text in messages],
    )
    return len(keys) - int(known[0])


async def due_heads(db: Database, now: str, limit: int) -> list[OutboxMessage]:
    """The oldest pending message of each chat, when it is due; oldest first.

    A chat's messages go out in order: a later one waits while the first backs off."""
    rows = await db.fetchall(
        "SELECT o.id, o.chat_id, o.kind, o.text, o.attempts FROM outbox o JOIN "
        "(SELECT min(id) AS id FROM outbox WHERE status = 'pending' GROUP BY chat_id) h ON h.id = o.id "
        "WHERE o.next_attempt_at <= ? ORDER BY o.id LIMIT ?",
        (now, limit),
    )
    return [OutboxMessage(int(r[0]), int(r[1]), str(r[2]), str(r[3]), int(r[4])) for r in rows]


async def pending_for_chat(db: Database, chat_id: int) -> list[OutboxMessage]:
    """One chat's pending messages, oldest first."""
    rows = await db.fetchall(
        "SELECT id, chat_id, kind, text, attempts FROM outbox WHERE status = 'pending' AND chat_id = ? ORDER BY id",
        (chat_id,),
    )
    return [OutboxMessage(int(r[0]), int(r[1]), str(r[2]), str(r[3]), int(r[4])) for r in rows]


async def mark_sent(db: Database, message_id: int) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
            (now_iso(), message_id),
        )


async def mark_retry(db: Database, message_id: int, delay: float, error: str) -> None:
    later = utc_iso(datetime.now(UTC) + timedelta(seconds=delay))
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
            (later, error[:500], message_id),
        )


async def mark_dead(db: Database, message_id: int, error: str) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ? WHERE id = ?",
            (error[:500], message_id),
        )


async def deactivate_chat(db: Database, chat_id: int, reason: str) -> None:
    """The chat is gone (bot blocked or kicked, chat not found): stop its alerts, digests and messages."""
    async with db.transaction() as conn:
        await conn.execute("UPDATE chats SET active = 0, updated_at = ? WHERE id = ?", (now_iso(), chat_id))
        await conn.execute("UPDATE subscriptions SET active = 0 WHERE chat_id = ?", (chat_id,))
        await conn.execute("UPDATE digest_schedules SET active = 0 WHERE chat_id = ?", (chat_id,))
        await conn.execute(
            "UPDATE outbox SET status = 'dead', last_error = ? WHERE chat_id = ? AND status = 'pending'",
            (reason[:500], chat_id),
        )


async def move_chat(db: Database, old_id: int, new_id: int) -> None:
    """A group became a supergroup: its subscriptions, digest and pending messages follow it."""
    async with db.transaction() as conn:
        async with conn.execute("SELECT 1 FROM chats WHERE id = ?", (new_id,)) as cur:
            new_exists = await cur.fetchone() is not None
        if new_exists:
            # What the new chat already has wins; the old chat's rows go with it (ON DELETE CASCADE).
            await conn.execute(
                "UPDATE subscriptions SET chat_id = ? WHERE chat_id = ? AND query NOT IN "
                "(SELECT query FROM subscriptions WHERE chat_id = ?)",
                (new_id, old_id, new_id),
            )
            await conn.execute(
                "UPDATE digest_schedules SET chat_id = ? WHERE chat_id = ? AND NOT EXISTS "
                "(SELECT 1 FROM digest_schedules WHERE chat_id = ?)",
                (new_id, old_id, new_id),
            )
            await conn.execute("DELETE FROM chats WHERE id = ?", (old_id,))
        else:
            # ON UPDATE CASCADE carries subscriptions and the digest schedule along.
            await conn.execute(
                "UPDATE chats SET id = ?, type = 'supergroup', updated_at = ? WHERE id = ?",
                (new_id, now_iso(), old_id),
            )
        await conn.execute("UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND status = 'pending'", (new_id, old_id))


async def forget_old_texts(db: Database, before: datetime) -> int:
    """Sent and dead messages queued before `before` keep their row and dedupe key (a re-ingest or a
    new source of an old event must still not alert again) but not their text, most of the outbox's size."""
    async with db.transaction() as conn:
        cur = await conn.execute(
            "UPDATE outbox SET text = '' WHERE status != 'pending' AND created_at < ? AND text != ''",
            (utc_iso(before),),
        )
        return cur.rowcount


@dataclass(frozen=True)
class Backlog:
    pending: int
    due: int
    dead: int
    sent: int
    oldest_pending: str | None


async def backlog(db: Database) -> Backlog:
    row = await db.fetchone(
        "SELECT count(*) FILTER (WHERE status = 'pending'), "
        "count(*) FILTER (WHERE status = 'pending' AND next_attempt_at <= ?), "
        "count(*) FILTER (WHERE status = 'dead'), count(*) FILTER (WHERE status = 'sent'), "
        "min(CASE WHEN status = 'pending' THEN created_at END) FROM outbox",
        (now_iso(),),
    )
    assert row is not None
    return Backlog(int(row[0] or 0), int(row[1] or 0), int(row[2] or 0), int(row[3] or 0), row[4])
