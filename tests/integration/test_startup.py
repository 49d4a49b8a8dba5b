"""A fast first answer: `newsbot run` without a token imports no aiogram; read-only commands are quiet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3", "BOT_TOKEN": "", **env}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True)


def test_run_without_token_answers_before_importing_aiogram(tmp_path: Path) -> None:
    code = "import sys\nfrom bot.cli import main\ncode = main(['run'])\nprint(code, 'aiogram' in sys.modules)"
    done = run_python(code, tmp_path)
    assert done.stdout.split() == ["2", "False"]
    assert "BOT_TOKEN" in done.stderr and ".venv/bin/newsbot console" in done.stderr


def test_read_only_commands_import_neither_aiogram_nor_chatter(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom bot.cli import main\n"
        "main(['ingest', 'data/articles'])\nmain(['search', 'вода'])\nmain(['org', 'ОБСЕ'])\n"
        "print('AIOGRAM', 'aiogram' in sys.modules)"
    )
    done = run_python(code, tmp_path, LOG_LEVEL="INFO")
    assert "AIOGRAM False" in done.stdout
    assert "pymorphy3" not in done.stderr
    assert done.stderr.strip() == ""
