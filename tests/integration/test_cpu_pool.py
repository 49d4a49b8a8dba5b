"""The running bot's worker process: articles are parsed outside the event loop's process."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator

import pytest

from bot import cpu
from bot.news import parse
from bot.news.models import ArticleMeta
from bot.news.textio import RejectedInput
from tests.adversarial import real_text


@pytest.fixture
def pool() -> Iterator[None]:
    cpu.start_pool()
    yield
    cpu.stop_pool()


async def test_work_runs_in_another_process(pool: None) -> None:
    assert cpu.pool_running()
    assert await cpu.run(os.getpid) != os.getpid()
    text = real_text(8_000)
    meta = ArticleMeta(url="https://example.kz/1")
    assert await cpu.parse_article(text, meta) == parse(text, meta)


async def test_rejections_come_back_as_raised(pool: None) -> None:
    from bot.news.textio import check_article

    with pytest.raises(RejectedInput, match="не похоже на статью"):
        await cpu.run(check_article, "а\n" * 1000)


async def test_the_event_loop_keeps_ticking_while_a_big_article_is_parsed(pool: None) -> None:
    await cpu.run(int)  # the worker is up and warm
    gaps: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        last = time.perf_counter()
        while not done.is_set():
            await asyncio.sleep(0.01)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    task = asyncio.create_task(ticker())
    text = real_text(240_000)
    started, cpu_started = time.perf_counter(), time.process_time()
    parsed = await cpu.parse_article(text, ArticleMeta())
    elapsed, cpu_used = time.perf_counter() - started, time.process_time() - cpu_started
    done.set()
    await task
    assert len(parsed.statements) > 50
    assert cpu_used < 0.3 * elapsed  # this process only sent the text and read the result
    assert len(gaps) > 10 and max(gaps) < 0.5


async def test_without_a_pool_work_runs_in_a_thread() -> None:
    assert not cpu.pool_running()
    assert await cpu.run(os.getpid) == os.getpid()


async def test_a_dead_worker_is_replaced(pool: None) -> None:
    with pytest.raises(RejectedInput, match="рабочий процесс"):
        await cpu.run(os._exit, 1)
    assert await cpu.run(os.getpid) != os.getpid()
