"""The news of a government body on gov.kz, read from the portal's JSON API.

gov.kz pages are drawn by JavaScript; their scrapers read the API the pages call instead:
`GET /api/v1/public/content-manager/news?projects=eq:<body id>&sort-by=created_date:DESC&page=1&size=20`
with the language in the `Accept-Language` header (`ru`, `kk`, `en`). The answer is a list of
news items, or an object whose `content` holds them; an item has `id`, `title`, `body` (HTML)
and `created_date` (`2025-12-04T18:20:00.000+05:00`). The page of an item is
`/memleket/entities/<body id>/press/news/details/<id>?lang=<lang>`.

These shapes are those public scrapers rely on (README, "Sources"); the feed file names the
body (`project = "mfa"` for the Ministry of Foreign Affairs) and the language.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.sources.pages import html_fragment_to_text, iso_minutes, parse_iso
from bot.sources.rss import FeedItem, NotAFeed

API_URL = "https://www.gov.kz/api/v1/public/content-manager/news"
PAGE_SIZE = 20


def feed_url(project: str, api_url: str = API_URL) -> str:
    """The url a gov.kz feed is stored under: the API with the body's id."""
    parts = urlsplit(api_url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode({"projects": f"eq:{project}"}), ""))


def project_of(url: str) -> str:
    value = dict(parse_qsl(urlsplit(url).query)).get("projects", "")
    return value.removeprefix("eq:")


def page_url(url: str, page: int, size: int | None = None) -> str:
    """Page `page` (from 1) of the newest news first, PAGE_SIZE a page."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update({"sort-by": "created_date:DESC", "page": str(page), "size": str(size or PAGE_SIZE)})
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def request_headers(lang: str) -> dict[str, str]:
    return {"Accept": "application/json", "Accept-Language": lang}


def parse_news(body: bytes, url: str, lang: str) -> list[FeedItem]:
    """The items of one API answer, newest first; raises NotAFeed for anything else."""
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise NotAFeed(f"gov.kz: ответ не JSON ({exc})") from exc
    entries = data.get("content") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise NotAFeed("gov.kz: в ответе нет списка новостей")
    parts = urlsplit(url)
    project = project_of(url)
    items = []
    for entry in entries:
        item = _item(entry, f"{parts.scheme}://{parts.netloc}", project, lang)
        if item is not None:
            items.append(item)
    return items


def _item(entry: Any, origin: str, project: str, lang: str) -> FeedItem | None:
    if not isinstance(entry, dict) or entry.get("id") in (None, ""):
        return None
    title = entry.get("title") or entry.get("name")
    body = entry.get("body")
    created = entry.get("created_date") or entry.get("createdDate")
    moment = parse_iso(created) if isinstance(created, str) else None
    return FeedItem(
        url=f"{origin}/memleket/entities/{project}/press/news/details/{entry['id']}?lang={lang}",
        title=title.strip() if isinstance(title, str) and title.strip() else None,
        published_at=iso_minutes(moment) if moment else None,
        text=html_fragment_to_text(body) if isinstance(body, str) and body.strip() else None,
    )
