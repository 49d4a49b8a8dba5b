"""`newsbot console`: chat with the bot in a terminal, without Telegram and without a token.

The real dispatcher and handlers run; only the session differs: `RecordingSession` answers the
Bot API calls itself (and keeps them, which tests and benchmarks use), `ConsoleSession` also
prints each message as plain text, with buttons as `[Ещё]` that can be typed back.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import logging
import re
import sys
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from typing import Any, TextIO, cast

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import GetChat, GetChatMember, GetMe, SendMessage, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import ChatMemberMember, ChatMemberOwner, InlineKeyboardMarkup, Message, User

from bot.app import build_dispatcher, default_properties, open_database
from bot.config import Settings
from bot.middlewares import ThrottlingMiddleware
from storage import outbox
from storage.db import Database

CONSOLE_TOKEN = "123456:CONSOLE"
CONSOLE_USER_ID = 1001
EXIT_WORDS = {"/quit", "/exit", "выход", "exit", "quit"}


class RecordingSession(BaseSession):
    """A session that never goes to the network: it records every call and answers it plausibly."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self.messages: list[Message] = []  # every message sent, as Telegram would return it
        self.chat_admins = True  # getChatMember answers "creator" (else "member")
        self.message_ids = itertools.count(1)

    @property
    def sent(self) -> list[SendMessage]:
        return [r for r in self.requests if isinstance(r, SendMessage)]

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        self.requests.append(method)
        if isinstance(method, SendMessage):
            message = self.message_for(bot, method)
            self.messages.append(message)
            self.on_message(message)
            return cast(TelegramType, message)
        if isinstance(method, GetMe):
            return cast(TelegramType, User(id=bot.id, is_bot=True, first_name="newsbot", username="newsbot_bot"))
        if isinstance(method, GetChat):  # the console knows no channels or groups but its own chat
            raise TelegramBadRequest(method, "Bad Request: chat not found")
        if isinstance(method, GetChatMember):
            user = User(id=method.user_id, is_bot=False, first_name="Вы")
            member = ChatMemberOwner(user=user, is_anonymous=False) if self.chat_admins else ChatMemberMember(user=user)
            return cast(TelegramType, member)
        return cast(TelegramType, True)  # answerCallbackQuery, setMyCommands, edits …

    def message_for(self, bot: Bot, method: SendMessage) -> Message:
        chat_id = int(method.chat_id)
        chat: dict[str, Any] = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
        if chat_id < 0:
            chat["title"] = "Группа"
        markup = method.reply_markup if isinstance(method.reply_markup, InlineKeyboardMarkup) else None
        raw = {
            "message_id": next(self.message_ids),
            "date": int(datetime.now(UTC).timestamp()),
            "chat": chat,
            "from": {"id": bot.id, "is_bot": True, "first_name": "newsbot"},
            "text": method.text,
            "reply_markup": markup.model_dump(exclude_none=True) if markup else None,
        }
        return Message.model_validate(raw, context={"bot": bot})

    def on_message(self, message: Message) -> None:
        """Called for every message the bot sends."""

    async def close(self) -> None:
        pass

    async def stream_content(
        self, url: str, headers: dict[str, Any] | None = None, timeout: int = 30, chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:  # fmt: skip
        yield b""


LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.DOTALL)
TAG = re.compile(r"<[^<>]*>")


BOLD = re.compile(r"<b>(.*?)</b>", re.DOTALL)
ANSI_BOLD = ("\033[1m", "\033[0m")


def html_to_text(text: str, bold: tuple[str, str] = ("", "")) -> str:
    """Telegram HTML as a terminal shows it: links as `name (url)`, bold as `bold` (ANSI on a
    terminal, nothing when piped), no other tags, no entities."""
    text = LINK.sub(lambda m: f"{m.group(2)} ({html.unescape(m.group(1))})", text)
    if any(bold):
        text = BOLD.sub(lambda m: f"{bold[0]}{m.group(1)}{bold[1]}", text)
    return html.unescape(TAG.sub("", text))


