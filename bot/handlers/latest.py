"""/latest [N]: the newest events, with «Ещё»."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import CommandObject
from aiogram.types import CallbackQuery, Message

from bot import rendering, services
from bot.handlers.common import MAX_PAGE, callback_chat_id, command, parse_count, send_pages
from bot.handlers.paging import More, list_keyboard, more_keyboard
from storage.db import Database

KIND = "latest"


async def show_latest(bot: Bot, chat_id: int, db: Database, offset: int, size: int) -> None:
    page = await services.latest(db, size, offset)
    texts = rendering.latest_page(page.items, offset)
    more = await more_keyboard(db, KIND, "-", offset + size, size) if page.has_more else None
    await send_pages(bot, chat_id, texts, list_keyboard([e.id for e in page.items], offset, more))


async def latest_command(message: Message, command: CommandObject, bot: Bot, db: Database) -> None:
    args = (command.args or "").strip()
    size = parse_count(args)
    if size is None:
        await message.answer("Укажите число событий от 1 до 20, например: <code>/latest 10</code>")
        return
    digits = args.lstrip("0") or ("0" if args else str(size))
    asked = int(digits) if len(digits) <= 6 else 10**6  # no giant int() from input
    if asked < 1:
        await message.answer(f"Число событий — от 1 до {MAX_PAGE}, а не 0. Например: <code>/latest 10</code>")
        return
    if asked > MAX_PAGE:
        shown = rendering.escape(args[:12])
        await message.answer(f"За раз показываю не больше {MAX_PAGE} событий (вы просили {shown}); дальше — «Ещё».")
    await show_latest(bot, message.chat.id, db, 0, size)


async def latest_more(callback: CallbackQuery, callback_data: More, bot: Bot, db: Database) -> None:
    await callback.answer()
    await show_latest(bot, callback_chat_id(callback), db, callback_data.offset, callback_data.size)


def setup() -> Router:
    router = Router(name="latest")
    router.message.register(latest_command, command("latest"))
    router.callback_query.register(latest_more, More.filter(F.kind == KIND))
    return router
