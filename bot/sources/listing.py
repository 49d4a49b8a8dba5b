"""Article links scraped from a listing page (a news section of a site without a feed).

A link is taken for an article when it stays on the listing's site, its path is deeper than
a section (`/ru/news/12345`, `/news/2025/12/04/slug`: a number or a long slug in it), and
its text reads like a headline (at least four words).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.html

from bot.news.dedupe import canonical_url
from bot.sources.pages import clean_text
from bot.sources.rss import FeedItem

MAX_LINKS = 60
# Only at the start of a run of letters and digits, possessive: linear on any path.
_ARTICLE_PATH_RE = re.compile(r"\d{3,}|(?<![a-z0-9])[a-z0-9]++(?:[-_][a-z0-9]++){3,}", re.IGNORECASE)
_SKIP_PATH_RE = re.compile(r"/(tag|tags|category|author|search|page|login|rss)(/|$)|\.(jpe?g|png|pdf|docx?)$",
                           re.IGNORECASE)


def listing_links(page_html: str, base_url: str) -> list[FeedItem]:
    root = lxml.html.fromstring(page_html)
    site = _site(base_url)
    found: dict[str, FeedItem] = {}
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = canonical_url(urljoin(base_url, href))
        title = clean_text(anchor.text_content()).replace("\n\n", " ")
        if _site(url) != site or url in found or not looks_like_article(url, title):
            continue
        found[url] = FeedItem(url=url, title=title)
        if len(found) >= MAX_LINKS:
            break
    return list(found.values())


def looks_like_article(url: str, title: str) -> bool:
    path = urlsplit(url).path
    if _SKIP_PATH_RE.search(path) or not _ARTICLE_PATH_RE.search(path):
        return False
    return len(title.split()) >= 4


def _site(url: str) -> str:
    host = urlsplit(url).netloc.lower()
    return host.removeprefix("www.")
