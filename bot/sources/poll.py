"""Polling feeds: fetch, list new items, keep the foreign-policy ones, ingest them.

`poll_feed` polls one feed and records the outcome on it: on success its error count goes
back to 0 and the next poll is `interval_minutes` later; after an error the next poll waits
`interval × 2^errors` (at most a day, at least the site's Retry-After), and after 100 failures
in a row the feed is paused (`feeds.paused`, shown by /stats; `/source add URL` again resumes
it). Every item url is remembered in `feed_items` with what became of it (and why it was
skipped), so a page is fetched once.

Kinds: RSS/Atom, a listing page, the gov.kz news API (bot/sources/govkz.py), Akorda's events
listing (bot/sources/akorda.py). A first fill (`since`) walks the paged ones back page by page.

`newsbot fetch [--since 7d] [--show-skipped]` → `fetch_all_once(settings)`; the running bot →
`schedule_feed_polling`.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol, TextIO
from zoneinfo import ZoneInfo

from bot import cpu
from bot.config import Settings
from bot.news.dedupe import MAX_URL_BYTES, canonical_url
from bot.news.models import ArticleMeta
from bot.news.textio import RejectedInput
from bot.sources import akorda, govkz
from bot.sources.feeds import (
    Feed,
    FeedsFileError,
    active_feeds,
    due_feeds,
    load_feeds,
    sync_feeds,
)
from bot.sources.fetch import BlockedAddress, Fetcher, FetchError, FetchResult, check_url
from bot.sources.listing import listing_links
from bot.sources.pages import article_text, decode_html, page_from_result
from bot.sources.relevance import judge
from bot.sources.rss import FeedItem, NotAFeed, parse_feed
from storage.db import DATABASE_ERRORS, Database

log = logging.getLogger(__name__)

MAX_ITEMS_PER_POLL = 50
MAX_FILL_ITEMS = 1000  # a first fill (`newsbot fetch --since 7d`) reads at most this many per feed
MAX_FILL_PAGES = 30
MAX_INTERVAL_MINUTES = 24 * 60
PAUSE_AFTER_FAILURES = 100
CHECK_DUE_EVERY_SECONDS = 60

_write_locks: weakref.WeakKeyDictionary[Database, asyncio.Lock] = weakref.WeakKeyDictionary()


def write_lock(db: Database) -> asyncio.Lock:
    """One writer at a time on a connection: `db.transaction()` can't nest BEGINs of two tasks."""
    if db not in _write_locks:
        _write_locks[db] = asyncio.Lock()
    return _write_locks[db]


@dataclass
class PollResult:
    feed: Feed
    ok: bool = True
    not_modified: bool = False
    error: str | None = None
    paused: bool = False
    listed: int = 0  # items in the feed
    new: int = 0  # not seen before
    stored: int = 0  # new events
    joined: int = 0  # another source of an event already stored
    duplicates: int = 0
    skipped: int = 0  # not about foreign policy
    rejected: int = 0  # no article text
    failed: int = 0  # page not fetched: retried next time
    retry_after: float | None = None  # the site asked to wait this many seconds (429/503)
    item_reasons: dict[str, str] = field(default_factory=dict)  # url → what became of it


def next_interval_minutes(interval_minutes: int, error_count: int) -> int:
    """The wait before the next poll: doubled for every error in a row, at most a day."""
    return min(interval_minutes * 2 ** min(error_count, 20), MAX_INTERVAL_MINUTES)


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


