"""Digests: schedule specs, slots, what a digest covers, never twice, catch-up after a restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.digests import (
    NO_NEWS,
    BadSpec,
    Spec,
    load_schedule,
    parse_period,
    parse_spec,
    previous_slot,
    print_digest,
    queue_digest,
    render_digest,
    save_schedule,
)
from bot.scheduler import DigestScheduler
from storage.db import Database, now_iso
from storage.outbox import utc_iso
from storage.queries import EventView, OrgRef, SourceRef, StatementView
from tests.conftest import database_url

ALMATY = ZoneInfo("Asia/Almaty")


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("daily 09:00", Spec("daily", 9, 0)),
        ("DAILY 9:05", Spec("daily", 9, 5)),
        ("weekly пн 09:00", Spec("weekly", 9, 0, day="mon")),
        ("weekly Пятница 18:30", Spec("weekly", 18, 30, day="fri")),
        ("weekly sun 07:00", Spec("weekly", 7, 0, day="sun")),
        ("every 6h", Spec("every", hours=6)),
        ("daily 09:00:30", Spec("daily", 9, 0, 30)),
    ],
)
def test_parse_spec(text: str, spec: Spec) -> None:
    assert parse_spec(text) == spec
    assert parse_spec(spec.text()) == spec  # the stored form reads back the same


@pytest.mark.parametrize("text", ["", "daily", "daily 25:00", "daily 9", "weekly xx 09:00", "every 5h", "hourly"])
def test_bad_specs_explain_themselves(text: str) -> None:
    with pytest.raises(BadSpec) as error:
        parse_spec(text)
    assert str(error.value)


def test_describe_in_russian() -> None:
    assert parse_spec("daily 09:00").describe() == "каждый день в 09:00"
    assert parse_spec("weekly пн 09:00").describe() == "каждый понедельник в 09:00"
    assert parse_spec("weekly пт 18:00").describe() == "каждую пятницу в 18:00"
    assert parse_spec("every 6h").describe() == "каждые 6 ч"


def test_trigger_is_in_the_chat_time_zone() -> None:
    trigger = parse_spec("daily 09:00").trigger(ALMATY)
    now = datetime(2025, 12, 5, 3, 0, tzinfo=UTC)  # 08:00 in Almaty (UTC+5)
    upcoming = trigger.get_next_fire_time(None, now)
    assert upcoming is not None and upcoming.astimezone(UTC) == datetime(2025, 12, 5, 4, 0, tzinfo=UTC)


def test_previous_slot() -> None:
    trigger = parse_spec("every 6h").trigger(ALMATY)
    now = datetime(2025, 12, 5, 8, 30, tzinfo=ALMATY)
    assert previous_slot(trigger, now, timedelta(hours=6)) == datetime(2025, 12, 5, 6, 0, tzinfo=ALMATY)
    assert previous_slot(trigger, now, timedelta(hours=2)) is None
    daily = parse_spec("daily 09:00").trigger(ALMATY)
    assert previous_slot(daily, datetime(2025, 12, 5, 9, 0, tzinfo=ALMATY), timedelta(hours=6)) == datetime(
        2025, 12, 5, 9, 0, tzinfo=ALMATY
    )


def test_parse_period() -> None:
    assert parse_period("24h") == timedelta(hours=24)
    assert parse_period("7d") == timedelta(days=7)
    with pytest.raises(ValueError):
        parse_period("yesterday")


def event(n: int, org: str | None, text_size: int = 300) -> EventView:
    st = StatementView(n, n, "Ермек Кошербаев", None, "сказал", "Слово " * (text_size // 6), False, "", "", None)
    return EventView(
        id=n, date="2025-12-05", published_at=None, sort_key="2025-12-05T10:00", title=f"Событие {n} & <b>",
        location="Вена", organizations=[OrgRef(org, org)] if org else [],
        sources=[SourceRef("KT", f"https://example.kz/{n}")], statements=[st],
    )  # fmt: skip


def test_render_groups_by_organisation_and_splits_under_the_limit() -> None:
    events = [event(n, ["ОБСЕ", "ООН", None][n % 3], text_size=600) for n in range(30)]
    now = datetime(2025, 12, 6, tzinfo=UTC)
    messages = render_digest(events, now - timedelta(days=1), now, ALMATY)
    assert len(messages) > 1 and all(len(m) <= 4096 for m in messages)
    joined = "\n".join(messages)
    assert joined.index("▍ОБСЕ") < joined.index("▍Другие события") and "▍ООН" in joined
    assert "&lt;b&gt;" in joined and "Событие 0 &amp;" in joined
    assert render_digest([], now, now, ALMATY) == []


async def chat(db: Database, chat_id: int) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO chats (id, type, created_at, updated_at) VALUES (?, 'group', ?, ?)",
            (chat_id, now_iso(), now_iso()),
        )


async def digests(db: Database, chat_id: int) -> list[str]:
    rows = await db.fetchall("SELECT text FROM outbox WHERE kind = 'digest' AND chat_id = ? ORDER BY id", (chat_id,))
    return [r[0] for r in rows]


async def test_first_digest_covers_a_day_then_only_what_is_new(sample_db: Database) -> None:
    db = sample_db
    await chat(db, -5)
    await save_schedule(db, -5, parse_spec("daily 09:00"), "Asia/Almaty", None)
    now = datetime.now(UTC) + timedelta(minutes=1)
    assert await queue_digest(db, -5, now, slot=now) >= 1
    first = await digests(db, -5)
    assert "ОБСЕ" in "".join(first) and all(len(m) <= 4096 for m in first)
    later = now + timedelta(hours=24)
    assert await queue_digest(db, -5, later, slot=later) == 0  # nothing new: nothing posted
    assert await digests(db, -5) == first
    schedule = await load_schedule(db, -5)
    assert schedule is not None and schedule.last_slot_at == later.replace(microsecond=0)


async def test_a_slot_is_posted_once(sample_db: Database) -> None:
    await chat(sample_db, -5)
    await save_schedule(sample_db, -5, parse_spec("daily 09:00"), "Asia/Almaty", None)
    now = datetime.now(UTC) + timedelta(minutes=1)
    assert await queue_digest(sample_db, -5, now, slot=now) >= 1
    count = len(await digests(sample_db, -5))
    assert await queue_digest(sample_db, -5, now + timedelta(seconds=5), slot=now) == 0
    assert len(await digests(sample_db, -5)) == count


async def test_digest_now_without_a_schedule_does_not_repeat_itself(sample_db: Database) -> None:
    await chat(sample_db, 7)
    now = datetime.now(UTC) + timedelta(minutes=1)
    assert await queue_digest(sample_db, 7, now) >= 1
    posted = await digests(sample_db, 7)
    assert await queue_digest(sample_db, 7, now + timedelta(minutes=1)) == 0  # the same events: not again
    assert await digests(sample_db, 7) == posted
    await save_schedule(sample_db, 7, parse_spec("daily 09:00"), "Asia/Almaty", None)
    later = now + timedelta(hours=1)
    assert await queue_digest(sample_db, 7, later, slot=later) == 0  # a schedule set later continues from there


async def test_digest_now_without_news_queues_nothing(db: Database) -> None:
    await chat(db, -5)
    assert await queue_digest(db, -5, datetime.now(UTC)) == 0
    assert await digests(db, -5) == []


async def set_schedule(db: Database, chat_id: int, spec: str, updated: datetime) -> None:
    await chat(db, chat_id)
    await save_schedule(db, chat_id, parse_spec(spec), "Asia/Almaty", None)
    async with db.transaction() as conn:
        await conn.execute("UPDATE digest_schedules SET updated_at = ? WHERE chat_id = ?", (utc_iso(updated), chat_id))


async def test_missed_digest_is_posted_once_after_restart_if_less_than_6h_late(sample_db: Database) -> None:
    db = sample_db
    now = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
    two_hours_ago = (now - timedelta(hours=2)).astimezone(ALMATY)
    seven_hours_ago = (now - timedelta(hours=7)).astimezone(ALMATY)
    await set_schedule(db, -1, f"daily {two_hours_ago:%H:%M}", now - timedelta(days=2))
    await set_schedule(db, -2, f"daily {seven_hours_ago:%H:%M}", now - timedelta(days=2))
    await set_schedule(db, -3, f"daily {two_hours_ago:%H:%M}", now - timedelta(hours=1))  # set after the slot
    for _ in range(2):  # start, "crash", start again
        scheduler = DigestScheduler(db, clock=lambda: now)
        await scheduler.start()
        scheduler.stop()
    assert len(await digests(db, -1)) >= 1
    first = await digests(db, -1)
    assert await digests(db, -2) == [] and await digests(db, -3) == []
    assert await digests(db, -1) == first  # the second start posted nothing again


async def test_jobs_follow_the_table(db: Database) -> None:
    scheduler = DigestScheduler(db, sync_interval=3600)
    await scheduler.start()
    try:
        assert scheduler.jobs == {}
        await chat(db, -7)
        await save_schedule(db, -7, parse_spec("every 6h"), "Asia/Almaty", None)
        await scheduler.sync_if_changed()
        assert scheduler.jobs == {-7: ("every 6h", "Asia/Almaty")}
        job = scheduler.scheduler.get_job("digest:-7")
        assert job is not None and str(job.trigger.timezone) == "Asia/Almaty"
        async with db.transaction() as conn:
            await conn.execute("UPDATE digest_schedules SET active = 0")
        await scheduler.sync_if_changed()
        assert scheduler.jobs == {} and scheduler.scheduler.get_job("digest:-7") is None
    finally:
        scheduler.stop()


async def test_run_due_serves_the_slot_that_came(sample_db: Database) -> None:
    now = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
    await set_schedule(sample_db, -9, f"daily {now.astimezone(ALMATY):%H:%M}", now - timedelta(days=1))
    queued: list[int] = []
    scheduler = DigestScheduler(sample_db, clock=lambda: now + timedelta(seconds=1), on_queued=lambda: queued.append(1))
    scheduler.add_job((await load_schedule(sample_db, -9)) or pytest.fail("no schedule"))
    await scheduler.run_due(-9)
    await scheduler.run_due(-9)  # fired twice (a retry, a second instance): posted once
    assert queued == [1] and len(await digests(sample_db, -9)) >= 1


async def test_print_digest(
    sample_db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.config import Settings

    monkeypatch.setenv("DATABASE_URL", database_url(sample_db))
    assert await print_digest(Settings(), "24h") == 0
    out = capsys.readouterr().out
    assert "Дайджест" in out and "<b>" not in out
    assert await print_digest(Settings(), "вчера") == 2


async def test_print_digest_without_events(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.config import Settings

    monkeypatch.setenv("DATABASE_URL", database_url(db))
    assert await print_digest(Settings(), "24h") == 0
    assert NO_NEWS in capsys.readouterr().out


def test_digest_header_says_what_it_covers_truthfully() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from bot.digests import render_digest
    from storage.queries import EventView

    old = [
        EventView(id=1, date="2023-11-23", published_at=None, sort_key="2023-11-23", title="ОДКБ", location=None),
        EventView(id=2, date="2025-12-06", published_at=None, sort_key="2025-12-06", title="ОБСЕ", location=None),
    ]
    since, until = datetime(2026, 12, 1, 4, tzinfo=UTC), datetime(2026, 12, 2, 4, tzinfo=UTC)
    (header, *_) = render_digest(old, since, until, ZoneInfo("Asia/Almaty"))[0].split("\n\n")
    assert "добавлены в базу с 1 декабря 2026, 09:00 по 2 декабря 2026, 09:00" in header
    assert "даты самих событий: от 23 ноября 2023 до 6 декабря 2025" in header
    assert "Дайджест</b>: 1 декабря" not in header  # no period claimed for events of other years
