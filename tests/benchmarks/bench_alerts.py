"""Matching 1,000 new statements against 100,000 subscriptions: the inverted index vs a naive loop.

Run: .venv/bin/python -m tests.benchmarks.bench_alerts [N_SUBSCRIPTIONS] [--dictionary-only]

The statements are those the extractor finds in the bundled sample articles, spread over 100
articles of 10 statements each (every article also brings its body text, matched like /search).
Subscriptions: 1–3 words drawn from 30,000 nouns and adjectives of the morphological dictionary
plus the corpus's own words (a worst case: about one chat in six gets an alert for every article),
or with --dictionary-only from the dictionary words alone (a broad vocabulary, as users' keywords are),
some phrases and exclusions, organisations and people, 5 per chat.
Each article goes through `queue_alerts`'s two steps inside one ingest transaction, as `store_parsed` runs it:
matching (index lookup, the exact check of each distinct query, the chats of the matched ones; the ≤ 2 s target)
and queueing (one rendered alert per chat into the outbox), timed apart. The naive loop checks every subscription
against the whole article with the /search matcher; it is timed on a few articles and scaled up, and the chats it
finds must be those alerted.
"""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bot.alerts import (
    match_article,
    org_subscription,
    person_subscription,
    queue_hits,
    words_subscription,
)
from bot.ingest import read_file
from bot.news import parse
from bot.news.matcher import parse_query
from bot.news.models import ParsedArticle
from bot.news.morph import analyzer
from bot.news.orgs import load_catalog
from bot.news.people import surname_of
from storage.alerts import NewSubscription, Subscription
from storage.db import Database, now_iso
from tests.conftest import SAMPLES_DIR

N_ARTICLES = 100
STATEMENTS_PER_ARTICLE = 10
SUBS_PER_CHAT = 5
NAIVE_ARTICLES = 3


def sample_articles() -> list[ParsedArticle]:
    articles = []
    for path in sorted(SAMPLES_DIR.glob("*.txt")):
        text, meta = read_file(path)
        articles.append(parse(text, meta))
    return articles


def new_articles(samples: list[ParsedArticle], rng: random.Random) -> list[ParsedArticle]:
    pool = [(a, st) for a in samples for st in a.statements]
    out = []
    for _ in range(N_ARTICLES):
        base = rng.choice(samples)
        statements = [st for _, st in rng.sample(pool, STATEMENTS_PER_ARTICLE)]
        out.append(replace(base, statements=statements))
    return out


def vocabulary(samples: list[ParsedArticle], size: int = 30_000, with_corpus: bool = True) -> list[str]:
    """Common and rare nouns and adjectives from the morphological dictionary, and the corpus's own words."""
    words = {w for a in samples for st in a.statements for w in st.lemmas if len(w) >= 4 and w.isalpha()}
    if not with_corpus:
        words = set()
    from_dictionary: set[str] = set()
    for _word, tag, normal, _para, _idx in analyzer().dictionary.iter_known_words():
        wanted = ("NOUN" in tag or "ADJF" in tag) and not {"Name", "Surn", "Patr", "Geox"} & tag.grammemes
        if wanted and len(normal) >= 4 and normal.isalpha():
            from_dictionary.add(normal.replace("ё", "е"))
        if len(from_dictionary) >= size:
            break
    return sorted(words | from_dictionary)


def make_subscription(rng: random.Random, pool: list[str], speakers: list[str]) -> NewSubscription | None:
    roll = rng.random()
    if roll < 0.03:
        return org_subscription(rng.choice(["osce", "un", "csto", "icrc", "sco", "cis"]), "org")
    if roll < 0.05:
        name = rng.choice(speakers)
        return person_subscription(surname_of(name), name)
    n = rng.choices([1, 2, 3], weights=[50, 35, 15])[0]
    picked = rng.sample(pool, n)
    text = " ".join(picked)
    if n >= 2 and rng.random() < 0.1:
        text = f'"{picked[0]} {picked[1]}"' + "".join(f" {w}" for w in picked[2:])
    if rng.random() < 0.05:
        text += f" -{rng.choice(pool)}"
    return words_subscription(text)


