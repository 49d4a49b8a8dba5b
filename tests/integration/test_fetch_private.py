"""The fetcher can't be turned against its host: no loopback or private address, in any spelling.

Two real servers on the same port: a "secret" one on 127.0.0.1 that records every hit, and a
news site on 127.0.0.2 that the tests declare public (`exempt`): its feed and its redirects point
at the secret one. Names are resolved by a table (the DNS below the fetcher), so that a name can
point at the secret server, or at both, or change its answer between two lookups.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult

from bot.sources.feeds import FeedConfig, FeedsFileError, active_feeds, load_feeds, sync_feeds
from bot.sources.fetch import AddressPolicy, BlockedAddress, CheckingResolver, Fetcher, FetchError, check_url
from bot.sources.poll import poll_feed
from storage.db import Database
from tests.integration.test_fetch_sources import Chat

SITE = Path(__file__).parents[1] / "fixtures" / "sources" / "site"
PUBLIC_IP = "127.0.0.2"  # treated as public by the fetchers of these tests
EXEMPT = [ipaddress.ip_network(f"{PUBLIC_IP}/32")]
# Spellings of this machine and of private networks (the secret server answers the first ones).
FORMS = [
    "127.0.0.1", "localhost", "0.0.0.0", "[::ffff:127.0.0.1]", "[::1]", "[::127.0.0.1]", "[::ffff:7f00:1]",
    "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "0x7f000001", "10.0.0.1", "192.168.1.1",
    "169.254.169.254", "100.64.0.1", "[fe80::1]", "[fc00::1]", "224.0.0.1", "240.0.0.1",
]  # fmt: skip


@dataclass
class Servers:
    port: int = 0
    secret_hits: list[str] = field(default_factory=list)
    public_hits: list[str] = field(default_factory=list)
    runners: list[web.AppRunner] = field(default_factory=list)

    @property
    def public(self) -> str:
        return f"http://{PUBLIC_IP}:{self.port}"

    def private_url(self, form: str, n: int) -> str:
        return f"http://{form}:{self.port}/secret/{n}"

    def via_redirect(self, url: str) -> str:
        return f"{self.public}/go?to={quote(url, safe='')}"

    async def secret(self, request: web.Request) -> web.Response:
        self.secret_hits.append(request.path)
        return web.Response(text="the secret")

    async def public_secret(self, request: web.Request) -> web.Response:
        self.public_hits.append(request.path)
        return web.Response(text="a public page")

    async def go(self, request: web.Request) -> web.Response:
        self.public_hits.append(request.path)
        raise web.HTTPFound(request.query["to"])

    async def article(self, request: web.Request) -> web.Response:
        self.public_hits.append(request.path)
        return web.Response(body=(SITE / "elkz_article.html").read_bytes(), content_type="text/html", charset="utf-8")

    async def feed(self, request: web.Request) -> web.Response:
        self.public_hits.append(request.path)
        items = [f"{self.public}/article"]
        items += [self.private_url(form, n) for n, form in enumerate(FORMS)]
        items += [self.via_redirect(self.private_url(form, 100 + n)) for n, form in enumerate(FORMS)]
        entries = "".join(
            f"<item><title>Новость {n}</title><link>{escape(url)}</link></item>" for n, url in enumerate(items)
        )
        full_text = "Министр иностранных дел Казахстана заявил о важности диалога в ОБСЕ. " * 12
        entries += (
            f"<item><title>Полный текст</title><link>{escape(self.private_url('127.0.0.1', 999))}</link>"
            f"<description>{full_text}</description></item>"
        )
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{entries}</channel></rss>'
        return web.Response(text=body, content_type="application/rss+xml")

    async def start(self) -> Servers:
        secret = web.Application()
        secret.router.add_get("/secret/{n}", self.secret)
        public = web.Application()
        public.router.add_get("/secret/{n}", self.public_secret)
        public.router.add_get("/go", self.go)
        public.router.add_get("/article", self.article)
        public.router.add_get("/feed.xml", self.feed)
        for app, host in ((secret, "127.0.0.1"), (public, PUBLIC_IP)):
            runner = web.AppRunner(app)
            await runner.setup()
            site = web.TCPSite(runner, host, self.port)
            await site.start()
            self.runners.append(runner)
            if not self.port:
                self.port = runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        for runner in self.runners:
            await runner.cleanup()


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


class TableDNS(AbstractResolver):
    """Names → the addresses of each lookup in turn (the last one repeats); counts lookups."""

    def __init__(self, table: dict[str, list[list[str]]]) -> None:
        self.table = table
        self.lookups: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        answers = self.table.get(host)
        if answers is None:
            raise OSError(f"{host}: no such name")
        self.lookups.append(host)
        ips = answers[min(self.lookups.count(host), len(answers)) - 1]
        return [
            {"hostname": host, "host": ip, "port": port, "family": socket.AF_INET6 if ":" in ip else socket.AF_INET,
             "proto": 0, "flags": socket.AI_NUMERICHOST}
            for ip in ips
        ]  # fmt: skip

    async def close(self) -> None:
        pass


@pytest.fixture
async def servers() -> AsyncIterator[Servers]:
    running = await Servers().start()
    yield running
    await running.stop()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(delay=0, timeout=5, exempt=EXEMPT) as client:
        yield client


@pytest.mark.parametrize("form", FORMS)
async def test_a_private_address_is_refused_directly_and_after_a_redirect(
    servers: Servers, fetcher: Fetcher, form: str
) -> None:
    with pytest.raises(BlockedAddress, match="только публичные адреса"):
        await fetcher.get(servers.private_url(form, 1))
    with pytest.raises(BlockedAddress, match="только публичные адреса"):
        await fetcher.get(servers.via_redirect(servers.private_url(form, 2)))
    assert servers.public_hits == ["/go"]  # the first hop was fetched, the second refused
    assert servers.secret_hits == []


async def test_with_the_setting_on_the_same_addresses_are_fetched(servers: Servers) -> None:
    """The control: the secret server does answer the refused requests when private addresses are allowed."""
    async with Fetcher(delay=0, timeout=5, allow_private=True) as client:
        for n, form in enumerate(["127.0.0.1", "localhost", "[::ffff:127.0.0.1]"]):
            assert (await client.get(servers.private_url(form, n))).body == b"the secret"
        redirected = await client.get(servers.via_redirect(servers.private_url("127.0.0.1", 9)))
    assert redirected.body == b"the secret"
    assert servers.secret_hits == ["/secret/0", "/secret/1", "/secret/2", "/secret/9"]


async def test_the_public_site_itself_is_refused_without_the_exemption(servers: Servers) -> None:
    async with Fetcher(delay=0, timeout=5) as client:
        with pytest.raises(BlockedAddress, match="этот же компьютер"):
            await client.get(f"{servers.public}/article")
    assert servers.public_hits == []


async def test_a_feed_stores_its_public_item_and_neither_fetches_nor_stores_private_ones(
    db: Database, servers: Servers, fetcher: Fetcher
) -> None:
    await sync_feeds(db, [FeedConfig("Новости", f"{servers.public}/feed.xml")])
    [feed] = await active_feeds(db)
    result = await poll_feed(db, feed, fetcher)
    assert servers.secret_hits == []
    assert result.ok and result.stored == 1 and result.failed == 0
    assert result.rejected == 2 * len(FORMS) + 1
    urls = [row[0] for row in await db.fetchall("SELECT url FROM articles")]
    assert urls == [f"{servers.public}/article"]
    rows = await db.fetchall("SELECT url, status, reason FROM feed_items WHERE url != ?", (urls[0],))
    assert len(rows) == 2 * len(FORMS) + 1
    for row in rows:
        assert row["status"] == "rejected" and "только публичные адреса" in row["reason"], tuple(row)
    assert await db.scalar("SELECT error_count FROM feeds") == 0


async def test_a_name_resolving_to_a_private_address_is_refused(servers: Servers) -> None:
    dns = TableDNS({
        "news.test": [[PUBLIC_IP]],
        "intranet.test": [["127.0.0.1"]],
        "both.test": [[PUBLIC_IP, "127.0.0.1"]],
        "v6.test": [["::ffff:127.0.0.1"]],
    })  # fmt: skip
    async with Fetcher(delay=0, timeout=5, exempt=EXEMPT, dns=dns) as client:
        assert (await client.get(f"http://news.test:{servers.port}/secret/1")).body == b"a public page"
        for name in ("intranet.test", "both.test", "v6.test"):
            with pytest.raises(BlockedAddress, match=rf"{name} \(.*\) — этот же компьютер"):
                await client.get(f"http://{name}:{servers.port}/secret/2")
        redirect = f"http://news.test:{servers.port}/go?to=" + quote(f"http://intranet.test:{servers.port}/secret/3")
        with pytest.raises(BlockedAddress):
            await client.get(redirect)
    assert servers.secret_hits == []
    assert servers.public_hits == ["/secret/1", "/go"]


async def test_the_connection_goes_to_the_address_that_was_checked(servers: Servers) -> None:
    """DNS rebinding: a name that answers a public address, then a private one. It is looked up
    once per connection, so the second answer is never used for a request that passed the check."""
    dns = TableDNS({"rebind.test": [[PUBLIC_IP], ["127.0.0.1"]]})
    async with Fetcher(delay=0, timeout=5, exempt=EXEMPT, dns=dns) as client:
        result = await client.get(f"http://rebind.test:{servers.port}/secret/1")
    assert result.body == b"a public page"
    assert dns.lookups == ["rebind.test"]
    assert servers.secret_hits == [] and servers.public_hits == ["/secret/1"]


async def test_the_resolver_refuses_any_private_answer_and_returns_what_it_checked() -> None:
    dns = TableDNS({"a.test": [["93.184.216.34", "2606:2800:220:1::1"]], "b.test": [["93.184.216.34", "10.1.1.1"]]})
    resolver = CheckingResolver(AddressPolicy(), dns)
    assert [r["host"] for r in await resolver.resolve("a.test", 80)] == ["93.184.216.34", "2606:2800:220:1::1"]
    with pytest.raises(OSError, match=r"b\.test \(10\.1\.1\.1\) — частная сеть"):
        await resolver.resolve("b.test", 80)
    allowing = CheckingResolver(AddressPolicy(allow_private=True), dns)
    assert len(await allowing.resolve("b.test", 80)) == 2


async def test_source_add_refuses_a_loopback_address_with_a_reason(db: Database, servers: Servers) -> None:
    chat = Chat(db, allow_private=False)
    for form in ("127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "2130706433"):
        [reply] = await chat.send(f"/source add {servers.private_url(form, 1)}")
        assert reply.startswith("Не добавлено: адрес ") and "этот же компьютер" in reply, reply
    assert servers.secret_hits == []
    assert await db.scalar("SELECT count(*) FROM feeds") == 0


def test_a_feeds_file_entry_at_a_private_address_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text('[[feed]]\nname = "Внутренняя"\nurl = "http://[::1]:8080/rss"\n', encoding="utf-8")
    with pytest.raises(FeedsFileError, match=r"лента №1 \(Внутренняя\): адрес ::1 — этот же компьютер"):
        load_feeds(path)
    assert [f.url for f in load_feeds(path, allow_private=True)] == ["http://[::1]:8080/rss"]


def test_an_unreadable_numeric_host_is_refused() -> None:
    with pytest.raises(FetchError, match="не разобрать"):
        check_url("http://999.1.1.1/")
    check_url("https://www.inform.kz/rss")  # names are checked when resolved
