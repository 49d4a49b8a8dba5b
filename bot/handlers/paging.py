"""«Ещё» buttons: one CallbackData for every paged list, and short keys for long arguments.

Callback data holds at most 64 bytes, so an argument that does not fit (or contains the
separator) is kept in the `settings_kv` table under a short hash and looked up on the press.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable

from aiogram import Bot, F, Router
from aiogram.filters import CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from pydantic import Field

from bot.handlers.common import MAX_PAGE, PAGE_SIZE, callback_chat_id, too_long
from bot.handlers.common import command as typed_command
from storage.db import Database

MORE_LABEL = "Ещё"
CALLBACK_LIMIT = 64
STORED_PREFIX = "#"
KV_PREFIX = "callback:"
# Callback data comes from the client and may be forged: each field is bounded, and data that
# does not fit is answered by the fallback router (bot/handlers/fallback.py).
MAX_OFFSET = 1_000_000


MAX_EVENT_ID = 10**12


class More(CallbackData, prefix="more"):
    kind: str = Field(max_length=16)  # latest, org, person, search
    offset: int = Field(ge=0, le=MAX_OFFSET)
    size: int = Field(ge=1, le=MAX_PAGE)
    key: str = Field(max_length=CALLBACK_LIMIT)  # the command's argument, or "#<hash>" of a stored one


class EventOpen(CallbackData, prefix="ev"):
    id: int = Field(ge=1, le=MAX_EVENT_ID)  # the event's id: a few digits, far below the 64-byte limit


DETAIL_LABEL = "Подробнее"
DETAILS_PER_ROW = 3


def list_keyboard(event_ids: list[int], offset: int, more: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """A «Подробнее N» button for each numbered result (N as in the list), then «Ещё» if any."""
    buttons = [
        InlineKeyboardButton(text=f"{DETAIL_LABEL} {n}", callback_data=EventOpen(id=event_id).pack())
        for n, event_id in enumerate(event_ids, start=offset + 1)
    ]
    rows = [buttons[i : i + DETAILS_PER_ROW] for i in range(0, len(buttons), DETAILS_PER_ROW)]
    rows += more.inline_keyboard if more else []
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


class OrgPick(CallbackData, prefix="org"):
    key: str = Field(max_length=CALLBACK_LIMIT)  # organisation id, or "#<hash>" of a stored one


def fits(callback: CallbackData) -> bool:
    try:
        return len(callback.pack().encode()) <= CALLBACK_LIMIT
    except ValueError:  # the separator inside a value
        return False


async def short_key(db: Database, text: str, probe: CallbackData) -> str:
    """`text` itself when `probe` (the callback with key=text) fits; else a stored hash."""
    if fits(probe):
        return text
    digest = STORED_PREFIX + hashlib.sha1(text.encode()).hexdigest()[:16]
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO settings_kv (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", (KV_PREFIX + digest, text)
        )
    return digest


async def resolve_key(db: Database, key: str) -> str | None:
    """The argument behind a key; None when a stored one is gone."""
    if not key.startswith(STORED_PREFIX):
        return key
    value = await db.scalar("SELECT value FROM settings_kv WHERE key = ?", (KV_PREFIX + key,))
    return None if value is None else str(value)


async def more_keyboard(db: Database, kind: str, text: str, offset: int, size: int) -> InlineKeyboardMarkup | None:
    """The «Ещё» button for the page at `offset`; none beyond the last page a button may ask for."""
    if offset > MAX_OFFSET:
        return None
    key = await short_key(db, text, More(kind=kind, offset=offset, size=size, key=text))
    button = InlineKeyboardButton(
        text=MORE_LABEL, callback_data=More(kind=kind, offset=offset, size=size, key=key).pack()
    )
    return InlineKeyboardMarkup(inline_keyboard=[[button]])


async def org_buttons(db: Database, choices: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    """One button per (organisation name or id, label), two per row."""
    buttons = []
    for value, label in choices:
        key = await short_key(db, value, OrgPick(key=value))
        buttons.append(InlineKeyboardButton(text=label, callback_data=OrgPick(key=key).pack()))
    return InlineKeyboardMarkup(inline_keyboard=[buttons[i : i + 2] for i in range(0, len(buttons), 2)])


# show(bot, chat id, db, the argument, offset, page size): sends one page and its «Ещё» button
ShowPage = Callable[[Bot, int, Database, str, int, int], Awaitable[None]]


def paged_command_router(command: str, usage: str, max_chars: int, show: ShowPage) -> Router:
    """`/command TEXT` answered page by page, «Ещё» showing the next (/person, /search): no argument
    or too long a one gets the usage or the limit; a press on an outdated button says so."""

    async def on_command(message: Message, command: CommandObject, bot: Bot, db: Database) -> None:
        text = " ".join((command.args or "").split())
        if not text:
            await message.answer(usage)
        elif problem := too_long(text, max_chars):
            await message.answer(problem)
        else:
            await show(bot, message.chat.id, db, text, 0, PAGE_SIZE)

    async def on_more(callback: CallbackQuery, callback_data: More, bot: Bot, db: Database) -> None:
        await callback.answer()
        text = await resolve_key(db, callback_data.key)
        if text is None:
            await bot.send_message(callback_chat_id(callback), "Список устарел. " + usage)
        else:
            await show(bot, callback_chat_id(callback), db, text, callback_data.offset, callback_data.size)

    router = Router(name=command)
    router.message.register(on_command, typed_command(command))
    router.callback_query.register(on_more, More.filter(F.kind == command))
    return router
