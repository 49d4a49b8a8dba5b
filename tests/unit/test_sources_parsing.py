"""Feeds, listings and pages into items and text: pure parsing of recorded documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.sources.listing import listing_links, looks_like_article
from bot.sources.pages import clean_text, decode_html, extract_page, html_fragment_to_text
from bot.sources.rss import NotAFeed, parse_feed

SITE = Path(__file__).parents[1] / "fixtures" / "sources" / "site"
BASE = "https://news.example.kz"


def recorded(name: str) -> bytes:
    return (SITE / name).read_text(encoding="utf-8").replace("{BASE}", BASE).encode("utf-8")


def test_rss_items_keep_the_plus_five_offset_and_the_full_text() -> None:
    title, items = parse_feed(recorded("kazinform_rss.xml"), BASE)
    assert title == "Kazinform — новости Казахстана"
    assert [i.published_at for i in items] == ["2025-12-05T09:15+05:00", "2025-12-05T08:40+05:00"]
    assert items[0].text is not None and items[0].text.startswith("АСТАНА, 5 декабря – Kazinform.")
    assert "\n\n«ОБСЕ остается незаменимой платформой диалога." in items[0].text


def test_atom_entries_without_full_text_leave_the_page_to_fetch() -> None:
    title, [entry] = parse_feed(recorded("kt_atom.xml"), BASE)
    assert title == "KAZAKHSTAN TODAY"
    assert entry.published_at == "2025-12-04T18:05+05:00"
    assert entry.text is None
    assert entry.url.endswith("_1010101.html")


def test_an_html_page_is_not_a_feed() -> None:
    with pytest.raises(NotAFeed):
        parse_feed(recorded("elkz_listing.html"), BASE)


def test_listing_keeps_article_links_only() -> None:
    links = listing_links(recorded("elkz_listing.html").decode(), f"{BASE}/ru/news/")
    assert [link.url for link in links] == [
        f"{BASE}/ru/news/glava-mid-rk-v-vene-obse-dolzhna-sokhranit-rol-ploshchadki-dlya-dialoga_41234/",
        f"{BASE}/ru/news/v-astane-otkrylas-vystavka-kazakhskogo-prikladnogo-iskusstva_41230/",
    ]
    assert links[0].title == "Глава МИД РК в Вене: ОБСЕ должна сохранить роль площадки для диалога"


@pytest.mark.parametrize(("url", "title", "expected"), [
    ("https://el.kz/ru/news/12345/", "Токаев провел переговоры с президентом", True),
    ("https://el.kz/ru/tag/politika/", "Политика и все новости раздела", False),
    ("https://el.kz/ru/news/", "Все новости сайта на одной странице", False),
    ("https://el.kz/ru/news/12345/", "12 комментариев", False),
])
def test_looks_like_article(url: str, title: str, expected: bool) -> None:
    assert looks_like_article(url, title) is expected


def test_cp1251_page_under_a_utf8_header_is_read_right() -> None:
    text = decode_html((SITE / "kt_article_cp1251.html").read_bytes(), "utf-8")
    assert "Министр иностранных дел Республики Казахстан Ермек Кошербаев" in text


def test_utf8_page_under_a_cp1251_header_is_read_right() -> None:
    body = "<html><body><p>Глава МИД провел встречу</p></body></html>".encode()
    assert "Глава МИД" in decode_html(body, "windows-1251")


def test_cp1251_without_any_declaration_falls_back_to_cp1251() -> None:
    assert decode_html("<p>Переговоры в Астане</p>".encode("cp1251")) == "<p>Переговоры в Астане</p>"


def test_entities_and_nbsp_become_plain_text() -> None:
    fragment = "<p>&laquo;ОБСЕ&raquo;&nbsp;&mdash; площадка</p><p>Второй&nbsp;абзац &amp;amp; ещё</p>"
    text = html_fragment_to_text(fragment)
    assert text == "«ОБСЕ» — площадка\n\nВторой абзац & ещё"
    assert clean_text("Ермек\u00a0Кошербаев &amp;quot;сказал&amp;quot;") == 'Ермек Кошербаев &quot;сказал&quot;'


def test_article_page_gives_title_date_author_and_main_text() -> None:
    page = extract_page((SITE / "elkz_article.html").read_text(encoding="utf-8"), f"{BASE}/ru/news/x_41234/")
    assert page.title == "Глава МИД РК в Вене: ОБСЕ должна сохранить роль площадки для диалога"
    assert page.published_at == "2025-12-04T18:20+05:00"
    assert page.author == "Данияр Омаров"
    assert page.site_name == "El.kz"
    assert page.text.startswith("На заседании Совета министров иностранных дел")
    assert "Читайте также" not in page.text and "Подпишитесь" not in page.text
    assert "\xa0" not in page.text and "&nbsp;" not in page.text


def test_cp1251_page_author_label_is_dropped() -> None:
    html_text = decode_html((SITE / "kt_article_cp1251.html").read_bytes())
    page = extract_page(html_text, f"{BASE}/kt/politics/x_1010101.html")
    assert page.author == "Айгерим Сеитова"
    assert page.published_at == "2025-12-04T18:05+05:00"
    assert "Поделитесь" not in page.text
