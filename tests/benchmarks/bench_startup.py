"""Whole-process time of the first answer: `newsbot run` without a token, and the read-only commands.

    python -m tests.benchmarks.bench_startup [ROUNDS]

Each command runs ROUNDS times (default 5) as a fresh `python -m bot` process against a temporary
database holding the sample articles; prints the median and the worst wall time, and whether
anything appeared on stderr (library chatter) at the default log level.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = [
    (["run"], 1.0),
    (["latest"], 1.5),
    (["org", "ОБСЕ"], 1.5),
    (["search", "вода"], 1.5),
    (["person", "Токаев"], 1.5),
    (["event", "1"], 1.5),
]


def timed(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, done.stderr if args != ["run"] else ""


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "BOT_TOKEN": "", "LOG_LEVEL": "INFO"}
        subprocess.run([sys.executable, "-m", "bot", "ingest", "data/articles"], cwd=ROOT, env=env,
                       capture_output=True, check=True)
        print(f"{'command':<22} {'median':>8} {'worst':>8} {'target':>7}  stderr")
        for args, target in COMMANDS:
            runs = [timed(args, env) for _ in range(rounds)]
            times = [t for t, _ in runs]
            chatter = next((err.strip().splitlines()[0] for _, err in runs if err.strip()), "")
            print(
                f"newsbot {' '.join(args):<14} {statistics.median(times):>7.2f}s {max(times):>7.2f}s "
                f"{target:>6.1f}s  {chatter[:60] or 'empty'}"
            )


if __name__ == "__main__":
    main()
