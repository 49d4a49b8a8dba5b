"""Subscriptions, the queries they ask (stored once however many chats ask them) and the
inverted index of those queries (table alert_query_keys).

Each query is filed under the keys that can lead to it: for a keyword its stem and lemma, one
numbered term per keyword; for an organisation `org:<id>` (and its sub-bodies); for a person
`person:<surname>`. A text is matched by looking up the keys it offers (`candidate_queries`),
never by looping over every subscription; the chats come after (`subscribers`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from storage.db import Connection, Database, now_iso, values_in

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
    compiled: str | None = None  # words: the parsed query (bot.news.matcher.Query.to_json)

    @property
    def match_text(self) -> str:
        return match_text(self.kind, self.query, self.target)


def match_text(kind: Kind, query: str, target: str | None) -> str:
    """What decides a match: the words, or the organisation id or surname."""
    return query if kind == "words" or target is None else target


@dataclass(frozen=True)
class AlertQuery:
    """What one or more subscriptions ask for; `text` as in NewSubscription.match_text."""

    id: int
    kind: Kind
    text: str
    compiled: str | None = None


_COLUMNS = "s.id, s.chat_id, s.query, s.kind, s.target"


def _subscription(row: Sequence[object]) -> Subscription:
    return Subscription(int(row[0]), int(row[1]), str(row[2]), row[3], row[4])  # type: ignore[call-overload,arg-type]


async def add_subscription(conn: Connection, chat_id: int, new: NewSubscription) -> bool:
    """True when added (or re-activated), False when the chat already has it. Inside a transaction."""
    query_id = await _query_id(conn, new)
    async with conn.execute(
        "SELECT id, active FROM subscriptions WHERE chat_id = ? AND query = ?", (chat_id, new.query)
    ) as cur:
        row = await cur.fetchone()
    if row is not None and row[1]:
        return False
    if row is not None:
        await conn.execute(
            "UPDATE subscriptions SET active = 1, kind = ?, target = ?, query_id = ? WHERE id = ?",
            (new.kind, new.target, query_id, row[0]),
        )
    else:
        await conn.execute(
            "INSERT INTO subscriptions (chat_id, query, kind, target, query_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (chat_id, new.query, new.kind, new.target, query_id, now_iso()),
        )
    return True


async def _query_id(conn: Connection, new: NewSubscription) -> int:
    """The stored query the subscription asks; stored with its keys the first time it is asked.
    The keys are filed anew each time: the catalogue may have grown (an organisation's sub-bodies)."""
    async with conn.execute(
        "INSERT INTO alert_queries (kind, text, terms_needed, compiled) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (kind, text) DO UPDATE SET terms_needed = excluded.terms_needed, compiled = excluded.compiled "
        "RETURNING id",
        (new.kind, new.match_text, len(new.terms), new.compiled),
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    query_id = int(row[0])
    await conn.execute("DELETE FROM alert_query_keys WHERE query_id = ?", (query_id,))
    await conn.executemany(
        "INSERT INTO alert_query_keys (key, query_id, term_no) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(key, query_id, term_no) for term_no, keys in enumerate(new.terms) for key in keys],
    )
    return query_id


async def remove_subscription(db: Database, chat_id: int, subscription_id: int) -> str | None:
    """The query of the removed subscription, or None when the chat has no such subscription."""
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT query, query_id FROM subscriptions WHERE id = ? AND chat_id = ?", (subscription_id, chat_id)
        ) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        await conn.execute("DELETE FROM subscriptions WHERE id = ?", (subscription_id,))
        await conn.execute(  # a query no chat asks any more leaves the index
            "DELETE FROM alert_queries WHERE id = ? AND NOT EXISTS (SELECT 1 FROM subscriptions WHERE query_id = ?)",
            (row[1], row[1]),
        )
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


async def any_subscription(conn: Connection | Database) -> bool:
    """Whether any chat has an active subscription (else an article needs no alert matching)."""
    sql = "SELECT EXISTS (SELECT 1 FROM subscriptions WHERE active = 1)"
    if isinstance(conn, Database):
        return bool(await conn.scalar(sql))
    return any(row[0] for row in await conn.execute_fetchall(sql))


async def candidate_queries(conn: Connection, keys: Iterable[str]) -> list[AlertQuery]:
    """Queries whose every term is hit by one of `keys` (a superset of the real matches)."""
    key_list = sorted(set(keys))
    if not key_list:
        return []
    keys_sql, keys_param = values_in(conn.dialect, key_list, "text")
    rows = await conn.execute_fetchall(
        "SELECT q.id, q.kind, q.text, q.compiled FROM "
        f"(SELECT query_id, count(DISTINCT term_no) AS hits FROM alert_query_keys WHERE key IN {keys_sql} "
        "GROUP BY query_id) h JOIN alert_queries q ON q.id = h.query_id WHERE h.hits >= q.terms_needed",
        keys_param,
    )
    return [AlertQuery(int(r[0]), r[1], str(r[2]), r[3]) for r in rows]


# A chat asking a query, all an alert needs of its subscription: (chat id, subscription id, the
# query as the chat typed it, query id). Plain tuples: a popular query brings thousands per article.
Subscriber = tuple[int, int, str, int]


async def subscribers(conn: Connection, query_ids: Iterable[int]) -> list[Subscriber]:
    """Every active subscription asking one of the queries, by chat and subscription id."""
    ids = sorted(set(query_ids))
    if not ids:
        return []
    ids_sql, ids_param = values_in(conn.dialect, ids, "bigint")
    rows = await conn.execute_fetchall(
        f"SELECT chat_id, id, query, query_id FROM subscriptions WHERE query_id IN {ids_sql} AND active = 1", ids_param
    )
    found: list[Subscriber] = [tuple(r) for r in rows]
    found.sort()  # cheaper here than a temporary B-tree in SQL
    return found
