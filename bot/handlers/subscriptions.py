"""/subscribe, /unsubscribe, /subscriptions: keyword alerts per chat (stored here; delivery is issue 5).

In groups and supergroups only the chat's administrators may change subscriptions.
"""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot import rendering
from bot.news.matcher import parse_query
from storage.db import Database, now_iso

MAX_SUBSCRIPTIONS = 20
MAX_SUBSCRIPTION_CHARS = 200
SUBSCRIBE_USAGE = (
    "Напишите слова, о которых присылать новые заявления, например: <code>/subscribe вода</code> "
    "или <code>/subscribe водные ресурсы</code> (слова в любой форме)."
)
UNSUBSCRIBE_USAGE = "Напишите подписку, которую отменить, например: <code>/unsubscribe вода</code>"
ADMINS_ONLY = "В группе подписками управляют только администраторы чата."


# --- storage (plain SQL on the `subscriptions` table) -------------------------------------------


async def add_subscription(db: Database, chat_id: int, query: str) -> bool:
    """True when added, False when the chat already had it."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO subscriptions (chat_id, query, kind, created_at) VALUES (?, ?, 'words', ?) "
            "ON CONFLICT (chat_id, query) DO UPDATE SET active = 1 WHERE active = 0",
            (chat_id, query, now_iso()),
        )
        return cursor.rowcount > 0


async def remove_subscription(db: Database, chat_id: int, query: str) -> bool:
    async with db.transaction() as conn:
        cursor = await conn.execute("DELETE FROM subscriptions WHERE chat_id = ? AND query = ?", (chat_id, query))
        return cursor.rowcount > 0


async def list_subscriptions(db: Database, chat_id: int) -> list[str]:
    rows = await db.fetchall(
        "SELECT query FROM subscriptions WHERE chat_id = ? AND active = 1 ORDER BY created_at, id", (chat_id,)
    )
    return [str(r[0]) for r in rows]


# --- handlers ---------------------------------------------------------------------------------


def normalize(text: str | None) -> str:
    return " ".join((text or "").split()).lower()


async def may_configure(message: Message, bot: Bot) -> bool:
    """Private chats: always; groups: administrators only (asked from Telegram)."""
    if message.chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return True
    if message.from_user is None:
        return False
    member = await bot.get_chat_member(message.chat.id, message.from_user.id)
    return member.status in (ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR)


async def subscribe_command(message: Message, command: CommandObject, bot: Bot, db: Database) -> None:
    query = normalize(command.args)
    if not query:
        await message.answer(SUBSCRIBE_USAGE)
        return
    if len(query) > MAX_SUBSCRIPTION_CHARS:
        await message.answer(f"Слишком длинная подписка: до {MAX_SUBSCRIPTION_CHARS} символов.")
        return
    if parse_query(query).is_empty:
        await message.answer(f"В {rendering.echo(query)} нет слов для поиска.\n{SUBSCRIBE_USAGE}")
        return
    if not await may_configure(message, bot):
        await message.answer(ADMINS_ONLY)
        return
    if len(await list_subscriptions(db, message.chat.id)) >= MAX_SUBSCRIPTIONS:
        await message.answer(f"У чата уже {MAX_SUBSCRIPTIONS} подписок — это максимум. Лишние: /subscriptions")
        return
    if await add_subscription(db, message.chat.id, query):
        await message.answer(
            f"Подписка {rendering.echo(query)} оформлена: новые заявления с этими словами придут сюда. "
            f"Проверить, что она найдёт: <code>/search {rendering.escape(query)}</code>"
        )
    else:
        await message.answer(f"Подписка {rendering.echo(query)} уже есть. Все подписки: /subscriptions")


async def unsubscribe_command(message: Message, command: CommandObject, bot: Bot, db: Database) -> None:
    query = normalize(command.args)
    if not query:
        current = await list_subscriptions(db, message.chat.id)
        await message.answer(UNSUBSCRIBE_USAGE + ("\n\n" + subscriptions_text(current) if current else ""))
        return
    if not await may_configure(message, bot):
        await message.answer(ADMINS_ONLY)
        return
    if await remove_subscription(db, message.chat.id, query):
        await message.answer(f"Подписка {rendering.echo(query)} отменена.")
    else:
        await message.answer(f"Подписки {rendering.echo(query)} нет. Все подписки: /subscriptions")


def subscriptions_text(queries: list[str]) -> str:
    if not queries:
        return "Подписок нет. Оформить: <code>/subscribe вода</code>"
    lines = [f"{n}. {rendering.escape(q)}" for n, q in enumerate(queries, start=1)]
    return "<b>Подписки чата</b>\n" + "\n".join(lines) + "\n\nОтменить: <code>/unsubscribe слова</code>"


async def subscriptions_command(message: Message, db: Database) -> None:
    await message.answer(subscriptions_text(await list_subscriptions(db, message.chat.id)))


def setup() -> Router:
    router = Router(name="subscriptions")
    router.message.register(subscribe_command, Command("subscribe"))
    router.message.register(unsubscribe_command, Command("unsubscribe"))
    router.message.register(subscriptions_command, Command("subscriptions"))
    return router
