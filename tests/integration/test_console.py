"""`newsbot console`: the real dispatcher in a terminal, with what it queues for its own chat shown."""

from __future__ import annotations

import io
import re
import sqlite3
from pathlib import Path

import pytest

from bot.config import Settings
from bot.console import CONSOLE_USER_ID, run_console


async def console(lines: str, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    out = io.StringIO()
    assert await run_console(Settings(database_url=f"sqlite:///{db_path}", feeds_file=""), out) == 0
    return out.getvalue()


async def test_digest_now_is_shown_once_and_then_there_is_nothing_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = tmp_path / "console.sqlite3"
    text = await console("/digest now\n/digest now\n", db_path, monkeypatch)
    first, second = text.split("> /digest now")[1:]
    assert "Дайджест:" in first and "ОБСЕ" in first  # the samples are ingested on first start
    assert "Новых событий нет" in second and "Дайджест:" not in second
    with sqlite3.connect(db_path) as conn:
        statuses = conn.execute("SELECT DISTINCT status FROM outbox WHERE chat_id = ?", (CONSOLE_USER_ID,)).fetchall()
    assert statuses == [("sent",)]


async def test_other_chats_messages_are_left_to_the_bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db_path = tmp_path / "console.sqlite3"
    await console("/help\n", db_path, monkeypatch)  # creates the database
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO outbox (chat_id, kind, dedupe_key, text, next_attempt_at, created_at) "
            "VALUES (-100, 'alert', 'alert:-100:1', 'для группы', 'x', 'x')"
        )
    text = await console("/help\n", db_path, monkeypatch)
    assert "для группы" not in text
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT status FROM outbox WHERE chat_id = -100").fetchall() == [("pending",)]


async def test_subscriptions_and_an_unknown_channel_get_clear_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = "/subscribe ОБСЕ\n/subscribe Токаеву\n/channel @nosuchchannel daily 09:00\n"
    text = await console(lines, tmp_path / "console.sqlite3", monkeypatch)
    assert "новые события об этой организации" in text
    assert "Касым-Жомарт Токаев» (человек) оформлена: новые заявления этого человека" in text
    assert "Канал «@nosuchchannel» не найден" in text and "Что-то пошло не так" not in text


async def test_the_journalists_answers_in_the_console(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "/search вода\nПодробнее 2\n/org ОБСЕ 2024\n/person Tokayev\n/org Красный Крест\n/START\n"
    text = await console(lines, tmp_path / "console.sqlite3", monkeypatch)
    search, details, org, person, red_cross, start = re.split(r"(?m)^> ", text)[1:]
    assert "новые сверху" in search and "[Подробнее 1]" in search and "водных" in search
    assert "Событие №" in details and "Заявления (" in details and "Ержан Ашикбаев" in details
    assert "(2024 год)" in org and "Мальта" in org and "Вена" not in org
    assert "Касым-Жомарт Токаев" in person
    assert "МККК: последние события" in red_cross
    assert "Здравствуйте" in start
