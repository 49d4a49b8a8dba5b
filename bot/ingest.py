"""Ingesting articles: read, parse, store, one transaction per article."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from bot import cpu
from bot.alerts import AlertPrep, queue_alerts
from bot.news.dedupe import signature_of
from bot.news.models import ArticleMeta, ParsedArticle
from bot.news.textio import RejectedInput, article_problem, decode_article
from storage import articles as repo
from storage.alerts import any_subscription
from storage.db import Database, now_iso
from storage.events import find_or_create_event

Status = Literal["stored", "duplicate", "rejected"]
DEFAULT_TZ = ZoneInfo("Asia/Almaty")


@dataclass(frozen=True)
class IngestOutcome:
    name: str  # the path or url as given
    status: Status
    detail: str  # what happened, in Russian
    event_id: int | None = None
    article_id: int | None = None


@dataclass(frozen=True)
class InputItem:
    name: str
    path: Path | None = None
    url: str | None = None
    problem: str | None = None  # set when the input can't be read at all


def expand_inputs(inputs: Iterable[str]) -> list[InputItem]:
    """Files stay files, folders give their files (sorted, hidden ones skipped), URLs stay URLs."""
    items: list[InputItem] = []
    for raw in inputs:
        if re.match(r"^https?://", raw, re.IGNORECASE):
            items.append(InputItem(name=raw, url=raw))
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and not any(x.startswith(".") for x in p.parts)
            )
            if not files:
                items.append(InputItem(name=raw, problem="пустая папка: статей нет"))
            items.extend(InputItem(name=str(p), path=p) for p in files)
        elif path.is_file():
            items.append(InputItem(name=raw, path=path))
        elif path.exists():
            items.append(InputItem(name=raw, problem="не обычный файл"))
        else:
            items.append(InputItem(name=raw, problem="файл или папка не существует"))
    return items


def file_url(path: Path) -> str:
    return "file://" + str(path.resolve())


def content_hash(text: str) -> str:
    normalized = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def sort_key(published_at: str | None, fetched_at: datetime, tz: ZoneInfo = DEFAULT_TZ) -> str:
    """Orders events newest first: the publication time in local time, else the ingestion time."""
    if published_at:
        try:
            moment = datetime.fromisoformat(published_at)
        except ValueError:
            moment = None
        if moment is not None and "T" in published_at:
            if moment.tzinfo is not None:
                moment = moment.astimezone(tz)
            return moment.strftime("%Y-%m-%dT%H:%M")
        if moment is not None:
            return moment.strftime("%Y-%m-%dT00:00")
    return fetched_at.astimezone(tz).strftime("%Y-%m-%dT%H:%M")


def read_file(path: Path) -> tuple[str, ArticleMeta]:
    """The decoded text and what the file itself tells (url, modification time)."""
    try:
        size = path.stat().st_size
        if size > 4 * 1024 * 1024 * 1024:
            raise RejectedInput("слишком большой файл")
        with path.open("rb") as fh:
            data = fh.read(8 * 1024 * 1024 + 1)  # more than the limit: decode_article says it's too big
    except OSError as exc:
        raise RejectedInput(f"не удалось прочитать файл: {exc.strerror or exc}") from exc
    text = decode_article(data)
    mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return text, ArticleMeta(url=file_url(path), path=str(path), reference_time=mtime)


async def store_parsed(
    db: Database,
    parsed: ParsedArticle,
    url: str,
    text_hash: str,
    *,
    feed_id: int | None = None,
    tz: ZoneInfo = DEFAULT_TZ,
    join_events: bool = True,
) -> IngestOutcome | repo.StoredArticle:
    """Store one parsed article and everything it carries in one transaction.
    With `join_events`, an article that reports an event already stored becomes its source.

    What does not depend on the database (the event signature, the alert keys when some chat
    subscribes) is worked out before the transaction opens; inside it, each table gets its rows
    in one call."""
    fetched = datetime.now(UTC)
    now = now_iso()
    key = sort_key(parsed.published_at, fetched, tz)
    signature = signature_of(parsed) if join_events else None
    alerts = AlertPrep.of(parsed) if await any_subscription(db) else None
    texts = [" ".join(st.lemmas) for st in parsed.statements]
    async with db.transaction() as conn:
        duplicate_of = await repo.find_duplicate(conn, url, text_hash)
        if duplicate_of is not None:
            detail = "уже сохранена" if duplicate_of == url else f"тот же текст уже сохранён: {duplicate_of}"
            return IngestOutcome(name=url, status="duplicate", detail=detail)
        if join_events:
            # Rows filed under the event sort with it, whichever of its sources brought them.
            event_id, is_new_event, key = await find_or_create_event(conn, parsed, key, now, signature)
        else:
            event_id, is_new_event = await repo.create_event(conn, parsed, key, now), True
        article_id = await repo.insert_article(conn, parsed, url, text_hash, event_id, now, feed_id)
        await repo.link_organizations(conn, parsed, event_id, key)
        person_ids = await repo.store_people(conn, parsed, article_id, now)
        statement_id, row_id = await repo.next_ids(conn)
        statement_ids = await repo.insert_statements(
            conn, parsed, article_id=article_id, event_id=event_id, person_ids=person_ids, sort_key=key,
            first_id=statement_id,
        )  # fmt: skip
        article_text = " ".join(parsed.title_lemmas + parsed.body_lemmas)
        await repo.index_texts(conn, event_id, [*zip(statement_ids, texts, strict=True), (None, article_text)], row_id)
        await queue_alerts(conn, event_id, parsed, url, alerts)
        return repo.StoredArticle(article_id, event_id, is_new_event, statement_ids)


async def ingest_text(
    db: Database, text: str, meta: ArticleMeta, *, feed_id: int | None = None, tz: ZoneInfo = DEFAULT_TZ
) -> IngestOutcome:
    """Parse and store one article whose text is already decoded."""
    url = meta.url or ""
    name = meta.path or url
    text_hash = content_hash(text)
    duplicate_of = await repo.find_duplicate(db, url, text_hash)  # skips reading a known text again
    if duplicate_of is not None:
        detail = "уже сохранена" if duplicate_of == url else f"тот же текст уже сохранён: {duplicate_of}"
        return IngestOutcome(name=name, status="duplicate", detail=detail)
    problem = await cpu.run(article_problem, text)  # fetched texts have not been through decode_article
    if problem:
        return IngestOutcome(name=name, status="rejected", detail=f"не похоже на статью: {problem}")
    try:
        parsed = await cpu.parse_article(text, meta)  # in the worker process when the bot runs one
    except RejectedInput as exc:
        return IngestOutcome(name=name, status="rejected", detail=str(exc))
    result = await store_parsed(db, parsed, url, text_hash, feed_id=feed_id, tz=tz)
    if isinstance(result, IngestOutcome):
        return IngestOutcome(name=name, status=result.status, detail=result.detail)
    orgs = ", ".join(o.name for o in parsed.organizations) or "организаций нет"
    detail = f"событие #{result.event_id}; {orgs}; заявлений: {len(result.statement_ids)}"
    return IngestOutcome(name, "stored", detail, result.event_id, result.article_id)


async def ingest_item(
    db: Database, item: InputItem, tz: ZoneInfo = DEFAULT_TZ, *, allow_private: bool = False
) -> IngestOutcome:
    if item.problem:
        return IngestOutcome(name=item.name, status="rejected", detail=item.problem)
    try:
        if item.url is not None:
            from bot.sources.pages import fetch_article_text  # network only when a URL is given

            text, meta = await fetch_article_text(item.url, allow_private=allow_private)
        else:
            assert item.path is not None
            text, meta = read_file(item.path)
    except RejectedInput as exc:
        return IngestOutcome(name=item.name, status="rejected", detail=str(exc))
    outcome = await ingest_text(db, text, meta, tz=tz)
    return IngestOutcome(item.name, outcome.status, outcome.detail, outcome.event_id, outcome.article_id)


async def ingest_inputs(
    db: Database,
    inputs: Iterable[str],
    *,
    tz: ZoneInfo = DEFAULT_TZ,
    on_progress: Callable[[int, int, IngestOutcome], None] | None = None,
    allow_private: bool = False,
) -> list[IngestOutcome]:
    items = expand_inputs(inputs)
    outcomes = []
    for done, item in enumerate(items, start=1):
        outcome = await ingest_item(db, item, tz, allow_private=allow_private)
        outcomes.append(outcome)
        if on_progress:
            on_progress(done, len(items), outcome)
    return outcomes
