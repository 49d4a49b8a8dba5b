"""Delivery through three `newsbot run` workers on one PostgreSQL, beside one process on SQLite.

Run: .venv/bin/python -m tests.benchmarks.bench_workers [N_ALERTS]

Real processes (tests/e2e/workers.py) and the Bot API stand-in (tests/e2e/botapi_stub.py), which
records every sendMessage with its time. N_ALERTS (default 2,000) alerts are queued into the outbox
at once, five per chat; the figures are taken from what the stand-in accepted:
- sustained: messages a second from the first send to the last (Telegram's ceiling: 30/s);
- busiest second: the most sends in any 1-s window (≤ 30), and the shortest gap between two
  messages to one chat (≥ 1 s);
- lost (queued, never received) and duplicates (received more than once).
A third run kills one of the three workers (kill -9) when a quarter is delivered: its claimed
messages wait for their lease (30 s) and at most the one in flight is sent twice.
Target: ≥ 28 msg/s sustained, 0 lost, 0 duplicates (without a kill).
"""

from __future__ import annotations

import signal
import sys
import tempfile
import time
from pathlib import Path

from tests.e2e.botapi_stub import BotAPIStub
from tests.e2e.workers import Deliveries, Workers, queue_alerts
from tests.pg import PgServer


def deliver(url: str, folder: Path, n_workers: int, n_alerts: int, kill: bool = False) -> str:
    with BotAPIStub() as api:
        workers = Workers(api, url, folder, n=n_workers).start()
        try:
            expected = queue_alerts(url, range(1, n_alerts // 5 + 1), 5, "bench")
            chats = {chat for chat, _ in expected}
            started = time.monotonic()
            killed = False
            while True:
                time.sleep(0.5)
                delivered = Deliveries.of(api, chats)
                if kill and not killed and len(delivered.sends) >= n_alerts // 4:
                    victim = workers.processes[-1].proc
                    assert victim is not None
                    victim.send_signal(signal.SIGKILL)
                    killed = True
                if delivered.lost(expected) == 0 or time.monotonic() - started > n_alerts / 10 + 120:
                    break
            time.sleep(1)
            delivered = Deliveries.of(api, chats)
        finally:
            workers.stop()
    times = sorted(at for _, _, at in delivered.sends)
    return (
        f"{len(delivered.sends)} sends in {times[-1] - times[0]:.1f} s: {delivered.steady_rate():.1f} msg/s sustained; "
        f"busiest second {delivered.most_in_a_second()}; shortest gap in a chat {delivered.shortest_chat_gap():.2f} s; "
        f"lost {delivered.lost(expected)}, duplicates {delivered.duplicates()}"
    )


def main() -> None:
    n_alerts = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    print(f"{n_alerts} alerts, 5 per chat, queued at once")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "sqlite").mkdir()
        sqlite = deliver(f"sqlite:///{folder / 'sqlite' / 'bench.sqlite3'}", folder / "sqlite", 1, n_alerts)
        print(f"SQLite, one process: {sqlite}", flush=True)
        server = PgServer.start()
        try:
            for label, kill in (("", False), (", one killed", True)):
                sub = folder / f"pg{int(kill)}"
                sub.mkdir()
                figures = deliver(server.create_database_sync(), sub, 3, n_alerts, kill=kill)
                print(f"PostgreSQL, three workers{label}: {figures}", flush=True)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
