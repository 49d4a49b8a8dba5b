"""Subscriptions and their inverted index (table subscription_keys).

Each subscription is filed under the keys that can lead to it: for a keyword its stem and
lemma, one numbered term per keyword; for an organisation `org:<id>` (and its sub-bodies);
for a person `person:<surname>`. A text is matched by looking up the keys it offers
(`candidates`), never by looping over every subscription.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import aiosqlite

from storage.db import Database, now_iso

Kind = Literal["words", "org", "person"]


@dataclass(frozen=True)
class Subscription:
    id: int
    chat_id: int
    query: str
    kind: Kind
    target: str | None


@dataclass(frozen=True)
class NewSubscription:
    query: str  # as shown to the user
    kind: Kind
    target: str | None
    terms: list[set[str]]  # the keys of each term; all terms must be hit


_COLUMNS = "s.id, s.chat_id, s.query, s.kind, s.target"


def _subscription(row: Sequence[object]) -> Subscription:
    return Subscription(int(row[0]), int(row[1]), str(row[2]), row[3], row[4])  # type: ignore[call-overload,arg-type]


async def add_subscription(conn: aiosqlite.Connection, chat_id: int, new: NewSubscription) -> bool:
    """True when added (or re-activated), False when the chat already has it. Inside a transaction."""
    async with conn.execute(
        "SELECT id, active FROM subscriptions WHERE chat_id = ? AND query = ?", (chat_id, new.query)
    ) as cur:
        row = await cur.fetchone()
    if row is not None and row[1]:
        return False
    if row is not None:
        sub_id = int(row[0])
        await conn.execute(
            "UPDATE subscriptions SET active = 1, kind = ?, target = ?, terms_needed = ? WHERE id = ?",
            (new.kind, new.target, len(new.terms), sub_id),
        )
        await conn.execute("DELETE FROM subscription_keys WHERE subscription_id = ?", (sub_id,))
    else:
        cur = await conn.execute(
            "INSERT INTO subscriptions (chat_id, query, kind, target, terms_needed, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (chat_id, new.query, new.kind, new.target, len(new.terms), now_iso()),
        )
        assert cur.lastrowid is not None
        sub_id = cur.lastrowid
    await conn.executemany(
        "INSERT OR IGNORE INTO subscription_keys (key, subscription_id, term_no) VALUES (?, ?, ?)",
        [(key, sub_id, term_no) for term_no, keys in enumerate(new.terms) for key in keys],
    )
    return True


async def remove_subscription(db: Database, chat_id: int, subscription_id: int) -> str | None:
    """The query of the removed subscription, or None when the chat has no such subscription."""
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT query FROM subscriptions WHERE id = ? AND chat_id = ?", (subscription_id, chat_id)
        ) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        await conn.execute("DELETE FROM subscriptions WHERE id = ?", (subscription_id,))
        return str(row[0])


async def find_subscription(db: Database, chat_id: int, query: str) -> Subscription | None:
    row = await db.fetchone(
        f"SELECT {_COLUMNS} FROM subscriptions s WHERE s.chat_id = ? AND s.query = ? AND s.active = 1",
        (chat_id, query),
    )
    return None if row is None else _subscription(row)


async def list_subscriptions(db: Database, chat_id: int) -> list[Subscription]:
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM subscriptions s WHERE s.chat_id = ? AND s.active = 1 ORDER BY s.created_at, s.id",
        (chat_id,),
    )
    return [_subscription(r) for r in rows]


async def count_subscriptions(db: Database, chat_id: int) -> int:
    return int(await db.scalar("SELECT count(*) FROM subscriptions WHERE chat_id = ? AND active = 1", (chat_id,)))


async def candidates(conn: aiosqlite.Connection, keys: Iterable[str]) -> list[Subscription]:
    """Active subscriptions whose every term is hit by one of `keys` (a superset of the real matches)."""
    key_list = sorted(set(keys))
    if not key_list:
        return []
    async with conn.execute(
        f"SELECT {_COLUMNS} FROM (SELECT subscription_id, count(DISTINCT term_no) AS hits FROM subscription_keys "
        "WHERE key IN (SELECT value FROM json_each(?)) GROUP BY subscription_id) h "
        "JOIN subscriptions s ON s.id = h.subscription_id "
        "WHERE s.active = 1 AND h.hits >= s.terms_needed ORDER BY s.chat_id, s.id",
        (json.dumps(key_list, ensure_ascii=False),),
    ) as cur:
        return [_subscription(r) for r in await cur.fetchall()]
