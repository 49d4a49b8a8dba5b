"""End to end, what a journalist types: a real `newsbot run` against the Bot API stand-in, on the
sample articles: search that explains itself, one event in full, periods, names in any script,
commands as Telegram users type them, queries that can never match."""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest

from tests.e2e.botapi_stub import BotAPIStub
from tests.e2e.process import BotProcess
from tests.e2e.test_bot_commands import ask, buttons, press, text_of

pytestmark = pytest.mark.e2e
chat_ids = count(7000)


@pytest.fixture
def chat(bot_run: BotProcess, api: BotAPIStub) -> Any:
    before = len(api.problems)
    yield next(chat_ids)
    assert api.problems[before:] == []  # every message was one Telegram accepts


def test_search_shows_what_matched_in_bold_newest_first(api: BotAPIStub, chat: int) -> None:
    (reply,) = ask(api, chat, "/search вода")
    assert "новые сверху" in reply["text"]
    assert "<b>водных</b>" in reply["html"] and "<b>водно-энергетических</b>" in reply["html"]
    assert reply["text"].index("Вена") < reply["text"].index("Алматы")  # 6 Dec 2025 before 30 Nov 2025
    assert "Вена" not in text_of(ask(api, chat, "/search климат -Афганистан"))
    assert "водных" in text_of(ask(api, chat, "/search water"))


def test_details_button_opens_the_event_in_full(api: BotAPIStub, chat: int) -> None:
    (listing,) = ask(api, chat, "/org ОДКБ")
    assert buttons(listing) == ["Подробнее 1"]
    full = text_of(press(api, chat, listing, "Подробнее 1"))
    assert "Участники: ОДКБ" in full and "Упоминаются: " in full
    assert "Касым-Жомарт Токаев" in full and "Источники (1)" in full and "BaigeNews.kz" in full
    number = full.split("Событие №")[1].split()[0]
    assert text_of(ask(api, chat, f"/event {number}")) == full


def test_organisations_take_part_or_are_mentioned(api: BotAPIStub, chat: int) -> None:
    un = text_of(ask(api, chat, "/org ООН"))
    assert "ОДКБ" not in un and "Вена" not in un  # passing mentions of the UN are not its events


def test_periods_and_names_in_any_script(api: BotAPIStub, chat: int) -> None:
    in_2024 = text_of(ask(api, chat, "/org ОБСЕ 2024"))
    assert "(2024 год)" in in_2024 and "Мальта" in in_2024 and "Вена" not in in_2024
    assert "с 1 января 2025" in text_of(ask(api, chat, "/search вода с 01.01.2025"))
    assert "Касым-Жомарт Токаев" in text_of(ask(api, chat, "/person Tokayev"))
    assert "МККК: последние события" in text_of(ask(api, chat, "/org Красный Крест"))
    assert "(человек) оформлена" in text_of(ask(api, chat, "/subscribe Kosherbayev"))


def test_commands_as_typed(api: BotAPIStub, chat: int) -> None:
    assert "Здравствуйте" in text_of(ask(api, chat, "/START"))
    assert text_of(ask(api, chat, "/Latest 1")).startswith("Последние события")
    assert "а не 0" in text_of(ask(api, chat, "/latest 0"))
    assert "не больше 20" in text_of(ask(api, chat, "/latest 500"))
    assert "разметку" in text_of(ask(api, chat, "/subscribe <b>вода</b>"))


def test_a_command_for_another_bot_is_ignored_in_a_group(api: BotAPIStub, bot_run: BotProcess) -> None:
    group = -100 - next(chat_ids)
    kwargs: dict[str, Any] = {"user_id": 91, "chat_type": "supergroup", "title": "Редакция"}
    api.send_text("/org@otherbot ОБСЕ", chat_id=group, **kwargs)
    replies = ask(api, group, "/org@newsbot_test_bot ОБСЕ", **kwargs)
    assert len(replies) == 1 and replies[0]["text"].startswith("ОБСЕ: последние события")
