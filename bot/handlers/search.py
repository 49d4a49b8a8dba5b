"""/search QUERY: events and statements with every word in any form, paged."""

from __future__ import annotations

from aiogram import Bot, Router

from bot import rendering, services
from bot.handlers.common import MAX_QUERY_CHARS, send_pages
from bot.handlers.paging import list_keyboard, more_keyboard, paged_command_router
from bot.news.matcher import has_markup
from storage.db import Database

KIND = "search"
USAGE = (
    "Напишите слова для поиска, например: <code>/search водные ресурсы</code>\n"
    "Слова ищутся в любой форме и по-английски (вода — water); <code>\"точная фраза\"</code>, "
    "<code>-исключить</code> и период в конце тоже работают: <code>/search вода с 01.01.2025</code>, "
    "<code>/search санкции 2024</code>, <code>/search климат март 2025</code>."
)


async def show_search(bot: Bot, chat_id: int, db: Database, query: str, offset: int, size: int) -> None:
    if has_markup(query):
        await bot.send_message(chat_id, rendering.markup_refusal("search", query))
        return
    try:
        result = await services.search(db, query, size, offset)
    except services.BadPeriod as exc:
        await bot.send_message(chat_id, f"{rendering.escape(str(exc))}\n{USAGE}")
        return
    if result.query.is_empty:
        await bot.send_message(chat_id, f"В запросе {rendering.echo(query)} нет слов для поиска.\n{USAGE}")
        return
    texts = rendering.search_page(query, result.page.items, offset, result.period)
    more = await more_keyboard(db, KIND, query, offset + size, size) if result.page.has_more else None
    markup = list_keyboard([hit.event.id for hit in result.page.items], offset, more)
    await send_pages(bot, chat_id, texts, markup)


def setup() -> Router:
    return paged_command_router(KIND, USAGE, MAX_QUERY_CHARS, show_search)
