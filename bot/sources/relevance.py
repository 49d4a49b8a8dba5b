"""Is an article about foreign policy? Organisations, officials and diplomatic vocabulary.

The vocabulary is in data/relevance.toml; `judge` says yes or no and why, so that every
skipped article can be logged with its reason.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot import DATA_DIR

VOCABULARY_FILE = DATA_DIR / "relevance.toml"
_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class Terms:
    """One category of the vocabulary, indexed for a single pass over the words of a text."""

    abbreviations: frozenset[str]  # whole words, case kept
    words: frozenset[str]  # whole words, lower case
    phrases: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]  # first 3 letters → (term, word prefixes)

    def found(self, words: list[str], lowered: list[str]) -> tuple[str, ...]:
        hits: dict[str, None] = {}
        for i, word in enumerate(lowered):
            if words[i] in self.abbreviations:
                hits[words[i]] = None
            if word in self.words:
                hits[word] = None
            for term, prefixes in self.phrases.get(word[:3], ()):
                if term not in hits and _starts_phrase(lowered, i, prefixes):
                    hits[term] = None
        return tuple(hits)


def _starts_phrase(lowered: list[str], i: int, prefixes: tuple[str, ...]) -> bool:
    if i + len(prefixes) > len(lowered):
        return False
    return all(lowered[i + k].startswith(p) for k, p in enumerate(prefixes))


@dataclass(frozen=True)
class Vocabulary:
    organizations: Terms
    officials: Terms
    diplomatic: Terms
    min_diplomatic_with_actor: int
    min_diplomatic_alone: int


@dataclass(frozen=True)
class Verdict:
    relevant: bool
    reason: str  # in Russian, for the log and `feed_items.reason`
    organizations: tuple[str, ...] = ()
    officials: tuple[str, ...] = ()
    diplomatic: tuple[str, ...] = ()


def _terms(part: dict[str, list[str]]) -> Terms:
    phrases: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for phrase in part.get("phrases", []):
        prefixes = tuple(_normal(phrase).split())
        phrases.setdefault(prefixes[0][:3], []).append((phrase, prefixes))
    return Terms(
        abbreviations=frozenset(part.get("abbreviations", [])),
        words=frozenset(_normal(w) for w in part.get("words", [])),
        phrases={key: tuple(value) for key, value in phrases.items()},
    )


def _normal(text: str) -> str:
    return text.lower().replace("ё", "е")


@lru_cache(maxsize=4)
def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Vocabulary(
        organizations=_terms(data.get("organizations", {})),
        officials=_terms(data.get("officials", {})),
        diplomatic=_terms(data.get("diplomatic", {})),
        min_diplomatic_with_actor=int(data.get("min_diplomatic_with_actor", 2)),
        min_diplomatic_alone=int(data.get("min_diplomatic_alone", 4)),
    )


def judge(text: str, vocabulary: Vocabulary | None = None) -> Verdict:
    vocab = vocabulary or load_vocabulary()
    words = _WORD_RE.findall(text)
    lowered = [_normal(w) for w in words]
    orgs = vocab.organizations.found(words, lowered)
    officials = vocab.officials.found(words, lowered)
    diplomatic = vocab.diplomatic.found(words, lowered)
    has_actor = bool(orgs or officials)
    needed = vocab.min_diplomatic_with_actor if has_actor else vocab.min_diplomatic_alone
    found = (
        f"организации: {_list(orgs)}; официальные лица: {_list(officials)}; "
        f"дипломатические слова: {_list(diplomatic)}"
    )
    if len(diplomatic) >= needed:
        return Verdict(True, f"о внешней политике — {found}", orgs, officials, diplomatic)
    return Verdict(
        False,
        f"не о внешней политике (нужно дипломатических слов: {needed}, есть {len(diplomatic)}) — {found}",
        orgs,
        officials,
        diplomatic,
    )


def _list(words: tuple[str, ...]) -> str:
    return ", ".join(words[:5]) + (" …" if len(words) > 5 else "") if words else "нет"
