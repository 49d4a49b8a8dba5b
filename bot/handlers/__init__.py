"""One aiogram Router per feature; `get_routers()` builds fresh ones (the fallback last)."""

from __future__ import annotations

from aiogram import Router

from bot.handlers import (
    digests,
    errors,
    events,
    fallback,
    latest,
    orgs,
    people,
    search,
    sources,
    start,
    stats,
    subscriptions,
)


def get_routers() -> list[Router]:
    return [
        errors.setup(),
        start.setup(),
        latest.setup(),
        orgs.setup(),
        people.setup(),
        search.setup(),
        events.setup(),
        subscriptions.setup(),
        digests.setup(),
        stats.setup(),
        sources.setup(),
        fallback.setup(),
    ]
