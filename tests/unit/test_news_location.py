from bot.news.location import NOUN_WINDOW, as_the_text_names_it, closer_place, event_place, find_location


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


def test_a_city_that_opens_the_sentence_is_where_all_of_it_happened() -> None:
    assert event_place("4 февраля 2022 года в Нур-Султане первый заместитель министра и директор подписали карту.") == (
        "Нур-Султан"
    )
    assert event_place("Last week in Astana, I asked the deputy foreign minister about the policy.") == "Astana"
    # a country is the topic more often than the venue; a plan is no event; `Ранее` looks back
    assert event_place("В Казахстане растет число туристов из Китая, отметил министр.") is None
    assert event_place("В Астане в следующем году планируется провести форум.") is None
    assert event_place("Ранее в Вене министр обсудил вопросы водной безопасности.") is None


def test_a_settlement_or_a_station_by_its_name() -> None:
    assert event_place("В Астане в поселке Бурубай начались переговоры глав государств.") == "Бурубай"
    sentence = "На территорию железнодорожной станции «Хайратон» прибыла партия гуманитарной помощи."
    assert event_place(sentence) == "Хайратон"
    assert event_place("The aid shipment, comprising 36 railway cars, arrived at Hairatan Station.") == "Hairatan"
    assert event_place("Ministers convened in the capital of North Macedonia.") == "North Macedonia"
    # a lower-case word after the noun is no name
    assert event_place("Делегация прибыла на станцию назначения вовремя.") is None


def test_a_republic_by_its_name_and_a_country_that_owns_the_venue() -> None:
    assert event_place("Министр провел в Республике Алтай переговоры с коллегой.") == "Республика Алтай"
    assert event_place("Министр провел в Республике Корея переговоры с коллегой.") == "Корея"
    assert event_place("В МИД Казахстана состоялся брифинг для дипкорпуса.") is None
    assert event_place("В азербайджанской Габале состоялся брифинг для дипкорпуса.") == "Габала"


def test_plans_offers_and_disasters_are_not_the_place() -> None:
    assert event_place("Нашу следующую встречу предлагается провести в Астане в ноябре.") is None
    assert event_place("Нашу встречу удалось провести в Астане в ноябре.") == "Астана"
    sentence = "Прибыла партия помощи для пострадавших от землетрясения в провинции Герат."
    assert event_place(sentence) is None
    assert event_place("Kazakhstan sends aid to Afghanistan ahead of high-level visit.") is None
    assert event_place("The summit is to be held in Astana in the autumn.") is None
    assert event_place("The summit was held in Astana in the autumn.") == "Astana"


def test_a_welcome_names_the_host() -> None:
    assert event_place("«Рад приветствовать вас в Казахстане, родном очаге тюркских народов!»") == "Казахстан"
    assert event_place("Министр приветствовал решение совета о продлении мандата миссии в Афганистане.") is None


def test_a_chairmanship_or_a_membership_is_no_venue() -> None:
    assert event_place("В первый день председательства Казахстана в СБ ООН состоялась презентация.") is None
    assert event_place("Министр выступил на заседании Совета Безопасности ООН по Афганистану.") == "Нью-Йорк"


def test_one_city_under_two_names_is_written_as_the_dateline_writes_it() -> None:
    said = "“The year will be a test,” the President said on the sidelines of the meeting of the Presidents in Akorda."
    assert find_location("Nur-Sultan", [said]) == "Nur-Sultan"
    assert find_location(None, [said]) == "Astana"
    assert find_location("New York City", ["President Tokayev spoke at the UN General Assembly."]) == "New York City"
    # two cities stay two
    assert find_location("Алматы", ["Встреча прошла в Астане, сообщили в министерстве."]) == "Астана"


def test_more_sentences_name_the_place_when_there_is_no_dateline() -> None:
    sentences = [
        "ЕАЭС имеет большое будущее, заявил президент на встрече с главами делегаций.",
        "«Убежден, что этот союз имеет большое будущее», — сказал он.",
        "Президент добавил, что присоединиться к союзу должны все государства.",
        "«Всегда говорил и считаю, что союз имеет очень хороший потенциал», — сказал он.",
        "Заседание Совета глав правительств СНГ проходит в Казахстане сегодня, 29 мая.",
    ]
    assert find_location(None, sentences) == "Казахстан"
    assert find_location("Москва", sentences) == "Москва"  # under a dateline, only the lede overrides it


