"""Digests: schedules (`daily 09:00`, `weekly пн 09:00`, `every 6h`), what a digest covers,
how it reads, and queueing it in the outbox so that a slot is posted at most once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot import rendering
from bot.config import Settings
from storage import outbox, queries
from storage.db import Database, now_iso
from storage.outbox import utc_iso
from storage.queries import EventView

FIRST_PERIOD = timedelta(hours=24)
MAX_EVENTS = 40
NO_NEWS = "Новых событий нет."
OTHER_GROUP = "Другие события"

DAYS = {
    "пн": "mon", "вт": "tue", "ср": "wed", "чт": "thu", "пт": "fri", "сб": "sat", "вс": "sun",
    "пон": "mon", "вто": "tue", "сре": "wed", "чет": "thu", "пят": "fri", "суб": "sat", "вос": "sun",
    "mon": "mon", "tue": "tue", "wed": "wed", "thu": "thu", "fri": "fri", "sat": "sat", "sun": "sun",
}  # fmt: skip
DAY_NAMES = {"mon": "каждый понедельник", "tue": "каждый вторник", "wed": "каждую среду",
             "thu": "каждый четверг", "fri": "каждую пятницу", "sat": "каждую субботу",
             "sun": "каждое воскресенье"}  # fmt: skip
DAY_SHORT = {"mon": "пн", "tue": "вт", "wed": "ср", "thu": "чт", "fri": "пт", "sat": "сб", "sun": "вс"}
EVERY_HOURS = (1, 2, 3, 4, 6, 8, 12, 24)
SPEC_HELP = (
    "Расписание: <code>daily 09:00</code> (каждый день), <code>weekly пн 09:00</code> (раз в неделю), "
    "<code>every 6h</code> (каждые 1, 2, 3, 4, 6, 8, 12 или 24 часа)."
)

_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?"


class BadSpec(ValueError):
    """The schedule text is not understood; the message says why, in Russian."""


@dataclass(frozen=True)
class Spec:
    kind: str  # daily, weekly, every
    hour: int = 0
    minute: int = 0
    second: int = 0
    day: str = "mon"  # for weekly
    hours: int = 24  # for every

    def trigger(self, tz: ZoneInfo) -> CronTrigger:
        if self.kind == "every":
            return CronTrigger(hour=f"*/{self.hours}", minute=0, second=0, timezone=tz)
        day = self.day if self.kind == "weekly" else "*"
        return CronTrigger(day_of_week=day, hour=self.hour, minute=self.minute, second=self.second, timezone=tz)

    def text(self) -> str:
        """The canonical form, stored in digest_schedules.spec."""
        if self.kind == "every":
            return f"every {self.hours}h"
        at = f"{self.hour:02d}:{self.minute:02d}" + (f":{self.second:02d}" if self.second else "")
        return f"weekly {DAY_SHORT[self.day]} {at}" if self.kind == "weekly" else f"daily {at}"

    def describe(self) -> str:
        """In Russian, for the user."""
        if self.kind == "every":
            return "каждый час" if self.hours == 1 else f"каждые {self.hours} ч"
        at = f"{self.hour:02d}:{self.minute:02d}"
        return f"{DAY_NAMES[self.day]} в {at}" if self.kind == "weekly" else f"каждый день в {at}"


def parse_spec(text: str) -> Spec:
    words = text.lower().split()
    if not words:
        raise BadSpec(SPEC_HELP)
    kind, rest = words[0], words[1:]
    if kind in ("daily", "ежедневно") and len(rest) == 1:
        return Spec("daily", *_parse_time(rest[0]))
    if kind in ("weekly", "еженедельно") and len(rest) == 2:
        day = DAYS.get(rest[0][:3] if rest[0][:3] in DAYS else rest[0][:2])
        if day is None:
            raise BadSpec(f"Не понял день недели «{rest[0][:10]}»: пн, вт, ср, чт, пт, сб, вс.")
        return Spec("weekly", *_parse_time(rest[1]), day=day)
    if kind in ("every", "каждые") and len(rest) == 1:
        match = re.fullmatch(r"(\d{1,2})\s*(h|ч)", rest[0])
        if match is None or int(match.group(1)) not in EVERY_HOURS:
            raise BadSpec("Интервал — 1, 2, 3, 4, 6, 8, 12 или 24 часа, например <code>every 6h</code>.")
        return Spec("every", hours=int(match.group(1)))
    raise BadSpec(SPEC_HELP)


def _parse_time(text: str) -> tuple[int, int, int]:
    match = re.fullmatch(_TIME, text)
    if match is None:
        raise BadSpec(f"Время — ЧЧ:ММ, например 09:00; не понял «{text[:10]}».")
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise BadSpec(f"Нет такого времени: {text[:10]}.")
    return hour, minute, second


def previous_slot(trigger: CronTrigger, now: datetime, within: timedelta) -> datetime | None:
    """The latest time the trigger fired in (now - within, now], if any."""
    slot = None
    moment = trigger.get_next_fire_time(None, now - within + timedelta(microseconds=1))
    while moment is not None and moment <= now:
        slot = moment
        moment = trigger.get_next_fire_time(moment, moment + timedelta(seconds=1))
    return slot


def next_slot(trigger: CronTrigger, now: datetime) -> datetime | None:
    return trigger.get_next_fire_time(None, now + timedelta(seconds=1))


# --- what a digest says -----------------------------------------------------------------------


async def events_between(db: Database, since: datetime, until: datetime) -> list[EventView]:
    """Events stored in (since, until], newest first."""
    rows = await db.fetchall(
        "SELECT id FROM events WHERE created_at > ? AND created_at <= ? ORDER BY sort_key DESC, id DESC LIMIT ?",
        (utc_iso(since), utc_iso(until), MAX_EVENTS + 1),
    )
    return await queries.load_events(db, [r[0] for r in rows])


def group_by_organization(events: list[EventView]) -> list[tuple[str, list[EventView]]]:
    """Each event under its most mentioned organisation; the biggest groups first, the rest last."""
    groups: dict[str, list[EventView]] = defaultdict(list)
    for event in events:
        groups[event.participants[0].name if event.participants else OTHER_GROUP].append(event)
    named = sorted((g for g in groups.items() if g[0] != OTHER_GROUP), key=lambda g: (-len(g[1]), g[0]))
    return [*named, (OTHER_GROUP, groups[OTHER_GROUP])] if OTHER_GROUP in groups else named


def render_digest(events: list[EventView], since: datetime, until: datetime, tz: ZoneInfo) -> list[str]:
    """The digest as messages under Telegram's limit; no messages when there are no events."""
    if not events:
        return []
    shown, more = events[:MAX_EVENTS], len(events) - MAX_EVENTS
    added = f"добавлены в базу с {_local(since, tz)} по {_local(until, tz)}"
    count = f"Событий: {len(shown)}{'+' if more > 0 else ''}"
    paragraphs = [f"<b>Дайджест</b>: новые события — {rendering.escape(added)}\n{count}{event_dates(shown)}"]
    for name, group in group_by_organization(shown):
        blocks = [rendering.event_block(e, e.statements[:1]) for e in group]
        paragraphs.append(f"<b>▍{rendering.escape(name)}</b>\n{blocks[0]}")
        paragraphs += blocks[1:]
    if more > 0:
        paragraphs.append("Это не все события за период. Остальные: /latest")
    return rendering.split_message(paragraphs)


