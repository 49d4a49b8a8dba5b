"""/latest [N]: the newest events, with «Ещё»."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot import rendering, services
from bot.handlers.common import callback_chat_id, parse_count, send_pages
from bot.handlers.paging import More, more_keyboard
from storage.db import Database

KIND = "latest"


async def show_latest(bot: Bot, chat_id: int, db: Database, offset: int, size: int) -> None:
    page = await services.latest(db, size, offset)
    texts = rendering.latest_page(page.items, offset)
    markup = await more_keyboard(db, KIND, "-", offset + size, size) if page.has_more else None
    await send_pages(bot, chat_id, texts, markup)


async def latest_command(message: Message, command: CommandObject, bot: Bot, db: Database) -> None:
    size = parse_count(command.args)
    if size is None:
        await message.answer("Укажите число событий от 1 до 20, например: <code>/latest 10</code>")
        return
    await show_latest(bot, message.chat.id, db, 0, size)


async def latest_more(callback: CallbackQuery, callback_data: More, bot: Bot, db: Database) -> None:
    await callback.answer()
    await show_latest(bot, callback_chat_id(callback), db, callback_data.offset, callback_data.size)


def setup() -> Router:
    router = Router(name="latest")
    router.message.register(latest_command, Command("latest"))
    router.callback_query.register(latest_more, More.filter(F.kind == KIND))
    return router
