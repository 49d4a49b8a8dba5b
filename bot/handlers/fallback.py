"""Anything else in a private chat: a hint. Included last."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.types import Message

from bot import rendering


async def private_text(message: Message) -> None:
    await message.answer(rendering.private_text_hint(message.text or ""))


async def private_other(message: Message) -> None:
    await message.answer("Я понимаю только текстовые команды. Список команд: /help")


def setup() -> Router:
    router = Router(name="fallback")
    router.message.filter(F.chat.type == ChatType.PRIVATE)
    router.message.register(private_text, F.text)
    router.message.register(private_other)
    return router