def event_dates(events: list[EventView]) -> str:
    """`; сами события — от 23 ноября 2023 до 6 декабря 2025`: new in the database is not new in the world."""
    days = sorted(d for e in events if (d := (e.date or e.published_at or "")[:10]))
    if not days:
        return ""
    first, last = rendering.russian_date(days[0]), rendering.russian_date(days[-1])
    when = f"от {first} до {last}" if first != last else first
    return f"; даты самих событий: {rendering.escape(when)} (у каждого своя)"


def _local(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{rendering.russian_date(local.date().isoformat())}, {local:%H:%M}"


# --- queueing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    chat_id: int
    spec: Spec
    timezone: ZoneInfo
    active: bool
    last_slot_at: datetime | None
    updated_at: datetime


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


async def load_schedule(db: Database, chat_id: int) -> Schedule | None:
    rows = await load_schedules(db, chat_id)
    return rows[0] if rows else None


async def load_schedules(db: Database, chat_id: int | None = None) -> list[Schedule]:
    where = "WHERE chat_id = ?" if chat_id is not None else "WHERE active = 1"
    rows = await db.fetchall(
        "SELECT chat_id, spec, timezone, active, last_slot_at, updated_at "
        f"FROM digest_schedules {where} ORDER BY chat_id",
        () if chat_id is None else (chat_id,),
    )
    schedules = []
    for r in rows:
        try:
            spec = parse_spec(r[1])
        except BadSpec:
            continue
        updated = _when(r[5]) or datetime.now(UTC)
        schedules.append(Schedule(r[0], spec, ZoneInfo(r[2]), bool(r[3]), _when(r[4]), updated))
    return schedules


async def save_schedule(db: Database, chat_id: int, spec: Spec, timezone: str, user_id: int | None) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO digest_schedules (chat_id, spec, timezone, active, created_by, updated_at) "
            "VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET spec = excluded.spec, "
            "timezone = excluded.timezone, active = 1, created_by = excluded.created_by, "
            "updated_at = excluded.updated_at",
            (chat_id, spec.text(), timezone, user_id, now_iso()),
        )


