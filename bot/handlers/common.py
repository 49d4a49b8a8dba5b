"""Small helpers the handlers share: sending a list of messages, reading arguments."""

from __future__ import annotations

from aiogram import Bot
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup

from bot.rendering import echo

MAX_ARG_CHARS = 200
MAX_QUERY_CHARS = 300
PAGE_SIZE = 5
MAX_PAGE = 20


def command(*names: str) -> Command:
    """A command as Telegram users type it: any case (`/Latest`); `/org@thisbot` is accepted and
    `/org@otherbot` (meant for another bot in a group) ignored."""
    return Command(*names, ignore_case=True)


async def send_pages(bot: Bot, chat_id: int, texts: list[str], markup: InlineKeyboardMarkup | None = None) -> None:
    """Send the messages in order; the buttons go under the last one."""
    for i, text in enumerate(texts):
        last = i == len(texts) - 1
        await bot.send_message(chat_id, text, reply_markup=markup if last else None)


def callback_chat_id(callback: CallbackQuery) -> int:
    if callback.message is not None:
        return callback.message.chat.id
    return callback.from_user.id


def parse_count(args: str | None, default: int = PAGE_SIZE) -> int | None:
    """`/latest`, `/latest 10`: a count clamped to 1..20; None for something that is not a number."""
    if not args or not args.strip():
        return default
    text = args.strip()
    if not text.isascii() or not text.isdigit():
        return None
    return max(1, min(int(text[-7:]) if len(text.lstrip("0")) <= 7 else MAX_PAGE, MAX_PAGE))


def too_long(text: str, limit: int) -> str | None:
    """A reply for an over-long argument, or None when it is fine."""
    if len(text) <= limit:
        return None
    return f"Слишком длинный запрос ({len(text)} символов): сократите его до {limit}. Начало: {echo(text)}"
