"""A name in another script: Latin (`Tokayev`, `Tokaev`), Kazakh Cyrillic (`Тоқаев`) and Russian
Cyrillic (`Токаев`) spellings of one surname (rules in data/transliteration.toml)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot import DATA_DIR

VOWELS_RU = "аеёиоуыэюя"
LATIN_RE = re.compile(r"[a-zäğıñöşçūü]")


@dataclass(frozen=True)
class Rules:
    latin: tuple[tuple[str, str], ...]  # longest first
    kazakh: dict[str, str]
    to_latin: dict[str, str]
    known: dict[str, str]


@lru_cache(maxsize=2)
def load_rules(path: Path = DATA_DIR / "transliteration.toml") -> Rules:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    pairs = [(str(a), str(b)) for a, b in data["latin_to_cyrillic"]]
    return Rules(
        latin=tuple(sorted(pairs, key=lambda p: -len(p[0]))),
        kazakh=dict(data["kazakh_to_russian"]),
        to_latin=dict(data["cyrillic_to_latin"]),
        known=dict(data.get("known", {})),
    )


def latin_to_cyrillic(word: str, rules: Rules) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        if word[i] == "y":  # neither `ya`, `yu`, `yo` nor `ye`: `й` after a vowel, else `ы`
            nxt = word[i : i + 2]
            if not any(nxt == a for a, _ in rules.latin if a.startswith("y") and len(a) == 2):
                out.append("й" if out and out[-1][-1:] in VOWELS_RU else "ы")
                i += 1
                continue
        for latin, cyrillic in rules.latin:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def cyrillic_to_latin(word: str, rules: Rules) -> set[str]:
    """`токаев` → {"tokaev", "tokayev"}: `е` after a vowel both ways."""
    plain, y_form = [], []
    for n, ch in enumerate(word):
        latin = rules.to_latin.get(ch, ch)
        plain.append(latin)
        after_vowel = n > 0 and word[n - 1] in VOWELS_RU
        y_form.append("ye" if ch == "е" and (after_vowel or n == 0) else latin)
    return {"".join(plain), "".join(y_form)}


def latin_spellings(word: str) -> set[str]:
    """How English-language outlets may write a Russian or Kazakh Cyrillic word (`токаев` → tokaev, tokayev)."""
    rules = load_rules()
    return cyrillic_to_latin("".join(rules.kazakh.get(ch, ch) for ch in word.lower()), rules)


def spellings(word: str) -> set[str]:
    """Lower-case spellings of one name word in every script, the word itself included."""
    rules = load_rules()
    word = word.lower().replace("ё", "е").strip("'’")
    word = re.sub(r"['’]s$", "", word)
    found = {word}
    if word in rules.known:
        found.add(rules.known[word].replace("ё", "е"))
    if LATIN_RE.search(word):
        found.add(latin_to_cyrillic(word, rules).replace("ё", "е"))
    else:
        found.add("".join(rules.kazakh.get(ch, ch) for ch in word))
    return {w for w in found if w}
