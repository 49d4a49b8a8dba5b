"""A feed whose pages come in the web's encodings, and one bad item among good ones (a local site)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from bot.ingest import ingest_inputs
from bot.sources import poll
from bot.sources.feeds import FeedConfig, active_feeds, sync_feeds
from bot.sources.fetch import Fetcher, FetchResult
from bot.sources.pages import ExtractedPage
from storage.db import Database

FIXTURES = Path(__file__).parents[1] / "fixtures" / "sources"
MOJIBAKE = "РњРёРЅРёСЃС‚СЂ"  # «Министр» in UTF-8 read as cp1251


def page(name: str) -> str:
    title, body = (FIXTURES / "dedupe" / name).read_text(encoding="utf-8").split("\n", 1)
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    article = f"<article><h1>{title}</h1>{paragraphs}</article>"
    return f"<html><head><title>{title}</title></head><body>{article}</body></html>"


def with_bad_byte(data: bytes) -> bytes:
    cut = data.index(b" ", len(data) // 2)
    return data[:cut] + b"\xff" + data[cut:]


class Site:
    """/feed.xml lists four pages: a UTF-8 one with a bad byte, a cp1251 one under `charset=base64`,
    one the extraction fails on (see the test) and an ordinary one."""

    def __init__(self) -> None:
        self.base = ""
        self.runner: web.AppRunner | None = None

    async def feed(self, request: web.Request) -> web.Response:
        items = "".join(
            f"<item><title>{n}</title><link>{self.base}/a/{n}</link></item>"
            for n in ("damaged", "base64", "broken", "elkz")
        )
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Т</title>{items}</channel></rss>'
        return web.Response(text=body, content_type="application/rss+xml")

    async def article(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name == "damaged":
            body = with_bad_byte(page("astana_icrc.txt").encode("utf-8"))
            return web.Response(body=body, headers={"Content-Type": "text/html; charset=utf-8"})
        if name == "base64":
            body = page("malta_2024.txt").encode("cp1251")
            return web.Response(body=body, headers={"Content-Type": "text/html; charset=base64"})
        if name == "broken":
            return web.Response(text=page("vienna_kt.txt"), content_type="text/html")
        return web.Response(body=(FIXTURES / "site" / "elkz_article.html").read_bytes(), content_type="text/html")

    async def start(self) -> Site:
        app = web.Application()
        app.router.add_get("/feed.xml", self.feed)
        app.router.add_get("/a/{name}", self.article)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", 0).start()
        self.base = f"http://127.0.0.1:{self.runner.addresses[0][1]}"
        return self

    async def stop(self) -> None:
        if self.runner:
            await self.runner.cleanup()


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    running = await Site().start()
    yield running
    await running.stop()


async def test_pages_in_odd_encodings_are_stored_and_one_bad_item_is_skipped(
    db: Database, site: Site, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real_page_from_result = poll.page_from_result

    def extraction_failing_on_one_page(result: FetchResult) -> ExtractedPage:
        if result.url.endswith("/broken"):
            raise KeyError("a bug in the extraction of this one page")
        return real_page_from_result(result)

    monkeypatch.setattr(poll, "page_from_result", extraction_failing_on_one_page)
    await sync_feeds(db, [FeedConfig("Лента", f"{site.base}/feed.xml")])
    [feed] = await active_feeds(db)
    async with Fetcher(delay=0, timeout=10, allow_private=True) as fetcher:  # the site is on 127.0.0.1
        with caplog.at_level(logging.ERROR):
            result = await poll.poll_feed(db, feed, fetcher)

    assert result.ok and result.error is None
    statuses = {row["url"].rsplit("/", 1)[1]: row["status"] for row in await db.fetchall("SELECT * FROM feed_items")}
    assert statuses["broken"] == "rejected"
    assert {statuses[n] for n in ("damaged", "base64", "elkz")} <= {"stored", "joined"}
    texts = {row["url"].rsplit("/", 1)[1]: row["text"] for row in await db.fetchall("SELECT url, text FROM articles")}
    assert set(texts) == {"damaged", "base64", "elkz"}
    assert "Министр иностранных дел Казахстана Ермек Кошербаев" in texts["damaged"]
    assert "Заместитель министра иностранных дел Казахстана" in texts["base64"]
    assert all(MOJIBAKE not in text for text in texts.values())
    assert "a bug in the extraction" in caplog.text  # logged, with the item's url
    assert f"{site.base}/a/broken" in caplog.text
    row = await db.fetchone("SELECT error_count, last_error FROM feeds")
    assert row is not None and row["error_count"] == 0 and row["last_error"] is None


async def test_a_file_with_one_bad_byte_is_stored_as_utf8(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(with_bad_byte((FIXTURES / "dedupe" / "astana_icrc.txt").read_bytes()))
    [outcome] = await ingest_inputs(db, [str(path)])
    assert outcome.status == "stored", outcome.detail
    text = await db.scalar("SELECT text FROM articles")
    assert "Министр иностранных дел Казахстана Ермек Кошербаев" in text and MOJIBAKE not in text
