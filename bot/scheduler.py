"""Digest jobs: APScheduler `CronTrigger`s in each chat's time zone, built from the database.

The `digest_schedules` table is the source of truth. Jobs are rebuilt at start and whenever
the schedules change (a trigger bumps `digest_schedules_version` in settings_kv; any process may
change them). A slot missed while the bot was down is posted once after a restart when it is
less than six hours late; `last_slot_at` makes sure no slot is posted twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.digests import Schedule, load_schedules, previous_slot, queue_digest
from storage.db import Database

log = logging.getLogger(__name__)

CATCH_UP = timedelta(hours=6)


def utc_now() -> datetime:
    return datetime.now(UTC)


class DigestScheduler:
    def __init__(
        self,
        db: Database,
        *,
        clock: Callable[[], datetime] = utc_now,
        sync_interval: float = 1.0,
        on_queued: Callable[[], None] | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.sync_interval = sync_interval
        self.on_queued = on_queued
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self.version: str | None = None
        self.jobs: dict[int, tuple[str, str]] = {}  # chat id → (spec, time zone) of its job
        self.triggers: dict[int, CronTrigger] = {}

    async def start(self) -> None:
        self.scheduler.start()
        await self.sync()
        self.scheduler.add_job(
            self.sync_if_changed,
            IntervalTrigger(seconds=self.sync_interval),
            id="digest-sync",
            coalesce=True,
            max_instances=1,
        )

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    async def schedules_version(self) -> str | None:
        value = await self.db.scalar("SELECT value FROM settings_kv WHERE key = 'digest_schedules_version'")
        return None if value is None else str(value)

    async def sync_if_changed(self) -> None:
        if await self.schedules_version() != self.version:
            await self.sync()

    async def sync(self) -> None:
        """Make the jobs match the table, then post any slot missed less than six hours ago."""
        self.version = await self.schedules_version()
        schedules = await load_schedules(self.db)
        wanted = {s.chat_id: s for s in schedules}
        for chat_id in set(self.jobs) - set(wanted):
            self.scheduler.remove_job(f"digest:{chat_id}")
            del self.jobs[chat_id], self.triggers[chat_id]
        for schedule in schedules:
            self.add_job(schedule)
        log.info("digest schedules: %d active", len(schedules))
        await self.catch_up(schedules)

    def add_job(self, schedule: Schedule) -> None:
        setting = (schedule.spec.text(), schedule.timezone.key)
        if self.jobs.get(schedule.chat_id) == setting:
            return
        trigger = schedule.spec.trigger(schedule.timezone)
        self.scheduler.add_job(
            self.run_due,
            trigger,
            args=[schedule.chat_id],
            id=f"digest:{schedule.chat_id}",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(CATCH_UP.total_seconds()),
        )
        self.jobs[schedule.chat_id] = setting
        self.triggers[schedule.chat_id] = trigger

    async def catch_up(self, schedules: list[Schedule]) -> None:
        now = self.clock()
        for schedule in schedules:
            slot = previous_slot(self.triggers[schedule.chat_id], now, CATCH_UP)
            if slot is None or schedule.updated_at >= slot:
                continue  # nothing due, or the schedule was set after that slot
            if schedule.last_slot_at is None or schedule.last_slot_at < slot:
                log.info("chat %s: posting the digest missed at %s", schedule.chat_id, slot)
                await self.post(schedule.chat_id, slot)

    async def run_due(self, chat_id: int) -> None:
        """The job: serve the slot that has just come (the latest one not after now)."""
        trigger = self.triggers.get(chat_id)
        if trigger is None:
            return
        slot = previous_slot(trigger, self.clock(), CATCH_UP)
        if slot is not None:
            await self.post(chat_id, slot)

    async def post(self, chat_id: int, slot: datetime) -> None:
        try:
            queued = await queue_digest(self.db, chat_id, self.clock(), slot)
        except Exception:
            log.exception("chat %s: the digest for %s failed", chat_id, slot)
            return
        log.info("chat %s: digest for %s, %d messages queued", chat_id, slot, queued)
        if queued and self.on_queued is not None:
            self.on_queued()
