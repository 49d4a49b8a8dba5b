"""The outbox: messages to send, written in the same transaction as what caused them.

A row is `pending` until Telegram accepted it (`sent`) or it can never be delivered (`dead`).
`dedupe_key` is unique, so the same alert or digest part is never queued twice.

Any number of delivery workers share it. A worker claims the oldest due message of a chat
(`claim_heads`: FOR UPDATE SKIP LOCKED on PostgreSQL, so two workers never take the same row) for a
lease; the rows of a worker killed mid-way go out again once its lease lapses. Telegram's limits are
kept here too, so that they hold across workers: `chat_pace` (when each chat may get its next
message) and `send_pace` (the next slot of the global limit, `reserve_slot`). Their times are Unix
seconds (float), the outbox's own ISO text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from storage.db import POSTGRESQL, Connection, Database, now_iso, values_in


@dataclass(frozen=True)
class Limits:
    """Telegram's limits."""

    per_second: float = 30.0  # all chats together
    chat_interval: float = 1.0  # seconds between two messages to one chat
    group_per_minute: int = 20  # groups and channels (negative chat ids) …
    group_window: float = 60.0  # … within this many seconds


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


def at_iso(unix: float) -> str:
    return utc_iso(datetime.fromtimestamp(unix, UTC))


CLAIMABLE_HEADS = (
    "SELECT o.id, o.chat_id, o.kind, o.text, o.attempts FROM outbox o "
    "WHERE o.status = 'pending' AND o.next_attempt_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until < ?) "
    "AND o.id = (SELECT min(p.id) FROM outbox p WHERE p.status = 'pending' AND p.chat_id = o.chat_id) "
    "AND NOT EXISTS (SELECT 1 FROM chat_pace c WHERE c.chat_id = o.chat_id AND c.free_at > ?) "
    "ORDER BY o.id LIMIT ?"
)


async def claim_heads(db: Database, worker: str, now: float, lease: float, limit: int) -> list[OutboxMessage]:
    """Claim, until `now + lease`, up to `limit` messages that may go now: the oldest pending
    message of each chat whose chat is free, when due and not claimed by a live lease; oldest first.

    A chat's later messages wait while its first is claimed or backs off, so a chat's messages go
    out in order whichever worker sends them."""
    lock = " FOR UPDATE OF o SKIP LOCKED" if db.dialect == POSTGRESQL else ""  # SQLite: one writer anyway
    async with db.transaction(shared=True) as conn:
        rows = await conn.execute_fetchall(CLAIMABLE_HEADS + lock, (at_iso(now), now, now, limit))
        if rows:
            ids_sql, ids = values_in(conn.dialect, [int(r[0]) for r in rows], "bigint")
            claim = f"UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id IN {ids_sql}"
            await conn.execute(claim, (worker, now + lease, *ids))
    return [OutboxMessage(int(r[0]), int(r[1]), str(r[2]), str(r[3]), int(r[4])) for r in rows]


async def release(db: Database, message_ids: list[int], worker: str) -> None:
    """Give claimed messages back unsent (another worker may take them at once)."""
    if not message_ids:
        return
    async with db.transaction(shared=True) as conn:
        ids_sql, ids = values_in(conn.dialect, message_ids, "bigint")
        await conn.execute(
            f"UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ? AND id IN {ids_sql}",
            (worker, *ids),
        )


async def release_all(db: Database) -> int:
    """Give back every claim: on SQLite, where one process delivers, claims found at its start are
    those of a process that died; how many there were."""
    async with db.transaction(shared=True) as conn:
        cur = await conn.execute(
            "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL "
            "WHERE status = 'pending' AND claimed_until IS NOT NULL"
        )
        return cur.rowcount


async def reserve_slot(db: Database, now: float, interval: float) -> float:
    """The next free slot of the global limit, taken: when this worker may send (Unix seconds).
    Slots are `interval` apart, whichever worker takes them."""
    async with db.transaction(shared=True) as conn:
        (row,) = await conn.execute_fetchall(
            "INSERT INTO send_pace (name, next_at) VALUES ('all', ?) ON CONFLICT (name) DO UPDATE SET next_at = "
            "CASE WHEN send_pace.next_at > ? THEN send_pace.next_at + ? ELSE excluded.next_at END RETURNING next_at",
            (now + interval, now, interval),
        )
    return float(row[0]) - interval


