"""The bot's queries, shared by Telegram handlers and the command line."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

from bot.news.matcher import Query, Term, parse_query
from bot.news.orgs import Org, load_catalog
from bot.news.people import surname_forms
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


async def org_events(db: Database, name: str, limit: int = 5, offset: int = 0) -> OrgResult:
    """Events of an organisation and its sub-bodies; for an unknown name, the closest known ones."""
    limit = clamp_limit(limit)
    catalog = load_catalog()
    org = catalog.resolve(name)
    if org is None:
        return OrgResult(name, None, catalog.suggest(name), Page([], offset, limit, False))
    org_ids = sorted(catalog.descendants(org.id))
    ids = await queries.org_event_ids(db, org_ids, limit + 1, max(offset, 0))
    return OrgResult(name, org, [], _page(await queries.load_events(db, ids), offset, limit))


async def top_organizations(db: Database, n: int = 8) -> list[tuple[OrgRef, int]]:
    return await queries.top_organizations(db, n)


@dataclass(frozen=True)
class PersonResult:
    query: str
    people: list[PersonRef]
    page: Page[StatementView]


async def person_statements(db: Database, name: str, limit: int = 5, offset: int = 0) -> PersonResult:
    """The latest statements of the people whose surname matches `name` in any case form."""
    limit = clamp_limit(limit)
    people = await queries.people_by_surnames(db, sorted(surname_forms(name)))
    ids = await queries.person_statement_ids(db, [p.id for p in people], limit + 1, max(offset, 0))
    return PersonResult(name, people, _page(await queries.statements_by_ids(db, ids), offset, limit))


async def recently_quoted_people(db: Database, n: int = 8) -> list[str]:
    return await queries.recently_quoted_people(db, n)


@dataclass(frozen=True)
class SearchHit:
    event: EventView
    statements: list[StatementView] = field(default_factory=list)  # the statements that matched
    score: float = 0.0


@dataclass(frozen=True)
class SearchResult:
    query: Query
    page: Page[SearchHit]


async def search(db: Database, text: str, limit: int = 5, offset: int = 0) -> SearchResult:
    """Events and statements with every word of the query in any form, by relevance and recency."""
    limit = clamp_limit(limit)
    query = parse_query(text)
    if query.is_empty:
        return SearchResult(query, Page([], offset, limit, False))
    families = {t: await word_family(db, t) for t in query.all_positive_terms()}
    if not all(families.values()):
        return SearchResult(query, Page([], offset, limit, False))
    rows = await queries.search_candidates(
        db, query.fts_expression(families), SEARCH_CANDIDATES, with_lemmas=query.needs_lemma_check
    )
    hits: dict[int, list[int]] = defaultdict(list)  # event id → matching statement ids
    relevance: dict[int, float] = defaultdict(float)
    for row in rows:
        if query.needs_lemma_check and not query.matches(row.lemmas):
            continue
        if row.statement_id is not None:
            hits[row.event_id].append(row.statement_id)
            relevance[row.event_id] += 1.0
        else:
            hits.setdefault(row.event_id, [])
            relevance[row.event_id] += 0.5
    keys = await queries.event_sort_keys(db, list(hits))
    ranked = sorted(keys, key=lambda i: (_score(relevance[i], keys[i]), keys[i]), reverse=True)
    window = ranked[max(offset, 0) : max(offset, 0) + limit + 1]
    shown_ids = [sid for event_id in window for sid in sorted(hits[event_id])[:3]]
    matched: dict[int, list[StatementView]] = defaultdict(list)
    for st in await queries.statements_by_ids(db, shown_ids):
        matched[st.event_id].append(st)
    found = [
        SearchHit(event, matched[event.id], _score(relevance[event.id], event.sort_key))
        for event in await queries.load_events(db, window)
    ]
    return SearchResult(query, _page(found, offset, limit))


async def word_family(db: Database, term: Term) -> list[str]:
    """The index's tokens that belong to the word's family (`вода` → вода, водный, водопользование)
    and to its translations' (water, waters)."""
    tokens: list[str] = []
    for v in term.variants():
        tokens += [t for t in await queries.terms_with_prefix(db, v.stem, MAX_FAMILY) if v.matches_own(t)]
    return list(dict.fromkeys(tokens))


def _score(relevance: float, sort_key: str) -> float:
    """More matching statements rank higher; a month of age halves the score."""
    try:
        age_days = max((datetime.now() - datetime.fromisoformat(sort_key)).days, 0)
    except ValueError:
        age_days = 0
    return math.log1p(min(relevance, 10.0)) * 0.5 ** (age_days / 30)
