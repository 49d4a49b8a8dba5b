from bot.news.cleaning import (
    clean,
    drop_repeated_lede,
    is_meta_line,
    is_photo_caption,
    join_wrapped,
    normalize,
    split_dateline,
)
from bot.news.outlets import load_outlets


def test_site_chrome_and_counters_are_dropped() -> None:
    raw = "Заголовок новости\n\nПодпишитесь на наш\nTelegram-канал\nи узнавайте новости первыми!\n"
    raw += "1550\nФото: akorda.kz\n"
    raw += "Первый абзац текста о визите министра.\n\nНаверх"
    cleaned = clean(raw, load_outlets())
    assert cleaned.title == "Заголовок новости"
    assert cleaned.paragraphs == ["Первый абзац текста о визите министра."]


def test_a_sentence_that_looks_like_chrome_stays() -> None:
    cleaned = clean("Министр поделился: Казахстан готов к диалогу со всеми партнерами региона.", load_outlets())
    assert cleaned.paragraphs == ["Министр поделился: Казахстан готов к диалогу со всеми партнерами региона."]


def test_repeated_lede_keeps_one_copy() -> None:
    lede = "При поддержке центра состоялась ежегодная встреча заместителей министров стран региона"
    assert drop_repeated_lede(f"{lede}, - {lede}, сообщили в ведомстве.") == f"{lede}, сообщили в ведомстве."


def test_a_paragraph_without_repetition_is_unchanged() -> None:
    text = "Министр отметил важность диалога и призвал партнеров к сотрудничеству в регионе и за его пределами."
    assert drop_repeated_lede(text) == text


def test_wrapped_lines_are_joined_but_sentences_are_not() -> None:
    assert join_wrapped(["Министр отметил", "важность диалога."]) == ["Министр отметил важность диалога."]
    assert join_wrapped(["Первое предложение.", "второе с маленькой буквы"]) == [
        "Первое предложение.",
        "второе с маленькой буквы",
    ]


def test_byline_at_the_end_is_dropped() -> None:
    cleaned = clean("Заголовок\nПервый абзац о встрече в министерстве.\nАйгерим Ескендирова", load_outlets())
    assert cleaned.paragraphs == ["Первый абзац о встрече в министерстве."]


def test_datelines() -> None:
    outlets = load_outlets()
    dl, rest = split_dateline("Вена. 5 декабря. KAZAKHSTAN TODAY - Министр выступил.", outlets)
    assert dl is not None and (dl.city, dl.date, dl.source) == ("Вена", "5 декабря", "KAZAKHSTAN TODAY")
    assert rest == "Министр выступил."
    dl, rest = split_dateline("АСТАНА, 7 октября. /ТАСС/. Президент принял посла.", outlets)
    assert dl is not None and dl.city == "Астана" and dl.source == "ТАСС" and rest == "Президент принял посла."
    dl, _ = split_dateline("БРЮССЕЛЬ. KAZINFORM – Министр провел переговоры.", outlets)
    assert dl is not None and dl.city == "Брюссель"
    dl, rest = split_dateline("ASTANA – Kazakh Foreign Minister met the envoy.", outlets)
    assert dl is not None and dl.city == "Astana" and rest.startswith("Kazakh")


def test_an_ordinary_first_sentence_is_not_a_dateline() -> None:
    outlets = load_outlets()
    assert split_dateline("Казахстан. Это страна в Центральной Азии.", outlets)[0] is None
    assert split_dateline("Министр иностранных дел, по данным ведомства, прибыл.", outlets)[0] is None


def test_datelines_with_brackets_a_country_or_a_time() -> None:
    outlets = load_outlets()
    dl, rest = split_dateline("ASTANA (Kazinform) – Kazakh Foreign Minister met his counterpart.", outlets)
    assert dl is not None and (dl.city, dl.source) == ("Astana", "Kazinform") and rest.startswith("Kazakh")
    dl, _ = split_dateline("ANKARA, Turkey (AA) - Kazakh Foreign Minister met his counterpart.", outlets)
    assert dl is not None and (dl.city, dl.source) == ("Ankara", "AA")
    dl, _ = split_dateline("GENEVA (5 May 2024) – Kazakh Foreign Minister met his counterpart.", outlets)
    assert dl is not None and (dl.city, dl.date, dl.source) == ("Geneva", "5 May 2024", None)
    dl, _ = split_dateline("ASTANA, Kazakhstan — Kazakh Foreign Minister met his counterpart.", outlets)
    assert dl is not None and dl.city == "Astana"
    dl, rest = split_dateline("Астана, 5 мая 2024, 12:30 — Министр встретился с коллегой.", outlets)
    assert dl is not None and (dl.city, dl.date) == ("Астана", "5 мая 2024") and rest.startswith("Министр")
    dl, rest = split_dateline("Нур-Султан (Астана) - 18 мая /KZinform/. В МИД состоялся брифинг.", outlets)
    assert dl is not None and (dl.city, dl.date, dl.source) == ("Нур-Султан", "18 мая", "KZinform")
    assert rest == "В МИД состоялся брифинг."
    # a bracket after a word that is no place, a country that is no country
    assert split_dateline("Министерство (МИД) – ведомство, которое отвечает за политику.", outlets)[0] is None
    assert split_dateline("Astana, Central Asia — a city of contrasts and of meetings.", outlets)[0] is None


