"""The bot's queries, shared by Telegram handlers and the command line."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

from bot.news.matcher import Query, Term, best_sentence, highlight, mentions_any, parse_query
from bot.news.orgs import Org, load_catalog
from bot.news.people import surname_forms
from bot.news.periods import BadPeriod, Period, split_period  # noqa: F401 (BadPeriod: callers catch it here)
from storage import queries
from storage.db import Database
from storage.queries import EventView, OrgRef, PersonRef, StatementView

T = TypeVar("T")
MAX_PAGE = 20
MAX_FAMILY = 300
SEARCH_CANDIDATES = 300  # the newest index rows that contain the stems; bounds the cost of common words


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    offset: int
    limit: int
    has_more: bool


def clamp_limit(limit: int) -> int:
    return max(1, min(limit, MAX_PAGE))


def _page(items: list[T], offset: int, limit: int) -> Page[T]:
    """`items` holds up to limit + 1 rows: the extra one only says there is more."""
    return Page(items[:limit], offset, limit, len(items) > limit)


async def latest(db: Database, limit: int = 5, offset: int = 0) -> Page[EventView]:
    limit = clamp_limit(limit)
    ids = await queries.latest_event_ids(db, limit + 1, max(offset, 0))
    return _page(await queries.load_events(db, ids), offset, limit)


@dataclass(frozen=True)
class OrgResult:
    query: str
    org: Org | None
    suggestions: list[Org]
    page: Page[EventView]
    period: Period | None = None


async def org_events(db: Database, name: str, limit: int = 5, offset: int = 0) -> OrgResult:
    """Events an organisation or its sub-bodies take part in (`ОБСЕ 2024`: in a period); for an
    unknown name, the closest known ones. Raises BadPeriod for a period that names no real date."""
    limit = clamp_limit(limit)
    catalog = load_catalog()
    org, period = catalog.resolve(name), None
    if org is None:
        rest, period = split_period(name)
        org = catalog.resolve(rest) if period else None
        if org is None:
            return OrgResult(name, None, catalog.suggest(rest), Page([], offset, limit, False), period)
    org_ids = sorted(catalog.descendants(org.id))
    bounds = period.bounds() if period else ("", "\U0010ffff")
    ids = await queries.org_event_ids(db, org_ids, limit + 1, max(offset, 0), bounds)
    return OrgResult(name, org, [], _page(await queries.load_events(db, ids), offset, limit), period)


async def top_organizations(db: Database, n: int = 8) -> list[tuple[OrgRef, int]]:
    return await queries.top_organizations(db, n)


@dataclass(frozen=True)
class PersonResult:
    query: str
    people: list[PersonRef]
    page: Page[StatementView]
    period: Period | None = None


async def person_statements(db: Database, name: str, limit: int = 5, offset: int = 0) -> PersonResult:
    """The latest statements of the people whose surname matches `name` in any case form, script or
    common transliteration (`Токаева`, `Tokayev`, `Тоқаев`); `Токаев март 2025`: in a period.
    Raises BadPeriod for a period that names no real date."""
    limit = clamp_limit(limit)
    rest, period = split_period(name)
    people = await queries.people_by_surnames(db, sorted(surname_forms(rest)))
    bounds = period.bounds() if period else ("", "\U0010ffff")
    ids = await queries.person_statement_ids(db, [p.id for p in people], limit + 1, max(offset, 0), bounds)
    return PersonResult(name, people, _page(await queries.statements_by_ids(db, ids), offset, limit), period)


async def recently_quoted_people(db: Database, n: int = 8) -> list[str]:
    return await queries.recently_quoted_people(db, n)


@dataclass(frozen=True)
class Snippet:
    """What matched: a statement (with its speaker) or a sentence of an article, and the character
    spans of the matched word forms in it."""

    text: str
    spans: tuple[tuple[int, int], ...]
    speaker: str | None = None  # None: a sentence of the article text
    direct_quote: bool = False


@dataclass(frozen=True)
class SearchHit:
    event: EventView
    statements: list[StatementView] = field(default_factory=list)  # the statements that matched
    score: float = 0.0
    snippets: list[Snippet] = field(default_factory=list)  # what to show: matched statements, else a sentence


@dataclass(frozen=True)
class SearchResult:
    query: Query
    page: Page[SearchHit]
    period: Period | None = None


SNIPPETS_PER_HIT = 2


async def search(db: Database, text: str, limit: int = 5, offset: int = 0) -> SearchResult:
    """Events with every word of the query in any form (and in its translations), newest first.
    Phrases must stand in one text; an excluded word anywhere in the event (any source, any
    statement) drops the whole event. A trailing period (`с 01.01.2025`, `2024`) narrows it.
    Raises BadPeriod for a period that names no real date."""
    limit = clamp_limit(limit)
    rest, period = split_period(text)
    query = parse_query(rest)
    empty = SearchResult(query, Page([], offset, limit, False), period)
    if query.is_empty:
        return empty
    families = {t: await word_family(db, t) for t in query.all_positive_terms()}
    if not all(families.values()):
        return empty
    rows = await queries.search_candidates(
        db, query.token_groups(families), SEARCH_CANDIDATES, with_lemmas=bool(query.phrases),
        period=period.bounds() if period else None,
    )  # fmt: skip
    in_one_text = replace(query, excluded=())
    hits: dict[int, list[int]] = {}  # event id → matching statement ids
    for row in rows:
        if query.phrases and not in_one_text.matches(row.lemmas):
            continue
        ids = hits.setdefault(row.event_id, [])
        if row.statement_id is not None:
            ids.append(row.statement_id)
    keys = await queries.event_sort_keys(db, list(hits))
    ranked = sorted(keys, key=lambda i: (keys[i], i), reverse=True)
    if query.excluded:
        ranked = await _without_excluded(db, query, ranked, max(offset, 0) + limit + 1)
    window = ranked[max(offset, 0) : max(offset, 0) + limit + 1]
    events = await queries.load_events(db, window)
    shown_ids = [sid for event_id in window for sid in sorted(hits[event_id])[:SNIPPETS_PER_HIT]]
    matched: dict[int, list[StatementView]] = defaultdict(list)
    for st in await queries.statements_by_ids(db, shown_ids):
        matched[st.event_id].append(st)
    texts = await queries.article_texts(db, [e.id for e in events if not matched[e.id]])
    found = [
        SearchHit(event, matched[event.id], snippets=snippets_of(query, matched[event.id], texts.get(event.id, [])))
        for event in events
    ]
    return SearchResult(query, _page(found, offset, limit), period)


EXCLUSION_CHUNK = 20


async def _without_excluded(db: Database, query: Query, ranked: list[int], needed: int) -> list[int]:
    """The ranked events none of whose sources (title and text) has an excluded word; newest first,
    checked a few at a time until `needed` are kept."""
    kept: list[int] = []
    for start in range(0, len(ranked), EXCLUSION_CHUNK):
        chunk = ranked[start : start + EXCLUSION_CHUNK]
        texts = await queries.article_texts(db, chunk, with_titles=True)
        kept += [e for e in chunk if not any(mentions_any(query.excluded, body) for body in texts.get(e, []))]
        if len(kept) >= needed:
            break
    return kept


def snippets_of(query: Query, statements: list[StatementView], article_texts: list[str]) -> list[Snippet]:
    """The matched statements with their word forms marked; with none, the best sentence of the text."""
    if statements:
        return [Snippet(st.text, tuple(highlight(query, st.text)), st.speaker, st.direct_quote) for st in statements]
    from bot.news import sentences_of

    for body in article_texts:
        sentences = [s for paragraph in body.split("\n\n") for s in sentences_of(paragraph)]
        best = best_sentence(query, sentences)
        if best is not None:
            return [Snippet(best[0], tuple(best[1]))]
    return []


async def word_family(db: Database, term: Term) -> list[str]:
    """The index's tokens that belong to the word's family (`вода` → вода, водный, водопользование)
    and to its translations' (water, waters)."""
    tokens: list[str] = []
    for v in term.variants():
        tokens += [t for t in await queries.terms_with_prefix(db, v.stem, MAX_FAMILY) if v.matches_own(t)]
    return list(dict.fromkeys(tokens))




MAX_EVENT_STATEMENTS = 300  # bounds one event's page; a real event has a few dozen at most


@dataclass(frozen=True)
class EventDetail:
    event: EventView  # with every organisation (participants and mentions) and every source
    statements: list[StatementView]  # every statement, source by source, in text order


async def event_detail(db: Database, event_id: int) -> EventDetail | None:
    """One event in full (`/event N`, «Подробнее», `newsbot event N`); None when there is no such event."""
    events = await queries.load_events(db, [event_id])
    if not events:
        return None
    return EventDetail(events[0], await queries.event_statements(db, event_id, MAX_EVENT_STATEMENTS))