def test_a_foreign_outlets_dateline_gives_way_to_a_visit_to_kazakhstan() -> None:
    sentences = [
        "Kazakh President held a meeting with the IAEA Director General, the press service reported.",
        "“Today's event is the result of many years of joint work,” the President said at the meeting.",
        "Amano's visit to Kazakhstan is timed to the opening of the fuel bank.",
    ]
    assert find_location("Baku", sentences) == "Kazakhstan"
    assert find_location("Astana", sentences) == "Astana"  # a home dateline: the visit may be an earlier one
    lede = ["Chinese President Xi Jinping met on Monday with the Kazakh President.", "The two leaders talked."]
    trip = [*lede, "Xi arrived in the Kazakh capital of Astana earlier Monday."]
    assert find_location("Beijing", trip) == "Astana"
    abroad = [*lede, "The minister arrived in Paris earlier Monday."]
    assert find_location("Beijing", abroad) == "Beijing"  # only a visit to Kazakhstan


def test_words_said_somewhere_in_any_form_of_the_speech_verb() -> None:
    assert event_place("Министр подчеркнул на брифинге в Вене важность диалога.") == "Вена"
    assert event_place("Дипломаты заявили в Женеве о поддержке инициативы.") == "Женева"
    assert event_place("The minister stressed in Astana the role of the organisation.") == "Astana"
    # what was said, and a speech yet to come, name no venue
    assert event_place("Министр подчеркнул, что ситуация в Вене стабильна и безопасна.") is None
    assert event_place("Министр подчеркнет на брифинге в Вене важность диалога.") is None


def test_a_city_under_the_name_the_text_itself_uses() -> None:
    text = ["Переговоры глав государств прошли в Акорде.", "Затем гость посетил мечеть в Нур-Султане."]
    assert find_location(None, text) == "Нур-Султан"
    assert find_location(None, text[:1]) == "Астана"
    both = [*text, "Президент вернулся в Астану вечером того же дня."]
    assert find_location(None, both) == "Астана"  # the text uses the name itself


def test_a_city_says_more_than_its_country_in_one_sentence() -> None:
    sentence = "President Tokayev, who is on a visit to France, met President Macron in Paris."
    assert event_place(sentence) == "Paris"
    assert event_place("Президент находится с официальным визитом во Франции.") == "Франция"


def test_a_countrys_adjective_before_capital_names_its_capital() -> None:
    assert event_place("Президенты встретились во французской столице в понедельник.") == "Париж"
    assert event_place("The two presidents met in the Uzbek capital on Monday.") == "Tashkent"
    assert event_place("The two presidents met in the South Korean capital on Monday.") == "Seoul"
    assert event_place("Президенты встретились в северной столице в понедельник.") is None
    assert event_place("The two presidents met in the venture capital fund's office.") is None


def test_one_who_takes_part_from_afar_is_where_he_is() -> None:
    assert event_place("Онлайн-старт работе банка ядерного топлива Назарбаев дал из Астаны.") == "Астана"
    assert event_place("Tokayev addressed the summit by video link from Astana on Friday.") == "Astana"
    # `from` without a remote event is where someone came from
    assert event_place("Делегация из Астаны знакомится с опытом коллег и осматривает город.") is None


def test_a_sentence_that_looks_back_names_an_earlier_event() -> None:
    assert event_place("Напомним, ранее министры встретились в Баку.") is None
    assert event_place("Earlier, the ministers met in Baku to discuss the route.") is None
    assert event_place("Министры встретились в Баку, чтобы обсудить маршрут.") == "Баку"


def test_a_weak_dateline_gives_way_further_down() -> None:
    sentences = [
        "Discover the country via news and inspiring stories",
        "What the President said at the general debate",
        "His work visit to New York concludes with a meeting with the Secretary-General.",
    ]
    assert find_location("Astana", sentences, weak_dateline=True) == "New York"
    assert find_location("Astana", sentences) == "Astana"
    country = [*sentences[:2], "Amano's visit to Kazakhstan is timed to the opening of the bank."]
    assert find_location("Baku", country, weak_dateline=True) == "Kazakhstan"
    assert find_location("Astana", country, weak_dateline=True) == "Astana"  # the country holds the city