def test_a_dateline_on_a_line_of_its_own_with_a_time_and_an_agency() -> None:
    raw = (
        "Pope Francis greets the Kazakh foreign minister at the Vatican, May 30, 2022. / Vatican Media.\n"
        "Vatican City, May 31, 2022 / 08:33 am (CNA).\n"
        "Kazakhstan welcomes Pope Francis’ plan to visit the country in September, a joint statement said."
    )
    dateline = clean(raw, load_outlets()).dateline
    assert dateline is not None and (dateline.city, dateline.date) == ("Vatican City", "May 31, 2022")
    # a weekday is no city, even with a date after it
    assert split_dateline("Thursday, May 31, 2022 / 08:33 am", load_outlets())[0] is None


def test_a_byline_with_its_date_under_the_title_is_not_joined_to_it() -> None:
    raw = (
        "Kazakhstan to host a forum in June\n"
        "by Trans World Features | @twfindia 25 May 2023, 10:58 am\n"
        "Kazakhstan has launched a new international conference to tackle global challenges."
    )
    cleaned = clean(raw, load_outlets())
    assert "by Trans World Features | @twfindia 25 May 2023, 10:58 am" in cleaned.header
    # a wrapped sentence that goes on with `by` is one paragraph
    cleaned = clean("Title of the news\nThe forum was opened\nby the President in the capital.", load_outlets())
    assert "The forum was opened by the President in the capital." in cleaned.paragraphs


def test_a_venue_beside_its_city_under_the_date_and_a_bracket_of_a_place_the_data_lacks() -> None:
    outlets = load_outlets()
    raw = (
        "Meeting with President of Kazakhstan\nDecember 27, 2017, The Kremlin, Moscow\n"
        "Vladimir Putin had a meeting with President of the Republic of Kazakhstan Nursultan Nazarbayev."
    )
    dateline = clean(raw, outlets).dateline
    assert dateline is not None and dateline.city == "Moscow"
    raw = (
        "Statement of the Minister of Foreign Affairs at the Informal OSCE Ministerial Gathering\n"
        "(High Tatras, July 9, 2019)\nDear colleagues,\nI would like to thank the chairmanship for the meeting."
    )
    dateline = clean(raw, outlets).dateline
    assert dateline is not None and dateline.city == "High Tatras"
    # a venue without a city, a bracket inside a sentence: no place
    raw = "Meeting with President of Kazakhstan\nDecember 27, 2017, The Kremlin\nVladimir Putin had a meeting today."
    assert clean(raw, outlets).dateline is None
    raw = "Talks\nThe talks (High Tatras, July 9, 2019) went well for the ministers of the region."
    assert clean(raw, outlets).dateline is None


def test_a_photo_caption_with_its_place_and_date_is_no_text() -> None:
    caption = "Президент Казахстана на форуме в ОАЭ. Абу-Даби, 16 января 2017 года."
    assert is_photo_caption(caption)
    text = f"Назарбаев заявил о противоречиях\n\n{caption}\n\nПрезидент заявил об этом на встрече сегодня в Астане."
    cleaned = clean(text, load_outlets())
    assert caption not in cleaned.paragraphs and cleaned.paragraphs
    assert not is_photo_caption("Встреча прошла в Астане. Стороны обсудили вопросы сотрудничества.")
    assert not is_photo_caption("Стороны договорились. Москва, ноябрь.")


def test_a_date_line_glued_between_title_and_text_gets_its_own_line() -> None:
    raw = "Брифинг по вопросам СВМДА18.05.2022 18:26Нур-Султан (Астана) - 18 мая /KZinform/. В МИД прошел брифинг."
    cleaned = clean(raw, load_outlets())
    assert "18.05.2022 18:26" in cleaned.header
    assert cleaned.dateline is not None and cleaned.dateline.city == "Нур-Султан"
    assert normalize("Счет 2:1 в матче 18.05.2022 18:26 был открыт.").count("\n") == 0  # spaced: no break


def test_a_dateline_city_with_a_hyphen_is_a_date_line() -> None:
    assert is_meta_line("Nur-Sultan 20 March , 16:43", load_outlets())
    assert not is_meta_line("Nur-Sultan hosted talks on 20 March", load_outlets())


