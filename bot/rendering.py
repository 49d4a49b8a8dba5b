"""Every message the bot sends, as Telegram HTML: escaped, linked, split below 4096 characters."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from datetime import date
from urllib.parse import urlsplit

from storage.queries import EventView, PersonRef, SourceRef, StatementView

MESSAGE_LIMIT = 4096
SAFE_LIMIT = 4000  # a margin below Telegram's limit
TITLE_CHARS = 300
STATEMENT_CHARS = 400
ECHO_CHARS = 80
STATEMENTS_PER_EVENT = 2

MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:—-") + "…"


def echo(user_text: str) -> str:
    """User input shown back: shortened and escaped, in «quotes»."""
    return f"«{escape(shorten(user_text, ECHO_CHARS))}»"


def russian_date(value: str | None) -> str:
    """'2025-12-05' or an ISO date-time → '5 декабря 2025'; anything else as it is."""
    if not value:
        return ""
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


NO_DATE = "дата не указана"


def event_day(event: EventView) -> str:
    """The meeting's date, else the publication date; the ingestion time is no date to show (an undated
    article says so in every view, and sorts by when it was stored)."""
    return russian_date(event.date or event.published_at) or NO_DATE


def source_link(source: SourceRef) -> str:
    """A link for http(s) sources; a file or other url shows only the outlet's name."""
    parts = urlsplit(source.url)
    name = source.name or parts.hostname or "источник"
    if parts.scheme in ("http", "https") and parts.hostname:
        return f'<a href="{escape(source.url)}">{escape(name)}</a>'
    return escape(name)


def names_its_speaker(text: str, speaker: str) -> bool:
    """`Биляна Милошевич поблагодарила…`: the statement's own words already say who speaks (its first words
    hold the surname, in any case form), so `Биляна Милошевич: Биляна Милошевич…` would repeat the name."""
    surname = speaker.split()[-1].lower() if speaker.split() else ""
    stem = surname[: max(4, len(surname) - 2)]
    return bool(stem) and any(w.lower().startswith(stem) for w in text.split()[:8])


def statement_line(st: StatementView, with_speaker: bool = True) -> str:
    text = escape(shorten(st.text, STATEMENT_CHARS))
    if st.direct_quote:
        text = f"«{text}»"
    if not with_speaker:
        return text
    if not st.direct_quote and names_its_speaker(st.text, st.speaker):
        return f"— {text}"
    return f"— <b>{escape(st.speaker)}</b>: {text}"


def event_block(event: EventView, statements: Sequence[StatementView] | None = None) -> str:
    """One event: title (or its first statement), date · place · organisations, statements, sources."""
    shown = list(event.statements if statements is None else statements)
    if event.title:  # a title cut from the lede repeats the first statement: show it once
        shown = [st for st in shown if not repeats(event.title, st.text)]
    shown = shown[:STATEMENTS_PER_EVENT]
    if event.title:
        lines = [f"<b>{escape(shorten(event.title, TITLE_CHARS))}</b>"]
    elif shown:
        first = shown.pop(0)
        lines = [f"<b>{escape(first.speaker)}</b>: {statement_line(first, with_speaker=False)}"]
    else:
        lines = ["<b>Событие без заголовка</b>"]
    orgs = ", ".join(o.name for o in event.participants[:6])
    meta = " · ".join(escape(x) for x in (event_day(event), event.location or "", orgs) if x)
    if meta:
        lines.append(meta)
    lines += [statement_line(st) for st in shown]
    if event.sources:
        links = ", ".join(source_link(s) for s in event.sources[:3])
        lines.append(f"Источник: {links}" if len(event.sources) == 1 else f"Источники: {links}")
    return "\n".join(lines)


def repeats(title: str, text: str) -> bool:
    head = title.rstrip("…. ")[:80]
    return len(head) >= 40 and " ".join(text.split()).startswith(" ".join(head.split()))


def person_statement_block(st: StatementView) -> str:
    head = f"<b>{escape(russian_date(st.day) or NO_DATE)}</b> · {escape(st.speaker)}"
    if st.verb:
        head += f" ({escape(st.verb)})"
    source = source_link(SourceRef(st.source or "", st.url))
    return f"{head}:\n{statement_line(st, with_speaker=False)}\nИсточник: {source}"


def numbered(blocks: Iterable[str], start: int) -> list[str]:
    return [f"{n}. {block}" for n, block in enumerate(blocks, start=start + 1)]


def latest_page(events: Sequence[EventView], offset: int) -> list[str]:
    if not events:
        if offset:
            return ["Больше событий нет."]
        return ["Событий пока нет: база пуста. Статьи загружаются командой <code>newsbot ingest</code>."]
    header = "<b>Последние события</b>" if offset == 0 else f"<b>Последние события, с {offset + 1}-го</b>"
    return split_message([header, *numbered((event_block(e) for e in events), offset)])


def org_page(org_name: str, events: Sequence[EventView], offset: int) -> list[str]:
    if not events:
        if offset:
            return [f"Больше событий организации {escape(org_name)} нет."]
        return [f"По организации {escape(org_name)} событий пока нет. Последние события: /latest"]
    header = f"<b>{escape(org_name)}: последние события</b>"
    return split_message([header, *numbered((event_block(e) for e in events), offset)])