async def turn_off(db: Database, chat_id: int) -> bool:
    async with db.transaction() as conn:
        cur = await conn.execute(
            "UPDATE digest_schedules SET active = 0, updated_at = ? WHERE chat_id = ? AND active = 1",
            (now_iso(), chat_id),
        )
        return cur.rowcount > 0


async def queue_digest(
    db: Database, chat_id: int, now: datetime, slot: datetime | None = None, tz: ZoneInfo | None = None
) -> int:
    """Queue the digest of the events since the chat's previous one (first: the last 24 hours).

    `slot` is the scheduled time being served (None for `/digest now`): a slot already handled
    is skipped, so a digest is never posted twice. Returns the number of messages queued."""
    schedule = await load_schedule(db, chat_id)
    since = _when(await db.scalar("SELECT digest_covered_until FROM chats WHERE id = ?", (chat_id,)))
    since = since or now - FIRST_PERIOD
    tz = schedule.timezone if schedule else tz or ZoneInfo("Asia/Almaty")
    messages = render_digest(await events_between(db, since, now), since, now, tz)
    key = f"slot:{utc_iso(slot)}" if slot else f"now:{utc_iso(now)}"
    async with db.transaction() as conn:
        if slot is not None:
            async with conn.execute("SELECT last_slot_at FROM digest_schedules WHERE chat_id = ?", (chat_id,)) as cur:
                row = await cur.fetchone()
            if row is not None and row[0] and datetime.fromisoformat(row[0]) >= slot:
                return 0  # handled already (another run, or before a restart)
            await conn.execute(
                "UPDATE digest_schedules SET last_slot_at = ? WHERE chat_id = ?", (utc_iso(slot), chat_id)
            )
        if not messages:
            return 0
        for n, text in enumerate(messages, start=1):
            await outbox.enqueue(conn, chat_id, "digest", f"digest:{chat_id}:{key}:{n}", text)
        await conn.execute("UPDATE chats SET digest_covered_until = ? WHERE id = ?", (utc_iso(now), chat_id))
        await conn.execute("UPDATE digest_schedules SET last_posted_at = ? WHERE chat_id = ?", (now_iso(), chat_id))
    return len(messages)


# --- `newsbot digest --since 24h` -------------------------------------------------------------


def parse_period(text: str) -> timedelta:
    match = re.fullmatch(r"\s*(\d{1,5})\s*([mhd])\s*", text.lower())
    if match is None:
        raise ValueError(f"период — число и единица: 90m, 24h, 7d; не «{text}»")
    amount, unit = int(match.group(1)), match.group(2)
    return {"m": timedelta(minutes=amount), "h": timedelta(hours=amount), "d": timedelta(days=amount)}[unit]


async def print_digest(settings: Settings, since: str) -> int:
    """Print the digest a chat would get for the period, as plain text."""
    try:
        period = parse_period(since)
    except ValueError as exc:
        print(f"Ошибка: {exc}")
        return 2
    db = await Database.open(settings.database_target)
    try:
        now = datetime.now(UTC)
        messages = render_digest(await events_between(db, now - period, now), now - period, now, settings.tz)
    finally:
        await db.close()
    if not messages:
        print(NO_NEWS)
    for n, message in enumerate(messages):
        if n:
            print("\n" + "-" * 40 + "\n")
        print(rendering.strip_tags(message))
    return 0
