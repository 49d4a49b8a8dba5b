"""Webhook workers for the end-to-end tests: real `python -m bot run --webhook` processes, any number of
them on one database (a DATABASE_URL: SQLite here, PostgreSQL as well), and updates posted to worker k
as Telegram, or a load balancer in front of the workers, would.

    workers = start_webhook_workers(api, "sqlite:////tmp/x.sqlite3", tmp_path, count=2)
    post_update(workers[1], api.text_update("/latest 1", chat_id=5))   # → 200
    api.wait_messages(5, 1)
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tests.e2e.botapi_stub import BotAPIStub
from tests.e2e.process import BotProcess

WEBHOOK_URL = "https://newsbot.example/telegram/hook"
SECRET = "s3cret_Token-1"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class WebhookWorker(BotProcess):
    """`python -m bot run --webhook`, listening on 127.0.0.1 on a port of its own."""

    command = ("run", "--webhook")
    ready_line = "webhook: listening"

    def __init__(
        self,
        api: BotAPIStub,
        db: Path | str,
        log_path: Path,
        *,
        url: str = WEBHOOK_URL,
        secret: str = SECRET,
        port: int | None = None,
        **env: str,
    ) -> None:
        self.port = port or free_port()
        self.secret = secret
        env = {"WEBHOOK_URL": url, "WEBHOOK_SECRET": secret, "WEBHOOK_HOST": "127.0.0.1",
               "WEBHOOK_PORT": str(self.port), **env}  # fmt: skip
        super().__init__(api, db, log_path, **env)

    @property
    def endpoint(self) -> str:
        path = self.env.get("WEBHOOK_PATH") or "/" + self.env["WEBHOOK_URL"].split("://", 1)[1].partition("/")[2]
        return f"http://127.0.0.1:{self.port}{path}"


def start_webhook_workers(
    api: BotAPIStub, db: Path | str, folder: Path, count: int, timeout: float = 180, **env: str
) -> list[WebhookWorker]:
    """`count` workers on one database, logging to folder/worker-K.log. The first starts alone (it
    creates the database and ingests the sample articles), the others together once it serves."""
    workers = [WebhookWorker(api, db, folder / f"worker-{k}.log") for k in range(count)]
    for worker in workers:
        worker.env.update(env)
    try:
        workers[0].start(timeout)
        for worker in workers[1:]:
            worker.launch()
        for worker in workers[1:]:
            api.wait_for(worker.polling_or_dead, timeout, f"{worker.log_path.name} to serve")
            if worker.proc is not None and worker.proc.poll() is not None:
                raise AssertionError(f"{worker.log_path.name} exited:\n{worker.log()}")
    except BaseException:
        for worker in workers:
            worker.kill()
        raise
    return workers


def post_update(worker: WebhookWorker, update: dict[str, Any], secret: str | None = "") -> int:
    """POST an update to the worker's webhook as Telegram does; the HTTP status it answered with.
    `secret`: "" for the worker's own, None for no secret header, else the header sent."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret or worker.secret
    request = urllib.request.Request(worker.endpoint, json.dumps(update).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
