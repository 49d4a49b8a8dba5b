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


Terms = tuple[tuple[str, re.Pattern[str]], ...]  # (the term as written, its pattern)


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


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """`министр иностранн` → words starting with `министр` then `иностранн`."""
    return re.compile(r"\b" + r"\s+".join(re.escape(word) + r"\w*" for word in phrase.lower().split()), re.IGNORECASE)


def _terms(part: dict[str, list[str]]) -> Terms:
    terms = [(a, re.compile(rf"\b{re.escape(a)}\b")) for a in part.get("abbreviations", [])]
    terms += [(w, re.compile(rf"\b{re.escape(w)}\b", re.IGNORECASE)) for w in part.get("words", [])]
    terms += [(p, _phrase_pattern(p)) for p in part.get("phrases", [])]
    return tuple(terms)


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


def _found(terms: Terms, text: str) -> tuple[str, ...]:
    return tuple(term for term, pattern in terms if pattern.search(text))


def judge(text: str, vocabulary: Vocabulary | None = None) -> Verdict:
    vocab = vocabulary or load_vocabulary()
    text = text.replace("ё", "е").replace("Ё", "Е")
    orgs = _found(vocab.organizations, text)
    officials = _found(vocab.officials, text)
    diplomatic = _found(vocab.diplomatic, text)
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
