"""A period at the end of a query: `ОБСЕ 2024`, `Токаев март 2025`, `вода с 01.01.2025`,
`вода с 01.01.2025 по 31.03.2025`, `вода по 2024`; text in, (the rest, Period) out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MIN_YEAR = 1991
MONTH_STEMS = (
    ("январ", "jan"), ("феврал", "feb"), ("март", "mar"), ("апрел", "apr"), ("ма[йяе]", "may"), ("июн", "jun"),
    ("июл", "jul"), ("август", "aug"), ("сентябр", "sep"), ("октябр", "oct"), ("ноябр", "nov"), ("декабр", "dec"),
)  # fmt: skip
MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
_MONTH = "|".join(f"{ru}[а-я]*|{en}[a-z]*" for ru, en in MONTH_STEMS)
_YEAR = r"(?:19|20)\d\d"
_DAY = rf"(?:\d{{1,2}}\.\d{{1,2}}\.{_YEAR}|{_YEAR}-\d\d-\d\d|\d{{1,2}}\s+(?:{_MONTH})\s+{_YEAR})"
_WHEN = rf"(?:{_DAY}|(?:{_MONTH})\s+{_YEAR}|{_YEAR})(?:\s*(?:г\.?|года?|году))?"
_RANGE = re.compile(
    rf"(?:^|\s)(?:(?:с|от|since|from)\s+(?P<start>{_WHEN}))?(?:\s*(?:по|до|to|until)\s*(?P<end>{_WHEN}))?\s*$",
    re.IGNORECASE,
)
_SINGLE = re.compile(rf"(?:^|\s)(?:(?:в|за|in)\s+)?(?P<when>{_WHEN})\s*$", re.IGNORECASE)


class BadPeriod(ValueError):
    """A period that names no real date or ends before it starts; the message is for the user."""


@dataclass(frozen=True)
class Period:
    start: date | None  # first day included
    end: date | None  # first day not included

    def bounds(self) -> tuple[str, str]:
        """Sort keys (ISO date-times) from `bounds()[0]` inclusive to `bounds()[1]` exclusive."""
        return (self.start.isoformat() if self.start else "", self.end.isoformat() if self.end else "\U0010ffff")

    def describe(self) -> str:
        """`2024 год`, `март 2025`, `с 1 января 2025 по 31 марта 2025`."""
        if self.start and self.end:
            last = self.end - timedelta(days=1)
            if (self.start.month, self.start.day) == (1, 1) and (last.month, last.day) == (12, 31):
                years = f"{self.start.year}" if self.start.year == last.year else f"{self.start.year}–{last.year}"
                return f"{years} год" if self.start.year == last.year else f"{years} годы"
            if self.start.day == 1 and self.end.day == 1 and _months_between(self.start, self.end) == 1:
                return f"{MONTHS_NOMINATIVE[self.start.month - 1]} {self.start.year}"
            return f"с {_day(self.start)} по {_day(last)}"
        if self.start:
            return f"с {_day(self.start)}"
        if self.end:
            return f"по {_day(self.end - timedelta(days=1))}"
        return "за всё время"


def _months_between(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def _day(d: date) -> str:
    return f"{d.day} {MONTHS_GENITIVE[d.month - 1]} {d.year}"


def _month_number(word: str) -> int:
    for n, (ru, en) in enumerate(MONTH_STEMS, start=1):
        if re.match(rf"(?:{ru}|{en})", word.lower()):
            return n
    raise BadPeriod(f"Не понял месяц «{word[:20]}».")


def _span(text: str) -> tuple[date, date]:
    """The first day of a date, month or year, and the first day after it."""
    text = re.sub(r"\s*(?:г\.?|года?|году)$", "", text.strip(), flags=re.IGNORECASE)
    try:
        if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
            start = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return start, start + timedelta(days=1)
        if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
            start = date.fromisoformat(text)
            return start, start + timedelta(days=1)
        if m := re.fullmatch(r"(\d{1,2})\s+(\S+)\s+(\d{4})", text):
            start = date(int(m.group(3)), _month_number(m.group(2)), int(m.group(1)))
            return start, start + timedelta(days=1)
        if m := re.fullmatch(r"(\S+)\s+(\d{4})", text):
            start = date(int(m.group(2)), _month_number(m.group(1)), 1)
            return start, date(start.year + start.month // 12, start.month % 12 + 1, 1)
        year = int(text)
        return date(year, 1, 1), date(year + 1, 1, 1)
    except ValueError as exc:
        if isinstance(exc, BadPeriod):
            raise
        raise BadPeriod(f"Нет такой даты: «{text[:20]}». Пример: 01.01.2025, март 2025, 2024.") from None


def split_period(text: str, today: date | None = None) -> tuple[str, Period | None]:
    """The query without its trailing period, and the period (None when there is none).
    A bare year counts only when it is not in the future (`Повестка 2030` stays a query)."""
    today = today or date.today()
    text = " ".join(text.split())
    m = _RANGE.search(text)
    if m and (m.group("start") or m.group("end")):
        start = _span(m.group("start"))[0] if m.group("start") else None
        end = _span(m.group("end"))[1] if m.group("end") else None
        if start and end and end <= start:
            raise BadPeriod("Конец периода раньше начала. Пример: с 01.01.2025 по 31.03.2025.")
        return text[: m.start()].strip(), Period(start, end)
    m = _SINGLE.search(text)
    if m:
        when = m.group("when")
        bare_year = re.fullmatch(rf"{_YEAR}", when.strip())
        if bare_year and not (MIN_YEAR <= int(when) <= today.year):
            return text, None
        start, end = _span(when)
        return text[: m.start()].strip(), Period(start, end)
    return text, None
