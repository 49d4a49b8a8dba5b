"""/subscribe, /unsubscribe, /subscriptions: alerts per chat.

`/subscribe вода`, `/subscribe "водных ресурсов" -Афганистан` (words, the /search matcher),
`/subscribe ОБСЕ` (an organisation and its sub-bodies), `/subscribe Токаев` (a person's statements).
In groups and supergroups only the chat's administrators may change subscriptions.
"""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.filters import CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from pydantic import Field

from bot import rendering
from bot.alerts import plan_subscription
from bot.handlers.common import command, send_pages
from bot.news.matcher import has_markup
from storage import alerts as repo
from storage.alerts import NewSubscription, Subscription
from storage.db import Database

MAX_SUBSCRIPTIONS = 50
MAX_SUBSCRIPTION_CHARS = 100
SUBSCRIBE_USAGE = (
    "Напишите слова, о которых присылать новые заявления, например: <code>/subscribe вода</code> "
    "или <code>/subscribe водные ресурсы</code> (слова в любой форме). Ещё можно: фразу в кавычках "
    '<code>/subscribe "водных ресурсов"</code>, исключить слово <code>-Афганистан</code>, организацию '
    "<code>/subscribe ОБСЕ</code> или человека <code>/subscribe Кошербаев</code>."
)
UNSUBSCRIBE_USAGE = "Нажмите подписку, которую отменить, или напишите её: <code>/unsubscribe вода</code>"
ADMINS_ONLY = "В группе подписками управляют только администраторы чата."
KIND_NAMES = {"org": "организация", "person": "человек"}


class Unsubscribe(CallbackData, prefix="unsub"):
    id: int = Field(ge=1, le=2**63 - 1)  # an SQLite rowid; forged data beyond it goes to the fallback


def normalize(text: str | None) -> str:
    return " ".join((text or "").split())


async def may_configure(chat_type: str, chat_id: int, user_id: int | None, bot: Bot) -> bool:
    """Private chats: always; groups: administrators only (asked from Telegram)."""
    if chat_type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return True
    if user_id is None:
        return False
    member = await bot.get_chat_member(chat_id, user_id)
    return member.status in (ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR)


async def message_may_configure(message: Message, bot: Bot) -> bool:
    user_id = message.from_user.id if message.from_user else None
    return await may_configure(message.chat.type, message.chat.id, user_id, bot)


def describe(new: NewSubscription | Subscription) -> str:
    """«вода», or «ОБСЕ» (организация)."""
    kind = KIND_NAMES.get(new.kind)
    return rendering.echo(new.query) + (f" ({kind})" if kind else "")


async def subscribe_command(message: Message, command: CommandObject, bot: Bot, db: Database) -> None:
    text = normalize(command.args)
    if not text:
        await message.answer(SUBSCRIBE_USAGE)
        return
    if len(text) > MAX_SUBSCRIPTION_CHARS:
        await message.answer(
            f"Слишком длинная подписка ({len(text)} символов): до {MAX_SUBSCRIPTION_CHARS}. "
            "Оставьте главные слова — все они должны встретиться в заявлении."
        )
        return
    if has_markup(text):
        await message.answer(rendering.markup_refusal("subscribe", text))
        return
    new = await plan_subscription(db, text)
    if new is None:
        await message.answer(f"В {rendering.echo(text)} нет слов для поиска.\n{SUBSCRIBE_USAGE}")
        return
    if not await message_may_configure(message, bot):
        await message.answer(ADMINS_ONLY)
        return
    if await repo.count_subscriptions(db, message.chat.id) >= MAX_SUBSCRIPTIONS:
        await message.answer(f"У чата уже {MAX_SUBSCRIPTIONS} подписок — это максимум. Отмените ненужные: /unsubscribe")
        return
    async with db.transaction() as conn:
        added = await repo.add_subscription(conn, message.chat.id, new)
    if not added:
        await message.answer(f"Подписка {describe(new)} уже есть. Все подписки: /subscriptions")
    elif new.kind == "words":
        await message.answer(
            f"Подписка {describe(new)} оформлена: новые заявления с этими словами (в любой форме, "
            "и по-английски: вода — water) придут сюда. "
            f"Проверить, что она найдёт: <code>/search {rendering.escape(new.query)}</code>"
        )
    elif new.kind == "org":
        await message.answer(f"Подписка {describe(new)} оформлена: новые события об этой организации придут сюда.")
    else:
        await message.answer(f"Подписка {describe(new)} оформлена: новые заявления этого человека придут сюда.")


