"""A statement's text is what the article says: every one is found in the cleaned text (its title and body),
whitespace aside."""

import re
from pathlib import Path

import pytest

from bot.news import parse
from bot.news.models import ArticleMeta
from bot.news.textio import decode_article

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = [ROOT / "data" / "articles", ROOT / "tests" / "fixtures" / "articles", ROOT / "tests" / "corpus" / "articles"]
ARTICLES = sorted(path for folder in FOLDERS for path in folder.glob("*.txt"))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_statement_is_in_the_article_as_written(path: Path) -> None:
    article = parse(decode_article(path.read_bytes()), ArticleMeta(path=str(path)))
    text = squeeze(f"{article.title or ''}\n{article.text}")
    missing = [s.text for s in article.statements if squeeze(s.text) not in text]
    assert missing == []


def test_the_examples_of_the_issue_stay_as_written() -> None:
    text = (
        "Министр иностранных дел Данияр Абенов провел встречу с послом.\n\n"
        "Он отметил, что организация располагает опытом, и призвал обеспечить мир.\n\n"
        "Посол Мария Кастелли поблагодарила казахстанскую сторону за поддержку, сообщила пресс-служба МИД."
    )
    statements = parse(text, ArticleMeta()).statements
    assert [s.text for s in statements] == [
        "организация располагает опытом, и призвал обеспечить мир.",
        "Посол Мария Кастелли поблагодарила казахстанскую сторону за поддержку",
    ]


def test_an_abbreviated_month_or_title_does_not_end_a_sentence_but_a_full_stop_after_other_words_does() -> None:
    from bot.news.tokens import sentences_of

    assert sentences_of("The conference on Oct. 2-3 in Doha was held. It ended.") == [
        "The conference on Oct. 2-3 in Doha was held.",
        "It ended.",
    ]
    assert sentences_of("Amb. Kairat Umarov met Gov. Brown in St. Petersburg.") == [
        "Amb. Kairat Umarov met Gov. Brown in St. Petersburg."
    ]
    assert sentences_of("He arrived in Sept. The talks began.") == ["He arrived in Sept.", "The talks began."]
    assert sentences_of("He met the Gen. 5 delegates came.") == ["He met the Gen.", "5 delegates came."]
