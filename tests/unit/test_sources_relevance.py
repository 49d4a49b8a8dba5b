"""Only foreign-policy articles are stored: the relevance test and its reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import DATA_DIR
from bot.sources.relevance import judge

DEDUPE = Path(__file__).parents[1] / "fixtures" / "sources" / "dedupe"


@pytest.mark.parametrize("path", sorted((DATA_DIR / "articles").glob("*.txt")) + sorted(DEDUPE.glob("*.txt")))
def test_every_sample_and_fixture_article_is_about_foreign_policy(path: Path) -> None:
    verdict = judge(path.read_text(encoding="utf-8"))
    assert verdict.relevant, verdict.reason


@pytest.mark.parametrize("text", [
    "В Алматы прошел футбольный матч между командами Кайрат и Астана. Болельщики встретили игроков "
    "овациями. Международный турнир продолжится в субботу, после матча тренеры дали интервью.",
    "Курс тенге на бирже вырос. Нацбанк сообщил о росте резервов. Эксперты ждут снижения инфляции.",
    "В Алматы ожидается снег и гололед, коммунальные службы переведены на усиленный режим работы.",
])
def test_news_without_foreign_policy_is_skipped_with_a_reason(text: str) -> None:
    verdict = judge(text)
    assert not verdict.relevant
    assert verdict.reason.startswith("не о внешней политике")
    assert "дипломатические слова" in verdict.reason


def test_an_organisation_alone_is_not_enough() -> None:
    verdict = judge("В Минздраве рассказали о рекомендациях ВОЗ по вакцинации детей от кори.")
    assert not verdict.relevant
    assert verdict.organizations == ("ВОЗ",)


def test_an_official_with_diplomatic_words_is_enough() -> None:
    verdict = judge("Кошербаев провел переговоры с послом Японии о сотрудничестве.")
    assert verdict.relevant
    assert "кошербаев" in verdict.officials
    assert {"переговор", "сотрудничеств"} <= set(verdict.diplomatic)


def test_abbreviations_match_whole_words_with_their_case() -> None:
    assert judge("Сноубордисты из Есика выиграли. ООН").organizations == ("ООН",)
    assert judge("весна, сонный полдень").organizations == ()


def test_the_stem_of_ambassador_does_not_match_last() -> None:
    verdict = judge("Последние новости последовательно: посол Франции вручил верительные грамоты.")
    assert verdict.officials == ("посол",)
    assert "верительн грамот" in verdict.diplomatic


def test_english_articles_count_too() -> None:
    verdict = judge("Foreign Minister Kosherbayev held bilateral talks with the OSCE Secretary General on cooperation.")
    assert verdict.relevant
