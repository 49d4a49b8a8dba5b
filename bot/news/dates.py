"""Publication dates: `2025-12-06`, `18.05.2022 18:26`, `6 Декабря, 02:37`, `20:35, 10 Ноябрь 2025 | GMT +5`,
`1 June 2022`, `June 1, 2022`. Output is ISO, in Asia/Almaty time when a time of day is given."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

ALMATY = timezone(timedelta(hours=5))

# Stems, so every case and both spellings match: "декабря", "Декабрь", "желтоқсан", "Dec".
# Russian stems are cut to the three letters outlets abbreviate to ("23 сен", "5 дек.").
MONTH_STEMS: list[tuple[str, int]] = [
    ("янв", 1),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("ма[йяюе]", 5),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сен", 9),
    ("окт", 10),
    ("ноя", 11),
    ("дек", 12),
    ("қаңтар", 1),
    ("ақпан", 2),
    ("наурыз", 3),
    ("сәуір", 4),
    ("мамыр", 5),
    ("маусым", 6),
    ("шілде", 7),
    ("тамыз", 8),
    ("қыркүйек", 9),
    ("қазан", 10),
    ("қараша", 11),
    ("желтоқсан", 12),
    ("jan(?:uary)?", 1),
    ("feb(?:ruary)?", 2),
    ("mar(?:ch)?", 3),
    ("apr(?:il)?", 4),
    ("may", 5),
    ("june?", 6),
    ("july?", 7),
    ("aug(?:ust)?", 8),
    ("sep(?:t(?:ember)?)?", 9),
    ("oct(?:ober)?", 10),
    ("nov(?:ember)?", 11),
    ("dec(?:ember)?", 12),
    # the other languages of pages that carry these stories: Ukrainian, Uzbek and Turkish, German, French, Spanish,
    # Italian, Greek (its genitive: `29 Ιανουαρίου 2010`)
    ("січ", 1), ("лют", 2), ("берез", 3), ("квіт", 4), ("травн", 5), ("червн", 6), ("липн", 7), ("серпн", 8),
    ("вересн", 9), ("жовтн", 10), ("листопад", 11), ("грудн", 12),
    ("yanvar", 1), ("fevral", 2), ("iyun", 6), ("iyul", 7), ("avgust", 8), ("sentabr", 9), ("oktabr", 10),
    ("noyabr", 11), ("dekabr", 12),
    ("ocak", 1), ("şubat", 2), ("nisan", 4), ("haziran", 6), ("temmuz", 7), ("ağustos", 8), ("eylül", 9),
    ("ekim", 10), ("kasım", 11), ("aralık", 12),
    ("märz", 3), (r"mai(?![^\W\d_])", 5), ("oktober", 10), ("dezember", 12),
    ("février", 2), ("fevrier", 2), ("avril", 4), ("juin", 6), ("juillet", 7), ("août", 8), ("aout", 8),
    ("décembre", 12),
    ("enero", 1), ("febrero", 2), ("abril", 4), ("agosto", 8), ("diciembre", 12),
    ("gennaio", 1), ("maggio", 5), ("giugno", 6), ("luglio", 7), ("settembre", 9), ("ottobre", 10), ("dicembre", 12),
    ("ιανουαρ", 1), ("φεβρουαρ", 2), ("μαρτ", 3), ("απριλ", 4), ("μα[ΐιί]ου", 5), ("ιουν", 6), ("ιουλ", 7),
    ("αυγο[υύ]στ", 8), ("σεπτεμβρ", 9), ("οκτωβρ", 10), ("νοεμβρ", 11), ("δεκεμβρ", 12),
]
MONTH = r"(?P<month>" + "|".join(f"{s}" for s, _ in MONTH_STEMS) + r")[^\W\d_]*\.?"
TIME = r"(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)"
YEAR = r"(?P<year>(?:19|20)\d\d)"
ORDINAL = r"(?:st|nd|rd|th)?"  # `12th March 2024`, `March 12th, 2024`

DATE_PATTERNS = [
    # "2025-12-05", "2025-12-05T10:05:00+06:00", "2017-8-31 16:10"
    # (not a time out of the next date: `2025-12-05 04.12.2025`)
    re.compile(rf"\b{YEAR}-(?P<mon>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)(?:[T ]{TIME}(?::[0-5]\d)?(?!\.?\d))?", re.I),
    re.compile(rf"\b(?P<day>[0-3]?\d)\.(?P<mon>[01]?\d)\.{YEAR}(?:г\.?)?(?:,?\s*(?:в\s*)?{TIME})?", re.I),
    # "2025.12.05", "2025/12/05": the year first, with full stops or slashes
    re.compile(rf"\b{YEAR}(?P<sep>[./])(?P<mon>[01]\d)(?P=sep)(?P<day>[0-3]\d)\b(?:,?\s*{TIME})?"),
    # "05-Dec-2025"
    re.compile(rf"\b(?P<day>[0-3]?\d)-{MONTH}-{YEAR}\b", re.I),
    # "13.03.17", "15/10/22": a two-digit year, read as this century, the day first
    re.compile(r"\b(?P<day>[0-3]?\d)(?P<sep2>[./])(?P<mon>[01]?\d)(?P=sep2)(?P<year2>[0-3]\d)\b(?![./\d])(?:,?\s*(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d))?"),
    # "2017 жылғы 13 наурыз": Kazakh puts the year first
    re.compile(rf"\b{YEAR}\s*ж(?:ылғы|\.)?\s*(?P<day>[0-3]?\d)\s+{MONTH}", re.I),
    # "10-09-2017", "10/09/2017": day first, as the region writes it
    re.compile(rf"\b(?P<day>[0-3]?\d)[-/](?P<mon>0?[1-9]|1[0-2])[-/]{YEAR}(?![-/\d])(?:,?\s*{TIME})?", re.I),
    # "06/30/2016 - 04:37": month first, as American sites write it, when the day cannot be the first number
    re.compile(rf"\b(?P<mon>[01]?\d)/(?P<day>1[3-9]|2\d|3[01])/{YEAR}(?![/\d])(?:\s*-?\s*{TIME})?"),
    re.compile(
        rf"(?:{TIME},?\s*)?\b(?<!:)(?P<day>[0-3]?\d){ORDINAL}\s+(?:of\s+)?{MONTH}(?:,?\s*{YEAR}(?:\s*(?:г\.|года|ж\.))?)?"
        rf"(?:(?:,|\s|\|)\s*(?:в\s*)?(?P<hour2>[01]?\d|2[0-3]):(?P<minute2>[0-5]\d))?",
        re.I,
    ),
    # `May 17,2025`, `Saturday, January, 17, 2015`
    re.compile(rf"\b{MONTH},?\s+(?P<day>[0-3]?\d){ORDINAL}(?:,\s*|\s+){YEAR}(?:,?\s*{TIME})?", re.I),
    # "ASTANA, May 12 (Xinhua) --": an English month and day without a year
    re.compile(r"\b(?P<month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\.?\s+(?P<day>[0-3]?\d)\b(?!\s*,?\s*\d)"),
]
# "Сегодня, 18:40", "Вчера в 09:15", "Today": a day counted back from the reference time.
RELATIVE_DAY_RE = re.compile(
    rf"^(?P<word>сегодня|вчера|позавчера|today|yesterday)\b(?:,?\s*(?:в|at)?\s*{TIME})?", re.I
)
RELATIVE_DAYS = {"сегодня": 0, "today": 0, "вчера": 1, "yesterday": 1, "позавчера": 2}
# "2 часа назад", "15 минут назад", "3 hours ago", "1 день назад": counted back from the reference time
AGO_RE = re.compile(
    r"^(?P<n>\d{1,3})\s+(?P<unit>мин\w*|час\w*|дн\w*|день|minutes?|mins?|hours?|hrs?|days?)\s+(?:назад|ago)\b", re.I
)
# "Published: December 5, 2025" in a line that also says when it was updated
PUBLISHED_LABEL_RE = re.compile(r"\b(?:published|опубликовано|дата публикации)\s*:?\s*", re.I)
UPDATED_RE = re.compile(r"\b(?:обновлено|изменено|updated|modified|последнее изменение)\b", re.I)
NUMERIC_DATE_RE = re.compile(r"\b[0-3]?\d[./-][01]?\d[./-](?:19|20)\d\d\b")
DATE_LINE_WORDS_RE = re.compile(r"\b(?:date|GMT|UTC)\b", re.I)
# "GMT +6", "(UTC +04:00)", and the offset of an ISO time: "2019-03-12T10:05:00+06:00"
OFFSET_RE = re.compile(
    r"(?:GMT|UTC)(?:\s*(?P<sign>[+-])\s*(?P<hours>\d{1,2}))?|T[0-2]\d:[0-5]\d(?::[0-5]\d)?(?P<isosign>[+-])(?P<isohours>[01]\d):?[0-5]\d",
    re.I,
)

# "в 2024 году", "2024 года", "в 2024 г." — years the text talks about.
YEAR_MENTION_RE = re.compile(r"(?<![\d-])((?:19|20)\d\d)(?![\d-])\s*(?:г\.|год|года|году|годом|году|year)?", re.I)
# A year the text looks forward to ("пройдет в 2026 году", "до 2030 года", "на 2026-2030 годы") says
# nothing about when the text was written.
FUTURE_BEFORE_RE = re.compile(r"(?:\bдо|\bк|\bна|\bпо|\bс|\bby|\buntil|\bto)\s+$", re.I)


@dataclass(frozen=True)
class FoundDate:
    day: date
    hour: int | None = None
    minute: int | None = None
    has_year: bool = True

    def iso(self, utc_offset_hours: int | None = None) -> str:
        if self.hour is None or self.minute is None:
            return self.day.isoformat()
        moment = datetime(self.day.year, self.day.month, self.day.day, self.hour, self.minute)
        if utc_offset_hours is not None:
            moment = moment.replace(tzinfo=timezone(timedelta(hours=utc_offset_hours))).astimezone(ALMATY)
        else:
            moment = moment.replace(tzinfo=ALMATY)
        return moment.isoformat(timespec="minutes")


# one pattern for every stem, tried in the list's order: the group that matched tells the month
_MONTH_START_RE = re.compile("|".join(f"({stem})" for stem, _ in MONTH_STEMS))
_MONTH_OF_GROUP = [number for _, number in MONTH_STEMS]


@lru_cache(maxsize=20_000)
def month_number(word: str) -> int | None:
    m = _MONTH_START_RE.match(word.lower())
    return _MONTH_OF_GROUP[m.lastindex - 1] if m and m.lastindex else None


def find_date(text: str) -> tuple[int, int, int | None, int | None, int | None] | None:
    """The first date in a short piece of text: (day, month, year|None, hour|None, minute|None)."""
    best: tuple[int, re.Match[str]] | None = None
    for pattern in DATE_PATTERNS:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m)
    if best is None:
        return None
    g = best[1].groupdict()
    month = int(g["mon"]) if g.get("mon") else month_number(g["month"] or "")
    if not month or not 1 <= month <= 12:
        return None
    hour = g.get("hour") or g.get("hour2")
    minute = g.get("minute") or g.get("minute2")
    year = int(g["year"]) if g.get("year") else (2000 + int(g["year2"]) if g.get("year2") else None)
    return (
        int(g["day"]),
        month,
        year,
        int(hour) if hour is not None else None,
        int(minute) if minute is not None else None,
    )


def past_years(text: str) -> list[int]:
    """Years the text mentions as a time that has come, not as a goal or a plan."""
    return list(years_mentioned(text)[0])


@lru_cache(maxsize=4)
def years_mentioned(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(years the text mentions as a time that has come, years it speaks of in the future tense); goals and
    ranges (`до 2030 года`, `на 2026-2030 годы`) are neither. Each sentence (up to `.` or a line break) is
    read once, however many years it mentions."""
    ends = [b.start() for b in re.finditer(r"[.\n]", text)]
    future_sentences: dict[int, bool] = {}  # sentence start → it speaks of the future
    past: list[int] = []
    future: list[int] = []
    for m in YEAR_MENTION_RE.finditer(text):
        before = text[max(0, m.start() - 6) : m.start()]
        if FUTURE_BEFORE_RE.search(before) or re.search(r"\d\s*[-–—]\s*$", before):
            continue
        k = bisect_left(ends, m.start())
        sentence_start = ends[k - 1] + 1 if k else 0
        if sentence_start not in future_sentences:
            after = bisect_left(ends, m.end(), k)
            sentence_end = ends[after] if after < len(ends) else len(text)
            future_sentences[sentence_start] = _speaks_of_future(text[sentence_start:sentence_end])
        (future if future_sentences[sentence_start] else past).append(int(m.group(1)))
    return tuple(past), tuple(future)


