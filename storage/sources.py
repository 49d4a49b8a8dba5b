"""What the feeds did: per-feed figures for /source list, and the items left out, for /source skipped."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from storage.db import Database

STATS_DAYS = 7


@dataclass(frozen=True)
class FeedStats:
    stored_per_day: float  # items stored (new events or sources joining one) a day, over STATS_DAYS
    skipped: int  # items left out as not about foreign policy, all time


@dataclass(frozen=True)
class SkippedItem:
    url: str
    feed_name: str | None
    reason: str
    seen_at: str


async def feed_stats(db: Database, now: datetime | None = None) -> dict[int, FeedStats]:
    """Figures of every feed that has any (two index range scans of feed_items, grouped)."""
    since = ((now or datetime.now(UTC)) - timedelta(days=STATS_DAYS)).isoformat(timespec="seconds")
    stored: dict[int, int] = defaultdict(int)
    for row in await db.fetchall(
        "SELECT feed_id, count(*) FROM feed_items WHERE status = 'stored' AND seen_at >= ? "
        "AND feed_id IS NOT NULL GROUP BY feed_id",
        (since,),
    ):
        stored[int(row[0])] = int(row[1])
    skipped: dict[int, int] = defaultdict(int)
    for row in await db.fetchall(
        "SELECT feed_id, count(*) FROM feed_items WHERE status = 'skipped' AND feed_id IS NOT NULL GROUP BY feed_id"
    ):
        skipped[int(row[0])] = int(row[1])
    return {
        feed_id: FeedStats(stored_per_day=stored[feed_id] / STATS_DAYS, skipped=skipped[feed_id])
        for feed_id in stored.keys() | skipped.keys()
    }


async def recent_skipped(db: Database, limit: int = 20) -> list[SkippedItem]:
    """The newest items left out as not about foreign policy, except those since stored by hand."""
    rows = await db.fetchall(
        "SELECT i.url, f.name, i.reason, i.seen_at FROM feed_items i LEFT JOIN feeds f ON f.id = i.feed_id "
        "WHERE i.status = 'skipped' AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.url = i.url) "
        "ORDER BY i.seen_at DESC LIMIT ?",
        (limit,),
    )
    return [SkippedItem(r[0], r[1], r[2] or "", r[3]) for r in rows]
