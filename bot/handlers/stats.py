"""/stats for the bot's owner (OWNER_ID): what is stored, who is subscribed, what waits to be sent."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Router
from aiogram.types import Message

from bot import rendering
from bot.config import Settings
from bot.handlers.common import command
from storage import outbox
from storage.db import Database
from storage.outbox import Backlog

OWNER_ONLY = "Команда /stats — только для владельца бота."


@dataclass(frozen=True)
class Stats:
    articles: int
    events: int
    statements: int
    chats: int
    active_chats: int
    subscriptions: int
    digests: int
    backlog: Backlog
    last_feed_poll: str | None


async def collect(db: Database) -> Stats:
    async def count(sql: str) -> int:
        return int(await db.scalar(sql) or 0)

    return Stats(
        articles=await count("SELECT count(*) FROM articles"),
        events=await count("SELECT count(*) FROM events"),
        statements=await count("SELECT count(*) FROM statements"),
        chats=await count("SELECT count(*) FROM chats"),
        active_chats=await count("SELECT count(*) FROM chats WHERE active = 1"),
        subscriptions=await count("SELECT count(*) FROM subscriptions WHERE active = 1"),
        digests=await count("SELECT count(*) FROM digest_schedules WHERE active = 1"),
        backlog=await outbox.backlog(db),
        last_feed_poll=await db.scalar("SELECT max(last_polled_at) FROM feeds"),
    )


def render(stats: Stats) -> str:
    b = stats.backlog
    oldest = f", самое старое с {rendering.escape(b.oldest_pending)}" if b.oldest_pending else ""
    lines = [
        "<b>Статистика</b>",
        f"Статей: {stats.articles}, событий: {stats.events}, заявлений: {stats.statements}",
        f"Чатов: {stats.chats} (активных {stats.active_chats})",
        f"Подписок: {stats.subscriptions}, дайджестов: {stats.digests}",
        f"Очередь отправки: ждут {b.pending} (пора отправить {b.due}{oldest}), "
        f"отправлено {b.sent}, не доставлено {b.dead}",
        "Последний опрос лент: " + (rendering.escape(stats.last_feed_poll) if stats.last_feed_poll else "ещё не было"),
    ]
    return "\n".join(lines)


async def stats_command(message: Message, db: Database, settings: Settings) -> None:
    user = message.from_user
    if settings.owner_id is None or user is None or user.id != settings.owner_id:
        await message.answer(OWNER_ONLY)
        return
    await message.answer(render(await collect(db)))


def setup() -> Router:
    router = Router(name="stats")
    router.message.register(stats_command, command("stats"))
    return router