def _speaks_of_future(sentence: str) -> bool:
    words = re.findall(r"[а-яё]+|\b(?:will|shall)\b", sentence.lower())
    return any(w in ("will", "shall") or _is_future_form(w) for w in words if len(w) > 3)


@lru_cache(maxsize=50_000)
def _is_future_form(word: str) -> bool:
    from bot.news.morph import parses

    return "futr" in str(parses(word)[0].tag)


def choose_year(day: int, month: int, text: str, reference: datetime | None) -> int | None:
    """A date without a year: the year the text itself places its events in, if it says so and that is
    not after the reference time; otherwise the latest such date not after the reference time."""
    ref = (reference or datetime.now(ALMATY)).date()
    latest = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
    past, future = years_mentioned(text)
    stated = [y for y in past if y <= latest]
    guess = None
    if future:  # written before the future it speaks of: "будет председательствовать в январе 2018 года"
        year, before_month, before_day = future_month(text, min(future))
        guess = year - 1 if before_month and (month, day) > (before_month, before_day) else year
        guess = guess if guess <= latest else None
    # the past it tells of came before it, the future after: `15 сен` of a text on `прошлом 2020 году` and the
    # summit of `16-17 сентября 2021 года` is of 2021
    if stated and (guess is None or guess < max(stated)):
        return max(stated)
    return guess or latest


