"""`newsbot run` starting, ingesting on an empty database, stopping on signals, refusing bad tokens."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run_newsbot
from tests.e2e.botapi_stub import BotAPIStub
from tests.e2e.process import BotProcess

pytestmark = pytest.mark.e2e


def test_without_a_token_it_explains_and_exits_2(tmp_path: Path) -> None:
    result = run_newsbot("run", db_path=tmp_path / "x.sqlite3", timeout=60)
    assert result.returncode == 2
    assert "@BotFather" in result.stderr and "BOT_TOKEN" in result.stderr and ".env" in result.stderr
    assert "newsbot console" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_rejected_token_is_explained(tmp_path: Path) -> None:
    with BotAPIStub(token="999:OTHER") as api:
        bot = BotProcess(api, tmp_path / "x.sqlite3", tmp_path / "bot.log")
        bot.env["BOT_TOKEN"] = "123:WRONG"
        try:
            assert bot.launch().wait(60) == 2
        finally:
            bot.kill()
        assert "401" in bot.log() and "@BotFather" in bot.log()
        assert "Traceback" not in bot.log()


def test_first_start_ingests_samples_then_stops_cleanly(tmp_path: Path) -> None:
    db_path = tmp_path / "x.sqlite3"
    with BotAPIStub() as api:
        first = BotProcess(api, db_path, tmp_path / "first.log").start()
        try:
            (reply,) = api.wait_reply(1, "/latest 1")
            assert reply["text"].startswith("Последние события")
        finally:
            assert first.stop(signal.SIGINT) == 0
        assert "ingested 5 of 5 sample articles" in first.log()
        assert "newsbot stopped" in first.log()
        with sqlite3.connect(db_path) as conn:
            events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        assert events >= 4

        second = BotProcess(api, db_path, tmp_path / "second.log").start()
        assert second.stop(signal.SIGTERM) == 0
        assert "ingesting" not in second.log()
        assert "newsbot stopped" in second.log()
    assert "Traceback" not in first.log() + second.log()
