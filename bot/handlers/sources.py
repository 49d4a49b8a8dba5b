"""/source add URL, /source list, /source skipped: the owner's news sources (OWNER_ID only)."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram import Router
from aiogram.filters import CommandObject
from aiogram.types import Message

from bot import rendering
from bot.config import Settings
from bot.handlers.common import command
from bot.sources.feeds import Feed, FeedsFileError, add_source, all_feeds
from storage.db import Database
from storage.sources import STATS_DAYS, FeedStats, SkippedItem, feed_stats, recent_skipped

USAGE = (
    "Источники новостей:\n"
    "<code>/source add https://…</code> — добавить ленту RSS/Atom или страницу со списком статей\n"
    "<code>/source list</code> — все ленты: последний успех, последняя ошибка, сколько сохранено и пропущено\n"
    "<code>/source skipped</code> — последние статьи, пропущенные как не о внешней политике, и почему"
)
KIND_NAMES = {"rss": "RSS/Atom", "page": "страница", "govkz": "API gov.kz", "akorda": "события Акорды"}
SKIPPED_LIMIT = 20


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
        for text in list_pages(await all_feeds(db), await feed_stats(db), settings.tz):
            await message.answer(text, disable_web_page_preview=True)
    elif action == "skipped":
        for text in skipped_pages(await recent_skipped(db, SKIPPED_LIMIT), settings.tz):
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


def feed_line(feed: Feed, stats: FeedStats | None, tz: ZoneInfo) -> str:
    state = "приостановлена" if feed.paused else ("выключена" if not feed.active else "работает")
    if feed.error_count and not feed.paused:
        state += f", ошибок подряд: {feed.error_count}"
    stats = stats or FeedStats(0.0, 0)
    ok = _when(feed.last_ok_at, tz) or "ещё не было"
    error = f"{_when(feed.last_polled_at, tz)} — {html.escape(feed.last_error)}" if feed.last_error else "нет"
    return (
        f"• <b>{html.escape(feed.name)}</b> ({KIND_NAMES.get(feed.kind, feed.kind)}, {state})\n"
        f"  {html.escape(feed.url)}\n"
        f"  успех: {ok}; ошибка: {error}\n"
        f"  сохранено в день: {stats.stored_per_day:.1f} (за {STATS_DAYS} дн.); пропущено: {stats.skipped}"
    )


def _when(iso: str | None, tz: ZoneInfo) -> str | None:
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso).astimezone(tz).strftime("%d.%m %H:%M")
    except ValueError:
        return iso


def list_pages(feeds: list[Feed], stats: dict[int, FeedStats] | None = None, tz: ZoneInfo | None = None) -> list[str]:
    if not feeds:
        return ["Лент пока нет. Добавьте: <code>/source add https://…</code>"]
    zone = tz or ZoneInfo("Asia/Almaty")
    lines = [feed_line(f, (stats or {}).get(f.id), zone) for f in feeds]
    return rendering.split_message([f"Ленты ({len(feeds)}):", *lines], separator="\n")


def skipped_pages(items: list[SkippedItem], tz: ZoneInfo) -> list[str]:
    if not items:
        return ["Пропущенных статей нет."]
    lines = [
        f"• {_when(i.seen_at, tz)} {html.escape(i.feed_name or '?')}: {html.escape(i.url)}\n"
        f"  {html.escape(i.reason[:300])}"
        for i in items
    ]
    head = (
        f"Пропущено как не о внешней политике (последние {len(items)}). "
        "Сохранить вручную: <code>newsbot ingest URL</code>"
    )
    return rendering.split_message([head, *lines], separator="\n")


def setup() -> Router:
    router = Router(name="sources")
    router.message.register(source_command, command("source"))
    return router
