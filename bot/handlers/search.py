"""/search QUERY: events and statements with every word in any form, paged."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot import rendering, services
from bot.handlers.common import MAX_QUERY_CHARS, PAGE_SIZE, callback_chat_id, send_pages, too_long
from bot.handlers.paging import More, more_keyboard, resolve_key
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


async def search_command(message: Message, command: CommandObject, bot: Bot, db: Database) -> None:
    query = " ".join((command.args or "").split())
    if not query:
        await message.answer(USAGE)
        return
    if problem := too_long(query, MAX_QUERY_CHARS):
        await message.answer(problem)
        return
    await show_search(bot, message.chat.id, db, query, 0, PAGE_SIZE)


async def search_more(callback: CallbackQuery, callback_data: More, bot: Bot, db: Database) -> None:
    await callback.answer()
    query = await resolve_key(db, callback_data.key)
    if query is None:
        await bot.send_message(callback_chat_id(callback), "Список устарел. " + USAGE)
        return
    await show_search(bot, callback_chat_id(callback), db, query, callback_data.offset, callback_data.size)


def setup() -> Router:
    router = Router(name="search")
    router.message.register(search_command, Command("search"))
    router.callback_query.register(search_more, More.filter(F.kind == KIND))
    return router
