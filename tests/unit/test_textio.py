import pytest

from bot.news.textio import MAX_ARTICLE_BYTES, RejectedInput, decode_article

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
