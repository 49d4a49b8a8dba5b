"""Keyword, organisation and person alerts: what a subscription is filed under, what a new
article offers, which subscriptions it really matches, and the alert queued in the outbox.

The exact decision is always `bot.news.matcher` (the same as /search); the inverted index in
storage/alerts.py only narrows the subscriptions down to those whose every term was hit.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

import aiosqlite

from bot import rendering
from bot.news.matcher import Query, Term, parse_query
from bot.news.models import ParsedArticle, Statement
from bot.news.orgs import load_catalog
from bot.news.people import surname_forms, surname_of
from storage import alerts as repo
from storage import outbox, queries
from storage.alerts import AlertQuery, NewSubscription
from storage.db import Database
from storage.queries import SourceRef

MAX_NAMED_SUBSCRIPTIONS = 3


# --- what a subscription is filed under -------------------------------------------------------


def term_keys(term: Term) -> set[str]:
    """A term matches a lemma equal to its lemma or starting with its stem: both are keys."""
    return {term.stem, term.lemma}


def words_subscription(text: str) -> NewSubscription | None:
    """`вода "водных ресурсов" -Афганистан` → one term per positive word; None when it has none."""
    query = parse_query(text)
    if query.is_empty:
        return None
    terms = [term_keys(t) for t in dict.fromkeys(query.all_positive_terms())]
    return NewSubscription(query=query.text, kind="words", target=None, terms=terms, compiled=query.to_json())


def org_subscription(org_id: str, name: str) -> NewSubscription:
    """An organisation and its sub-bodies (ООН → РЦПДЦА, ЮНЕСКО …)."""
    keys = {f"org:{oid}" for oid in load_catalog().descendants(org_id)}
    return NewSubscription(query=name, kind="org", target=org_id, terms=[keys])


def person_subscription(surname: str, name: str) -> NewSubscription:
    return NewSubscription(query=name, kind="person", target=surname, terms=[{f"person:{surname}"}])


async def plan_subscription(db: Database, text: str) -> NewSubscription | None:
    """What `/subscribe TEXT` means: an organisation by any of its names (`ОБСЕ`, `OSCE`), a known
    person by surname in any form (`Токаеву`), else words; None when there is nothing to match."""
    text = " ".join(text.split())
    plain = '"' not in text and not any(w.startswith("-") for w in text.split())
    if plain:
        org = load_catalog().resolve(text)
        if org is not None:
            return org_subscription(org.id, org.name)
    if plain and len(text.split()) == 1:
        people = await queries.people_by_surnames(db, sorted(surname_forms(text)))
        if people:
            return person_subscription(surname_of(people[0].name), people[0].name)
    new = words_subscription(text.lower())
    return None if new is None else NewSubscription(text.lower(), new.kind, new.target, new.terms, new.compiled)


# --- what an article offers -----------------------------------------------------------------


def lemma_keys(lemmas: Iterable[str]) -> set[str]:
    """Every prefix of every lemma (and of each part of a hyphenated one): a term's stem or
    lemma is among them exactly when the term may match that lemma."""
    keys: set[str] = set()
    for lem in set(lemmas):
        for word in {lem, *lem.split("-")}:
            keys.update(word[:n] for n in range(1, len(word) + 1))
    return keys


def article_keys(parsed: ParsedArticle) -> set[str]:
    keys = lemma_keys(parsed.title_lemmas)
    keys |= lemma_keys(parsed.body_lemmas)
    for st in parsed.statements:
        keys |= lemma_keys(st.lemmas)
        keys.add(f"person:{surname_of(st.speaker)}")
    keys |= {f"org:{o.id}" for o in parsed.organizations}
    keys |= {f"org:{oid}" for st in parsed.statements for oid in st.organizations}
    return keys


# --- what really matches ----------------------------------------------------------------------


class Hit(NamedTuple):  # thousands per article: a tuple is the cheapest to make
    query: str  # the subscription, as the chat typed it
    statement: Statement | None  # the statement to show; None when only the article text matched


@lru_cache(maxsize=200_000)
def cached_query(text: str, compiled: str | None) -> Query:
    """The stored parsed query (no morphology needed), or the text parsed anew."""
    return parse_query(text) if compiled is None else Query.from_json(compiled)


class TextLemmas:
    """One text's lemmas, sorted: the matcher then looks only at the lemmas a query's words may
    match (the rest cannot change its answer), which matters with thousands of queries."""

    def __init__(self, lemmas: list[str]) -> None:
        self.lemmas = lemmas
        self.distinct = sorted(set(lemmas))

    def starting_with(self, prefix: str) -> list[str]:
        start = bisect_left(self.distinct, prefix)
        end = bisect_left(self.distinct, prefix + "\U0010ffff", start)
        return self.distinct[start:end]

    def relevant_to(self, query: Query) -> list[str]:
        """The lemmas the query's words and excluded words may match; all of them for phrases."""
        if query.phrases:
            return self.lemmas
        found: list[str] = []
        for term in (*query.terms, *query.excluded):
            found += self.starting_with(term.stem)
            if not term.lemma.startswith(term.stem):
                found += self.starting_with(term.lemma)[:1]  # the lemma itself, when the text has it
        return found

    def matches(self, query: Query) -> bool:
        return query.matches(self.relevant_to(query))


