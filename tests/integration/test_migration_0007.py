"""Migration 0007 on a database made by the previous schema: nothing is lost, search answers the same.

The old database is built with migrations 0001–0006 and filled the way the code before 0007 stored
articles (statement lemmas in `statements` and in the FTS5 table, which kept the lemmas and
prefix indexes). The same articles stored by today's code into a new database are the reference.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bot import services
from bot.ingest import sort_key, store_parsed
from bot.news import parse
from bot.news.models import ArticleMeta, ParsedArticle
from bot.news.people import surname_of
from storage import queries
from storage.db import Database, available_migrations, unpack_text
from storage.sqlite import split_sql
from tests.benchmarks.corpus import make_corpus

QUERIES = ["вода", "ОБСЕ", "безопасность", "Казахстан", '"водных ресурсов"', "безопасность -ОБСЕ", "министр"]
COUNTED = ["articles", "events", "statements", "people", "organizations", "event_organizations",
           "statement_organizations", "article_people", "search_terms"]  # fmt: skip
FETCHED = datetime(2025, 12, 6, tzinfo=UTC)


def corpus() -> list[ParsedArticle]:
    """Parsed articles, each with a date (an undated one would sort by the time it is stored)."""
    parsed = [parse(text, ArticleMeta(url=f"https://old.example/{i}")) for i, text in enumerate(make_corpus(25))]
    return [replace(p, published_at=p.published_at or "2025-12-06") for p in parsed]


def old_schema(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT '')")
    for version, script in available_migrations():
        if version <= 6:
            for statement in split_sql(script):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
    return conn


def store_the_old_way(conn: sqlite3.Connection, parsed: ParsedArticle, n: int) -> None:
    """What bot.ingest.store_parsed wrote before migration 0007 (each article an event of its own)."""
    now = "2025-12-06T00:00:00+00:00"
    key = sort_key(parsed.published_at, FETCHED)
    event_id = conn.execute(
        "INSERT INTO events (event_date, published_at, sort_key, title, location, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        ((parsed.published_at or "")[:10] or None, parsed.published_at, key, parsed.title, parsed.location, now),
    ).lastrowid
    article_id = conn.execute(
        "INSERT INTO articles (url, content_hash, event_id, title, published_at, source, location, lang, text, "
        "fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (parsed.url, f"hash{n}", event_id, parsed.title, parsed.published_at, parsed.source, parsed.location,
         parsed.lang, parsed.text, now),
    ).lastrowid  # fmt: skip
    for org in parsed.organizations:
        conn.execute("INSERT OR IGNORE INTO organizations (id, name, known) VALUES (?, ?, ?)",
                     (org.id, org.name, int(org.known)))  # fmt: skip
        conn.execute("INSERT INTO event_organizations (event_id, org_id, mentions, sort_key) VALUES (?, ?, ?, ?)",
                     (event_id, org.id, org.mentions, key))  # fmt: skip
    upsert = (
        "INSERT INTO people (name, surname, role, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE "
        "SET role = coalesce(excluded.role, people.role), updated_at = excluded.updated_at RETURNING id"
    )
    ids = {}
    for person in parsed.people:
        ids[person.name] = conn.execute(upsert, (person.name, surname_of(person.name), person.role, now)).fetchone()[0]
        conn.execute("INSERT OR IGNORE INTO article_people VALUES (?, ?, ?)",
                     (article_id, ids[person.name], person.role))  # fmt: skip
    terms = set()
    for position, st in enumerate(parsed.statements):
        if st.speaker not in ids:
            ids[st.speaker] = conn.execute(upsert, (st.speaker, surname_of(st.speaker), st.role, now)).fetchone()[0]
        lemmas = " ".join(st.lemmas)
        statement_id = conn.execute(
            "INSERT INTO statements (article_id, event_id, person_id, position, speaker, role, verb, text, "
            "direct_quote, lemmas, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, event_id, ids[st.speaker], position, st.speaker, st.role, st.verb, st.text,
             int(st.direct_quote), lemmas, key),
        ).lastrowid  # fmt: skip
        for org_id in st.organizations:
            conn.execute("INSERT OR IGNORE INTO statement_organizations SELECT ?, id FROM organizations WHERE id = ?",
                         (statement_id, org_id))  # fmt: skip
        conn.execute("INSERT INTO search_index (lemmas, kind, event_id, statement_id) VALUES (?, 'statement', ?, ?)",
                     (lemmas, event_id, statement_id))  # fmt: skip
        terms.update(lemmas.replace("-", " ").split())
    body = " ".join(parsed.title_lemmas + parsed.body_lemmas)
    conn.execute("INSERT INTO search_index (lemmas, kind, event_id, statement_id) VALUES (?, 'article', ?, NULL)",
                 (body, event_id))  # fmt: skip
    terms.update(body.replace("-", " ").split())
    conn.executemany("INSERT OR IGNORE INTO search_terms VALUES (?)", [(t.lower(),) for t in terms])


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in COUNTED}
    finally:
        conn.close()


async def search_answers(db: Database) -> list[list[tuple[int, list[int]]]]:
    """Each query's answer: the events found, each with its matched statements."""
    answers = []
    for text in QUERIES:
        page = (await services.search(db, text, limit=20)).page
        answers.append([(hit.event.id, [st.id for st in hit.statements]) for hit in page.items])
    return answers


