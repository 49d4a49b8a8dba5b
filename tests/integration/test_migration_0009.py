"""Migration 0009 rebuilds the feeds table for the new kinds and keeps every link to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.db import Database


async def test_new_kinds_are_accepted_and_others_refused(db: Database) -> None:
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO feeds (name, url, kind) VALUES (?, ?, ?)",
            [("МИД", "https://gov.kz/api?projects=eq%3Amfa", "govkz"),
             ("Акорда", "https://akorda.kz/ru/events", "akorda")],
        )
    with pytest.raises(Exception, match=r"(?i)check"):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO feeds (name, url, kind) VALUES ('x', 'https://x.kz', 'ftp')")


async def test_rebuilding_keeps_feed_rows_ids_and_item_links(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    db = await Database.open(path)
    try:
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO feeds (id, name, url, kind, etag, error_count, items_stored) "
                "VALUES (7, 'Kazinform', 'https://www.inform.kz/rss/rus.xml', 'rss', '\"e1\"', 2, 5)"
            )
            await conn.execute(
                "INSERT INTO feed_items (url, feed_id, status, reason, seen_at) "
                "VALUES ('https://www.inform.kz/ru/a1', 7, 'skipped', 'не о внешней политике', '2025-12-04T10:00:00')"
            )
            await conn.execute("DELETE FROM schema_version WHERE version = 9")
        await db.migrate()  # 0009 runs again on a table with rows
        row = await db.fetchone("SELECT id, name, etag, error_count, items_stored FROM feeds")
        assert row is not None and tuple(row) == (7, "Kazinform", '"e1"', 2, 5)
        assert await db.scalar("SELECT feed_id FROM feed_items") == 7
        assert await db.scalar("PRAGMA foreign_key_check") is None
    finally:
        await db.close()
