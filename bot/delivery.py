"""The delivery workers: they drain the outbox into Telegram, within Telegram's limits.

- Pace: at most 30 messages a second in all, 1 a second per chat, 20 a minute per group or channel.
  The per-chat limits live in the database (storage/outbox.py, `chat_pace`), so they hold across
  workers. The global one lives in this process on SQLite (one process delivers: `LocalPace`) and in
  the database on PostgreSQL, where every `newsbot run` delivers (`SharedPace`).
- Several workers: each claims a few chats' oldest due messages for a lease (LEASE seconds); a
  worker killed mid-way costs at most the one message in flight sent twice, and its other claimed
  messages wait for the lease to lapse. A worker stopped normally gives its claims back at once.
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
import os
import socket
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

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
from storage.db import POSTGRESQL, Database
from storage.outbox import Limits, OutboxMessage, Sent

__all__ = ["DeliveryWorker", "Limits", "LocalPace", "SharedPace", "forget_old_texts"]

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
LEASE = 30.0  # seconds a claim lasts: how long a killed worker's messages wait
LEASE_MARGIN = 10.0  # a claimed message is given back rather than sent this close to its lease's end
LATE = 0.02  # seconds: a sender that wakes later than this after its slot takes another one
SHARED_MARGIN = 2.0  # messages a second the shared pace keeps under the global limit
CLAIM_BATCH = 10  # messages a worker claims at once (a third of a second of the global limit)


class Pace(Protocol):
    async def slot(self) -> float:
        """Take the next slot of the global limit; when it comes (Unix seconds)."""
        ...


class LocalPace:
    """The global limit kept by this process alone."""

    def __init__(self, per_second: float, clock: Callable[[], float] = time.time) -> None:
        self.interval = 1.0 / per_second
        self.clock = clock
        self.next_at = 0.0

    async def slot(self) -> float:
        at = max(self.clock(), self.next_at)
        self.next_at = at + self.interval
        return at


class SharedPace:
    """The global limit across workers: slots taken from the database, SHARED_MARGIN messages a
    second under the limit. A message reaches Telegram some milliseconds after its slot, more or
    less at random (several processes share the CPUs), and slots exactly 1/30 s apart would let a
    31st into some 1-s window; 1/28 s apart, that takes 71 ms of difference in lateness."""

    def __init__(self, db: Database, per_second: float, clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.interval = 1.0 / max(per_second - SHARED_MARGIN, per_second / 2)
        self.clock = clock

    async def slot(self) -> float:
        return await outbox.reserve_slot(self.db, self.clock(), self.interval)


def worker_name() -> str:
    """Who holds a claim: host, process and this worker."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


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
        batch: int = CLAIM_BATCH,
        lease: float = LEASE,
        clock: Callable[[], float] = time.time,
        pace: Pace | None = None,
    ) -> None:
        self.bot = bot
        self.db = db
        self.limits = limits or Limits()
        self.clock = clock
        self.poll_interval = poll_interval
        self.batch = batch
        self.lease = lease
        self.name = worker_name()
        if pace is None:
            shared = db.dialect == POSTGRESQL
            pace = SharedPace(db, self.limits.per_second, clock) if shared else LocalPace(self.limits.per_second, clock)
        self.pace = pace
        self.paused_until = 0.0
        self.failures_in_a_row = 0
        self.wakeup = asyncio.Event()
        self.sent = 0

    def notify(self) -> None:
        """Something was queued in this process: look now instead of at the next poll."""
        self.wakeup.set()

    async def run(self) -> None:
        log.info("delivery worker %s started", self.name)
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
        """Claim the first due message of a few free chats and send them; True when any was claimed."""
        now = self.clock()
        claimed = await outbox.claim_heads(self.db, self.name, now, self.lease, self.batch)
        lease_ends = now + self.lease
        for done, message in enumerate(claimed):
            try:
                await self.wait_for_slot()
                if self.clock() > lease_ends - LEASE_MARGIN:  # another worker may take it any moment now
                    await self.give_back(claimed[done:])
                    break
                await self.deliver(message)
            except asyncio.CancelledError:  # stopping: the others need not wait for the lease
                await self.give_back(claimed[done:])
                raise
        return bool(claimed)

    async def give_back(self, messages: list[OutboxMessage]) -> None:
        with contextlib.suppress(Exception):
            await outbox.release(self.db, [m.id for m in messages], self.name)

    async def wait_for_slot(self) -> None:
        if self.paused_until > self.clock():
            await asyncio.sleep(self.paused_until - self.clock())
        while True:
            slot = await self.pace.slot()
            if slot > self.clock():
                await asyncio.sleep(slot - self.clock())
            if self.clock() - slot <= LATE:
                return
            # woken too late: sent now, this message would crowd the slots after it

    async def deliver(self, message: OutboxMessage) -> None:
        try:
            await self.bot.send_message(message.chat_id, message.text, parse_mode=ParseMode.HTML)
        except TelegramRetryAfter as exc:
            log.warning("chat %s: 429, waiting %s s", message.chat_id, exc.retry_after)
            await outbox.mark_retry(self.db, message.id, exc.retry_after, exc.message, message.chat_id)
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
            await outbox.mark_sent(self.db, message.id, Sent(message.chat_id, self.clock(), self.limits))
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
        await outbox.mark_retry(self.db, message.id, delay, error, message.chat_id)
        self.paused_until = self.clock() + min(0.5 * 2 ** (self.failures_in_a_row - 1), MAX_PAUSE)


async def forget_old_texts(db: Database) -> None:
    """A daily job: the texts of messages sent more than KEEP_SENT_TEXTS ago are dropped (their keys
    stay), and so is the pace of chats that got nothing for a day (more than any group window)."""
    forgotten = await outbox.forget_old_texts(db, datetime.now(UTC) - KEEP_SENT_TEXTS)
    if forgotten:
        log.info("outbox: dropped the texts of %d old sent messages", forgotten)
    await outbox.forget_idle_chats(db, time.time() - 86_400)
