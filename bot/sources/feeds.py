"""The feeds: the TOML file (data/feeds.toml or FEEDS_FILE), the `feeds` table, `/source add`.

`sync_feeds` makes the table follow the file: new feeds are added, changed ones updated,
and feeds of the file that are no longer in it become inactive (kept for their articles).
Feeds the owner added with `/source add` are not in any file and stay active.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from bot.news.dedupe import canonical_url
from bot.sources import govkz
from bot.sources.fetch import AddressPolicy, Fetcher, FetchError, check_url
from bot.sources.listing import listing_links
from bot.sources.pages import decode_html
from bot.sources.rss import NotAFeed, parse_feed
from storage.db import Database, Row

Kind = Literal["rss", "page", "govkz", "akorda"]
# rss: RSS or Atom; page: article links scraped from a listing; govkz: a body's news from the
# gov.kz API (bot/sources/govkz.py); akorda: the President's events listing (bot/sources/akorda.py).
KINDS = ("rss", "page", "govkz", "akorda")
DEFAULT_INTERVAL_MINUTES = 15


class FeedsFileError(ValueError):
    """The feeds file can't be used; the message names the file and the entry."""


@dataclass(frozen=True)
class FeedConfig:
    name: str
    url: str
    kind: Kind = "rss"
    lang: str = "ru"
    interval_minutes: int = DEFAULT_INTERVAL_MINUTES


@dataclass(frozen=True)
class Feed:
    id: int
    name: str
    url: str
    kind: Kind
    lang: str
    interval_minutes: int
    etag: str | None = None
    last_modified: str | None = None
    error_count: int = 0
    paused: bool = False
    active: bool = True
    last_ok_at: str | None = None
    last_polled_at: str | None = None
    last_error: str | None = None


FEED_COLUMNS = (
    "id, name, url, kind, lang, interval_minutes, etag, last_modified, error_count, paused, active, "
    "last_ok_at, last_polled_at, last_error"
)


def feed_from_row(row: Row) -> Feed:
    return Feed(
        id=int(row["id"]),
        name=row["name"],
        url=row["url"],
        kind=row["kind"],
        lang=row["lang"],
        interval_minutes=int(row["interval_minutes"]),
        etag=row["etag"],
        last_modified=row["last_modified"],
        error_count=int(row["error_count"]),
        paused=bool(row["paused"]),
        active=bool(row["active"]),
        last_ok_at=row["last_ok_at"],
        last_polled_at=row["last_polled_at"],
        last_error=row["last_error"],
    )


def load_feeds(path: Path, *, allow_private: bool = False) -> list[FeedConfig]:
    """The feeds of the file; an entry at a loopback or private address is refused unless `allow_private`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FeedsFileError(f"{path}: не удалось прочитать: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise FeedsFileError(f"{path}: ошибка TOML: {exc}") from exc
    entries = data.get("feed", [])
    if not isinstance(entries, list):
        raise FeedsFileError(f"{path}: ожидается список [[feed]]")
    policy = AddressPolicy(allow_private=allow_private)
    feeds = [_feed_config(entry, number, path, policy) for number, entry in enumerate(entries, start=1)]
    seen: set[str] = set()
    for feed in feeds:
        if feed.url in seen:
            raise FeedsFileError(f"{path}: адрес встречается дважды: {feed.url}")
        seen.add(feed.url)
    return feeds


def _feed_config(entry: object, number: int, path: Path, policy: AddressPolicy) -> FeedConfig:
    where = f"{path}: лента №{number}"
    if not isinstance(entry, dict):
        raise FeedsFileError(f"{where}: ожидается таблица [[feed]]")
    unknown = set(entry) - {"name", "url", "kind", "lang", "interval_minutes", "project"}
    if unknown:
        raise FeedsFileError(f"{where}: неизвестные поля: {', '.join(sorted(unknown))}")
    name, url = entry.get("name"), entry.get("url")
    if not isinstance(name, str) or not name.strip():
        raise FeedsFileError(f"{where}: нет названия (name)")
    kind = entry.get("kind", "rss")
    if kind not in KINDS:
        raise FeedsFileError(f"{where} ({name}): kind должен быть одним из {', '.join(KINDS)}, а не {kind!r}")
    if kind == "govkz":
        url = _govkz_url(entry, f"{where} ({name})")
    elif "project" in entry:
        raise FeedsFileError(f"{where} ({name}): project бывает только у kind = \"govkz\"")
    if not isinstance(url, str):
        raise FeedsFileError(f"{where} ({name}): нет адреса (url)")
    try:
        check_url(url, policy)
    except FetchError as exc:
        raise FeedsFileError(f"{where} ({name}): {exc}") from exc
    interval = entry.get("interval_minutes", DEFAULT_INTERVAL_MINUTES)
    if not isinstance(interval, int) or isinstance(interval, bool) or not 1 <= interval <= 1440:
        raise FeedsFileError(f"{where} ({name}): interval_minutes — целое число от 1 до 1440")
    lang = entry.get("lang", "ru")
    if not isinstance(lang, str):
        raise FeedsFileError(f"{where} ({name}): lang — строка, например \"ru\"")
    return FeedConfig(name=name.strip(), url=canonical_url(url), kind=kind, lang=lang, interval_minutes=interval)


def _govkz_url(entry: dict[str, object], where: str) -> str:
    """A gov.kz feed is stored as the API url with the body's id: `…/news?projects=eq:mfa`."""
    project = entry.get("project")
    if not isinstance(project, str) or not re.fullmatch(r"[a-z0-9_-]{2,40}", project):
        raise FeedsFileError(f"{where}: project — идентификатор ведомства на gov.kz, например \"mfa\"")
    api = entry.get("url", govkz.API_URL)
    if not isinstance(api, str):
        raise FeedsFileError(f"{where}: url — адрес API gov.kz")
    return govkz.feed_url(project, api)