def future_month(text: str, year: int) -> tuple[int, int, int]:
    """(year, month or 0, day or the month's last) of the first mention of a future year: `в январе 2018 года` →
    (2018, 1, 31), `16-17 сентября 2021 года` → (2021, 9, 16), `in 2018` → (2018, 0, 31). One search, however
    many years the text looks forward to."""
    m = re.search(rf"(?:\b([0-3]?\d)(?:\s*[-–]\s*[0-3]?\d)?\s+)?([^\W\d_]+)\s+{year}", text)
    month = (month_number(m.group(2)) or 0) if m else 0
    return year, month, int(m.group(1)) if m and m.group(1) and month else 31


def build(
    parts: tuple[int, int, int | None, int | None, int | None],
    text: str,
    reference: datetime | None,
) -> FoundDate | None:
    day, month, year, hour, minute = parts
    has_year = year is not None
    if year is None:
        year = choose_year(day, month, text, reference)
    if year is None:
        return None
    try:
        return FoundDate(date(year, month, day), hour, minute, has_year)
    except ValueError:
        return None


def utc_offset(text: str) -> int | None:
    m = OFFSET_RE.search(text)
    if not m:
        return None
    if m.group(0).upper() in {"GMT", "UTC"}:
        return 0  # `12:25 GMT`: the clock of Greenwich
    hours = int(m.group("hours") or m.group("isohours"))
    return hours if (m.group("sign") or m.group("isosign")) == "+" else -hours