def test_datelines_with_a_numeric_date_a_slash_or_a_date_before_the_city() -> None:
    outlets = load_outlets()
    dl, rest = split_dateline("ДУШАНБЕ, 24.05.2024 /НИАТ «Ховар»/. Министр встретился с коллегой.", outlets)
    assert dl is not None and (dl.city, dl.date) == ("Душанбе", "24.05.2024") and rest.startswith("Министр")
    dl, _ = split_dateline("Нур-Султан / Kazinform – Министр встретился с коллегой.", outlets)
    assert dl is not None and (dl.city, dl.source) == ("Нур-Султан", "Kazinform")
    assert split_dateline("Итоги / Выводы – Министр встретился с коллегой.", outlets)[0] is None
    for line in ("05.05.2024, Астана — Министр встретился с коллегой.", "5 мая 2024, Астана. Министр встретился."):
        cleaned = clean(f"Заголовок статьи о встрече\n\n{line}", outlets)
        assert cleaned.dateline is not None and cleaned.dateline.city == "Астана"
        assert cleaned.paragraphs[0].startswith("Министр")
    # a date and then the outlet's own dateline: the dateline's city
    cleaned = clean("date 2015-06-12 MOSCOW. KAZINFORM - The Agency passed an agreement.", outlets)
    assert cleaned.dateline is not None and cleaned.dateline.city == "Moscow"
    cleaned = clean("Заголовок статьи о встрече\n\n05.05.2024, Министр встретился с коллегой.", outlets)
    assert cleaned.dateline is None


def test_a_place_alone_under_the_date_or_at_the_end_of_the_date_line() -> None:
    outlets = load_outlets()
    body = "Глава государства провел переговоры с Президентом Франции."
    for place_line, city in (("Астана", "Астана"), ("Акорда", "Астана"), ("Астана, Акорда", "Астана")):
        cleaned = clean(f"Заголовок о переговорах\n\n12 марта 2024 года\n\n{place_line}\n\n{body}", outlets)
        assert cleaned.dateline is not None and cleaned.dateline.city == city
        assert cleaned.paragraphs == [body]
    cleaned = clean(f"Title about the talks\n\nMarch 12, 2024 | Paris\n\n{body}", outlets)
    assert cleaned.dateline is not None and cleaned.dateline.city == "Paris"
    # a city alone without a date above it (a weather widget, a menu), a date line ending in a word that is no place
    assert clean(f"Заголовок о переговорах\n\n-3 °C\n\nАлматы\n\n{body}", outlets).dateline is None
    assert clean(f"Заголовок о переговорах\n\n12 марта 2024 | Политика\n\n{body}", outlets).dateline is None


def test_a_venue_dateline_an_agency_after_the_city_and_a_slashed_outlet() -> None:
    outlets = load_outlets()
    dl, rest = split_dateline("UNITED NATIONS (IDN) – Kazakhstan has elicited praise.", outlets)
    assert dl is not None and (dl.city, dl.source) == ("New York", "IDN") and rest.startswith("Kazakhstan")
    dl, _ = split_dateline("New York, MINA – During the meeting the President spoke.", outlets)
    assert dl is not None and (dl.city, dl.source) == ("New York", "MINA")
    dl, _ = split_dateline("АСТАНА / TurkicWorld/ - Казахстан и Таджикистан подпишут документ.", outlets)
    assert dl is not None and (dl.city, dl.source) == ("Астана", "TurkicWorld")
    assert split_dateline("UNITED FRONT (IDN) – A party has elicited praise.", outlets)[0] is None
    assert split_dateline("New York, Mina and Tom – Three friends.", outlets)[0] is None


def test_the_city_of_the_page_date_line_is_a_weak_dateline() -> None:
    outlets = load_outlets()
    body = "The President spoke at the meeting."
    cleaned = clean(f"Title of the page\n\nAstana, Kazakhstan • 22 September, 2022 | 15:17\n\n{body}", outlets)
    assert cleaned.dateline is not None and cleaned.dateline.city == "Astana" and cleaned.dateline.weak
    cleaned = clean(f"Title of the page\n\nASTANA, Sept. 22 – {body}", outlets)
    assert cleaned.dateline is not None and not cleaned.dateline.weak


def test_datelines_in_capitals_with_a_colon_or_a_glued_dash() -> None:
    from bot.news.cleaning import split_dateline
    from bot.news.outlets import load_outlets

    outlets = load_outlets()
    dateline, rest = split_dateline("ISLAMABAD: Pakistan and Kazakhstan on Tuesday reaffirmed their ties.", outlets)
    assert dateline is not None and dateline.city == "Islamabad" and rest.startswith("Pakistan")
    dateline, _ = split_dateline("ANKARA- Anadolu Agency", outlets)
    assert dateline is not None and dateline.city == "Ankara"
    assert split_dateline("NOTE: This text was updated.", outlets)[0] is None
    assert split_dateline("UPDATE: Kazakhstan said it would help.", outlets)[0] is None