async def unsubscribe_command(message: Message, command: CommandObject, bot: Bot, db: Database) -> None:
    text = normalize(command.args)
    current = await repo.list_subscriptions(db, message.chat.id)
    if not text:
        if not current:
            await message.answer(subscriptions_pages(current)[0])
            return
        await message.answer(UNSUBSCRIBE_USAGE, reply_markup=unsubscribe_keyboard(current))
        return
    if not await message_may_configure(message, bot):
        await message.answer(ADMINS_ONLY)
        return
    found = await find(db, message.chat.id, text)
    if found is None:
        await message.answer(f"Подписки {rendering.echo(text.lower())} нет. Все подписки: /subscriptions")
        return
    await repo.remove_subscription(db, message.chat.id, found.id)
    await message.answer(f"Подписка {describe(found)} отменена.")


async def find(db: Database, chat_id: int, text: str) -> Subscription | None:
    """The chat's subscription as typed, or as /subscribe would have understood it (OSCE → ОБСЕ)."""
    found = await repo.find_subscription(db, chat_id, text.lower())
    if found is None:
        new = await plan_subscription(db, text)
        if new is not None:
            found = await repo.find_subscription(db, chat_id, new.query)
    return found


async def unsubscribe_pressed(callback: CallbackQuery, callback_data: Unsubscribe, bot: Bot, db: Database) -> None:
    message = callback.message
    if not isinstance(message, Message):
        await callback.answer()
        return
    if not await may_configure(message.chat.type, message.chat.id, callback.from_user.id, bot):
        await callback.answer(ADMINS_ONLY, show_alert=True)
        return
    removed = await repo.remove_subscription(db, message.chat.id, callback_data.id)
    await callback.answer("Отменена" if removed else "Уже отменена")
    current = await repo.list_subscriptions(db, message.chat.id)
    note = f"Подписка {rendering.echo(removed)} отменена.\n\n" if removed else ""
    if current:
        await message.edit_text(note + UNSUBSCRIBE_USAGE, reply_markup=unsubscribe_keyboard(current))
    else:
        await message.edit_text(note + "Подписок больше нет. Оформить: <code>/subscribe вода</code>")


def unsubscribe_keyboard(subscriptions: list[Subscription]) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(text=f"✕ {rendering.shorten(s.query, 40)}", callback_data=Unsubscribe(id=s.id).pack())]
        for s in subscriptions
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def subscriptions_pages(subscriptions: list[Subscription]) -> list[str]:
    """The chat's subscriptions, one per line, in as many messages as they need."""
    if not subscriptions:
        return ["Подписок нет. Оформить: <code>/subscribe вода</code>"]
    lines = [f"<b>Подписки чата</b> ({len(subscriptions)} из {MAX_SUBSCRIPTIONS})"]
    for n, s in enumerate(subscriptions, start=1):
        kind = KIND_NAMES.get(s.kind)
        lines.append(f"{n}. {rendering.escape(s.query)}" + (f" ({kind})" if kind else ""))
    lines.append("Отменить: /unsubscribe")
    return rendering.split_message(lines, separator="\n")


async def subscriptions_command(message: Message, bot: Bot, db: Database) -> None:
    pages = subscriptions_pages(await repo.list_subscriptions(db, message.chat.id))
    await send_pages(bot, message.chat.id, pages)


def setup() -> Router:
    router = Router(name="subscriptions")
    router.message.register(subscribe_command, command("subscribe"))
    router.message.register(unsubscribe_command, command("unsubscribe"))
    router.message.register(subscriptions_command, command("subscriptions"))
    router.callback_query.register(unsubscribe_pressed, Unsubscribe.filter())
    return router
