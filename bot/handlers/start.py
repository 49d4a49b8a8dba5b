"""/start and /help."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import CommandStart
from aiogram.types import Message

from bot import rendering
from bot.handlers.common import command


async def start_command(message: Message) -> None:
    name = message.from_user.first_name if message.from_user else None
    await message.answer(rendering.start_text(name))


async def help_command(message: Message) -> None:
    await message.answer(rendering.help_text())


def setup() -> Router:
    router = Router(name="start")
    router.message.register(start_command, CommandStart(ignore_case=True))
    router.message.register(help_command, command("help"))
    return router
