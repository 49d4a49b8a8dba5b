from bot.news.cleaning import clean, drop_repeated_lede, join_wrapped, split_dateline
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
