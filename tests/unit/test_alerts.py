"""Alerts: the inverted index, exact matching through the one matcher, one alert per event per chat."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot import services
from bot.alerts import (
    PreparedArticle,
    lemma_keys,
    org_subscription,
    person_subscription,
    plan_subscription,
    queue_alerts,
    words_subscription,
)
from bot.ingest import ingest_inputs, read_file
from bot.news import parse
from bot.news.matcher import parse_query
from bot.news.models import OrgMention, ParsedArticle, Statement
from bot.news.morph import lemmas
from bot.news.people import surname_of
from storage import alerts as repo
from storage.alerts import NewSubscription
from storage.db import Database, available_migrations, now_iso
from storage.sqlite import split_sql
from tests.conftest import SAMPLES_DIR

WATER = SAMPLES_DIR / "002_d6cb1d97acf587c2.txt"  # statements about water resources
WATER_IN_TEXT = SAMPLES_DIR / "001_127c33a05446321e.txt"  # water only in the article text
NOT_WATER = SAMPLES_DIR / "004_6bdf971b0c5c3aaf.txt"


async def add_chat(db: Database, chat_id: int) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO chats (id, type, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (chat_id, "private" if chat_id > 0 else "group", now_iso(), now_iso()),
        )


async def subscribe(db: Database, chat_id: int, new: NewSubscription | None) -> None:
    assert new is not None
    await add_chat(db, chat_id)
    async with db.transaction() as conn:
        assert await repo.add_subscription(conn, chat_id, new)


async def alerts(db: Database) -> list[tuple[int, str, str]]:
    rows = await db.fetchall("SELECT chat_id, dedupe_key, text FROM outbox WHERE kind = 'alert' ORDER BY id")
    return [(r[0], r[1], r[2]) for r in rows]


def test_keys_of_a_text_contain_the_stem_of_each_family_member() -> None:
    keys = lemma_keys(["водный", "водно-энергетический", "руководство"])
    assert {"вод", "водн", "водный", "энергетич"} <= keys
    assert "рук" in keys and "вод" not in lemma_keys(["руководство", "проводить", "завод"])


def test_a_words_subscription_has_one_term_per_positive_word() -> None:
    new = words_subscription('вода "водных ресурсов" -афганистан')
    assert new is not None and new.kind == "words"
    assert len(new.terms) == 3  # вода, водных, ресурсов; the excluded word is not a term
    assert "вод" in new.terms[0] and "водн" in new.terms[1] and "ресурс" in new.terms[2]
    assert words_subscription("-только") is None


async def test_water_subscription_alerts_on_water_articles_only(db: Database) -> None:
    await subscribe(db, 7, words_subscription("вода"))
    await ingest_inputs(db, [str(NOT_WATER)])
    assert await alerts(db) == []
    await ingest_inputs(db, [str(WATER)])
    (alert,) = await alerts(db)
    assert alert[0] == 7 and alert[1].startswith("alert:7:")
    assert "«вода»" in alert[2] and "вод" in alert[2].lower()


async def test_reingest_and_a_second_matching_subscription_never_alert_again(db: Database) -> None:
    await subscribe(db, 7, words_subscription("вода"))
    await subscribe(db, 7, words_subscription("водные ресурсы"))
    await ingest_inputs(db, [str(WATER)])
    assert len(await alerts(db)) == 1  # two subscriptions, one event: one alert naming both
    assert "«водные ресурсы»" in (await alerts(db))[0][2]
    outcomes = await ingest_inputs(db, [str(WATER)])
    assert outcomes[0].status == "duplicate"
    assert len(await alerts(db)) == 1


async def test_queue_alerts_twice_for_the_same_event_queues_once(db: Database) -> None:
    await subscribe(db, 7, words_subscription("вода"))
    parsed = article("Министр сказал о водных ресурсах региона.")
    async with db.transaction() as conn:
        assert await queue_alerts(conn, 1, parsed, "https://example.kz/a") == 1
        assert await queue_alerts(conn, 1, parsed, "https://example.kz/b") == 0  # another source, same event
        assert await queue_alerts(conn, 2, parsed, "https://example.kz/c") == 1


async def test_every_chat_gets_its_own_alert(db: Database) -> None:
    for chat_id in (1, 2, -3):
        await subscribe(db, chat_id, words_subscription("вода"))
    await subscribe(db, 4, words_subscription("нефть"))
    await ingest_inputs(db, [str(WATER)])
    assert sorted(a[0] for a in await alerts(db)) == [-3, 1, 2]


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("Обсуждали водно-энергетический комплекс.", True),
        ("Речь шла о водопользовании.", True),
        ("Руководство проводит совещание на заводе.", False),
        ("Водитель привёз водород.", False),
    ],
)
async def test_word_families_as_in_search(db: Database, text: str, matches: bool) -> None:
    await subscribe(db, 7, words_subscription("вода"))
    async with db.transaction() as conn:
        assert await queue_alerts(conn, 1, article(text), "https://example.kz/a") == int(matches)


async def test_excluded_word_and_phrase(db: Database) -> None:
    await subscribe(db, 1, words_subscription("вода -афганистан"))
    await subscribe(db, 2, words_subscription('"водных ресурсов"'))
    async with db.transaction() as conn:
        await queue_alerts(conn, 1, article("Вода и Афганистан: водных ресурсов мало."), "u")
        await queue_alerts(conn, 2, article("Ресурсов водных хватит."), "u")
    # event 1 mentions Афганистан: only the phrase alerts; event 2 has the words in another order
    assert [(a[0], a[1]) for a in await alerts(db)] == [(2, "alert:2:1"), (1, "alert:1:2")]


async def test_alerted_events_are_exactly_what_search_finds(db: Database) -> None:
    queries = ["вода", "водных ресурсов", "безопасность", '"водных ресурсов"', "диалог -обсе", "Кошербаев"]
    for chat_id, text in enumerate(queries, start=1):
        await subscribe(db, chat_id, words_subscription(text))
    await ingest_inputs(db, [str(SAMPLES_DIR)])
    alerted = {chat: set() for chat in range(1, len(queries) + 1)}  # type: dict[int, set[int]]
    for chat_id, key, _ in await alerts(db):
        alerted[chat_id].add(int(key.rsplit(":", 1)[1]))
    for chat_id, text in enumerate(queries, start=1):
        found = await services.search(db, text, limit=20)
        assert {hit.event.id for hit in found.page.items} == alerted[chat_id], text
    assert alerted[1], "the sample corpus has water articles"


async def test_organisation_subscription_covers_its_sub_bodies(db: Database) -> None:
    await subscribe(db, 1, org_subscription("osce", "ОБСЕ"))
    await subscribe(db, 2, org_subscription("un", "ООН"))
    await ingest_inputs(db, [str(SAMPLES_DIR)])
    osce = await services.org_events(db, "ОБСЕ", limit=20)
    un = await services.org_events(db, "ООН", limit=20)
    by_chat: dict[int, set[int]] = {1: set(), 2: set()}
    for chat_id, key, _ in await alerts(db):
        by_chat[chat_id].add(int(key.rsplit(":", 1)[1]))
    assert by_chat[1] == {e.id for e in osce.page.items} and by_chat[1]
    assert by_chat[2] == {e.id for e in un.page.items}


async def test_person_subscription_alerts_on_their_statements(db: Database) -> None:
    text, meta = read_file(NOT_WATER)
    speaker = parse(text, meta).statements[0].speaker  # whoever extraction finds speaking there
    await subscribe(db, 1, person_subscription(surname_of(speaker), speaker))
    await ingest_inputs(db, [str(SAMPLES_DIR)])
    found = await alerts(db)
    assert found and all(speaker in text for _, _, text in found)
    speakers = await db.fetchall("SELECT DISTINCT event_id FROM statements WHERE speaker = ?", (speaker,))
    assert {int(key.rsplit(":", 1)[1]) for _, key, _ in found} == {r[0] for r in speakers}


async def test_inactive_subscriptions_are_not_alerted(db: Database) -> None:
    await subscribe(db, 1, words_subscription("вода"))
    async with db.transaction() as conn:
        await conn.execute("UPDATE subscriptions SET active = 0")
    await ingest_inputs(db, [str(WATER)])
    assert await alerts(db) == []


async def test_alert_text_is_escaped(db: Database) -> None:
    await subscribe(db, 1, words_subscription("вода"))
    parsed = article("Вода <b>& всё</b>", title="Заголовок <script>")
    async with db.transaction() as conn:
        await queue_alerts(conn, 1, parsed, "https://example.kz/?a=1&b=2")
    (alert,) = await alerts(db)
    assert "<script>" not in alert[2] and "&lt;b&gt;&amp; всё" in alert[2]
    assert 'href="https://example.kz/?a=1&amp;b=2"' in alert[2]


def article(statement: str, title: str | None = None) -> ParsedArticle:
    lem = lemmas(statement)
    st = Statement(speaker="Ермек Кошербаев", role="Министр", verb="сказал", text=statement, lemmas=lem)
    return ParsedArticle(
        path=None, url=None, title=title, published_at="2025-12-05", source="Test", location="Астана",
        statements=[st], text=statement, body_lemmas=lem, title_lemmas=lemmas(title or ""),
    )  # fmt: skip


def test_parse_query_is_the_matcher_used() -> None:
    assert parse_query("вода").matches(lemmas("водных ресурсов"))


async def test_chats_asking_the_same_query_share_one_stored_query(db: Database) -> None:
    for chat_id in (1, 2, 3):
        await subscribe(db, chat_id, words_subscription("вода"))
    await subscribe(db, 4, org_subscription("osce", "ОБСЕ"))
    await subscribe(db, 5, org_subscription("osce", "OSCE"))  # another name, the same organisation
    assert await db.scalar("SELECT count(*) FROM alert_queries") == 2
    async with db.transaction() as conn:
        assert await queue_alerts(conn, 1, article("Министр сказал о водных ресурсах."), "u") == 3


async def test_a_query_leaves_the_index_with_its_last_subscription(db: Database) -> None:
    await subscribe(db, 1, words_subscription("вода"))
    await subscribe(db, 2, words_subscription("вода"))
    (first,) = await repo.list_subscriptions(db, 1)
    (second,) = await repo.list_subscriptions(db, 2)
    assert await repo.remove_subscription(db, 1, first.id) == "вода"
    assert await db.scalar("SELECT count(*) FROM alert_query_keys") == 3  # вод, вода, water: chat 2 still asks it
    assert await repo.remove_subscription(db, 2, second.id) == "вода"
    assert await db.scalar("SELECT count(*) FROM alert_queries") == 0
    assert await db.scalar("SELECT count(*) FROM alert_query_keys") == 0


async def test_subscriptions_stored_before_migration_5_still_alert(tmp_path: Path) -> None:
    """A database of the previous schema (keys per subscription) is migrated without losing any."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
        for version, script in available_migrations():
            if version < 5:
                for statement in split_sql(script):
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
        for chat_id, query, kind, target, keys in [
            (1, "вода", "words", None, [("вод", 0), ("вода", 0)]),
            (2, "вода", "words", None, [("вод", 0), ("вода", 0)]),
            (3, "ОБСЕ", "org", "osce", [("org:osce", 0)]),
        ]:
            conn.execute(
                "INSERT INTO chats (id, type, created_at, updated_at) VALUES (?, 'private', 'x', 'x')", (chat_id,)
            )
            sub_id = conn.execute(
                "INSERT INTO subscriptions (chat_id, query, kind, target, terms_needed, created_at) "
                "VALUES (?, ?, ?, ?, 1, 'x')",
                (chat_id, query, kind, target),
            ).lastrowid
            conn.executemany(
                "INSERT INTO subscription_keys (key, subscription_id, term_no) VALUES (?, ?, ?)",
                [(key, sub_id, n) for key, n in keys],
            )
    db = await Database.open(path)
    try:
        assert await db.scalar("SELECT count(*) FROM alert_queries") == 2
        parsed = article("Министр сказал о водных ресурсах и ОБСЕ.")
        parsed.organizations.append(OrgMention(id="osce", name="ОБСЕ", mentions=1))
        async with db.transaction() as conn:
            assert await queue_alerts(conn, 1, parsed, "u") == 3
    finally:
        await db.close()


