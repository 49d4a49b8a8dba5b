"""The query services behind both the bot and the CLI, on the five sample articles."""

from __future__ import annotations

import pytest

from bot import services
from storage.db import Database


def source_files(events: list[services.EventView]) -> list[str]:
    return [e.url.rsplit("/", 1)[-1] for e in events]


async def test_latest_is_newest_first(sample_db: Database) -> None:
    page = await services.latest(sample_db, 10)
    keys = [e.sort_key for e in page.items]
    assert keys == sorted(keys, reverse=True)
    assert len(page.items) == 5 and not page.has_more


async def test_latest_pages_on(sample_db: Database) -> None:
    first = await services.latest(sample_db, 2)
    second = await services.latest(sample_db, 2, offset=2)
    assert first.has_more and second.has_more
    assert not {e.id for e in first.items} & {e.id for e in second.items}


@pytest.mark.parametrize("name", ["ОБСЕ", "обсе", "OSCE", "Организация по безопасности и сотрудничеству в Европе"])
async def test_org_osce_gives_the_osce_events_and_not_the_csto_one(sample_db: Database, name: str) -> None:
    result = await services.org_events(sample_db, name, 10)
    assert result.org is not None and result.org.id == "osce"
    files = source_files(result.page.items)
    assert sorted(files) == ["001_127c33a05446321e.txt", "003_3ebce9fb0e572c4c.txt"]


async def test_unknown_org_suggests_the_closest(sample_db: Database) -> None:
    result = await services.org_events(sample_db, "ОБСЭ")
    assert result.org is None
    assert "ОБСЕ" in [o.name for o in result.suggestions]


@pytest.mark.parametrize("name", ["Токаев", "Токаева", "токаеву"])
async def test_person_in_any_case_form(sample_db: Database, name: str) -> None:
    result = await services.person_statements(sample_db, name, 20)
    assert [p.name for p in result.people] == ["Касым-Жомарт Токаев"]
    assert len(result.page.items) >= 5
    assert all(s.speaker == "Касым-Жомарт Токаев" for s in result.page.items)


async def test_search_finds_water_in_any_form(sample_db: Database) -> None:
    result = await services.search(sample_db, "водных ресурсов", 10)
    files = source_files([h.event for h in result.page.items])
    assert sorted(files) == ["001_127c33a05446321e.txt", "002_d6cb1d97acf587c2.txt"]


async def test_search_water_does_not_match_lookalikes(sample_db: Database) -> None:
    # "руководство", "проводить" and the like must not count as water.
    result = await services.search(sample_db, "вода", 10)
    files = source_files([h.event for h in result.page.items])
    assert "004_6bdf971b0c5c3aaf.txt" not in files and "000_17548ebad7747cfe.txt" not in files


async def test_search_with_nothing_to_find(sample_db: Database) -> None:
    assert (await services.search(sample_db, "криптовалюта", 10)).page.items == []
    assert (await services.search(sample_db, "!!!", 10)).query.is_empty


async def test_search_terms_hold_every_indexed_token(sample_db: Database) -> None:
    family = await services.word_family(sample_db, services.parse_query("вода").terms[0])
    assert {"водный", "водопользование"} <= set(family)
    assert not {"руководство", "проводить"} & set(family)


async def test_search_with_a_phrase_and_an_exclusion(sample_db: Database) -> None:
    # An exclusion applies to each statement and article text on its own: 001 speaks of water only
    # in its text, which also names Helsinki; 002 has statements on water that name neither word.
    found = await services.search(sample_db, '"водных ресурсов" -Хельсинки', 10)
    assert source_files([h.event for h in found.page.items]) == ["002_d6cb1d97acf587c2.txt"]
    found = await services.search(sample_db, '"водных ресурсов" -водопользование -Афганистан', 10)
    assert all("водопользован" not in s.text for h in found.page.items for s in h.statements)


@pytest.fixture
async def new_db(tmp_path):  # type: ignore[no-untyped-def]
    db = await Database.open(tmp_path / "new.sqlite3")
    yield db
    await db.close()


async def test_an_undated_article_has_one_date_everywhere(new_db: Database) -> None:
    """No stated date: every view says «дата не указана» (not the day it was stored) and --json has null."""
    from bot import rendering
    from bot.cli import event_json
    from bot.ingest import ingest_text
    from bot.news import ArticleMeta

    text = (
        "Министр иностранных дел Ермек Кошербаев встретился с послом Франции.\n\n"
        "Министр Ермек Кошербаев заявил, что Казахстан поддерживает диалог с Евросоюзом."
    )
    await ingest_text(new_db, text, ArticleMeta(url="file:///undated.txt"))
    (event,) = (await services.latest(new_db, 5)).items
    assert rendering.event_day(event) == "дата не указана"
    assert event_json(event)["date"] is None
    person = await services.person_statements(new_db, "Кошербаев")
    assert person is not None
    assert all("дата не указана" in rendering.person_statement_block(st) for st in person.page.items)


async def test_two_sources_with_the_same_statement_show_it_once(new_db: Database) -> None:
    from bot.ingest import ingest_text
    from bot.news import ArticleMeta

    body = (
        "Министр иностранных дел Ермек Кошербаев принял участие в 32-м заседании СМИД ОБСЕ в Вене.\n\n"
        "Министр Ермек Кошербаев заявил, что ОБСЕ остается важной площадкой для диалога.\n\n"
        "Он подчеркнул, что Казахстан выступает за дипломатическое решение кризисов."
    )
    await ingest_text(new_db, " date 2025-12-06\n" + body, ArticleMeta(url="https://a.example/1"))
    await ingest_text(new_db, " date 2025-12-06\n" + body + "\n\nВторой источник.", ArticleMeta(url="https://b.example/2"))
    (event,) = (await services.latest(new_db, 5)).items
    assert len(event.sources) == 2
    texts = [st.text for st in event.statements]
    assert len(texts) == len(set(texts)) == 2

async def test_org_lists_participants_not_passing_mentions(sample_db: Database) -> None:
    """ООН is only mentioned in passing in the МККК, ОБСЕ and ОДКБ articles (`на полях Генеральной
    Ассамблеи ООН`, `под эгидой ООН`): /org ООН lists none of them; РЦПДЦА, a UN centre, stays."""
    result = await services.org_events(sample_db, "ООН", 10)
    files = source_files(result.page.items)
    assert files == ["002_d6cb1d97acf587c2.txt"]
    (event,) = result.page.items
    assert [o.name for o in event.participants] == ["РЦПДЦА", "МФСА"]
    assert [o.name for o in event.mentioned] == ["ООН"]


async def test_event_lists_keep_mentions_apart(sample_db: Database) -> None:
    result = await services.org_events(sample_db, "ОДКБ", 10)
    (event,) = result.page.items
    assert [o.name for o in event.participants] == ["ОДКБ"]
    assert sorted(o.name for o in event.mentioned) == ["БАПОР", "ООН"]