async def test_an_old_database_is_migrated_in_place_without_loss(tmp_path: Path) -> None:
    articles = corpus()
    old_path = tmp_path / "old.sqlite3"
    conn = old_schema(old_path)
    for n, parsed in enumerate(articles):
        store_the_old_way(conn, parsed, n)
    old_rows = conn.execute("SELECT rowid, event_id, statement_id, lemmas FROM search_index ORDER BY rowid").fetchall()
    old_statements = conn.execute("SELECT id, text, sort_key FROM statements ORDER BY id").fetchall()
    conn.close()
    before = counts(old_path)
    assert before["statements"] > 100 and len(old_rows) == before["statements"] + len(articles)
    shutil.copy(old_path, tmp_path / "copy.sqlite3")

    migrated = await Database.open(old_path)  # migrates in place
    fresh = await Database.open(tmp_path / "fresh.sqlite3")
    try:
        assert await migrated.schema_version() >= 7
        assert counts(old_path) == before
        rows = await migrated.fetchall("SELECT id, event_id, statement_id, lemmas FROM search_rows ORDER BY id")
        assert [(r[0], r[1], r[2], unpack_text(r[3])) for r in rows] == [tuple(r) for r in old_rows]
        statements = await migrated.fetchall("SELECT id, text, sort_key FROM statements ORDER BY id")
        assert [tuple(r) for r in statements] == old_statements
        columns = [r[1] for r in await migrated.fetchall("PRAGMA table_info(statements)")]
        assert "lemmas" not in columns  # stored once, in search_rows
        sql = await migrated.scalar("SELECT sql FROM sqlite_schema WHERE name = 'search_index'")
        assert "prefix" not in sql and "detail = none" in sql

        for parsed in articles:  # the same articles, stored by today's code
            await store_parsed(fresh, parsed, parsed.url or "", parsed.url or "", join_events=False)
        answers = await search_answers(migrated)
        assert answers == await search_answers(fresh)
        assert all(answers[:5]), answers  # the plain words and the phrase find something
        # The index finds the same rows as the old one did for each word.
        query = services.parse_query("безопасность")
        groups = query.token_groups({query.terms[0]: await services.word_family(migrated, query.terms[0])})
        _, (expression,) = queries.index_match("sqlite", groups)
        old = sqlite3.connect(tmp_path / "copy.sqlite3")
        old_hits = old.execute("SELECT event_id, statement_id FROM search_index WHERE search_index MATCH ? "
                               "ORDER BY rowid DESC", (expression,)).fetchall()  # fmt: skip
        old.close()
        new_hits = await queries.search_candidates(migrated, groups, 10_000, with_lemmas=False)
        assert [(h.event_id, h.statement_id) for h in new_hits] == old_hits and old_hits
    finally:
        await migrated.close()
        await fresh.close()