@dataclass
class PreparedArticle:
    parsed: ParsedArticle
    statements: list[TextLemmas]
    body: TextLemmas
    speakers: list[str]  # surname of each statement's speaker
    orgs: set[str]

    @classmethod
    def of(cls, parsed: ParsedArticle) -> PreparedArticle:
        return cls(
            parsed=parsed,
            statements=[TextLemmas(st.lemmas) for st in parsed.statements],
            body=TextLemmas(parsed.title_lemmas + parsed.body_lemmas),
            speakers=[surname_of(st.speaker) for st in parsed.statements],
            orgs={o.id for o in parsed.organizations} | {oid for st in parsed.statements for oid in st.organizations},
        )


@dataclass(frozen=True)
class Match:
    """The article really matches a query: the statement to show, None when only its text matched."""

    statement: Statement | None


def find_match(query: AlertQuery, article: ParsedArticle | PreparedArticle) -> Match | None:
    """Whether the article really matches the query, and which statement to show."""
    prepared = article if isinstance(article, PreparedArticle) else PreparedArticle.of(article)
    statements = prepared.parsed.statements
    if query.kind == "words":
        words = cached_query(query.text, query.compiled)
        for st, text in zip(statements, prepared.statements, strict=True):
            if text.matches(words):
                return Match(st)
        return Match(None) if prepared.body.matches(words) else None
    if query.kind == "org":
        wanted = load_catalog().descendants(query.text)
        if not wanted & prepared.orgs:
            return None
        about = [st for st in statements if wanted & set(st.organizations)] or statements
        return Match(about[0] if about else None)
    if query.kind == "person":
        spoken = [st for st, surname in zip(statements, prepared.speakers, strict=True) if surname == query.text]
        return Match(spoken[0]) if spoken else None
    return None


def match_queries(queries: Sequence[AlertQuery], parsed: ParsedArticle) -> dict[int, Match]:
    """The queries the article really matches, by query id."""
    prepared = PreparedArticle.of(parsed)
    matched: dict[int, Match] = {}
    for query in queries:
        found = find_match(query, prepared)
        if found is not None:
            matched[query.id] = found
    return matched


async def match_article(conn: aiosqlite.Connection, parsed: ParsedArticle) -> dict[int, list[Hit]]:
    """Real hits per chat id: each distinct query is checked once, however many chats ask it."""
    matched = match_queries(await repo.candidate_queries(conn, article_keys(parsed)), parsed)
    return {
        chat_id: [Hit(shown, matched[query_id].statement) for _, _, shown, query_id in subs]
        for chat_id, subs in groupby(await repo.subscribers(conn, matched), key=itemgetter(0))
    }


# --- the alert --------------------------------------------------------------------------------


def alert_key(chat_id: int, event_id: int) -> str:
    return f"alert:{chat_id}:{event_id}"


def render_alert(hits: Sequence[Hit], parsed: ParsedArticle, url: str, bodies: dict[int, str] | None = None) -> str:
    """Which subscriptions, the title, date · place · organisations, the statement, the source.
    `bodies` caches the part after the first line, which chats alerted by one statement share."""
    names = [f"«{rendering.escape(h.query)}»" for h in hits[:MAX_NAMED_SUBSCRIPTIONS]]
    more = f" и ещё {len(hits) - MAX_NAMED_SUBSCRIPTIONS}" if len(hits) > MAX_NAMED_SUBSCRIPTIONS else ""
    statement = next((h.statement for h in hits if h.statement is not None), None)
    if statement is None and parsed.statements:
        statement = parsed.statements[0]
    bodies = {} if bodies is None else bodies
    key = id(statement)
    if key not in bodies:
        bodies[key] = alert_body(parsed, statement, url)
    text = f"🔔 По подписке {', '.join(names)}{more}\n{bodies[key]}"
    return text if len(text) <= rendering.SAFE_LIMIT else rendering.split_message([text])[0]


def alert_body(parsed: ParsedArticle, statement: Statement | None, url: str) -> str:
    lines = []
    if parsed.title:
        lines.append(f"<b>{rendering.escape(rendering.shorten(parsed.title, rendering.TITLE_CHARS))}</b>")
    orgs = ", ".join(o.name for o in parsed.organizations[:6])
    meta = " · ".join(x for x in (rendering.russian_date(parsed.published_at), parsed.location or "", orgs) if x)
    if meta:
        lines.append(rendering.escape(meta))
    if statement is not None:
        lines.append(statement_text(statement))
    lines.append("Источник: " + rendering.source_link(SourceRef(parsed.source or "", url)))
    return "\n".join(lines)


def statement_text(st: Statement) -> str:
    speaker = f"<b>{rendering.escape(st.speaker)}</b>"
    if st.role:
        speaker += f", {rendering.escape(rendering.shorten(st.role, 80))}"
    text = rendering.escape(rendering.shorten(st.text, rendering.STATEMENT_CHARS))
    return f"— {speaker}: «{text}»" if st.direct_quote else f"— {speaker}: {text}"


async def queue_alerts(conn: aiosqlite.Connection, event_id: int, parsed: ParsedArticle, url: str) -> int:
    """Queue one alert per chat whose subscriptions the article matches, inside the ingest
    transaction. A chat alerted about this event before (another source, a re-ingest) gets none.
    Returns the number of alerts queued."""
    return await queue_hits(conn, event_id, parsed, url, await match_article(conn, parsed))


async def queue_hits(
    conn: aiosqlite.Connection, event_id: int, parsed: ParsedArticle, url: str, hits_by_chat: dict[int, list[Hit]]
) -> int:
    """The alerts of `match_article`'s hits, rendered and put in the outbox."""
    bodies: dict[int, str] = {}
    messages = [
        (chat_id, alert_key(chat_id, event_id), render_alert(hits, parsed, url, bodies))
        for chat_id, hits in hits_by_chat.items()
    ]
    return await outbox.enqueue_many(conn, "alert", messages)
