"""Any exception in a handler: logged, and the user gets a short apology instead of silence."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.types import ErrorEvent

log = logging.getLogger(__name__)
SORRY = "Что-то пошло не так. Попробуйте ещё раз чуть позже или посмотрите /help."


async def on_error(event: ErrorEvent, bot: Bot) -> bool:
    log.exception("update %s failed", event.update.update_id, exc_info=event.exception)
    chat_id = chat_of(event)
    if chat_id is not None:
        try:
            await bot.send_message(chat_id, SORRY)
        except Exception:  # the apology itself failed: logged, nothing more to do
            log.warning("could not tell chat %s about the error", chat_id, exc_info=True)
    return True


def chat_of(event: ErrorEvent) -> int | None:
    update = event.update
    if update.message is not None:
        return update.message.chat.id
    if update.callback_query is not None and update.callback_query.message is not None:
        return update.callback_query.message.chat.id
    return None


def setup() -> Router:
    router = Router(name="errors")
    router.errors.register(on_error)
    return router