def test_a_dateline_with_a_slashed_date_or_a_colon_after_the_agency() -> None:
    outlets = load_outlets()
    dl, rest = split_dateline("Brussels, 12/03/2019 - The EU and Kazakhstan signed a deal.", outlets)
    assert dl is not None and (dl.city, dl.date) == ("Brussels", "12/03/2019") and rest.startswith("The EU")
    dl, rest = split_dateline("ISLAMABAD, Mar 12 (APP): Pakistan and Kazakhstan agreed.", outlets)
    assert dl is not None and dl.city == "Islamabad" and rest.startswith("Pakistan")
    # a number with mixed separators is no date, and a colon after a plain word is no dateline
    assert split_dateline("Brussels, 12/03.2019 - The EU and Kazakhstan signed a deal.", outlets)[0] is None
    assert split_dateline("Brussels, the capital: The EU and Kazakhstan signed a deal.", outlets)[0] is None


def test_a_dateline_with_a_date_and_an_agency_below_the_page_tags_and_its_byline() -> None:
    outlets = load_outlets()
    tags = "\n".join(["2025-12-22T16:24:00+03:00", "в мире", "казахстан", "Заголовок ещё раз", "Лид ещё раз.", "Лид."])
    text = f" date 2025-12-22 https://ria.ru/20251222/obse.html\nЗаголовок\n{tags}\n" + (
        "ВЕНА, 22 дек - РИА Новости, Светлана Берило. Урезание мандата ОБСЕ может запустить цепную реакцию."
    )
    cleaned = clean(text, outlets)
    assert cleaned.title == "Заголовок"  # the page's link is no title
    assert cleaned.dateline is not None and (cleaned.dateline.city, cleaned.dateline.source) == ("Вена", "РИА Новости")
    assert cleaned.paragraphs[-1].startswith("Урезание")
    # that deep, a city without a date and an agency is the text's, not a dateline
    cleaned = clean(f"Заголовок\n{tags}\nВена – Урезание мандата ОБСЕ может запустить цепную реакцию.", outlets)
    assert cleaned.dateline is None


def test_a_dateline_of_slashes_and_a_colon_and_one_with_a_comma_before_the_year() -> None:
    outlets = load_outlets()
    for line in ("Baku/27.06.22/Turan: The meeting ended.", "Baku /27.06.22 / Turan: The meeting ended."):
        dl, rest = split_dateline(line, outlets)
        assert dl is not None and (dl.city, dl.date, dl.source) == ("Baku", "27.06.22", "Turan")
        assert rest == "The meeting ended."
    dl, rest = split_dateline("Москва, 11 января, 2022, 14:07 — ИА Регнум. Миссия завершена.", outlets)
    assert dl is not None and (dl.city, dl.date, dl.source) == ("Москва", "11 января, 2022", "ИА Регнум")
    assert rest == "Миссия завершена."
    # a fraction or a path is no dateline
    assert split_dateline("Итоги/27.06.22/Опрос: мнения разделились.", outlets)[0] is None
    assert split_dateline("Baku/27/Turan: The meeting ended.", outlets)[0] is None


def test_a_dateline_of_the_us_capital_names_the_city() -> None:
    outlets = load_outlets()
    for line in ("WASHINGTON DC: Blinken met Nurtleu.", "WASHINGTON DC - Blinken met Nurtleu."):
        dl, _ = split_dateline(line, outlets)
        assert dl is not None and dl.city == "Washington", line
    dl, _ = split_dateline("DUSHANBE: Rahmon met Tokayev.", outlets)  # a city ending in -DC letters is untouched
    assert dl is not None and dl.city == "Dushanbe"


def test_an_abbreviated_city_and_its_country_under_the_date_line() -> None:
    outlets = load_outlets()
    text = "Заголовок о саммите\n\n7 октября 2025 года\n\nг. Габала, Азербайджан\n\nПрезидент выступил на саммите."
    cleaned = clean(text, outlets)
    assert cleaned.dateline is not None and cleaned.dateline.city == "Габала"
    # a date line with only a country after the date gives no city of the city-and-country form
    cleaned = clean("Заголовок статьи о саммите\n\n7 октября 2025 года\n\nПрезидент выступил на саммите.", outlets)
    assert cleaned.dateline is None


def test_a_capitals_word_with_digits_is_no_dateline_city() -> None:
    outlets = load_outlets()
    assert split_dateline("UNITED24 - Make a charitable donation in support of Ukraine!", outlets)[0] is None
    dl, _ = split_dateline("ASTANA - Make a donation in support of the fund.", outlets)
    assert dl is not None and dl.city == "Astana"


