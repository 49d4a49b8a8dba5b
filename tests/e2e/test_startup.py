"""Starting and stopping cleanly: a malformed token, bad settings, a Bot API that does not answer yet.

Each test runs the real `python -m bot run` and checks its exit code, its stderr and that it ends.
"""

from __future__ import annotations

import signal
import socket
import time
from pathlib import Path

import pytest

from tests.conftest import run_newsbot
from tests.e2e.botapi_stub import BotAPIStub
from tests.e2e.process import BotProcess

pytestmark = pytest.mark.e2e
RETRY_LINE = "does not answer"


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_a_malformed_token_is_one_line_and_exit_2_with_nothing_opened(tmp_path: Path) -> None:
    db_path = tmp_path / "x.sqlite3"
    result = run_newsbot("run", db_path=db_path, timeout=60, BOT_TOKEN="abc")  # TimeoutExpired if it hangs
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "BOT_TOKEN" in line and "@BotFather" in line and "123456789:" in line
    assert not db_path.exists()  # the database is not even opened before the token is checked


@pytest.mark.parametrize(
    ("setting", "value", "allowed"),
    [
        ("LOG_LEVEL", "verbose", "DEBUG, INFO, WARNING, ERROR"),
        ("DATABASE_URL", "postgresql:///db", "нужен сервер"),
        ("DATABASE_URL", "postgresql://user@127.0.0.1:1/db", "PostgreSQL 127.0.0.1:1/db"),  # nothing listens
        ("DATABASE_URL", "mysql://x", "sqlite:///"),
        ("DATABASE_URL", "sqlite:////proc/x/db", "не удалось создать папку /proc/x"),
        ("TIMEZONE", "Mars/Olympus", "Asia/Almaty"),
        ("TIMEZONE", "../etc/passwd", "Asia/Almaty"),
        ("OWNER_ID", "abc", "целое число"),
        ("TELEGRAM_API_URL", "127.0.0.1:8081", "http://"),
        ("FETCH_ALLOW_PRIVATE", "maybe", "true или false"),
    ],
)
def test_a_bad_setting_is_one_line_naming_it_and_exit_2(tmp_path: Path, setting: str, value: str, allowed: str) -> None:
    env = {"BOT_TOKEN": "123:ABC", setting: value}
    result = run_newsbot("run", db_path=tmp_path / "x.sqlite3", timeout=60, **env)
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert setting in line and allowed in line, line


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_log(bot: BotProcess, text: str, count: int = 1, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while bot.log().count(text) < count:
        assert bot.proc is not None and bot.proc.poll() is None, f"exited:\n{bot.log()}"
        assert time.monotonic() < deadline, f"no {text!r} × {count} in time:\n{bot.log()}"
        time.sleep(0.1)


def test_an_unreachable_bot_api_is_retried_until_it_answers(tmp_path: Path) -> None:
    port = free_port()
    api = BotAPIStub(port=port)
    bot = BotProcess(api, tmp_path / "x.sqlite3", tmp_path / "bot.log", TELEGRAM_API_URL=f"http://127.0.0.1:{port}")
    bot.launch()
    try:
        wait_for_log(bot, RETRY_LINE, count=2)
        assert f"the Bot API at http://127.0.0.1:{port} does not answer" in bot.log()
        with api:
            api.wait_for(bot.polling_or_dead, 60, "the bot to start polling")
            (reply,) = api.wait_reply(1, "/help")
            assert "/latest" in reply["text"]
            assert bot.stop(signal.SIGTERM) == 0
    finally:
        bot.kill()
    assert "Traceback" not in bot.log() and "newsbot stopped" in bot.log()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_it_promptly_while_it_waits_for_the_bot_api(tmp_path: Path, sig: int) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    bot = BotProcess(BotAPIStub(), tmp_path / "x.sqlite3", tmp_path / "bot.log", TELEGRAM_API_URL=closed)
    bot.launch()
    try:
        wait_for_log(bot, RETRY_LINE, count=3)  # by now it waits 4 s before the next try
        started = time.monotonic()
        assert bot.stop(sig, timeout=10) == 0
        assert time.monotonic() - started < 3
    finally:
        bot.kill()
    log = bot.log()
    assert "stopped by a signal while starting" in log and "newsbot stopped" in log
    assert "Traceback" not in log
