"""One event per meeting: a new article joins the event it reports, or starts a new one.

Candidates are the events filed under one of the article's keys (organisation, speaker,
text hash) on the same day ± 1 or without a day (table event_keys, one index range per key),
the 50 sharing the most keys; each is compared with `bot.news.dedupe.match_score`, and the
most similar wins. An article without a date looks up only its text hashes, on every day (the
most recent first): it joins only a near-duplicate of its text (`undated_match_score`).
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.news.dedupe import (
    Signature,
    candidate_keys,
    make_signature,
    match_score,
    merge_signatures,
    pack_sketch,
    signature_of,
    unpack_sketch,
)
from bot.news.models import ParsedArticle
from storage.articles import create_event
from storage.db import Connection, Database, Row

MAX_CANDIDATES = 50


async def find_or_create_event(
    conn: Connection, parsed: ParsedArticle, sort_key: str, now: str, signature: Signature | None = None
) -> tuple[int, bool, str]:
    """(event id, whether it is new, the event's sort key) for a parsed article, inside the caller's
    transaction. The signature may come computed (it does not depend on the database)."""
    if signature is None:
        signature = signature_of(parsed)
    match = await find_matching_event(conn, signature)
    if match is None:
        event_id = await create_event(conn, parsed, sort_key, now)
        await save_signature(conn, event_id, signature)
        return event_id, True, sort_key
    event_id, event_signature = match
    event_key = await join_event(conn, event_id, parsed)
    merged = merge_signatures(event_signature, signature)
    if event_signature.day is None and merged.day is not None:
        await forget_undated_keys(conn, event_id, event_signature)
    await save_signature(conn, event_id, merged)
    return event_id, False, event_key


async def find_matching_event(conn: Connection, signature: Signature) -> tuple[int, Signature] | None:
    keys = candidate_keys(signature)
    if signature.day is None:
        # Without a date only a near-duplicate text can join, so only the text hashes are looked up:
        # they are rare, where an organisation's key is filed under thousands of events over the years.
        keys = [k for k in keys if k.startswith("h:")]
    if not keys:
        return None
    marks = ",".join("?" * len(keys))
    if signature.day is None:
        ranges = f"SELECT event_id, day FROM event_keys WHERE key IN ({marks})"
        params: tuple[str, ...] = tuple(keys)
    else:
        # Two index ranges per key: the day ± 1, and the events filed without a day.
        first = (signature.day - timedelta(days=1)).isoformat()
        last = (signature.day + timedelta(days=1)).isoformat()
        ranges = (
            f"SELECT event_id, day FROM event_keys WHERE key IN ({marks}) AND day BETWEEN ? AND ? "
            f"UNION ALL SELECT event_id, day FROM event_keys WHERE key IN ({marks}) AND day = ''"
        )
        params = (*keys, first, last, *keys)
    # The events sharing the most keys first: the same organisations, speakers and text hashes.
    sql = (
        "SELECT s.event_id, s.day, s.orgs, s.speakers, s.location, s.shingles, s.words, s.ordinals "
        f"FROM (SELECT event_id, count(*) AS shared, max(day) AS last_day FROM ({ranges}) r "
        f"GROUP BY event_id ORDER BY shared DESC, last_day DESC LIMIT {MAX_CANDIDATES}) k "
        "JOIN event_signatures s ON s.event_id = k.event_id"
    )
    rows = await conn.execute_fetchall(sql, params)
    best: tuple[float, int, Signature] | None = None
    for row in rows:
        candidate = _signature_from_row(row)
        score = match_score(signature, candidate)
        if score is None:
            continue
        if best is None or score > best[0]:
            best = (score, int(row[0]), candidate)
    return None if best is None else (best[1], best[2])


async def join_event(conn: Connection, event_id: int, parsed: ParsedArticle) -> str:
    """The article becomes another source of the event; returns the event's sort_key (under which
    the caller files its organisations and statements)."""
    (row,) = await conn.execute_fetchall(
        "UPDATE events SET published_at = CASE WHEN published_at IS NULL OR "
        "(CAST(? AS TEXT) IS NOT NULL AND ? < published_at) THEN ? ELSE published_at END, "
        "location = coalesce(location, ?), title = coalesce(title, ?) WHERE id = ? RETURNING sort_key",
        (parsed.published_at, parsed.published_at, parsed.published_at, parsed.location, parsed.title, event_id),
    )
    return str(row[0])


async def save_signature(conn: Connection, event_id: int, signature: Signature) -> None:
    day = signature.day.isoformat() if signature.day else ""
    await conn.execute(
        "INSERT INTO event_signatures (event_id, day, orgs, speakers, location, shingles, words, ordinals) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET orgs = excluded.orgs, "
        "speakers = excluded.speakers, location = excluded.location, ordinals = excluded.ordinals, "
        "day = CASE WHEN event_signatures.day = '' THEN excluded.day ELSE event_signatures.day END",
        (
            event_id,
            day,
            " ".join(sorted(signature.org_ids)),
            " ".join(sorted(signature.speakers)),
            signature.location,
            pack_sketch(signature.shingles),
            pack_sketch(signature.words),
            " ".join(sorted(signature.ordinals)),
        ),
    )
    await conn.executemany(
        "INSERT INTO event_keys (key, day, event_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(key, day, event_id) for key in candidate_keys(signature)],
    )


async def forget_undated_keys(conn: Connection, event_id: int, undated: Signature) -> None:
    """An event stored without a date has one now: it is filed under that day alone (by key: the index)."""
    keys = candidate_keys(undated)
    if keys:
        marks = ",".join("?" * len(keys))
        await conn.execute(
            f"DELETE FROM event_keys WHERE key IN ({marks}) AND day = '' AND event_id = ?", (*keys, event_id)
        )


def _signature_from_row(row: Row) -> Signature:
    return Signature(
        day=date.fromisoformat(row[1]) if row[1] else None,
        org_ids=frozenset(row[2].split()),
        speakers=frozenset(row[3].split()),
        location=row[4],
        shingles=unpack_sketch(row[5]),
        words=unpack_sketch(row[6]),
        ordinals=frozenset(row[7].split()),
    )


async def backfill_signatures(db: Database, batch: int = 2000) -> int:
    """File signatures for events stored without one (before migration 0004, or copies stored apart).

    Each such event gets the signature of its first article, with the event's organisations and
    the people its articles name. Returns how many were added.
    """
    added = 0
    while True:
        rows = await db.fetchall(
            "SELECT e.id, coalesce(e.event_date, substr(e.sort_key, 1, 10)) AS day, e.location, "
            "a.title, a.text, a.id AS article_id FROM events e "
            "JOIN articles a ON a.id = (SELECT min(id) FROM articles WHERE event_id = e.id) "
            "WHERE NOT EXISTS (SELECT 1 FROM event_signatures s WHERE s.event_id = e.id) LIMIT ?",
            (batch,),
        )
        if not rows:
            return added
        async with db.transaction() as conn:
            for row in rows:
                orgs = {r[0] for r in await db.fetchall(
                    "SELECT org_id FROM event_organizations WHERE event_id = ?", (row["id"],))}
                people = {r[0] for r in await db.fetchall(
                    "SELECT p.name FROM article_people ap JOIN people p ON p.id = ap.person_id "
                    "WHERE ap.article_id = ? UNION SELECT speaker FROM statements WHERE article_id = ?",
                    (row["article_id"], row["article_id"]))}
                signature = make_signature(
                    "\n".join(filter(None, [row["title"], row["text"]])),
                    day=date.fromisoformat(row["day"]),
                    org_ids=orgs,
                    speaker_names=people,
                    location=row["location"],
                )
                await save_signature(conn, int(row["id"]), signature)
        added += len(rows)
