"""Writing articles, their events, organisations, people and statements."""

from __future__ import annotations

import re
from dataclasses import dataclass

import aiosqlite

from bot.news.models import ParsedArticle


@dataclass(frozen=True)
class StoredArticle:
    article_id: int
    event_id: int
    new_event: bool
    statement_ids: list[int]


async def find_duplicate(conn: aiosqlite.Connection, url: str, content_hash: str) -> str | None:
    """The url of an already stored article with this url or the same text, or None."""
    async with conn.execute(
        "SELECT url FROM articles WHERE url = ? OR content_hash = ? LIMIT 1", (url, content_hash)
    ) as cur:
        row = await cur.fetchone()
    return None if row is None else str(row[0])


async def create_event(conn: aiosqlite.Connection, parsed: ParsedArticle, sort_key: str, now: str) -> int:
    cur = await conn.execute(
        "INSERT INTO events (event_date, published_at, sort_key, title, location, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            (parsed.published_at or "")[:10] or None,
            parsed.published_at,
            sort_key,
            parsed.title,
            parsed.location,
            now,
        ),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


async def event_sort_key(conn: aiosqlite.Connection, event_id: int) -> str:
    async with conn.execute("SELECT sort_key FROM events WHERE id = ?", (event_id,)) as cur:
        row = await cur.fetchone()
    assert row is not None
    return str(row[0])


async def insert_article(
    conn: aiosqlite.Connection,
    parsed: ParsedArticle,
    url: str,
    content_hash: str,
    event_id: int,
    fetched_at: str,
    feed_id: int | None = None,
) -> int:
    cur = await conn.execute(
        "INSERT INTO articles (url, content_hash, event_id, title, published_at, source, location, lang, "
        "text, fetched_at, feed_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            url,
            content_hash,
            event_id,
            parsed.title,
            parsed.published_at,
            parsed.source,
            parsed.location,
            parsed.lang,
            parsed.text,
            fetched_at,
            feed_id,
        ),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


async def link_organizations(
    conn: aiosqlite.Connection, parsed: ParsedArticle, event_id: int, sort_key: str
) -> None:
    for org in parsed.organizations:
        await conn.execute(
            "INSERT INTO organizations (id, name, known) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (org.id, org.name, int(org.known)),
        )
        await conn.execute(
            "INSERT INTO event_organizations (event_id, org_id, mentions, sort_key) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (event_id, org_id) DO UPDATE SET mentions = mentions + excluded.mentions",
            (event_id, org.id, org.mentions, sort_key),
        )


async def upsert_person(
    conn: aiosqlite.Connection, name: str, surname: str, role: str | None, now: str
) -> int:
    async with conn.execute(
        "INSERT INTO people (name, surname, role, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET role = coalesce(excluded.role, people.role), "
        "updated_at = excluded.updated_at RETURNING id",
        (name, surname, role, now),
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    return int(row[0])


async def insert_statement(
    conn: aiosqlite.Connection,
    *,
    article_id: int,
    event_id: int,
    person_id: int | None,
    position: int,
    speaker: str,
    role: str | None,
    verb: str,
    text: str,
    direct_quote: bool,
    lemmas: str,
    sort_key: str,
    org_ids: list[str],
) -> int:
    cur = await conn.execute(
        "INSERT INTO statements (article_id, event_id, person_id, position, speaker, role, verb, text, "
        "direct_quote, lemmas, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article_id, event_id, person_id, position, speaker, role, verb, text, int(direct_quote), lemmas,
         sort_key),
    )
    assert cur.lastrowid is not None
    statement_id = cur.lastrowid
    for org_id in dict.fromkeys(org_ids):
        await conn.execute(
            "INSERT OR IGNORE INTO statement_organizations (statement_id, org_id) "
            "SELECT ?, id FROM organizations WHERE id = ?",
            (statement_id, org_id),
        )
    await conn.execute(
        "INSERT INTO search_index (lemmas, kind, event_id, statement_id) VALUES (?, 'statement', ?, ?)",
        (lemmas, event_id, statement_id),
    )
    await add_search_terms(conn, lemmas)
    return statement_id


async def index_article_text(conn: aiosqlite.Connection, event_id: int, lemmas: str) -> None:
    await conn.execute(
        "INSERT INTO search_index (lemmas, kind, event_id, statement_id) VALUES (?, 'article', ?, NULL)",
        (lemmas, event_id),
    )
    await add_search_terms(conn, lemmas)


async def add_search_terms(conn: aiosqlite.Connection, lemmas: str) -> None:
    """The tokens search_index makes of these lemmas (hyphenated words split), into search_terms."""
    tokens = {t for t in re.split(r"[\s\-]+", lemmas.lower()) if t}
    await conn.executemany("INSERT OR IGNORE INTO search_terms (term) VALUES (?)", [(t,) for t in tokens])


async def link_person(conn: aiosqlite.Connection, article_id: int, person_id: int, role: str | None) -> None:
    await conn.execute(
        "INSERT OR IGNORE INTO article_people (article_id, person_id, role) VALUES (?, ?, ?)",
        (article_id, person_id, role),
    )
