"""`/channel @name …` end to end: a real `newsbot run` process asks the Bot API stand-in about the channel
(getChat, getChatMember for the user and for itself) and posts the digest there through the outbox."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.botapi_stub import BotAPIStub, Channel
from tests.e2e.process import BotProcess

pytestmark = pytest.mark.e2e
users = count(7001)
channel_numbers = count(1)


@pytest.fixture
def user(bot_run: BotProcess, api: BotAPIStub) -> Iterator[int]:
    """A fresh private chat (its id is the user's); after the test, no message was refused as malformed."""
    before = len(api.problems)
    yield next(users)
    assert api.problems[before:] == []


def new_channel(api: BotAPIStub, username: str = "", **rights: Any) -> Channel:
    """A channel with a fresh id; `kzdigest` unless named, so each test has its own."""
    n = next(channel_numbers)
    return api.add_channel(-1_007_000_000_000 - n, username or f"kzdigest{n}", f"Внешняя политика РК {n}", **rights)


def ask(api: BotAPIStub, chat_id: int, text: str, **kwargs: Any) -> str:
    """Send a message; the text of the bot's single answer."""
    answer = api.wait_reply(chat_id, text, **kwargs)
    assert len(answer) == 1, answer
    return str(answer[0]["text"])


def db_path(bot: BotProcess) -> Path:
    return Path(bot.env["DATABASE_URL"].removeprefix("sqlite:///"))


def query(bot: BotProcess, sql: str, *args: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db_path(bot)) as conn:
        return list(conn.execute(sql, args))


def schedule_of(bot: BotProcess, chat_id: int) -> list[tuple[Any, ...]]:
    return query(bot, "SELECT spec, timezone, active, created_by FROM digest_schedules WHERE chat_id = ?", chat_id)


def digests_in(api: BotAPIStub, chat_id: int) -> list[dict[str, Any]]:
    return [m for m in api.messages(chat_id) if str(m["text"]).startswith("Дайджест:") and "Событий:" in m["text"]]


def test_the_owner_sets_a_daily_digest_and_sees_it(api: BotAPIStub, bot_run: BotProcess, user: int) -> None:
    channel = new_channel(api, "kzdigest", owner=user)
    answer = ask(api, user, "/channel @kzdigest daily 09:00")
    assert answer.startswith("Дайджест канала @kzdigest: каждый день в 09:00 (Asia/Almaty). Ближайший — "), answer
    assert schedule_of(bot_run, channel.id) == [("daily 09:00", "Asia/Almaty", 1, user)]
    assert query(bot_run, "SELECT type, title, username FROM chats WHERE id = ?", channel.id) == [
        ("channel", channel.title, "kzdigest")
    ]
    # the stand-in was asked about the channel by name, then about the user and the bot by the channel's id
    assert any(c.ok and c.params["chat_id"] == "@kzdigest" for c in api.calls_of("getChat"))
    asked = {(str(c.params["chat_id"]), str(c.params["user_id"])) for c in api.calls_of("getChatMember") if c.ok}
    assert {(str(channel.id), str(user)), (str(channel.id), str(api.bot_user["id"]))} <= asked

    shown = ask(api, user, "/channel @kzdigest")
    assert shown.startswith("Дайджест канала @kzdigest: каждый день в 09:00 (Asia/Almaty)."), shown
    assert "09:00" in shown.split("Ближайший — ")[1]


def test_an_administrator_changes_and_turns_off_the_digest(api: BotAPIStub, bot_run: BotProcess, user: int) -> None:
    channel = new_channel(api, owner=next(users), admins=(user,))
    name = f"@{channel.username}"
    assert "не настроен" in ask(api, user, f"/channel {name}")
    assert "каждый понедельник в 08:30" in ask(api, user, f"/channel {name.upper()} weekly пн 08:30")
    assert "каждые 6 ч" in ask(api, user, f"/channel {name} every 6h")
    assert schedule_of(bot_run, channel.id) == [("every 6h", "Asia/Almaty", 1, user)]
    assert "Нет такого времени: 25:00" in ask(api, user, f"/channel {name} daily 25:00")
    assert schedule_of(bot_run, channel.id)[0][0] == "every 6h"  # a bad time changes nothing
    assert ask(api, user, f"/channel {name} off") == f"Дайджест канала {name} выключен."
    assert schedule_of(bot_run, channel.id) == [("every 6h", "Asia/Almaty", 0, user)]
    assert ask(api, user, f"/channel {name} off") == f"Дайджест канала {name} и так не настроен."


def test_a_user_who_is_not_an_admin_is_refused(api: BotAPIStub, bot_run: BotProcess, user: int) -> None:
    channel = new_channel(api, owner=next(users), subscribers=(user,))
    name = channel.username
    refusal = f"Настраивать дайджест «@{name}» может только администратор канала."
    assert ask(api, user, f"/channel @{name} daily 09:00") == refusal  # a subscriber: status "member"
    assert ask(api, next(users), f"/channel @{name} daily 09:00") == refusal  # not in the channel: "left"
    assert ask(api, user, f"/channel @{name} now") == refusal
    assert ask(api, user, f"/channel @{name}") == refusal  # nor may they see the setting
    assert schedule_of(bot_run, channel.id) == []
    assert query(bot_run, "SELECT id FROM chats WHERE id = ?", channel.id) == []


def test_the_bot_must_be_an_administrator_that_may_post(api: BotAPIStub, bot_run: BotProcess, user: int) -> None:
    cannot_post = new_channel(api, owner=user, bot_can_post=False)
    assert ask(api, user, f"/channel @{cannot_post.username} daily 09:00") == (
        f"Бот не может публиковать в «@{cannot_post.username}»: сделайте его администратором с правом публикации."
    )
    not_added = new_channel(api, owner=user, bot_admin=False)
    assert ask(api, user, f"/channel @{not_added.username} daily 09:00") == (
        f"Бот не видит участников «@{not_added.username}»: добавьте его администратором канала."
    )
    assert [c.status for c in api.calls_of("getChatMember") if str(c.params["chat_id"]) == str(not_added.id)] == [400]
    for channel in (cannot_post, not_added):
        assert schedule_of(bot_run, channel.id) == []
        assert query(bot_run, "SELECT id FROM chats WHERE id = ?", channel.id) == []
    ids = {str(cannot_post.id), str(not_added.id)}
    assert not [c for c in api.calls_of("sendMessage") if str(c.params["chat_id"]) in ids]


def test_unknown_channels_usage_and_groups_get_clear_answers(api: BotAPIStub, bot_run: BotProcess, user: int) -> None:
    before = len(api.calls_of("getChat"))
    assert ask(api, user, "/channel @no_such_channel daily 09:00") == (
        "Канал «@no_such_channel» не найден. Проверьте имя и что бот добавлен в канал."
    )
    assert [c.status for c in api.calls_of("getChat")[before:]] == [400]
    for text in ("/channel", "/channel daily 09:00", "/channel kzdigest daily 09:00"):
        usage = ask(api, user, text)
        assert usage.startswith("Дайджест для канала: /channel @канал daily 09:00"), (text, usage)
        assert "вы — его администратором" in usage
    group = new_channel(api, owner=user, chat_type="supergroup")
    assert ask(api, user, f"/channel @{group.username} daily 09:00") == (
        f"«@{group.username}» — не канал. Для группы напишите /digest в самой группе."
    )
    channel = new_channel(api, owner=user)
    in_group = ask(
        api, -1_000_555, f"/channel @{channel.username} daily 09:00", user_id=user, chat_type="supergroup", title="Чат"
    )
    assert in_group.startswith("Канал настраивается в личном чате с ботом: Дайджест для канала:"), in_group
    assert schedule_of(bot_run, channel.id) == [] and schedule_of(bot_run, group.id) == []


def test_now_posts_the_digest_into_the_channel_once(api: BotAPIStub, bot_run: BotProcess, user: int) -> None:
    # the bot ingested the sample articles when it first started: their events were stored in the last
    # 24 hours, which is what a channel's first digest covers
    channel = new_channel(api, owner=user)
    name = f"@{channel.username}"
    assert "каждый день в 09:00" in ask(api, user, f"/channel {name} daily 09:00")
    assert ask(api, user, f"/channel {name} now") == f"Дайджест отправлен в {name}."
    queued = query(bot_run, "SELECT count(*) FROM outbox WHERE chat_id = ? AND kind = 'digest'", channel.id)[0][0]
    assert queued >= 1
    posts = api.wait_messages(channel.id, queued, 30)
    assert len(posts) == queued and digests_in(api, channel.id) == posts[:1]
    assert "ОБСЕ" in " ".join(str(p["text"]) for p in posts)  # the sample articles' events
    sent = [c for c in api.calls_of("sendMessage") if c.ok and str(c.params["chat_id"]) == str(channel.id)]
    assert len(sent) == queued and all(c.params.get("parse_mode") == "HTML" for c in sent)
    assert api.messages(user)[-1]["text"] == f"Дайджест отправлен в {name}."  # the user got the answer only

    # the next digest covers only what came after this one: nothing new yet
    assert ask(api, user, f"/channel {name} now") == "Новых событий нет."
    assert len(api.settle(channel.id, 0)) == queued


def test_a_scheduled_digest_is_posted_to_the_channel(api: BotAPIStub, bot_run: BotProcess, user: int) -> None:
    channel = new_channel(api, owner=user)
    at = (datetime.now(ZoneInfo("Asia/Almaty")) + timedelta(seconds=8)).replace(microsecond=0)
    assert "каждый день" in ask(api, user, f"/channel @{channel.username} daily {at:%H:%M:%S}")
    api.wait_for(lambda: digests_in(api, channel.id), 30, "the scheduled digest in the channel")
    assert api.messages(channel.id)[0]["date"] >= int(at.timestamp()) - 1


def test_a_channel_where_the_bot_lost_its_rights_is_switched_off(
    api: BotAPIStub, bot_run: BotProcess, user: int
) -> None:
    channel = new_channel(api, owner=user)
    at = (datetime.now(ZoneInfo("Asia/Almaty")) + timedelta(seconds=6)).replace(microsecond=0)
    assert "каждый день" in ask(api, user, f"/channel @{channel.username} daily {at:%H:%M:%S}")
    channel.bot_can_post = False  # an admin took the right to post away after the setup

    def refused() -> list[Any]:
        return [c for c in api.calls_of("sendMessage") if str(c.params["chat_id"]) == str(channel.id)]

    api.wait_for(refused, 30, "the digest's attempt")
    assert [c.status for c in refused()] == [400]
    api.wait_for(lambda: schedule_of(bot_run, channel.id)[0][2] == 0, 10, "the channel's digest switched off")
    assert api.messages(channel.id) == []
