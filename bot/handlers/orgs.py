"""/org NAME: events of one organisation; no name: the busiest ones; unknown name: the closest ones."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot import rendering, services
from bot.handlers.common import MAX_ARG_CHARS, PAGE_SIZE, callback_chat_id, command, send_pages, too_long
from bot.handlers.paging import More, OrgPick, list_keyboard, more_keyboard, org_buttons, resolve_key
from storage.db import Database

KIND = "org"
TOP_ORGS = 8
EXAMPLES = "<code>/org ОБСЕ</code>, <code>/org ООН</code>, <code>/org ШОС</code>"


async def show_org(bot: Bot, chat_id: int, db: Database, name: str, offset: int, size: int) -> None:
    try:
        result = await services.org_events(db, name, size, offset)
    except services.BadPeriod as exc:
        await bot.send_message(chat_id, f"{rendering.escape(str(exc))} Пример: <code>/org ОБСЕ 2024</code>")
        return
    if result.org is None:
        await show_suggestions(bot, chat_id, db, name, [(o.name, o.name) for o in result.suggestions])
        return
    texts = rendering.org_page(result.org.name, result.page.items, offset, result.period)
    key = name if result.period else result.org.name  # the period goes on with «Ещё»
    more = await more_keyboard(db, KIND, key, offset + size, size) if result.page.has_more else None
    await send_pages(bot, chat_id, texts, list_keyboard([e.id for e in result.page.items], offset, more))


async def show_suggestions(bot: Bot, chat_id: int, db: Database, name: str, suggestions: list[tuple[str, str]]) -> None:
    """Never empty: the closest known names, else the busiest organisations, else examples."""
    text = f"Не знаю организации {rendering.echo(name)}."
    choices = suggestions or await busiest(db)
    if choices:
        lead = "Возможно, вы имели в виду:" if suggestions else "Организации с событиями:"
        await bot.send_message(chat_id, f"{text} {lead}", reply_markup=await org_buttons(db, choices))
    else:
        await bot.send_message(chat_id, f"{text} Попробуйте: {EXAMPLES}")


async def busiest(db: Database) -> list[tuple[str, str]]:
    """(name, label) of the organisations with the most events."""
    top = await services.top_organizations(db, TOP_ORGS)
    return [(org.name, f"{org.name} ({count})") for org, count in top]


async def org_menu(db: Database) -> tuple[str, InlineKeyboardMarkup | None]:
    choices = await busiest(db)
    if not choices:
        return f"Событий пока нет. Когда они появятся, попробуйте {EXAMPLES}", None
    return f"Выберите организацию или напишите её название: {EXAMPLES}", await org_buttons(db, choices)


async def org_command(message: Message, command: CommandObject, bot: Bot, db: Database) -> None:
    name = " ".join((command.args or "").split())
    if not name:
        text, markup = await org_menu(db)
        await message.answer(text, reply_markup=markup)
        return
    if problem := too_long(name, MAX_ARG_CHARS):
        await message.answer(problem)
        return
    await show_org(bot, message.chat.id, db, name, 0, PAGE_SIZE)


async def org_picked(callback: CallbackQuery, callback_data: OrgPick, bot: Bot, db: Database) -> None:
    await show_org_from_button(callback, callback_data.key, bot, db, 0, PAGE_SIZE)


async def org_more(callback: CallbackQuery, callback_data: More, bot: Bot, db: Database) -> None:
    await show_org_from_button(callback, callback_data.key, bot, db, callback_data.offset, callback_data.size)


async def show_org_from_button(
    callback: CallbackQuery, key: str, bot: Bot, db: Database, offset: int, size: int
) -> None:
    """A button carries the name under a short key; an expired key brings the menu back."""
    await callback.answer()
    name = await resolve_key(db, key)
    chat_id = callback_chat_id(callback)
    if name is None:
        text, markup = await org_menu(db)
        await bot.send_message(chat_id, text, reply_markup=markup)
        return
    await show_org(bot, chat_id, db, name, offset, size)


def setup() -> Router:
    router = Router(name="orgs")
    router.message.register(org_command, command("org"))
    router.callback_query.register(org_picked, OrgPick.filter())
    router.callback_query.register(org_more, More.filter(F.kind == KIND))
    return router
