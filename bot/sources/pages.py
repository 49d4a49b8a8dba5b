"""Article pages: bytes of HTML into text (main text, title, date, author) with trafilatura.

The web's encodings: a page is UTF-8 when its bytes are UTF-8, save a few bad bytes (whatever
the header says: Cyrillic in cp1251 is never valid UTF-8, the reverse happens); otherwise the
charset of the header or of `<meta charset>`, when it names a text encoding (not `base64`,
`binary` or an unknown name) and decodes the bytes, else cp1251. Entities and `&nbsp;` become
plain characters and spaces.
"""

from __future__ import annotations

import codecs
import html
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import lxml.html
import trafilatura

from bot.news.dedupe import canonical_url
from bot.news.models import ArticleMeta
from bot.news.textio import RejectedInput, mostly_utf8
from bot.sources.fetch import Fetcher, FetchError, FetchResult

MIN_TEXT_CHARS = 200
# Bounded inside one tag: many unclosed `<meta` cannot each scan the rest of the page.
_META_CHARSET_RE = re.compile(rb"""<meta[^<>]{1,1000}?charset\s*+=\s*+["']?([\w.:-]+)""", re.IGNORECASE)
_AUTHOR_LABEL_RE = re.compile(r"^(автор|author|by)\b[:\s]*", re.IGNORECASE)
_SPACES_RE = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_LEFTOVER_ENTITY_RE = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,5}|#x[0-9a-fA-F]{2,4});")
_DATE_META_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate']/@content",
    "//time[@datetime]/@datetime",
)


@dataclass(frozen=True)
class ExtractedPage:
    title: str | None
    text: str  # paragraphs separated by blank lines
    published_at: str | None  # ISO, with the page's own offset when it gives one
    author: str | None
    site_name: str | None


def decode_html(body: bytes, header_charset: str | None = None) -> str:
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", errors="replace")
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return body.decode("utf-16", errors="replace")
    as_utf8 = mostly_utf8(body)
    if as_utf8 is not None:
        return as_utf8
    meta = _META_CHARSET_RE.search(body[:4096])
    declared = [header_charset, meta.group(1).decode("ascii", "ignore") if meta else None]
    for charset in declared:
        codec = text_codec(charset) if charset else None
        if codec and codec != "utf-8":
            try:
                return body.decode(codec)
            except UnicodeDecodeError:
                continue
    return body.decode("cp1251", errors="replace")


def text_codec(charset: str) -> str | None:
    """The codec a page's charset names, when it is a text encoding that reads ASCII as ASCII;
    None for unknown names (`binary`) and codecs of bytes (`base64`, `zlib`)."""
    try:
        name = codecs.lookup(charset).name
        reads_ascii = b"<html>".decode(name) == "<html>"
    except (LookupError, UnicodeError, ValueError):
        return None
    return name if reads_ascii else None


def clean_text(text: str) -> str:
    """Entities left over (double-escaped ones), non-breaking spaces, blank-line paragraphs."""
    if _LEFTOVER_ENTITY_RE.search(text):
        text = html.unescape(text)
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n")]
    return "\n\n".join(line for line in lines if line)


def html_fragment_to_text(fragment: str) -> str:
    """An HTML fragment (a feed item's full text) into paragraphs of plain text."""
    if "<" not in fragment:
        return clean_text(html.unescape(fragment))
    root = lxml.html.fromstring(f"<div>{fragment}</div>")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    return clean_text(root.text_content())


def extract_page(page_html: str, url: str) -> ExtractedPage:
    extracted = trafilatura.bare_extraction(
        page_html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if extracted is None:
        raise RejectedInput("на странице не найден текст статьи")
    document = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = clean_text(document.get("text") or "")
    if len(text) < MIN_TEXT_CHARS:
        raise RejectedInput(f"на странице слишком мало текста ({len(text)} символов)")
    return ExtractedPage(
        title=clean_text(document["title"]) if document.get("title") else None,
        text=text,
        published_at=_published_at(page_html) or document.get("date"),
        author=_AUTHOR_LABEL_RE.sub("", document.get("author") or "").strip() or None,
        site_name=document.get("sitename"),
    )


def _published_at(page_html: str) -> str | None:
    """The publication time from the page's metadata, with its offset: `2025-12-04T18:20+05:00`."""
    try:
        root = lxml.html.fromstring(page_html)
    except (ValueError, lxml.etree.ParserError):
        return None
    candidates = [str(v) for xpath in _DATE_META_XPATHS for v in root.xpath(xpath)]
    for script in root.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except json.JSONDecodeError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                candidates.append(item["datePublished"])
    for value in candidates:
        moment = parse_iso(value)
        if moment is not None:
            return iso_minutes(moment)
    return None


def parse_iso(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def iso_minutes(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def article_text(page: ExtractedPage) -> str:
    """What the extraction reads: the title, then the body."""
    return f"{page.title}\n\n{page.text}" if page.title and not page.text.startswith(page.title) else page.text


def page_from_result(result: FetchResult) -> ExtractedPage:
    if result.content_type and not re.search(r"html|xml", result.content_type, re.IGNORECASE):
        raise RejectedInput(f"не HTML-страница: {result.content_type}")
    return extract_page(decode_html(result.body, result.charset), result.url)


async def fetch_page(fetcher: Fetcher, url: str) -> ExtractedPage:
    try:
        result = await fetcher.get(url)
    except FetchError as exc:
        raise RejectedInput(f"не удалось загрузить страницу: {exc}") from exc
    return page_from_result(result)


async def fetch_article_text(
    url: str, fetcher: Fetcher | None = None, *, allow_private: bool = False
) -> tuple[str, ArticleMeta]:
    """One article page as text for `bot.ingest`; raises RejectedInput with the reason."""
    if fetcher is None:
        async with Fetcher(allow_private=allow_private) as own_fetcher:
            return await fetch_article_text(url, own_fetcher)
    page = await fetch_page(fetcher, url)
    meta = ArticleMeta(
        url=canonical_url(url),
        reference_time=datetime.now(UTC),
        title=page.title,
        published_at=page.published_at,
        source=page.site_name,
    )
    return article_text(page), meta