def ambiguous(line: str, parts: tuple[int, int, int | None, int | None, int | None] | None) -> bool:
    """A numeric date whose day could be its month (`07/04/2024`): weaker than one with the month's name."""
    if parts is None or parts[0] > 12 or parts[0] == parts[1]:
        return False
    return not re.search(r"[^\W\d_]{3,}", DATE_LINE_WORDS_RE.sub("", line)) or bool(NUMERIC_DATE_RE.search(line))


def _after_published_label(line: str) -> str:
    """`Last updated: December 6, 2025 Published: December 5, 2025`: the part that says when it was published;
    ` date 2025-12-05 04.12.2025, 08:11`: the page's own stamp to the minute after the stored page's date marker."""
    label = PUBLISHED_LABEL_RE.search(line)
    if label and UPDATED_RE.search(line[: label.start()]):
        return line[label.end() :]
    marker = DATE_MARKER_RE.match(line)
    if marker:
        own = find_date(line[marker.end() :])
        if own and own[2] and own[3] is not None:
            return line[marker.end() :]
    return line


DATE_MARKER_RE = re.compile(r"^\s*date\s+(?:19|20)\d\d-[01]\d-[0-3]\d\b")


def relative_date(line: str, reference: datetime | None) -> FoundDate | None:
    """`Вчера, 18:40`, `2 часа назад` against the reference time (in Asia/Almaty)."""
    ago = AGO_RE.match(line.strip())
    if ago:
        unit = ago.group("unit").lower()
        hours = int(ago.group("n")) * (24 if unit[:1] in "дd" else 1 if unit[:1] in "чh" else 0)
        minutes = int(ago.group("n")) if unit[:1] in "мm" else 0
        moment = (reference or datetime.now(ALMATY)).astimezone(ALMATY) - timedelta(hours=hours, minutes=minutes)
        return FoundDate(moment.date(), moment.hour, moment.minute)
    m = RELATIVE_DAY_RE.match(line.strip())
    if not m:
        return None
    day = (reference or datetime.now(ALMATY)).astimezone(ALMATY).date()
    day -= timedelta(days=RELATIVE_DAYS[m.group("word").lower()])
    hour, minute = m.group("hour"), m.group("minute")
    return FoundDate(day, int(hour) if hour else None, int(minute) if minute else None)


