"""The pure extraction pipeline: article text in, ParsedArticle out (no network, no database)."""

from __future__ import annotations

import re
from collections import Counter

from razdel import sentenize

from bot.news import morph
from bot.news.cleaning import clean
from bot.news.dates import published_at
from bot.news.location import find_location
from bot.news.models import ArticleMeta, OrgMention, ParsedArticle, PersonMention, Statement
from bot.news.orgs import load_catalog
from bot.news.outlets import load_outlets
from bot.news.roster import Roster
from bot.news.statements import Found, Resolver, continues_quote
from bot.news.tokens import tokenize
from bot.news.unknown_orgs import find_other_organizations

__all__ = ["ArticleMeta", "ParsedArticle", "parse"]

MAX_TITLE_FALLBACK = 140


def sentences_of(paragraph: str) -> list[str]:
    return [s.text for s in sentenize(paragraph)]


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


def quoted_paragraph(paragraph: str) -> str:
    """A paragraph of direct speech without its opening dialogue dash."""
    return re.sub(r"^[-–—]\s+", "", paragraph.strip())


def parse(text: str, meta: ArticleMeta) -> ParsedArticle:
    outlets = load_outlets()
    catalog = load_catalog()
    cleaned = clean(text, outlets)
    body = "\n\n".join(cleaned.paragraphs)
    header = "\n".join(cleaned.header)
    dateline = cleaned.dateline

    roster = Roster()
    resolver = Resolver(roster)
    found: list[Found] = []
    all_sentences: list[str] = []
    pending: Found | None = None  # `Министр отметил:` or a caption line: the next paragraph is the quote
    last_sentence = ""
    for paragraph in cleaned.paragraphs:
        if pending is not None:
            found.append(Found(pending.speaker, pending.verb, quoted_paragraph(paragraph), direct_quote=True))
            all_sentences.append(paragraph)
            pending = None
            continue
        quote = resolver.paragraph_quote(paragraph)
        if quote:
            found.append(quote)
            all_sentences.append(paragraph)
            continue
        previous = None
        sentences = sentences_of(paragraph)
        k = 0
        while k < len(sentences):
            sentence = sentences[k]
            k += 1
            # `«…», – сказал он. – «…»`: one statement, whether razdel split it in two or not
            joined = k < len(sentences) and continues_quote(sentences[k])
            split = resolver.split_quote(sentence + " " + sentences[k] if joined else sentence)
            if split:
                found.append(split)
                all_sentences.extend(sentences[k - 1 : k + 1] if joined else [sentence])
                previous = split.speaker
                k += 1 if joined else 0
                continue
            all_sentences.append(sentence)
            statement = resolver.sentence(sentence, previous)
            if statement and statement.refers_back:
                statement.text = last_sentence
            elif statement and k == len(sentences) and sentence.rstrip().endswith(":"):
                pending = statement
                statement = None
            if statement and statement.text:
                found.append(statement)
                previous = statement.speaker
            last_sentence = sentence
        if pending is None and paragraph.rstrip().endswith(":"):
            caption = resolver.caption_speaker(paragraph)
            pending = Found(caption, "", "") if caption else None
    org_text = (cleaned.title or "") + "\n" + body
    org_tokens = tokenize(org_text)
    org_spans = catalog.spans(org_tokens)
    org_counts: Counter[str] = Counter(oid for _start, _end, oid in org_spans)
    organizations = []
    for oid, count in org_counts.most_common():
        org = catalog.get(oid)
        if org:
            organizations.append(OrgMention(id=oid, name=org.name, mentions=count))

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
        location=find_location(dateline.city if dateline else None, [cleaned.title or "", *all_sentences]),
        lang=meta.lang or detect_lang(body),
        organizations=organizations,
        people=people,
        statements=statements,
        other_organizations=other_organizations,
        text=body,
        title_lemmas=morph.lemmas(title or ""),
        body_lemmas=morph.lemmas(body),
    )