def button_labels(message: Message) -> list[tuple[str, str]]:
    """(label, callback data) of the inline buttons under a message."""
    markup = message.reply_markup
    if markup is None:
        return []
    return [(b.text, b.callback_data) for row in markup.inline_keyboard for b in row if b.callback_data]


class ConsoleSession(RecordingSession):
    """Prints each message; remembers the latest buttons so that typing `[Ещё]` presses one."""

    def __init__(self, out: TextIO) -> None:
        super().__init__()
        self.out = out
        self.buttons: dict[str, tuple[str, Message]] = {}  # normalised label → (data, message)

    def on_message(self, message: Message) -> None:
        bold = ANSI_BOLD if self.out.isatty() else ("", "")
        print(html_to_text(message.text or "", bold), file=self.out)
        labels = button_labels(message)
        if labels:
            self.buttons = {}
            for label, data in labels:
                self.buttons[label.casefold()] = (data, message)
                self.buttons.setdefault(label.split(" (")[0].casefold(), (data, message))
            print("  ".join(f"[{label}]" for label, _ in labels), file=self.out)
        print(file=self.out)

    def button_for(self, line: str) -> tuple[str, Message] | None:
        label = line.strip().removeprefix("[").removesuffix("]").strip().casefold()
        return self.buttons.get(label)


class Console:
    """Turns typed lines into updates for the dispatcher."""

    def __init__(self, session: ConsoleSession, bot: Bot) -> None:
        self.session = session
        self.bot = bot
        self.ids = itertools.count(1)
        self.user = {"id": CONSOLE_USER_ID, "is_bot": False, "first_name": "Гость", "language_code": "ru"}
        self.chat = {"id": CONSOLE_USER_ID, "type": "private", "first_name": "Гость"}

    def update_for(self, line: str) -> dict[str, Any]:
        update_id = next(self.ids)
        pressed = self.session.button_for(line)
        if pressed is not None:
            data, message = pressed
            return {
                "update_id": update_id,
                "callback_query": {
                    "id": str(update_id),
                    "from": self.user,
                    "chat_instance": "console",
                    "message": message.model_dump(mode="json", exclude_none=True, by_alias=True),
                    "data": data,
                },
            }
        sent = {
            "message_id": 10_000 + update_id,
            "date": int(datetime.now(UTC).timestamp()),
            "chat": self.chat,
            "from": self.user,
            "text": line,
        }
        return {"update_id": update_id, "message": sent}


async def show_queued(db: Database, bot: Bot, chat_id: int) -> None:
    """Alerts and digests queued for the console's own chat (`/digest now`): the console runs no
    delivery worker. Other chats' messages are left to the bot."""
    for message in await outbox.pending_for_chat(db, chat_id):
        await bot.send_message(chat_id, message.text)
        await outbox.mark_sent(db, message.id)


async def read_line(interactive: bool) -> str | None:
    if interactive:
        try:
            return await asyncio.to_thread(input, "> ")
        except EOFError:
            return None
    line = await asyncio.to_thread(sys.stdin.readline)
    return line or None


async def run_console(settings: Settings, out: TextIO = sys.stdout) -> int:
    """Read lines (typed or piped), answer each through the real dispatcher; stop at EOF or /quit."""
    logging.getLogger("aiogram").setLevel(logging.WARNING)
    interactive = sys.stdin.isatty()
    db = await open_database(settings)
    session = ConsoleSession(out)
    bot = Bot(CONSOLE_TOKEN, session=session, default=default_properties())
    dp = build_dispatcher(db, settings, throttle=ThrottlingMiddleware(rate=1000, burst=1000))
    console = Console(session, bot)
    if interactive:
        print("newsbot console: пишите команды как в Telegram (/help), кнопки — [Ещё]; выход — /quit\n", file=out)
    try:
        while (line := await read_line(interactive)) is not None:
            line = line.strip()
            if not line:
                continue
            if line.lower() in EXIT_WORDS:
                break
            if not interactive:
                print(f"> {line}", file=out)
            await dp.feed_raw_update(bot, console.update_for(line))
            await show_queued(db, bot, CONSOLE_USER_ID)
            out.flush()
    except KeyboardInterrupt:
        pass
    finally:
        await bot.session.close()
        await db.close()
    return 0