async def poll_feed(
    db: Database,
    feed: Feed,
    fetcher: Fetcher,
    *,
    tz: ZoneInfo | None = None,
    since: date | None = None,
    progress: Progress | None = None,
) -> PollResult:
    """Poll one feed once and record the outcome on it.

    With `since` (a first fill), the feed or listing is walked back page by page to that day
    and every new item of that period is read, not only the newest MAX_ITEMS_PER_POLL.
    """
    result = PollResult(feed=feed)
    started = _now()
    answer: FetchResult | None = None
    try:
        conditional = {"etag": feed.etag, "last_modified": feed.last_modified} if since is None else {}
        answer = await fetcher.get(first_url(feed), headers=request_headers(feed), **conditional)
        if answer.not_modified:
            result.not_modified = True
        else:
            items = await cpu.run(list_items, feed, answer)  # feedparser and lxml: off the event loop
            if since is not None:
                items = await walk_back(feed, fetcher, items, since)
            result.listed = len(items)
            limit = MAX_FILL_ITEMS if since is not None else MAX_ITEMS_PER_POLL
            await _process_items(db, feed, items, fetcher, result, tz, limit=limit, progress=progress)
    except FetchError as exc:
        result.ok, result.error, result.retry_after = False, str(exc), exc.retry_after
        answer = None
    except NotAFeed as exc:
        result.ok, result.error = False, str(exc)
        answer = None
    except Exception as exc:  # one broken feed must not stop the others
        log.exception("feed %s failed", feed.url)
        result.ok, result.error = False, f"{exc.__class__.__name__}: {exc}"
        answer = None
    await _record_feed_outcome(db, feed, result, answer, started)
    return result


def first_url(feed: Feed) -> str:
    return govkz.page_url(feed.url, 1) if feed.kind == "govkz" else feed.url


def page_url(feed: Feed, page: int) -> str | None:
    """The url of an older page of a paged source (gov.kz API, Akorda), None for the others."""
    if feed.kind == "govkz":
        return govkz.page_url(feed.url, page)
    if feed.kind == "akorda":
        return akorda.page_url(feed.url, page)
    return None


def request_headers(feed: Feed) -> dict[str, str] | None:
    return govkz.request_headers(feed.lang) if feed.kind == "govkz" else None


def list_items(feed: Feed, answer: FetchResult) -> list[FeedItem]:
    if feed.kind == "rss":
        _title, items = parse_feed(answer.body, answer.url)
    elif feed.kind == "govkz":
        items = govkz.parse_news(answer.body, feed.url, feed.lang)
    elif feed.kind == "akorda":
        items = akorda.parse_listing(decode_html(answer.body, answer.charset), answer.url)
    else:
        items = listing_links(decode_html(answer.body, answer.charset), answer.url)
    unique: dict[str, FeedItem] = {}
    for item in items:
        url = canonical_url(item.url)
        if len(url.encode()) > MAX_URL_BYTES:  # no news page has such an address; nor can it be a key
            continue
        unique.setdefault(url, FeedItem(url, item.title, item.published_at, item.text, item.author))
    return list(unique.values())


async def walk_back(feed: Feed, fetcher: Fetcher, items: list[FeedItem], since: date) -> list[FeedItem]:
    """The items since `since` of the first page and of the older pages, newest first.

    A page is asked for while the previous one held nothing older than `since`; the walk stops
    at an empty page, a page with nothing new (a site that ignores `?page=`), or MAX_FILL_PAGES.
    """
    kept = [i for i in items if not _older(i, since)]
    seen = {i.url for i in items}
    page = 1
    while items and not any(_older(i, since) for i in items) and page < MAX_FILL_PAGES:
        page += 1
        url = page_url(feed, page)
        if url is None:
            break
        answer = await fetcher.get(url, headers=request_headers(feed))
        items = [i for i in await cpu.run(list_items, feed, answer) if i.url not in seen]
        seen.update(i.url for i in items)
        kept += [i for i in items if not _older(i, since)]
    return kept


def _older(item: FeedItem, since: date) -> bool:
    """Dated before `since`; an item without a date is never older."""
    if not item.published_at:
        return False
    try:
        return date.fromisoformat(item.published_at[:10]) < since
    except ValueError:
        return False


async def _known_urls(db: Database, urls: list[str]) -> set[str]:
    if not urls:
        return set()
    marks = ",".join("?" * len(urls))
    rows = await db.fetchall(
        f"SELECT url FROM feed_items WHERE url IN ({marks}) AND status != 'failed' "
        f"UNION SELECT url FROM articles WHERE url IN ({marks})",
        [*urls, *urls],
    )
    return {r[0] for r in rows}


@dataclass(frozen=True)
class _Candidate:
    item: FeedItem
    text: str | None = None
    meta: ArticleMeta | None = None
    status: str | None = None  # set when the item is settled before ingestion: failed, rejected
    reason: str | None = None


