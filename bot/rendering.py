"""Every message the bot sends, as Telegram HTML: escaped, linked, split below 4096 characters."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from storage.queries import EventView, PersonRef, SourceRef, StatementView

if TYPE_CHECKING:
    from bot.news.periods import Period
    from bot.services import SearchHit

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


NAMED_WITHIN_WORDS = 16  # `В своём обращении к участникам … Министр иностранных дел … Мурат Нуртлеу отметил`


def names_its_speaker(text: str, speaker: str) -> bool:
    """`Биляна Милошевич поблагодарила…`: the statement's own words already say who speaks (its first words
    hold the surname, in any case form), so `Биляна Милошевич: Биляна Милошевич…` would repeat the name."""
    surname = speaker.split()[-1].lower() if speaker.split() else ""
    stem = surname[: max(4, len(surname) - 2)]
    return bool(stem) and any(w.lower().startswith(stem) for w in text.split()[:NAMED_WITHIN_WORDS])


def statement_line(st: StatementView, with_speaker: bool = True) -> str:
    text = escape(shorten(st.text, STATEMENT_CHARS))
    if st.direct_quote:
        text = f"«{text}»"
    if not with_speaker:
        return text
    if not st.direct_quote and names_its_speaker(st.text, st.speaker):
        return f"— {text}"
    return f"— <b>{escape(st.speaker)}</b>: {text}"


def marked(text: str, spans: Sequence[tuple[int, int]], limit: int = STATEMENT_CHARS) -> str:
    """`text` escaped, the spans in bold; a long text is cut to a window around the first span."""
    start, end = 0, len(text)
    if len(text) > limit:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - limit // 3, len(text) - limit))
        if start:
            start = text.find(" ", start) + 1 or start
        end = min(len(text), start + limit)
        if end < len(text):
            end = text.rfind(" ", start, end) if " " in text[start:end] else end
    out, pos = [], start
    for a, b in spans:
        if a < pos or b > end:
            continue
        out += [escape(text[pos:a]), f"<b>{escape(text[a:b])}</b>"]
        pos = b
    out.append(escape(text[pos:end]))
    body = " ".join("".join(out).split())
    return ("…" if start else "") + body + ("…" if end < len(text) else "")


def snippet_line(text: str, spans: Sequence[tuple[int, int]], speaker: str | None, direct_quote: bool) -> str:
    """What matched: `— <b>Speaker</b>: statement` or `— в тексте: sentence`, word forms in bold."""
    body = marked(text, spans)
    if direct_quote:
        body = f"«{body}»"
    return f"— <b>{escape(speaker)}</b>: {body}" if speaker else f"— <i>в тексте</i>: {body}"


def event_block(
    event: EventView, statements: Sequence[StatementView] | None = None, lines_instead: Sequence[str] | None = None
) -> str:
    """One event: title (or its first statement), date · place · organisations, statements (or the
    lines given instead, e.g. what a search matched), sources."""
    shown = list(event.statements if statements is None else statements)
    if lines_instead is not None and event.title:
        shown = []
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
    meta = " · ".join(escape(x) for x in (event_day(event), event.location or "", orgs, f"№{event.id}") if x)
    lines.append(meta)
    lines += [statement_line(st) for st in shown] if lines_instead is None else list(lines_instead)
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


def org_page(org_name: str, events: Sequence[EventView], offset: int, period: Period | None = None) -> list[str]:
    within = f" ({escape(period.describe())})" if period else ""
    if not events:
        if offset:
            return [f"Больше событий организации {escape(org_name)}{within} нет."]
        return [f"По организации {escape(org_name)}{within} событий нет. Последние события: /latest"]
    header = f"<b>{escape(org_name)}: последние события</b>{within}, новые сверху"
    return split_message([header, *numbered((event_block(e) for e in events), offset)])


def person_page(
    query: str, people: Sequence[PersonRef], statements: Sequence[StatementView], offset: int,
    period: Period | None = None,
) -> list[str]:  # fmt: skip
    if not people:
        return [f"Не знаю человека {echo(query)}. Попробуйте фамилию, например: /person Токаев"]
    who = people[0].name + (f", {people[0].role}" if people[0].role else "")
    within = f" ({escape(period.describe())})" if period else ""
    if not statements:
        if offset:
            return [f"Больше заявлений {escape(people[0].name)}{within} нет."]
        return [f"{escape(people[0].name)}: заявлений в базе нет{within}."]
    header = f"<b>Заявления: {escape(shorten(who, 200))}</b>{within}"
    return split_message([header, *numbered((person_statement_block(s) for s in statements), offset)])


def search_page(query: str, hits: Sequence[SearchHit], offset: int, period: Period | None = None) -> list[str]:
    within = f" ({escape(period.describe())})" if period else ""
    if not hits:
        if offset:
            return [f"Больше ничего не найдено по запросу {echo(query)}{within}."]
        return [f"По запросу {echo(query)}{within} ничего не найдено. Попробуйте другие слова или /latest."]
    header = f"<b>Поиск {echo(query)}</b>{within}: новые сверху; жирным — найденные слова"
    blocks = (
        event_block(hit.event, lines_instead=[snippet_line(s.text, s.spans, s.speaker, s.direct_quote)
                                              for s in hit.snippets])
        for hit in hits
    )  # fmt: skip
    return split_message([header, *numbered(blocks, offset)])


def event_page(event: EventView, statements: Sequence[StatementView]) -> list[str]:
    """One event in full: title, date · place, participants and mentions apart, every statement
    grouped by speaker, every source with its link."""
    head = [f"<b>Событие №{event.id}</b>"]
    if event.title:
        head.append(f"<b>{escape(event.title)}</b>")
    head.append(" · ".join(escape(x) for x in (event_day(event), event.location or "место не указано")))
    if event.participants:
        head.append("Участники: " + escape(", ".join(o.name for o in event.participants)))
    if event.mentioned:
        head.append("Упоминаются: " + escape(", ".join(o.name for o in event.mentioned)))
    paragraphs = ["\n".join(head)]
    by_speaker: dict[str, list[StatementView]] = {}
    for st in statements:
        by_speaker.setdefault(st.speaker, []).append(st)
    if by_speaker:
        paragraphs.append(f"<b>Заявления</b> ({len(statements)})")
    for speaker, said in by_speaker.items():
        role = next((st.role for st in said if st.role), None)
        who = f"<b>{escape(speaker)}</b>" + (f", {escape(shorten(role, 150))}" if role else "")
        paragraphs.append("\n".join([who, *(f"— {statement_line(st, with_speaker=False)}" for st in said)]))
    if not by_speaker:
        paragraphs.append("Заявлений в этом событии не найдено.")
    sources = [f"{n}. {source_link(s)}" + (f": {escape(shorten(s.title, 150))}" if s.title else "")
               for n, s in enumerate(event.sources, start=1)]  # fmt: skip
    paragraphs.append("\n".join([f"<b>Источники</b> ({len(event.sources)})", *sources]))
    return split_message(paragraphs)


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
    ("org", "события организации; можно с периодом", "/org ОБСЕ 2024"),
    ("person", "что сказал человек (Токаев, Tokayev)", "/person Токаев март 2025"),
    ("search", "поиск по словам в любой форме и по-английски; период в конце", "/search вода с 01.01.2025"),
    ("event", "одно событие целиком: все заявления и источники", "/event 3"),
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


def markup_refusal(command: str, query: str) -> str:
    """For a query with HTML tags or entities: it can never match, so it is refused with a hint."""
    words = " ".join(strip_tags(query).split()) or "вода"
    return (
        f"Запрос {echo(query)} содержит разметку (теги или &amp;-коды): такой текст в новостях не встречается. "
        f"Напишите просто слова: <code>/{command} {escape(shorten(words, 60))}</code>"
    )


def private_text_hint(text: str) -> str:
    if text.startswith("/"):
        return f"Не знаю команды {echo(text.split()[0])}. Список команд: /help"
    example = escape(shorten(text, 40))
    return f"Чтобы найти новости по словам, напишите: <code>/search {example}</code>\nВсе команды: /help"
