"""Anything else in a private chat: a hint; a button press no handler takes (outdated or forged
callback data): a short note. Included last."""

from __future__ import annotations

import re

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.types import CallbackQuery, Message

from bot import rendering

ADDRESSED = re.compile(r"/\w+@(\w+)")


async def private_text(message: Message, bot: Bot) -> None:
    addressed = ADDRESSED.match(message.text or "")
    if addressed and addressed.group(1).lower() != ((await bot.me()).username or "").lower():
        return  # a command for another bot: not ours to answer
    await message.answer(rendering.private_text_hint(message.text or ""))


async def private_other(message: Message) -> None:
    await message.answer("Я понимаю только текстовые команды. Список команд: /help")


STALE_BUTTON = "Эта кнопка устарела или повреждена. Повторите команду; список команд — /help"


async def unknown_button(callback: CallbackQuery) -> None:
    await callback.answer(STALE_BUTTON, show_alert=True)


def setup() -> Router:
    router = Router(name="fallback")
    router.message.filter(F.chat.type == ChatType.PRIVATE)
    router.message.register(private_text, F.text)
    router.message.register(private_other)
    router.callback_query.register(unknown_button)
    return router
