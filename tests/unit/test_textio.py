import pytest

from bot.news.textio import MAX_ARTICLE_BYTES, RejectedInput, article_problem, check_article, decode_article

ARTICLE = (
    "Астана. 7 октября. Министр иностранных дел Республики Казахстан провёл встречу "
    "с Генеральным секретарём ОБСЕ и обсудил вопросы региональной безопасности."
)


def test_utf8_text_is_decoded() -> None:
    assert decode_article(ARTICLE.encode("utf-8")) == ARTICLE


def test_utf8_bom_is_dropped() -> None:
    assert decode_article(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8")) == ARTICLE


def test_utf16_with_bom() -> None:
    assert decode_article(ARTICLE.encode("utf-16")) == ARTICLE


def test_cp1251_is_recognised() -> None:
    assert decode_article(ARTICLE.encode("cp1251")) == ARTICLE


def test_windows_line_endings_become_newlines() -> None:
    text = decode_article((ARTICLE + "\r\n" + ARTICLE).encode("utf-8"))
    assert "\r" not in text and text.count("\n") == 1


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_empty_input_is_rejected(data: bytes) -> None:
    with pytest.raises(RejectedInput, match="пустой"):
        decode_article(data)


def test_binary_input_is_rejected() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(RejectedInput, match="двоичный"):
        decode_article(png)


def test_huge_input_is_rejected_with_its_size() -> None:
    with pytest.raises(RejectedInput, match=r"слишком большой файл: 10\.0 МБ"):
        decode_article(b"a" * (10 * 1024 * 1024))


def test_limit_is_inclusive() -> None:
    data = (ARTICLE + "\n").encode("utf-8")
    data = data * (MAX_ARTICLE_BYTES // len(data))
    assert len(decode_article(data)) > 0


def test_too_little_text_is_rejected() -> None:
    with pytest.raises(RejectedInput, match="мало текста"):
        decode_article("Привет, мир!".encode())


# --- not every text is an article --------------------------------------------------------------

SHORT_NEWS = [
    "Токаев провёл телефонный разговор с Генеральным секретарём ООН.\n"
    "Стороны обсудили повестку предстоящей сессии Генассамблеи.",
    "Kazakhstan's Foreign Minister met the OSCE Secretary General in Vienna on Friday.",
    "Заголовок\n12 мая 2025, 10:15\n\nАСТАНА. Министр иностранных дел Казахстана встретился с послом Японии.",
]


@pytest.mark.parametrize("text", SHORT_NEWS)
def test_short_real_news_items_are_articles(text: str) -> None:
    assert article_problem(text) is None


def test_a_table_of_figures_is_not_an_article() -> None:
    table = "\n".join(f"{i} | {i * 3.5:.1f} | {i * 7} | 2025-01-{i % 28 + 1:02d}" for i in range(300))
    with pytest.raises(RejectedInput, match="не похоже на статью: букв лишь"):
        check_article(table + "\nТаблица показателей товарооборота по месяцам и годам.")


def test_markup_is_not_an_article() -> None:
    page = "<html><body>" + "<div class='news-item'><a href='/a'>Новость</a></div>" * 40 + "</body></html>"
    assert (article_problem(page) or "").startswith("разметка без текста")


def test_a_word_list_is_not_an_article() -> None:
    words = "\n".join(["внешняя", "политика", "Казахстан", "ОБСЕ", "ООН"] * 100)
    assert (article_problem(words) or "").startswith("нет строк, похожих на предложения")


def test_decode_article_gives_the_reason() -> None:
    with pytest.raises(RejectedInput, match=r"^не похоже на статью: слишком мало слов"):
        decode_article(("а\n" * 5000).encode())
