"""Alerts, delivery and digests end to end: a real `python -m bot run` and real `python -m bot ingest`
processes against the Bot API stand-in."""

from __future__ import annotations

import signal
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import SAMPLES_DIR, run_newsbot
from tests.e2e.botapi_stub import BotAPIStub
from tests.e2e.process import BotProcess

pytestmark = pytest.mark.e2e

WATER = SAMPLES_DIR / "002_d6cb1d97acf587c2.txt"
NOT_WATER = SAMPLES_DIR / "004_6bdf971b0c5c3aaf.txt"
ALERT_MARK = "По подписке"


@pytest.fixture(scope="module")
def api() -> Iterator[BotAPIStub]:
    with BotAPIStub() as stub:
        yield stub


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("alerts")


@pytest.fixture(scope="module")
def bot_run(api: BotAPIStub, folder: Path) -> Iterator[BotProcess]:
    process = BotProcess(api, folder / "x.sqlite3", folder / "bot.log").start()
    try:
        yield process
    finally:
        process.stop()


def article_copy(source: Path, folder: Path, name: str) -> Path:
    """A new article (new url and text) with the sample's content."""
    path = folder / name
    path.write_text(source.read_text(encoding="utf-8") + f"\n\nРедакция: {name}.\n", encoding="utf-8")
    return path


def ingest(path: Path, folder: Path) -> str:
    done = run_newsbot("ingest", str(path), db_path=folder / "x.sqlite3")
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def alerts(api: BotAPIStub, chat_id: int) -> list[dict[str, object]]:
    return [m for m in api.messages(chat_id) if ALERT_MARK in str(m["text"])]


def subscribe(api: BotAPIStub, chat_id: int, words: str) -> None:
    answer = api.wait_reply(chat_id, f"/subscribe {words}")
    assert "оформлена" in str(answer[-1]["text"]), answer


def query(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path) as conn:
        return list(conn.execute(sql))


def test_one_alert_for_a_water_article_none_again_none_for_others(
    api: BotAPIStub, bot_run: BotProcess, folder: Path
) -> None:
    subscribe(api, 2001, "вода")
    ingest(article_copy(WATER, folder, "water1.txt"), folder)
    api.wait_for(lambda: alerts(api, 2001), 10, "the water alert within 10 s of the ingest")
    (alert,) = alerts(api, 2001)
    assert "«вода»" in str(alert["text"]) and "вод" in str(alert["text"]).lower()
    assert "уже есть" in ingest(folder / "water1.txt", folder)
    ingest(article_copy(NOT_WATER, folder, "other1.txt"), folder)
    time.sleep(3)
    assert len(alerts(api, 2001)) == 1


def test_429_on_the_first_send_delivers_once_after_the_wait(api: BotAPIStub, bot_run: BotProcess, folder: Path) -> None:
    subscribe(api, 2002, "водные ресурсы")
    api.fail_next("sendMessage", 429, retry_after=2)
    ingest(article_copy(WATER, folder, "water2.txt"), folder)
    api.wait_for(lambda: alerts(api, 2002), 20, "the alert after 429")
    time.sleep(1)
    attempts = [c for c in api.calls_of("sendMessage") if c.params.get("chat_id") in (2002, "2002")]
    assert [c.status for c in attempts][-2:] == [429, 200]
    assert attempts[-1].at - attempts[-2].at >= 1.9
    assert len(alerts(api, 2002)) == 1


def test_403_for_one_chat_the_others_still_get_theirs(api: BotAPIStub, bot_run: BotProcess, folder: Path) -> None:
    for chat in (2003, 2004, 2005):
        subscribe(api, chat, "ресурсы")
    api.blocked.add(2004)
    ingest(article_copy(WATER, folder, "water3.txt"), folder)
    api.wait_for(lambda: alerts(api, 2003) and alerts(api, 2005), 15, "alerts for the other chats")
    assert alerts(api, 2004) == []
    db_path = folder / "x.sqlite3"
    api.wait_for(lambda: query(db_path, "SELECT active FROM subscriptions WHERE chat_id = 2004") == [(0,)], 5)
    assert query(db_path, "SELECT active FROM subscriptions WHERE chat_id = 2003") == [(1,)]


