"""`newsbot` / `python -m bot`: the command line."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from bot.config import Settings, get_settings, settings_problem
from storage.db import DATABASE_ERRORS

if TYPE_CHECKING:  # imported by the commands that need them: `newsbot run` without a token answers at once
    from bot import services
    from storage.db import Database
    from storage.queries import EventView, StatementView


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbot", description="Бот о внешней политике Казахстана в новостях."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("run", help="запустить Telegram-бота (long polling или webhook)")
    p.add_argument("--webhook", action="store_true",
                   help="принимать обновления на webhook (WEBHOOK_URL, WEBHOOK_SECRET), а не long polling")
    sub.add_parser("console", help="чат с ботом в терминале, без Telegram")
    p = sub.add_parser("ingest", help="разобрать и сохранить статьи (файлы, папки, URL)")
    p.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    p = sub.add_parser("parse", help="только разобрать статьи и вывести JSON Lines")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p = sub.add_parser("latest", help="последние события")
    p.add_argument("-n", type=int, default=5, help="сколько событий (до 20)")
    p.add_argument("--json", action="store_true")
    for name, help_text, arg in (
        ("org", "события организации; период в конце: ОБСЕ 2024", "NAME"),
        ("person", "заявления человека; период в конце: Токаев март 2025", "NAME"),
        ("search", "поиск по словам в любой форме; период в конце: вода с 01.01.2025", "QUERY"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("words", nargs="+", metavar=arg)
        p.add_argument("-n", type=int, default=5, help="сколько результатов (до 20)")
        p.add_argument("--json", action="store_true")
    p = sub.add_parser("event", help="одно событие целиком: все заявления, источники, организации")
    p.add_argument("id", metavar="N", help="номер события (№ в списках)")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("digest", help="показать дайджест, который получил бы чат")
    p.add_argument("--since", default="24h", help="за какой период: 24h, 7d, 90m")
    p = sub.add_parser("fetch", help="один раз опросить все ленты новостей")
    p.add_argument("--since", metavar="PERIOD",
                   help="первое заполнение: пройти ленты и списки назад на этот срок (7d, 48h)")
    p.add_argument("--show-skipped", action="store_true",
                   help="показать статьи, пропущенные как не о внешней политике, и почему")
    p = sub.add_parser("migrate-db", help="перенести базу SQLite (DATABASE_URL) в пустую базу PostgreSQL")
    p.add_argument("--to", required=True, metavar="POSTGRESQL_URL", help="postgresql://пользователь:пароль@сервер:5432/база")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and hasattr(args, "words") and all(w.startswith("-") and w[1:2].isalpha() for w in extra):
        args.words += extra  # `newsbot search климат -Афганистан`: an excluded word, not an option
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command is None:
        build_parser().print_help()
        return 2
    try:
        settings = get_settings()
    except ValidationError as exc:  # a bad .env or environment value
        print(settings_problem(exc), file=sys.stderr)
        return 2
    except Exception as exc:  # an unreadable .env
        print(f"Ошибка в настройках: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    quiet_libraries(settings.log_level)
    handler = COMMANDS[args.command]
    try:
        return asyncio.run(handler(args, settings))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `newsbot search вода | head`: the reader has gone, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except DATABASE_ERRORS as exc:  # not a database, a disk full, a file locked too long, no server
        print(f"Ошибка базы данных {settings.database_label} (DATABASE_URL): {exc}", file=sys.stderr)
        return 2


CHATTY_LIBRARIES = ("pymorphy3",)


def quiet_libraries(level: str) -> None:
    """Libraries log their routine (pymorphy3 loading its dictionaries) at INFO: only DEBUG shows it."""
    if level.upper() != "DEBUG":
        for name in CHATTY_LIBRARIES:
            logging.getLogger(name).setLevel(logging.WARNING)


async def with_db(settings: Settings, action: Callable[[Database], Coroutine[Any, Any, int]]) -> int:
    from storage.db import Database

    db = await Database.open(settings.database_target)
    try:
        return await action(db)
    finally:
        await db.close()


async def cmd_parse(args: argparse.Namespace, settings: Settings) -> int:
    from bot.ingest import expand_inputs, read_file
    from bot.news import parse
    from bot.news.textio import RejectedInput

    failed = 0
    for item in expand_inputs(args.paths):
        out: dict[str, Any]
        try:
            if item.problem or item.path is None:
                raise RejectedInput(item.problem or "URL не разбирается командой parse; используйте ingest")
            text, meta = read_file(item.path)
            out = parse(text, meta).to_json()
            out["path"] = str(item.path)
        except RejectedInput as exc:
            failed += 1
            out = {"path": item.name, "error": str(exc)}
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return 1 if failed else 0


async def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.ingest import IngestOutcome, ingest_inputs

    progress = ProgressBar() if sys.stderr.isatty() else None

    def report(done: int, total: int, outcome: IngestOutcome) -> None:
        if progress and total > 1:
            progress.update(done, total)
        if outcome.status != "stored" or total <= 50 or not progress:
            line = f"{STATUS_WORDS[outcome.status]}: {outcome.name} — {outcome.detail}"
            if progress:
                progress.clear()
            print(line, flush=True)

    async def action(db: Database) -> int:
        outcomes = await ingest_inputs(
            db, args.inputs, tz=settings.tz, on_progress=report, allow_private=settings.fetch_allow_private
        )
        if progress:
            progress.clear()
        counts = {status: sum(o.status == status for o in outcomes) for status in STATUS_WORDS}
        print(
            f"Итого: сохранено {counts['stored']}, уже были {counts['duplicate']}, "
            f"отклонено {counts['rejected']}."
        )
        return 1 if counts["rejected"] else 0

    return await with_db(settings, action)


STATUS_WORDS = {"stored": "сохранено", "duplicate": "уже есть", "rejected": "отклонено"}


class ProgressBar:
    def __init__(self, width: int = 30) -> None:
        self.width = width

    def update(self, done: int, total: int) -> None:
        filled = self.width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}")
        sys.stderr.flush()

    def clear(self) -> None:
        sys.stderr.write("\r" + " " * (self.width + 24) + "\r")
        sys.stderr.flush()


def event_json(event: EventView) -> dict[str, Any]:
    return {
        "id": event.id,
        "url": event.url,
        "title": event.title,
        "published_at": event.published_at,
        "date": event.date or (event.published_at or "")[:10] or None,
        "location": event.location,
        "organizations": [{"id": o.id, "name": o.name, "participant": o.participant} for o in event.organizations],
        "sources": [{"name": s.name, "url": s.url} for s in event.sources],
        "statements": [statement_json(s) for s in event.statements],
    }


def statement_json(st: StatementView) -> dict[str, Any]:
    return {"speaker": st.speaker, "role": st.role, "verb": st.verb, "text": st.text, "url": st.url}


def print_events(events: list[EventView], as_json: bool) -> None:
    for event in events:
        if as_json:
            print(json.dumps(event_json(event), ensure_ascii=False))
        else:
            print(event_text(event))


def event_text(event: EventView, lines_instead: list[str] | None = None) -> str:
    from bot import rendering

    orgs = ", ".join(o.name for o in event.participants)
    head = " · ".join(x for x in (rendering.event_day(event), event.location, orgs, f"№{event.id}") if x)
    lines = [head, f"  {event.title or '(без заголовка)'}"]
    if lines_instead is None:  # the statements the bot's list shows: not the one the title repeats
        shown = [s for s in event.statements if not (event.title and rendering.repeats(event.title, s.text))]
        lines += [f"  — {s.speaker}: {s.text}" for s in shown[: rendering.STATEMENTS_PER_EVENT]]
    else:
        lines += [f"  {line}" for line in lines_instead]
    lines += [f"  {s.name or 'источник'}: {s.url}" for s in event.sources]
    return "\n".join(lines) + "\n"


def starred(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The matched word forms marked *so* (the terminal's bold)."""
    out, pos = [], 0
    for a, b in spans:
        out += [text[pos:a], f"*{text[a:b]}*"]
        pos = b
    return "".join([*out, text[pos:]])