@pytest.mark.parametrize(
    "text",
    ["вода", "водных ресурсов", "вода -афганистан", "безопасность сотрудничество", "мир", "завод", "ес", "ООН",
     '"водных ресурсов"', "диалог -обсе", "водно-энергетический"],
)  # fmt: skip
def test_the_texts_an_article_offers_are_decided_as_the_matcher_decides_them(text: str) -> None:
    """Per-word masks over the article's texts (each statement, then title and body) give the matcher's answers."""
    query = parse_query(text)
    for path in sorted(SAMPLES_DIR.glob("*.txt")):
        parsed = parse(*read_file(path))
        texts = [st.lemmas for st in parsed.statements] + [parsed.title_lemmas + parsed.body_lemmas]
        expected = sum(1 << n for n, lem in enumerate(texts) if query.matches(lem))
        assert PreparedArticle.of(parsed).texts_matching(query) == expected, (text, path.name)


async def test_alert_keys_are_built_only_when_a_chat_subscribes(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """An article's keys (every lemma prefix) cost milliseconds: with no subscription, none are built."""
    from bot import alerts as alerts_module

    built = []
    real_keys = alerts_module.PreparedArticle.keys
    monkeypatch.setattr(alerts_module.PreparedArticle, "keys", lambda self: built.append(1) or real_keys(self))
    await ingest_inputs(db, [str(WATER)])
    assert built == [] and await alerts(db) == []
    await subscribe(db, 7, words_subscription("вода"))
    outcomes = await ingest_inputs(db, [str(SAMPLES_DIR)])
    assert built and len(built) == sum(o.status == "stored" for o in outcomes)
    async with db.transaction() as conn:  # and queue_alerts alone still finds the subscription
        assert await queue_alerts(conn, 99, article("Министр сказал о водных ресурсах."), "u") == 1


def english_article(text: str, speaker: str = "Kassym-Jomart Tokayev") -> ParsedArticle:
    lem = lemmas(text)
    st = Statement(speaker=speaker, role="President", verb="said", text=text, lemmas=lem)
    return ParsedArticle(
        path=None, url=None, title="Astana talks", published_at="2025-12-05", source="The Astana Times",
        location="Astana", lang="en", statements=[st], text=text, body_lemmas=lem,
    )  # fmt: skip


async def test_a_russian_keyword_alerts_on_an_english_article(db: Database) -> None:
    await subscribe(db, 1, words_subscription("климат"))
    await subscribe(db, 2, words_subscription("вода"))
    async with db.transaction() as conn:
        queued = await queue_alerts(conn, 1, english_article("Tokayev said climate change threatens the region."), "u")
    assert queued == 1
    assert [chat for chat, _, _ in await alerts(db)] == [1]  # water is not climate


async def test_an_english_keyword_does_not_alert_on_a_lookalike(db: Database) -> None:
    await subscribe(db, 1, words_subscription("water"))
    async with db.transaction() as conn:
        assert await queue_alerts(conn, 1, article("Водитель и руководство завода провели встречу."), "u") == 0
        assert await queue_alerts(conn, 2, article("Министр сказал о дефиците водных ресурсов."), "u") == 1


async def test_a_latin_spelling_subscribes_to_the_person_and_alerts_on_both_scripts(sample_db: Database) -> None:
    new = await plan_subscription(sample_db, "Tokayev")
    assert new is not None and (new.kind, new.target) == ("person", "токаев")
    await subscribe(sample_db, 1, new)
    async with sample_db.transaction() as conn:
        assert await queue_alerts(conn, 100, english_article("Kazakhstan supports dialogue."), "u") == 1
        other = english_article("Kazakhstan supports dialogue.", speaker="Vladimir Tokarev")
        assert await queue_alerts(conn, 101, other, "u") == 0


async def test_a_passing_mention_alerts_no_organisation_subscription(db: Database) -> None:
    await subscribe(db, 1, org_subscription("un", "ООН"))
    passing = article("Министр сказал, что встреча прошла на полях Генеральной Ассамблеи ООН.")
    passing.organizations = [OrgMention("un", "ООН", participant=False)]
    taking_part = article("Министр выступил в ООН.")
    taking_part.organizations = [OrgMention("un", "ООН")]
    async with db.transaction() as conn:
        assert await queue_alerts(conn, 1, passing, "u") == 0
        assert await queue_alerts(conn, 2, taking_part, "u") == 1


def test_alert_keys_and_lemmas_are_bounded_per_word() -> None:
    """A 1 MB "word" once built every one of its prefixes (24 GB); a word longer than MAX_WORD_CHARS
    (a run of hyphenated parts too) has no lemma, and no key is longer than that."""
    from bot.alerts import lemma_keys
    from bot.news.morph import MAX_WORD_CHARS, lemmas

    text = "Министр заявил " + "а" * 100_000 + " и " + "-".join(["вода"] * 30_000)
    found = lemmas(text)
    assert found == ["министр", "заявить", "и"]
    keys = lemma_keys([*found, "б" * 5_000])
    assert max(len(k) for k in keys) == MAX_WORD_CHARS
    assert len(keys) < 200