def test_an_ambassadors_post_is_no_venue_and_credentials_are_an_event() -> None:
    assert event_place("Посол Казахстана в Бельгии вручил верительные грамоты королю.") is None
    sentence = "The Ambassador of Kazakhstan to Belgium presented his credentials to the King in Brussels."
    assert event_place(sentence) == "Brussels"
    assert event_place("Посол вручил верительные грамоты королю в Брюсселе.") == "Брюссель"
    assert event_place("The event was held at the Palace of Independence.") == "Astana"


def test_kazakh_cities_under_their_latin_and_former_spellings_but_no_first_names() -> None:
    from bot.news.location import load_gazetteer

    gazetteer = load_gazetteer()
    assert gazetteer.same_city("Aqtau", "Актау") and gazetteer.same_city("Qyzylorda", "Kyzylorda")
    assert event_place("The forum was held in Qaragandy on Friday.") == "Qaragandy"
    # `Nursultan Nazarbayev`, `Тарас Шевченко`: a first name or a surname is no city
    assert gazetteer.name_of("Nursultan") is None and gazetteer.name_of("Шевченко") is None


def test_an_abbreviation_is_no_city_to_decline() -> None:
    assert event_place("Встреча с послами, аккредитованными в РК, прошла в понедельник.") != "Рк"
    assert event_place("Встреча прошла в РК в прошлом году.") == "Казахстан"
    assert event_place("Министр прибыл в ЕС с визитом.") is None


def test_a_visit_to_a_country_names_its_city_a_sentence_later() -> None:
    visit = "Министр иностранных дел Казахстана находится с официальным визитом в Китае."
    assert find_location(None, [visit, "В Пекине он провел переговоры с главой МИД КНР."]) == "Пекин"
    # only a country is named: the country; a city at home is not in a foreign country
    assert find_location(None, [visit, "Министр подчеркнул важность сотрудничества."]) == "Китай"
    assert find_location(None, [visit, "В Астане прошла встреча послов стран ЕС."]) == "Китай"



def test_receiving_and_landing_are_events_and_set_to_is_a_plan() -> None:
    assert event_place("The Turkish president received the Kazakh foreign minister in the capital Ankara.") == "Ankara"
    assert event_place("Самолет министра приземлился в Астане в среду вечером.") == "Астана"
    assert event_place("The summit, set to take place in Tianjin, will shape the future of the SCO.") is None


def test_a_welcome_names_the_place_a_few_words_on() -> None:
    assert event_place("It is my pleasure to welcome you and your delegation here in our capital, Astana.") == "Astana"
    assert event_place("Dear Ilham Heydar oglu, welcome to Astana!") == "Astana"
    assert event_place("We welcome your initiative on the Aral Sea in the region.") is None


def test_a_place_heading_a_name_is_no_place_but_one_heading_an_event_is() -> None:
    assert event_place("Speaking to Qatar News Agency, the ambassador said the visit was important.") is None
    assert event_place("This was stated by the minister at the Tashkent High-Level Conference on Afghanistan.") == (
        "Tashkent"
    )
    assert event_place("The ministers met in Astana Tuesday to discuss the transit.") == "Astana"
    assert event_place("The President met with Nursultan Nazarbayev in the Akorda.") != "Nursultan"


def test_the_city_of_a_countrys_adjective_and_an_organisation_owning_no_topic() -> None:
    assert event_place("Isakov talks with Nazarbaev in the Russian city of Sochi on October 11.") == "Sochi"
    assert event_place("Токаев на заседании Совета коллективной безопасности ОДКБ в Астане озвучил темы.") == "Астана"
    assert event_place("Министр рассказал о приоритетах председательства Казахстана в Ташкенте.") is None


