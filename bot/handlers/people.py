"""/person NAME: the latest statements of one person, any case form of the surname."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot import rendering, services
from bot.handlers.common import MAX_ARG_CHARS, PAGE_SIZE, callback_chat_id, send_pages, too_long
from bot.handlers.paging import More, more_keyboard, resolve_key
from storage.db import Database

KIND = "person"
USAGE = "Укажите фамилию, например: <code>/person Токаев</code> или <code>/person Кошербаев</code>"


async def show_person(bot: Bot, chat_id: int, db: Database, name: str, offset: int, size: int) -> None:
    result = await services.person_statements(db, name, size, offset)
    texts = rendering.person_page(name, result.people, result.page.items, offset)
    if not result.people and offset == 0:
        known = await services.recently_quoted_people(db)
        if known:
            texts[-1] += "\nЕсть заявления: " + ", ".join(rendering.escape(n) for n in known)
    markup = await more_keyboard(db, KIND, name, offset + size, size) if result.page.has_more else None
    await send_pages(bot, chat_id, texts, markup)


async def person_command(message: Message, command: CommandObject, bot: Bot, db: Database) -> None:
    name = " ".join((command.args or "").split())
    if not name:
        await message.answer(USAGE)
        return
    if problem := too_long(name, MAX_ARG_CHARS):
        await message.answer(problem)
        return
    await show_person(bot, message.chat.id, db, name, 0, PAGE_SIZE)


async def person_more(callback: CallbackQuery, callback_data: More, bot: Bot, db: Database) -> None:
    await callback.answer()
    name = await resolve_key(db, callback_data.key)
    if name is None:
        await bot.send_message(callback_chat_id(callback), "Список устарел. " + USAGE)
        return
    await show_person(bot, callback_chat_id(callback), db, name, callback_data.offset, callback_data.size)


def setup() -> Router:
    router = Router(name="people")
    router.message.register(person_command, Command("person"))
    router.callback_query.register(person_more, More.filter(F.kind == KIND))
    return router
