from bot.news.location import event_place, find_location


def test_event_sentence_gives_the_place_in_the_nominative() -> None:
    assert event_place("Мероприятие проходит в Минске, передаёт агентство.") == "Минск"
    assert event_place("Главы ведомств собрались на Мальте для участия в заседании.") == "Мальта"
    assert event_place("Саммит состоялся в Нью-Йорке.") == "Нью-Йорк"


def test_a_planned_event_or_a_non_event_verb_gives_nothing() -> None:
    assert event_place("Конференция пройдет в Аммане в конце года.") is None
    assert event_place("Представительство расположено в Ташкенте.") is None
    assert event_place("Встреча состоялась в Министерстве иностранных дел.") is None


def test_the_event_sentence_wins_over_the_dateline_which_is_where_the_outlet_is() -> None:
    assert find_location("Астана", ["Встреча прошла в Минске."]) == "Минск"
    assert find_location(None, ["Встреча прошла в Минске."]) == "Минск"
    assert find_location("Вена", ["Министр обсудил ситуацию в Афганистане."]) == "Вена"


def test_names_out_of_the_dictionary_are_declined_from_the_place_list() -> None:
    assert event_place("Токаев выступил на заседании Совета глав государств ШОС в Тяньцзине.") == "Тяньцзинь"
    assert event_place("Министр принял участие в заседании, прошедшем на Мальте.") == "Мальта"
    assert event_place("На полях Генассамблеи в Нью-Йорке министр провел ряд встреч.") == "Нью-Йорк"
    assert event_place("Президент прибыл в Нью-Йорк.") == "Нью-Йорк"
    assert event_place("Министр посетил Брюссель с рабочим визитом.") == "Брюссель"


def test_english_event_sentences() -> None:
    assert event_place("The meeting was held in Astana on Monday.") == "Astana"
    assert event_place("During his visit to Brussels, the minister met EU officials.") == "Brussels"
    assert event_place("The President arrived in New York to attend the General Assembly.") == "New York"
    assert event_place("The summit will be held in Astana next year.") is None


def test_a_topic_a_region_or_an_organisation_name_is_not_the_place() -> None:
    assert event_place("В ходе встречи обсудили ситуацию в Украине.") is None
    assert event_place("Министр подчеркнул, что Казахстан выступает за мир, включая ситуацию в Украине.") is None
    assert event_place("Он принял директора Совещания по взаимодействию и мерам доверия в Азии.") is None
    assert event_place("Следующее заседание пройдет в Аммане в 2026 году.") is None


def test_venues_name_their_city() -> None:
    assert event_place("Переговоры прошли в Акорде.") == "Астана"
    assert event_place("Церемония прошла в Букингемском дворце.") == "Лондон"
    assert event_place("The talks were held at the White House.") == "Washington"
    assert event_place("Министр рассказал о доме, где живет семья.") is None


def test_more_ways_to_say_where() -> None:
    assert event_place("Nur-Sultan hosted the Supreme Eurasian Economic Council meeting.") == "Nur-Sultan"
    assert event_place("Казахстан принял участие во Второй конференции государств в Нью-Йорке.") == "Нью-Йорк"
    assert event_place("Рубио на приветственном приеме C5+1 в Вашингтоне заявил о визите.") == "Вашингтон"
    assert event_place("Nazarbaev said to the visiting chairman of the board in Astana on February 25.") == "Astana"
    assert event_place("Токаев заявил на Генеральной Ассамблее ООН о готовности к диалогу.") == "Нью-Йорк"
    assert event_place("Nazarbaev said that the situation in Afghanistan is difficult.") is None
    assert event_place("Председатель Совета прибудет с официальным визитом в Казахстан.") is None


def test_a_place_a_few_words_after_the_preposition_and_a_country_before_the_dateline() -> None:
    from bot.news import ArticleMeta, parse

    assert event_place("Лидер Китая встретил президента в Доме народных собраний Пекина.") == "Пекин"
    sentence = "Xi made the remarks in his meeting with Tokayev at the presidential palace in Astana."
    assert event_place(sentence) == "Astana"
    text = "Казахстан. Астана. 23 октября 2015 года. В Катар нанесет официальный визит президент страны."
    assert parse(text, ArticleMeta()).location == "Астана"


def test_place_lines_in_any_order_and_spelling() -> None:
    from bot.news import ArticleMeta, parse

    body = "The Head of State thanked the Chairman for the invitation to the forum."
    beijing = parse(f"Title of the page\n\nPeople’s Republic of China, Beijing\n\n{body}", ArticleMeta())
    assert beijing.location == "Beijing"
    assert parse(f"Title of the page\n\nNur-Sultan - Kazakhstan\n\n{body}", ArticleMeta()).location == "Nur-Sultan"
    assert event_place("Xi Jinping arrived on Wednesday in Nur Sultan, the capital of Kazakhstan.") == "Nur Sultan"
    assert event_place("Документ подписали в Нур-Султане первый замминистра и директор.") == "Нур-Султан"