def test_a_bodys_long_name_after_an_event_noun_costs_no_distance_but_a_comma_ends_the_phrase() -> None:
    sentence = (
        "The prime ministers met on the sidelines of the session of the Council of Heads of State of the "
        "Commonwealth of Independent States (CIS) in Astana, AZERTAC reports."
    )
    assert event_place(sentence) == "Astana"
    assert event_place("Notes from the sidelines of " + "long " * (NOUN_WINDOW - 2) + "days in Astana.") == "Astana"
    # plain words still count: too far from the noun
    far = "Notes from the sidelines of " + "long " * NOUN_WINDOW + "days in Astana."
    assert event_place(far) is None
    assert event_place("Tokayev took part in the summit in a narrow format, the Akorda press service reports.") is None


def test_an_abbreviated_city_is_a_place_a_year_before_a_capital_is_not() -> None:
    assert event_place("Заседание Совета глав государств СНГ в узком составе г. Минск, 10 октября 2014 г.") == "Минск"
    assert event_place("Заседание прошло 10 октября 2014 г. В зале были министры.") is None


def test_a_seat_of_power_that_speaks_is_no_place_but_one_that_hosts_is() -> None:
    assert event_place("В Кремле анонсировали государственный визит Токаева в ноябре.") is None
    assert event_place("В Белом доме заявили о поддержке Казахстана.") is None
    assert event_place("В Кремле прошли переговоры президентов.") == "Москва"
    assert event_place("В Акорде состоялись переговоры.") == "Астана"


def test_the_future_inside_a_quote_is_not_the_speakers() -> None:
    sentence = "«Мы готовим визит, который состоится в ноябре», – сказал он на медиафоруме в Алма-Ате."
    assert event_place(sentence) == "Алма-Ата"
    # without the quotation marks the future is his own sentence's: a plan
    assert event_place("Визит состоится в ноябре, сказал он в Алма-Ате.") is None


def test_the_two_sentences_after_the_dateline_are_the_lede_below_a_subtitle_and_a_caption() -> None:
    from bot.news import ArticleMeta, parse

    head = (
        "Токаев: Россия остается союзником\n\nПрезидент отметил, что граница между странами самая длинная\n\n"
        "Президент Казахстана Касым-Жомарт Токаев © Пресс-служба\n\n"
    )
    lede = "АСТАНА, 9 октября. /ТАСС/. Россия была и остается союзником Казахстана. "
    said = "Об этом заявил президент Казахстана Касым-Жомарт Токаев, выступая в Душанбе на саммите."
    assert parse(head + lede + said, ArticleMeta()).location == "Душанбе"
    # a third sentence after the dateline is the story going on: the dateline stands
    later = "Россия была и остается союзником. Граница самая длинная в мире. " + said
    assert parse(head + "АСТАНА, 9 октября. /ТАСС/. " + later, ArticleMeta()).location == "Астана"


def test_an_indeclinable_city_declined_as_people_often_write_it() -> None:
    assert event_place("Токаев сообщил на заседании оперативного штаба в Алмате в среду.") == "Алматы"
    assert event_place("Токаев сообщил на заседании оперативного штаба в Алматы в среду.") == "Алматы"
    assert event_place("Токаев сообщил на заседании оперативного штаба в Алме в среду.") is None


def test_unveiling_a_monument_is_an_event() -> None:
    assert event_place("Касым-Жомарт Токаев открыл памятник Абаю в Сеуле") == "Сеул"
    assert event_place("Касым-Жомарт Токаев открыл новые возможности для бизнеса из Сеула") is None


def test_a_visit_to_a_country_whose_capital_the_text_names_is_in_the_capital() -> None:
    sentences = [
        "Токаев встретился с Рахмоном",
        "Рабочий визит главы государства в Таджикистан начался со встречи с президентом.",
        "Токаев отметил значимость предстоящих саммитов.",
        "«Гостеприимный Таджикистан и город Душанбе готовы к саммитам», – сказал он.",
    ]
    assert find_location(None, sentences) == "Душанбе"
    # the capital of another country is no help
    other = [*sentences[:3], "«Ташкент тоже готовится к саммитам», – сказал он."]
    assert find_location(None, other) == "Таджикистан"


def test_talks_discussed_in_a_city_place_the_event() -> None:
    assert event_place("Tokayev and Kobakhidze discussed regional security in Astana on Thursday.") == "Astana"
    assert event_place("Токаев и Кобахидзе обсудили в Астане вопросы безопасности.") == "Астана"
    # the topic discussed is no place
    assert event_place("Tokayev and Kobakhidze discussed the situation in Afghanistan.") is None


