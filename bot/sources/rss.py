"""Items of an RSS or Atom feed (feedparser), with their dates in the feed's own offset."""

from __future__ import annotations

import email.utils
import logging
import re
from dataclasses import dataclass
from typing import Any

import feedparser

from bot.sources.pages import html_fragment_to_text, iso_minutes, parse_iso

log = logging.getLogger(__name__)

# An item whose feed text is at least this long is not fetched again as a page.
FULL_TEXT_CHARS = 600
_XML_ENCODING_RE = re.compile(rb"""(<\?xml[^>]{0,200}?encoding\s*=\s*["'])([^"']{0,40})(["'])""")


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None = None
    published_at: str | None = None  # "2025-12-04T18:20+05:00"
    text: str | None = None  # the full text when the feed carries it (yandex:full-text, content:encoded)
    author: str | None = None


class NotAFeed(ValueError):
    pass


def parse_feed(body: bytes, base_url: str) -> tuple[str | None, list[FeedItem]]:
    """(the feed's title, its items); raises NotAFeed for something that is not RSS or Atom.
    An entry that can't be read is logged and left out; the others are kept."""
    headers = {"content-location": base_url}
    try:
        parsed = feedparser.parse(body, response_headers=headers)
    except (LookupError, UnicodeError):  # the XML declaration names no text encoding ("undefined")
        parsed = feedparser.parse(_XML_ENCODING_RE.sub(rb"\1utf-8\3", body, count=1), response_headers=headers)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        raise NotAFeed(f"не RSS и не Atom: {getattr(parsed, 'bozo_exception', 'нет записей')}")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link.startswith(("http://", "https://")):
            continue
        try:
            items.append(feed_item(link, entry))
        except Exception:  # one broken entry must not cost the feed its other items
            log.exception("feed %s: entry %s left out", base_url, link)
    return parsed.feed.get("title"), items


def feed_item(link: str, entry: Any) -> FeedItem:
    return FeedItem(
        url=link,
        title=(entry.get("title") or "").strip() or None,
        published_at=entry_date(entry),
        text=entry_text(entry),
        author=entry.get("author"),
    )


def entry_date(entry: Any) -> str | None:
    """The entry's own date string, keeping its offset (`Thu, 04 Dec 2025 18:20:00 +0500`)."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        moment = parse_iso(raw)
        if moment is None:
            try:
                moment = email.utils.parsedate_to_datetime(raw)
            except (TypeError, ValueError):
                moment = None
        if moment is not None:
            return iso_minutes(moment)
    return None


def entry_text(entry: Any) -> str | None:
    """The longest text the entry carries, as plain paragraphs; None when it's only a short summary."""
    candidates = [c.get("value", "") for c in entry.get("content", [])]
    candidates += [entry.get("yandex_full-text", ""), entry.get("fulltext", ""), entry.get("summary", "")]
    texts = [html_fragment_to_text(c) for c in candidates if c and c.strip()]
    best = max(texts, key=len, default="")
    return best if len(best) >= FULL_TEXT_CHARS else None
