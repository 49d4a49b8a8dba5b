"""Webhook settings, the update claim, its pruning, and setting the webhook only when it differs."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from bot.app import build_bot, ensure_webhook, leave_webhook
from bot.config import Settings, settings_problem
from bot.middlewares import OnceMiddleware
from storage.db import Database
from storage.updates import WEBHOOK_SECRET_KEY, claim_update, forget_old_updates
from tests.conftest import run_newsbot
from tests.e2e.botapi_stub import BotAPIStub
from tests.unit.handler_harness import Harness

URL = "https://bot.example/tg/hook"


def settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.mark.parametrize("secret", ["a b", "x" * 257, "секрет", "tok;en", "a/b"])
def test_a_bad_secret_is_named_in_one_russian_line_without_its_value(secret: str) -> None:
    with pytest.raises(ValidationError) as caught:
        settings(webhook_url=URL, webhook_secret=secret)
    problem = settings_problem(caught.value)
    assert problem.startswith("Ошибка в настройках: WEBHOOK_SECRET — ") and "\n" not in problem
    assert "1 до 256" in problem and secret not in problem


@pytest.mark.parametrize("secret", ["a", "x" * 256, "Az_09-"])
def test_a_good_secret_is_kept(secret: str) -> None:
    value = settings(webhook_url=URL, webhook_secret=secret).webhook_secret
    assert value is not None and value.get_secret_value() == secret


@pytest.mark.parametrize(
    ("name", "value"),
    [("webhook_url", "http://bot.example/hook"), ("webhook_url", "bot.example"), ("webhook_port", 0),
     ("webhook_port", 70000), ("webhook_path", "hook")],
)  # fmt: skip
def test_other_bad_webhook_settings_are_named(name: str, value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        settings(**{name: value})
    assert name.upper() in settings_problem(caught.value)


def test_the_path_comes_from_the_url_unless_set() -> None:
    assert settings(webhook_url=URL).webhook_route == "/tg/hook"
    assert settings(webhook_url="https://bot.example").webhook_route == "/"
    assert settings(webhook_url=URL, webhook_path="/inside").webhook_route == "/inside"
    defaults = settings()
    assert (defaults.webhook_host, defaults.webhook_port) == ("0.0.0.0", 8080)


def test_webhook_mode_needs_a_url_and_a_secret() -> None:
    assert settings().webhook_problem(wanted=False) is None
    both = settings().webhook_problem(wanted=True)
    assert both is not None and "WEBHOOK_URL и WEBHOOK_SECRET" in both
    secret = settings(webhook_url=URL).webhook_problem(wanted=False)  # WEBHOOK_URL alone asks for a webhook
    assert secret is not None and "WEBHOOK_SECRET" in secret and "WEBHOOK_URL" not in secret
    assert settings(webhook_url=URL, webhook_secret="s").webhook_problem(wanted=True) is None


@pytest.mark.parametrize(
    ("env", "named"),
    [({}, "WEBHOOK_URL и WEBHOOK_SECRET"), ({"WEBHOOK_URL": URL, "WEBHOOK_SECRET": "bad secret"}, "WEBHOOK_SECRET")],
)
def test_run_webhook_with_bad_settings_exits_2_with_one_line(tmp_path: Path, env: dict[str, str], named: str) -> None:
    full = {"WEBHOOK_URL": "", "WEBHOOK_SECRET": "", "BOT_TOKEN": "123:ABC", **env}
    result = run_newsbot("run", "--webhook", db_path=tmp_path / "x.sqlite3", timeout=60, **full)
    assert result.returncode == 2
    assert named in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "bad secret" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.sqlite3").exists()  # refused before anything was opened


async def test_an_update_id_is_claimed_once(db: Database) -> None:
    assert await claim_update(db, 7) is True
    assert await claim_update(db, 7) is False
    assert await claim_update(db, 8) is True


async def test_two_connections_racing_for_the_same_ids_claim_each_once(db: Database) -> None:
    other = await Database.open(db.url)  # as a second worker on the same database
    try:
        ids = range(1000, 1050)
        results = await asyncio.gather(*(claim_update(d, i) for i in ids for d in (db, other)))
    finally:
        await other.close()
    assert sum(results) == len(ids)
    assert await db.scalar("SELECT count(*) FROM processed_updates") == len(ids)


async def test_claims_older_than_two_days_are_forgotten(db: Database) -> None:
    old = (datetime.now(UTC) - timedelta(days=2, minutes=1)).isoformat(timespec="seconds")
    recent = (datetime.now(UTC) - timedelta(days=1, hours=23)).isoformat(timespec="seconds")
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO processed_updates VALUES (1, ?), (2, ?)", (old, recent))
    assert await claim_update(db, 3)
    assert await forget_old_updates(db) == 1
    assert [r[0] for r in await db.fetchall("SELECT update_id FROM processed_updates ORDER BY 1")] == [2, 3]
    assert await claim_update(db, 1)  # forgotten: it would be answered again


async def test_a_repeated_update_reaches_no_handler(db: Database) -> None:
    harness = Harness(db)
    harness.dp.update.outer_middleware(OnceMiddleware())
    sender = {"id": 5, "is_bot": False, "first_name": "Тест"}
    chat = {"id": 5, "type": "private", "first_name": "Тест"}
    message = {"message_id": 1, "date": 0, "chat": chat, "from": sender, "text": "/start"}
    update = {"update_id": 99, "message": message}
    assert await harness.feed(update)
    assert await harness.feed(update) == []
    assert await harness.feed({**update, "update_id": 100})  # a new id is answered


async def test_the_webhook_is_set_only_when_it_differs(db: Database) -> None:
    with BotAPIStub() as api:
        base = {"bot_token": api.token, "telegram_api_url": api.url, "webhook_url": URL, "webhook_secret": "one"}
        bot = build_bot(settings(**base))
        try:
            assert await ensure_webhook(bot, db, settings(**base), ["message"]) is True
            assert await ensure_webhook(bot, db, settings(**base), ["message"]) is False  # a restart
            assert await ensure_webhook(bot, db, settings(**{**base, "webhook_secret": "two"}), ["message"]) is True
            assert await ensure_webhook(bot, db, settings(**{**base, "webhook_url": URL + "2"}), ["message"]) is True
            assert await ensure_webhook(bot, db, settings(**{**base, "webhook_url": URL + "2"}), ["message"]) is False
            new_types = ["message", "callback_query"]
            assert await ensure_webhook(bot, db, settings(**{**base, "webhook_url": URL + "2"}), new_types) is True
            sets = api.calls_of("setWebhook")
            assert [c.params["secret_token"] for c in sets] == ["one", "two", "one", "one"]
            assert api.webhook["url"] == URL + "2"
            stored = await db.scalar("SELECT value FROM settings_kv WHERE key = ?", (WEBHOOK_SECRET_KEY,))
            assert stored == hashlib.sha256(b"one").hexdigest()  # a digest: the secret itself is not kept

            await leave_webhook(bot)
            await leave_webhook(bot)  # none set any more: nothing to delete
            assert len(api.calls_of("deleteWebhook")) == 1 and api.webhook == {}
        finally:
            await bot.session.close()