async def _process_items(
    db: Database,
    feed: Feed,
    items: list[FeedItem],
    fetcher: Fetcher,
    result: PollResult,
    tz: ZoneInfo | None,
    *,
    limit: int = MAX_ITEMS_PER_POLL,
    progress: Progress | None = None,
) -> None:
    known = await _known_urls(db, [i.url for i in items])
    fresh = [i for i in items if i.url not in known][:limit]
    result.new = len(fresh)
    if progress is not None:
        progress.grow(len(fresh))
    candidates = await asyncio.gather(*(_read_item(feed, item, fetcher) for item in fresh))
    rows = []
    for candidate in candidates:
        status, reason = await _settle(db, feed, candidate, result, tz)
        result.item_reasons[candidate.item.url] = f"{status}: {reason}"
        rows.append((candidate.item.url, feed.id, status, reason[:500], _iso(_now())))
        if progress is not None:
            progress.advance(feed.name)
    async with write_lock(db), db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO feed_items (url, feed_id, status, reason, seen_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET status = excluded.status, reason = excluded.reason, "
            "seen_at = excluded.seen_at",
            rows,
        )


async def _read_item(feed: Feed, item: FeedItem, fetcher: Fetcher) -> _Candidate:
    """The item's text, or why there is none; one bad item never fails its feed."""
    try:
        check_url(item.url, fetcher.policy)
        return await _read_item_text(feed, item, fetcher)
    except BlockedAddress as exc:
        return _Candidate(item, status="rejected", reason=str(exc))
    except FetchError as exc:
        return _Candidate(item, status="failed", reason=str(exc))
    except RejectedInput as exc:
        return _Candidate(item, status="rejected", reason=str(exc))
    except Exception as exc:  # a decoder or extractor choking on one page
        log.exception("%s: item %s could not be read", feed.name, item.url)
        return _Candidate(item, status="rejected", reason=f"страница не читается: {exc.__class__.__name__}: {exc}")


async def _read_item_text(feed: Feed, item: FeedItem, fetcher: Fetcher) -> _Candidate:
    """From the feed when it carries the full text, else from its page."""
    meta = ArticleMeta(
        url=item.url,
        reference_time=_now(),
        title=item.title,
        published_at=item.published_at,
        source=feed.name,
        lang=feed.lang,
    )
    if item.text:
        text = f"{item.title}\n\n{item.text}" if item.title else item.text
        return _Candidate(item, text, meta)
    page = await cpu.run(page_from_result, await fetcher.get(item.url))  # trafilatura: off the event loop
    meta = ArticleMeta(
        url=item.url,
        reference_time=meta.reference_time,
        title=page.title or item.title,
        published_at=page.published_at or item.published_at,
        source=feed.name,
        lang=feed.lang,
    )
    return _Candidate(item, article_text(page), meta)


async def _settle(
    db: Database, feed: Feed, candidate: _Candidate, result: PollResult, tz: ZoneInfo | None
) -> tuple[str, str]:
    """Relevance, then ingestion: (status, reason) for `feed_items`, counted in `result`."""
    from bot.ingest import DEFAULT_TZ, ingest_text

    url = candidate.item.url
    if candidate.status is not None:
        setattr(result, candidate.status, getattr(result, candidate.status) + 1)
        log.info("%s: %s %s: %s", feed.name, candidate.status, url, candidate.reason)
        return candidate.status, candidate.reason or ""
    assert candidate.text is not None and candidate.meta is not None
    verdict = await cpu.run(judge, candidate.text)
    if not verdict.relevant:
        result.skipped += 1
        log.info("%s: skipped %s: %s", feed.name, url, verdict.reason)
        return "skipped", verdict.reason
    try:
        async with write_lock(db):
            outcome = await ingest_text(db, candidate.text, candidate.meta, feed_id=feed.id, tz=tz or DEFAULT_TZ)
    except RejectedInput as exc:
        result.rejected += 1
        return "rejected", str(exc)
    except DATABASE_ERRORS:
        raise  # the database, not the item: the feed is retried
    except Exception as exc:  # one article the extraction chokes on: skipped, the others stored
        log.exception("%s: item %s could not be ingested", feed.name, url)
        result.rejected += 1
        return "rejected", f"не удалось разобрать: {exc.__class__.__name__}: {exc}"
    if outcome.status == "duplicate":
        result.duplicates += 1
    elif outcome.status == "rejected":
        result.rejected += 1
    elif await _is_joined(db, outcome.event_id):
        result.joined += 1
    else:
        result.stored += 1
    log.info("%s: %s %s: %s", feed.name, outcome.status, url, outcome.detail)
    return outcome.status, outcome.detail


