"""1,000 chats through the Bot API stand-in with injected 429s: sustained rate, lost, duplicates.

Run: .venv/bin/python -m tests.benchmarks.bench_delivery [N_CHATS]

The real delivery worker (bot/delivery.py) with a real aiogram Bot over HTTP to the stand-in
(tests/e2e/botapi_stub.py); one message queued per chat; every second (25 times for 1,000 chats)
the next sendMessage is answered 429 with retry_after=1. Target: ≥ 28 messages/s against Telegram's 30/s ceiling,
lost 0, duplicates 0.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from bot.delivery import DeliveryWorker
from storage import outbox
from storage.db import Database
from tests.e2e.botapi_stub import BotAPIStub


async def inject_429s(api: BotAPIStub, every: float, limit: int, stop: asyncio.Event) -> int:
    injected = 0
    while not stop.is_set() and injected < limit:
        await asyncio.sleep(every)
        api.fail_next("sendMessage", 429, retry_after=1)
        injected += 1
    return injected


async def main() -> None:
    n_chats = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    chats = list(range(1, n_chats + 1))
    with BotAPIStub() as api, tempfile.TemporaryDirectory() as tmp:
        db = await Database.open(Path(tmp) / "bench.sqlite3")
        async with db.transaction() as conn:
            for chat in chats:
                await outbox.enqueue(conn, chat, "alert", f"alert:{chat}:1", f"Сообщение для чата {chat} &amp; всё")
        bot = Bot(api.token, session=AiohttpSession(api=TelegramAPIServer.from_base(api.url)))
        worker = DeliveryWorker(bot, db, poll_interval=0.05)
        stop = asyncio.Event()
        injector = asyncio.create_task(inject_429s(api, 1.0, n_chats // 40, stop))
        started = time.perf_counter()
        task = asyncio.create_task(worker.run())
        while await db.scalar("SELECT count(*) FROM outbox WHERE status = 'pending'"):
            await asyncio.sleep(0.05)
        elapsed = time.perf_counter() - started
        stop.set()
        injected = await injector
        task.cancel()
        await bot.session.close()
        await db.close()
        calls = api.calls_of("sendMessage")
        ok = Counter(int(c.params["chat_id"]) for c in calls if c.ok)
        ok_times = sorted(c.at for c in calls if c.ok)
        refused = sum(c.status == 429 for c in calls)
    lost = sum(1 for chat in chats if ok[chat] == 0)
    duplicates = sum(max(ok[chat] - 1, 0) for chat in chats)
    rate = sum(ok.values()) / elapsed
    print(f"{n_chats} chats, {sum(ok.values())} delivered in {elapsed:.1f} s: {rate:.1f} msg/s overall")
    bulk = ok_times[: int(len(ok_times) * 0.95)]
    if len(bulk) > 1:
        steady = (len(bulk) - 1) / (bulk[-1] - bulk[0])
        print(f"steady rate over the first 95 %: {steady:.1f} msg/s (the tail waits out the last 429s)")
    print(f"429 answered: {refused} (injected {injected}, each waited out by its chat alone)")
    print(f"lost: {lost}, duplicates: {duplicates}")
    print(
        f"target ≥ 28 msg/s, lost 0, duplicates 0: {'met' if rate >= 28 and not lost and not duplicates else 'MISSED'}"
    )


if __name__ == "__main__":
    asyncio.run(main())
