"""A fresh Bot + Dispatcher per test, with a session that records calls instead of going to Telegram."""

from __future__ import annotations

import itertools
import time
from typing import Any

from aiogram import Bot
from aiogram.types import Message

from bot.app import build_dispatcher, default_properties
from bot.config import Settings
from bot.console import RecordingSession
from bot.middlewares import ThrottlingMiddleware
from storage.db import Database
from tests.e2e.botapi_stub import check_telegram_html


class Harness:
    def __init__(
        self, db: Database, throttle: ThrottlingMiddleware | None = None, settings: Settings | None = None
    ) -> None:
        self.session = RecordingSession()
        self.bot = Bot("42:TEST", session=self.session, default=default_properties())
        throttle = throttle or ThrottlingMiddleware(rate=1e6, burst=10**6)
        self.dp = build_dispatcher(db, settings or Settings(), throttle=throttle)
        self.ids = itertools.count(1)

    async def send(
        self, text: str, chat_id: int = 1, user_id: int | None = None, chat_type: str = "private"
    ) -> list[Message]:
        """Feed a text message; return the messages the bot sent in answer."""
        user_id = chat_id if user_id is None else user_id
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        chat.update({"first_name": "Тест"} if chat_type == "private" else {"title": "Группа"})
        message = {
            "message_id": next(self.ids),
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": user_id, "is_bot": False, "first_name": "Тест", "language_code": "ru"},
            "text": text,
        }
        return await self.feed({"update_id": next(self.ids), "message": message})

    async def press(self, message: Message, label: str, user_id: int | None = None) -> list[Message]:
        """Press the inline button `label` (or one starting with it) under a message the bot sent."""
        assert message.reply_markup is not None, "no buttons"
        data = next(
            b.callback_data for row in message.reply_markup.inline_keyboard for b in row if b.text.startswith(label)
        )
        assert data is not None
        return await self.press_data(message, data, user_id)

    async def press_data(self, message: Message, data: str, user_id: int | None = None) -> list[Message]:
        """A button press under `message` carrying any callback data (a forged client sends anything)."""
        user_id = message.chat.id if user_id is None else user_id
        query = {
            "id": str(next(self.ids)),
            "from": {"id": user_id, "is_bot": False, "first_name": "Тест"},
            "chat_instance": "test",
            "message": message.model_dump(mode="json", exclude_none=True, by_alias=True),
            "data": data,
        }
        return await self.feed({"update_id": next(self.ids), "callback_query": query})

    async def feed(self, update: dict[str, Any]) -> list[Message]:
        before = len(self.session.messages)
        await self.dp.feed_raw_update(self.bot, update)
        return self.session.messages[before:]

    def calls(self, name: str) -> list[Any]:
        return [r for r in self.session.requests if r.__api_method__ == name]


def labels(message: Message) -> list[str]:
    if message.reply_markup is None:
        return []
    return [b.text for row in message.reply_markup.inline_keyboard for b in row]


def text(messages: list[Message]) -> str:
    """The answer's messages joined, each checked to be HTML Telegram accepts."""
    assert messages, "no answer"
    for m in messages:
        assert m.text and check_telegram_html(m.text) is None, m.text
    return "\n\n".join(m.text or "" for m in messages)
