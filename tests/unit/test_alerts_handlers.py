"""/subscribe in full, /unsubscribe buttons, /digest, /channel, /stats through a fresh dispatcher."""

from __future__ import annotations

from typing import Any, cast

from aiogram import Bot
from aiogram.methods import GetChat, GetChatMember, TelegramMethod
from aiogram.types import ChatFullInfo, ChatMemberAdministrator, ChatMemberMember, ChatMemberOwner, User

from bot.config import Settings
from bot.handlers.subscriptions import MAX_SUBSCRIPTIONS
from storage.db import Database
from tests.unit.handler_harness import Harness, labels, text


async def test_subscribe_organisation_person_phrase_and_exclusion(sample_db: Database) -> None:
    harness = Harness(sample_db)
    assert "«ОБСЕ» (организация) оформлена" in text(await harness.send("/subscribe OSCE"))
    assert "уже есть" in text(await harness.send("/subscribe обсе"))
    speaker = await sample_db.scalar("SELECT speaker FROM statements ORDER BY id LIMIT 1")
    surname = speaker.split()[-1]
    assert "(человек) оформлена" in text(await harness.send(f"/subscribe {surname}"))
    assert "оформлена" in text(await harness.send('/subscribe "водных ресурсов" -Афганистан'))
    rows = await sample_db.fetchall("SELECT query, kind, target FROM subscriptions ORDER BY id")
    assert [tuple(r) for r in rows] == [
        ("ОБСЕ", "org", "osce"),
        (speaker, "person", surname.lower()),
        ('"водных ресурсов" -афганистан', "words", None),
    ]
    assert "отменена" in text(await harness.send("/unsubscribe OSCE"))


async def test_limits_have_clear_messages(db: Database) -> None:
    harness = Harness(db)
    assert "до 100" in text(await harness.send("/subscribe " + "вода " * 30))
    for n in range(MAX_SUBSCRIPTIONS):
        await harness.send(f"/subscribe слово{n}")
    assert await db.scalar("SELECT count(*) FROM subscriptions") == MAX_SUBSCRIPTIONS
    assert "это максимум" in text(await harness.send("/subscribe вода"))


async def test_unsubscribe_with_buttons(db: Database) -> None:
    harness = Harness(db)
    await harness.send("/subscribe вода")
    await harness.send("/subscribe нефть")
    (menu,) = await harness.send("/unsubscribe")
    assert labels(menu) == ["✕ вода", "✕ нефть"]
    await harness.press(menu, "✕ вода")
    (edit,) = harness.calls("editMessageText")
    assert "«вода» отменена" in edit.text and edit.reply_markup.inline_keyboard[0][0].text == "✕ нефть"
    rows = await db.fetchall("SELECT query FROM subscriptions")
    assert [r[0] for r in rows] == ["нефть"]


async def test_unsubscribe_button_is_for_admins_in_groups(db: Database) -> None:
    harness = Harness(db)
    await harness.send("/subscribe вода", chat_id=-300, user_id=1, chat_type="supergroup")
    (menu,) = await harness.send("/unsubscribe", chat_id=-300, user_id=1, chat_type="supergroup")
    harness.session.chat_admins = False
    await harness.press(menu, "✕ вода", user_id=2)
    assert await db.scalar("SELECT count(*) FROM subscriptions") == 1
    (answer,) = harness.calls("answerCallbackQuery")
    assert "только администраторы" in answer.text


async def test_digest_settings_for_admins_only_in_groups(db: Database) -> None:
    harness = Harness(db)
    group: dict[str, Any] = {"chat_id": -400, "user_id": 5, "chat_type": "group"}
    assert "не настроен" in text(await harness.send("/digest", **group))
    harness.session.chat_admins = False
    assert "только администраторы" in text(await harness.send("/digest daily 09:00", **group))
    assert "только администраторы" in text(await harness.send("/digest now", **group))
    assert await db.scalar("SELECT count(*) FROM digest_schedules") == 0
    harness.session.chat_admins = True
    answer = text(await harness.send("/digest weekly пн 09:00", **group))
    assert "каждый понедельник в 09:00 (Asia/Almaty)" in answer and "Ближайший" in answer
    assert "каждые 6 ч" in text(await harness.send("/digest every 6h", **group))
    assert "every 5h" not in text(await harness.send("/digest every 5h", **group))
    assert await db.scalar("SELECT spec FROM digest_schedules WHERE chat_id = -400") == "every 6h"
    assert "Новых событий нет" in text(await harness.send("/digest now", **group))
    assert "выключен" in text(await harness.send("/digest off", **group))
    assert await db.scalar("SELECT active FROM digest_schedules") == 0