def snippet_text(snippet: services.Snippet) -> str:
    return f"— {snippet.speaker or 'в тексте'}: {starred(snippet.text, snippet.spans)}"


def period_note(period: services.Period | None) -> str:
    return f" ({period.describe()})" if period else ""


def count_problem(n: int) -> str | None:
    """An -n out of 1..20: why (and None when it is fine)."""
    from bot import services

    if n < 1:
        return f"Число событий — от 1 до {services.MAX_PAGE}, а не {n}."
    if n > services.MAX_PAGE:
        return f"За раз показываю не больше {services.MAX_PAGE} (просили {n})."
    return None


def check_count(n: int) -> int | None:
    """Say what is wrong with -n; an exit code when nothing can be shown (n < 1), else None."""
    if problem := count_problem(n):
        print(problem, file=sys.stderr)
        return 2 if n < 1 else None
    return None


async def cmd_latest(args: argparse.Namespace, settings: Settings) -> int:
    from bot import services
    if (refused := check_count(args.n)) is not None:
        return refused

    async def action(db: Database) -> int:
        page = await services.latest(db, args.n)
        if not page.items and not args.json:
            print("Событий пока нет. Загрузите статьи: newsbot ingest data/articles")
        print_events(page.items, args.json)
        return 0

    return await with_db(settings, action)


