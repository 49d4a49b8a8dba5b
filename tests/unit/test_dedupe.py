"""Near-duplicate signatures: pure functions on texts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.news.dedupe import (
    canonical_url,
    make_signature,
    merge_signatures,
    same_meeting,
    shingle_sketch,
    similarity,
    stems,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "sources" / "dedupe"
PARSED = json.loads((FIXTURES / "parsed.json").read_text(encoding="utf-8"))


def signature(name: str, **changes: object):
    info = {**PARSED[name], **changes}
    return make_signature(
        (FIXTURES / name).read_text(encoding="utf-8"),
        day=date.fromisoformat(str(info["published_at"])[:10]),
        org_ids=set(info["organizations"]),
        speaker_names=set(info["people"]),
        location=info["location"],
    )


def test_stems_drop_endings_and_function_words() -> None:
    assert stems("На заседании и в заседаниях Совета") == ["засед", "засед", "совет"]


def test_similarity_of_equal_and_disjoint_sets() -> None:
    sketch = shingle_sketch(stems("Министр иностранных дел провел встречу с послом в Астане"))
    assert similarity(sketch, sketch) == 1.0
    assert similarity(sketch, shingle_sketch(stems("Совершенно другой текст про погоду и урожай"))) == 0.0
    assert similarity(sketch, ()) == 0.0


@pytest.mark.parametrize(("a", "b"), [
    ("vienna_kt.txt", "vienna_elkz.txt"),
    ("vienna_kt.txt", "vienna_kazinform.txt"),
    ("vienna_elkz.txt", "vienna_kazinform.txt"),
])
def test_one_meeting_told_by_three_outlets_is_the_same_meeting(a: str, b: str) -> None:
    assert same_meeting(signature(a), signature(b))


def test_a_dateline_city_of_the_outlet_does_not_split_a_meeting() -> None:
    # Kazinform datelines every story АСТАНА; the extraction may take it for the place.
    assert same_meeting(signature("vienna_kt.txt"), signature("vienna_kazinform.txt", location="Астана"))


@pytest.mark.parametrize("other", ["malta_2024.txt", "astana_icrc.txt"])
def test_different_meetings_stay_apart(other: str) -> None:
    for vienna in ("vienna_kt.txt", "vienna_elkz.txt", "vienna_kazinform.txt"):
        assert not same_meeting(signature(vienna), signature(other))


def test_the_31st_and_32nd_council_differ_even_on_the_same_day_with_the_same_speaker() -> None:
    malta_like_vienna = signature(
        "malta_2024.txt", published_at="2025-12-04", people=["Ермек Кошербаев"], location="Вена"
    )
    assert malta_like_vienna.ordinals == {"31"}
    assert not same_meeting(signature("vienna_kt.txt"), malta_like_vienna)


def test_more_than_a_day_apart_is_never_the_same_meeting() -> None:
    later = signature("vienna_elkz.txt", published_at="2025-12-06")
    assert not same_meeting(signature("vienna_kt.txt"), later)
    assert same_meeting(signature("vienna_kt.txt"), signature("vienna_elkz.txt", published_at="2025-12-05"))


def test_a_reprint_is_the_same_meeting_even_without_organisations() -> None:
    text = (FIXTURES / "vienna_kt.txt").read_text(encoding="utf-8")
    a = make_signature(text, day=date(2025, 12, 4), org_ids=set(), speaker_names=set(), location=None)
    b = make_signature(text + "\nПоделитесь:", day=date(2025, 12, 5), org_ids=set(), speaker_names=set(),
                       location=None)
    assert similarity(a.shingles, b.shingles) > 0.9
    assert same_meeting(a, b)


def test_merged_signature_keeps_the_first_text_and_unites_people() -> None:
    first = signature("vienna_kt.txt")
    other = signature("vienna_elkz.txt", people=["Ермек Кошербаев", "Фердинанд Кюхль"])
    merged = merge_signatures(first, other)
    assert merged.shingles == first.shingles
    assert merged.speakers == {"кошербаев", "токаев", "кюхль"}


@pytest.mark.parametrize(("url", "canonical"), [
    ("https://Kazinform.kz/news/1?utm_source=tg&utm_medium=social", "https://kazinform.kz/news/1"),
    ("https://el.kz/a?id=5&fbclid=xyz#comments", "https://el.kz/a?id=5"),
    ("http://zakon.kz:80/x", "http://zakon.kz/x"),
    ("https://tengrinews.kz", "https://tengrinews.kz/"),
])
def test_canonical_url_drops_tracking(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical
