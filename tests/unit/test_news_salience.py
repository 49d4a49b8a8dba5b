"""Participants vs passing mentions (bot/news/salience.py through parse)."""

from __future__ import annotations

import json

import pytest

from bot import PROJECT_ROOT
from bot.ingest import read_file
from bot.news import ArticleMeta, parse


def roles(text: str) -> dict[str, bool]:
    return {o.name: o.participant for o in parse(text, ArticleMeta()).organizations}


def test_the_meeting_party_takes_part_and_a_venue_reference_does_not() -> None:
    text = (
        "Министр иностранных дел Казахстана встретился с президентом МККК на полях Генеральной Ассамблеи ООН.\n\n"
        "Стороны обсудили гуманитарное сотрудничество. МККК работает в регионе с 1992 года."
    )
    assert roles(text) == {"МККК": True, "ООН": False}


@pytest.mark.parametrize(
    "clause",
    [
        "Он призвал под эгидой ООН обеспечить право палестинцев на государство.",
        "Он напомнил о резолюциях Совета Безопасности ООН.",
        "Казахстан направил помощь в структуру ООН.",
    ],
)
def test_background_clauses_are_passing_mentions(clause: str) -> None:
    text = f"Токаев выступил на сессии Совета коллективной безопасности ОДКБ\n\nСессия прошла в Минске.\n\n{clause}"
    assert roles(text) == {"ОДКБ": True, "ООН": False}


def test_an_abbreviation_inside_another_name_is_a_mention() -> None:
    text = "При поддержке Регионального центра ООН по превентивной дипломатии для стран Центральной Азии прошла встреча"
    assert roles(text) == {"РЦПДЦА": True, "ООН": False}


def test_a_speakers_organisation_takes_part() -> None:
    text = (
        "В Минске прошла сессия ОДКБ.\n\n"
        "Генеральный секретарь ШОС Нурлан Ермекбаев отметил, что сотрудничество развивается."
    )
    assert roles(text)["ШОС"] is True


def test_the_body_addressed_in_the_title_takes_part() -> None:
    assert roles("Токаев выступил на Генеральной Ассамблее ООН\n\nПрезидент призвал к реформе.") == {"ООН": True}


def test_parse_json_keeps_every_organisation_and_adds_the_flag() -> None:
    text = "Министр встретился с главой МККК на полях Генеральной Ассамблеи ООН."
    orgs = parse(text, ArticleMeta()).to_json()["organizations"]
    assert [(o["id"], o["participant"]) for o in orgs] == [("icrc", True), ("un", False)]  # type: ignore[index]


LABELS = {
    path: set(ids)
    for path, ids in json.loads((PROJECT_ROOT / "tests/fixtures/salience_labels.json").read_text("utf-8")).items()
    if not path.startswith("_")
}


@pytest.mark.parametrize("path", sorted(LABELS))
def test_participants_of_the_hand_labelled_articles(path: str) -> None:
    text, meta = read_file(PROJECT_ROOT / path)
    parsed = parse(text, meta)
    assert {o.id for o in parsed.organizations if o.participant} == LABELS[path]
