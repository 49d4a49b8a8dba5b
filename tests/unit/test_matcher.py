import pytest

from bot.news.matcher import Query, Term, parse_query
from bot.news.morph import lemmas


@pytest.mark.parametrize(
    "text",
    ["дефицит водных ресурсов", "водно-энергетических ресурсов", "по водопользованию", "запасы воды", "вода"],
)
def test_water_family_matches(text: str) -> None:
    assert parse_query("вода").matches(lemmas(text))


@pytest.mark.parametrize(
    "text",
    ["руководство министерства", "проводить встречи", "водитель автобуса", "водород", "новый завод", "водка"],
)
def test_water_family_does_not_match_lookalikes(text: str) -> None:
    assert not parse_query("вода").matches(lemmas(text))


def test_all_words_must_match() -> None:
    query = parse_query("вода климат")
    assert query.matches(lemmas("вода и изменение климата"))
    assert not query.matches(lemmas("дефицит воды"))


def test_phrase_needs_consecutive_words() -> None:
    query = parse_query('"водных ресурсов"')
    assert query.matches(lemmas("сохранение водных ресурсов региона"))
    assert not query.matches(lemmas("водных и энергетических ресурсов"))


def test_excluded_word_rejects() -> None:
    query = parse_query("вода -Афганистан")
    assert query.matches(lemmas("водные ресурсы Центральной Азии"))
    assert not query.matches(lemmas("водные ресурсы Афганистана"))


def test_long_stems_match_derived_words() -> None:
    assert Term.of("климат").matches("климатический")
    assert Term.of("Украина").matches("украина")
    assert not Term.of("климат").matches("клинический")


def test_empty_and_punctuation_queries_are_empty() -> None:
    assert parse_query("").is_empty
    assert parse_query("  ?!… ").is_empty
    assert not parse_query("  ?!… ").matches(lemmas("любой текст"))


def test_absurdly_long_query_is_cut() -> None:
    query = parse_query("вода " * 2000)
    assert len(query.text) <= 200 and len(query.terms) == 1


def test_token_groups_hold_each_word_family() -> None:
    query = parse_query("вода климат")
    water, climate = query.terms
    families = {water: ["вода", "водный"], climate: ["климат"]}
    assert query.token_groups(families) == [["вода", "водный"], ["климат"]]
    assert not query.needs_lemma_check
    assert parse_query("вода -Афганистан").needs_lemma_check


def test_hyphenated_query_word_is_a_phrase_of_its_parts() -> None:
    query = parse_query("водно-энергетических")
    assert [t.lemma for t in query.phrases[0]] == ["водный", "энергетический"]
    assert query.matches(lemmas("водно-энергетических ресурсов"))
    assert not query.matches(lemmas("водных и энергетических"))


def test_phrase_across_hyphenated_word() -> None:
    assert parse_query('"энергетических ресурсов"').matches(lemmas("водно-энергетических ресурсов"))
    assert parse_query('"водно-энергетических ресурсов"').matches(lemmas("водно-энергетических ресурсов"))


def test_a_stored_query_matches_as_the_parsed_one() -> None:
    query = parse_query('вода "водных ресурсов" -афганистан водно-энергетический')
    stored = Query.from_json(query.to_json())
    assert stored == query
    text = lemmas("Водных ресурсов и водно-энергетического комплекса хватит")
    assert stored.matches(text) and query.matches(text)
    assert not stored.matches(lemmas("Вода в Афганистане"))


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("климат", "Kazakhstan calls for joint action on climate change"),
        ("климат", "climatic risks in Central Asia"),
        ("water", "дефицит водных ресурсов"),
        ("санкции", "new sanctions against the regime"),
        ("Украина", "the war in Ukraine"),
        ("Afghanistan", "гуманитарная помощь Афганистану"),
        ("гуманитарный", "humanitarian aid"),
        ("безопасность", "regional security architecture"),
    ],
)
def test_bilingual_families_cross_languages(query: str, text: str) -> None:
    assert parse_query(query).matches(lemmas(text))


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("water", "водитель автобуса"),  # the Russian family keeps its false friends out
        ("water", "водород и руководство"),
        ("климат", "a clinical trial"),
        ("gas", "газета и газон"),
        ("санкции", "sanitary standards"),
    ],
)
def test_bilingual_families_do_not_match_lookalikes(query: str, text: str) -> None:
    assert not parse_query(query).matches(lemmas(text))


def test_excluding_a_word_excludes_its_translation() -> None:
    query = parse_query("климат -Афганистан")
    assert query.matches(lemmas("climate talks in Astana"))
    assert not query.matches(lemmas("climate and water in Afghanistan"))


def test_stored_query_keeps_translations() -> None:
    query = parse_query("вода -Afghanistan")
    assert Query.from_json(query.to_json()) == query
    old = '{"text":"вода","terms":[["вода","вода","вод"]],"phrases":[],"excluded":[]}'  # stored before translations
    assert Query.from_json(old).matches(lemmas("водных ресурсов"))


def test_mentions_any_reads_raw_text_by_word_starts() -> None:
    from bot.news.matcher import mentions_any

    excluded = parse_query("Афганистан").terms
    assert mentions_any(excluded, "Стабильный и процветающий Афганистан, остается приоритетом.")
    assert mentions_any(excluded, "Помощь правительству Афганистана.")
    assert mentions_any(excluded, "Aid to Afghanistan was discussed.")  # the translation too
    assert not mentions_any(excluded, "Встреча прошла в Ташкенте.")
    assert not mentions_any(parse_query("вода").terms, "Руководство завода и водитель.")
