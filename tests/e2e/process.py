"""Starting and stopping a real `python -m bot run` process against the Bot API stand-in."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Self

from bot import PROJECT_ROOT
from tests.e2e.botapi_stub import BotAPIStub


def database_url(db: Path | str) -> str:
    """A database file as a DATABASE_URL; a string is a DATABASE_URL already (SQLite or another backend)."""
    return db if isinstance(db, str) else f"sqlite:///{db}"


class BotProcess:
    """`python -m bot run` with BOT_TOKEN, TELEGRAM_API_URL and DATABASE_URL pointing at test things."""

    command: tuple[str, ...] = ("run",)
    ready_line = "Start polling"  # in the log once it serves updates (and its signal handlers are in place)

    def __init__(self, api: BotAPIStub, db: Path | str, log_path: Path, **env: str) -> None:
        self.api = api
        self.log_path = log_path
        no_feeds = log_path.parent / "no-feeds.toml"  # the bot must not poll the real sites from tests
        no_feeds.write_text("# no feeds\n", encoding="utf-8")
        self.env = {
            **os.environ,
            "FEEDS_FILE": str(no_feeds),
            "BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.url,
            "DATABASE_URL": database_url(db),
            "LOG_LEVEL": "INFO",
            **env,
        }
        self.proc: subprocess.Popen[bytes] | None = None

    def launch(self) -> subprocess.Popen[bytes]:
        """Start the process and return at once."""
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", *self.command], cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=log
            )
        return self.proc

    def start(self, timeout: float = 120) -> Self:
        """Start, and wait until it serves updates (its signal handlers are in place by then)."""
        self.launch()
        assert self.proc is not None
        try:
            self.api.wait_for(self.polling_or_dead, timeout, f"the bot to log {self.ready_line!r}")
        except AssertionError:
            self.kill()
            raise
        if self.proc.poll() is not None:
            raise AssertionError(f"newsbot run exited with {self.proc.returncode}:\n{self.log()}")
        return self

    def polling_or_dead(self) -> bool:
        dead = self.proc is not None and self.proc.poll() is not None
        return dead or self.ready_line in self.log()

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
        """Signal it and wait; killed (and the test fails later) if it does not stop in time."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
                raise AssertionError(f"newsbot run did not stop on signal {sig}:\n{self.log()}") from None
        return self.proc.returncode

    def kill(self) -> None:
        """Make sure the process is gone (for clean-up after a failure)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")
