"""What a journalist types, through a fresh dispatcher on the sample articles: search that explains
itself, one event in full, periods, names in any script, commands as Telegram users type them."""

from __future__ import annotations

import re

from storage.db import Database
from tests.unit.handler_harness import Harness, labels, text


async def test_search_shows_the_matched_sentence_with_the_word_forms_in_bold(sample_db: Database) -> None:
    harness = Harness(sample_db)
    (reply,) = await harness.send("/search вода")
    answer = text([reply])
    assert "новые сверху" in answer
    assert "<b>водных</b> ресурсов" in reply.text  # type: ignore[operator]
    assert "<b>водно-энергетических</b>" in reply.text  # type: ignore[operator]
    assert "в тексте" in answer  # the OSCE event matched in its body: that sentence is shown
    days = re.findall(r"\n(\d{1,2} [а-я]+ \d{4})", answer)
    years_months = [d.split()[2] for d in days]
    assert years_months == sorted(years_months, reverse=True)  # newest first


async def test_search_excludes_an_event_mentioning_the_excluded_word_anywhere(sample_db: Database) -> None:
    harness = Harness(sample_db)
    with_it = text(await harness.send("/search климат"))
    without = text(await harness.send("/search климат -Афганистан"))
    assert "Вена" in with_it and "Вена" not in without  # the Vienna OSCE event names Афганистан in its text
    assert "Мальта" in without


async def test_search_in_english_finds_russian_articles(sample_db: Database) -> None:
    harness = Harness(sample_db)
    answer = text(await harness.send("/search water"))
    assert "водных" in answer


async def test_details_button_and_event_command_show_the_event_in_full(sample_db: Database) -> None:
    harness = Harness(sample_db)
    (listing,) = await harness.send("/org ОДКБ")
    assert labels(listing) == ["Подробнее 1"]
    pages = await harness.press(listing, "Подробнее 1")
    full = text(pages)
    assert "Участники: ОДКБ" in full and "Упоминаются:" in full and "ООН" in full.split("Упоминаются:")[1]
    assert "<b>Касым-Жомарт Токаев</b>" in pages[0].text  # type: ignore[operator]
    assert "<b>Источники</b> (1)" in full and "BaigeNews.kz" in full
    event_id = re.search(r"Событие №(\d+)", full).group(1)  # type: ignore[union-attr]
    assert text(await harness.send(f"/event {event_id}")) == full
    assert "События №999 нет" in text(await harness.send("/event 999"))
    assert "Укажите номер события" in text(await harness.send("/event abc"))


async def test_periods_narrow_org_person_and_search(sample_db: Database) -> None:
    harness = Harness(sample_db)
    in_2024 = text(await harness.send("/org ОБСЕ 2024"))
    assert "(2024 год)" in in_2024 and "Мальта" in in_2024 and "Вена" not in in_2024
    assert "событий нет" in text(await harness.send("/org ОБСЕ март 2025"))
    since = text(await harness.send("/search вода с 01.01.2025"))
    assert "с 1 января 2025" in since and "Мальта" not in since and "Вена" in since
    person = text(await harness.send("/person Токаев 2023"))
    assert "(2023 год)" in person and "23 ноября 2023" in person
    assert "Нет такой даты" in text(await harness.send("/search вода с 31.02.2025"))


async def test_names_in_any_script(sample_db: Database) -> None:
    harness = Harness(sample_db)
    assert "Касым-Жомарт Токаев" in text(await harness.send("/person Tokayev"))
    assert "Ермек Кошербаев" in text(await harness.send("/person Kosherbayev"))
    assert "Не знаю человека" in text(await harness.send("/person Tokarev"))
    assert "МККК: последние события" in text(await harness.send("/org Красный Крест"))
    assert "(человек) оформлена" in text(await harness.send("/subscribe Tokayev"))


async def test_commands_in_any_case_and_addressed_to_this_bot_only(sample_db: Database) -> None:
    harness = Harness(sample_db)
    assert "Здравствуйте" in text(await harness.send("/START"))
    assert "Последние события" in text(await harness.send("/Latest 1"))
    assert "ОБСЕ: последние события" in text(await harness.send("/org@newsbot_bot ОБСЕ", chat_id=-5, chat_type="group"))
    assert await harness.send("/org@otherbot ОБСЕ", chat_id=-5, chat_type="group") == []
    assert await harness.send("/org@otherbot ОБСЕ") == []  # not even the private chat's hint


async def test_queries_that_can_never_match_are_refused_with_a_hint(sample_db: Database) -> None:
    harness = Harness(sample_db)
    search = text(await harness.send("/search <b>вода</b>"))
    assert "разметку" in search and "/search вода" in search
    subscribe = text(await harness.send("/subscribe <i>вода</i>"))
    assert "разметку" in subscribe and "/subscribe вода" in subscribe
    assert await sample_db.scalar("SELECT count(*) FROM subscriptions") == 0


def test_the_console_shows_bold_on_a_terminal_and_plain_text_when_piped() -> None:
    from bot.console import ANSI_BOLD, html_to_text

    line = "— в тексте: дефицит <b>водных</b> ресурсов &amp; <b>воды</b>"
    assert html_to_text(line, ANSI_BOLD) == "— в тексте: дефицит \033[1mводных\033[0m ресурсов & \033[1mводы\033[0m"
    assert html_to_text(line) == "— в тексте: дефицит водных ресурсов & воды"
