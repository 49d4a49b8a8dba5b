"""What `newsbot run` starts beside polling: its jobs are on the scheduler and stop with it."""

from __future__ import annotations

from pathlib import Path

from aiogram import Bot

from bot.background import start_background
from bot.config import Settings
from storage.db import Database
from tests.conftest import database_url


async def test_background_runs_delivery_digests_feeds_and_the_outbox_clean_up(db: Database, tmp_path: Path) -> None:
    bot = Bot("123:ABC")  # nothing is sent: the outbox is empty and no feed is due
    settings = Settings(database_url=database_url(db), feeds_file=tmp_path / "none.toml")
    background = await start_background(bot, db, settings)
    try:
        assert background.scheduler is not None  # the one process leads
        jobs = {job.id for job in background.scheduler.scheduler.get_jobs()}
        assert {"feed-polling", "outbox-cleanup", "updates-cleanup"} <= jobs
        assert not background.task.done()  # the delivery worker is running
    finally:
        await background.stop()
        await bot.session.close()
    assert background.task.done()
