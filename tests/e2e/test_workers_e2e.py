"""Three real `newsbot run --webhook` processes on one PostgreSQL database and the Bot API stand-in
(issue 14): every worker answers and delivers, within Telegram's limits taken together; each update
is answered once; one leads (digests, feeds); a `kill -9` costs at most one message twice; the
leader killed, another takes its jobs over.

The tests share the three workers and run in order (the last two kill one each)."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e.botapi_stub import BotAPIStub
from tests.e2e.webhook import post_update
from tests.e2e.workers import (
    LEADER_LINE,
    Deliveries,
    SiteThread,
    Workers,
    in_a_while,
    query,
    queue_alerts,
    schedule_digest,
)
from tests.pg import PgServer


@pytest.fixture(scope="module")
def api() -> Iterator[BotAPIStub]:
    with BotAPIStub() as stub:
        yield stub


@pytest.fixture(scope="module")
def workers(
    api: BotAPIStub, pg_server: PgServer, pg_template: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workers]:
    url = pg_server.create_database_sync(template=pg_template)
    cluster = Workers(api, url, tmp_path_factory.mktemp("workers")).start()
    try:
        yield cluster
    finally:
        cluster.stop()


def wait_delivered(api: BotAPIStub, expected: list[tuple[int, str]], timeout: float) -> Deliveries:
    chats = {chat for chat, _ in expected}

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.5)  # seldom: the stand-in's thread shares this process (and its GIL)
        delivered = Deliveries.of(api, chats)
        if delivered.lost(expected) == 0:
            return delivered
    raise AssertionError(f"{Deliveries.of(api, chats).lost(expected)} alerts not delivered in {timeout} s")


def test_one_worker_leads_and_all_three_deliver_1000_alerts_within_the_limits(
    api: BotAPIStub, workers: Workers
) -> None:
    assert len(workers.leaders()) == 1 and LEADER_LINE in workers.processes[0].log()
    expected = queue_alerts(workers.url, range(10_001, 10_201), 5, "a")  # 200 chats, 5 alerts each
    delivered = wait_delivered(api, expected, 150)
    time.sleep(1)
    delivered = Deliveries.of(api, {chat for chat, _ in expected})
    assert delivered.lost(expected) == 0 and delivered.duplicates() == 0
    assert delivered.most_in_a_second() <= 30, delivered.busiest_gaps()
    assert delivered.shortest_chat_gap() >= 1.0 - 0.01
    for chat in (10_001, 10_200):  # each chat's alerts in the order queued
        assert [t for c, t, _ in delivered.sends if c == chat] == [t for c, t in expected if c == chat]
    senders = query(workers.url, "SELECT count(DISTINCT claimed_by) FROM outbox WHERE status = 'sent'")[0][0]
    assert senders == 3  # every worker delivered its share


def test_1000_updates_from_200_users_posted_to_the_three_webhooks_in_turn_are_each_answered_once(
    api: BotAPIStub, workers: Workers
) -> None:
    users = range(30_001, 30_201)
    updates = [api.text_update("/latest 1", chat_id=user) for _ in range(5) for user in users]
    posts = [(workers.processes[n % 3], update) for n, update in enumerate(updates)]
    # every tenth is posted again to the next worker, as Telegram retries or a proxy hands it on
    posts += [(workers.processes[(n + 1) % 3], update) for n, update in enumerate(updates) if n % 10 == 0]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(lambda post: post_update(*post), posts)) == {200}
    for user in (users[0], users[-1]):
        api.wait_messages(user, 5, timeout=120)
    api.wait_for(lambda: all(len(api.messages(u)) >= 5 for u in users), 120, "every update answered")
    time.sleep(2)  # would any be answered twice?
    assert [len(api.messages(user)) for user in users] == [5] * len(users)
    assert all(m["text"].startswith("Последние события") for m in api.messages(users[7]))
    ids = [u["update_id"] for u in updates]
    taken = "SELECT count(*) FROM processed_updates WHERE update_id BETWEEN ? AND ?"
    assert query(workers.url, taken, min(ids), max(ids))[0][0] == 1000
    assert sum(p.log().count("was taken before: dropped") for p in workers.processes) == 100  # the repeats
    assert all(p.log().count("is handled") >= 300 for p in workers.processes)  # each answered its third


def test_a_digest_scheduled_a_minute_ahead_is_posted_once(api: BotAPIStub, workers: Workers) -> None:
    schedule_digest(workers.url, -700, in_a_while(60))
    api.wait_for(lambda: api.messages(-700), 100, "the digest")
    time.sleep(5)  # would a second worker post it again?
    queued = query(workers.url, "SELECT count(*) FROM outbox WHERE chat_id = -700 AND kind = 'digest'")[0][0]
    texts = [m["text"] for m in api.messages(-700)]
    assert queued >= 1 and len(texts) == queued and len(set(texts)) == queued


def test_kill_9_of_a_worker_loses_nothing_and_repeats_at_most_one(api: BotAPIStub, workers: Workers) -> None:
    expected = queue_alerts(workers.url, range(20_001, 20_201), 5, "k")
    chats = {chat for chat, _ in expected}
    api.wait_for(lambda: len(Deliveries.of(api, chats).sends) >= 250, 60, "a quarter delivered")
    victim = workers.processes[2]  # not the leader: the next test kills that one
    assert victim.proc is not None
    victim.proc.send_signal(signal.SIGKILL)
    victim.proc.wait(10)
    delivered = wait_delivered(api, expected, 200)  # the victim's claims come back when their lease lapses
    time.sleep(1)
    delivered = Deliveries.of(api, chats)
    assert delivered.lost(expected) == 0
    assert delivered.duplicates() <= 1
    assert delivered.most_in_a_second() <= 30, delivered.busiest_gaps()
    assert delivered.shortest_chat_gap() >= 1.0 - 0.01


def test_the_leader_killed_another_polls_feeds_and_posts_digests_within_a_minute(
    api: BotAPIStub, workers: Workers
) -> None:
    (leader,) = workers.leaders()
    follower = next(p for p in workers.alive() if p is not leader)
    with SiteThread() as site:
        # the old leader read the feeds file when it took over; its successor reads it afresh
        workers.feeds_file.write_text(
            f'[[feed]]\nname = "Kazinform"\nurl = "{site.base}/kazinform/rss.xml"\nkind = "rss"\nlang = "ru"\n'
            "interval_minutes = 15\n",
            encoding="utf-8",
        )
        schedule_digest(workers.url, -800, in_a_while(45))
        assert leader.proc is not None
        leader.proc.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        leader.proc.wait(10)
        api.wait_for(lambda: LEADER_LINE in follower.log(), 60, "the follower to take over")
        api.wait_for(lambda: site.count("/kazinform/rss.xml"), 60, "the new leader to poll the feed")
        polled_at = next(at for at, path, _ in site.requests if path == "/kazinform/rss.xml")
        assert polled_at - killed_at <= 60
        api.wait_for(lambda: api.messages(-800), 70, "the digest from the new leader")
        assert time.monotonic() - killed_at <= 60
    stored = query(workers.url, "SELECT count(*) FROM articles WHERE url LIKE ?", f"{site.base}/kazinform/%")[0][0]
    assert stored == 1  # the feed's article went in