def test_admins_only_set_digests_in_groups(api: BotAPIStub, bot_run: BotProcess) -> None:
    group = {"chat_type": "supergroup", "title": "Дипломаты"}
    refused = api.wait_reply(-3001, "/digest daily 09:00", user_id=71, **group)
    assert "только администраторы" in str(refused[-1]["text"])
    api.admins.add((-3001, 72))
    accepted = api.wait_reply(-3001, "/digest daily 09:00", user_id=72, **group)
    assert "каждый день в 09:00" in str(accepted[-1]["text"])


def test_a_digest_scheduled_ahead_arrives_once(api: BotAPIStub, bot_run: BotProcess, folder: Path) -> None:
    group = {"chat_type": "supergroup", "title": "Аналитики"}
    api.admins.add((-3002, 81))
    at = (datetime.now(ZoneInfo("Asia/Almaty")) + timedelta(seconds=8)).replace(microsecond=0)
    answer = api.wait_reply(-3002, f"/digest daily {at:%H:%M:%S}", user_id=81, **group)
    assert "каждый день" in str(answer[-1]["text"])

    def digests() -> list[dict[str, object]]:
        return [
            m for m in api.messages(-3002) if str(m["text"]).startswith("Дайджест:") and "Событий:" in str(m["text"])
        ]

    api.wait_for(digests, 30, "the scheduled digest")
    arrived = time.time()
    assert arrived >= at.timestamp() - 0.5
    time.sleep(4)
    assert len(digests()) == 1
    bot_run.stop()  # a restart right after the slot does not post it again
    restart(bot_run, api)
    time.sleep(3)
    assert len(digests()) == 1


def test_kill_9_with_500_queued_alerts_loses_nothing(tmp_path: Path) -> None:
    chats = list(range(10_001, 10_501))
    db_path = tmp_path / "x.sqlite3"
    with BotAPIStub() as api:
        bot = BotProcess(api, db_path, tmp_path / "bot.log").start()  # creates the database (and samples)
        try:
            bot.stop()
            with sqlite3.connect(db_path) as conn:  # 500 chats subscribed to «вода», as /subscribe stores them
                query_id = conn.execute(
                    "INSERT INTO alert_queries (kind, text, terms_needed) VALUES ('words', 'вода', 1)"
                ).lastrowid
                conn.executemany(
                    "INSERT INTO alert_query_keys (key, query_id, term_no) VALUES (?, ?, 0)",
                    [("вод", query_id), ("вода", query_id)],
                )
                for chat in chats:
                    conn.execute(
                        "INSERT INTO chats (id, type, created_at, updated_at) VALUES (?, 'private', 'x', 'x')", (chat,)
                    )
                    conn.execute(
                        "INSERT INTO subscriptions (chat_id, query, kind, query_id, created_at) "
                        "VALUES (?, 'вода', 'words', ?, 'x')",
                        (chat, query_id),
                    )
            done = run_newsbot("ingest", str(article_copy(WATER, tmp_path, "water.txt")), db_path=db_path)
            assert done.returncode == 0, done.stderr
            assert query(db_path, "SELECT count(*) FROM outbox WHERE status = 'pending'") == [(500,)]

            def delivered() -> int:
                return len([c for c in api.calls_of("sendMessage") if c.ok and int(c.params["chat_id"]) in set(chats)])

            bot.start()
            api.wait_for(lambda: delivered() >= 120, 30, "some alerts delivered")
            bot.stop(signal.SIGKILL)
            assert delivered() < 500
            restart(bot, api)
            api.wait_for(lambda: delivered() >= 500 and not pending(db_path), 60, "every alert delivered")
            time.sleep(1)
        finally:
            bot.stop()
        per_chat = Counter(int(c.params["chat_id"]) for c in api.calls_of("sendMessage") if c.ok)
    assert set(chats) <= set(per_chat)  # nothing lost
    repeats = sum(per_chat[c] - 1 for c in chats)
    assert repeats <= 1  # only the message in flight at the kill may repeat


def restart(bot: BotProcess, api: BotAPIStub) -> None:
    """Start the bot again and wait until the new process polls."""
    polls = len(api.calls_of("getUpdates"))
    bot.launch()
    api.wait_for(lambda: len(api.calls_of("getUpdates")) > polls, 120, "the restarted bot to poll")


def pending(db_path: Path) -> int:
    return int(query(db_path, "SELECT count(*) FROM outbox WHERE status = 'pending'")[0][0])  # type: ignore[call-overload]