async def _is_joined(db: Database, event_id: int | None) -> bool:
    if event_id is None:
        return False
    return int(await db.scalar("SELECT count(*) FROM articles WHERE event_id = ?", (event_id,))) > 1


async def _record_feed_outcome(
    db: Database, feed: Feed, result: PollResult, answer: FetchResult | None, started: datetime
) -> None:
    now = _iso(_now())
    async with write_lock(db), db.transaction() as conn:
        if result.ok:
            next_at = _iso(started + timedelta(minutes=feed.interval_minutes))
            await conn.execute(
                "UPDATE feeds SET error_count = 0, last_error = NULL, last_polled_at = ?, last_ok_at = ?, "
                "next_poll_at = ?, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), "
                "items_stored = items_stored + ? WHERE id = ?",
                (
                    now,
                    now,
                    next_at,
                    answer.etag if answer else None,
                    answer.last_modified if answer else None,
                    result.stored + result.joined,
                    feed.id,
                ),
            )
            return
        errors = feed.error_count + 1
        result.paused = errors >= PAUSE_AFTER_FAILURES
        wait = timedelta(minutes=next_interval_minutes(feed.interval_minutes, errors))
        if result.retry_after is not None:  # the site's own Retry-After, when longer than our back-off
            wait = max(wait, timedelta(seconds=result.retry_after))
        next_at = _iso(started + wait)
        await conn.execute(
            "UPDATE feeds SET error_count = ?, last_error = ?, last_polled_at = ?, next_poll_at = ?, "
            "paused = ? WHERE id = ?",
            (errors, (result.error or "")[:500], now, next_at, int(result.paused), feed.id),
        )
    log.warning("feed %s (%s) failed %d time(s): %s", feed.name, feed.url, errors, result.error)


async def poll_feeds(
    db: Database,
    feeds: list[Feed],
    *,
    fetcher: Fetcher | None = None,
    tz: ZoneInfo | None = None,
    on_done: Callable[[PollResult], None] | None = None,
    allow_private: bool = False,
    since: date | None = None,
    progress: Progress | None = None,
) -> list[PollResult]:
    """Poll several feeds at once (the fetcher keeps to its per-host limits)."""
    if fetcher is None:
        async with Fetcher(allow_private=allow_private) as own_fetcher:
            return await poll_feeds(
                db, feeds, fetcher=own_fetcher, tz=tz, on_done=on_done, since=since, progress=progress
            )

    async def one(feed: Feed) -> PollResult:
        result = await poll_feed(db, feed, fetcher, tz=tz, since=since, progress=progress)
        if on_done:
            on_done(result)
        return result

    return list(await asyncio.gather(*(one(f) for f in feeds)))


class Progress(Protocol):
    def grow(self, count: int) -> None: ...

    def advance(self, label: str = "") -> None: ...


class ProgressBar:
    """`[#####.....] 12/200 статей  Kazinform` on a terminal; nothing when the output is not one.

    The total can grow as feeds are listed (a first fill walks each feed before reading it).
    """

    def __init__(self, total: int = 0, unit: str = "лент", stream: TextIO = sys.stderr, width: int = 30) -> None:
        self.total, self.unit, self.stream, self.width, self.done = total, unit, stream, width, 0
        self.enabled = stream.isatty()

    def grow(self, count: int) -> None:
        self.total += count
        self._draw("")

    def advance(self, label: str = "") -> None:
        self.done += 1
        self._draw(label)

    def _draw(self, label: str) -> None:
        if not self.enabled or self.total <= 0:
            return
        filled = self.width * min(self.done, self.total) // self.total
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} {self.unit}  {label[:30]:<30}")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled and self.total > 0:
            self.stream.write("\n")
            self.stream.flush()


