"""The one delivery worker: drains the outbox into Telegram, within Telegram's limits.

- Pace: at most 30 messages a second in all, 1 a second per chat, 20 a minute per group or channel.
- 429: that chat waits `retry_after`, then the same message is tried again.
- 5xx and network errors: the message backs off (1, 2, 4 … 600 s) and the worker pauses briefly.
- 403, `chat not found` and the like: the chat's subscriptions and digests are switched off.
- `migrate_to_chat_id`: the chat, its subscriptions, digest and pending messages move to the new id.
- A message is marked sent only after Telegram accepted it, one message at a time: a crash at any
  moment loses nothing, and after a restart at most the one message in flight is sent again.
- The outbox is polled, so rows written by another process (`newsbot ingest`) are picked up too.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from aiogram import Bot
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)

from storage import outbox
from storage.db import Database, now_iso
from storage.outbox import OutboxMessage

log = logging.getLogger(__name__)

CHAT_GONE = (
    "chat not found",
    "user is deactivated",
    "bot was kicked",
    "bot is not a member",
    "have no rights to send",
    "not enough rights to send",
    "chat_write_forbidden",
    "need administrator rights",
    "peer_id_invalid",
)
MAX_BACKOFF = 600.0
KEEP_SENT_TEXTS = timedelta(days=7)
MAX_PAUSE = 30.0


@dataclass(frozen=True)
class Limits:
    per_second: float = 30.0  # all chats together
    chat_interval: float = 1.0  # seconds between two messages to one chat
    group_per_minute: int = 20  # groups and channels (negative chat ids) …
    group_window: float = 60.0  # … within this many seconds


class Pacer:
    """When the next message may go: globally and per chat. Times are `clock()` seconds."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self.next_global = 0.0
        self.chat_free_at: dict[int, float] = {}
        self.group_sends: dict[int, deque[float]] = {}

    def chat_ready_at(self, chat_id: int) -> float:
        ready = self.chat_free_at.get(chat_id, 0.0)
        sends = self.group_sends.get(chat_id)
        if sends is not None and len(sends) >= self.limits.group_per_minute:
            ready = max(ready, sends[0] + self.limits.group_window)
        return ready

    def global_delay(self) -> float:
        return max(0.0, self.next_global - self.clock())

    def take_global_slot(self) -> None:
        self.next_global = max(self.clock(), self.next_global) + 1.0 / self.limits.per_second

    def block_chat(self, chat_id: int, seconds: float) -> None:
        self.chat_free_at[chat_id] = max(self.chat_free_at.get(chat_id, 0.0), self.clock() + seconds)

    def note_sent(self, chat_id: int) -> None:
        now = self.clock()
        self.chat_free_at[chat_id] = now + self.limits.chat_interval
        if chat_id < 0:
            sends = self.group_sends.setdefault(chat_id, deque(maxlen=self.limits.group_per_minute))
            sends.append(now)
        if len(self.chat_free_at) > 50_000:
            self.forget_idle(now)

    def forget_idle(self, now: float) -> None:
        self.chat_free_at = {c: t for c, t in self.chat_free_at.items() if t > now}
        self.group_sends = {c: d for c, d in self.group_sends.items() if d and d[-1] > now - self.limits.group_window}


def chat_is_gone(error: TelegramAPIError) -> bool:
    text = error.message.lower()
    return isinstance(error, TelegramForbiddenError) or any(reason in text for reason in CHAT_GONE)


