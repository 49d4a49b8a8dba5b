"""Articles in the style of other outlets (tests/fixtures/articles): every field the contract promises."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.news import parse
from bot.news.models import ArticleMeta, ParsedArticle

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
REF = datetime(2026, 11, 21, tzinfo=UTC)


def load(name: str) -> ParsedArticle:
    return parse((FIXTURES / name).read_text(encoding="utf-8"), ArticleMeta(reference_time=REF))


def speakers(article: ParsedArticle) -> set[str]:
    return {s.speaker for s in article.statements}


def test_tass_dateline() -> None:
    a = load("tass_astana_sco.txt")
    assert (a.source, a.location, a.published_at) == ("ТАСС", "Астана", "2026-10-07")
    assert [o.name for o in a.organizations] == ["ШОС"]
    assert speakers(a) == {"Талгат Сейтжанов"}
    assert any(s.direct_quote and "транзитных коридорах" in s.text for s in a.statements)


def test_kazinform() -> None:
    a = load("kazinform_eu.txt")
    assert (a.source, a.location, a.published_at) == ("Kazinform", "Брюссель", "2022-05-18T18:26+05:00")
    assert [o.name for o in a.organizations] == ["ЕС"]
    assert speakers(a) == {"Данияр Абенов", "Мария Кастелли"}
    assert "Фото" not in a.text and "Поделиться" not in a.text


def test_tengrinews() -> None:
    a = load("tengrinews_un.txt")
    assert (a.source, a.location, a.published_at) == ("Tengrinews.kz", "Нью-Йорк", "2025-11-10T20:35+05:00")
    assert speakers(a) == {"Касым-Жомарт Токаев"}
    assert len(a.statements) == 3


def test_astana_times_in_english() -> None:
    a = load("astanatimes_osce.txt")
    assert a.lang == "en"
    assert (a.location, a.published_at) == ("Astana", "2022-06-01")
    assert [o.name for o in a.organizations] == ["ОБСЕ"]
    assert speakers(a) == {"Nurlan Sadykov", "Helga Brandt"}


@pytest.mark.parametrize("name", ["akorda_cica.txt"])
def test_akorda_without_date_or_dateline(name: str) -> None:
    a = load(name)
    assert a.published_at is None and a.location is None
    assert [o.name for o in a.organizations] == ["СВМДА"]
    assert speakers(a) == {"Касым-Жомарт Токаев", "Кайрат Сарыбеков"}
