"""All settings in one place, from the environment and `.env` (see .env.example)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot import DATA_DIR, PROJECT_ROOT


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    telegram_api_url: str | None = None
    database_url: str = "sqlite:///data/newsbot.sqlite3"
    timezone: str = "Asia/Almaty"
    feeds_file: Path | None = None
    owner_id: int | None = None
    log_level: str = "INFO"
    bot_contact_url: str | None = None  # in the User-Agent of every request to news sites

    @field_validator("bot_token", "telegram_api_url", "feeds_file", "owner_id", "bot_contact_url", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        ZoneInfo(value)  # raises for an unknown zone
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def database_path(self) -> Path:
        """`sqlite:///relative/path` is relative to the project folder, `sqlite:////abs` absolute."""
        url = self.database_url
        if not url.startswith("sqlite:///"):
            raise ValueError(f"DATABASE_URL must start with sqlite:///, got {url!r}")
        path = Path(url.removeprefix("sqlite:///"))
        return path if path.is_absolute() else PROJECT_ROOT / path

    @property
    def feeds_path(self) -> Path:
        return self.feeds_file or DATA_DIR / "feeds.toml"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
