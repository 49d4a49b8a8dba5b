"""Russian morphology shared by extraction, search and alerts: one analyzer per process."""

from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3

WORD_RE = re.compile(r"[A-Za-zА-Яа-яЁё0-9]+(?:-[A-Za-zА-Яа-яЁё0-9]+)*")
# A longer run of letters is not a word (Russian's longest have about 35 letters): it gets no lemma,
# so search terms and alert keys stay bounded per word whatever the text holds.
MAX_WORD_CHARS = 60


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def parses(word: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    """pymorphy's readings of a word, in any letter case (one kept entry per word: `Москва` and `москва` alike)."""
    return _readings(word.lower())


@lru_cache(maxsize=100_000)
def _readings(low: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    # kept: the rules ask about the same words again and again, and a reading costs more than the rules that use it
    return tuple(analyzer().parse(low))


def normalize_word(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary form of one word, lower case, `ё` folded to `е`."""
    w = normalize_word(word)
    if not re.search("[а-я]", w):
        return w
    return normalize_word(parses(w)[0].normal_form)


def words(text: str) -> list[str]:
    return [w for w in WORD_RE.findall(text) if len(w) <= MAX_WORD_CHARS]


def lemmas(text: str) -> list[str]:
    """Lemmas of every word; a hyphenated word gives its parts and the whole
    (`водно-энергетических` → `водно`, `энергетический`, `водно-энергетический`)."""
    out: list[str] = []
    for w in words(text):
        if "-" in w:
            out.extend(lemma(part) for part in w.split("-") if part)
        out.append(lemma(w))
    return out
