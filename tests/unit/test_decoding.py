"""The real web's encodings: damaged UTF-8 stays UTF-8, a charset that names no text encoding is ignored."""

from __future__ import annotations

import pytest

from bot.news.textio import decode_article, mostly_utf8
from bot.sources.pages import decode_html, text_codec
from bot.sources.rss import parse_feed

ARTICLE = (
    "Астана. 7 октября. Министр иностранных дел Республики Казахстан провёл встречу "
    "с Генеральным секретарём ОБСЕ и обсудил вопросы региональной безопасности.\n"
) * 20
MOJIBAKE = "РњРёРЅРёСЃС‚СЂ"  # «Министр» in UTF-8 read as cp1251


def damaged(text: str, *bad: bytes) -> bytes:
    """UTF-8 bytes of `text` with the `bad` bytes put between two words, one after another."""
    data = text.encode("utf-8")
    for n, piece in enumerate(bad, start=1):
        cut = data.index(b" ", len(data) * n // (len(bad) + 1))
        data = data[:cut] + piece + data[cut:]
    return data


@pytest.mark.parametrize("bad", [[b"\xff"], [b"\xc0"], [b"\xd0"], [b"\xff", b"\xfe\xfe", b"\x80"]])
def test_a_few_bad_bytes_in_utf8_are_replaced_not_read_as_cp1251(bad: list[bytes]) -> None:
    text = decode_article(damaged(ARTICLE, *bad))
    assert "Министр иностранных дел" in text and MOJIBAKE not in text
    assert 1 <= text.count("\ufffd") <= 2 * len(bad)
    assert text.replace("\ufffd", "") == ARTICLE


def test_a_page_with_a_bad_byte_stays_utf8() -> None:
    page = f"<html><body><p>{ARTICLE}</p></body></html>"
    text = decode_html(damaged(page, b"\xff"), "utf-8")
    assert "Министр иностранных дел" in text and MOJIBAKE not in text


def test_cp1251_is_still_cp1251() -> None:
    assert decode_article(ARTICLE.encode("cp1251")) == ARTICLE
    assert decode_html(ARTICLE.encode("cp1251")) == ARTICLE
    assert mostly_utf8(ARTICLE.encode("cp1251")) is None


def test_the_share_of_invalid_sequences_decides() -> None:
    words = "Министр " * 100  # 700 non-ASCII characters
    assert mostly_utf8(damaged(words, *[b"\xff"] * 60)) is not None  # < 10 % of them invalid
    assert mostly_utf8(damaged(words, *[b"\xff"] * 80)) is None
    assert mostly_utf8("\ufffd готово".encode()) == "\ufffd готово"  # a real U+FFFD is no damage


@pytest.mark.parametrize("charset", ["base64", "binary", "zlib", "hex", "rot13", "undefined", "x-unknown", ""])
def test_a_charset_that_names_no_text_encoding_is_ignored(charset: str) -> None:
    body = f"<html><body><p>{ARTICLE}</p></body></html>".encode("cp1251")
    assert "Министр иностранных дел" in decode_html(body, charset)
    meta = f'<html><head><meta charset="{charset}"></head><body><p>{ARTICLE}</p></body></html>'
    assert "Министр иностранных дел" in decode_html(meta.encode("cp1251"))
    assert text_codec(charset) is None


def test_text_encodings_are_known_by_any_of_their_names() -> None:
    assert text_codec("windows-1251") == "cp1251" and text_codec("UTF-8") == "utf-8"
    assert text_codec("koi8-r") == "koi8-r"
    assert decode_html(ARTICLE.encode("koi8_r"), "koi8-r") == ARTICLE


def test_utf16_page_with_a_bom() -> None:
    assert decode_html(ARTICLE.encode("utf-16"), "utf-16") == ARTICLE


@pytest.mark.parametrize("encoding", ["base64", "undefined", "binary"])
def test_a_feed_declaring_no_text_encoding_still_gives_its_items(encoding: str) -> None:
    body = (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>Лента</title>'
        "<item><title>Министр в Вене</title><link>https://example.kz/1</link></item>"
        "<item><title>Второе</title><link>https://example.kz/2</link></item></channel></rss>"
    ).encode()
    title, items = parse_feed(body, "https://example.kz/rss")
    assert title == "Лента"
    assert [i.url for i in items] == ["https://example.kz/1", "https://example.kz/2"]
    assert items[0].title == "Министр в Вене"
