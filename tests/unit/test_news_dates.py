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


def parsed(text: str, meta_date: str | None = None):  # type: ignore[no-untyped-def]
    from bot.news import ArticleMeta, parse

    return parse(text, ArticleMeta(reference_time=REF, published_at=meta_date))


BODY = "Министр Ермек Кошербаев заявил, что Казахстан готов к диалогу."


@pytest.mark.parametrize(
    ("text", "date", "place"),
    [
        (f" date 2025-12-05 В Вене прошла встреча министров ОБСЕ\n{BODY}", "2025-12-05", "Вена"),
        (f"Заголовок о визите\n22.05.2024 23:15 403\n{BODY}", "2024-05-22T23:15+05:00", None),
        (f"Астана, Казахстан, 4 июля 2024 года – {BODY}", "2024-07-04", "Астана"),
        (f"АСТАНА, 23 сен - РИА Новости. {BODY}", "2026-09-23", "Астана"),
        (f"Москва. 12 января. INTERFAX - {BODY}", "2026-01-12", "Москва"),
        ("Title of the story\n1 June 2022, 19:12\nThe minister said so.", "2022-06-01T19:12+05:00", None),
        ("ASTANA, Kazakhstan, May 14, 2025 – The minister said Kazakhstan is ready.", "2025-05-14", "Astana"),
        (f"Заголовок о визите\n14 мая 2025 г.\n{BODY}", "2025-05-14", None),
        (f"Заголовок о визите\n12 желтоқсан 2024\n{BODY}", "2024-12-12", None),
        (f"Заголовок о визите\nВчера, 18:40\n{BODY}", "2026-11-20T18:40+05:00", None),
        (f"Заголовок о визите\nСегодня\n{BODY}", "2026-11-21", None),
    ],
)
def test_date_lines_and_datelines_as_outlets_write_them(text: str, date: str, place: str | None) -> None:
    article = parsed(text)
    assert (article.published_at, article.location) == (date, place)


def test_a_date_in_the_middle_of_a_sentence_is_not_a_date_line() -> None:
    assert parsed(f"Заголовок о визите\nВстреча 2024-05-22 года прошла успешно. {BODY}").published_at is None


def test_the_page_or_feed_date_is_never_replaced_by_a_year_less_dateline() -> None:
    article = parsed(f"Вена. 5 декабря. KAZAKHSTAN TODAY - {BODY}", meta_date="2025-10-07T09:15+05:00")
    assert article.published_at == "2025-10-07T09:15+05:00"


@pytest.mark.parametrize(
    ("text", "date", "place"),
    [
        (f"Title\n\nXI'AN, May 12 (Xinhua) -- {BODY}", "2026-05-12", "Xi'an"),
        (
            f"Заголовок о визите\n07/04/2024 | Press release\nАстана, Казахстан\n4 июля 2024 года\n{BODY}",
            "2024-07-04",
            "Астана",
        ),
        (f"Tianjin, People’s Republic of China, 1 September 2025 - {BODY}", "2025-09-01", "Tianjin"),
        (f"Title of the story 02 июня 2015, 17:12\n\n{BODY}", "2015-06-02T17:12+05:00", None),
    ],
)
def test_more_date_lines_and_datelines(text: str, date: str, place: str | None) -> None:
    article = parsed(text)
    assert (article.published_at, article.location) == (date, place)


def test_a_weather_widget_city_alone_is_no_dateline() -> None:
    assert parsed(f"Заголовок о визите\n-3 °C\nАлматы\n{BODY}").location is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("13.03.17, 10:20", "2017-03-13T10:20+05:00"),
        ("15/10/22", "2022-10-15"),
        ("2017 жылғы 13 наурыз", "2017-03-13"),
        ("13.03.2017", "2017-03-13"),
    ],
)
def test_short_years_and_kazakh_order(line: str, expected: str) -> None:
    assert published_at([line], None, "", REF) == expected


def test_a_version_number_is_no_date() -> None:
    assert published_at(["Версия 1.2.3"], None, "", REF) is None
    assert published_at(["Путь 15/10/22/1"], None, "", REF) is None  # a path of numbers, not a short date
    assert published_at(["15/10.22"], None, "", REF) is None  # mixed separators


def test_a_date_first_dateline_with_the_agency_in_slashes() -> None:
    article = parsed(f"Заголовок о визите\n16 октября 2015\n16 октября, Бурабай /БЕЛТА - КАЗИНФОРМ/. {BODY}")
    assert (article.published_at, article.location) == ("2015-10-16", "Бурабай")


