"""News outlets (data/outlets.toml): the article's `source`, and the site chrome to drop."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot import DATA_DIR

# "передает DKNews.kz", "сообщает Kazinform", "reports Kazinform": the outlet that published the text.
_CREDIT_RE = re.compile(
    r"\b(?:переда[её]т|передают|сообщает|пишет|reports|according to)\s+(?:ИА\s+|МИА\s+|агентство\s+)?", re.I
)


@dataclass(frozen=True)
class Outlets:
    names: dict[str, str]  # folded alias -> outlet name
    alias_re: re.Pattern[str]
    chrome_re: re.Pattern[str]

    def name_of(self, alias: str) -> str | None:
        return self.names.get(alias.lower().strip("/ "))

    def is_chrome(self, line: str) -> bool:
        return bool(self.chrome_re.match(line))

    def find_all(self, text: str) -> list[re.Match[str]]:
        return list(self.alias_re.finditer(text))

    def credited(self, text: str) -> str | None:
        """The outlet named right after a credit verb (`передает DKNews.kz`), not the one it quotes."""
        for credit in _CREDIT_RE.finditer(text):
            m = self.alias_re.match(text, credit.end())
            if m:
                return self.name_of(m.group())
        return None

    def source(self, header: str, dateline_source: str | None, body: str) -> str | None:
        """Who published the article: the credit line, the dateline, then the first outlet in the header."""
        credited = self.credited(body) or self.credited(header)
        if credited:
            return credited
        if dateline_source and self.name_of(dateline_source):
            return self.name_of(dateline_source)
        found = self.find_all(header)
        return self.name_of(found[0].group()) if found else None


@lru_cache(maxsize=2)
def load_outlets(path: Path = DATA_DIR / "outlets.toml") -> Outlets:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    for entry in data["outlet"]:
        for alias in [entry["name"], *entry.get("aliases", [])]:
            names[alias.lower().strip("/ ")] = entry["name"]
    aliases = sorted(names, key=len, reverse=True)
    alias_re = re.compile(r"(?<![\w.])/?(?:" + "|".join(re.escape(a) for a in aliases) + r")/?(?![\w])", re.I)
    chrome_re = re.compile("|".join(f"(?:{p})" for p in data["chrome"]["lines"]), re.I)
    return Outlets(names, alias_re, chrome_re)
