"""/event N and the «Подробнее» buttons: one event in full."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import CommandObject
from aiogram.types import CallbackQuery, Message

from bot import rendering, services
from bot.handlers.common import callback_chat_id, command, send_pages
from bot.handlers.paging import EventOpen
from storage.db import Database

USAGE = "Укажите номер события, например: <code>/event 3</code> (номер — в строке с датой, «№3»)"
MAX_ID_DIGITS = 12


async def show_event(bot: Bot, chat_id: int, db: Database, event_id: int) -> None:
    detail = await services.event_detail(db, event_id)
    if detail is None:
        await bot.send_message(chat_id, f"События №{event_id} нет. Последние события: /latest")
        return
    await send_pages(bot, chat_id, rendering.event_page(detail.event, detail.statements))


async def event_command(message: Message, command: CommandObject, bot: Bot, db: Database) -> None:
    arg = (command.args or "").strip().lstrip("№#")
    if not (arg.isascii() and arg.isdigit()) or len(arg) > MAX_ID_DIGITS:
        await message.answer(USAGE)
        return
    await show_event(bot, message.chat.id, db, int(arg))


async def event_pressed(callback: CallbackQuery, callback_data: EventOpen, bot: Bot, db: Database) -> None:
    await callback.answer()
    await show_event(bot, callback_chat_id(callback), db, callback_data.id)


def setup() -> Router:
    router = Router(name="events")
    router.message.register(event_command, command("event"))
    router.callback_query.register(event_pressed, EventOpen.filter())
    return router
