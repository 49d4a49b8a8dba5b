"""The pure extraction pipeline: article text in, ParsedArticle out (no network, no database)."""

from __future__ import annotations

import re
from collections import Counter

from bot.news import morph
from bot.news.cleaning import clean
from bot.news.dates import published_at
from bot.news.location import find_location
from bot.news.models import ArticleMeta, OrgMention, ParsedArticle, PersonMention, Statement
from bot.news.orgs import load_catalog
from bot.news.outlets import load_outlets
from bot.news.roster import Roster
from bot.news.salience import participants
from bot.news.statements import Resolver, read_statements
from bot.news.tokens import sentences_of, tokenize
from bot.news.unknown_orgs import find_other_organizations

__all__ = ["ArticleMeta", "ParsedArticle", "parse"]

MAX_TITLE_FALLBACK = 140
# A news article is a few thousand characters; a longer text (up to the 2 MB file limit) is analysed and
# kept up to here, so that parsing any input takes bounded time and memory. Every step is linear anyway.
MAX_ANALYSED_CHARS = 250_000


def detect_lang(text: str) -> str:
    latin = len(re.findall(r"[A-Za-z]", text))
    cyrillic = len(re.findall(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", text))
    return "en" if latin > cyrillic else "ru"


def fallback_title(paragraphs: list[str]) -> str | None:
    if not paragraphs:
        return None
    first = sentences_of(paragraphs[0])[0] if paragraphs[0] else ""
    if len(first) <= MAX_TITLE_FALLBACK:
        return first.rstrip(".")
    return first[:MAX_TITLE_FALLBACK].rsplit(" ", 1)[0] + "…"


def analysed_part(text: str) -> str:
    """The text up to MAX_ANALYSED_CHARS, cut at a line break when there is one in its second half."""
    if len(text) <= MAX_ANALYSED_CHARS:
        return text
    cut = text.rfind("\n", MAX_ANALYSED_CHARS // 2, MAX_ANALYSED_CHARS)
    return text[: cut if cut > 0 else MAX_ANALYSED_CHARS]


def parse(text: str, meta: ArticleMeta) -> ParsedArticle:
    text = analysed_part(text)
    outlets = load_outlets()
    catalog = load_catalog()
    cleaned = clean(text, outlets)
    body = "\n\n".join(cleaned.paragraphs)
    header = "\n".join(cleaned.header)
    dateline = cleaned.dateline

    roster = Roster()
    found, all_sentences = read_statements(cleaned.paragraphs, Resolver(roster), cleaned.title)
    org_text = (cleaned.title or "") + "\n" + body
    org_tokens = tokenize(org_text)
    org_spans = catalog.spans(org_tokens)
    org_counts: Counter[str] = Counter(oid for _start, _end, oid in org_spans)
    roles = [p.role for p in roster.people if p.role] + [f.speaker.role for f in found if f.speaker.role]
    lede = sentences_of(cleaned.paragraphs[0])[:1] if cleaned.paragraphs else []
    lede_end = len(cleaned.title or "") + 1 + (len(lede[0]) if lede else 0)
    taking_part = participants(org_tokens, org_spans, lede_end, roles, catalog)
    organizations = []
    for oid, count in org_counts.most_common():
        org = catalog.get(oid)
        if org:
            organizations.append(OrgMention(id=oid, name=org.name, mentions=count, participant=oid in taking_part))

    other_organizations = [
        OrgMention(id="", name=name, mentions=count, known=False)
        for name, count in find_other_organizations(
            org_text, catalog, outlets, org_tokens, org_spans, start=len(cleaned.title or "") + 1
        )
    ]
    statements = [
        Statement(
            speaker=f.speaker.name,
            role=f.speaker.role,
            verb=f.verb,
            text=f.text,
            direct_quote=f.direct_quote,
            organizations=sorted(catalog.find(tokenize(f.text))),
            lemmas=morph.lemmas(f.text),
        )
        for f in found
    ]
    people = [PersonMention(name=p.name, role=p.role) for p in roster.people if len(p.name.split()) > 1]
    title = cleaned.title or meta.title or fallback_title(cleaned.paragraphs)
    return ParsedArticle(
        path=meta.path,
        url=meta.url,
        title=title,
        # the page's or feed's own full date is never replaced by a date read from the text
        published_at=meta.published_at
        or published_at(cleaned.header, dateline.date if dateline else None, body, meta.reference_time),
        source=outlets.source(header, dateline.source if dateline else None, body) or meta.source,
        location=find_location(
            dateline.city if dateline else None,
            [cleaned.title or "", *all_sentences],
            weak_dateline=dateline.weak if dateline else False,
            dateline_lede=cleaned.dateline_paragraph,
        ),
        lang=meta.lang or detect_lang(body),
        organizations=organizations,
        people=people,
        statements=statements,
        other_organizations=other_organizations,
        text=body,
        title_lemmas=morph.lemmas(title or ""),
        body_lemmas=morph.lemmas(body),
    )
