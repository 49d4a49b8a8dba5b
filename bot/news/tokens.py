"""Words of a text with their positions and lemmas: the unit every extraction rule works on."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from razdel import sentenize

from bot import DATA_DIR
from bot.news.morph import lemma

# \w covers Kazakh letters (Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І) that morph.WORD_RE leaves out.
TOKEN_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


# not frozen: a frozen dataclass is built several times slower, and every text is cut into thousands of these
@dataclass(slots=True, unsafe_hash=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lemma(self) -> str:
        return lemma(self.text)

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    """The words of a text; a sentence is read by several rules (people, statements, places), so the words
    of the last few thousand texts are kept."""
    if len(text) > MAX_CACHED_TEXT:
        return list(_cached_long_words(text))
    return list(_cached_words(text))


MAX_CACHED_TEXT = 2_000  # bounds the cache: 1,024 texts of 2,000 characters at most, and the last few longer ones


@lru_cache(maxsize=4)  # a whole article is read by several rules in turn
def _cached_long_words(text: str) -> tuple[Token, ...]:
    return tuple(_words(text))


def _words(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=1024)
def _cached_words(text: str) -> tuple[Token, ...]:
    return tuple(_words(text))


MAX_SENTENIZE_CHARS = 10_000


def sentences_of(paragraph: str) -> list[str]:
    # razdel re-copies its buffer at each split it rejects (`А.Б. Смагулов`): quadratic on one endless
    # paragraph, so a paragraph longer than any real one is given to it in pieces, cut at a space
    sentences: list[str] = []
    for sentence in (s.text for piece in _pieces(paragraph, MAX_SENTENIZE_CHARS) for s in sentenize(piece)):
        if sentences and _goes_on(sentences[-1], sentence):
            sentences[-1] += " " + sentence
        else:
            sentences.append(sentence)
    return sentences


_ABBREVIATION_END_RE = re.compile(r"(?:^|[\s(])([A-Z][a-z]{1,4})\.$")


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    data = tomllib.loads((DATA_DIR / "names.toml").read_text(encoding="utf-8"))
    return frozenset(data["abbreviations_before_names"]), frozenset(data["month_abbreviations"])


def _goes_on(sentence: str, following: str) -> bool:
    """`… on Oct.` + `2-3 in Doha`, `Amb.` + `Kairat Umarov said`: a cut after an abbreviation razdel does not know."""
    m = _ABBREVIATION_END_RE.search(sentence)
    if not m:
        return False
    titles, months = _abbreviations()
    word, first = m.group(1), following[:1]
    return (word in months and first.isdigit()) or (word in titles and first.isupper())


def _pieces(text: str, size: int) -> list[str]:
    pieces, start = [], 0
    while len(text) - start > size:
        cut = text.rfind(" ", start + size // 2, start + size)
        cut = cut if cut > 0 else start + size
        pieces.append(text[start:cut])
        start = cut + (text[cut] == " ")
    return [*pieces, text[start:]]
