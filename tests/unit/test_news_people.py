import pytest

from bot.news.people import find_name_spans, is_name_word, nominative_name, surname_forms, surname_of
from bot.news.roster import Roster, role_before
from bot.news.tokens import tokenize


@pytest.mark.parametrize("query", ["Токаев", "Токаева", "токаеву", "Токаевым"])
def test_surname_forms_give_the_nominative(query: str) -> None:
    assert "токаев" in surname_forms(query)


def test_surname_forms_do_not_invent_other_surnames() -> None:
    assert surname_forms("Нуртлеу") == {"нуртлеу"}
    assert "токаев" not in surname_forms("Токарев")
    assert surname_forms("") == set()


def test_surname_of() -> None:
    assert surname_of("Касым-Жомарт Токаев") == "токаев"
    assert surname_of("М.Нуртлеу") == "нуртлеу"


@pytest.mark.parametrize(
    ("words", "hint", "expected"),
    [
        (["Ержана", "Ашикбаева"], None, "Ержан Ашикбаев"),
        (["Биляной", "Милошевич"], None, "Биляна Милошевич"),
        (["Касым-Жомарта", "Токаева"], "gent", "Касым-Жомарт Токаев"),
        (["Джейхуном", "Байрамовым"], None, "Джейхун Байрамов"),
        (["Мурат", "Нуртлеу"], None, "Мурат Нуртлеу"),
    ],
)
def test_names_in_the_nominative(words: list[str], hint: str | None, expected: str) -> None:
    assert nominative_name(words, hint)[0] == expected


def test_name_words_exclude_places_and_common_words() -> None:
    assert is_name_word("Ержана") and is_name_word("Токаев")
    assert not any(is_name_word(w) for w in ("Астана", "Министр", "Казахстан", "Глава", "ОБСЕ", "Он"))


def test_name_spans() -> None:
    text = "Председатель комитета Международного фонда спасения Арала Асхат Оразбай выступил."
    tokens = tokenize(text)
    assert [" ".join(t.text for t in tokens[a:b]) for a, b in find_name_spans(tokens, text)] == ["Асхат Оразбай"]
    text = "Центральная Азия и Хельсинкский акт."
    assert find_name_spans(tokenize(text), text) == []


def test_role_before_a_name_in_the_nominative() -> None:
    text = "состоялась встреча первого заместителя министра Ержана Ашикбаева с главой делегации"
    tokens = tokenize(text)
    role, case = role_before(tokens, 5, text)
    assert role == "первый заместитель министра" and case == "gent"
    text = "встреча с Ержаном Ашикбаевым"
    assert role_before(tokenize(text), 2, text) == (None, None)


def test_initials_and_surname_alone_resolve_to_the_full_name() -> None:
    roster = Roster()
    first = "Министр Мурат Нуртлеу выступил."
    roster.mentions(tokenize(first), first)
    later = "М.Нуртлеу обратил внимание на климат. Нуртлеу добавил."
    mentions = roster.mentions(tokenize(later), later)
    assert [m.person.name for m in mentions] == ["Мурат Нуртлеу", "Мурат Нуртлеу"]
    assert len(roster.people) == 1
