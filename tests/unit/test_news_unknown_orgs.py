"""Organisations the catalogue doesn't know (`other_organizations`): kept, with outlets, places,
ministries, common abbreviations and catalogue organisations left out."""

import pytest

from bot.news import parse
from bot.news.models import ArticleMeta
from bot.news.orgs import load_catalog
from bot.news.outlets import load_outlets
from bot.news.unknown_orgs import find_other_organizations


def others(text: str) -> list[tuple[str, int]]:
    return find_other_organizations(text, load_catalog(), load_outlets())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Доклад подготовили эксперты Института мировой экономики и политики.",
         "Институт мировой экономики и политики"),
        ("Делегация посетила Северный инвестиционный банк.", "Северный инвестиционный банк"),
        ("Грант выделил фонд «Болашак-Инвест» для студентов.", "Фонд «Болашак-Инвест»"),
        ("Соглашение подписало АО «Казахские железные дороги» в Пекине.", "АО «Казахские железные дороги»"),
        ("Министр предложил создать Международное агентство по водной безопасности.",
         "Международное агентство по водной безопасности"),
        ("The talks were hosted by the Eurasian Development Forum in Almaty.", "Eurasian Development Forum"),
        ("Проект поддержало USAID.", "USAID"),
    ],
)
def test_unknown_organisations_are_found_in_the_nominative(text: str, name: str) -> None:
    assert name in [n for n, _ in others(text)]


def test_an_abbreviation_in_brackets_counts_for_its_name() -> None:
    text = "Эксперты Центра стратегических исследований (ЦСИ) выступили. Позже ЦСИ опубликовал доклад."
    assert others(text) == [("Центр стратегических исследований", 2)]


@pytest.mark.parametrize(
    "text",
    [
        "Совет министров иностранных дел ОБСЕ принял решение.",  # a body of a catalogue organisation
        "Встреча прошла в Организации Объединенных Наций.",  # in the catalogue
        "Об этом сообщает МИД РК со ссылкой на ТАСС.",  # a ministry, an outlet
        "Рост ВВП США и КНР обсудили в СМИ.",  # common abbreviations and countries
        "БРЮССЕЛЬ. Министр прибыл с визитом.",  # a place in capitals
        "АВТОР: редакция.",  # a common word in capitals
        "Совет рекомендовал продолжить работу.",  # a head noun alone
        "Фонд выделил средства на проект.",  # sentence-initial head without a name
        "Стороны обсудили работу центра и фонда.",  # lower-case heads without a name
        "Он выступил на форуме в Астане.",
        "Роль Центра по превентивной дипломатии велика.",  # a short form of a catalogue name (РЦПДЦА)
        "Делегация посетила Азиатский банк развития.",  # in the catalogue (АБР)
        "Об этом сообщило агентство «Казинформ».",  # an outlet, quoted after a head noun
        "Как передает РИА Новости, визит завершился.",  # an outlet in capitals
        "Журналисты KAZAKHSTAN TODAY сообщили о визите.",  # an outlet in capitals
    ],
)
def test_not_unknown_organisations(text: str) -> None:
    assert others(text) == []


def test_parse_emits_other_organizations_and_keeps_organizations_catalogue_only() -> None:
    text = "Министр встретился с главой ОБСЕ и представителями Фонда развития предпринимательства «Даму»."
    article = parse(text, ArticleMeta())
    assert [o.id for o in article.organizations] == ["osce"]
    out = article.to_json()
    assert out["other_organizations"] == [{"name": "Фонд развития предпринимательства «Даму»", "mentions": 1}]
