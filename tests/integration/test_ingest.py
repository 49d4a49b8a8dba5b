"""`newsbot ingest` and `newsbot parse` as a user runs them: real processes, a real SQLite file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.ingest import ingest_inputs
from storage.db import Database
from tests.conftest import SAMPLES_DIR, run_newsbot

CONTRACT_KEYS = {"path", "url", "title", "published_at", "source", "location", "organizations", "people",
                 "statements"}


def test_parse_prints_contract_json_for_every_sample(tmp_path: Path) -> None:
    paths = sorted(str(p) for p in SAMPLES_DIR.glob("*.txt"))
    proc = run_newsbot("parse", *paths, db_path=tmp_path / "db.sqlite3")
    assert proc.returncode == 0, proc.stderr
    objects = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["path"] for o in objects] == paths
    for obj in objects:
        assert obj.keys() >= CONTRACT_KEYS
        assert obj["url"] == "file://" + obj["path"]
        assert all({"id", "name", "mentions"} <= o.keys() for o in obj["organizations"])
        assert all({"speaker", "role", "verb", "text", "direct_quote", "organizations"} <= s.keys()
                   for s in obj["statements"])
    assert not (tmp_path / "db.sqlite3").exists(), "parse must store nothing"


def test_ingest_twice_stores_nothing_new(tmp_path: Path) -> None:
    db_path = tmp_path / "db.sqlite3"
    first = run_newsbot("ingest", str(SAMPLES_DIR), db_path=db_path)
    assert first.returncode == 0, first.stderr
    assert "сохранено 5, уже были 0, отклонено 0" in first.stdout
    second = run_newsbot("ingest", str(SAMPLES_DIR), db_path=db_path)
    assert second.returncode == 0
    assert "сохранено 0, уже были 5, отклонено 0" in second.stdout
    assert second.stdout.count("уже есть:") == 5


def make_mixed_folder(folder: Path) -> dict[str, str]:
    """A folder of good and bad files; returns file name → expected reason fragment."""
    folder.mkdir()
    sample = next(iter(sorted(SAMPLES_DIR.glob("*.txt"))))
    shutil.copy(sample, folder / "good.txt")
    text = (SAMPLES_DIR / "001_127c33a05446321e.txt").read_text(encoding="utf-8")
    (folder / "cp1251.txt").write_bytes(text.encode("cp1251"))
    bom_text = (SAMPLES_DIR / "004_6bdf971b0c5c3aaf.txt").read_text(encoding="utf-8")
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + bom_text.encode("utf-8"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8)
    (folder / "huge.txt").write_bytes(("Казахстан и ОБСЕ. " * 600_000).encode("utf-8"))
    return {"empty.txt": "пустой файл", "image.png": "двоичный файл", "huge.txt": "слишком большой файл"}


def test_bad_files_are_rejected_one_line_each_and_the_rest_stored(tmp_path: Path) -> None:
    rejected = make_mixed_folder(tmp_path / "mix")
    proc = run_newsbot(
        "ingest", str(tmp_path / "mix"), str(tmp_path / "missing.txt"), db_path=tmp_path / "db.sqlite3"
    )
    assert proc.returncode == 1, "a rejected input must make the exit code non-zero"
    lines = proc.stdout.splitlines()
    for name, reason in rejected.items():
        (line,) = [x for x in lines if x.startswith("отклонено:") and x.split(" — ")[0].endswith(name)]
        assert reason in line
    (missing,) = [x for x in lines if "missing.txt" in x]
    assert "не существует" in missing
    stored = [x for x in lines if x.startswith("сохранено:")]
    assert sorted(Path(x.split(" — ")[0].split(": ", 1)[1]).name for x in stored) == ["bom.txt", "cp1251.txt",
                                                                                         "good.txt"]
    assert "сохранено 3, уже были 0, отклонено 4" in proc.stdout


async def test_cp1251_article_is_stored_readable(db: Database, tmp_path: Path) -> None:
    make_mixed_folder(tmp_path / "mix")
    await ingest_inputs(db, [str(tmp_path / "mix" / "cp1251.txt")])
    row = await db.fetchone("SELECT location, text FROM articles")
    assert row is not None
    assert row["location"] == "Вена"
    assert "Кошербаев" in row["text"]


async def test_a_failure_mid_article_leaves_nothing_half_written(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage import articles

    async def broken_insert_statements(*args: object, **kwargs: object) -> list[int]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(articles, "insert_statements", broken_insert_statements)
    with pytest.raises(RuntimeError, match="disk full"):
        await ingest_inputs(db, [str(SAMPLES_DIR / "001_127c33a05446321e.txt")])
    for table in ("articles", "events", "event_organizations", "people", "statements", "search_rows"):
        assert await db.scalar(f"SELECT count(*) FROM {table}") == 0, table


def test_two_processes_write_the_same_database(tmp_path: Path) -> None:
    """The bot and `newsbot ingest` may write at once: no "database is locked"."""
    import subprocess
    import sys

    from tests.benchmarks.corpus import write_corpus

    db_path = tmp_path / "db.sqlite3"
    folders = [tmp_path / "a", tmp_path / "b"]
    for i, folder in enumerate(folders):
        write_corpus(15, folder, seed=100 + i)
    import os

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}", "BOT_TOKEN": ""}
    procs = [
        subprocess.Popen([sys.executable, "-m", "bot", "ingest", str(f)], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for f in folders
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
        assert "сохранено 15" in out
