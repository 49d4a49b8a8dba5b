"""/digest (this chat) and /channel @name (a channel, set up from a private chat).

`/digest daily 09:00`, `/digest weekly пн 09:00`, `/digest every 6h`, `/digest off`, `/digest now`,
`/digest` shows the setting. In groups only administrators may change it or post one now.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from aiogram import Bot, Router
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import CommandObject
from aiogram.types import ChatMemberAdministrator, ChatMemberOwner, Message

from bot import rendering
from bot.config import Settings
from bot.digests import NO_NEWS, BadSpec, load_schedule, next_slot, parse_spec, queue_digest, save_schedule
from bot.digests import turn_off as turn_off_schedule
from bot.handlers.common import command
from bot.handlers.subscriptions import message_may_configure
from bot.middlewares import upsert_chat
from storage.db import Database

ADMINS_ONLY = "В группе дайджест настраивают только администраторы чата."
DIGEST_USAGE = (
    "Дайджест — сводка новых событий по расписанию.\n"
    "<code>/digest daily 09:00</code> — каждый день, <code>/digest weekly пн 09:00</code> — раз в неделю, "
    "<code>/digest every 6h</code> — каждые 6 часов, <code>/digest now</code> — сейчас, "
    "<code>/digest off</code> — выключить. Для канала: <code>/channel @канал daily 09:00</code> в личном чате."
)
CHANNEL_USAGE = (
    "Дайджест для канала: <code>/channel @канал daily 09:00</code> (или weekly пн 09:00, every 6h, now, off); "
    "<code>/channel @канал</code> — показать настройку. Бот должен быть администратором канала "
    "с правом публиковать сообщения, а вы — его администратором."
)


def utc_now() -> datetime:
    return datetime.now(UTC)


async def chat_timezone(db: Database, chat_id: int, settings: Settings) -> str:
    value = await db.scalar("SELECT timezone FROM chats WHERE id = ?", (chat_id,))
    return str(value) if value else settings.timezone


async def schedule_text(db: Database, chat_id: int, where: str, usage: str = DIGEST_USAGE) -> str:
    schedule = await load_schedule(db, chat_id)
    if schedule is None or not schedule.active:
        return f"Дайджест {where} не настроен.\n\n{usage}"
    upcoming = next_slot(schedule.spec.trigger(schedule.timezone), utc_now())
    when = ""
    if upcoming is not None:
        local = upcoming.astimezone(schedule.timezone)
        when = f" Ближайший — {rendering.russian_date(local.date().isoformat())}, {local:%H:%M}."
    return f"Дайджест {where}: {schedule.spec.describe()} ({schedule.timezone.key}).{when}"


async def apply(db: Database, chat_id: int, args: str, where: str, user_id: int | None, settings: Settings) -> str:
    """Do `off`, `now` or set a schedule for the chat; the answer to show (empty: nothing to say)."""
    word = args.lower()
    if word in ("off", "выкл", "stop"):
        stopped = await turn_off_schedule(db, chat_id)
        return f"Дайджест {where} выключен." if stopped else f"Дайджест {where} и так не настроен."
    if word in ("now", "сейчас"):
        queued = await queue_digest(db, chat_id, utc_now(), tz=ZoneInfo(await chat_timezone(db, chat_id, settings)))
        return "" if queued else NO_NEWS
    try:
        spec = parse_spec(args)
    except BadSpec as exc:
        return str(exc)
    await save_schedule(db, chat_id, spec, await chat_timezone(db, chat_id, settings), user_id)
    return await schedule_text(db, chat_id, where)


async def digest_command(message: Message, command: CommandObject, bot: Bot, db: Database, settings: Settings) -> None:
    args = " ".join((command.args or "").split())
    if not args:
        await message.answer(await schedule_text(db, message.chat.id, "чата"))
        return
    if not await message_may_configure(message, bot):
        await message.answer(ADMINS_ONLY)
        return
    user_id = message.from_user.id if message.from_user else None
    answer = await apply(db, message.chat.id, args, "чата", user_id, settings)
    if answer:
        await message.answer(answer)


async def channel_command(message: Message, command: CommandObject, bot: Bot, db: Database, settings: Settings) -> None:
    if message.chat.type != ChatType.PRIVATE:
        await message.answer("Канал настраивается в личном чате с ботом: " + CHANNEL_USAGE)
        return
    words = (command.args or "").split()
    if not words or not words[0].startswith("@") or message.from_user is None:
        await message.answer(CHANNEL_USAGE)
        return
    name, args = words[0], " ".join(words[1:])
    problem, channel_id = await check_channel(bot, name, message.from_user.id, db)
    if channel_id is None:
        await message.answer(problem)
        return
    where = f"канала {rendering.escape(name)}"
    if not args:
        await message.answer(await schedule_text(db, channel_id, where, CHANNEL_USAGE))
        return
    answer = await apply(db, channel_id, args, where, message.from_user.id, settings)
    await message.answer(answer or f"Дайджест отправлен в {rendering.escape(name)}.")


async def check_channel(bot: Bot, name: str, user_id: int, db: Database) -> tuple[str, int | None]:
    """(problem, None), or ("", channel id) when the user administers it and the bot may post there."""
    shown = rendering.echo(name)
    try:
        chat = await bot.get_chat(name)
    except (TelegramBadRequest, TelegramForbiddenError):
        return f"Канал {shown} не найден. Проверьте имя и что бот добавлен в канал.", None
    if chat.type != ChatType.CHANNEL:
        return f"{shown} — не канал. Для группы напишите /digest в самой группе.", None
    try:
        member = await bot.get_chat_member(chat.id, user_id)
        me = await bot.get_chat_member(chat.id, bot.id)
    except (TelegramBadRequest, TelegramForbiddenError):
        return f"Бот не видит участников {shown}: добавьте его администратором канала.", None
    if member.status not in (ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR):
        return f"Настраивать дайджест {shown} может только администратор канала.", None
    if not (isinstance(me, ChatMemberOwner) or (isinstance(me, ChatMemberAdministrator) and me.can_post_messages)):
        return f"Бот не может публиковать в {shown}: сделайте его администратором с правом публикации.", None
    await upsert_chat(db, chat.id, "channel", chat.title, chat.username, None)
    return "", chat.id


def setup() -> Router:
    router = Router(name="digests")
    router.message.register(digest_command, command("digest"))
    router.message.register(channel_command, command("channel"))
    return router