def test_a_dateline_after_a_syndication_credit_in_brackets() -> None:
    outlets = load_outlets()
    dl, rest = split_dateline("(MENAFN- Trend) ASTANA, Kazakhstan, November 3. The Turkic world met.", outlets)
    assert dl is not None and dl.city == "Astana" and rest == "The Turkic world met."
    # a bracket before an ordinary sentence is no credit of a dateline
    assert split_dateline("(Updated) The Turkic world met in Astana.", outlets)[0] is None


def test_a_captions_year_glued_to_the_dateline_is_split_off() -> None:
    outlets = load_outlets()
    text = (
        "Title of the news\n\nTsereteli and Tokayev in Astana, 19 November 2018ASTANA, 19 November 2018 – "
        "OSCE PA President George Tsereteli commended Kazakhstan today."
    )
    cleaned = clean(text, outlets)
    assert cleaned.dateline is not None and cleaned.dateline.city == "Astana"
    # a year before a capitalised word (no capitals run and comma) stays as it is
    assert normalize("Since 2018Astana hosts the talks.") == "Since 2018 Astana hosts the talks."


def test_a_dateline_under_a_widgets_short_lines_but_not_under_a_paragraph() -> None:
    outlets = load_outlets()
    widget = "• USD/KZT\n0.0\n• EUR/KZT\n0.0\n• RUB/KZT\n0.0\n• CNY/KZT\n0.0\n"
    line = "Алматы. 7 февраля. Центр информации. Год Узбекистана начнется 15 марта."
    cleaned = clean(f"{widget}Год Узбекистана в Казахстане\n{line}", outlets)
    assert cleaned.dateline is not None and (cleaned.dateline.city, cleaned.dateline.date) == ("Алматы", "7 февраля")
    paragraph = "Посол рассказал о планах на год в интервью программе телеканала, вышедшем в эфир."
    more = "Ещё новости о визите\nВсе новости региона\nНовости партнёров сайта"
    cleaned = clean(f"Год Узбекистана в Казахстане\n{paragraph}\n{more}\n{line}", outlets)
    assert cleaned.dateline is None


def test_a_section_name_glued_to_the_dateline_and_a_heading_ending_with_place_and_date() -> None:
    outlets = load_outlets()
    cleaned = clean("Nazarbayev visits China\n\nChinaSHANGHAI – Kazakh President paid a state visit to China.", outlets)
    assert cleaned.dateline is not None and cleaned.dateline.city == "Shanghai"
    heading = "Sergey Lavrov’s statement at a news conference with Yermek Kosherbayev (Moscow, October 22, 2025)"
    cleaned = clean(f"{heading}\n\nI have held candid and constructive talks with my colleague.", outlets)
    assert cleaned.dateline is not None and cleaned.dateline.city == "Moscow"
    assert "October 22, 2025" in cleaned.header
    # a bracket of a place and no date is no heading's place
    cleaned = clean("Talks with the minister (Moscow, Russia)\n\nI have held candid talks with my colleague.", outlets)
    assert cleaned.header == [] and cleaned.dateline is None


def test_a_menu_of_headlines_glued_into_one_line_is_chrome() -> None:
    menu = (
        "Минэнерго усиливает контроль в день выборовРост цен на мясо: что происходит на рынках КыргызстанаПутешествие"
        " по Чуйской долинеХудожники создали мурал В Берлине состоялся бизнес-форумПрогноз погоды"
    )
    text = f"{menu}\nСаммит ОДКБ в узком составе\n27.11.2025 | 13:31\n\nВ Бишкеке прошло заседание Совета ОДКБ."
    cleaned = clean(text, load_outlets())
    assert cleaned.title == "Саммит ОДКБ в узком составе" and not any("Берлине" in p for p in cleaned.paragraphs)
    # a paragraph with a word or two glued by the page stays
    text = "Title of the page\n\nHe explained that thanks toPresidentNursultan Nazarbayev, policy has become active."
    assert "toPresidentNursultan" in " ".join(clean(text, load_outlets()).paragraphs)


def test_a_bracket_dateline_ending_with_a_colon_and_a_cookie_banner() -> None:
    outlets = load_outlets()
    dl, rest = split_dateline("ASTANA (May 17): Malaysia and Kazakhstan have agreed to continue.", outlets)
    assert dl is not None and (dl.city, dl.date) == ("Astana", "May 17") and rest.startswith("Malaysia")
    # a colon with no bracket before it, or after a word that is no place, makes no dateline
    assert split_dateline("Remarks (May 17): Malaysia and Kazakhstan have agreed.", outlets)[0] is None
    banner = "We use small files called cookies. When using our website, the cookie files are downloaded."
    cleaned = clean(f"{banner}\nBack\n\nKazakh foreign minister visits Poland\n\nThe ministers met in Warsaw.", outlets)
    assert cleaned.title == "Kazakh foreign minister visits Poland"
    # a sentence about cookies with no site in it stays
    text = "Title of the page\n\nThe delegation tasted cookies baked by local students at the fair."
    assert "cookies" in " ".join(clean(text, outlets).paragraphs)


