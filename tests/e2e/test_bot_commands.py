"""End to end: a real `newsbot run` process against the Bot API stand-in, on the sample articles."""

from __future__ import annotations

import re
import time
from itertools import count
from typing import Any

import pytest

from bot.rendering import MONTHS
from tests.e2e.botapi_stub import BotAPIStub
from tests.e2e.process import BotProcess

pytestmark = pytest.mark.e2e
chat_ids = count(5000)
DATE = re.compile(rf"(\d{{1,2}}) ({'|'.join(MONTHS)}) (\d{{4}})")


@pytest.fixture
def chat(bot_run: BotProcess, api: BotAPIStub) -> Any:
    """A fresh private chat; after the test, no message the bot sent was refused by the stand-in."""
    before = len(api.problems)
    yield next(chat_ids)
    assert api.problems[before:] == []


def ask(api: BotAPIStub, chat_id: int, text: str, **kwargs: Any) -> list[dict[str, Any]]:
    return api.wait_reply(chat_id, text, **kwargs)


def press(api: BotAPIStub, chat_id: int, message: dict[str, Any], label: str) -> list[dict[str, Any]]:
    before = len(api.messages(chat_id))
    api.press(message, label)
    api.wait_messages(chat_id, before + 1)
    return api.settle(chat_id, before)


def text_of(messages: list[dict[str, Any]]) -> str:
    return "\n\n".join(m["text"] for m in messages)


def buttons(message: dict[str, Any]) -> list[str]:
    return [b["text"] for row in message.get("reply_markup", {}).get("inline_keyboard", []) for b in row]


def dates_in(text: str) -> list[tuple[int, int, int]]:
    return [(int(y), MONTHS.index(m) + 1, int(d)) for d, m, y in DATE.findall(text)]


def test_menu_is_registered_in_russian(bot_run: BotProcess, api: BotAPIStub) -> None:
    (call,) = api.calls_of("setMyCommands")
    commands = {c["command"]: c["description"] for c in call.params["commands"]}
    assert {"latest", "org", "person", "search", "subscribe", "unsubscribe", "subscriptions", "help"} <= set(commands)
    assert commands["latest"] == "Последние события"


def test_help_lists_every_command(api: BotAPIStub, chat: int) -> None:
    (reply,) = ask(api, chat, "/help")
    for command in ("/latest", "/org", "/person", "/search", "/subscribe", "/unsubscribe", "/subscriptions"):
        assert command in reply["text"]
    assert reply["html"].count("<code>") >= 7  # an example each
    assert "Здравствуйте" in text_of(ask(api, chat, "/start"))


def test_latest_is_newest_first_and_pages_on(api: BotAPIStub, chat: int) -> None:
    (first,) = ask(api, chat, "/latest 2")
    assert first["text"].startswith("Последние события")
    assert "1. " in first["text"] and "2. " in first["text"] and "3. " not in first["text"]
    assert buttons(first) == ["Подробнее 1", "Подробнее 2", "Ещё"]
    (second,) = press(api, chat, first, "Ещё")
    assert "3. " in second["text"] and "1. " not in second["text"]
    everything = text_of(ask(api, chat, "/latest 20"))
    dates = dates_in(everything)
    assert len(dates) >= 4 and "дата не указана" in everything  # one sample article has no date
    assert dates == sorted(dates, reverse=True)
    assert dates[0] >= (2025, 12, 5) and dates[-1] == (2023, 11, 23)


def test_org_by_alias_gives_osce_events_not_the_csto_one(api: BotAPIStub, chat: int) -> None:
    for name in ("OSCE", "обсе", "Организация по безопасности и сотрудничеству в Европе"):
        text = text_of(ask(api, chat, f"/org {name}"))
        assert text.startswith("ОБСЕ: последние события"), text
        assert "Вена" in text
        assert "ОДКБ" not in text
        assert "Токаев" not in text


def test_org_without_name_offers_buttons_and_unknown_name_suggests(api: BotAPIStub, chat: int) -> None:
    (menu,) = ask(api, chat, "/org")
    assert "Выберите организацию" in menu["text"]
    assert len(buttons(menu)) >= 3
    (picked,) = press(api, chat, menu, "ОБСЕ")
    assert picked["text"].startswith("ОБСЕ: последние события")
    (unknown,) = ask(api, chat, "/org ОБСЭ")
    assert "Не знаю организации «ОБСЭ»" in unknown["text"]
    assert "ОБСЕ" in buttons(unknown)
    (nothing_close,) = ask(api, chat, "/org Лига наций Марса")
    assert buttons(nothing_close) or "/org ОБСЕ" in nothing_close["text"]


