"""The running bot's CPU-heavy work off its event loop: articles are parsed in a worker process.

`newsbot run` starts the pool with its background work (bot/background.py). `parse_article` then sends
the text to the worker: parse() is pure, so the text and meta go in and the ParsedArticle comes back
pickled, and neither the parsing nor the GIL it holds can keep the handlers from answering. Without a
pool (`newsbot ingest`, `newsbot fetch`, tests) the article is parsed in a thread of the same process.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from bot.news import parse
from bot.news.models import ArticleMeta, ParsedArticle
from bot.news.textio import RejectedInput

log = logging.getLogger(__name__)

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


async def parse_article(text: str, meta: ArticleMeta) -> ParsedArticle:
    """parse(text, meta) in the worker process when the pool runs, else in a thread."""
    if _pool is None:
        return await asyncio.to_thread(parse, text, meta)
    try:
        return await asyncio.get_running_loop().run_in_executor(_pool, parse, text, meta)
    except BrokenProcessPool as exc:  # the worker died (killed, out of memory): a new one for the next article
        log.error("the parsing worker died on %s; starting a new one", meta.url or meta.path)
        stop_pool()
        start_pool()
        raise RejectedInput("разбор статьи прервался (рабочий процесс завершился)") from exc


def _warm_up() -> None:
    """Load the dictionaries and data files before the first article arrives."""
    parse("Министр иностранных дел Казахстана встретился с генсеком ОБСЕ в Вене.", ArticleMeta())