class DeliveryWorker:
    def __init__(
        self,
        bot: Bot,
        db: Database,
        limits: Limits | None = None,
        *,
        poll_interval: float = 0.5,
        batch: int = 100,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bot = bot
        self.db = db
        self.pacer = Pacer(limits or Limits(), clock)
        self.clock = clock
        self.poll_interval = poll_interval
        self.batch = batch
        self.paused_until = 0.0
        self.failures_in_a_row = 0
        self.wakeup = asyncio.Event()
        self.sent = 0

    def notify(self) -> None:
        """Something was queued in this process: look now instead of at the next poll."""
        self.wakeup.set()

    async def run(self) -> None:
        log.info("delivery worker started")
        while True:
            try:
                progressed = await self.drain_once()
            except asyncio.CancelledError:
                raise
            except Exception:  # a database hiccup must not end delivery
                log.exception("delivery round failed")
                progressed = False
            if not progressed:
                await self.idle()

    async def idle(self) -> None:
        self.wakeup.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.wakeup.wait(), self.poll_interval)

    async def drain_once(self) -> bool:
        """One pass over the first due message of each chat; True when anything was attempted."""
        heads = await outbox.due_heads(self.db, now_iso(), self.batch)
        progressed = False
        for message in heads:
            if self.pacer.chat_ready_at(message.chat_id) > self.clock():
                continue
            await self.wait_for_slot()
            await self.deliver(message)
            progressed = True
        return progressed

    async def wait_for_slot(self) -> None:
        pause = max(self.paused_until - self.clock(), self.pacer.global_delay())
        if pause > 0:
            await asyncio.sleep(pause)
        self.pacer.take_global_slot()

    async def deliver(self, message: OutboxMessage) -> None:
        try:
            await self.bot.send_message(message.chat_id, message.text, parse_mode=ParseMode.HTML)
        except TelegramRetryAfter as exc:
            log.warning("chat %s: 429, waiting %s s", message.chat_id, exc.retry_after)
            self.pacer.block_chat(message.chat_id, exc.retry_after)
            await outbox.mark_retry(self.db, message.id, exc.retry_after, exc.message)
        except TelegramMigrateToChat as exc:
            log.info("chat %s moved to %s", message.chat_id, exc.migrate_to_chat_id)
            await outbox.move_chat(self.db, message.chat_id, exc.migrate_to_chat_id)
        except (TelegramForbiddenError, TelegramBadRequest) as exc:
            await self.refused(message, exc)
        except TelegramUnauthorizedError as exc:
            log.error("Telegram refuses the token: %s; delivery pauses", exc.message)
            self.paused_until = self.clock() + MAX_PAUSE
        except (TelegramServerError, TelegramNetworkError, TelegramAPIError) as exc:
            await self.failed(message, str(exc))
        except (OSError, TimeoutError) as exc:
            await self.failed(message, repr(exc))
        else:
            await outbox.mark_sent(self.db, message.id)
            self.pacer.note_sent(message.chat_id)
            self.failures_in_a_row = 0
            self.sent += 1

    async def refused(self, message: OutboxMessage, exc: TelegramAPIError) -> None:
        if chat_is_gone(exc):
            log.info("chat %s is gone (%s): its subscriptions and digests are off", message.chat_id, exc.message)
            await outbox.deactivate_chat(self.db, message.chat_id, exc.message)
        else:  # the message itself is wrong (bad HTML, too long): it will never go through
            log.error("message %s to chat %s refused: %s", message.id, message.chat_id, exc.message)
            await outbox.mark_dead(self.db, message.id, exc.message)

    async def failed(self, message: OutboxMessage, error: str) -> None:
        """Telegram or the network failed: retry this message later, and pause a little."""
        self.failures_in_a_row += 1
        delay = min(2.0**message.attempts, MAX_BACKOFF)
        log.warning("message %s to chat %s failed (%s); retry in %.0f s", message.id, message.chat_id, error, delay)
        self.pacer.block_chat(message.chat_id, delay)
        await outbox.mark_retry(self.db, message.id, delay, error)
        self.paused_until = self.clock() + min(0.5 * 2 ** (self.failures_in_a_row - 1), MAX_PAUSE)


async def forget_old_texts(db: Database) -> None:
    """A daily job: the texts of messages sent more than KEEP_SENT_TEXTS ago are dropped (their keys stay)."""
    forgotten = await outbox.forget_old_texts(db, datetime.now(UTC) - KEEP_SENT_TEXTS)
    if forgotten:
        log.info("outbox: dropped the texts of %d old sent messages", forgotten)
