"""Keyword, organisation and person alerts: what a subscription is filed under, what a new
article offers, which subscriptions it really matches, and the alert queued in the outbox.

The exact decision is always `bot.news.matcher` (the same as /search); the inverted index in
storage/alerts.py only narrows the subscriptions down to those whose every term was hit.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bot import rendering
from bot.news.matcher import Query, Term, load_family_rules, parse_query
from bot.news.models import ParsedArticle, Statement
from bot.news.morph import MAX_WORD_CHARS
from bot.news.orgs import load_catalog
from bot.news.people import surname_forms, surname_of
from bot.news.translit import LATIN_RE, latin_spellings
from storage import alerts as repo
from storage import outbox, queries
from storage.alerts import AlertQuery, NewSubscription, Subscriber
from storage.db import Connection, Database
from storage.queries import SourceRef

MAX_NAMED_SUBSCRIPTIONS = 3


# --- what a subscription is filed under -------------------------------------------------------


def term_keys(term: Term) -> set[str]:
    """A term matches a lemma equal to its lemma or starting with its stem (its own, or a
    translation's): all are keys."""
    return {key for v in term.variants() for key in (v.stem, v.lemma)}


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


@lru_cache(maxsize=4096)
def surname_spellings(surname: str) -> frozenset[str]:
    """The surname and its Latin spellings: English articles write `Tokayev`, `Tokaev`."""
    return frozenset({surname} if LATIN_RE.search(surname) else {surname, *latin_spellings(surname)})


def person_subscription(surname: str, name: str) -> NewSubscription:
    keys = {f"person:{s}" for s in surname_spellings(surname)}
    return NewSubscription(query=name, kind="person", target=surname, terms=[keys])


async def plan_subscription(db: Database, text: str) -> NewSubscription | None:
    """What `/subscribe TEXT` means: an organisation by any of its names (`ОБСЕ`, `OSCE`), a known
    person by surname in any form (`Токаеву`), else words; None when there is nothing to match."""
    text = " ".join(text.split())
    plain = '"' not in text and not any(w.startswith("-") for w in text.split())
    if plain:
        org = load_catalog().resolve(text)
        if org is not None:
            return org_subscription(org.id, org.name)
    name_like = len(text.split()) == 1 or (len(text.split()) <= 3 and all(w[:1].isupper() for w in text.split()))
    if plain and name_like:  # `Токаев`, `tokayev`, `Kassym-Jomart Tokayev`; not `климат Токаев`
        people = await queries.people_by_surnames(db, sorted(surname_forms(text)))
        if people:
            return person_subscription(surname_of(people[0].name), people[0].name)
    new = words_subscription(text.lower())
    return None if new is None else NewSubscription(text.lower(), new.kind, new.target, new.terms, new.compiled)


# --- what an article offers -----------------------------------------------------------------


def lemma_keys(lemmas: Iterable[str]) -> set[str]:
    """Every prefix of every lemma (and of each part of a hyphenated one): a term's stem or
    lemma is among them exactly when the term may match that lemma. Lemmas are words of at most
    MAX_WORD_CHARS (morph.words), and so are the prefixes, whatever a lemma given here holds."""
    keys: set[str] = set()
    for lem in set(lemmas):
        for word in {lem, *lem.split("-")}:
            keys.update(word[:n] for n in range(1, min(len(word), MAX_WORD_CHARS) + 1))
    return keys


# --- what really matches ----------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def cached_query(text: str, compiled: str | None) -> Query:
    """The stored parsed query (no morphology needed), or the text parsed anew."""
    return parse_query(text) if compiled is None else Query.from_json(compiled)


@dataclass
class PreparedArticle:
    """An article as alert matching reads it. Its texts are numbered: each statement, then title and
    body; a set of texts is a bit mask. A word's family is looked for only among the article's lemmas
    that start with its stem (no other can match), once however many queries use the word."""

    parsed: ParsedArticle
    texts: list[list[str]]  # the lemmas of each text
    lemma_texts: dict[str, int]  # each lemma: the texts that have it
    sorted_lemmas: list[str]
    speakers: list[str]  # surname of each statement's speaker
    orgs: set[str]
    masks: dict[Term, int] = field(default_factory=dict)

    @classmethod
    def of(cls, parsed: ParsedArticle) -> PreparedArticle:
        texts = [st.lemmas for st in parsed.statements] + [parsed.title_lemmas + parsed.body_lemmas]
        lemma_texts: dict[str, int] = {}
        for n, text in enumerate(texts):
            for lem in set(text):
                lemma_texts[lem] = lemma_texts.get(lem, 0) | 1 << n
        return cls(
            parsed=parsed,
            texts=texts,
            lemma_texts=lemma_texts,
            sorted_lemmas=sorted(lemma_texts),
            speakers=[surname_of(st.speaker) for st in parsed.statements],
            orgs={o.id for o in parsed.organizations if o.participant},  # a passing mention alerts no one
        )

    def keys(self) -> set[str]:
        """What the article offers the index: every lemma prefix, its speakers and organisations."""
        return (
            lemma_keys(self.sorted_lemmas)
            | {f"person:{surname}" for surname in self.speakers}
            | {f"org:{org_id}" for org_id in self.orgs}
        )

    def starting_with(self, prefix: str) -> list[str]:
        start = bisect_left(self.sorted_lemmas, prefix)
        return self.sorted_lemmas[start : bisect_left(self.sorted_lemmas, prefix + "\U0010ffff", start)]

    def texts_with(self, term: Term) -> int:
        """The texts that have a lemma of the word's family."""
        mask = self.masks.get(term)
        if mask is None:
            rules = load_family_rules()
            mask = 0
            for v in term.variants():
                mask |= self.lemma_texts.get(v.lemma, 0)  # the lemma itself, even when it does not start with the stem
                for lem in self.starting_with(v.stem):
                    if v.matches_own(lem, rules):
                        mask |= self.lemma_texts[lem]
            self.masks[term] = mask
        return mask

    def texts_matching(self, query: Query) -> int:
        """The texts that have every word and phrase of the query and none of its excluded words."""
        if query.is_empty:
            return 0
        if query.phrases:
            return sum(1 << n for n, text in enumerate(self.texts) if query.matches(text))
        mask = (1 << len(self.texts)) - 1
        for term in query.terms:
            mask &= self.texts_with(term)
        for term in query.excluded:
            mask &= ~self.texts_with(term)
        return mask


@dataclass(frozen=True)
class Match:
    """The article really matches a query: the statement to show, None when only its text matched."""

    statement: Statement | None


def find_match(query: AlertQuery, prepared: PreparedArticle) -> Match | None:
    """Whether the article really matches the query, and which statement to show."""
    statements = prepared.parsed.statements
    if query.kind == "words":
        texts = prepared.texts_matching(cached_query(query.text, query.compiled))
        if not texts:
            return None
        first = (texts & -texts).bit_length() - 1
        return Match(statements[first] if first < len(statements) else None)
    if query.kind == "org":
        wanted = load_catalog().descendants(query.text)
        if not wanted & prepared.orgs:
            return None
        about = [st for st in statements if wanted & set(st.organizations)] or statements
        return Match(about[0] if about else None)
    if query.kind == "person":
        names = surname_spellings(query.text)
        spoken = [st for st, surname in zip(statements, prepared.speakers, strict=True) if surname in names]
        return Match(spoken[0]) if spoken else None
    return None


def match_queries(queries: Sequence[AlertQuery], prepared: PreparedArticle) -> dict[int, Match]:
    """The queries the article really matches, by query id."""
    matched: dict[int, Match] = {}
    for query in queries:
        found = find_match(query, prepared)
        if found is not None:
            matched[query.id] = found
    return matched


@dataclass
class ArticleHits:
    """What an article alerts: the queries it matched, and each chat's subscriptions among them.
    Subscriber rows are kept as read: a popular query brings thousands per article."""

    matched: dict[int, Match]  # by query id
    by_chat: dict[int, list[Subscriber]]


async def match_article(
    conn: Connection,
    parsed: ParsedArticle,
    prepared: PreparedArticle | None = None,
    keys: set[str] | None = None,
) -> ArticleHits:
    """Each distinct query is checked once, however many chats ask it; then the chats are read.
    `prepared` and its `keys` may come computed before the transaction."""
    prepared = prepared or PreparedArticle.of(parsed)
    keys = prepared.keys() if keys is None else keys
    matched = match_queries(await repo.candidate_queries(conn, keys), prepared)
    by_chat: dict[int, list[Subscriber]] = {}
    for subscriber in await repo.subscribers(conn, matched):
        by_chat.setdefault(subscriber[0], []).append(subscriber)
    return ArticleHits(matched, by_chat)


# --- the alert --------------------------------------------------------------------------------


def alert_key(chat_id: int, event_id: int) -> str:
    return f"alert:{chat_id}:{event_id}"


def render_alert(
    subscriptions: Sequence[Subscriber],
    matched: dict[int, Match],
    parsed: ParsedArticle,
    url: str,
    bodies: dict[int, str] | None = None,
) -> str:
    """Which of the chat's subscriptions, the title, date · place · organisations, the statement, the
    source. `bodies` caches the part after the first line, which chats alerted by one statement share."""
    names = [f"«{rendering.escape(shown)}»" for _, _, shown, _ in subscriptions[:MAX_NAMED_SUBSCRIPTIONS]]
    extra = len(subscriptions) - MAX_NAMED_SUBSCRIPTIONS
    more = f" и ещё {extra}" if extra > 0 else ""
    shown_statements = (matched[query_id].statement for *_, query_id in subscriptions)
    statement = next((st for st in shown_statements if st is not None), None)
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
    orgs = ", ".join([o.name for o in parsed.organizations if o.participant][:6])
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
    if st.direct_quote:
        return f"— {speaker}: «{text}»"
    return f"— {text}" if rendering.names_its_speaker(st.text, st.speaker) else f"— {speaker}: {text}"


@dataclass(frozen=True)
class AlertPrep:
    """What alert matching needs of an article, computed before the ingest transaction opens."""

    prepared: PreparedArticle
    keys: set[str]

    @classmethod
    def of(cls, parsed: ParsedArticle) -> AlertPrep:
        prepared = PreparedArticle.of(parsed)
        return cls(prepared, prepared.keys())


async def queue_alerts(
    conn: Connection, event_id: int, parsed: ParsedArticle, url: str, prep: AlertPrep | None = None
) -> int:
    """Queue one alert per chat whose subscriptions the article matches, inside the ingest
    transaction. A chat alerted about this event before (another source, a re-ingest) gets none.
    Without `prep`, the article's keys are built only when some chat has a subscription.
    Returns the number of alerts queued."""
    if prep is None:
        if not await repo.any_subscription(conn):
            return 0
        prep = AlertPrep.of(parsed)
    return await queue_hits(conn, event_id, parsed, url, await match_article(conn, parsed, prep.prepared, prep.keys))


async def queue_hits(
    conn: Connection, event_id: int, parsed: ParsedArticle, url: str, hits: ArticleHits
) -> int:
    """The alerts of `match_article`'s hits, rendered and put in the outbox."""
    bodies: dict[int, str] = {}
    messages = [
        (chat_id, alert_key(chat_id, event_id), render_alert(subs, hits.matched, parsed, url, bodies))
        for chat_id, subs in hits.by_chat.items()
    ]
    return await outbox.enqueue_many(conn, "alert", messages)