async def sync_feeds(db: Database, feeds: list[FeedConfig]) -> None:
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO feeds (name, url, kind, lang, interval_minutes, active) VALUES (?, ?, ?, ?, ?, 1) "
            "ON CONFLICT (url) DO UPDATE SET name = excluded.name, kind = excluded.kind, lang = excluded.lang, "
            "interval_minutes = excluded.interval_minutes, active = 1",
            [(f.name, f.url, f.kind, f.lang, f.interval_minutes) for f in feeds],
        )
        urls = [f.url for f in feeds]
        marks = ",".join("?" * len(urls)) or "''"
        await conn.execute(
            f"UPDATE feeds SET active = 0 WHERE added_by IS NULL AND url NOT IN ({marks})", urls
        )


async def active_feeds(db: Database) -> list[Feed]:
    rows = await db.fetchall(f"SELECT {FEED_COLUMNS} FROM feeds WHERE active = 1 AND paused = 0 ORDER BY id")
    return [feed_from_row(r) for r in rows]


async def due_feeds(db: Database, now: str) -> list[Feed]:
    rows = await db.fetchall(
        f"SELECT {FEED_COLUMNS} FROM feeds WHERE active = 1 AND paused = 0 "
        "AND (next_poll_at IS NULL OR next_poll_at <= ?) ORDER BY coalesce(next_poll_at, ''), id",
        (now,),
    )
    return [feed_from_row(r) for r in rows]


async def all_feeds(db: Database) -> list[Feed]:
    rows = await db.fetchall(f"SELECT {FEED_COLUMNS} FROM feeds ORDER BY active DESC, name")
    return [feed_from_row(r) for r in rows]


@dataclass(frozen=True)
class AddedSource:
    feed: Feed
    created: bool  # False: the url was there already
    items: int  # items (or article links) found on the first look


async def add_source(
    db: Database,
    url: str,
    added_by: int | None,
    *,
    fetcher: Fetcher | None = None,
    lang: str = "ru",
    allow_private: bool = False,
) -> AddedSource:
    """Add a feed or a listing page by its url; raises FeedsFileError (with the reason) if it's neither.

    The url is fetched once: an RSS or Atom document becomes an "rss" feed named by its title;
    an HTML page with article links becomes a "page" feed named by its site. A loopback or
    private address is refused (unless `allow_private`), before and while fetching.
    """
    url = canonical_url(url)
    try:
        check_url(url, fetcher.policy if fetcher else AddressPolicy(allow_private=allow_private))
    except FetchError as exc:
        raise FeedsFileError(str(exc)) from exc
    existing = await db.fetchone(f"SELECT {FEED_COLUMNS} FROM feeds WHERE url = ?", (url,))
    if existing is not None:
        async with db.transaction() as conn:
            await conn.execute("UPDATE feeds SET active = 1, paused = 0, error_count = 0 WHERE url = ?", (url,))
        return AddedSource(feed_from_row(existing), created=False, items=0)
    if fetcher is None:
        async with Fetcher(allow_private=allow_private) as own_fetcher:
            return await add_source(db, url, added_by, fetcher=own_fetcher, lang=lang)
    try:
        result = await fetcher.get(url)
    except FetchError as exc:
        raise FeedsFileError(f"не удалось загрузить {url}: {exc}") from exc
    kind: Kind
    try:
        title, items = parse_feed(result.body, result.url)
        kind, name, found = "rss", (title or urlsplit(url).netloc), len(items)
    except NotAFeed:
        links = listing_links(decode_html(result.body, result.charset), result.url)
        if not links:
            raise FeedsFileError("по адресу нет ни RSS/Atom, ни списка ссылок на статьи") from None
        kind, name, found = "page", urlsplit(url).netloc.removeprefix("www."), len(links)
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO feeds (name, url, kind, lang, interval_minutes, added_by, active) "
            "VALUES (?, ?, ?, ?, ?, ?, 1)",
            (name.strip()[:100], url, kind, lang, DEFAULT_INTERVAL_MINUTES, added_by),
        )
    row = await db.fetchone(f"SELECT {FEED_COLUMNS} FROM feeds WHERE url = ?", (url,))
    assert row is not None
    return AddedSource(feed_from_row(row), created=True, items=found)
