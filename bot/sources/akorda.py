"""The President's events: the listing of akorda.kz (`/ru/events`, pages `?page=2`, …).

Akorda has no feed. Its listing is a grid of cards, each `<div class="card">` with the event's
link in an `<h3><a href="/ru/<slug>-<number>">` and its date in an `<h5>` as
`21 марта 2026 года`, which is the shape public scrapers of the site rely on (README, "Sources").
The event's text comes from its own page.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import lxml.html

from bot.news.dedupe import canonical_url
from bot.sources.pages import clean_text
from bot.sources.rss import FeedItem

MONTHS = {"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
          "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12}
_DATE_RE = re.compile(r"(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})", re.IGNORECASE)


def page_url(url: str, page: int) -> str:
    """The listing's page `page` (from 1; the first page is the listing's own url)."""
    if page <= 1:
        return url
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query["page"] = str(page)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def parse_listing(page_html: str, base_url: str) -> list[FeedItem]:
    root = lxml.html.fromstring(page_html)
    items: dict[str, FeedItem] = {}
    for card in root.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' card ')]"):
        links = card.xpath(".//h3//a[@href]")
        if not links:
            continue
        url = canonical_url(urljoin(base_url, links[0].get("href")))
        title = clean_text(links[0].text_content()).replace("\n\n", " ")
        dates = card.xpath(".//h5")
        day = listing_date(dates[0].text_content()) if dates else None
        if url not in items and title:
            items[url] = FeedItem(url=url, title=title, published_at=day)
    return list(items.values())


def listing_date(text: str) -> str | None:
    """`21 марта 2026 года` → `2026-03-21`."""
    match = _DATE_RE.search(text)
    if not match:
        return None
    day, month, year = match.groups()
    return f"{int(year):04d}-{MONTHS[month.lower()]:02d}-{int(day):02d}"