async def test_digest_now_queues_the_digest(sample_db: Database) -> None:
    harness = Harness(sample_db)
    assert await harness.send("/digest now", chat_id=9) == []  # the digest itself comes through the outbox
    texts = [r[0] for r in await sample_db.fetchall("SELECT text FROM outbox WHERE chat_id = 9 AND kind = 'digest'")]
    assert texts and "Дайджест" in texts[0]


class ChannelSession:
    """Answers getChat and getChatMember for a channel @news (id -1009) the way Telegram would."""

    def __init__(self, user_is_admin: bool, bot_may_post: bool) -> None:
        self.user_is_admin = user_is_admin
        self.bot_may_post = bot_may_post

    def answer(self, bot: Bot, method: TelegramMethod[Any]) -> Any:
        if isinstance(method, GetChat):
            if method.chat_id != "@news":
                from aiogram.exceptions import TelegramBadRequest

                raise TelegramBadRequest(method, "Bad Request: chat not found")
            return ChatFullInfo.model_construct(id=-1009, type="channel", title="Новости", username="news")
        assert isinstance(method, GetChatMember)
        user = User(id=method.user_id, is_bot=method.user_id == bot.id, first_name="x")
        if method.user_id == bot.id:
            return ChatMemberAdministrator.model_construct(
                status="administrator", user=user, can_post_messages=self.bot_may_post
            )
        return ChatMemberOwner(user=user, is_anonymous=False) if self.user_is_admin else ChatMemberMember(user=user)


def channel_harness(db: Database, user_is_admin: bool = True, bot_may_post: bool = True) -> Harness:
    harness = Harness(db)
    channel = ChannelSession(user_is_admin, bot_may_post)
    plain = harness.session.make_request

    async def make_request(bot: Bot, method: TelegramMethod[Any], timeout: int | None = None) -> Any:
        if isinstance(method, GetChat | GetChatMember):
            harness.session.requests.append(method)
            return cast(Any, channel.answer(bot, method))
        return await plain(bot, method, timeout)

    harness.session.make_request = make_request  # type: ignore[method-assign]
    return harness


async def test_channel_digest_from_a_private_chat(db: Database) -> None:
    harness = channel_harness(db)
    answer = text(await harness.send("/channel @news daily 08:30", chat_id=77))
    assert "канала @news: каждый день в 08:30" in answer
    row = await db.fetchone("SELECT chat_id, spec, created_by FROM digest_schedules")
    assert row is not None and tuple(row) == (-1009, "daily 08:30", 77)
    assert await db.scalar("SELECT type FROM chats WHERE id = -1009") == "channel"
    assert "не найден" in text(await harness.send("/channel @nothing daily 08:30", chat_id=77))
    assert "личном чате" in text(await harness.send("/channel @news daily 08:30", chat_id=-5, chat_type="group"))


async def test_channel_refused_to_non_admins_and_when_the_bot_cannot_post(db: Database) -> None:
    harness = channel_harness(db, user_is_admin=False)
    assert "только администратор канала" in text(await harness.send("/channel @news daily 08:30", chat_id=77))
    harness = channel_harness(db, bot_may_post=False)
    assert "не может публиковать" in text(await harness.send("/channel @news daily 08:30", chat_id=77))
    assert await db.scalar("SELECT count(*) FROM digest_schedules") == 0


async def test_stats_for_the_owner_only(sample_db: Database) -> None:
    harness = Harness(sample_db)
    assert "только для владельца" in text(await harness.send("/stats", chat_id=5))
    harness.dp["settings"] = Settings(owner_id=5)
    answer = text(await harness.send("/stats", chat_id=5))
    assert "Статей: 5" in answer and "Очередь отправки: ждут 0" in answer and "Последний опрос лент" in answer
    assert "только для владельца" in text(await harness.send("/stats", chat_id=6))
