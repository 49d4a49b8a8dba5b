"""`newsbot run --webhook`: real worker processes on one database (SQLite; the last test PostgreSQL),
updates posted to their webhooks.

Answered with the right secret, refused without it; an update posted twice, or to two workers, is
answered once; the webhook is set once, again only when the secret changes, and never deleted by a
worker stopping; polling deletes it first."""

from __future__ import annotations

import signal
import socket
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.botapi_stub import BotAPIStub
from tests.e2e.process import BotProcess
from tests.e2e.webhook import SECRET, WEBHOOK_URL, WebhookWorker, post_update, start_webhook_workers

pytestmark = pytest.mark.e2e


@dataclass
class Pair:
    api: BotAPIStub
    db_path: Path
    folder: Path
    workers: list[WebhookWorker]


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    """Two webhook workers on one SQLite file (the tests run in order: the last ones stop and restart them)."""
    folder = tmp_path_factory.mktemp("webhook")
    db_path = folder / "x.sqlite3"
    with BotAPIStub() as api:
        workers = start_webhook_workers(api, db_path, folder, count=2)
        try:
            yield Pair(api, db_path, folder, workers)
        finally:
            for worker in workers:
                worker.kill()


def claimed(db_path: Path, update_id: int) -> bool:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,)).fetchone() is not None


def test_the_first_worker_sets_the_webhook_and_the_second_finds_it_set(pair: Pair) -> None:
    (call,) = pair.api.calls_of("setWebhook")
    assert call.params["url"] == WEBHOOK_URL and call.params["secret_token"] == SECRET
    assert "message" in call.params["allowed_updates"] and "callback_query" in call.params["allowed_updates"]
    assert str(call.params.get("drop_pending_updates", "false")).lower() == "false"
    assert len(pair.api.calls_of("getWebhookInfo")) == 2
    assert "webhook already set" in pair.workers[1].log()
    assert not pair.api.calls_of("deleteWebhook") and not pair.api.calls_of("getUpdates")


def test_an_update_with_the_secret_is_answered(pair: Pair) -> None:
    assert post_update(pair.workers[0], pair.api.text_update("/latest 1", chat_id=501)) == 200
    (reply,) = pair.api.wait_messages(501, 1, timeout=60)
    assert reply["text"].startswith("Последние события")


def test_a_wrong_or_missing_secret_is_refused_and_not_answered(pair: Pair) -> None:
    wrong = pair.api.text_update("/latest 1", chat_id=502)
    missing = pair.api.text_update("/start", chat_id=502)
    assert post_update(pair.workers[0], wrong, secret="not-the-secret") == 401
    assert post_update(pair.workers[1], missing, secret=None) == 401
    right = pair.api.text_update("/latest 2", chat_id=502)
    assert post_update(pair.workers[0], right) == 200
    pair.api.wait_messages(502, 1, timeout=60)
    (reply,) = pair.api.settle(502, 0, quiet=1.0)
    assert reply["text"].startswith("Последние события")
    assert claimed(pair.db_path, right["update_id"])
    assert not claimed(pair.db_path, wrong["update_id"]) and not claimed(pair.db_path, missing["update_id"])


def test_the_same_update_posted_twice_is_answered_once(pair: Pair) -> None:
    update = pair.api.text_update("/latest 1", chat_id=503)
    assert post_update(pair.workers[0], update) == 200
    assert post_update(pair.workers[0], update) == 200  # Telegram retrying: accepted, not answered again
    pair.api.wait_messages(503, 1, timeout=60)
    assert len(pair.api.settle(503, 0, quiet=1.0)) == 1
    pair.api.wait_for(lambda: f"update {update['update_id']} was taken before" in pair.workers[0].log(), 10)


