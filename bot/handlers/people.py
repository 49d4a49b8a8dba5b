"""/person NAME: the latest statements of one person, any case form of the surname."""

from __future__ import annotations

from aiogram import Bot, Router

from bot import rendering, services
from bot.handlers.common import MAX_ARG_CHARS, send_pages
from bot.handlers.paging import list_keyboard, more_keyboard, paged_command_router
from storage.db import Database

KIND = "person"
USAGE = (
    "Укажите фамилию, например: <code>/person Токаев</code>, <code>/person Kosherbayev</code> или с периодом: "
    "<code>/person Токаев март 2025</code>"
)


async def show_person(bot: Bot, chat_id: int, db: Database, name: str, offset: int, size: int) -> None:
    try:
        result = await services.person_statements(db, name, size, offset)
    except services.BadPeriod as exc:
        await bot.send_message(chat_id, f"{rendering.escape(str(exc))} Пример: <code>/person Токаев март 2025</code>")
        return
    texts = rendering.person_page(name, result.people, result.page.items, offset, result.period)
    if not result.people and offset == 0:
        known = await services.recently_quoted_people(db)
        if known:
            hint = "Есть заявления: " + ", ".join(rendering.escape(n) for n in known)
            texts = rendering.split_message([*texts, hint], separator="\n")
    more = await more_keyboard(db, KIND, name, offset + size, size) if result.page.has_more else None
    await send_pages(bot, chat_id, texts, list_keyboard([st.event_id for st in result.page.items], offset, more))


def setup() -> Router:
    return paged_command_router(KIND, USAGE, MAX_ARG_CHARS, show_person)
