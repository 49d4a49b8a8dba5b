"""Rendering: escaped HTML Telegram accepts, Russian dates, links, splitting below 4096."""

from __future__ import annotations

from bot import rendering
from storage.queries import EventView, OrgRef, PersonRef, SourceRef, StatementView
from tests.e2e.botapi_stub import check_telegram_html, visible_text


def statement(
    text: str = "Казахстан выступает за диалог.", speaker: str = "Ермек Кошербаев", **kw: object
) -> StatementView:
    fields: dict[str, object] = {
        "id": 1, "event_id": 1, "speaker": speaker, "role": None, "verb": "подчеркнул", "text": text,
        "direct_quote": False, "sort_key": "2025-12-05T10:00", "url": "https://kt.kz/a", "source": "KAZAKHSTAN TODAY",
        "day": "2025-12-05",
    }  # fmt: skip
    fields.update(kw)
    return StatementView(**fields)  # type: ignore[arg-type]


def event(title: str | None = "Кошербаев встретился с генсеком ОБСЕ", **kw: object) -> EventView:
    fields: dict[str, object] = {
        "id": 1, "date": "2025-12-05", "published_at": "2025-12-05T10:00", "sort_key": "2025-12-05T10:00",
        "title": title, "location": "Вена", "organizations": [OrgRef("osce", "ОБСЕ")],
        "sources": [SourceRef("KAZAKHSTAN TODAY", "https://kt.kz/a?x=1&y=2")], "statements": [statement()],
    }  # fmt: skip
    fields.update(kw)
    return EventView(**fields)  # type: ignore[arg-type]


def assert_telegram_ok(messages: list[str]) -> None:
    assert messages
    for message in messages:
        assert check_telegram_html(message) is None, message
        assert 0 < len(message) <= rendering.MESSAGE_LIMIT
        assert visible_text(message).strip()


def test_russian_dates() -> None:
    assert rendering.russian_date("2025-12-05") == "5 декабря 2025"
    assert rendering.russian_date("2023-11-23T18:56:00+05:00") == "23 ноября 2023"
    assert rendering.russian_date("2024-03-01") == "1 марта 2024"
    assert rendering.russian_date(None) == ""
    assert rendering.russian_date("когда-то") == "когда-то"


def test_event_block_has_date_place_orgs_statement_and_link() -> None:
    block = rendering.event_block(event())
    assert "<b>Кошербаев встретился с генсеком ОБСЕ</b>" in block
    assert "5 декабря 2025 · Вена · ОБСЕ" in block
    assert "— <b>Ермек Кошербаев</b>: Казахстан выступает за диалог." in block
    assert '<a href="https://kt.kz/a?x=1&amp;y=2">KAZAKHSTAN TODAY</a>' in block
    assert check_telegram_html(block) is None


def test_event_without_title_leads_with_first_statement() -> None:
    block = rendering.event_block(event(title=None))
    assert block.startswith("<b>Ермек Кошербаев</b>: Казахстан выступает за диалог.")


def test_file_sources_are_named_not_linked() -> None:
    block = rendering.event_block(event(sources=[SourceRef("DKNews.kz", "file:///data/articles/001.txt")]))
    assert "Источник: DKNews.kz" in block
    assert "<a " not in block


def test_everything_from_the_data_is_escaped() -> None:
    nasty = event(
        title="<b>Жирный</b> & «кавычки»",
        location="<script>",
        organizations=[OrgRef("x", "A&B <i>")],
        sources=[SourceRef('"><a href="evil', 'https://e.kz/?q="<x>')],
        statements=[statement(text="1 < 2 && 3 > 2 </b>", speaker="<u>Кто</u>", direct_quote=True)],
    )
    messages = rendering.latest_page([nasty], 0)
    assert_telegram_ok(messages)
    shown = visible_text(messages[0])
    assert "<b>Жирный</b> & «кавычки»" in shown
    assert "«1 < 2 && 3 > 2 </b>»" in shown


def test_user_input_is_escaped_and_shortened() -> None:
    (message,) = rendering.search_page("<b>вода</b> & " + "я" * 5000, [], 0)
    assert_telegram_ok([message])
    assert "&lt;b&gt;вода&lt;/b&gt; &amp;" in message
    assert len(message) < 300