def next_chat_pace(recent: str, at: float, chat_id: int, limits: Limits) -> tuple[float, str]:
    """(when the chat may get its next message, its sends to remember) after a send at `at`:
    a second later, and for a group or channel not before its 20th-last send is a minute old."""
    free_at = at + limits.chat_interval
    if chat_id >= 0:
        return free_at, ""
    times = [float(t) for t in recent.split()][-(limits.group_per_minute - 1) :] if limits.group_per_minute > 1 else []
    times.append(at)
    if len(times) >= limits.group_per_minute:
        free_at = max(free_at, times[-limits.group_per_minute] + limits.group_window)
    return free_at, " ".join(f"{t:.3f}" for t in times)


async def hold_chat(conn: Connection, chat_id: int, free_at: float, recent: str | None = None) -> None:
    """The chat gets nothing before `free_at` (the later of this and what was set); `recent`, when
    given, replaces the times of its last sends."""
    keep_recent = "excluded.recent" if recent is not None else "chat_pace.recent"
    await conn.execute(
        "INSERT INTO chat_pace (chat_id, free_at, recent) VALUES (?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET "
        "free_at = CASE WHEN excluded.free_at > chat_pace.free_at THEN excluded.free_at ELSE chat_pace.free_at END, "
        f"recent = {keep_recent}",
        (chat_id, free_at, recent or ""),
    )


async def forget_idle_chats(db: Database, before: float) -> int:
    """Drop the pace of chats free since before `before` (Unix seconds): a chat without a row is free."""
    async with db.transaction(shared=True) as conn:
        cur = await conn.execute("DELETE FROM chat_pace WHERE free_at < ?", (before,))
        return cur.rowcount


async def pending_for_chat(db: Database, chat_id: int) -> list[OutboxMessage]:
    """One chat's pending messages, oldest first."""
    rows = await db.fetchall(
        "SELECT id, chat_id, kind, text, attempts FROM outbox WHERE status = 'pending' AND chat_id = ? ORDER BY id",
        (chat_id,),
    )
    return [OutboxMessage(int(r[0]), int(r[1]), str(r[2]), str(r[3]), int(r[4])) for r in rows]


@dataclass(frozen=True)
class Sent:
    """When a message to `chat_id` was accepted, for the chat's pace."""

    chat_id: int
    at: float
    limits: Limits


async def mark_sent(db: Database, message_id: int, sent: Sent | None = None) -> None:
    """Telegram accepted it; with `sent`, the chat's pace moves on. Only the worker holding the
    message's claim writes these rows, so the transaction is shared (no turn with ingests)."""
    async with db.transaction(shared=True) as conn:
        await conn.execute(
            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL, "
            "claimed_until = NULL WHERE id = ?",  # claimed_by stays: the worker that sent it
            (now_iso(), message_id),
        )
        if sent is not None:
            recent = ""
            if sent.chat_id < 0:
                rows = await conn.execute_fetchall("SELECT recent FROM chat_pace WHERE chat_id = ?", (sent.chat_id,))
                recent = str(rows[0][0]) if rows else ""
            free_at, recent = next_chat_pace(recent, sent.at, sent.chat_id, sent.limits)
            await hold_chat(conn, sent.chat_id, free_at, recent)


async def mark_retry(db: Database, message_id: int, delay: float, error: str, chat_id: int | None = None) -> None:
    """Try again in `delay` seconds (and, with `chat_id`, send that chat nothing else before)."""
    now = datetime.now(UTC)
    async with db.transaction(shared=True) as conn:
        await conn.execute(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, "
            "claimed_by = NULL, claimed_until = NULL WHERE id = ?",
            (utc_iso(now + timedelta(seconds=delay)), error[:500], message_id),
        )
        if chat_id is not None:
            await hold_chat(conn, chat_id, now.timestamp() + delay)


async def mark_dead(db: Database, message_id: int, error: str) -> None:
    async with db.transaction(shared=True) as conn:
        await conn.execute(
            "UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ?, "
            "claimed_by = NULL, claimed_until = NULL WHERE id = ?",
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
        await conn.execute(
            "UPDATE outbox SET chat_id = ?, claimed_by = NULL, claimed_until = NULL WHERE chat_id = ? "
            "AND status = 'pending'",
            (new_id, old_id),
        )


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