def test_a_capitals_owner_is_no_place_a_declined_city_name_is_put_in_the_nominative_and_a_trip_is_a_visit() -> None:
    assert event_place("10 июля в столице Башкортостана городе Уфе прошло заседание Совета ШОС.") == "Уфа"
    assert event_place("Министр во время поездки в Астану поприветствовала усилия Казахстана.") == "Астана"
    # a capital owned by a region the text names no city of is no place
    assert event_place("10 июля в столице Башкортостана прошло заседание Совета ШОС.") is None


def test_a_visit_of_a_year_the_sentence_names_does_not_override_a_foreign_dateline() -> None:
    sentences = [
        "Lavrov met Kosherbayev",
        "I have held candid and constructive talks with my colleague.",
        "We discussed the prospects of our partnership at length.",
        "In November 2024, President Vladimir Putin paid a state visit to Astana.",
    ]
    assert find_location("Moscow", sentences) == "Moscow"
    assert find_location("Baku", ["Aliyev met Tokayev", "The Azerbaijani leader is on a visit to Astana."]) == "Astana"


def test_a_citys_other_spelling_is_the_same_city_as_the_text_writes_it() -> None:
    text = "Встреча дипломатов состоялась в Чолпан-Ате (Киргизия) накануне заседания СМИД ОДКБ."
    assert find_location(None, [text]) == "Чолпан-Ата"
    assert find_location(None, ["Встреча дипломатов состоялась в Чолпон-Ате накануне заседания."]) == "Чолпон-Ата"


def test_a_country_yields_to_the_settlement_the_lede_names_by_its_kind() -> None:
    title = "В Казахстане открывается саммит глав СНГ"
    lede = "Курортный поселок Бурабай неожиданно оказался в центре политической жизни страны."
    later = "От Киева на заседание прибыл временный поверенный в делах Украины в Республике Казахстан."
    assert find_location(None, [title, lede, later]) == "Бурабай"
    # a settlement at home is not in a foreign country, and a capital names its owner
    title = "Министр находится с визитом во Франции"
    assert find_location(None, [title, "Выпускник школы из поселка Бурабай стал дипломатом."]) == "Франция"
    assert find_location(None, [later, "Делегация из столицы Башкортостана посетила выставку."]) == "Казахстан"


def test_visits_with_its_object_names_the_place() -> None:
    assert event_place("Kazakh foreign minister visits Poland") == "Poland"
    assert event_place("Kazakh foreign minister visits with Polish students") is None


def test_a_capital_stands_for_its_country_only_where_the_text_places_something_in_it() -> None:
    trip = "The delegation paid a working trip to Kazakhstan from November 13-16."
    invitation = "He asked to extend his invitation to visit Kazakhstan in May 2025 for the Astana International Forum."
    assert find_location(None, [trip, invitation]) == "Kazakhstan"
    assert find_location(None, [trip, "The delegation held talks in Astana with the ministers."]) == "Astana"
    # `Напомним` looks back, it plans nothing
    assert find_location(None, ["Делегация прибыла в Казахстан.", "Напомним, в Астане проходит форум."]) == "Астана"


def test_a_country_at_home_wins_over_a_foreign_dateline_and_the_other_way_round() -> None:
    trip = "A delegation of the Communist Party has paid a working trip to Kazakhstan."
    assert find_location("Hà Nội", ["", trip]) == "Kazakhstan"
    assert find_location("Almaty", ["", "The minister paid an official visit to Russia."]) == "Russia"
    # a country on the dateline's side of the border yields to the dateline city
    assert find_location("Astana", ["", "The minister paid a working visit to Kazakhstan."]) == "Astana"
    assert find_location("Hà Nội", ["", "The minister paid a working visit to Laos."]) == "Hà Nội"


def test_a_city_right_before_a_singular_past_verb_is_where_its_subject_acted() -> None:
    assert event_place("Касым-Жомарт Токаев в Вашингтоне присоединился к Авраамским соглашениям.") == "Вашингтон"
    # a plural with no subject is an institution's voice; a plan is no act; a country is no city
    assert event_place("Официально в Вашингтоне заявили о поддержке соглашения.") is None
    assert event_place("Цены в Москве выросли за год на десять процентов.") is None
    assert event_place("Токаев в Казахстане поддержал реформу.") is None


