"""The running bot's CPU-heavy work off its event loop: feeds, pages and articles are read in a worker
process.

`newsbot run` starts the pool with its background work (bot/background.py). `run(func, ...)` then sends
the work to the worker: parse(), feed and page extraction are pure, so their input goes in and their
result comes back pickled, and neither the work nor the GIL it holds can keep the handlers from
answering. Without a pool (`newsbot ingest`, `newsbot fetch`, tests) the work runs in a thread.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from bot.news import parse
from bot.news.models import ArticleMeta, ParsedArticle
from bot.news.textio import RejectedInput

log = logging.getLogger(__name__)
T = TypeVar("T")

PARSE_WORKERS = 1  # the machine the bot runs on may have two cores; one stays with the event loop

_pool: ProcessPoolExecutor | None = None


def start_pool(workers: int = PARSE_WORKERS) -> None:
    """Start the worker processes (spawned, not forked: the bot's threads are not copied)."""
    global _pool
    if _pool is None:
        context = multiprocessing.get_context("spawn")
        _pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_up)
        _pool.submit(int)  # start the worker now rather than with the first article


def stop_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


def pool_running() -> bool:
    return _pool is not None


async def run(func: Callable[..., T], *args: Any) -> T:
    """func(*args) in the worker process when the pool runs, else in a thread. `func` must be a pure
    module-level function whose arguments and result pickle; its exceptions come back as raised."""
    if _pool is None:
        return await asyncio.to_thread(func, *args)
    try:
        return await asyncio.get_running_loop().run_in_executor(_pool, func, *args)
    except BrokenProcessPool as exc:  # the worker died (killed, out of memory): a new one for the next task
        log.error("the worker process died in %s; starting a new one", getattr(func, "__name__", func))
        stop_pool()
        start_pool()
        raise RejectedInput("разбор прервался (рабочий процесс завершился)") from exc


async def parse_article(text: str, meta: ArticleMeta) -> ParsedArticle:
    return await run(parse, text, meta)


def _warm_up() -> None:
    """In the worker: watch the bot, and load the dictionaries before the first article arrives."""
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    parse("Министр иностранных дел Казахстана встретился с генсеком ОБСЕ в Вене.", ArticleMeta())


def _exit_with_parent(parent: int) -> None:
    """A bot killed with SIGKILL cannot stop its worker: the worker notices and goes too."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)
