"""PostgreSQL's search (migration 0012): each index row's token bits only narrow which rows are
read; the tokens decide. The candidates must be exactly the rows the token arrays alone give, in
both of its forms."""

from __future__ import annotations

import hashlib
import random
from collections.abc import AsyncIterator

import pytest

from storage import queries
from storage.db import Database, pack_text

BITS = 512


def token_bit(token: str) -> int:
    """The bit search_token_bits() sets for a token (the first four hex digits of its md5)."""
    return int(hashlib.md5(token.encode()).hexdigest()[:4], 16) % BITS


@pytest.fixture(params=["walk", "gin"])
async def pg(pg_url: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Database]:
    """A PostgreSQL database whose searches all take one form: the walk on the token bits (as for
    common words) or the GIN index (as for rare ones, the planner's estimate at most RARE_MATCHES)."""
    monkeypatch.setattr(queries, "RARE_MATCHES", -1 if request.param == "walk" else 10**9)
    database = await Database.open(pg_url)
    yield database
    await database.close()


async def store_rows(db: Database, rows: dict[int, list[str]]) -> None:
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO search_rows (id, event_id, statement_id, lemmas) VALUES (?, ?, NULL, ?)",
            [(rowid, rowid, pack_text(" ".join(tokens))) for rowid, tokens in rows.items()],
        )
        await conn.executemany(
            "INSERT INTO search_index (rowid, tokens) VALUES (?, ?)",
            [(rowid, sorted(set(tokens))) for rowid, tokens in rows.items()],
        )


def expected(rows: dict[int, list[str]], groups: list[list[str]], limit: int) -> list[int]:
    """Newest first, the rows holding, for every group, one of its tokens (a hyphenated token: all
    of its words)."""

    def holds(tokens: set[str], token: str) -> bool:
        return all(word in tokens for word in token.split("-"))

    found = [r for r, tokens in rows.items() if all(any(holds(set(tokens), t) for t in g) for g in groups)]
    return sorted(found, reverse=True)[:limit]


async def test_bits_name_every_token_a_row_holds(pg: Database) -> None:
    await store_rows(pg, {1: ["вода", "климат", "афганистан"], 2: ["оон"]})
    rows = await pg.fetchall("SELECT rowid, bits::text FROM search_index ORDER BY rowid")
    set_bits = {int(r[0]): {i for i, c in enumerate(str(r[1])) if c == "1"} for r in rows}
    assert set_bits == {1: {token_bit("вода"), token_bit("климат"), token_bit("афганистан")}, 2: {token_bit("оон")}}


async def test_a_token_sharing_another_ones_bit_is_not_found(pg: Database) -> None:
    words = [f"слово{i}" for i in range(2000)]
    first, twin = next((a, b) for a in words for b in words if a < b and token_bit(a) == token_bit(b))
    await store_rows(pg, {1: [first], 2: [twin, "вода"], 3: ["вода"]})
    found = await queries.search_candidates(pg, [[first]], 10, with_lemmas=False)
    assert [r.event_id for r in found] == [1]
    found = await queries.search_candidates(pg, [[twin], ["вода"]], 10, with_lemmas=True)
    assert [(r.event_id, r.lemmas) for r in found] == [(2, f"{twin} вода")]


async def test_candidates_are_the_rows_the_tokens_give(pg: Database) -> None:
    # A small vocabulary on many rows: bits collide often, so the tokens' check does the work.
    rng = random.Random(14)
    vocabulary = [f"w{i}" for i in range(300)]
    rows = {rowid: rng.sample(vocabulary, rng.randint(1, 120)) for rowid in range(1, 1501)}
    await store_rows(pg, rows)
    for _ in range(60):
        groups = [rng.sample(vocabulary, rng.randint(1, 3)) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.3:
            groups[0].append("-".join(rng.sample(vocabulary, 2)))  # a token of two words
        limit = rng.choice([1, 5, 300])
        found = await queries.search_candidates(pg, groups, limit, with_lemmas=False)
        assert sorted((r.event_id for r in found), reverse=True) == expected(rows, groups, limit), groups