async def cmd_org(args: argparse.Namespace, settings: Settings) -> int:
    from bot import services

    if (refused := check_count(args.n)) is not None:
        return refused
    name = " ".join(args.words)

    async def action(db: Database) -> int:
        try:
            result = await services.org_events(db, name, args.n)
        except services.BadPeriod as exc:
            print(exc, file=sys.stderr)
            return 2
        if result.org is None:
            hint = ", ".join(o.name for o in result.suggestions)
            print(f"Организация «{name}» не найдена." + (f" Возможно: {hint}" if hint else ""), file=sys.stderr)
            return 1
        if not args.json:
            print(f"{result.org.name}: события, новые сверху{period_note(result.period)}\n")
        if not result.page.items and not args.json:
            print(f"О {result.org.name} событий нет{period_note(result.period)}.")
        print_events(result.page.items, args.json)
        return 0

    return await with_db(settings, action)


async def cmd_person(args: argparse.Namespace, settings: Settings) -> int:
    from bot import services

    if (refused := check_count(args.n)) is not None:
        return refused
    name = " ".join(args.words)

    async def action(db: Database) -> int:
        try:
            result = await services.person_statements(db, name, args.n)
        except services.BadPeriod as exc:
            print(exc, file=sys.stderr)
            return 2
        if not result.people:
            print(f"Человек «{name}» не найден.", file=sys.stderr)
            return 1
        for st in result.page.items:
            if args.json:
                (event,) = await services.queries.load_events(db, [st.event_id])
                print(json.dumps({**event_json(event), "statement": statement_json(st)}, ensure_ascii=False))
            else:
                from bot import rendering

                day = rendering.russian_date(st.day) or rendering.NO_DATE
                print(f"{day} {st.speaker} ({st.verb}): {st.text}\n  {st.url}\n")
        return 0

    return await with_db(settings, action)


async def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from bot import services

    if (refused := check_count(args.n)) is not None:
        return refused
    from bot.news.matcher import has_markup

    text = " ".join(args.words)

    async def action(db: Database) -> int:
        if has_markup(text):
            print(f"Запрос «{text}» содержит разметку (теги или &-коды): напишите просто слова.", file=sys.stderr)
            return 2
        try:
            result = await services.search(db, text, args.n)
        except services.BadPeriod as exc:
            print(exc, file=sys.stderr)
            return 2
        if result.query.is_empty:
            print("Пустой запрос: укажите слова для поиска.", file=sys.stderr)
            return 2
        within = period_note(result.period)
        if not args.json:
            found = "новые сверху; *так* — найденные слова" if result.page.items else "ничего не найдено"
            print(f"Поиск «{text}»{within}: {found}\n")
        for hit in result.page.items:
            if args.json:
                matched = [statement_json(s) for s in hit.statements]
                snippets = [
                    {"speaker": sn.speaker, "text": sn.text, "highlights": [list(span) for span in sn.spans]}
                    for sn in hit.snippets
                ]
                out = {**event_json(hit.event), "matched": matched, "snippets": snippets}
                print(json.dumps(out, ensure_ascii=False))
            else:
                print(event_text(hit.event, [snippet_text(sn) for sn in hit.snippets]))
        return 0

    return await with_db(settings, action)


async def cmd_event(args: argparse.Namespace, settings: Settings) -> int:
    from bot import services
    raw = str(args.id).lstrip("№#")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
        print(f"Номер события — число, например: newsbot event 3 (а не «{args.id}»).", file=sys.stderr)
        return 2

    async def action(db: Database) -> int:
        detail = await services.event_detail(db, int(raw))
        if detail is None:
            print(f"События №{raw} нет.", file=sys.stderr)
            return 1
        if args.json:
            out = {**event_json(detail.event), "statements": [statement_json(s) for s in detail.statements]}
            print(json.dumps(out, ensure_ascii=False))
        else:
            print(event_detail_text(detail))
        return 0

    return await with_db(settings, action)


