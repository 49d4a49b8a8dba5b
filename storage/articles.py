"""Writing articles, their events, organisations, people and statements."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.news.models import ParsedArticle
from bot.news.people import surname_of
from storage.db import POSTGRESQL, Connection, Cursor, Database, pack_text, search_tokens, values_in


@dataclass(frozen=True)
class StoredArticle:
    article_id: int
    event_id: int
    new_event: bool
    statement_ids: list[int]


async def find_duplicate(source: Connection | Database, url: str, content_hash: str) -> str | None:
    """The url of an already stored article with this url or the same text, or None."""
    sql = "SELECT url FROM articles WHERE url = ? OR content_hash = ? LIMIT 1"
    if isinstance(source, Database):
        rows = await source.fetchall(sql, (url, content_hash))
    else:
        rows = await source.execute_fetchall(sql, (url, content_hash))
    return next((str(r[0]) for r in rows), None)


async def create_event(conn: Connection, parsed: ParsedArticle, sort_key: str, now: str) -> int:
    cur = await conn.execute(
        "INSERT INTO events (event_date, published_at, sort_key, title, location, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        (
            (parsed.published_at or "")[:10] or None,
            parsed.published_at,
            sort_key,
            parsed.title,
            parsed.location,
            now,
        ),
    )
    return await _returned_id(cur)


async def insert_article(
    conn: Connection,
    parsed: ParsedArticle,
    url: str,
    content_hash: str,
    event_id: int,
    fetched_at: str,
    feed_id: int | None = None,
) -> int:
    cur = await conn.execute(
        "INSERT INTO articles (url, content_hash, event_id, title, published_at, source, location, lang, "
        "text, fetched_at, feed_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
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
    return await _returned_id(cur)


async def _returned_id(cur: Cursor) -> int:
    row = await cur.fetchone()
    assert row is not None
    return int(row[0])


async def link_organizations(
    conn: Connection, parsed: ParsedArticle, event_id: int, sort_key: str
) -> None:
    await conn.executemany(
        "INSERT INTO organizations (id, name, known) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
        [(org.id, org.name, int(org.known)) for org in parsed.organizations],
    )
    await conn.executemany(
        "INSERT INTO event_organizations (event_id, org_id, mentions, sort_key, participant) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id, org_id) DO UPDATE SET "
        "mentions = event_organizations.mentions + excluded.mentions, "
        "participant = CASE WHEN excluded.participant > event_organizations.participant "
        "THEN excluded.participant ELSE event_organizations.participant END",
        [(event_id, org.id, org.mentions, sort_key, int(org.participant)) for org in parsed.organizations],
    )


async def store_people(conn: Connection, parsed: ParsedArticle, article_id: int, now: str) -> dict[str, int]:
    """The people the article names (linked to it) and its speakers: their ids by name.
    Each is upserted in text order, people first, so the latest role seen wins as before."""
    rows = [(p.name, surname_of(p.name), p.role, now) for p in parsed.people]
    named = {p.name for p in parsed.people}
    for st in parsed.statements:
        if st.speaker not in named:
            named.add(st.speaker)
            rows.append((st.speaker, surname_of(st.speaker), st.role, now))
    if not rows:
        return {}
    await conn.executemany(
        "INSERT INTO people (name, surname, role, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET role = coalesce(excluded.role, people.role), "
        "updated_at = excluded.updated_at",
        rows,
    )
    names_sql, names = values_in(conn.dialect, sorted(named), "text")
    found = await conn.execute_fetchall(f"SELECT name, id FROM people WHERE name IN {names_sql}", names)
    ids = {str(r[0]): int(r[1]) for r in found}
    await conn.executemany(
        "INSERT INTO article_people (article_id, person_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(article_id, ids[p.name], p.role) for p in parsed.people],
    )
    return ids


async def next_ids(conn: Connection) -> tuple[int, int]:
    """The next free statement id and search row id. Taken inside the write transaction (BEGIN
    IMMEDIATE holds the write lock), so the rows of one article go in with one executemany each."""
    (row,) = await conn.execute_fetchall(
        "SELECT (SELECT coalesce(max(id), 0) FROM statements), (SELECT coalesce(max(id), 0) FROM search_rows)"
    )
    return int(row[0]) + 1, int(row[1]) + 1


async def insert_statements(
    conn: Connection,
    parsed: ParsedArticle,
    *,
    article_id: int,
    event_id: int,
    person_ids: dict[str, int],
    sort_key: str,
    first_id: int,
) -> list[int]:
    """The article's statements, numbered from `first_id`, with their organisations."""
    ids = list(range(first_id, first_id + len(parsed.statements)))
    await conn.executemany(
        "INSERT INTO statements (id, article_id, event_id, person_id, position, speaker, role, verb, text, "
        "direct_quote, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (sid, article_id, event_id, person_ids.get(st.speaker), position, st.speaker, st.role, st.verb,
             st.text, int(st.direct_quote), sort_key)
            for position, (sid, st) in enumerate(zip(ids, parsed.statements, strict=True))
        ],
    )
    await conn.executemany(
        "INSERT INTO statement_organizations (statement_id, org_id) "
        "SELECT ?, id FROM organizations WHERE id = ? ON CONFLICT DO NOTHING",
        [
            (sid, org_id)
            for sid, st in zip(ids, parsed.statements, strict=True)
            for org_id in dict.fromkeys(st.organizations)
        ],
    )
    return ids


async def index_texts(
    conn: Connection, event_id: int, texts: list[tuple[int | None, str]], first_id: int
) -> None:
    """Index (statement id or None for the article's title and body, lemmas) rows, numbered from
    `first_id`: search_rows keeps them, search_index their tokens, search_terms the vocabulary."""
    rows = [(first_id + n, statement_id, lemmas) for n, (statement_id, lemmas) in enumerate(texts)]
    await conn.executemany(
        "INSERT INTO search_rows (id, event_id, statement_id, lemmas) VALUES (?, ?, ?, ?)",
        [(row_id, event_id, statement_id, pack_text(lemmas)) for row_id, statement_id, lemmas in rows],
    )
    if conn.dialect == POSTGRESQL:
        await conn.executemany(
            "INSERT INTO search_index (rowid, tokens) VALUES (?, ?)",
            [(row_id, search_tokens(lemmas)) for row_id, _, lemmas in rows],
        )
    else:
        await conn.executemany(
            "INSERT INTO search_index (rowid, lemmas) VALUES (?, ?)", [(row_id, lemmas) for row_id, _, lemmas in rows]
        )
    await add_search_terms(conn, " ".join(lemmas for _, lemmas in texts))


async def add_search_terms(conn: Connection, lemmas: str) -> None:
    """The tokens search_index makes of these lemmas (hyphenated words split), into search_terms."""
    tokens = {t for t in re.split(r"[\s\-]+", lemmas.lower()) if t}
    await conn.executemany(
        "INSERT INTO search_terms (term) VALUES (?) ON CONFLICT DO NOTHING", [(t,) for t in sorted(tokens)]
    )
