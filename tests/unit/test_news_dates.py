from datetime import UTC, datetime

import pytest

from bot.news.dates import choose_year, find_date, published_at

REF = datetime(2026, 11, 21, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (" date 2025-12-06 Фото: МИД РК", "2025-12-06"),
        ("18.05.2022 18:26", "2022-05-18T18:26+05:00"),
        ("23 Ноября 2023, 18:56", "2023-11-23T18:56+05:00"),
        ("20:35, 10 Ноябрь 2025 | GMT +5", "2025-11-10T20:35+05:00"),
        ("20:35, 10 Ноябрь 2025 | GMT +6", "2025-11-10T19:35+05:00"),
        ("1 June 2022", "2022-06-01"),
        ("June 1, 2022", "2022-06-01"),
        ("12 желтоқсан 2024", "2024-12-12"),
    ],
)
def test_formats(line: str, expected: str) -> None:
    assert published_at([line], None, "", REF) == expected


def test_no_date_gives_none() -> None:
    assert published_at([], None, "Текст без дат.", REF) is None
    assert find_date("Фото: МИД РК") is None


def test_a_year_less_date_takes_the_latest_such_date_not_after_the_reference() -> None:
    assert choose_year(6, 12, "Текст без годов.", REF) == 2025
    assert choose_year(6, 11, "Текст без годов.", REF) == 2026


def test_a_year_the_text_places_its_events_in_wins() -> None:
    text = "Итоги работы под председательством Мальты в 2024 году. Саммит, который пройдет в 2026 году."
    assert choose_year(6, 12, text, REF) == 2024


def test_future_and_range_years_do_not_count() -> None:
    text = "Конференция пройдет в 2026 году. Программа на 2026-2030 годы. Цели до 2030 года."
    assert choose_year(6, 12, text, REF) == 2025


def test_dateline_date_without_year() -> None:
    assert published_at([], "5 декабря", "", REF) == "2025-12-05"
