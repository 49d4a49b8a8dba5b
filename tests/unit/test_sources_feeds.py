"""The feeds file, its sync into the feeds table, and back-off arithmetic."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import DATA_DIR
from bot.sources.feeds import KINDS, FeedConfig, FeedsFileError, active_feeds, all_feeds, load_feeds, sync_feeds
from bot.sources.poll import next_interval_minutes
from storage.db import Database


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_feeds_file_lists_the_real_sources() -> None:
    feeds = load_feeds(DATA_DIR / "feeds.toml")
    names = {f.name for f in feeds}
    assert {"МИД РК", "Акорда", "Kazinform", "KAZAKHSTAN TODAY", "El.kz", "Zakon.kz", "Tengrinews",
            "The Astana Times", "DKNews.kz"} <= names
    assert all(f.url.startswith("https://") and f.kind in KINDS for f in feeds)
    assert {f.kind for f in feeds} == {"rss", "page", "govkz", "akorda"}
    assert {f.lang for f in feeds} == {"ru", "en"}


def test_defaults_and_canonical_urls(tmp_path: Path) -> None:
    [feed] = load_feeds(write(tmp_path, '[[feed]]\nname = "Kazinform"\nurl = "https://inform.kz/rss?utm_source=x"\n'))
    assert feed == FeedConfig("Kazinform", "https://inform.kz/rss", "rss", "ru", 15)


@pytest.mark.parametrize(("text", "message"), [
    ('[[feed]]\nname = "A"\nurl = "ftp://a.kz/rss"\n', "http и https"),
    ('[[feed]]\nname = "A"\nurl = "https://a.kz/rss"\nkind = "json"\n', "kind"),
    ('[[feed]]\nname = "A"\nurl = "https://a.kz/rss"\ninterval_minutes = 0\n', "interval_minutes"),
    ('[[feed]]\nurl = "https://a.kz/rss"\n', "name"),
    ('[[feed]]\nname = "A"\nurl = "https://a.kz/rss"\ninterval = 5\n', "неизвестные поля: interval"),
    ('[[feed]]\nname = "A"\nurl = "https://a.kz/rss"\n[[feed]]\nname = "B"\nurl = "https://a.kz/rss"\n', "дважды"),
    ("[[feed]\n", "TOML"),
])
def test_a_bad_feeds_file_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(FeedsFileError, match=message):
        load_feeds(write(tmp_path, text))


async def test_sync_follows_the_file_and_keeps_owner_added_feeds(db: Database) -> None:
    a, b = FeedConfig("A", "https://a.kz/rss"), FeedConfig("B", "https://b.kz/news/", "page")
    await sync_feeds(db, [a, b])
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO feeds (name, url, kind, added_by) VALUES ('Owner', 'https://c.kz/rss', 'rss', 42)"
        )
    await sync_feeds(db, [FeedConfig("A renamed", "https://a.kz/rss", interval_minutes=60)])
    active = {f.url: f for f in await active_feeds(db)}
    assert set(active) == {"https://a.kz/rss", "https://c.kz/rss"}
    assert active["https://a.kz/rss"].name == "A renamed" and active["https://a.kz/rss"].interval_minutes == 60
    assert [f.active for f in await all_feeds(db) if f.url == "https://b.kz/news/"] == [False]


@pytest.mark.parametrize(("interval", "errors", "expected"), [
    (15, 0, 15), (15, 1, 30), (15, 3, 120), (15, 7, 1440), (15, 99, 1440), (60, 5, 1440), (1440, 0, 1440),
])
def test_back_off_doubles_up_to_a_day(interval: int, errors: int, expected: int) -> None:
    assert next_interval_minutes(interval, errors) == expected


def test_every_bundled_feed_says_whether_its_address_is_confirmed_and_by_what() -> None:
    import re

    from bot import DATA_DIR
    from bot.sources.feeds import load_feeds

    text = (DATA_DIR / "feeds.toml").read_text(encoding="utf-8")
    blocks = text.split("[[feed]]")[:-1]  # the comment block before each entry
    assert len(blocks) == len(load_feeds(DATA_DIR / "feeds.toml")) >= 10
    for block in blocks:
        lines = block.strip().splitlines()
        comment: list[str] = []
        for line in reversed(lines):  # the comment paragraph right above the entry
            if not line.startswith("#"):
                break
            comment.insert(0, line)
        said = " ".join(comment)
        assert re.search(r"# (UN)?CONFIRMED", said), block[-300:]
        if "# CONFIRMED" in said:
            assert re.search(r"file \d+|https?://", said), said  # the public source it rests on