def test_a_dateline_of_a_city_and_an_outlet_after_a_comma_or_a_slash() -> None:
    outlets = load_outlets()
    dl, rest = split_dateline("Tashkent, The Gulf Observer: President Tokayev took part in the meeting.", outlets)
    assert dl is not None and (dl.city, dl.source) == ("Tashkent", "The Gulf Observer")
    assert rest == "President Tokayev took part in the meeting."
    dl, rest = split_dateline("ABU DHABI / WAM", outlets)
    assert dl is not None and dl.city == "Abu Dhabi" and rest == ""
    # a word that is no place before them makes no dateline
    assert split_dateline("Meanwhile, The Minister: a short note on the talks.", outlets)[0] is None
    assert split_dateline("SOURCE / WAM", outlets)[0] is None


def test_an_agency_in_capitals_after_the_dateline_date_is_its_source() -> None:
    outlets = load_outlets()
    dl, rest = split_dateline("Грузия, 12 ноября, ГРУЗИНФОРМ. Новым почетным консулом стал Георгий Тихий.", outlets)
    assert dl is not None and (dl.city, dl.date, dl.source) == ("Грузия", "12 ноября", "ГРУЗИНФОРМ")
    assert rest.startswith("Новым")
    # capitals that open the text after a date are the text
    dl, rest = split_dateline("Астана, 12 ноября. ОБСЕ провела конференцию по безопасности.", outlets)
    assert dl is not None and dl.source is None and rest.startswith("ОБСЕ")


def test_a_city_in_capitals_hyphened_to_the_text() -> None:
    outlets = load_outlets()
    dl, rest = split_dateline("ISLAMABAD-The Kazakhstan embassy in Pakistan celebrated the Republic Day.", outlets)
    assert dl is not None and dl.city == "Islamabad" and rest.startswith("The Kazakhstan embassy")
    # a hyphened word of capitals that is no place is text
    assert split_dateline("COVID-The pandemic changed the way embassies work.", outlets)[0] is None


def test_a_city_after_the_pages_date_marker_is_where_the_page_was_written() -> None:
    text = " date 2025-10-21 Astana, October 21, AZERTAC\n\nOn October 21, the two presidents made press statements."
    cleaned = clean(text, load_outlets())
    assert cleaned.dateline is not None and cleaned.dateline.city == "Astana"


def test_words_after_the_pages_date_marker_that_open_with_no_city_give_no_place() -> None:
    text = " date 2025-10-21 Foreign Minister, October 21, AZERTAC\n\nOn October 21, the two ministers met."
    assert clean(text, load_outlets()).dateline is None


def test_an_authors_name_before_a_dateline_in_capitals_is_passed_over() -> None:
    line = "By Niam Seet Wei KUALA LUMPUR, July 14 (Bernama) -- The Expo is set to elevate bilateral relations."
    dateline, rest = split_dateline(line, load_outlets())
    assert dateline is not None and dateline.city == "Kuala Lumpur"
    assert rest.startswith("The Expo")


def test_an_authors_name_before_capitals_that_are_no_dateline_gives_none() -> None:
    line = "By Niam Seet Wei NATO allies met in Brussels on Monday to discuss the Afghan transit."
    assert split_dateline(line, load_outlets())[0] is None


def test_a_day_of_the_week_before_a_trailing_date_stays_with_the_date() -> None:
    text = "Флаг Суббота, 23 ноября 2024\nВсе новости\n19 июня 2023, 12:54\n\nНуртлеу: отношения хорошие"
    header = clean(text, load_outlets()).header
    assert any(line.endswith("Суббота, 23 ноября 2024") for line in header)
    from bot.news.dates import published_at

    assert published_at(header, None, "", None) == "2023-06-19T12:54+05:00"  # the clock of today yields


SPEECH_HEADING = (
    "Welcome to the website of the Permanent Mission of Kazakhstan to the United Nations in New York !\n\n"
    "Statement by\nAmbassador Kairat Abdrakhmanov,\nthe Permanent Representative of Kazakhstan\n"
    "at the Security Council open debate\non the situation in the Middle East\n"
)
SPEECH_OPENING = "\n\nMr. President,\nOn behalf of my country I welcome you."