async def fill(
    db: Database, n_subs: int, samples: list[ParsedArticle], rng: random.Random, with_corpus: bool = True
) -> list[Subscription]:
    """Stored as storage.alerts.add_subscription stores them, in bulk."""
    pool = vocabulary(samples, with_corpus=with_corpus)
    speakers = sorted({st.speaker for a in samples for st in a.statements})
    subs: list[Subscription] = []
    query_ids: dict[tuple[str, str], int] = {}
    now = now_iso()
    async with db.transaction() as conn:
        chats = range(1, n_subs // SUBS_PER_CHAT + 2)
        await conn.executemany(
            "INSERT INTO chats (id, type, created_at, updated_at) VALUES (?, 'private', ?, ?)",
            [(c, now, now) for c in chats],
        )
        rows, queries, keys = [], [], []
        seen: set[tuple[int, str]] = set()
        while len(rows) < n_subs:
            new = make_subscription(rng, pool, speakers)
            if new is None:
                continue
            sub_id = len(rows) + 1
            chat_id = sub_id // SUBS_PER_CHAT + 1
            if (chat_id, new.query) in seen:
                continue
            seen.add((chat_id, new.query))
            query_id = query_ids.get((new.kind, new.match_text))
            if query_id is None:
                query_id = query_ids[(new.kind, new.match_text)] = len(query_ids) + 1
                queries.append((query_id, new.kind, new.match_text, len(new.terms), new.compiled))
                keys += [(key, query_id, n) for n, term in enumerate(new.terms) for key in term]
            rows.append((sub_id, chat_id, new.query, new.kind, new.target, query_id, now))
            subs.append(Subscription(sub_id, chat_id, new.query, new.kind, new.target))
        await conn.executemany(
            "INSERT INTO alert_queries (id, kind, text, terms_needed, compiled) VALUES (?, ?, ?, ?, ?)", queries
        )
        await conn.executemany("INSERT OR IGNORE INTO alert_query_keys (key, query_id, term_no) VALUES (?, ?, ?)", keys)
        await conn.executemany(
            "INSERT INTO subscriptions (id, chat_id, query, kind, target, query_id, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return subs


def naive(subs: list[Subscription], article: ParsedArticle) -> set[int]:
    """Every subscription checked against the whole article with the /search matcher: what the index saves,
    and an independent check of what it finds."""
    texts = [st.lemmas for st in article.statements] + [article.title_lemmas + article.body_lemmas]
    orgs = {o.id for o in article.organizations} | {oid for st in article.statements for oid in st.organizations}
    speakers = {surname_of(st.speaker) for st in article.statements}
    catalog = load_catalog()

    def matches(sub: Subscription) -> bool:
        if sub.kind == "org":
            return bool(catalog.descendants(sub.target or "") & orgs)
        if sub.kind == "person":
            return sub.target in speakers
        query = parse_query(sub.query)
        return any(query.matches(lemmas) for lemmas in texts)

    return {sub.chat_id for sub in subs if matches(sub)}


async def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n_subs = int(args[0]) if args else 100_000
    with_corpus = "--dictionary-only" not in sys.argv
    rng = random.Random(5)
    samples = sample_articles()
    articles = new_articles(samples, rng)
    with tempfile.TemporaryDirectory() as tmp:
        db = await Database.open(Path(tmp) / "bench.sqlite3")
        started = time.perf_counter()
        subs = await fill(db, n_subs, samples, rng, with_corpus)
        print(f"{len(subs):,} subscriptions of {len(subs) // SUBS_PER_CHAT:,} chats stored in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        statements = sum(len(a.statements) for a in articles)
        matching = queueing = 0.0
        queued = 0
        for event_id, article in enumerate(articles, start=1):
            async with db.transaction() as conn:
                started = time.perf_counter()
                hits = await match_article(conn, article)
                matched = time.perf_counter()
                queued += await queue_hits(conn, event_id, article, f"https://example.kz/{event_id}", hits)
                queueing += time.perf_counter() - matched
                matching += matched - started
        print(f"match:  {statements:,} statements in {len(articles)} articles: {matching:.2f} s "
              f"({matching / len(articles) * 1000:.1f} ms per article)")  # fmt: skip
        chats = len(subs) // SUBS_PER_CHAT
        alerts_each = queued / len(articles)
        sending = queued / 30 / 3600
        print(f"queue:  {queued:,} alerts rendered and inserted in {queueing:.2f} s "
              f"({queueing / queued * 1e6:.0f} µs per alert); {alerts_each:.0f} alerts per article = "
              f"{alerts_each / chats:.1%} of chats, {sending:.1f} h of sending at Telegram's 30 msg/s")  # fmt: skip

        started = time.perf_counter()
        for article in articles[:NAIVE_ARTICLES]:
            naive(subs, article)
        per_article = (time.perf_counter() - started) / NAIVE_ARTICLES
        naive_total = per_article * len(articles)
        print(f"naive:  {per_article * 1000:.0f} ms per article → {naive_total:.1f} s for {len(articles)} articles "
              f"(timed on {NAIVE_ARTICLES}); speed-up ×{naive_total / matching:.0f} (matching)")  # fmt: skip

        for event_id, article in enumerate(articles[:NAIVE_ARTICLES], start=1):  # the same chats either way
            rows = await db.fetchall("SELECT chat_id FROM outbox WHERE dedupe_key LIKE ?", (f"alert:%:{event_id}",))
            assert {r[0] for r in rows} == naive(subs, article), f"article {event_id} differs"
        print(f"check:  the index and the naive loop alert the same chats on {NAIVE_ARTICLES} articles")
        print(f"target ≤ 2 s for matching: {'met' if matching <= 2 else 'MISSED'} ({matching:.2f} s); "
              f"queue_alerts in full {matching + queueing:.2f} s")  # fmt: skip
        await db.close()


if __name__ == "__main__":
    asyncio.run(main())
