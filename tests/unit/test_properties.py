"""Property-based tests (hypothesis): generated and adversarial texts thrown at the parser, the matcher,
the decoders and the feed parsers. Each must answer, within its deadline, with a result or one of its
documented rejections (RejectedInput, NotAFeed), never another exception.

The budget is fixed and the examples derandomised, so CI runs the same cases in the same time:
PROPERTY_EXAMPLES (environment) raises the number of examples for a longer local hunt.
"""

from __future__ import annotations

import os
import pickle
import re
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.alerts import PreparedArticle, lemma_keys
from bot.news import parse
from bot.news.matcher import Query, parse_query
from bot.news.models import ArticleMeta, ParsedArticle
from bot.news.morph import MAX_WORD_CHARS, lemmas
from bot.news.textio import RejectedInput, article_problem, decode_article
from bot.sources.listing import listing_links
from bot.sources.pages import decode_html
from bot.sources.relevance import judge
from bot.sources.rss import NotAFeed, parse_feed
from tests.adversarial import sample_paragraphs

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "40"))


def budget(deadline_s: float, examples: int = EXAMPLES) -> settings:
    return settings(
        max_examples=examples,
        deadline=timedelta(seconds=deadline_s),
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- texts ------------------------------------------------------------------------------------

PIECES = [
    "«", "»", '"', "“", "”", "„", " - ", " – ", " — ", "-", ",", ".", ":", ";", "!", "?", "…", "(", ")",
    " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u3000", "\u200b", "\ufeff",
    "по его словам", "сказал он", "заявил министр", "Он", "Она", "Министр", "Глава МИД",
    "Ермек Кошербаев", "М.Нуртлеу", "А. Б. Смагулов", "ОБСЕ", "ООН", "Совет Безопасности ООН",
    "в 2020 году", "до 2030 года", "6 Декабря, 02:37", "2025-12-06", "18.05.2022 18:26", "Вена.",
    "АСТАНА –", "KAZAKHSTAN TODAY", "Подпишитесь на наш Telegram-канал", "Фото: МИД РК",
    "<div>", "</p>", "&amp;", "водно-энергетических", "said Foreign Minister", "According to him,",
    "ааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааа", "Ω", "ﬁ", "𝔸", "\U0001f600",
]

pieces = st.sampled_from(PIECES)
fragments = st.sampled_from([p[i : i + 60] for p in sample_paragraphs()[:40] for i in range(0, len(p), 60)])


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Random unicode, the pieces above, fragments of real articles, or one of them repeated many times."""
    kind = draw(st.sampled_from(["unicode", "pieces", "fragments", "repeated"]))
    if kind == "unicode":
        return draw(st.text(max_size=400))
    if kind == "pieces":
        return "".join(draw(st.lists(pieces, max_size=80)))
    if kind == "fragments":
        parts = draw(st.lists(st.one_of(fragments, pieces), min_size=1, max_size=60))
        return "".join(parts)
    unit = "".join(draw(st.lists(st.one_of(pieces, st.text(min_size=1, max_size=3)), min_size=1, max_size=4)))
    return unit * draw(st.integers(1, 3000 // max(1, len(unit))))


# --- the parser ----------------------------------------------------------------------------------


@budget(deadline_s=5)
@given(texts())
def test_parse_answers_any_text(text: str) -> None:
    parsed = parse(text, ArticleMeta())
    assert isinstance(parsed, ParsedArticle)
    assert all(st_.speaker and st_.text for st_ in parsed.statements)
    assert all(len(lem) <= MAX_WORD_CHARS for lem in parsed.body_lemmas)
    assert pickle.loads(pickle.dumps(parsed)) == parsed  # it travels to and from the worker process


@budget(deadline_s=5, examples=max(10, EXAMPLES // 2))
@given(texts(), st.integers(2, 40))
def test_parse_of_a_repeated_text_stays_fast(unit: str, times: int) -> None:
    """Repeating a text many times must not make any step explode (the deadline fails it)."""
    parse("\n".join([unit] * times)[:40_000], ArticleMeta())


@budget(deadline_s=2)
@given(texts())
def test_article_rule_answers_any_text(text: str) -> None:
    problem = article_problem(text)
    assert problem is None or isinstance(problem, str)


@budget(deadline_s=2)
@given(texts())
def test_relevance_answers_any_text(text: str) -> None:
    verdict = judge(text)
    assert isinstance(verdict.relevant, bool) and isinstance(verdict.reason, str)


# --- the matcher -------------------------------------------------------------------------------


@budget(deadline_s=2)
@given(texts(), texts())
def test_matcher_answers_any_query_on_any_text(query_text: str, text: str) -> None:
    query = parse_query(query_text)
    text_lemmas = lemmas(text)
    on_list = query.matches(text_lemmas)
    assert on_list == query.matches(" ".join(text_lemmas))  # the list and the stored string agree
    assert Query.from_json(query.to_json()) == query
    keys = lemma_keys(text_lemmas)
    assert all(len(k) <= MAX_WORD_CHARS for k in keys)
    if on_list and not query.phrases and not query.excluded:
        # the alert index offers every word's stem or lemma for an article the query matches
        assert all({t.stem, t.lemma} & keys for t in query.terms)


@budget(deadline_s=5, examples=max(10, EXAMPLES // 2))
@given(texts(), texts())
def test_alert_preparation_answers_any_article(query_text: str, text: str) -> None:
    prepared = PreparedArticle.of(parse(text, ArticleMeta()))
    query = parse_query(query_text)
    assert prepared.texts_matching(query) >= 0
    offered = prepared.keys()
    assert all(len(k) <= MAX_WORD_CHARS + len("person:") or k.startswith("org:") for k in offered)


# --- the decoders --------------------------------------------------------------------------------

CHARSETS = [None, "utf-8", "windows-1251", "cp1251", "koi8-r", "latin-1", "utf-16", "no-such-charset"]


@st.composite
def byte_texts(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["bytes", "encoded", "broken"]))
    if kind == "bytes":
        return draw(st.binary(max_size=2000))
    text = draw(texts())
    encoding = draw(st.sampled_from(["utf-8", "cp1251", "koi8-r", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if kind == "broken" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]
    return data


@budget(deadline_s=2)
@given(byte_texts())
def test_article_decoder_answers_any_bytes(data: bytes) -> None:
    try:
        text = decode_article(data)
    except RejectedInput as exc:
        assert str(exc)
        return
    assert isinstance(text, str) and "\r" not in text and "\x00" not in text


@budget(deadline_s=2)
@given(byte_texts(), st.sampled_from(CHARSETS), st.sampled_from([c for c in CHARSETS if c]))
def test_html_decoder_answers_any_bytes(body: bytes, header_charset: str | None, meta_charset: str) -> None:
    """Non-text charsets (`base64`) are issue #10's part B; here every charset names a text encoding or none."""
    page = b'<html><head><meta charset="' + meta_charset.encode() + b'"></head><body>' + body
    assert isinstance(decode_html(page, header_charset), str)
    assert isinstance(decode_html(body, header_charset), str)


# --- the feed parsers --------------------------------------------------------------------------


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    def field() -> str:
        return re.sub(r"[<&]", " ", draw(texts()))[:300]

    items = "".join(
        f"<item><title>{field()}</title><link>https://example.kz/news/{k}</link>"
        f"<description>{field()}</description><pubDate>{field()[:40]}</pubDate></item>"
        for k in range(draw(st.integers(0, 5)))
    )
    feed = (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{field()}</title>{items}'
        "</channel></rss>"
    )
    if draw(st.booleans()):  # cut anywhere
        feed = feed[: draw(st.integers(0, len(feed)))]
    return feed.encode("utf-8")


@budget(deadline_s=3)
@given(st.one_of(feeds(), st.binary(max_size=1000)))
def test_feed_parser_answers_any_body(body: bytes) -> None:
    try:
        _title, items = parse_feed(body, "https://example.kz/rss")
    except NotAFeed as exc:
        assert str(exc)
        return
    assert all(item.url.startswith(("http://", "https://")) for item in items)


@budget(deadline_s=3)
@given(texts())
def test_listing_parser_answers_any_page(text: str) -> None:
    page = f"<html><body><a href='/news/2025/12/some-long-article-slug'>{text}</a>{text}</body></html>"
    links = listing_links(page, "https://example.kz/news")
    assert all(link.url.startswith("https://example.kz/") for link in links)


@st.composite
def feed_files(draw: st.DrawFn) -> str:
    """A feeds file: valid entries with hostile values, stray keys and types, or any text at all."""
    if draw(st.booleans()):
        return draw(texts())
    values = st.one_of(
        st.text(max_size=40), st.integers(-(2**70), 2**70), st.booleans(), st.sampled_from(["rss", "page", "govkz"])
    )

    def toml_value(v: object) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    entries = []
    for _ in range(draw(st.integers(0, 4))):
        keys = draw(st.lists(st.sampled_from(["name", "url", "kind", "lang", "interval_minutes", "project", "x"])))
        entries.append("[[feed]]\n" + "".join(f"{k} = {toml_value(draw(values))}\n" for k in dict.fromkeys(keys)))
    return "\n".join(entries)


@budget(deadline_s=2)
@given(feed_files())
def test_feeds_file_answers_any_text(text: str) -> None:
    import tempfile
    from pathlib import Path

    from bot.sources.feeds import FeedsFileError, load_feeds

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feeds.toml"
        path.write_text(text, encoding="utf-8", errors="replace")
        try:
            feeds = load_feeds(path)
        except FeedsFileError as exc:
            assert str(exc).startswith(str(path))
            return
    assert all(f.name.strip() and f.url for f in feeds)