WEEKDAY_RE = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
    r"|дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі)\b",
    re.I,
)


def _weekday_first(line: str) -> bool:
    """A date line that opens with the day of the week, as a site's clock of today does: another date line in the
    header is the article's own."""
    weekday = WEEKDAY_RE.search(line[:30])
    if weekday is not None and not re.search(r"\d", line[: weekday.start()]):
        return True
    # `26 ноября 2024 26.11.2024 вторник`: today's date twice and its weekday last, a widget's clock
    words = re.findall(r"[^\W\d_]+", line)
    return bool(words) and WEEKDAY_RE.fullmatch(words[-1]) is not None and all(map(month_number, words[:-1]))


def published_at(
    header_lines: list[str],
    dateline_date: str | None,
    body: str,
    reference: datetime | None,
) -> str | None:
    """The publication date from the lines above the text, else from the dateline; None if neither has one."""
    # a date with its year first: a site's "25 Ноября" banner is no match for the article's "18 Января 2018";
    # and "07/04/2024" may be April or July, "4 июля 2024 года" is not
    # "Обновлено: 14.09.2025" is not when it was published
    dated = [(line, find_date(_after_published_label(line))) for line in header_lines]
    named = any(parts and not NUMERIC_DATE_RE.search(line) for line, parts in dated if parts and parts[2])

    def rank(line_parts: tuple[str, tuple[int, int, int | None, int | None, int | None] | None]) -> tuple[bool, ...]:
        line, parts = line_parts
        return (
            parts is None or parts[2] is None,
            UPDATED_RE.search(line) is not None,
            named and ambiguous(line, parts),
            _weekday_first(line),  # `Суббота, 23 ноября 2024`, `Wednesday, 26 June 2024, 10:22:09 am`: a clock
            # of two such lines, `Monday, 28 May 2012 00:56` (to the minute) is the article's, not `Sunday Dec 15, 2024`
            _weekday_first(line) and (parts is None or parts[3] is None),
        )

    for line, parts in sorted(dated, key=rank):
        relative = relative_date(line, reference)
        if relative:
            return relative.iso()
        if parts:
            found = build(parts, body, reference)
            if found:
                return found.iso(utc_offset(line))
    if dateline_date:
        parts = find_date(dateline_date)
        if parts:
            found = build(parts, body, reference)
            if found:
                return found.iso()
    return None
