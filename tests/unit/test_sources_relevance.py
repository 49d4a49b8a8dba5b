"""Only foreign-policy articles are stored: the relevance test, its reasons and its figures on real headlines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot import DATA_DIR
from bot.sources.relevance import judge

DEDUPE = Path(__file__).parents[1] / "fixtures" / "sources" / "dedupe"
LABELLED = Path(__file__).parents[1] / "relevance"


def labelled(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (LABELLED / name).read_text(encoding="utf-8").splitlines() if line]


def recall_precision(rows: list[dict[str, object]]) -> tuple[float, float]:
    kept = [bool(judge(f"{r['headline']}\n\n{r['lead']}").relevant) for r in rows]
    wanted = [r["label"] == 1 for r in rows]
    true_pos = sum(k and w for k, w in zip(kept, wanted, strict=True))
    return true_pos / sum(wanted), true_pos / max(1, sum(kept))


def test_the_labelled_set_is_real_and_balanced() -> None:
    rows = labelled("labelled.jsonl")
    assert len(rows) >= 200
    assert len({r["url"] for r in rows}) == len(rows)
    share = sum(r["label"] for r in rows) / len(rows)  # type: ignore[misc]
    assert 0.4 <= share <= 0.6
    assert all(str(r["url"]).startswith("http") and r["lead"] for r in rows)


@pytest.mark.parametrize("name", ["labelled.jsonl", "heldout.jsonl"])
def test_recall_and_precision_on_real_headlines(name: str) -> None:
    recall, precision = recall_precision(labelled(name))
    assert recall >= 0.97, recall
    assert precision >= 0.90, precision


@pytest.mark.parametrize("path", sorted((DATA_DIR / "articles").glob("*.txt")) + sorted(DEDUPE.glob("*.txt")))
def test_every_sample_and_fixture_article_is_about_foreign_policy(path: Path) -> None:
    verdict = judge(path.read_text(encoding="utf-8"))
    assert verdict.relevant, verdict.reason


@pytest.mark.parametrize("text", [
    "В Алматы прошел футбольный матч между командами Кайрат и Астана. Болельщики встретили игроков "
    "овациями. Международный турнир продолжится в субботу, после матча тренеры дали интервью.",
    "Курс тенге на бирже вырос. Нацбанк сообщил о росте резервов. Эксперты ждут снижения инфляции.",
    "Токаев провел совещание с акимами областей и поручил подготовиться к отопительному сезону.",
    "Гуманитарную помощь пострадавшим от паводка в Костанайской области доставили волонтеры.",
])
def test_news_without_foreign_policy_is_skipped_with_a_reason(text: str) -> None:
    verdict = judge(text)
    assert not verdict.relevant
    assert verdict.reason.startswith("не о внешней политике")
    assert "МИД и дипломаты: нет" in verdict.reason


def test_an_organisation_alone_is_not_enough() -> None:
    verdict = judge("В Минздраве рассказали о рекомендациях ВОЗ по вакцинации детей от кори.")
    assert not verdict.relevant
    assert verdict.organizations == ("ВОЗ",)


def test_the_foreign_ministry_alone_is_enough() -> None:
    verdict = judge("МИД Казахстана прокомментировал сообщения о задержании граждан.")
    assert verdict.relevant
    assert verdict.found("envoys") == ("МИД",)


def test_the_three_stories_of_the_issue_are_kept_on_their_own_words() -> None:
    un = judge("Токаев призвал к реформе СБ ООН. Президент Казахстана на Генеральной Ассамблее ООН призвал "
               "к реформе Совета Безопасности организации.")
    kabul = judge("Казахстан направит гуманитарную миссию в Кабул. В ее состав войдут медицинские специалисты.")
    eaeu = judge("Следующий саммит ЕАЭС состоится в Астане 28 и 29 мая, заявил Токаев.")
    assert un.relevant and kabul.relevant and eaeu.relevant, (un.reason, kabul.reason, eaeu.reason)


def test_a_kazakh_and_a_foreign_leader_together_are_enough() -> None:
    assert judge("Токаев тепло приветствовал в Акорде Председателя КНР Си Цзиньпина.").relevant
    assert not judge("Путин провел совещание по экономике в Москве.").relevant


def test_abbreviations_match_whole_words_with_their_case() -> None:
    assert judge("Сноубордисты из Есика выиграли. ООН").organizations == ("ООН",)
    assert judge("весна, сонный полдень").organizations == ()


def test_the_stem_of_ambassador_does_not_match_last() -> None:
    assert judge("Последние новости последовательно.").found("envoys") == ()
    verdict = judge("Посол Франции вручил верительные грамоты.")
    assert verdict.found("envoys") == ("посол",)
    assert "верительн грамот" in verdict.found("diplomacy")


def test_a_phrase_does_not_run_across_punctuation() -> None:
    verdict = judge("Medals in Uzbekistan, President Tokayev said.")
    assert verdict.found("foreign_leaders") == ()
    assert judge("Визит в Нью-Йорк").found("abroad") == ("нью йорк",)


def test_english_articles_count_too() -> None:
    verdict = judge("Foreign Minister Kosherbayev held bilateral talks with the OSCE Secretary General on cooperation.")
    assert verdict.relevant


def test_full_texts_of_the_extraction_corpus_are_kept() -> None:
    """tests/corpus/articles: real foreign-policy articles (Kazakh and foreign outlets, Russian and English)."""
    files = sorted((Path(__file__).parents[1] / "corpus" / "articles").glob("*.txt"))
    kept = [judge(f.read_text(encoding="utf-8")).relevant for f in files]
    assert len(files) >= 60
    assert sum(kept) / len(kept) >= 0.97
