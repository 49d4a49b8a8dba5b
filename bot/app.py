"""The Telegram bot: building the Bot and the Dispatcher, and `newsbot run` (long polling or a webhook)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
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
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot import DATA_DIR
from bot.background import attach_background
from bot.config import Settings
from bot.handlers import get_routers
from bot.middlewares import ChatRecorderMiddleware, OnceMiddleware, RetryMiddleware, ThrottlingMiddleware
from bot.notices import BAD_TOKEN, NO_TOKEN
from bot.rendering import COMMANDS
from storage.db import Database
from storage.updates import remember_webhook_secret, webhook_secret_digest

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


async def run_bot(settings: Settings, webhook: bool = False) -> int:
    """`newsbot run`: long polling, or with `webhook` an HTTP server Telegram posts updates to, until
    SIGINT or SIGTERM. Exit code 2 without a valid token.

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
            dp.update.outer_middleware(OnceMiddleware())  # a retried or twice-delivered update: answered once
            allowed = dp.resolve_used_update_types()
            if webhook:
                await ensure_webhook(bot, db, settings, allowed)
            else:
                await leave_webhook(bot)
        attach_background(dp, db, settings)  # the outbox delivery worker and the digest scheduler
        settle_memory()
        if webhook:
            await serve_webhook(bot, dp, settings)
        else:
            await dp.start_polling(bot, allowed_updates=allowed, handle_signals=True)
    except asyncio.CancelledError:
        log.info("stopped by a signal while starting")
    except TelegramUnauthorizedError:
        print(BAD_TOKEN, file=sys.stderr)
        return 2
    except PortUnavailable as exc:
        print(exc, file=sys.stderr)
        return 2
    finally:
        await bot.session.close()
        if db is not None:  # else the database could not be opened and the caller says why
            await db.close()
            log.info("newsbot stopped")
    return 0


class PortUnavailable(Exception):
    """The webhook's address can't be listened on; the message says so in Russian."""


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


async def ensure_webhook(bot: Bot, db: Database, settings: Settings, allowed_updates: list[str]) -> bool:
    """setWebhook only when Telegram's webhook differs from the settings (URL, secret, update types):
    every worker calls this on start, and a webhook set again would be set for nothing. True when set."""
    assert settings.webhook_url is not None and settings.webhook_secret is not None
    secret = settings.webhook_secret.get_secret_value()
    info = await bot.get_webhook_info()
    same_types = info.allowed_updates is None or set(info.allowed_updates) == set(allowed_updates)
    if info.url == settings.webhook_url and same_types and await webhook_secret_digest(db) == secret_digest(secret):
        log.info("webhook already set to %s", settings.webhook_url)
        return False
    await bot.set_webhook(
        settings.webhook_url, secret_token=secret, allowed_updates=allowed_updates, drop_pending_updates=False
    )
    await remember_webhook_secret(db, secret_digest(secret))
    log.info("webhook set to %s", settings.webhook_url)
    return True


async def leave_webhook(bot: Bot) -> None:
    """Long polling gets nothing while a webhook is set (Telegram answers getUpdates with 409)."""
    info = await bot.get_webhook_info()
    if info.url:
        log.info("a webhook is set to %s: deleting it to poll (pending updates kept)", info.url)
        await bot.delete_webhook(drop_pending_updates=False)


async def serve_webhook(bot: Bot, dp: Dispatcher, settings: Settings) -> None:
    """Answer Telegram's POSTs on WEBHOOK_HOST:WEBHOOK_PORT until SIGINT or SIGTERM. The dispatcher's
    start-up and shut-down (the background work) run as for polling; the webhook itself stays set:
    the other workers still serve it."""
    assert settings.webhook_secret is not None
    app = web.Application()
    secret = settings.webhook_secret.get_secret_value()
    SimpleRequestHandler(dp, bot, secret_token=secret).register(app, path=settings.webhook_route)
    setup_application(app, dp, bot=bot)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    try:
        await runner.setup()  # the dispatcher's start-up: the background work starts
        site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
        try:
            await site.start()
        except OSError as exc:  # the port is taken, or the host is not this machine's
            where = f"{settings.webhook_host}:{settings.webhook_port} (WEBHOOK_HOST, WEBHOOK_PORT)"
            raise PortUnavailable(f"Не удалось открыть порт webhook {where}: {exc}") from exc
        log.info("webhook: listening on %s:%d%s", settings.webhook_host, settings.webhook_port, settings.webhook_route)
        await stop.wait()
        log.info("webhook: stopping")
    finally:
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)
        await runner.cleanup()


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
