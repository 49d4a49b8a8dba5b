"""The Telegram bot: building the Bot and the Dispatcher, and `newsbot run` (long polling)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import sys
from collections.abc import Iterator

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramNetworkError, TelegramServerError, TelegramUnauthorizedError
from aiogram.types import BotCommand, User
from aiogram.utils.token import TokenValidationError

from bot import DATA_DIR
from bot.background import attach_background
from bot.config import Settings
from bot.handlers import get_routers
from bot.middlewares import ChatRecorderMiddleware, RetryMiddleware, ThrottlingMiddleware
from bot.notices import BAD_TOKEN, NO_TOKEN
from bot.rendering import COMMANDS
from storage.db import Database

log = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 1.0
MAX_RETRY_SECONDS = 60.0
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)

MALFORMED_TOKEN = (
    "BOT_TOKEN не похож на токен бота: нужен вид 123456789:AAE… — возьмите его у @BotFather "
    "(/mybots → API Token) / BOT_TOKEN is malformed: expected 123456789:AAE… from @BotFather"
)


def default_properties() -> DefaultBotProperties:
    return DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True)


def build_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    """The Bot; its session talks to TELEGRAM_API_URL when set (a local Bot API server, or tests)."""
    if settings.bot_token is None:
        raise ValueError("BOT_TOKEN is not set")
    if session is None:
        session = AiohttpSession()
        if settings.telegram_api_url:
            session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url.rstrip("/")))
    session.middleware(RetryMiddleware())
    return Bot(settings.bot_token.get_secret_value(), session=session, default=default_properties())


def build_dispatcher(db: Database, settings: Settings, throttle: ThrottlingMiddleware | None = None) -> Dispatcher:
    """A new Dispatcher with fresh routers; handlers get `db` and `settings` as arguments."""
    dp = Dispatcher(db=db, settings=settings)
    recorder = ChatRecorderMiddleware()
    dp.message.outer_middleware(recorder)
    dp.callback_query.outer_middleware(recorder)
    throttle = throttle or ThrottlingMiddleware()
    dp.message.outer_middleware(throttle)
    dp.callback_query.outer_middleware(throttle)
    dp.include_routers(*get_routers())
    return dp


def settle_memory() -> None:
    """Load what answering needs (the catalogue, the lemmatiser), then move every object alive so far
    out of the garbage collector's sight (gc.freeze): a full collection otherwise walks them all,
    and stopped the event loop for ~150 ms now and then while feeds were being ingested."""
    from bot.news.matcher import parse_query
    from bot.news.orgs import load_catalog

    load_catalog()
    parse_query("вода")
    gc.collect()
    gc.freeze()


def bot_commands() -> list[BotCommand]:
    return [BotCommand(command=name, description=what.capitalize()) for name, what, _ in COMMANDS]


async def open_database(settings: Settings) -> Database:
    """Open (and migrate) the database; ingest the bundled sample articles when it has no events."""
    db = await Database.open(settings.database_target)
    if int(await db.scalar("SELECT count(*) FROM events")) == 0:
        from bot.ingest import ingest_inputs

        log.info("the database is empty: ingesting the sample articles from %s", DATA_DIR / "articles")
        outcomes = await ingest_inputs(db, [str(DATA_DIR / "articles")], tz=settings.tz)
        stored = sum(o.status == "stored" for o in outcomes)
        log.info("ingested %d of %d sample articles", stored, len(outcomes))
    return db


async def run_bot(settings: Settings) -> int:
    """`newsbot run`: long polling until SIGINT or SIGTERM. Exit code 2 without a valid token.

    The token is checked before anything is opened. While the Bot API can't be reached, getMe is
    retried with a growing pause (1 s, 2 s, … at most a minute); SIGINT or SIGTERM stop the
    start-up at any point, and polling as aiogram does."""
    if settings.bot_token is None:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    try:
        bot = build_bot(settings)
    except TokenValidationError:
        print(MALFORMED_TOKEN, file=sys.stderr)
        return 2
    db: Database | None = None
    try:
        with cancelled_by_signals():
            db = await open_database(settings)
            events = int(await db.scalar("SELECT count(*) FROM events"))
            log.info("newsbot starting: %d events in %s", events, settings.database_label)
            me = await wait_for_bot_api(bot, settings.telegram_api_url or "https://api.telegram.org")
            log.info("running as @%s", me.username)
            await bot.set_my_commands(bot_commands())
        dp = build_dispatcher(db, settings)
        attach_background(dp, db, settings)  # the outbox delivery worker and the digest scheduler
        settle_memory()
        await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types(), handle_signals=True)
    except asyncio.CancelledError:
        log.info("stopped by a signal while starting")
    except TelegramUnauthorizedError:
        print(BAD_TOKEN, file=sys.stderr)
        return 2
    finally:
        await bot.session.close()
        if db is not None:  # else the database could not be opened and the caller says why
            await db.close()
            log.info("newsbot stopped")
    return 0


@contextlib.contextmanager
def cancelled_by_signals() -> Iterator[None]:
    """SIGINT and SIGTERM cancel the current task: the start-up, before aiogram's own handlers."""
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    assert task is not None
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, task.cancel)
    try:
        yield
    finally:
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)


async def wait_for_bot_api(bot: Bot, where: str) -> User:
    """getMe, retried with back-off while the Bot API is unreachable or failing (5xx)."""
    delay = FIRST_RETRY_SECONDS
    while True:
        try:
            return await bot.get_me()
        except (TelegramNetworkError, TelegramServerError) as exc:
            log.warning("the Bot API at %s does not answer (%s); next try in %.0f s", where, exc, delay)
        await asyncio.sleep(delay)
        delay = min(delay * 2, MAX_RETRY_SECONDS)