def event_detail_text(detail: services.EventDetail) -> str:
    event = detail.event
    lines = [f"Событие №{event.id}: {event.title or '(без заголовка)'}"]
    lines.append(" · ".join(x for x in (event.date or event.sort_key[:10], event.location or "место не указано") if x))
    if event.participants:
        lines.append("Участники: " + ", ".join(o.name for o in event.participants))
    if event.mentioned:
        lines.append("Упоминаются: " + ", ".join(o.name for o in event.mentioned))
    by_speaker: dict[str, list[StatementView]] = {}
    for st in detail.statements:
        by_speaker.setdefault(st.speaker, []).append(st)
    lines.append(f"\nЗаявления ({len(detail.statements)}):" if by_speaker else "\nЗаявлений нет.")
    for speaker, said in by_speaker.items():
        role = next((st.role for st in said if st.role), None)
        lines.append(f"\n{speaker}" + (f", {role}" if role else ""))
        lines += [f"  — {st.text}" for st in said]
    lines.append(f"\nИсточники ({len(event.sources)}):")
    lines += [f"  {n}. {s.name or 'источник'}: {s.url}" for n, s in enumerate(event.sources, start=1)]
    return "\n".join(lines)


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.bot_token is None:  # answer at once: importing aiogram takes seconds on a busy machine
        from bot.notices import NO_TOKEN

        print(NO_TOKEN, file=sys.stderr)
        return 2
    problem = settings.webhook_problem(args.webhook)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    from bot.app import run_bot

    return await run_bot(settings, webhook=args.webhook or settings.webhook_url is not None)


async def cmd_console(args: argparse.Namespace, settings: Settings) -> int:
    from bot.console import run_console

    return await run_console(settings)


async def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.digests import print_digest

    return await print_digest(settings, args.since)


async def cmd_fetch(args: argparse.Namespace, settings: Settings) -> int:
    from bot.digests import parse_period
    from bot.sources.poll import fetch_all_once

    since = None
    if args.since:
        try:
            since = parse_period(args.since)
        except ValueError as exc:
            print(f"--since: {exc}", file=sys.stderr)
            return 2
    return await fetch_all_once(settings, since=since, show_skipped=args.show_skipped)


async def cmd_migrate_db(args: argparse.Namespace, settings: Settings) -> int:
    """Copy the configured SQLite database into an empty PostgreSQL database."""
    import time
    from pathlib import Path

    from storage.db import is_postgresql_url
    from storage.postgres import PostgresDatabase
    from storage.sqlite import SqliteDatabase
    from storage.transfer import TransferRefused, move_to_postgresql

    source = settings.database_target
    url_form = "postgresql://пользователь:пароль@сервер:5432/база"
    if not is_postgresql_url(args.to):
        print(f"--to: нужен адрес PostgreSQL: {url_form}", file=sys.stderr)
        return 2
    try:
        target_label = settings.model_copy(update={"database_url": args.to}).database_label
    except ValueError:  # a port that is not a number
        print(f"--to: неверный адрес PostgreSQL, нужен такой: {url_form}", file=sys.stderr)
        return 2
    if isinstance(source, str):
        print("DATABASE_URL уже указывает на PostgreSQL: укажите в нём файл SQLite, который нужно перенести.",
              file=sys.stderr)  # fmt: skip
        return 2
    if not Path(source).is_file():
        print(f"Нет файла базы SQLite {source} (DATABASE_URL): переносить нечего.", file=sys.stderr)
        return 2
    try:
        target = await PostgresDatabase.connect(args.to)
    except (*DATABASE_ERRORS, OSError, TimeoutError, ValueError) as exc:  # type: ignore[misc]
        print(f"Не удалось подключиться к {target_label}: {one_line(exc)}", file=sys.stderr)
        return 2

    def progress(table: str, done: int, total: int) -> None:
        print(f"  {table}: {done} из {total}" if total else f"  {table}…", file=sys.stderr, flush=True)

    start = time.perf_counter()
    try:
        db = await SqliteDatabase.connect(Path(source))
        try:
            print(f"Перенос {source} → {target_label}", file=sys.stderr, flush=True)
            copied = await move_to_postgresql(db, target, on_progress=progress)
        finally:
            await db.close()
    except TransferRefused as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except DATABASE_ERRORS as exc:
        print(f"Перенос прерван, база {target_label} осталась прежней: {one_line(exc)}", file=sys.stderr)
        return 2
    finally:
        await target.close()
    print(f"Перенесено в {target_label} за {time.perf_counter() - start:.0f} с (строк по таблицам):")
    for table, rows in copied.items():
        print(f"  {table:<24} {rows}")
    return 0


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]] = {
    "run": cmd_run,
    "console": cmd_console,
    "ingest": cmd_ingest,
    "parse": cmd_parse,
    "latest": cmd_latest,
    "org": cmd_org,
    "person": cmd_person,
    "search": cmd_search,
    "event": cmd_event,
    "digest": cmd_digest,
    "fetch": cmd_fetch,
    "migrate-db": cmd_migrate_db,
}

