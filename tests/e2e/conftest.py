"""One Bot API stand-in and one real `newsbot run` process for the end-to-end tests of a module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.botapi_stub import BotAPIStub
from tests.e2e.process import BotProcess


@pytest.fixture(scope="module")
def api() -> Iterator[BotAPIStub]:
    with BotAPIStub() as stub:
        yield stub


@pytest.fixture(scope="module")
def bot_run(api: BotAPIStub, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    """A running bot on an empty database (it ingests the sample articles on start)."""
    folder = tmp_path_factory.mktemp("bot")
    process = BotProcess(api, folder / "x.sqlite3", folder / "bot.log").start()
    try:
        yield process
    finally:
        process.stop()