def test_a_line_of_place_and_date_under_a_long_speech_heading_dates_and_places_it() -> None:
    for line in ("January 20, 2014, New York", "(New York, January 20, 2014)"):
        cleaned = clean(SPEECH_HEADING + line + SPEECH_OPENING, load_outlets())
        assert cleaned.dateline is not None and cleaned.dateline.city == "New York"
        assert any("2014" in h for h in cleaned.header)


def test_a_sentence_that_opens_with_a_date_under_a_speech_heading_is_no_place_and_date_line() -> None:
    line = "January 20, 2014, the Council met in New York to hear the debate."
    cleaned = clean(SPEECH_HEADING + line + SPEECH_OPENING, load_outlets())
    assert cleaned.dateline is None


def test_an_outlets_initials_before_the_dateline_city_are_passed_over() -> None:
    dateline, rest = split_dateline("BC, Riga, 09.10.2015. Prime Minister Straujuma held a meeting.", load_outlets())
    assert dateline is not None and dateline.city == "Riga"
    assert rest.startswith("Prime Minister")


def test_a_city_in_capitals_before_its_country_is_no_outlets_initials() -> None:
    dateline, _ = split_dateline("BAKU, Azerbaijan, April 3. The President arrived.", load_outlets())
    assert dateline is not None and dateline.city == "Baku"


def test_a_name_broken_at_its_hyphen_is_joined_a_spaced_dash_is_not() -> None:
    text = normalize("signed by President Kassym- Jomart Tokayev on the Astana - Moscow line")
    assert "Kassym-Jomart Tokayev" in text and "Astana - Moscow" in text


def test_a_city_in_capitals_on_a_line_of_its_own_below_the_title_is_the_dateline() -> None:
    text = "Russian, Kazakh presidents meet informally\nMOSCOW\nThe Russian and Kazakh presidents met on Tuesday."
    cleaned = clean(text, load_outlets())
    assert cleaned.dateline is not None and cleaned.dateline.city == "Moscow"


def test_other_capitals_on_a_line_of_their_own_are_no_dateline() -> None:
    text = "Russian, Kazakh presidents meet informally\nBREAKING NEWS\nThe presidents met on Tuesday in the Kremlin."
    assert clean(text, load_outlets()).dateline is None


def test_a_title_that_ends_with_a_city_after_a_comma_says_where() -> None:
    text = (
        "Sergey Lavrov’s remarks at a news conference following talks with Mukhtar Tleuberdi, Moscow\n\n"
        "We have had very constructive talks as part of the regular communications between our ministries."
    )
    cleaned = clean(text, load_outlets())
    assert cleaned.dateline is not None and cleaned.dateline.city == "Moscow"


def test_a_title_that_ends_with_a_name_after_a_comma_says_no_place() -> None:
    text = "Tokayev holds talks with Putin, Xi\n\nThe leaders discussed trade and transit between their countries."
    assert clean(text, load_outlets()).dateline is None


def test_a_known_city_written_in_title_case_with_a_colon_is_a_dateline_a_country_or_a_word_is_not() -> None:
    outlets = load_outlets()
    dateline, rest = split_dateline("New Delhi: As India and Kazakhstan celebrate 30 years of ties, …", outlets)
    assert dateline is not None and dateline.city == "New Delhi" and rest.startswith("As India")
    assert split_dateline("India: Kazakhstan and India celebrate 30 years of ties.", outlets)[0] is None
    assert split_dateline("Result: Kazakhstan and India signed three deals.", outlets)[0] is None
    assert split_dateline("Europe: Kazakhstan and the EU signed three deals.", outlets)[0] is None


def test_a_heading_ending_with_a_city_its_country_and_a_date_gives_the_city() -> None:
    from bot.news.cleaning import _heading_place_date

    line = "The session at the European headquarters of the UN in Geneva, Switzerland, 24 February 2020."
    assert _heading_place_date(line) == ("Geneva", "24 February 2020.")
    assert _heading_place_date("A statement on the visit, Switzerland, 24 February 2020") == (
        "Switzerland",
        "24 February 2020",
    )


def test_an_agency_and_its_city_on_a_line_of_their_own_are_the_dateline_a_skip_link_is_chrome() -> None:
    outlets = load_outlets()
    body = "Prime Minister Narendra Modi arrived here on Thursday to attend the summit of the organisation."
    cleaned = clean(f"Modi in Kazakhstan for the summit\n\nIANS Astana\n\n{body}", outlets)
    assert cleaned.dateline is not None and cleaned.dateline.city == "Astana"
    assert cleaned.paragraphs == [body]
    cleaned = clean(f"Modi in Kazakhstan for the summit\n\nIANS Report\n\n{body}", outlets)  # no city
    assert cleaned.dateline is None
    cleaned = clean(f'Нажмите "Enter" для перехода к содержанию\n\nЗаголовок новости о визите\n\n{body}', outlets)
    assert cleaned.title == "Заголовок новости о визите"