def test_a_year_less_date_before_the_future_month_it_speaks_of() -> None:
    text = "Казахстан будет председательствовать в Совете безопасности ООН в январе 2018 года."
    assert choose_year(24, 8, text, REF) == 2017
    assert choose_year(20, 3, "The 2015 year will be a year of strength test for the union.", REF) == 2015


def test_an_updated_line_is_not_the_publication_date() -> None:
    assert published_at(["Обновлено: 14.09.2025 13:18", "05.01.2022 10:00"], None, "", REF).startswith("2022-01-05")


def test_english_ordinal_days() -> None:
    assert published_at(["12th March 2024"], None, "", REF) == "2024-03-12"
    assert published_at(["March 12th, 2024"], None, "", REF) == "2024-03-12"
    assert published_at(["12x March 2024"], None, "", REF) is None  # no ordinal, no date


def test_an_american_month_first_date_when_the_day_cannot_come_first() -> None:
    assert published_at(["Thu, 06/30/2016 - 04:37"], None, "", REF) == "2016-06-30T04:37+05:00"
    assert published_at(["05/06/2016"], None, "", REF) == "2016-06-05"  # day first, as the region writes it


def test_a_date_line_with_byline_words_above_the_text() -> None:
    from bot.news import parse
    from bot.news.models import ArticleMeta

    body = "Kazakh Foreign Minister met the OSCE Secretary General. He said Kazakhstan supports the OSCE."
    meta = ArticleMeta(reference_time=REF)
    assert parse(f"Minister meets OSCE chief\nPosted on 2025-12-05 by admin\n{body}", meta).published_at == "2025-12-05"
    assert parse(f"Министр встретился с главой ОБСЕ\nАвтор: Иван Петров, 05.12.2025\n{body}", meta).published_at == (
        "2025-12-05"
    )
    # a sentence with a date is no date line
    text = f"Minister meets OSCE chief\nThe two sides signed an agreement on 5 December 2025 in Vienna.\n{body}"
    assert parse(text, meta).published_at is None


def test_the_minute_of_a_time_is_no_day_and_a_marked_date_line() -> None:
    assert published_at(["07:28 Фев. 22, 2022"], None, "", REF) == "2022-02-22"
    assert published_at(["# 24 August 2022 17:32 (UTC +04:00)"], None, "", REF) == "2022-08-24T18:32+05:00"
    assert find_date("10:15 мая") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2025.12.05", "2025-12-05"),
        ("05-Dec-2025", "2025-12-05"),
        ("Last updated: December 6, 2025 Published: December 5, 2025", "2025-12-05"),
        ("2 часа назад", "2026-11-21T03:00+05:00"),
        ("3 hours ago", "2026-11-21T02:00+05:00"),
        ("1 день назад", "2026-11-20T05:00+05:00"),
    ],
)
def test_more_date_line_forms(line: str, expected: str) -> None:
    assert published_at([line], None, "", REF) == expected


def test_a_date_line_of_fields_and_what_is_not_one() -> None:
    from bot.news import parse
    from bot.news.models import ArticleMeta

    body = "Kazakh Foreign Minister met the OSCE Secretary General. He said Kazakhstan supports the OSCE."
    meta = ArticleMeta(reference_time=REF)
    text = f"Minister meets OSCE chief\nStaff Report | December 5, 2025 | 12:30 pm\n{body}"
    assert parse(text, meta).published_at == "2025-12-05"
    # `2 years ago` is no time a page was written; a version number is no date
    assert published_at(["2 years ago"], None, "", REF) is None
    assert find_date("version 2025.13.45") is None


def test_a_year_first_date_with_slashes_and_the_offset_of_an_iso_time() -> None:
    assert published_at(["2019/03/12"], None, "", REF) == "2019-03-12"
    assert published_at(["2019-03-12T10:05:00+06:00"], None, "", REF) == "2019-03-12T09:05+05:00"
    assert published_at(["2019-03-12T10:05:00-04:00"], None, "", REF) == "2019-03-12T19:05+05:00"
    # mixed separators and a score are no date
    assert find_date("2019/03.12") is None
    assert published_at(["Счёт 2019/1/2"], None, "", REF) is None


def test_the_date_line_under_a_pages_menu_lines_and_not_under_a_paragraph() -> None:
    menu = "View settings\nFont size:\nSite colours:\nOfficial website of the President\nTranscripts /\n"
    body = "Vladimir Putin met Kassym-Jomart Tokayev. He said the two countries are the closest allies."
    text = f"{menu}Beginning of conversation with Kassym-Jomart Tokayev\nApril 3, 2019, The Kremlin, Moscow\n{body}"
    assert parsed(text).published_at == "2019-04-03"
    paragraph = "The two presidents discussed trade and the transit of goods across the Caspian Sea at length."
    text = f"Title of the article\nLead line\n{paragraph}\nAnother line\nApril 3, 2019, The Kremlin, Moscow\n{body}"
    assert parsed(text).published_at is None


