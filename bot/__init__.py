"""newsbot: a Telegram bot that follows Kazakhstan's foreign policy in the news."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
