"""All settings in one place, from the environment and `.env` (see .env.example)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot import DATA_DIR, PROJECT_ROOT
from storage.db import is_postgresql_url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    telegram_api_url: str | None = None
    database_url: str = "sqlite:///data/newsbot.sqlite3"
    timezone: str = "Asia/Almaty"
    feeds_file: Path | None = None
    owner_id: int | None = None
    log_level: str = "INFO"
    fetch_allow_private: bool = False  # fetch loopback and private addresses too (local testing only)
    bot_contact_url: str | None = None  # in the User-Agent of every request to news sites
    webhook_url: str | None = None  # set: `newsbot run` takes updates on a webhook instead of polling
    webhook_secret: SecretStr | None = None  # required with a webhook; Telegram sends it in a header
    webhook_host: str = "0.0.0.0"
    webhook_port: int = 8080
    webhook_path: str | None = None  # where the worker listens; by default the path of WEBHOOK_URL

    @field_validator(
        "bot_token", "telegram_api_url", "feeds_file", "owner_id", "bot_contact_url", "webhook_url",
        "webhook_secret", "webhook_path", mode="before",
    )  # fmt: skip
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("telegram_api_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"https?://[^\s/?#]+(/\S*)?", value):
            raise ValueError("допустимо: адрес сервера Bot API вида http://127.0.0.1:8081 или пусто")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _https_url(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"https://[^\s/?#]+(/[^\s?#]*)?", value):
            raise ValueError("нужен публичный адрес https://, на который Telegram шлёт обновления, или пусто")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("допустимо: от 1 до 256 знаков A-Z a-z 0-9 _ -")
        return value

    @field_validator("webhook_port")
    @classmethod
    def _tcp_port(cls, value: int) -> int:
        if not 1 <= value <= 65535:
            raise ValueError("нужен порт от 1 до 65535")
        return value

    @field_validator("webhook_path")
    @classmethod
    def _url_path(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"/[^\s?#]*", value):
            raise ValueError("нужен путь, начинающийся с /, например /telegram")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("нужен часовой пояс из базы IANA, например Asia/Almaty, Europe/Moscow, UTC") from None
        return value

    @field_validator("log_level")
    @classmethod
    def _known_log_level(cls, value: str) -> str:
        if value.upper() not in LOG_LEVELS:
            raise ValueError(f"допустимо: {', '.join(LOG_LEVELS)}")
        return value.upper()

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        if is_postgresql_url(value):
            if not urlsplit(value).hostname and "host=" not in value:
                raise ValueError("в адресе PostgreSQL нужен сервер: postgresql://пользователь:пароль@сервер:5432/база")
            return value
        if not value.startswith("sqlite:///") or not value.removeprefix("sqlite:///").strip("/"):
            raise ValueError(
                "допустимо: sqlite:///путь/от/папки/проекта, sqlite:////абсолютный/путь "
                "или postgresql://пользователь:пароль@сервер:5432/база"
            )
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def database_target(self) -> Path | str:
        """What `Database.open` takes: a PostgreSQL URL, or the SQLite file (`sqlite:///relative/path`
        is relative to the project folder, `sqlite:////abs` absolute)."""
        url = self.database_url
        if is_postgresql_url(url):
            return url
        path = Path(url.removeprefix("sqlite:///"))
        return path if path.is_absolute() else PROJECT_ROOT / path

    @property
    def database_label(self) -> str:
        """The database as logs and errors name it: the file, or the server and database without the password."""
        if is_postgresql_url(self.database_url):
            parts = urlsplit(self.database_url)
            return f"PostgreSQL {parts.hostname or ''}:{parts.port or 5432}{parts.path}"
        return str(self.database_target)

    @property
    def webhook_route(self) -> str:
        """The path the worker listens on: WEBHOOK_PATH, else the path of WEBHOOK_URL, else /."""
        if self.webhook_path:
            return self.webhook_path
        return urlsplit(self.webhook_url or "").path or "/"

    def webhook_problem(self, wanted: bool) -> str | None:
        """Why webhook mode (`wanted`: run --webhook, or WEBHOOK_URL set) can't start; None when it can."""
        if not (wanted or self.webhook_url):
            return None
        missing = [name for name, value in (("WEBHOOK_URL", self.webhook_url), ("WEBHOOK_SECRET", self.webhook_secret))
                   if value is None]  # fmt: skip
        if missing:
            return (f"Ошибка в настройках: для режима webhook нужны {' и '.join(missing)} — адрес https://, "
                    "на который Telegram шлёт обновления, и секрет из 1–256 знаков A-Z a-z 0-9 _ -")  # fmt: skip
        return None

    @property
    def feeds_path(self) -> Path:
        return self.feeds_file or DATA_DIR / "feeds.toml"


SECRET_SETTINGS = {"BOT_TOKEN", "WEBHOOK_SECRET"}  # never repeated in an error message
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_TYPE_HINTS = {
    "bool_parsing": "допустимо: true или false",
    "bool_type": "допустимо: true или false",
    "int_parsing": "нужно целое число",
    "int_type": "нужно целое число",
}


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def settings_problem(exc: ValidationError) -> str:
    """One line naming each bad setting, its value and what is allowed."""
    parts = []
    for error in exc.errors():
        name = "_".join(str(x) for x in error["loc"]).upper() or "?"
        value = error.get("input")
        shown = f"={value!s:.60}" if isinstance(value, str | int) and name not in SECRET_SETTINGS else ""
        hint = _TYPE_HINTS.get(error["type"]) or str(error["msg"]).removeprefix("Value error, ")
        parts.append(f"{name}{shown} — {hint}")
    return "Ошибка в настройках: " + "; ".join(parts)
