"""/latest, /org, /person, /search through a fresh dispatcher, with fake query services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from aiogram.types import Message

from bot import services
from bot.news.matcher import parse_query
from bot.news.orgs import Org
from bot.services import OrgResult, Page, PersonResult, SearchHit, SearchResult
from storage.db import Database
from storage.queries import EventView, OrgRef, PersonRef, SourceRef, StatementView
from tests.e2e.botapi_stub import check_telegram_html
from tests.unit.handler_harness import Harness, labels

OSCE = Org("osce", "ОБСЕ")


def make_event(i: int) -> EventView:
    st = StatementView(i, i, "Ермек Кошербаев", None, "заявил", f"Заявление номер {i} о водных ресурсах.", False,
                       f"2025-11-{30 - i:02d}T10:00", f"https://kt.kz/{i}", "KAZAKHSTAN TODAY")  # fmt: skip
    return EventView(
        id=i, date=f"2025-11-{30 - i:02d}", published_at=None, sort_key=f"2025-11-{30 - i:02d}T10:00",
        title=f"Событие номер {i}", location="Астана", organizations=[OrgRef("osce", "ОБСЕ")],
        sources=[SourceRef("KAZAKHSTAN TODAY", f"https://kt.kz/{i}")], statements=[st],
    )  # fmt: skip


EVENTS = [make_event(i) for i in range(1, 13)]


def page(items: list[Any], offset: int, limit: int) -> Page[Any]:
    return Page(items[offset : offset + limit], offset, limit, len(items) > offset + limit)


@dataclass
class FakeServices:
    calls: list[tuple[str, Any]] = field(default_factory=list)
    top: list[tuple[OrgRef, int]] = field(default_factory=lambda: [(OrgRef("osce", "ОБСЕ"), 12)])

    async def latest(self, db: Database, limit: int = 5, offset: int = 0) -> Page[EventView]:
        self.calls.append(("latest", (limit, offset)))
        return page(EVENTS, offset, limit)

    async def org_events(self, db: Database, name: str, limit: int = 5, offset: int = 0) -> OrgResult:
        self.calls.append(("org", (name, limit, offset)))
        if name.lower() in ("обсе", "osce"):
            return OrgResult(name, OSCE, [], page(EVENTS, offset, limit))
        suggestions = [OSCE] if name.upper().startswith("ОБС") else []
        return OrgResult(name, None, suggestions, Page([], offset, limit, False))

    async def top_organizations(self, db: Database, n: int = 8) -> list[tuple[OrgRef, int]]:
        return self.top

    async def person_statements(self, db: Database, name: str, limit: int = 5, offset: int = 0) -> PersonResult:
        self.calls.append(("person", (name, limit, offset)))
        if not name.lower().startswith("кошербаев"):
            return PersonResult(name, [], Page([], offset, limit, False))
        statements = [e.statements[0] for e in EVENTS]
        return PersonResult(name, [PersonRef(1, "Ермек Кошербаев", "министр")], page(statements, offset, limit))

    async def search(self, db: Database, text: str, limit: int = 5, offset: int = 0) -> SearchResult:
        self.calls.append(("search", (text, limit, offset)))
        query = parse_query(text)
        hits = [SearchHit(e, e.statements) for e in EVENTS] if "вод" in text else []
        return SearchResult(query, page(hits, offset, limit) if not query.is_empty else Page([], 0, limit, False))


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeServices:
    fakes = FakeServices()
    for name in ("latest", "org_events", "top_organizations", "person_statements", "search"):
        monkeypatch.setattr(services, name, getattr(fakes, name))
    return fakes


@pytest.fixture
def harness(db: Database, fake: FakeServices) -> Harness:
    return Harness(db)


def valid(messages: list[Message]) -> list[Message]:
    assert messages
    for m in messages:
        assert m.text and check_telegram_html(m.text) is None, m.text
    return messages


async def test_latest_pages_with_more_button(harness: Harness, fake: FakeServices) -> None:
    (first,) = valid(await harness.send("/latest"))
    assert first.text is not None and "1. <b>Событие номер 1</b>" in first.text and "5. " in first.text
    assert labels(first) == [f"Подробнее {n}" for n in range(1, 6)] + ["Ещё"]
    (second,) = valid(await harness.press(first, "Ещё"))
    assert second.text is not None and "6. <b>Событие номер 6</b>" in second.text
    (third,) = valid(await harness.press(second, "Ещё"))
    assert third.text is not None and "12. " in third.text
    assert labels(third) == ["Подробнее 11", "Подробнее 12"]  # the last page has no «Ещё»
    assert [c for c in fake.calls if c[0] == "latest"] == [("latest", (5, 0)), ("latest", (5, 5)), ("latest", (5, 10))]
    assert len(harness.calls("answerCallbackQuery")) == 2


async def test_latest_count_is_clamped_and_bad_count_explained(harness: Harness, fake: FakeServices) -> None:
    note, *_ = valid(await harness.send("/latest 500"))
    assert fake.calls[-1] == ("latest", (20, 0))
    assert note.text is not None and "не больше 20" in note.text and "500" in note.text
    (zero,) = valid(await harness.send("/latest 0"))
    assert zero.text is not None and "от 1 до 20, а не 0" in zero.text
    assert fake.calls[-1] == ("latest", (20, 0))  # nothing shown for 0
    (reply,) = valid(await harness.send("/latest много"))
    assert reply.text is not None and "от 1 до 20" in reply.text
    await harness.send("/latest " + "9" * 5000)  # no giant int() from input
    assert fake.calls[-1] == ("latest", (20, 0))


async def test_org_without_name_offers_buttons(harness: Harness) -> None:
    (menu,) = valid(await harness.send("/org"))
    assert labels(menu) == ["ОБСЕ (12)"]
    (events,) = valid(await harness.press(menu, "ОБСЕ"))
    assert events.text is not None and events.text.startswith("<b>ОБСЕ: последние события</b>")
    (more,) = valid(await harness.press(events, "Ещё"))
    assert more.text is not None and "6. " in more.text


async def test_unknown_org_suggests_never_empty(harness: Harness, fake: FakeServices) -> None:
    (close,) = valid(await harness.send("/org ОБСЭ"))
    assert close.text is not None and "Не знаю организации «ОБСЭ»" in close.text
    assert labels(close) == ["ОБСЕ"]
    (far,) = valid(await harness.send("/org Лига Наций"))
    assert labels(far) == ["ОБСЕ (12)"]  # the busiest ones instead
    fake.top = []
    (empty_db,) = valid(await harness.send("/org Лига Наций"))
    assert empty_db.text is not None and "/org ОБСЕ" in empty_db.text


async def test_person_paging_and_unknown(harness: Harness, db: Database) -> None:
    (found,) = valid(await harness.send("/person Кошербаева"))
    assert found.text is not None and "Заявления: Ермек Кошербаев, министр" in found.text
    (more,) = valid(await harness.press(found, "Ещё"))
    assert more.text is not None and "6. " in more.text
    (unknown,) = valid(await harness.send("/person Пупкин"))
    assert unknown.text is not None and "Не знаю человека «Пупкин»" in unknown.text
    (usage,) = valid(await harness.send("/person"))
    assert usage.text is not None and "Укажите фамилию" in usage.text


async def test_search_usage_long_and_wordless_queries(harness: Harness, fake: FakeServices) -> None:
    (usage,) = valid(await harness.send("/search"))
    assert usage.text is not None and "/search водные ресурсы" in usage.text
    (long,) = valid(await harness.send("/search " + "вода " * 1000))
    assert long.text is not None and "Слишком длинный запрос" in long.text
    assert not [c for c in fake.calls if c[0] == "search"]  # refused before querying
    (wordless,) = valid(await harness.send("/search && — <>"))
    assert wordless.text is not None and "нет слов для поиска" in wordless.text
    assert "«&amp;&amp; — &lt;&gt;»" in wordless.text


async def test_search_pages_a_query_too_long_for_callback_data(harness: Harness, fake: FakeServices) -> None:
    query = "водные ресурсы Центральной Азии и региональное сотрудничество"
    (first,) = valid(await harness.send(f"/search {query}"))
    assert first.text is not None and f"Поиск «{query}»" in first.text
    assert first.reply_markup is not None
    data = first.reply_markup.inline_keyboard[-1][0].callback_data
    assert data is not None and len(data.encode()) <= 64
    (second,) = valid(await harness.press(first, "Ещё"))
    assert fake.calls[-1] == ("search", (query, 5, 5))
    assert second.text is not None and "6. " in second.text


async def test_a_failing_service_gets_an_apology(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database is on fire")

    monkeypatch.setattr(services, "latest", broken)
    (reply,) = valid(await harness.send("/latest"))
    assert reply.text is not None and "Что-то пошло не так" in reply.text
