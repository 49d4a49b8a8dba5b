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
        day=date.fromisoformat(str(info["published_at"])[:10]) if info["published_at"] else None,
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


def test_an_undated_reprint_is_the_meeting_it_reprints() -> None:
    reprint = signature("malta_reprint_undated.txt")
    assert reprint.day is None
    assert similarity(reprint.shingles, signature("malta_2024.txt").shingles) >= 0.5
    assert same_meeting(reprint, signature("malta_2024.txt"))


@pytest.mark.parametrize("other", ["vienna_kt.txt", "vienna_elkz.txt", "astana_icrc.txt"])
def test_an_undated_reprint_stays_apart_from_other_meetings(other: str) -> None:
    """Another council of the same organisation (32nd, not 31st), another organisation, other words."""
    assert not same_meeting(signature("malta_reprint_undated.txt"), signature(other))


def test_undated_the_session_number_decides_even_for_the_same_text() -> None:
    text = (FIXTURES / "malta_2024.txt").read_text(encoding="utf-8")
    same_text_32nd = make_signature(text.replace("31-м", "32-м"), day=None, org_ids={"osce"},
                                    speaker_names={"Алибек Бакаев"}, location=None)
    assert not same_meeting(same_text_32nd, signature("malta_2024.txt"))


def test_undated_a_retelling_is_not_enough() -> None:
    """The same meeting in other words joins only when the dates put both reports on one day."""
    retold = signature("vienna_elkz.txt", published_at=None)
    assert same_meeting(signature("vienna_kt.txt"), signature("vienna_elkz.txt"))
    assert not same_meeting(signature("vienna_kt.txt"), retold)


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
