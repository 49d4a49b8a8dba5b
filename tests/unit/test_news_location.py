from bot.news.location import event_place, find_location


def test_event_sentence_gives_the_place_in_the_nominative() -> None:
    assert event_place("Мероприятие проходит в Минске, передаёт агентство.") == "Минск"
    assert event_place("Главы ведомств собрались на Мальте для участия в заседании.") == "Мальта"
    assert event_place("Саммит состоялся в Нью-Йорке.") == "Нью-Йорк"


def test_a_planned_event_or_a_non_event_verb_gives_nothing() -> None:
    assert event_place("Конференция пройдет в Аммане в конце года.") is None
    assert event_place("Представительство расположено в Ташкенте.") is None
    assert event_place("Встреча состоялась в Министерстве иностранных дел.") is None


def test_the_dateline_wins() -> None:
    assert find_location("Вена", ["Встреча прошла в Минске."]) == "Вена"
    assert find_location(None, ["Встреча прошла в Минске."]) == "Минск"
