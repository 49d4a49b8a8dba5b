"""/source add URL, /source list: the owner's news sources (OWNER_ID only)."""

from __future__ import annotations

import html

from aiogram import Router
from aiogram.filters import CommandObject
from aiogram.types import Message

from bot import rendering
from bot.config import Settings
from bot.handlers.common import command
from bot.sources.feeds import Feed, FeedsFileError, add_source, all_feeds
from storage.db import Database

USAGE = (
    "Источники новостей:\n"
    "<code>/source add https://…</code> — добавить ленту RSS/Atom или страницу со списком статей\n"
    "<code>/source list</code> — все ленты и их состояние"
)


def is_owner(message: Message, settings: Settings) -> bool:
    return settings.owner_id is not None and message.from_user is not None and message.from_user.id == settings.owner_id


async def source_command(message: Message, command: CommandObject, db: Database, settings: Settings) -> None:
    if not is_owner(message, settings):
        await message.answer("Эта команда доступна только владельцу бота.")
        return
    action, _, argument = (command.args or "").strip().partition(" ")
    if action == "add" and argument.strip():
        added_by = message.from_user.id if message.from_user else None
        await message.answer(await add_reply(db, argument.strip(), added_by, settings.fetch_allow_private))
    elif action == "list":
        for text in list_pages(await all_feeds(db)):
            await message.answer(text, disable_web_page_preview=True)
    else:
        await message.answer(USAGE)


async def add_reply(db: Database, url: str, added_by: int | None, allow_private: bool = False) -> str:
    try:
        added = await add_source(db, url, added_by, allow_private=allow_private)
    except FeedsFileError as exc:
        return f"Не добавлено: {html.escape(str(exc))}"
    feed = added.feed
    kind = "лента RSS/Atom" if feed.kind == "rss" else "страница со списком статей"
    if not added.created:
        return f"Уже есть: <b>{html.escape(feed.name)}</b> ({kind}); опрос возобновлён."
    return (
        f"Добавлено: <b>{html.escape(feed.name)}</b> — {kind}, записей сейчас: {added.items}. "
        f"Опрос каждые {feed.interval_minutes} мин."
    )


def feed_line(feed: Feed) -> str:
    state = "приостановлена" if feed.paused else ("выключена" if not feed.active else "работает")
    if feed.error_count and not feed.paused:
        state += f", ошибок подряд: {feed.error_count}"
    return f"• <b>{html.escape(feed.name)}</b> ({feed.kind}, {state})\n  {html.escape(feed.url)}"


def list_pages(feeds: list[Feed]) -> list[str]:
    if not feeds:
        return ["Лент пока нет. Добавьте: <code>/source add https://…</code>"]
    return rendering.split_message([f"Ленты ({len(feeds)}):", *map(feed_line, feeds)], separator="\n")


def setup() -> Router:
    router = Router(name="sources")
    router.message.register(source_command, command("source"))
    return router