def test_updates_posted_to_both_workers_at_once_are_answered_once(pair: Pair) -> None:
    chats = range(510, 520)
    updates = [pair.api.text_update("/latest 1", chat_id=chat) for chat in chats]
    posts = [(worker, update) for update in updates for worker in pair.workers]
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda p: post_update(*p), posts))
    assert statuses == [200] * len(posts)
    for chat in chats:
        pair.api.wait_messages(chat, 1, timeout=60)
    pair.api.settle(chats[-1], 0, quiet=1.0)
    assert [len(pair.api.messages(chat)) for chat in chats] == [1] * len(chats)
    dropped = sum(w.log().count("was taken before") for w in pair.workers)
    assert dropped >= len(updates)  # each update: one worker answered, the other dropped it (+1 from before)


def test_a_stop_deletes_no_webhook_and_a_restart_sets_none(pair: Pair) -> None:
    first = pair.workers[1]
    assert first.stop(signal.SIGTERM) == 0
    assert "newsbot stopped" in first.log()
    assert not pair.api.calls_of("deleteWebhook")
    again = WebhookWorker(pair.api, pair.db_path, pair.folder / "again.log").start(180)
    pair.workers.append(again)
    assert "webhook already set" in again.log()
    assert len(pair.api.calls_of("setWebhook")) == 1
    assert post_update(again, pair.api.text_update("/latest 1", chat_id=530)) == 200
    pair.api.wait_messages(530, 1, timeout=60)
    assert again.stop(signal.SIGINT) == 0
    assert pair.workers[0].stop(signal.SIGTERM) == 0
    assert not pair.api.calls_of("deleteWebhook")
    assert all("Traceback" not in w.log() for w in pair.workers)


def test_a_new_secret_sets_the_webhook_again_and_polling_deletes_it(pair: Pair) -> None:
    changed = WebhookWorker(pair.api, pair.db_path, pair.folder / "changed.log", secret="another_secret").start(180)
    pair.workers.append(changed)
    assert changed.stop() == 0
    calls = pair.api.calls_of("setWebhook")
    assert len(calls) == 2 and calls[-1].params["secret_token"] == "another_secret"

    polling = BotProcess(pair.api, pair.db_path, pair.folder / "polling.log").start(180)
    try:
        assert "deleting it to poll" in polling.log()
        (call,) = pair.api.calls_of("deleteWebhook")
        assert str(call.params.get("drop_pending_updates", "false")).lower() == "false"
        (reply,) = pair.api.wait_reply(540, "/latest 1", timeout=60)  # polling answers once the webhook is gone
        assert reply["text"].startswith("Последние события")
    finally:
        assert polling.stop() == 0


def test_a_taken_port_is_explained_and_exits_2(tmp_path: Path) -> None:
    with BotAPIStub() as api, socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        worker = WebhookWorker(api, tmp_path / "x.sqlite3", tmp_path / "bot.log", port=taken.getsockname()[1])
        try:
            assert worker.launch().wait(180) == 2
        finally:
            worker.kill()
    assert "Не удалось открыть порт webhook 127.0.0.1:" in worker.log()
    assert "Traceback" not in worker.log() and "newsbot stopped" in worker.log()


def test_two_workers_on_one_postgresql_database_answer_each_update_once(pg_url: str, tmp_path: Path) -> None:
    with BotAPIStub() as api:
        workers = start_webhook_workers(api, pg_url, tmp_path, count=2)
        try:
            chats = range(610, 620)
            updates = [api.text_update("/latest 1", chat_id=chat) for chat in chats]
            posts = [(worker, update) for update in updates for worker in workers]
            with ThreadPoolExecutor(max_workers=8) as pool:
                assert list(pool.map(lambda p: post_update(*p), posts)) == [200] * len(posts)
            for chat in chats:
                api.wait_messages(chat, 1, timeout=60)
            api.settle(chats[-1], 0, quiet=1.0)
            assert [len(api.messages(chat)) for chat in chats] == [1] * len(chats)
            assert len(api.calls_of("setWebhook")) == 1
            assert [w.stop() for w in workers] == [0, 0]
            assert not api.calls_of("deleteWebhook")
        finally:
            for worker in workers:
                worker.kill()
    assert all("Traceback" not in w.log() for w in workers)