def test_a_dateline_of_two_cities_is_the_first_a_city_with_a_hyphen_stays_whole() -> None:
    outlets = load_outlets()
    body = "Head of State Nursultan Nazarbayev has participated today in the meeting of the heads of state."
    cleaned = clean(f"Aral Sea summit\n\nTURKMENBASHI-ASTANA. KAZINFORM - {body}", outlets)
    assert cleaned.dateline is not None and cleaned.dateline.city == "Turkmenbashi"
    cleaned = clean(f"Aral Sea summit\n\nNUR-SULTAN. KAZINFORM - {body}", outlets)
    assert cleaned.dateline is not None and cleaned.dateline.city == "Nur-Sultan"


def test_a_known_city_a_comma_and_a_dash_are_a_dateline_a_country_is_not() -> None:
    outlets = load_outlets()
    dateline, rest = split_dateline("Astana, – As fellow Muslim-majority countries, the two need to work.", outlets)
    assert dateline is not None and dateline.city == "Astana" and rest.startswith("As fellow")
    assert split_dateline("Kazakhstan, – As fellow Muslim-majority countries, the two work.", outlets)[0] is None


def test_an_authors_name_and_role_on_lines_of_their_own_go_to_the_header() -> None:
    text = (
        "Казахстан поддерживает идею\n\nВенера Баталова\nкорреспондент\n\n"
        "Эта инициатива призвана повысить авторитет ОТГ, уверен Глава государства Касым-Жомарт Токаев."
    )
    cleaned = clean(text, load_outlets())
    assert "Венера Баталова корреспондент" in cleaned.header
    assert not any("Баталова" in p for p in cleaned.paragraphs)
    # a sentence that ends with the word is text
    line = "Об этом сообщил наш собственный корреспондент"
    assert line in clean(f"Заголовок новости\n\n{line}\n\nТекст новости о визите министра.", load_outlets()).paragraphs


def test_a_sentence_glued_to_a_quotation_that_opens_the_next_one() -> None:
    glued = 'Токаев призвал к реформе Совбеза."Всеобъемлющая реформа ООН является необходимостью."'
    assert normalize(glued) == 'Токаев призвал к реформе Совбеза. "Всеобъемлющая реформа ООН является необходимостью."'
    assert normalize("он сказал.«Мы готовы к диалогу»") == "он сказал. «Мы готовы к диалогу»"
    # in English a straight quote after the full stop closes the quotation: left as written
    closing = '"We are ready," he said."The talks went well."'
    assert normalize(closing) == closing


def test_datelines_with_a_country_in_square_brackets_or_a_month_in_capitals() -> None:
    outlets = load_outlets()
    dl, rest = split_dateline("Nur-Sultan [Kazakhstan], Aug 30 (ANI/Xinhua): Kazakh President said.", outlets)
    assert dl is not None and (dl.city, dl.date) == ("Nur-Sultan", "Aug 30") and rest == "Kazakh President said."
    dl, rest = split_dateline("ISLAMABAD, MAR 26 (DNA)..", outlets)
    assert dl is not None and (dl.city, dl.date, rest) == ("Islamabad", "MAR 26", "")
    # capitals that are no month, a bracket that is no country's
    assert split_dateline("NEW YORK, THE 5 best places to visit.", outlets)[0] is None
    assert split_dateline("Tokayev [President], said the talks went well.", outlets)[0] is None


def test_an_agencys_dateline_in_capitals_under_a_byline_and_a_country_before_its_city() -> None:
    outlets = load_outlets()
    raw = (
        "Алиев: взаимодействие Баку и Астаны имеет значение\n\nПолитика 21 октября 2025\n"
        "Фото: Пресс-служба Президента Азербайджана\n\nЭмин Алиев\nЭмин Алиев\n"
        "АСТАНА/Trend/ - Активное взаимодействие между Баку и Астаной имеет серьезное значение."
    )
    dateline = clean(raw, outlets).dateline
    assert dateline is not None and dateline.city == "Астана"
    # below the first paragraphs of the text it is no dateline
    body = "Активное взаимодействие между Баку и Астаной имеет серьезное геополитическое значение для региона."
    raw = "Заголовок\n" + "\n".join([body] * 9) + "\nАСТАНА/Trend/ - Стороны обсудили вопросы сотрудничества."
    assert clean(raw, outlets).dateline is None
    raw = "March 13, 2019\nVisit to the UAE\nUnited Arab Emirates, Abu Dhabi\nThe President met the Crown Prince."
    dateline = clean(raw, outlets).dateline
    assert dateline is not None and dateline.city == "Abu Dhabi"
