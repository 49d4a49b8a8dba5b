"""What `newsbot run` keeps going beside long polling: the delivery worker, the digest scheduler,
feed polling, the daily outbox clean-up and the hourly one of update ids (jobs on the digest
scheduler's APScheduler).

    background = await start_background(bot, db, settings)
    ...
    await background.stop()

Both get their own database connection, and the worker its own Bot session without the
retrying request middleware: it handles 429 and 5xx itself, per chat, without stalling the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession

from bot import cpu
from bot.config import Settings
from bot.delivery import DeliveryWorker, forget_old_texts
from bot.scheduler import DigestScheduler
from bot.sources.poll import schedule_feed_polling
from storage import updates
from storage.db import Database

log = logging.getLogger(__name__)


@dataclass
class Background:
    worker: DeliveryWorker
    scheduler: DigestScheduler
    db: Database
    sender: Bot
    task: asyncio.Task[None]

    async def stop(self) -> None:
        self.scheduler.stop()
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task
        await asyncio.to_thread(cpu.stop_pool)
        await self.sender.session.close()
        await self.db.close()
        log.info("delivery worker, digest scheduler and feed polling stopped")


def sending_bot(bot: Bot) -> Bot:
    """A Bot for the same token and server, on a session of its own."""
    return Bot(bot.token, session=AiohttpSession(api=bot.session.api), default=bot.default)


async def start_background(bot: Bot, db: Database, settings: Settings) -> Background:
    cpu.start_pool()  # feed articles are parsed in a worker process, not on this event loop
    own_db = await Database.open(db.url)
    sender = sending_bot(bot)
    worker = DeliveryWorker(sender, own_db)
    scheduler = DigestScheduler(own_db, on_queued=worker.notify)
    task = asyncio.create_task(worker.run(), name="delivery")
    await scheduler.start()
    schedule_feed_polling(scheduler.scheduler, own_db, settings)
    scheduler.scheduler.add_job(
        forget_old_texts, "interval", hours=24, args=[own_db], id="outbox-cleanup", replace_existing=True,
        max_instances=1, coalesce=True, next_run_time=datetime.now(UTC) + timedelta(minutes=1),
    )  # fmt: skip
    scheduler.scheduler.add_job(
        forget_old_updates, "interval", hours=1, args=[own_db], id="updates-cleanup", replace_existing=True,
        max_instances=1, coalesce=True, next_run_time=datetime.now(UTC) + timedelta(minutes=1),
    )  # fmt: skip
    return Background(worker, scheduler, own_db, sender, task)


async def forget_old_updates(db: Database) -> None:
    """An hourly job: the update ids taken more than two days ago are forgotten (Telegram keeps an
    update 24 hours at most)."""
    forgotten = await updates.forget_old_updates(db)
    if forgotten:
        log.info("dropped %d old update ids", forgotten)


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
