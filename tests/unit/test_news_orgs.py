import pytest

from bot.news.orgs import load_catalog
from bot.news.outlets import load_outlets
from bot.news.tokens import tokenize


@pytest.mark.parametrize(
    "name",
    [
        "ОБСЕ",
        "обсе",
        "OSCE",
        "ЕҚЫҰ",
        "Организация по безопасности и сотрудничеству в Европе",
        "Организации по безопасности и сотрудничеству в Европе",
        "БДИПЧ",
    ],
)
def test_resolve_any_name_of_the_osce(name: str) -> None:
    org = load_catalog().resolve(name)
    assert org is not None and org.id == "osce" and org.name == "ОБСЕ"


def test_unknown_names_resolve_to_nothing_and_get_suggestions() -> None:
    catalog = load_catalog()
    assert catalog.resolve("ОБСЭ") is None
    assert catalog.resolve("Министерство") is None
    assert "ОБСЕ" in [o.name for o in catalog.suggest("ОБСЭ")]


def test_sub_bodies_map_to_their_organisation_and_children_are_descendants() -> None:
    catalog = load_catalog()
    assert catalog.resolve("Совета Безопасности ООН").id == "un"  # type: ignore[union-attr]
    assert {"un", "unrcca", "unrwa"} <= catalog.descendants("un")
    assert "osce" not in catalog.descendants("un")


def test_find_counts_inflected_full_names_and_nested_abbreviations() -> None:
    text = "При поддержке Регионального центра ООН по превентивной дипломатии для стран Центральной Азии и МККК."
    counts = load_catalog().find(tokenize(text))
    assert counts == {"unrcca": 1, "un": 1, "icrc": 1}


def test_a_sub_body_counts_its_organisation_once() -> None:
    assert load_catalog().find(tokenize("резолюции Совета Безопасности ООН")) == {"un": 1}


def test_lower_case_words_and_outlets_are_not_organisations() -> None:
    catalog = load_catalog()
    assert not catalog.find(tokenize("это ес было в оон"))
    assert not catalog.find(tokenize("передаёт BaigeNews.kz со ссылкой на Акорду"))


def test_outlet_credit_is_the_source_not_the_quoted_one() -> None:
    outlets = load_outlets()
    assert outlets.credited("Мероприятие, передаёт BaigeNews.kz со ссылкой на Акорду.") == "BaigeNews.kz"
    assert outlets.credited("передает ИА El.kz со ссылкой на МИД РК") == "El.kz"
    assert outlets.credited("Министр передает привет коллегам") is None


def test_a_name_joined_by_a_hyphen_to_the_next_word_is_found_a_hyphenated_city_or_name_is_no_body() -> None:
    from bot.news import parse
    from bot.news.models import ArticleMeta

    def names(text: str) -> list[str]:
        return [o.name for o in parse(text, ArticleMeta()).organizations]

    assert names("The first Gulf Cooperation Council-Central Asia summit was held in Jeddah.") == ["ССАГПЗ"]
    assert names("Саммит ЕС-Казахстан прошел в Астане.") == ["ЕС"]
    assert names("The Supreme Eurasian Economic Council met in Sochi.") == ["ЕАЭС"]
    assert names("Касым-Жомарт Токаев прибыл в Нур-Султан.") == []
