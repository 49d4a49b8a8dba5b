"""Matching 1,000 new statements against 100,000 subscriptions: the inverted index vs a naive loop.

Run: .venv/bin/python -m tests.benchmarks.bench_alerts [N_SUBSCRIPTIONS] [--dictionary-only]

The statements are those the extractor finds in the bundled sample articles, spread over 100
articles of 10 statements each (every article also brings its body text, matched like /search).
Subscriptions: 1–3 words drawn from 30,000 nouns and adjectives of the morphological dictionary
plus the corpus's own words (a worst case: about one chat in six gets an alert for every article),
or with --dictionary-only from the dictionary words alone (a broad vocabulary, as users' keywords are),
some phrases and exclusions, organisations and people, 5 per chat.
`queue_alerts` runs inside one ingest transaction per article, as `store_parsed` calls it. The naive loop checks every
subscription with the same exact matcher; it is timed on a few articles and scaled up.
"""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

from bot.alerts import (
    article_keys,
    find_hit,
    match_article,
    org_subscription,
    person_subscription,
    queue_alerts,
    words_subscription,
)
from bot.ingest import read_file
from bot.news import parse
from bot.news.models import ParsedArticle
from bot.news.morph import analyzer
from bot.news.people import surname_of
from storage.alerts import NewSubscription, Subscription, candidates
from storage.db import Database, now_iso
from tests.conftest import SAMPLES_DIR

N_ARTICLES = 100
STATEMENTS_PER_ARTICLE = 10
SUBS_PER_CHAT = 5
NAIVE_ARTICLES = 1


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
        out.append(
            ParsedArticle(
                path=None,
                url=None,
                title=base.title,
                published_at=base.published_at,
                source=base.source,
                location=base.location,
                organizations=base.organizations,
                people=base.people,
                statements=statements,
                text=base.text,
                title_lemmas=base.title_lemmas,
                body_lemmas=base.body_lemmas,
            )
        )
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
    pool = vocabulary(samples, with_corpus=with_corpus)
    speakers = sorted({st.speaker for a in samples for st in a.statements})
    subs: list[Subscription] = []
    now = now_iso()
    async with db.transaction() as conn:
        chats = range(1, n_subs // SUBS_PER_CHAT + 2)
        await conn.executemany(
            "INSERT INTO chats (id, type, created_at, updated_at) VALUES (?, 'private', ?, ?)",
            [(c, now, now) for c in chats],
        )
        rows, keys = [], []
        seen: set[tuple[int, str]] = set()
        while len(rows) < n_subs:
            new = make_subscription(rng, pool, speakers)
            if new is None:
                continue
            sub_id = len(rows) + 1
            chat_id = sub_id // SUBS_PER_CHAT + 1
            query = f"{new.query} #{sub_id}" if new.kind != "words" else new.query
            if (chat_id, query) in seen:
                continue
            seen.add((chat_id, query))
            rows.append((sub_id, chat_id, query, new.kind, new.target, len(new.terms), now))
            keys += [(key, sub_id, n) for n, term in enumerate(new.terms) for key in term]
            subs.append(Subscription(sub_id, chat_id, new.query, new.kind, new.target))
        await conn.executemany(
            "INSERT INTO subscriptions (id, chat_id, query, kind, target, terms_needed, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        await conn.executemany(
            "INSERT OR IGNORE INTO subscription_keys (key, subscription_id, term_no) VALUES (?, ?, ?)", keys
        )
    return subs


def naive(subs: list[Subscription], article: ParsedArticle) -> set[int]:
    """Every subscription checked with the exact matcher: what the index saves."""
    return {sub.chat_id for sub in subs if find_hit(sub, article) is not None}


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
        started = time.perf_counter()
        queued = 0
        for event_id, article in enumerate(articles, start=1):
            async with db.transaction() as conn:
                queued += await queue_alerts(conn, event_id, article, f"https://example.kz/{event_id}")
        indexed = time.perf_counter() - started
        print(f"index:  {statements:,} statements in {len(articles)} articles: {indexed:.2f} s "
              f"({indexed / len(articles) * 1000:.1f} ms per article), {queued:,} alerts queued")  # fmt: skip

        started = time.perf_counter()
        for article in articles:
            match_article(await candidates(db.conn, article_keys(article)), article)
        matching = time.perf_counter() - started
        print(f"        of which matching (index lookup + exact check): {matching:.2f} s; the rest renders and "
              "inserts the alerts")  # fmt: skip
        chats = len(subs) // SUBS_PER_CHAT
        alerts_each = queued / len(articles)
        print(f"        {alerts_each:.0f} alerts per article = {alerts_each / chats:.1%} of chats")

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
        print(f"target ≤ 2 s: {'met' if indexed <= 2 else 'MISSED'} (queue_alerts in full, {indexed:.2f} s)")
        await db.close()


if __name__ == "__main__":
    asyncio.run(main())