def test_person_in_any_case_form(api: BotAPIStub, chat: int) -> None:
    for name in ("Токаев", "Токаева", "токаевым"):
        text = text_of(ask(api, chat, f"/person {name}"))
        assert "Заявления: Касым-Жомарт Токаев" in text, text
        assert "2023" in text
    assert "Ержан Ашикбаев" in text_of(ask(api, chat, "/person Ашикбаева"))
    unknown = text_of(ask(api, chat, "/person Пупкин"))
    assert "Не знаю человека «Пупкин»" in unknown


def test_search_finds_word_forms(api: BotAPIStub, chat: int) -> None:
    text = text_of(ask(api, chat, "/search водных ресурсов"))
    assert text.startswith("Поиск «водных ресурсов»")
    assert "1. " in text
    assert re.search(r"водн\w+", text)
    assert "ничего не найдено" in text_of(ask(api, chat, "/search квантовая гравитация"))


def test_wrong_input_gets_help_not_silence(api: BotAPIStub, chat: int) -> None:
    assert "Напишите слова для поиска" in text_of(ask(api, chat, "/search"))
    assert "Укажите фамилию" in text_of(ask(api, chat, "/person"))
    assert "число событий от 1 до 20" in text_of(ask(api, chat, "/latest много"))
    long = text_of(ask(api, chat, "/search " + "вода " * 1000))
    assert "Слишком длинный запрос" in long
    tags = ask(api, chat, "/search <b>вода</b> & мир")
    assert "<b>вода</b> & мир" in text_of(tags)  # shown as typed: it was escaped
    assert "&lt;b&gt;" in tags[0]["html"]
    odd = text_of(ask(api, chat, "/org <b>&amp;</b>"))
    assert "Не знаю организации «<b>&amp;</b>»" in odd
    assert "/search" in text_of(ask(api, chat, "просто текст"))


def test_group_chatter_is_ignored_but_commands_answered(api: BotAPIStub, bot_run: BotProcess) -> None:
    group = -100 - next(chat_ids)
    api.send_text("всем привет", chat_id=group, user_id=77, chat_type="supergroup", title="Аналитики")
    replies = ask(api, group, "/latest@newsbot_test_bot 1", user_id=77, chat_type="supergroup", title="Аналитики")
    assert len(replies) == 1 and replies[0]["text"].startswith("Последние события")


def test_subscriptions_are_stored_per_chat(api: BotAPIStub, chat: int) -> None:
    assert "Подписок нет" in text_of(ask(api, chat, "/subscriptions"))
    assert "Подписка «вода» оформлена" in text_of(ask(api, chat, "/subscribe Вода"))
    assert "уже есть" in text_of(ask(api, chat, "/subscribe вода"))
    ask(api, chat, "/subscribe водные ресурсы")
    listing = text_of(ask(api, chat, "/subscriptions"))
    assert "1. вода" in listing and "2. водные ресурсы" in listing
    assert "Подписка «вода» отменена" in text_of(ask(api, chat, "/unsubscribe вода"))
    assert "1. водные ресурсы" in text_of(ask(api, chat, "/subscriptions"))
    assert "Подписок нет" in text_of(ask(api, next(chat_ids), "/subscriptions"))


def test_in_groups_only_admins_subscribe(api: BotAPIStub, bot_run: BotProcess) -> None:
    group = -100 - next(chat_ids)
    kwargs: dict[str, Any] = {"chat_type": "supergroup", "title": "Группа"}
    refused = text_of(ask(api, group, "/subscribe вода", user_id=501, **kwargs))
    assert "только администраторы" in refused
    api.admins.add((group, 502))
    assert "оформлена" in text_of(ask(api, group, "/subscribe вода", user_id=502, **kwargs))


def test_a_burst_of_30_commands_is_answered_slowly_not_dropped(api: BotAPIStub, chat: int) -> None:
    start = time.monotonic()
    for _ in range(30):
        api.send_text("/help", chat_id=chat)
    replies = api.wait_messages(chat, 30, timeout=60)
    assert len(replies) == 30
    assert time.monotonic() - start > 3  # throttled: 5 at once, then about 3 a second


def test_429_and_5xx_are_retried(api: BotAPIStub, chat: int) -> None:
    api.fail_next("sendMessage", 429, retry_after=1)
    api.fail_next("sendMessage", 502)
    (reply,) = ask(api, chat, "/help")
    assert "/latest" in reply["text"]
    api.fail_next("getUpdates", 500, times=2)
    (reply,) = ask(api, chat, "/latest 1", timeout=30)
    assert reply["text"].startswith("Последние события")


def test_a_blocked_chat_does_not_stop_the_bot(api: BotAPIStub, chat: int) -> None:
    blocked = next(chat_ids)
    api.blocked.add(blocked)
    api.send_text("/help", chat_id=blocked)
    api.wait_for(lambda: [c for c in api.calls_of("sendMessage") if c.status == 403], what="a 403 answer")
    assert "/latest" in text_of(ask(api, chat, "/help"))