def person_page(query: str, people: Sequence[PersonRef], statements: Sequence[StatementView], offset: int) -> list[str]:
    if not people:
        return [f"Не знаю человека {echo(query)}. Попробуйте фамилию, например: /person Токаев"]
    who = people[0].name + (f", {people[0].role}" if people[0].role else "")
    if not statements:
        if offset:
            return [f"Больше заявлений {escape(people[0].name)} нет."]
        return [f"У {escape(people[0].name)} пока нет заявлений в базе."]
    header = f"<b>Заявления: {escape(shorten(who, 200))}</b>"
    return split_message([header, *numbered((person_statement_block(s) for s in statements), offset)])


def search_page(query: str, hits: Sequence[tuple[EventView, Sequence[StatementView]]], offset: int) -> list[str]:
    if not hits:
        if offset:
            return [f"Больше ничего не найдено по запросу {echo(query)}."]
        return [f"По запросу {echo(query)} ничего не найдено. Попробуйте другие слова или /latest."]
    header = f"<b>Поиск {echo(query)}</b>"
    blocks = (event_block(event, statements or None) for event, statements in hits)
    return split_message([header, *numbered(blocks, offset)])


# --- splitting -------------------------------------------------------------------------------------

TAG = re.compile(r"<[^<>]*>")


def strip_tags(text: str) -> str:
    return html.unescape(TAG.sub("", text))


def split_message(paragraphs: Sequence[str], limit: int = SAFE_LIMIT, separator: str = "\n\n") -> list[str]:
    """Join paragraphs with blank lines (or `separator`: "\n" for the lines of a list) into messages
    below `limit`, never splitting inside one unless it alone is too long (then by lines, and a
    line that is still too long as plain text)."""
    pieces = [piece for paragraph in paragraphs for piece in _fit(paragraph.strip(), limit) if piece]
    return _pack(pieces, separator, limit) or ["Пусто."]


def _fit(paragraph: str, limit: int) -> list[str]:
    if len(paragraph) <= limit:
        return [paragraph]
    parts: list[str] = []
    for line in paragraph.split("\n"):
        if len(line) > limit:  # only plain text can be cut safely anywhere
            plain = escape(strip_tags(line))
            parts += [_no_broken_entity(plain[i : i + limit]) for i in range(0, len(plain), limit)]
        else:
            parts.append(line)
    return _pack(parts, "\n", limit)


def _pack(pieces: Sequence[str], separator: str, limit: int) -> list[str]:
    """As few texts as possible, each the next pieces joined by `separator` and at most `limit` long."""
    texts: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{separator}{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
        else:
            if current:
                texts.append(current)
            current = piece
    if current:
        texts.append(current)
    return texts


def _no_broken_entity(part: str) -> str:
    """Drop a half entity (`&am`) left at the end of a cut piece."""
    amp = part.rfind("&")
    if amp != -1 and ";" not in part[amp:]:
        return part[:amp]
    return part


# --- fixed texts -----------------------------------------------------------------------------------

COMMANDS = (
    ("latest", "последние события", "/latest 10"),
    ("org", "события организации", "/org ОБСЕ"),
    ("person", "что сказал человек", "/person Токаев"),
    ("search", "поиск по словам в любой форме", "/search водные ресурсы"),
    ("subscribe", "уведомления о новых заявлениях по словам", "/subscribe вода"),
    ("unsubscribe", "отменить подписку", "/unsubscribe вода"),
    ("subscriptions", "мои подписки", "/subscriptions"),
    ("digest", "дайджест по расписанию", "/digest daily 09:00"),
    ("channel", "дайджест для канала", "/channel @канал daily 09:00"),
    ("help", "справка", "/help"),
)


def help_text() -> str:
    lines = [
        "<b>Внешняя политика Казахстана в новостях</b>",
        "Бот читает новости о МИД и Президенте Казахстана, их встречах с международными "
        "организациями и собирает, <i>кто что сказал</i>, где и когда.",
        "",
        "<b>Команды</b>",
    ]
    lines += [f"/{name} — {escape(what)}. Пример: <code>{escape(example)}</code>" for name, what, example in COMMANDS]
    lines += ["", "Организации понимаются в любой форме: ОБСЕ, обсе, OSCE. Слова поиска — в любой форме: "
              "«вода» находит «водных ресурсов»."]  # fmt: skip
    return "\n".join(lines)


def start_text(first_name: str | None) -> str:
    greeting = f"Здравствуйте, {escape(first_name)}!" if first_name else "Здравствуйте!"
    return f"{greeting}\n\n{help_text()}"


def private_text_hint(text: str) -> str:
    if text.startswith("/"):
        return f"Не знаю команды {echo(text.split()[0])}. Список команд: /help"
    example = escape(shorten(text, 40))
    return f"Чтобы найти новости по словам, напишите: <code>/search {example}</code>\nВсе команды: /help"