def test_with_no_dateline_an_event_further_down_names_the_place() -> None:
    lede = [
        "Президент Казахстана считает, что миссия его американского коллеги важна.",
        "Президент Казахстана Касым-Жомарт Токаев назвал американского лидера великим деятелем.",
        "Об этом сообщает издание AKIPress со ссылкой на источники.",
        "Во время саммита Токаев обратился к коллеге с теплыми словами.",
        "«Ровно год назад вы одержали убедительную победу», — сказал Токаев.",
        "Глава Казахстана также отметил, что взгляды коллеги находят поддержку.",
    ]
    later = "Встреча лидеров состоялась 6 ноября в Вашингтоне."
    assert find_location(None, ["", *lede, later]) == "Вашингтон"
    # under a dateline it is the dateline's; a country further down is not enough
    assert find_location("Астана", ["", *lede, later]) == "Астана"
    assert find_location(None, ["", *lede, "Встреча лидеров состоялась 6 ноября в США."]) is None


def test_a_caption_of_a_city_and_its_day_names_the_place() -> None:
    assert event_place("Yerzhan Kazykhan in Brussels on 22 June 2021.") == "Brussels"
    assert event_place("Ержан Казыхан в Брюсселе 22 июня 2021 года.") == "Брюссель"
    # a country, or a city with no day after it, is no caption's place
    assert event_place("Yerzhan Kazykhan in Belgium on 22 June 2021.") is None
    assert event_place("Yerzhan Kazykhan in Brussels with 22 members of the delegation.") is None


def test_a_welcome_with_its_guests_before_the_verb() -> None:
    text = "Позвольте мне вас поприветствовать на этот раз здесь, в Челябинске, недалеко от нашей границы."
    assert event_place(text) == "Челябинск"
    assert event_place("Позвольте мне поприветствовать работу коллег в Челябинске и в регионах.") is None


def test_a_city_named_short_and_in_full_is_given_in_full() -> None:
    sentences = ["Лидеры стран СНГ начали саммит в Петербурге", "В Санкт-Петербурге начался неформальный саммит."]
    assert as_the_text_names_it("Петербург", sentences) == "Санкт-Петербург"


def test_a_city_under_its_old_and_new_names_keeps_the_name_the_event_sentence_used() -> None:
    sentences = ["Встреча прошла в Нур-Султане", "Астана станет столицей форума в следующем году."]
    assert as_the_text_names_it("Нур-Султан", sentences) == "Нур-Султан"


def test_a_country_gives_way_to_its_own_capital_written_where_the_page_was() -> None:
    assert closer_place("Azerbaijan", "Baku", weak_dateline=True) == "Baku"


def test_a_country_does_not_give_way_to_another_countrys_city_written_where_the_page_was() -> None:
    assert closer_place("Azerbaijan", "Astana", weak_dateline=True) == "Azerbaijan"


def test_a_country_of_the_meeting_keeps_its_place_over_a_city_of_another_event_further_down() -> None:
    filler = [f"The ministers discussed trade, transit and water issues in detail, item {n}." for n in range(6)]
    sentences = [
        "The foreign ministers of the OSCE gathered in Malta for their annual meeting.",
        *filler,
        "He recalled the One Water Summit held by Kazakhstan and France in Riyadh last year.",
    ]
    assert find_location(None, sentences) == "Malta"


def test_the_next_meeting_said_to_be_in_a_city_is_no_place_of_the_event() -> None:
    assert event_place("Токаев заявил о проведении следующего заседания ЕАЭС 28–29 мая в Астане") is None


def test_a_meeting_held_the_next_day_in_a_city_is_its_place() -> None:
    assert event_place("На следующий день заседание совета прошло в Астане при участии министров.") == "Астана"


def test_a_place_after_what_was_said_about_is_no_place_of_the_speech() -> None:
    assert event_place("Министр заявил о подготовке визита президента в Вашингтон в мае.") is None


