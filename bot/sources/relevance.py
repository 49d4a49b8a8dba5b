"""Is an article about foreign policy? Weighted evidence: diplomats, organisations, events, other countries.

The vocabulary and its weights are in data/relevance.toml. Each category of evidence scores its
weight once per different term found, at most its cap; an article is about foreign policy when
the sum reaches the threshold. `judge` says yes or no and why, so that every skipped article
can be logged, listed (`/source skipped`) and ingested by hand after all.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot import DATA_DIR

VOCABULARY_FILE = DATA_DIR / "relevance.toml"
# Words, and punctuation as tokens of its own so that a phrase never runs across a comma
# ("Uzbekistan, President Tokayev" is not "Uzbek president"); a hyphen joins ("Нью-Йорк").
_TOKEN_RE = re.compile(r"\w+|[^\w\s-]")


@dataclass(frozen=True)
class Terms:
    """The terms of one category, indexed for a single pass over the words of a text."""

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
class Category:
    key: str  # "envoys", "organizations", …
    name: str  # in Russian, for the reason
    weight: int
    cap: int
    terms: Terms

    def score(self, hits: tuple[str, ...]) -> int:
        return min(self.cap, self.weight * len(hits))


@dataclass(frozen=True)
class Bonus:
    """Extra score when every one of these categories has a hit (a Kazakh and a foreign leader)."""

    when: tuple[str, ...]
    score: int


@dataclass(frozen=True)
class Vocabulary:
    categories: tuple[Category, ...]
    threshold: int
    bonuses: tuple[Bonus, ...] = ()


@dataclass(frozen=True)
class Verdict:
    relevant: bool
    reason: str  # in Russian, for the log and `feed_items.reason`
    score: int = 0
    hits: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (category key, terms found)

    def found(self, key: str) -> tuple[str, ...]:
        return next((terms for k, terms in self.hits if k == key), ())

    @property
    def organizations(self) -> tuple[str, ...]:
        return self.found("organizations")


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
    categories = tuple(
        Category(
            key=str(part["key"]),
            name=str(part["name"]),
            weight=int(part["weight"]),
            cap=int(part["cap"]),
            terms=_terms(part),
        )
        for part in data.get("category", [])
    )
    bonuses = tuple(Bonus(tuple(b["when"]), int(b["score"])) for b in data.get("bonus", []))
    return Vocabulary(categories=categories, threshold=int(data["threshold"]), bonuses=bonuses)


def judge(text: str, vocabulary: Vocabulary | None = None) -> Verdict:
    vocab = vocabulary or load_vocabulary()
    words = _TOKEN_RE.findall(text)
    lowered = [_normal(w) for w in words]
    hits = tuple((c.key, c.terms.found(words, lowered)) for c in vocab.categories)
    score = sum(c.score(found) for c, (_key, found) in zip(vocab.categories, hits, strict=True))
    found_keys = {key for key, terms in hits if terms}
    score += sum(b.score for b in vocab.bonuses if found_keys.issuperset(b.when))
    found = "; ".join(f"{c.name}: {_list(terms)}" for c, (_key, terms) in zip(vocab.categories, hits, strict=True))
    if score >= vocab.threshold:
        return Verdict(True, f"о внешней политике (баллов {score} из {vocab.threshold} нужных) — {found}", score, hits)
    return Verdict(False, f"не о внешней политике (баллов {score}, нужно {vocab.threshold}) — {found}", score, hits)


def _list(words: tuple[str, ...]) -> str:
    return ", ".join(words[:5]) + (" …" if len(words) > 5 else "") if words else "нет"