def test_an_iso_date_with_a_short_month_or_seconds() -> None:
    assert published_at(["2017-8-31 16:10 |"], None, "", REF) == "2017-08-31T16:10+05:00"
    assert find_date("Заголовок новости 2025-10-01 18:30:58") == (1, 10, 2025, 18, 30)
    # a range of years is no date
    assert find_date("Программа на 2017-2030 годы") is None


def test_a_year_less_date_lies_between_the_past_the_text_tells_of_and_its_future() -> None:
    text = "Товарооборот в 2020 году вырос. Саммит пройдет 16-17 сентября 2021 года в Душанбе."
    assert choose_year(15, 9, text, REF) == 2021
    # after the future event's day, the text was written the year before it
    assert choose_year(20, 9, "Саммит пройдет 16-17 сентября 2021 года в Душанбе.", REF) == 2020
    # with no future, the latest past year the text tells of
    assert choose_year(15, 9, "Товарооборот в 2020 году вырос.", REF) == 2020


def test_a_long_date_line_with_its_update_below_the_title() -> None:
    menu = "Приднестровье новостей: 1352\nЕвровидение новостей: 497\n"
    line = "26 сен. 2022, 18:03 (обновлено 27 сен. 2022, 18:00)   Интервью"
    body = "Посол Казахстана Алмат Айдарбеков заявил, что отношения двух стран имеют глубокие корни."
    assert parsed(f"{menu}Посол Казахстана: Молдова – уникальная страна\n{line}\n{body}").published_at == (
        "2022-09-26T18:03+05:00"
    )
    # a sentence of the text with a date in it is no date line, however short
    assert parsed(f"Посол о Молдове\n{body}\nВстреча прошла 26 сентября 2022 года.").published_at is None


def test_a_date_with_no_space_after_its_comma_and_one_in_brackets_ending_the_title() -> None:
    assert published_at(["Published May 17,2025"], None, "", REF) == "2025-05-17"
    body = "The ministers discussed the situation in the region and bilateral cooperation at length."
    title = "Kazakhstan – Telephone conversation between the ministers (28 April 2021)"
    assert parsed(f"{title}\n\n{body}").published_at == "2021-04-28"
    # a bracket of no date ending the title gives no date
    assert parsed(f"Kazakhstan – Telephone conversation between the ministers (updated)\n\n{body}").published_at is None


def test_a_time_glued_to_the_date_after_it() -> None:
    body = "Заседание Совета министров иностранных дел СНГ стартовало в Алматы в узком составе."
    title = "В Алматы проходит заседание глав МИД стран СНГ"
    assert parsed(f"{title}\n\n10:0611/04/2025, Cuma\n\n{body}").published_at == "2025-04-11"
    # a time glued to a count is no date
    assert parsed(f"{title}\n\n10:061104 просмотров\n\n{body}").published_at is None


def test_a_sentence_that_opens_with_its_date_is_no_date_line() -> None:
    body = "Министерство энергетики Казахстана поделилось планами на заседании коллегии ведомства."
    history = "7 октября 2023 года президенты России и Узбекистана запустили транзит газа через Казахстан."
    assert parsed(f"04.02.2025\n{body}\n{history}").published_at == "2025-02-04"
    assert parsed(f"{body}\n{history}").published_at is None
    # a date line that runs on into the title still gives its date
    assert parsed(f" date 2025-09-01 В Астане прошел саммит\n{body}").published_at == "2025-09-01"


def test_an_outlets_stamp_to_the_minute_inside_a_photo_caption() -> None:
    caption = "президенты Узбекистана и Туркменистана, фото - Новости Zakon.kz от 10.10.2025 14:20 Фото: akorda.kz"
    body = "Глава государства Касым-Жомарт Токаев выступил на заседании Совета глав государств СНГ в Душанбе."
    title = "Политика\n\nТокаев обратился к коллегам"
    assert parsed(f"{title}\n\n{caption}\n{body}").published_at == "2025-10-10T14:20+05:00"
    # a photo's day with no outlet's stamp is no publication date
    caption = "президенты Узбекистана и Туркменистана, фото от 10.10.2025 Фото: akorda.kz"
    assert parsed(f"Политика\n\nТокаев обратился к коллегам\n\n{caption}\n{body}").published_at is None


def test_an_american_date_whose_second_number_cannot_be_a_month_is_month_first() -> None:
    assert find_date("Fri, 07/14/2017 - 13:08") == (14, 7, 2017, 13, 8)