def test_the_city_a_correspondent_reports_from_is_the_place_a_country_is_not() -> None:
    assert (
        event_place("Назарбаев заявил об этом, сообщает специальный корреспондент Tengrinews.kz из Минска.") == "Минск"
    )
    assert event_place("The talks went on, Kazinform's correspondent reports from Beijing.") == "Beijing"
    assert event_place("Об этом сообщает корреспондент агентства из Казахстана.") is None
    assert event_place("Корреспондент агентства узнал об этом.") is None


def test_a_venue_named_with_its_city_and_an_office_standing_for_its_city() -> None:
    assert event_place("Беседа состоялась в Казанском Кремле.") == "Казань"
    assert event_place("Беседа состоялась в Кремле.") == "Москва"
    assert event_place("«Я намерен посетить все пять стран», — сказал он на приеме в Госдепартаменте.") == "Вашингтон"


def test_states_the_data_knows_in_english_and_under_their_older_russian_names() -> None:
    assert event_place("The delegation addressed the 15th Islamic Summit held in Gambia on May 4-5.") == "Gambia"
    assert event_place("Переговоры прошли в Белоруссии на высшем уровне.") == "Белоруссия"
    assert event_place("The ministers discussed the situation in Sudan.") is None  # the topic, not the venue


def test_negotiations_and_consultations_in_a_city_are_the_event() -> None:
    assert event_place("The two ministers began negotiations in Almaty on May 10.") == "Almaty"
    assert event_place("Консультации прошли в Ташкенте.") == "Ташкент"
    assert event_place("The ministers discussed negotiations on the situation in Afghanistan.") is None


def test_words_said_in_the_capital_city_named_after_its_kind_and_no_place_inside_a_newspapers_name() -> None:
    assert event_place("The deputy minister told ENA in the capital city Astana that ties are growing.") == "Astana"
    assert event_place("Об этом он сообщил в интервью американской газете The New York Times.") is None
    assert event_place("Об этом он сообщил в интервью газете в Нью-Йорке.") == "Нью-Йорк"


def test_a_city_then_for_and_an_event_and_a_speech_in_a_city() -> None:
    assert event_place("President Nursultan Nazarbayev is in Washington for talks with President Bush.") == "Washington"
    assert event_place("He was in Brussels for the summit of the alliance.") == "Brussels"
    assert event_place("He thanked the people in Washington for their support.") is None
    assert event_place("Особая строка – выступление спикера Сената Касым-Жомарта Токаева в Вене.") == "Вена"


def test_an_event_arranged_or_organised_in_a_city() -> None:
    assert event_place("National Day was arranged in the pavilion at the EXPO 2017 exhibition in Astana.") == "Astana"
    assert event_place("Концерт был организован в Алматы посольством Азербайджана.") == "Алматы"
    assert event_place("The ministry arranged visas for pilgrims travelling to Mecca next year.") is None
    assert event_place("Вчера закончилась Генеральная Ассамблея организации в г. Нур-Султан.") == "Нур-Султан"
    # a short participle of the past is the event, of the future is not
    assert event_place("Форум был проведен в Астане.") == "Астана"
    assert event_place("Саммит будет проведен в Астане.") is None


def test_words_said_from_a_city_right_after_the_verb() -> None:
    text = "There are no reasons for pessimism, President Tokayev said on Friday from Sochi, where he is on a trip."
    assert event_place(text) == "Sochi"
    assert event_place("The minister said imports from Russia grew in the first quarter.") is None
    assert event_place("Tokayev said the delegation led by the mayor from Almaty arrived to the forum.") is None


def test_an_event_named_after_its_city_and_a_body_named_after_one() -> None:
    assert event_place("Tokayev spoke at the Astana International Forum.") == "Astana"
    assert event_place("Tokayev said at the St Petersburg International Economic Forum on Friday.") == "St Petersburg"
    assert event_place("In his remarks at the Budapest Summit, Tokayev thanked the hosts.") == "Budapest"
    # an organisation's name holds a city, not its venue
    assert event_place("Modi arrived here to attend the Shanghai Cooperation Organisation (SCO) Summit.") is None


def test_a_city_with_its_country_then_for_and_an_event() -> None:
    text = "Pompeo joined the five foreign ministers in Tashkent, Uzbekistan for a minister-level meeting of the C5+1."
    assert event_place(text) == "Tashkent"
    assert event_place("He thanked the people in Tashkent, Uzbekistan for their support.") is None
