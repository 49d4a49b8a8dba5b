"""/search QUERY: events and statements with every word in any form, paged."""

from __future__ import annotations

from aiogram import Bot, Router

from bot import rendering, services
from bot.handlers.common import MAX_QUERY_CHARS, send_pages
from bot.handlers.paging import more_keyboard, paged_command_router
from storage.db import Database

KIND = "search"
USAGE = (
    "Напишите слова для поиска, например: <code>/search водные ресурсы</code>\n"
    "Слова ищутся в любой форме; <code>\"точная фраза\"</code> и <code>-исключить</code> тоже работают."
)


async def show_search(bot: Bot, chat_id: int, db: Database, query: str, offset: int, size: int) -> None:
    result = await services.search(db, query, size, offset)
    if result.query.is_empty:
        await bot.send_message(chat_id, f"В запросе {rendering.echo(query)} нет слов для поиска.\n{USAGE}")
        return
    hits = [(hit.event, hit.statements) for hit in result.page.items]
    texts = rendering.search_page(query, hits, offset)
    markup = await more_keyboard(db, KIND, query, offset + size, size) if result.page.has_more else None
    await send_pages(bot, chat_id, texts, markup)


def setup() -> Router:
    return paged_command_router(KIND, USAGE, MAX_QUERY_CHARS, show_search)
