"""`newsbot search/event/org/person/latest` as a journalist uses them: the real command line on a
database holding the sample articles; the same answers the bot gives (one service function)."""

from __future__ import annotations

import json
from pathlib import Path

from bot import services
from storage.db import Database
from tests.conftest import SAMPLES_DIR, run_newsbot


def json_lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


async def test_cli_answers_as_the_bot_does(tmp_path: Path) -> None:
    db_path = tmp_path / "cli.sqlite3"
    assert run_newsbot("ingest", str(SAMPLES_DIR), db_path=db_path).returncode == 0

    search = run_newsbot("search", "вода", "--json", db_path=db_path)
    hits = json_lines(search.stdout)
    db = await Database.open(db_path)
    try:
        in_process = await services.search(db, "вода")
        assert [h["id"] for h in hits] == [h.event.id for h in in_process.page.items]  # same results, same order
        assert [[s["text"] for s in h["snippets"]] for h in hits] == [  # type: ignore[attr-defined]
            [s.text for s in h.snippets] for h in in_process.page.items
        ]
    finally:
        await db.close()
    dates = [str(h["date"]) for h in hits]
    assert dates == sorted(dates, reverse=True)
    plain = run_newsbot("search", "вода", db_path=db_path).stdout
    assert "новые сверху" in plain and "*водных*" in plain and "*водно-энергетических*" in plain

    excluded = run_newsbot("search", "климат", "-Афганистан", db_path=db_path)
    assert excluded.returncode == 0 and "Вена" not in excluded.stdout and "Мальта" in excluded.stdout

    (event,) = json_lines(run_newsbot("event", str(hits[0]["id"]), "--json", db_path=db_path).stdout)
    assert event["id"] == hits[0]["id"] and len(event["statements"]) >= 5  # type: ignore[arg-type]
    assert {o["participant"] for o in event["organizations"]} == {True, False}  # type: ignore[union-attr]
    full = run_newsbot("event", str(hits[0]["id"]), db_path=db_path).stdout
    assert "Участники: ОБСЕ" in full and "Упоминаются: ООН" in full and "Источники (1)" in full
    missing = run_newsbot("event", "999", db_path=db_path)
    assert missing.returncode == 1 and "События №999 нет" in missing.stderr

    org = run_newsbot("org", "ОБСЕ", "2024", db_path=db_path).stdout
    assert "(2024 год)" in org and "Мальта" in org and "Вена" not in org
    person = run_newsbot("person", "Tokayev", "-n", "1", db_path=db_path)
    assert person.returncode == 0 and "Касым-Жомарт Токаев" in person.stdout
    zero = run_newsbot("latest", "-n", "0", db_path=db_path)
    assert zero.returncode == 2 and "от 1 до 20" in zero.stderr
    many = run_newsbot("org", "ОБСЕ", "-n", "50", db_path=db_path)
    assert many.returncode == 0 and "не больше 20" in many.stderr and "Вена" in many.stdout
    bad = run_newsbot("search", "вода", "с", "31.02.2025", db_path=db_path)
    assert bad.returncode == 2 and "Нет такой даты" in bad.stderr
    markup = run_newsbot("search", "<b>вода</b>", db_path=db_path)
    assert markup.returncode == 2 and "разметку" in markup.stderr
