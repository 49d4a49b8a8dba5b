"""Fixtures of the feed tests: a local site serving recorded feeds and pages, and an HTTP client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.sources.fetch import Fetcher
from tests.fixtures.sources.site import LocalSite


@pytest.fixture
async def site() -> AsyncIterator[LocalSite]:
    server = await LocalSite().start()
    yield server
    await server.stop()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(delay=0, timeout=10, allow_private=True) as client:  # the site is on 127.0.0.1
        yield client
