"""Words of a text with their positions and lemmas: the unit every extraction rule works on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from razdel import sentenize

from bot.news.morph import lemma

# \w covers Kazakh letters (Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І) that morph.WORD_RE leaves out.
TOKEN_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@dataclass(frozen=True)
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
        return _words(text)
    return list(_cached_words(text))


MAX_CACHED_TEXT = 5_000


def _words(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=4096)
def _cached_words(text: str) -> tuple[Token, ...]:
    return tuple(_words(text))


def sentences_of(paragraph: str) -> list[str]:
    return [s.text for s in sentenize(paragraph)]