def summary(results: list[PollResult]) -> str:
    def total(name: str) -> int:
        return sum(int(getattr(r, name)) for r in results)

    failed = [r for r in results if not r.ok]
    lines = [
        f"Лент опрошено: {len(results)}; без изменений: {total('not_modified')}; с ошибкой: {len(failed)}",
        f"Новых ссылок: {total('new')}; сохранено новых событий: {total('stored')}; "
        f"добавлено источником к событию: {total('joined')}; дубликатов: {total('duplicates')}; "
        f"не о внешней политике: {total('skipped')}; без текста статьи: {total('rejected')}; "
        f"не загрузилось: {total('failed')}",
    ]
    for r in failed:
        paused = " — лента приостановлена" if r.paused else ""
        lines.append(f"  ошибка: {r.feed.name} ({r.feed.url}): {r.error}{paused}")
    return "\n".join(lines)


async def fetch_all_once(
    settings: Settings,
    *,
    fetcher: Fetcher | None = None,
    out: TextIO | None = None,
    since: timedelta | None = None,
    show_skipped: bool = False,
    progress_stream: TextIO | None = None,
) -> int:
    """`newsbot fetch`: poll every active feed once; 0 unless the feeds file is broken (2) or all failed (1).

    `since` (`--since 7d`) is a first fill: every feed and listing is walked back that far, with
    a progress bar of the articles read; `show_skipped` lists what was left out and why.
    """
    out = out or sys.stdout
    try:
        configs = load_feeds(settings.feeds_path, allow_private=settings.fetch_allow_private)
    except FeedsFileError as exc:
        print(f"Файл лент не годится: {exc}", file=sys.stderr)
        return 2
    stream = progress_stream or sys.stderr
    db = await Database.open(settings.database_target)
    try:
        await sync_feeds(db, configs)
        feeds = await active_feeds(db)
        if since is None:
            bar = ProgressBar(len(feeds), "лент", stream)
            results = await poll_feeds(
                db, feeds, fetcher=fetcher, tz=settings.tz, on_done=lambda r: bar.advance(r.feed.name),
                allow_private=settings.fetch_allow_private,
            )
        else:
            bar = ProgressBar(0, "статей", stream)
            first_day = (datetime.now(settings.tz) - since).date()
            results = await poll_feeds(
                db, feeds, fetcher=fetcher, tz=settings.tz, since=first_day, progress=bar,
                allow_private=settings.fetch_allow_private,
            )
        bar.finish()
    finally:
        await db.close()
    print(summary(results), file=out)
    if show_skipped:
        print(skipped_report(results), file=out)
    return 1 if results and all(not r.ok for r in results) else 0


def skipped_report(results: list[PollResult]) -> str:
    """What this poll left out as not about foreign policy, with the reason and how to take it after all."""
    lines = [
        f"  {r.feed.name}: {url}\n    {reason.removeprefix('skipped: ')}"
        for r in results
        for url, reason in r.item_reasons.items()
        if reason.startswith("skipped:")
    ]
    if not lines:
        return "Пропущенных статей нет."
    return "\n".join(
        [f"Пропущено как не о внешней политике ({len(lines)}); сохранить вручную: newsbot ingest URL", *lines]
    )


class FeedPolling:
    """The running bot's job: every minute, poll the feeds that are due."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db, self.settings = db, settings
        self.synced = False

    async def run_due(self) -> list[PollResult]:
        if not self.synced:
            try:
                await sync_feeds(
                    self.db, load_feeds(self.settings.feeds_path, allow_private=self.settings.fetch_allow_private)
                )
            except FeedsFileError as exc:
                log.error("feeds file not used: %s", exc)
            self.synced = True
        feeds = await due_feeds(self.db, _iso(_now()))
        if not feeds:
            return []
        results = await poll_feeds(
            self.db, feeds, tz=self.settings.tz, allow_private=self.settings.fetch_allow_private
        )
        log.info("feed polling: %s", summary(results).replace("\n", " | "))
        return results


def schedule_feed_polling(scheduler: Any, db: Database, settings: Settings) -> FeedPolling:
    """Add the feed-polling job to an APScheduler AsyncIOScheduler (checks due feeds every minute)."""
    polling = FeedPolling(db, settings)
    scheduler.add_job(
        polling.run_due,
        "interval",
        seconds=CHECK_DUE_EVERY_SECONDS,
        id="feed-polling",
        replace_existing=True,
        max_instances=1,
        coalesce=True,
        next_run_time=datetime.now(UTC) + timedelta(seconds=5),
    )
    return polling