def test_long_pages_split_at_paragraphs_below_the_limit() -> None:
    events = [event(title=f"Событие {i} " + "очень длинный заголовок " * 20) for i in range(20)]
    long_statements = [statement("слово " * 200), statement("текст " * 200)]
    events = [EventView(**{**e.__dict__, "statements": long_statements}) for e in events]
    messages = rendering.latest_page(events, 0)
    assert len(messages) > 1
    assert_telegram_ok(messages)
    for message in messages:
        assert len(message) <= rendering.SAFE_LIMIT
        assert not message.startswith("\n") and not message.endswith("\n")
    joined = "\n\n".join(messages)
    assert all(f"Событие {i} " in joined for i in range(20))  # nothing lost
    assert messages[1].split(". ", 1)[0].isdigit()  # a new message starts with a whole event


def test_an_oversized_paragraph_is_still_split_into_valid_messages() -> None:
    huge = "<b>Заголовок</b>\n" + "&amp; длинная строка без переносов " * 400
    messages = rendering.split_message([huge], limit=1000)
    assert len(messages) > 1
    assert_telegram_ok(messages)


def test_never_an_empty_message() -> None:
    assert rendering.split_message([]) == ["Пусто."]
    assert_telegram_ok(rendering.latest_page([], 0))
    assert_telegram_ok(rendering.latest_page([], 5))
    assert_telegram_ok(rendering.org_page("ОБСЕ", [], 0))
    assert_telegram_ok(rendering.person_page("Иванов", [], [], 0))
    assert_telegram_ok(rendering.person_page("Токаев", [PersonRef(1, "Касым-Жомарт Токаев", None)], [], 0))
    assert_telegram_ok(rendering.search_page("вода", [], 0))


def test_person_page_lists_statements_with_dates_and_sources() -> None:
    people = [PersonRef(1, "Ермек Кошербаев", "Министр иностранных дел")]
    (message,) = rendering.person_page("Кошербаева", people, [statement(), statement("Второе.")], 0)
    assert_telegram_ok([message])
    assert "Заявления: Ермек Кошербаев, Министр иностранных дел" in message
    assert "1. <b>5 декабря 2025</b> · Ермек Кошербаев (подчеркнул):" in message
    assert "2. " in message
    assert '<a href="https://kt.kz/a">KAZAKHSTAN TODAY</a>' in message


def test_help_names_every_command_with_an_example() -> None:
    text = rendering.help_text()
    assert check_telegram_html(text) is None
    for name, _, example in rendering.COMMANDS:
        assert f"/{name} — " in text
        assert example in text


def test_private_text_hint() -> None:
    assert "/search привет" in rendering.private_text_hint("привет")
    hint = rendering.private_text_hint("/unknown<b>")
    assert "Не знаю команды «/unknown&lt;b&gt;»" in hint
    assert check_telegram_html(hint) is None


def test_a_title_cut_from_the_lede_does_not_repeat_as_a_statement() -> None:
    lede = "Министр Ермек Кошербаев обратил внимание на необходимость выбора дипломатии вместо конфронтации."
    block = rendering.event_block(event(title=lede[:70] + "…", statements=[statement(lede), statement("Другое.")]))
    assert block.count("Кошербаев обратил") == 1
    assert "— <b>Ермек Кошербаев</b>: Другое." in block


def test_an_event_without_any_date_says_so() -> None:
    block = rendering.event_block(event(date=None, published_at=None, sort_key="2026-11-22T00:12:36"))
    assert "дата не указана · Вена" in block
    assert "2026" not in block


def test_a_statement_that_names_its_speaker_is_not_prefixed_with_the_name_again() -> None:
    from bot.rendering import names_its_speaker

    assert names_its_speaker("Биляна Милошевич поблагодарила казахстанскую сторону.", "Биляна Милошевич")
    assert names_its_speaker("По словам Милошевич, помощь нужна.", "Биляна Милошевич")
    assert not names_its_speaker("Казахстан выступает за диалог и мир в регионе.", "Ермек Кошербаев")
    assert not names_its_speaker("", "")
