"""Names in any script (bot/news/translit.py, people.surname_forms) and organisations by everyday names."""

from __future__ import annotations

import pytest

from bot.news.orgs import load_catalog
from bot.news.people import surname_forms


@pytest.mark.parametrize("query", ["Токаев", "Tokayev", "Tokaev", "tokayev", "Toqaev", "Тоқаев", "Токаеву"])
def test_tokayev_in_every_spelling(query: str) -> None:
    assert "токаев" in surname_forms(query)


@pytest.mark.parametrize(("query", "surname"), [("Kosherbayev", "кошербаев"), ("Ashikbayev", "ашикбаев"),
                                               ("Nurtleu", "нуртлеу"), ("Sadykov", "садыков")])  # fmt: skip
def test_latin_spellings_of_officials(query: str, surname: str) -> None:
    assert surname in surname_forms(query)


def test_russian_spelling_finds_the_english_articles_surname() -> None:
    assert {"sadykov", "tokayev", "tokaev"} <= surname_forms("Садыков") | surname_forms("Токаеву")


@pytest.mark.parametrize(("query", "other"), [("Tokarev", "токаев"), ("Tokmakov", "токаев"), ("Kosherov", "кошербаев")])
def test_lookalike_spellings_do_not_match(query: str, other: str) -> None:
    assert other not in surname_forms(query)


@pytest.mark.parametrize(
    ("name", "org_id"),
    [("Красный Крест", "icrc"), ("Red Cross", "icrc"), ("красного креста", "icrc"),
     ("Шанхайская организация", "sco"), ("Шанхайской организации", "sco")],
)  # fmt: skip
def test_organisations_by_everyday_names(name: str, org_id: str) -> None:
    org = load_catalog().resolve(name)
    assert org is not None and org.id == org_id


def test_everyday_names_are_not_looked_for_in_articles() -> None:
    from bot.news import ArticleMeta, parse

    parsed = parse("Казахстанский Красный Крест провел акцию в Астане.\n\nВолонтеры раздали помощь.", ArticleMeta())
    assert "icrc" not in [o.id for o in parsed.organizations]


def test_a_part_of_an_everyday_name_is_only_suggested() -> None:
    catalog = load_catalog()
    assert catalog.resolve("Крест") is None
    assert [o.id for o in catalog.suggest("Крест")] == ["icrc"]
