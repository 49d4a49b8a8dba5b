"""Reading events, statements and people for /latest, /org, /person and /search."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storage.db import POSTGRESQL, Database, search_tokens, unpack_text

KEY_STATEMENTS_PER_EVENT = 3
MAX_SAME_STATEMENT = 4  # sources of one event read to find its first distinct statements


@dataclass(frozen=True)
class OrgRef:
    id: str
    name: str
    participant: bool = True  # False: only mentioned in passing (bot/news/salience.py)


@dataclass(frozen=True)
class SourceRef:
    name: str
    url: str
    title: str | None = None


@dataclass(frozen=True)
class StatementView:
    id: int
    event_id: int
    speaker: str
    role: str | None
    verb: str | None
    text: str
    direct_quote: bool
    sort_key: str
    url: str
    source: str | None
    day: str | None = None  # the event's date (YYYY-MM-DD); None when no source states one


@dataclass(frozen=True)
class EventView:
    id: int
    date: str | None  # YYYY-MM-DD of the meeting, when known
    published_at: str | None
    sort_key: str
    title: str | None
    location: str | None
    organizations: list[OrgRef] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    statements: list[StatementView] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.sources[0].url if self.sources else ""

    @property
    def participants(self) -> list[OrgRef]:
        return [o for o in self.organizations if o.participant]

    @property
    def mentioned(self) -> list[OrgRef]:
        return [o for o in self.organizations if not o.participant]


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str
    role: str | None


def _placeholders(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


async def latest_event_ids(db: Database, limit: int, offset: int) -> list[int]:
    rows = await db.fetchall(
        "SELECT id FROM events ORDER BY sort_key DESC, id DESC LIMIT ? OFFSET ?", (limit, offset)
    )
    return [r[0] for r in rows]


async def org_event_ids(
    db: Database, org_ids: Sequence[str], limit: int, offset: int, period: tuple[str, str] = ("", "\U0010ffff")
) -> list[int]:
    """Newest events these organisations take part in (passing mentions left out), with sort keys in
    [period[0], period[1]); each org reads its own index range."""
    if not org_ids:
        return []
    per_org = " UNION ALL ".join(
        "SELECT * FROM (SELECT event_id, sort_key FROM event_organizations WHERE org_id = ? "
        "AND sort_key >= ? AND sort_key < ? AND participant = 1 ORDER BY sort_key DESC, event_id DESC LIMIT ?) o"
        for _ in org_ids
    )
    params: list[object] = []
    for org_id in org_ids:
        params += [org_id, *period, limit + offset]
    rows = await db.fetchall(
        f"SELECT event_id, max(sort_key) AS k FROM ({per_org}) u GROUP BY event_id "
        "ORDER BY k DESC, event_id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [r[0] for r in rows]


async def load_events(db: Database, event_ids: Sequence[int]) -> list[EventView]:
    """Events with their organisations, sources and key statements, in the order of `event_ids`."""
    if not event_ids:
        return []
    marks = _placeholders(event_ids)
    events = await db.fetchall(f"SELECT * FROM events WHERE id IN ({marks})", event_ids)
    orgs: dict[int, list[OrgRef]] = defaultdict(list)
    for r in await db.fetchall(
        f"SELECT eo.event_id, o.id, o.name, eo.participant FROM event_organizations eo JOIN organizations o "
        f"ON o.id = eo.org_id WHERE eo.event_id IN ({marks}) ORDER BY eo.participant DESC, eo.mentions DESC, o.name",
        event_ids,
    ):
        orgs[r[0]].append(OrgRef(r[1], r[2], bool(r[3])))
    sources: dict[int, list[SourceRef]] = defaultdict(list)
    for r in await db.fetchall(
        f"SELECT event_id, source, url, title FROM articles WHERE event_id IN ({marks}) "
        "ORDER BY coalesce(published_at, fetched_at), id",
        event_ids,
    ):
        sources[r[0]].append(SourceRef(r[1] or "", r[2], r[3]))
    statements = await key_statements(db, event_ids)
    by_id = {
        r["id"]: EventView(
            id=r["id"],
            date=r["event_date"],
            published_at=r["published_at"],
            sort_key=r["sort_key"],
            title=r["title"],
            location=r["location"],
            organizations=orgs[r["id"]],
            sources=sources[r["id"]],
            statements=statements[r["id"]],
        )
        for r in events
    }
    return [by_id[i] for i in event_ids if i in by_id]


_STATEMENT_COLUMNS = (
    "s.id, s.event_id, s.speaker, s.role, s.verb, s.text, s.direct_quote, s.sort_key, a.url, a.source, "
    "(SELECT e.event_date FROM events e WHERE e.id = s.event_id)"
)


def _statement(r: Sequence[object]) -> StatementView:
    return StatementView(
        id=int(r[0]),  # type: ignore[call-overload]
        event_id=int(r[1]),  # type: ignore[call-overload]
        speaker=str(r[2]),
        role=r[3],  # type: ignore[arg-type]
        verb=r[4],  # type: ignore[arg-type]
        text=str(r[5]),
        direct_quote=bool(r[6]),
        sort_key=str(r[7]),
        url=str(r[8]),
        source=r[9],  # type: ignore[arg-type]
        day=r[10],  # type: ignore[arg-type]
    )


async def key_statements(db: Database, event_ids: Sequence[int]) -> dict[int, list[StatementView]]:
    """The first statements of each event, in text order (the lede statements come first)."""
    result: dict[int, list[StatementView]] = defaultdict(list)
    if not event_ids:
        return result
    rows = await db.fetchall(
        f"SELECT {_STATEMENT_COLUMNS} FROM statements s JOIN articles a ON a.id = s.article_id "
        f"WHERE s.id IN (SELECT id FROM (SELECT id, row_number() OVER "
        f"(PARTITION BY event_id ORDER BY position, id) AS n FROM statements "
        f"WHERE event_id IN ({_placeholders(event_ids)})) numbered WHERE n <= ?) ORDER BY s.position, s.id",
        [*event_ids, KEY_STATEMENTS_PER_EVENT * MAX_SAME_STATEMENT],
    )
    for r in rows:
        result[r[1]].append(_statement(r))
    for event_id, sts in result.items():
        result[event_id] = distinct(sts)[:KEY_STATEMENTS_PER_EVENT]
    return result


def distinct(statements: Sequence[StatementView]) -> list[StatementView]:
    """Two sources of one event that carry the same statement show it once (the first, in text order)."""
    seen: set[tuple[str, str]] = set()
    out: list[StatementView] = []
    for st in statements:
        key = (st.speaker.split()[-1].lower() if st.speaker else "", " ".join(st.text.lower().split()))
        if key not in seen:
            seen.add(key)
            out.append(st)
    return out


async def statements_by_ids(db: Database, statement_ids: Sequence[int]) -> list[StatementView]:
    if not statement_ids:
        return []
    rows = await db.fetchall(
        f"SELECT {_STATEMENT_COLUMNS} FROM statements s JOIN articles a ON a.id = s.article_id "
        f"WHERE s.id IN ({_placeholders(statement_ids)})",
        statement_ids,
    )
    by_id = {r[0]: _statement(r) for r in rows}
    return [by_id[i] for i in statement_ids if i in by_id]


async def people_by_surnames(db: Database, surnames: Sequence[str]) -> list[PersonRef]:
    if not surnames:
        return []
    rows = await db.fetchall(
        f"SELECT p.id, p.name, p.role FROM people p WHERE p.surname IN ({_placeholders(surnames)}) "
        "ORDER BY p.updated_at DESC, p.name",
        surnames,
    )
    return [PersonRef(r[0], r[1], r[2]) for r in rows]


async def recently_quoted_people(db: Database, n: int) -> list[str]:
    """Names of the people most recently seen speaking (a hint after an unknown name)."""
    rows = await db.fetchall(
        "SELECT p.name FROM people p WHERE EXISTS (SELECT 1 FROM statements s WHERE s.person_id = p.id) "
        "ORDER BY p.updated_at DESC, p.name LIMIT ?",
        (n,),
    )
    return [str(r[0]) for r in rows]


async def person_statement_ids(
    db: Database, person_ids: Sequence[int], limit: int, offset: int, period: tuple[str, str] = ("", "\U0010ffff")
) -> list[int]:
    """Newest statements of these people, with sort keys in [period[0], period[1])."""
    if not person_ids:
        return []
    rows = await db.fetchall(
        f"SELECT id FROM statements WHERE person_id IN ({_placeholders(person_ids)}) "
        "AND sort_key >= ? AND sort_key < ? ORDER BY sort_key DESC, id DESC LIMIT ? OFFSET ?",
        [*person_ids, *period, limit, offset],
    )
    return [r[0] for r in rows]


@dataclass(frozen=True)
class SearchRow:
    event_id: int
    statement_id: int | None
    lemmas: str  # space-separated


async def search_candidates(
    db: Database, groups: list[list[str]], limit: int, with_lemmas: bool, period: tuple[str, str] | None = None
) -> list[SearchRow]:
    """The newest index rows holding a token of every group (of events with sort keys in the period:
    then every matching row is looked at, not only the newest)."""
    lemmas = "lemmas" if with_lemmas else "NULL"
    match_sql, match_params = index_match(db.dialect, groups)
    if period is None and db.dialect == POSTGRESQL:
        return await _pg_newest_candidates(db, groups, limit, lemmas, match_sql, match_params)
    if period is None:
        rows = await db.fetchall(_NEWEST.format(lemmas=lemmas, match=match_sql, order="rowid"), (*match_params, limit))
    else:
        rows = await db.fetchall(
            f"SELECT event_id, statement_id, {lemmas} FROM search_rows WHERE id IN "
            f"(SELECT rowid FROM search_index WHERE {match_sql}) "
            "AND event_id IN (SELECT id FROM events WHERE sort_key >= ? AND sort_key < ?) ORDER BY id DESC LIMIT ?",
            (*match_params, *period, limit),
        )
    return _search_rows(rows)


# The newest `limit` rows of the index that match, with their search rows.
_NEWEST = (
    "SELECT event_id, statement_id, {lemmas} FROM search_rows WHERE id IN "
    "(SELECT rowid FROM search_index WHERE {match} ORDER BY {order} DESC LIMIT ?) ORDER BY id DESC"
)
RARE_MATCHES = 5000  # PostgreSQL: up to this many matching rows (estimated) are read through the GIN index


async def _pg_newest_candidates(
    db: Database, groups: list[list[str]], limit: int, lemmas: str, match_sql: str, match_params: list[Any]
) -> list[SearchRow]:
    """PostgreSQL: rare words (few matching rows, by the planner's statistics) are read through the
    GIN index and sorted (`rowid + 0` keeps the planner from walking instead: the rows of a rare
    word may all be old). Others are walked newest first on the token bits."""
    if await _estimated_matches(db, match_sql, match_params) <= RARE_MATCHES:
        sql = _NEWEST.format(lemmas=lemmas, match=match_sql, order="rowid + 0")
        return _search_rows(await db.fetchall(sql, (*match_params, limit)))
    # The newest rows whose token bits pass come from an index-only scan; only those are read
    # from the table, one by one (LATERAL … OFFSET 0), and their tokens checked (see
    # migrations/postgresql/0012_search_bits.sql). `|| '{}'` unpacks a row's compressed tokens
    # once for all the groups' tests, not once per test (9 ms instead of 12 for two words).
    bits_sql, bits_params = bits_match(groups)
    rows = await db.fetchall(
        f"SELECT event_id, statement_id, {lemmas} FROM search_rows WHERE id IN "
        f"(SELECT c.rowid FROM (SELECT rowid FROM search_index WHERE {bits_sql} ORDER BY rowid DESC) c, "
        "LATERAL (SELECT 1 FROM (SELECT s.tokens || '{}'::text[] AS tokens FROM search_index s "
        f"WHERE s.rowid = c.rowid OFFSET 0) t WHERE {match_sql} OFFSET 0) m "
        "ORDER BY c.rowid DESC LIMIT ?) ORDER BY id DESC",
        (*bits_params, *match_params, limit),
    )
    return _search_rows(rows)


def _search_rows(rows: list[Any]) -> list[SearchRow]:
    return [SearchRow(int(r[0]), r[1], "" if r[2] is None else unpack_text(r[2])) for r in rows]


async def _estimated_matches(db: Database, match_sql: str, match_params: list[Any]) -> float:
    """PostgreSQL: how many index rows its planner expects to match, from its statistics of the tokens."""
    plan = await db.scalar(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_index WHERE {match_sql}", match_params)
    return float(json.loads(plan)[0]["Plan"]["Plan Rows"])


def index_match(dialect: str, groups: list[list[str]]) -> tuple[str, list[Any]]:
    """The search index's condition for `groups`, and its parameters.

    SQLite: one FTS5 MATCH expression; a token of several words ("северо-запад") is a phrase.
    PostgreSQL: array tests on the GIN-indexed tokens; a token of several words needs all of them."""
    if dialect == POSTGRESQL:
        return _pg_match(groups, "tokens && ?::text[]", "tokens @> ?::text[]", 1)
    expression = " AND ".join("(" + " OR ".join(f'"{t}"' for t in group) + ")" for group in groups)
    return "search_index MATCH ?", [expression]


def bits_match(groups: list[list[str]]) -> tuple[str, list[Any]]:
    """PostgreSQL: the test on each row's token bits (one hash bit per token, migration 0012) that
    every row `index_match` finds passes, and a few others; its parameters."""
    return _pg_match(
        groups,
        "bits & search_token_bits(?::text[]) <> 0::bit(512)",
        "bits & search_token_bits(?::text[]) = search_token_bits(?::text[])",
        2,
    )


def _pg_match(groups: list[list[str]], any_of: str, all_of: str, all_of_params: int) -> tuple[str, list[Any]]:
    """Every group holds one of its single-word tokens (`any_of`, given them as one array) or all
    the words of one of its multi-word tokens (`all_of`, given the words `all_of_params` times)."""
    parts: list[str] = []
    params: list[Any] = []
    for group in groups:
        split = [search_tokens(t) for t in group]
        singles = [t[0] for t in split if len(t) == 1]
        options = [any_of] if singles else []
        params += [singles] if singles else []
        for words in (t for t in split if len(t) > 1):
            options.append(all_of)
            params += [words] * all_of_params
        parts.append("(" + (" OR ".join(options) or "false") + ")")
    return " AND ".join(parts) or "true", params


async def article_texts(db: Database, event_ids: Sequence[int], with_titles: bool = False) -> dict[int, list[str]]:
    """The cleaned texts of each event's sources (each after its title, when asked), oldest source first."""
    texts: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        for r in await db.fetchall(
            f"SELECT event_id, title, text FROM articles WHERE event_id IN ({_placeholders(chunk)}) ORDER BY id", chunk
        ):
            texts[int(r[0])].append(f"{r[1] or ''}\n{r[2]}" if with_titles else str(r[2]))
    return texts


async def event_statements(db: Database, event_id: int, limit: int) -> list[StatementView]:
    """Every statement of the event (up to `limit`), source by source, in text order; one that two
    sources carry is shown once."""
    rows = await db.fetchall(
        f"SELECT {_STATEMENT_COLUMNS} FROM statements s JOIN articles a ON a.id = s.article_id "
        "WHERE s.event_id = ? ORDER BY s.article_id, s.position, s.id LIMIT ?",
        (event_id, limit),
    )
    return distinct([_statement(r) for r in rows])


async def terms_with_prefix(db: Database, prefix: str, limit: int) -> list[str]:
    rows = await db.fetchall(
        "SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
        (prefix, prefix + "\U0010ffff", limit),
    )
    return [r[0] for r in rows]


async def event_sort_keys(db: Database, event_ids: Sequence[int]) -> dict[int, str]:
    keys: dict[int, str] = {}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        rows = await db.fetchall(f"SELECT id, sort_key FROM events WHERE id IN ({_placeholders(chunk)})", chunk)
        keys.update({int(r[0]): str(r[1]) for r in rows})
    return keys


async def top_organizations(db: Database, n: int, recent_events: int = 2000) -> list[tuple[OrgRef, int]]:
    """The organisations with the most events among the newest `recent_events` (bounded cost)."""
    rows = await db.fetchall(
        "SELECT o.id, o.name, count(*) AS c FROM event_organizations eo JOIN organizations o ON o.id = eo.org_id "
        "WHERE eo.participant = 1 AND eo.event_id IN (SELECT id FROM events ORDER BY sort_key DESC, id DESC LIMIT ?) "
        "GROUP BY o.id ORDER BY c DESC, o.name LIMIT ?",
        (recent_events, n),
    )
    return [(OrgRef(r[0], r[1]), int(r[2])) for r in rows]


async def count_events(db: Database) -> int:
    return int(await db.scalar("SELECT count(*) FROM events"))
