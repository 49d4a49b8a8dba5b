"""What `newsbot run` keeps going beside answering updates: the delivery worker, and, in the leader
only, the digest scheduler, feed polling, the daily outbox clean-up and the hourly one of update
ids (jobs on the digest scheduler's APScheduler).

    background = await start_background(bot, db, settings)
    ...
    await background.stop()

Any number of `newsbot run` processes may share one PostgreSQL database. Each delivers (the outbox
is claimed row by row, see bot/delivery.py); one of them, the leader (storage/leader.py), runs the
schedules: APScheduler's job stores must never be shared, and a digest must be posted once. The
others try for the leadership every 10–15 s, so one takes over within a quarter of a minute after
the leader dies; a leader that loses its lock's connection stops its jobs at once. On SQLite the one
process always leads.

Both get their own database connection, and the worker its own Bot session without the
retrying request middleware: it handles 429 and 5xx itself, per chat, without stalling the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession

from bot import cpu
from bot.config import Settings
from bot.delivery import DeliveryWorker, forget_old_texts
from bot.scheduler import DigestScheduler
from bot.sources.poll import schedule_feed_polling
from storage import outbox, updates
from storage.db import DATABASE_ERRORS, SQLITE, Database
from storage.leader import LeaderLock

log = logging.getLogger(__name__)

RETRY_EVERY = (10.0, 15.0)  # seconds between a follower's tries for the leadership (random within)
CHECK_EVERY = 2.0  # seconds between the leader's checks of its lock's connection
LOCK_ERRORS: tuple[type[BaseException], ...] = (*DATABASE_ERRORS, OSError, TimeoutError)


@dataclass
class Leadership:
    """Runs the leader's jobs while this process holds the lock, and stops them when it does not."""

    lock: LeaderLock
    db: Database
    settings: Settings
    worker: DeliveryWorker
    retry_every: tuple[float, float] = RETRY_EVERY
    check_every: float = CHECK_EVERY
    scheduler: DigestScheduler | None = None
    terms: int = 0  # how many times this process became the leader
    task: asyncio.Task[None] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.lock.on_lost = self.step_down

    async def step(self) -> None:
        """One look: a follower tries for the lock, a leader checks it still has it."""
        if self.scheduler is None:
            try:
                acquired = await self.lock.try_acquire()
            except LOCK_ERRORS as exc:
                log.warning("leader: could not try for the lock (%s)", exc)
                return
            if acquired:
                await self.take_over()
        elif not await self.lock.still_held():
            self.step_down()

    async def take_over(self) -> None:
        scheduler = DigestScheduler(self.db, on_queued=self.worker.notify)
        await scheduler.start()
        schedule_feed_polling(scheduler.scheduler, self.db, self.settings)
        scheduler.scheduler.add_job(
            forget_old_texts, "interval", hours=24, args=[self.db], id="outbox-cleanup", replace_existing=True,
            max_instances=1, coalesce=True, next_run_time=datetime.now(UTC) + timedelta(minutes=1),
        )  # fmt: skip
        scheduler.scheduler.add_job(
            forget_old_updates, "interval", hours=1, args=[self.db], id="updates-cleanup", replace_existing=True,
            max_instances=1, coalesce=True, next_run_time=datetime.now(UTC) + timedelta(minutes=1),
        )  # fmt: skip
        self.scheduler = scheduler
        self.terms += 1
        log.info("leader: this worker runs digests and feeds")

    def step_down(self) -> None:
        """The lock is lost (its connection dropped): stop the jobs now, before another leader starts."""
        if self.scheduler is not None:
            self.scheduler.stop()
            self.scheduler = None
            log.warning("leader: lock lost; digests and feeds stopped in this worker")

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.check_every if self.scheduler else random.uniform(*self.retry_every))
            try:
                await self.step()
            except LOCK_ERRORS as exc:
                log.warning("leader: check failed (%s)", exc)

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
        if self.scheduler is not None:
            self.scheduler.stop()
            self.scheduler = None
        await self.lock.close()


@dataclass
class Background:
    worker: DeliveryWorker
    leadership: Leadership
    db: Database
    sender: Bot
    task: asyncio.Task[None]

    @property
    def scheduler(self) -> DigestScheduler | None:
        """The digest scheduler, while this process leads."""
        return self.leadership.scheduler

    async def stop(self) -> None:
        await self.leadership.stop()
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task
        await asyncio.to_thread(cpu.stop_pool)
        await self.sender.session.close()
        await self.db.close()
        log.info("delivery worker, digest scheduler and feed polling stopped")


async def forget_old_updates(db: Database) -> None:
    """An hourly job: the update ids taken more than two days ago are forgotten (Telegram keeps an
    update 24 hours at most)."""
    forgotten = await updates.forget_old_updates(db)
    if forgotten:
        log.info("dropped %d old update ids", forgotten)


def sending_bot(bot: Bot) -> Bot:
    """A Bot for the same token and server, on a session of its own."""
    return Bot(bot.token, session=AiohttpSession(api=bot.session.api), default=bot.default)


async def start_background(bot: Bot, db: Database, settings: Settings) -> Background:
    cpu.start_pool()  # feed articles are parsed in a worker process, not on this event loop
    own_db = await Database.open(db.url)
    if own_db.dialect == SQLITE and await outbox.release_all(own_db):  # one process delivers on SQLite:
        log.info("outbox: claims of a process that stopped are released")  # no lease to wait for
    sender = sending_bot(bot)
    worker = DeliveryWorker(sender, own_db)
    task = asyncio.create_task(worker.run(), name="delivery")
    leadership = Leadership(LeaderLock.for_database(own_db), own_db, settings, worker)
    await leadership.step()  # the first worker to start leads at once
    if leadership.scheduler is None:
        log.info("leader: another worker runs digests and feeds; this one delivers and answers")
    leadership.task = asyncio.create_task(leadership.run(), name="leadership")
    return Background(worker, leadership, own_db, sender, task)


def attach_background(dp: Dispatcher, db: Database, settings: Settings) -> None:
    """Start the background work when polling starts and stop it when polling stops."""
    running: list[Background] = []

    async def on_startup(bot: Bot) -> None:
        running.append(await start_background(bot, db, settings))

    async def on_shutdown() -> None:
        while running:
            await running.pop().stop()

    dp.startup.register(on_startup)
    dp.shutdown.register(on_shutdown)
