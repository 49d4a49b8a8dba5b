"""Middlewares: each update answered once, per-user throttling, recording chats, retrying Telegram's 429 and 5xx."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter, TelegramServerError
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import Chat, TelegramObject, Update, User

from storage.db import Database, now_iso
from storage.updates import claim_update

log = logging.getLogger(__name__)
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class OnceMiddleware(BaseMiddleware):
    """An outer middleware on `dp.update`: an update whose id is already in the database (Telegram
    retried it, or another worker was given it too) is dropped before any handler runs."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        db: Database | None = data.get("db")
        if isinstance(event, Update) and db is not None and not await claim_update(db, event.update_id):
            log.info("update %s was taken before: dropped", event.update_id)
            return None
        return await handler(event, data)


class ThrottlingMiddleware(BaseMiddleware):
    """Each user gets `burst` updates at once, then `rate` per second; more wait their turn.

    Nothing is dropped: a burst of 30 commands is answered, just slowly (which also keeps
    the bot under Telegram's one message per second per chat).
    """

    def __init__(self, rate: float = 3.0, burst: int = 5) -> None:
        self.interval = 1.0 / rate
        self.burst = burst
        self.next_free: dict[int, float] = {}  # user id → the theoretical time of their next update

    def delay_for(self, user_id: int, now: float) -> float:
        """Reserve a slot for the user; how long to wait for it (GCRA)."""
        if len(self.next_free) > 10_000:
            self.next_free = {u: t for u, t in self.next_free.items() if t > now}
        slot = max(self.next_free.get(user_id, now), now)
        self.next_free[user_id] = slot + self.interval
        return max(0.0, slot - now - (self.burst - 1) * self.interval)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is not None:
            delay = self.delay_for(user.id, time.monotonic())
            if delay > 0:
                log.debug("user %s throttled for %.2f s", user.id, delay)
                await asyncio.sleep(delay)
        return await handler(event, data)


class ChatRecorderMiddleware(BaseMiddleware):
    """Remembers every chat the bot sees (type, title, language) in the `chats` table.

    Writes only when something changed since the last time this process saw the chat.
    """

    def __init__(self) -> None:
        self.seen: dict[int, tuple[str, str | None, str | None, str | None]] = {}

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        chat: Chat | None = data.get("event_chat")
        db: Database | None = data.get("db")
        if chat is not None and db is not None:
            user: User | None = data.get("event_from_user")
            await self.record(db, chat, user)
        return await handler(event, data)

    async def record(self, db: Database, chat: Chat, user: User | None) -> None:
        title = chat.title or chat.full_name or None
        language = user.language_code if user is not None and chat.type == "private" else None
        facts = (str(chat.type), title, chat.username, language)
        if self.seen.get(chat.id) == facts:
            return
        await upsert_chat(db, chat.id, *facts)
        self.seen[chat.id] = facts


async def upsert_chat(
    db: Database, chat_id: int, chat_type: str, title: str | None, username: str | None, language: str | None
) -> None:
    now = now_iso()
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO chats (id, type, title, username, language, active, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (id) DO UPDATE SET type = excluded.type, "
            "title = excluded.title, username = excluded.username, "
            "language = coalesce(excluded.language, chats.language), active = 1, updated_at = excluded.updated_at",
            (chat_id, chat_type, title, username, language, now, now),
        )


class RetryMiddleware(BaseRequestMiddleware):
    """Waits out 429 (`retry_after`) and retries 5xx a few times with a growing pause."""

    def __init__(self, attempts: int = 4, max_wait: float = 60.0, backoff: float = 0.5) -> None:
        self.attempts = attempts
        self.max_wait = max_wait
        self.backoff = backoff

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        for attempt in range(1, self.attempts + 1):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if attempt == self.attempts or exc.retry_after > self.max_wait:
                    raise
                log.warning("%s: 429, retrying after %s s", method.__api_method__, exc.retry_after)
                await asyncio.sleep(exc.retry_after)
            except TelegramServerError:
                if attempt == self.attempts:
                    raise
                log.warning("%s: server error, retry %d", method.__api_method__, attempt)
                await asyncio.sleep(self.backoff * 2 ** (attempt - 1))
        raise AssertionError("unreachable")
