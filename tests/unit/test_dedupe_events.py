"""One event per meeting in the database: bot.ingest.store_parsed and storage.events on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from bot.ingest import store_parsed
from bot.news.models import OrgMention, ParsedArticle, PersonMention, Statement
from storage import articles as repo
from storage.db import Database
from storage.events import backfill_signatures

FIXTURES = Path(__file__).parents[1] / "fixtures" / "sources" / "dedupe"
PARSED = json.loads((FIXTURES / "parsed.json").read_text(encoding="utf-8"))
ORG_NAMES = {"osce": "ОБСЕ", "icrc": "МККК", "un": "ООН"}


def parsed_fixture(name: str, orgs: list[str] | None = None, **changes: object) -> ParsedArticle:
    info = {**PARSED[name], **changes}
    text = (FIXTURES / name).read_text(encoding="utf-8")
    title, body = text.split("\n", 1)
    return ParsedArticle(
        path=None,
        url=f"https://example.kz/{name}",
        title=title,
        published_at=info["published_at"],
        source=info["source"],
        location=info["location"],
        organizations=[OrgMention(o, ORG_NAMES[o], 2) for o in (orgs or info["organizations"])],
        people=[PersonMention(p) for p in info["people"]],
        statements=[Statement(s, None, "отметил", "…") for s in info["speakers"]],
        text=body.strip(),
    )


async def store(db: Database, parsed: ParsedArticle) -> tuple[int, bool]:
    """Through the real storage path, bot.ingest.store_parsed."""
    assert parsed.url is not None
    stored = await store_parsed(db, parsed, parsed.url, parsed.url)
    assert isinstance(stored, repo.StoredArticle)
    return stored.event_id, stored.new_event


async def test_three_outlets_one_meeting_make_one_event_with_three_sources(db: Database) -> None:
    first, new = await store(db, parsed_fixture("vienna_kt.txt"))
    assert new
    second, new2 = await store(db, parsed_fixture("vienna_elkz.txt"))
    third, new3 = await store(db, parsed_fixture("vienna_kazinform.txt"))
    assert (second, new2) == (first, False)
    assert (third, new3) == (first, False)
    assert await db.scalar("SELECT count(*) FROM articles WHERE event_id = ?", (first,)) == 3
    assert await db.scalar("SELECT count(*) FROM events") == 1
    # The earliest publication among the sources is the event's.
    assert await db.scalar("SELECT published_at FROM events WHERE id = ?", (first,)) == "2025-12-04"


async def test_two_councils_of_the_same_organisation_stay_two_events(db: Database) -> None:
    vienna, _ = await store(db, parsed_fixture("vienna_kt.txt"))
    malta, new = await store(db, parsed_fixture("malta_2024.txt"))
    icrc, new_icrc = await store(db, parsed_fixture("astana_icrc.txt"))
    assert new and new_icrc
    assert len({vienna, malta, icrc}) == 3


async def test_a_joining_source_adds_its_organisations_under_the_event_sort_key(db: Database) -> None:
    event_id, _ = await store(db, parsed_fixture("vienna_kt.txt"))
    joined, new = await store(db, parsed_fixture("vienna_elkz.txt", orgs=["osce", "un"]))
    assert (joined, new) == (event_id, False)
    rows = await db.fetchall(
        "SELECT org_id, mentions, sort_key FROM event_organizations WHERE event_id = ? ORDER BY org_id", (event_id,)
    )
    assert [tuple(r) for r in rows] == [("osce", 4, "2025-12-04T00:00"), ("un", 2, "2025-12-04T00:00")]
    # The joining article's statements sort with the event too.
    assert {r[0] for r in await db.fetchall("SELECT sort_key FROM statements WHERE event_id = ?", (event_id,))} == {
        "2025-12-04T00:00"
    }
    keys = {r[0] for r in await db.fetchall("SELECT key FROM event_keys WHERE event_id = ?", (event_id,))}
    assert {"o:osce", "o:un", "p:кошербаев"} <= keys


async def test_events_stored_without_a_signature_get_one_by_backfill(db: Database) -> None:
    parsed = parsed_fixture("vienna_kt.txt")
    async with db.transaction() as conn:
        event_id = await repo.create_event(conn, parsed, "2025-12-04T12:00", "2025-12-06T00:00:00+00:00")
        assert parsed.url is not None
        await repo.insert_article(conn, parsed, parsed.url, "h", event_id, "2025-12-06T00:00:00+00:00")
        await repo.link_organizations(conn, parsed, event_id, "2025-12-04T12:00")
    assert await backfill_signatures(db) == 1
    assert await backfill_signatures(db) == 0
    assert await db.scalar("SELECT orgs FROM event_signatures WHERE event_id = ?", (event_id,)) == "osce"
    joined, new = await store(db, parsed_fixture("vienna_elkz.txt"))
    assert (joined, new) == (event_id, False)


async def test_an_undated_reprint_joins_the_event_it_reprints_months_later(db: Database) -> None:
    """The issue's case: a dateless reprint of the 31st OSCE Council (Malta, 2024) stored today."""
    malta, _ = await store(db, parsed_fixture("malta_2024.txt"))
    await store(db, parsed_fixture("vienna_kt.txt"))  # the 32nd council, a year later, same organisation
    joined, new = await store(db, parsed_fixture("malta_reprint_undated.txt"))
    assert (joined, new) == (malta, False)
    assert await db.scalar("SELECT count(*) FROM articles WHERE event_id = ?", (malta,)) == 2


async def test_an_undated_report_of_another_council_stays_apart(db: Database) -> None:
    malta, _ = await store(db, parsed_fixture("malta_2024.txt"))
    vienna_undated, new = await store(db, parsed_fixture("vienna_kt.txt", published_at=None))
    assert new and vienna_undated != malta


async def test_a_dated_report_joins_an_event_stored_without_a_date_and_dates_it(db: Database) -> None:
    undated, new = await store(db, parsed_fixture("malta_reprint_undated.txt"))
    assert new
    assert await db.scalar("SELECT day FROM event_signatures WHERE event_id = ?", (undated,)) == ""
    joined, new = await store(db, parsed_fixture("malta_2024.txt"))
    assert (joined, new) == (undated, False)
    assert await db.scalar("SELECT day FROM event_signatures WHERE event_id = ?", (undated,)) == "2024-12-05"
    days = {r[0] for r in await db.fetchall("SELECT day FROM event_keys WHERE event_id = ?", (undated,))}
    assert days == {"2024-12-05"}