def test_a_clock_of_dates_ending_with_the_weekday_yields_to_the_articles_own() -> None:
    lines = ["• 26 ноября 202426.11.2024вторник", "Губернатор, 17:07 09 ноября 2017"]
    assert (published_at(lines, None, "", REF) or "").startswith("2017-11-09")
    # a weekday after the rubric of an article's own date line is no clock
    lines = ["Политика, 09 ноября 2017, четверг", "26 ноября 2024"]
    assert (published_at(lines, None, "", REF) or "").startswith("2017-11-09")


def test_of_two_lines_opening_with_the_weekday_the_one_to_the_minute_is_the_articles() -> None:
    lines = ["Sunday Dec 15, 2024", "Monday, 28 May 2012 00:56 - - {{hitsCtrl.values.hits}}"]
    assert (published_at(lines, None, "", REF) or "").startswith("2012-05-28")
    # with no time on either, the first stays
    lines = ["Sunday Dec 15, 2024", "Monday, 28 May 2012"]
    assert (published_at(lines, None, "", REF) or "").startswith("2024-12-15")


def test_the_pages_own_stamp_after_the_stored_pages_date_marker() -> None:
    assert find_date(" date 2025-12-05 04.12.2025, 08:11 37836") == (5, 12, 2025, None, None)  # 04.12 is no time
    assert published_at([" date 2025-12-05 04.12.2025, 08:11 37836"], None, "", REF) == "2025-12-04T08:11+05:00"
    # a marker with the title after it keeps its date
    assert published_at([" date 2025-12-05 В Вене прошла встреча"], None, "", REF) == "2025-12-05"


def test_a_comma_between_the_month_and_the_day() -> None:
    assert find_date("Saturday, January, 17, 2015") == (17, 1, 2015, None, None)
    assert find_date("January, 17 delegates came in 2015") is None


def test_a_slashed_date_that_may_be_day_first_stays_day_first() -> None:
    assert find_date("10/09/2017") == (10, 9, 2017, None, None)


def test_a_date_line_that_opens_with_the_day_of_the_week_yields_to_the_articles_own() -> None:
    lines = ["Wednesday, 26 June 2024, 10:22:09 am", "October 31, 2021"]
    assert (published_at(lines, None, "", REF) or "").startswith("2021-10-31")


def test_a_date_line_with_the_day_of_the_week_alone_is_the_date() -> None:
    assert (published_at(["Fri, 07/14/2017 - 13:08"], None, "", REF) or "").startswith("2017-07-14")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Παρ, 29 Ιανουαρίου 2010 - 18:55", "2010-01-29"),
        ("12 жовтня 2022", "2022-10-12"),
        ("15 Kasım 2021", "2021-11-15"),
        ("12 oktabr 2022", "2022-10-12"),
        ("le 5 août 2021", "2021-08-05"),
        ("Venerdì, 30 Maggio 2025", "2025-05-30"),
        ("Posted on the 12th of March 2019", "2019-03-12"),
    ],
)
def test_month_names_of_other_languages_of_the_region_and_europe(line: str, expected: str) -> None:
    assert published_at([line], None, "", REF) == expected


def test_a_word_that_only_begins_like_a_month_is_no_date() -> None:
    assert published_at(["5 Main Street, 2020 edition"], None, "", REF) is None
    assert published_at(["Mai Thi Lan, 5 years on"], None, "", REF) is None
    assert published_at(["5 of them, 2019"], None, "", REF) is None


def test_a_date_line_among_a_weekday_time_zones_and_share_buttons_and_a_date_in_brackets_opening_the_lede() -> None:
    body = "Kazakhstan's President Nursultan Nazarbayev is in Washington for talks with the US President."
    stamp = "Last Updated: Thursday, 28 September 2006, 12:25 GMT 13:25 UK"
    text = f"BBC Home\nBBC News\n{stamp}\nUS welcomes leader\n{body}"
    assert parsed(text).published_at == "2006-09-28T17:25+05:00"  # 12:25 by the clock of Greenwich
    text = f"Presidents Hold Summit\nApril 23, 2010\ntwitter Twitter facebook Share\n{body}"
    assert parsed(text).published_at == "2010-04-23"
    lede = "(25 февраля 2019) Генконсул Казахстана в Казани рассказал о татарах и казахском языке, сообщает сайт."
    assert parsed(f"Интервью генконсула\n{lede}").published_at == "2019-02-25"
    # a bracket that holds more than the date is a sentence's, not a date line
    lede = "(25 февраля 2019 года в Казани) Генконсул рассказал о татарах и казахском языке, сообщает сайт."
    assert parsed(f"Интервью генконсула\n{lede}").published_at is None
