"""Organisations the catalogue doesn't know, kept rather than dropped: a capitalised or quoted name headed
by an organisation noun (`Институт мировой экономики и политики`, `фонд «Самрук-Казына»`,
`Eurasian Development Forum`) or an upper-case abbreviation (`ИМЭП`, `USAID`). Precision over recall:
outlets, places, common abbreviations, Kazakhstan's ministries and anything the catalogue covers are left out."""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot import DATA_DIR
from bot.news.morph import parses
from bot.news.orgs import OrgCatalog
from bot.news.outlets import Outlets
from bot.news.tokens import Token, tokenize

MAX_TAIL_WORDS = 7
MAX_QUOTED_CHARS = 60
MIN_ABBR_LETTERS = 3
_SENTENCE_START = ".!?…:;«\"“„—–-("
_QUOTES = "«“„\""  # a lower-case head is a name only with a quoted name after it
_TAIL_JOINERS = {"и", "по"}
_EN_JOINERS = {"of", "for", "and", "on", "the"}
_LATIN_RE = re.compile(r"[A-Za-z]+")
_ABBR_AFTER_RE = re.compile(r"\s*+\(([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{3,})\)")
_QUOTE_AFTER_RE = re.compile(r" ?([«“„\"])")


@dataclass(frozen=True)
class Vocabulary:
    heads: frozenset[str]
    heads_en: frozenset[str]
    legal_forms: frozenset[str]
    not_orgs: frozenset[str]


@lru_cache(maxsize=2)
def vocabulary(path: Path = DATA_DIR / "organizations.toml") -> Vocabulary:
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8")).get("unknown", {})
    return Vocabulary(
        heads=frozenset(data.get("heads", [])),
        heads_en=frozenset(data.get("heads_en", [])),
        legal_forms=frozenset(data.get("legal_forms", [])),
        not_orgs=frozenset(data.get("not_organizations", [])),
    )


@lru_cache(maxsize=50_000)
def _parse(word: str) -> Any:
    return parses(word)[0]


@lru_cache(maxsize=50_000)
def _word_kind(word: str, heads: frozenset[str]) -> str:
    """"head" for an organisation head noun, "adj" for an adjective that may precede it, else ""."""
    if word.isupper() or not re.search("[а-яё]", word.lower()):
        return ""
    p = _parse(word)
    if p.tag.POS == "NOUN" and p.normal_form.replace("ё", "е") in heads and p.tag.case != "voct":
        return "head"
    return "adj" if p.tag.POS in {"ADJF", "PRTF"} else ""


def _sentence_initial(text: str, tok: Token) -> bool:
    i = tok.start  # the text before the token, read back over spaces only: no copy of the text
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i == 0 or text[i - 1] in _SENTENCE_START


def _adjacent(text: str, a: Token, b: Token) -> bool:
    return text[a.end : b.start] == " "


@lru_cache(maxsize=20_000)
def _nominative(word: str, gender: str | None, number: str | None) -> str:
    """One word of a name's head phrase in the nominative, agreeing with the head (`Азиатского` → `Азиатский`)."""
    if not re.search("[а-яё]", word.lower()):
        return word
    p = _parse(word)
    wanted = {"nomn", number or "sing"}
    if gender and p.tag.POS in {"ADJF", "PRTF"} and number != "plur":
        wanted.add(gender)
    inflected = p.inflect(wanted) or p.inflect({"nomn"})
    out = str(inflected.word) if inflected else word
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


class Finder:
    def __init__(self, catalog: OrgCatalog, outlets: Outlets) -> None:
        self.catalog = catalog
        self.outlets = outlets
        self.vocab = vocabulary()
        self.counts: Counter[str] = Counter()
        self.order: dict[str, int] = {}
        self.display: dict[str, str] = {}
        self.alias: dict[str, str] = {}  # abbreviation defined in brackets -> the name's key
        self._text = ""
        self._outlet_chars: list[tuple[int, int]] | None = None

    def is_known(self, words: list[Token]) -> bool:
        """A shortened catalogue name (`Центр по превентивной дипломатии` for РЦПДЦА) is no new organisation."""
        wanted = [t.lemma for t in words]
        return len(wanted) >= 2 and any(_subsequence(wanted, key) for key in self.catalog.phrase_keys())

    def is_outlet(self, start: int, end: int) -> bool:
        """Whether an outlet's name (`РИА Новости`, `Sputnik Казахстан`) overlaps text[start:end]."""
        if self._outlet_chars is None:  # found once per text, and only when a candidate needs it
            self._outlet_chars = [(m.start(), m.end()) for m in self.outlets.find_all(self._text)]
        # the matches are in order and do not overlap: the first one ending after `start` decides
        k = bisect_right(self._outlet_chars, start, key=lambda span: span[1])
        return k < len(self._outlet_chars) and self._outlet_chars[k][0] < end

    def add(self, name: str, start: int, end: int) -> None:
        if self.is_outlet(start, end):
            return
        key = self.alias.get(name) or name.lower().replace("ё", "е")
        self.counts[key] += 1
        self.order.setdefault(key, len(self.order))
        self.display.setdefault(key, name[:1].upper() + name[1:])

    def text(self, text: str, tokens: list[Token], known: list[tuple[int, int, str]], start: int = 0) -> None:
        """Read `text` from character `start` on; `tokens` are its words and `known` the catalogue's spans
        (`OrgCatalog.spans`) in them."""
        known_at: set[int] = set()  # tokens of catalogue organisations
        for first, end, _oid in known:
            known_at.update(range(first, end))
        blocked = known_at
        self._text = text
        self._outlet_chars = None
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.start < start or i in blocked:
                i += 1
                continue
            if not tok.text[0].isupper() and text[tok.end : tok.end + 2].strip()[:1] not in _QUOTES:
                i += 1
                continue
            end = self._name_at(text, tokens, i, blocked, known_at) or self._abbreviation_at(
                text, tokens, i, known_at
            )
            i = max(end, i + 1)

    # --- names with a head noun -------------------------------------------------------------------
    def _name_at(self, text: str, tokens: list[Token], i: int, blocked: set[int], known_at: set[int]) -> int:
        tok = tokens[i]
        if _LATIN_RE.fullmatch(tok.text):
            return self._english_at(text, tokens, i, blocked)
        if tok.text in self.vocab.legal_forms:
            quoted = self._quoted_after(text, tok.end)
            if quoted:
                self.add(f"{tok.text} {quoted[0]}", tok.start, quoted[1])
                return self._token_after(tokens, quoted[1])
            return 0
        head = self._head_from(tokens, i, text)
        if head is None or any(k in blocked for k in range(i, head + 1)):
            return 0
        head_p = _parse(tokens[head].text)
        gender, number = head_p.tag.gender, head_p.tag.number
        words = [_nominative(t.text, gender, number) for t in tokens[i : head + 1]]
        quoted = self._quoted_after(text, tokens[head].end)
        if quoted:  # `фонд «Самрук-Казына»`: a quote makes even a lower-case head a name
            inside = range(self._token_after(tokens, tokens[head].end), self._token_after(tokens, quoted[1]))
            if any(k in known_at for k in inside):
                return 0
            self.add(" ".join(words) + " " + quoted[0], tok.start, quoted[1])
            return self._token_after(tokens, quoted[1])
        if not tok.is_capitalized:
            return 0
        tail_end = self._tail(text, tokens, head)
        if tail_end < len(tokens) and tail_end in known_at and _adjacent(text, tokens[tail_end - 1], tokens[tail_end]):
            return tail_end + 1  # `Совет министров иностранных дел ОБСЕ`: a body of a known organisation
        tail = tokens[head + 1 : tail_end]
        if not tail and head == i:
            return 0
        strong = not _sentence_initial(text, tok) or any(t.is_capitalized for t in tail)
        if not strong:
            return 0
        if self.is_known(tokens[i:tail_end]):
            return tail_end
        name = " ".join(words) + (" " + text[tail[0].start : tail[-1].end] if tail else "")
        name = " ".join(name.split())
        quoted = self._quoted_after(text, tokens[tail_end - 1].end)
        if quoted:  # `Фонд развития предпринимательства «Даму»`
            self.add(f"{name} {quoted[0]}", tok.start, quoted[1])
            return self._token_after(tokens, quoted[1])
        self.add(name, tok.start, tokens[tail_end - 1].end)
        abbr = _ABBR_AFTER_RE.match(text, tokens[tail_end - 1].end)
        if abbr:
            self.alias[abbr.group(1)] = name.lower().replace("ё", "е")
            return self._token_after(tokens, abbr.end())
        return tail_end

    def _head_from(self, tokens: list[Token], i: int, text: str) -> int | None:
        """The head noun at i, or after up to two adjectives starting at i (`Азиатский банк развития`)."""
        for j in range(i, min(i + 3, len(tokens))):
            if j > i and not _adjacent(text, tokens[j - 1], tokens[j]):
                return None
            kind = _word_kind(tokens[j].text, self.vocab.heads)
            if kind == "head":
                return j
            if kind != "adj":
                return None
        return None

    def _tail(self, text: str, tokens: list[Token], head: int) -> int:
        """Genitive words after the head (`развития`, `мировой экономики и политики`), or `по` + dative."""
        j = head + 1
        end = head + 1
        by_po = False
        while j < len(tokens) and j - head <= MAX_TAIL_WORDS and _adjacent(text, tokens[j - 1], tokens[j]):
            word = tokens[j].text
            low = word.lower()
            if low in _TAIL_JOINERS:
                if low == "по" and by_po:
                    break
                by_po = by_po or low == "по"
                j += 1
                continue
            if word.isupper() or _LATIN_RE.fullmatch(word) or _parse(word).tag.POS not in {"NOUN", "ADJF", "PRTF"}:
                break
            cases = {str(p.tag.case) for p in parses(low) if p.tag.POS in {"NOUN", "ADJF", "PRTF"}}
            if "gent" in cases or (by_po and "datv" in cases):
                j += 1
                end = j
                continue
            break
        return end

    def _quoted_after(self, text: str, pos: int) -> tuple[str, int] | None:
        """`«Самрук-Казына»` (nested «» allowed) right after pos: (the quoted name, its end)."""
        m = _QUOTE_AFTER_RE.match(text, pos)
        if not m:
            return None
        start = m.start(1)
        window = text[start : start + MAX_QUOTED_CHARS]
        if window[0] == "«":
            depth = 0
            close = -1
            for k, ch in enumerate(window):
                depth += (ch == "«") - (ch == "»")
                if depth == 0:
                    close = k
                    break
        else:
            close = next((k for k in range(1, len(window)) if window[k] in "”\""), -1)
        if close < 0:
            return None
        inner = window[1:close].strip()
        if not inner or not inner[:1].isupper() or len(inner.split()) > 6:
            return None
        return window[: close + 1], start + close + 1

    @staticmethod
    def _token_after(tokens: list[Token], pos: int) -> int:
        return bisect_left(tokens, pos, key=lambda t: t.start)

    # --- English ------------------------------------------------------------------------------
    def _english_at(self, text: str, tokens: list[Token], i: int, blocked: set[int]) -> int:
        j = i
        last_cap = -1
        while j < len(tokens) and j not in blocked and _LATIN_RE.fullmatch(tokens[j].text):
            if j > i and not _adjacent(text, tokens[j - 1], tokens[j]):
                break
            word = tokens[j].text
            if word[:1].isupper() and not word.isupper():
                last_cap = j
            elif word not in _EN_JOINERS or j == i:
                break
            j += 1
        if last_cap < 0:
            return 0
        words = [t.text for t in tokens[i : last_cap + 1]]
        while words and words[0] in {"The", "A", "An"}:
            words.pop(0)
        caps = [w for w in words if w[:1].isupper()]
        if len(caps) >= 2 and any(w in self.vocab.heads_en for w in caps) and (last_cap + 1) not in blocked:
            self.add(" ".join(words), tokens[i].start, tokens[last_cap].end)
        return last_cap + 1

    # --- abbreviations --------------------------------------------------------------------------
    def _abbreviation_at(self, text: str, tokens: list[Token], i: int, known_at: set[int]) -> int:
        tok = tokens[i]
        word = tok.text
        if not word.isupper() or not word.isalpha() or len(word) < MIN_ABBR_LETTERS or word in self.vocab.not_orgs:
            return 0
        nxt = tokens[i + 1] if i + 1 < len(tokens) and _adjacent(text, tok, tokens[i + 1]) else None
        prev = tokens[i - 1] if i > 0 and _adjacent(text, tokens[i - 1], tok) else None
        if nxt is not None and (i + 1 in known_at or (nxt.text.isupper() and len(nxt.text) > 1)):
            return i + 2  # `ПА ОБСЕ`: a body of a known organisation; `KAZAKH INVEST`: shouting, not a name
        if prev is not None and prev.text.isupper() and len(prev.text) > 1:
            return 0
        if word in self.alias:
            self.add(word, tok.start, tok.end)
            return i + 1
        if not _LATIN_RE.fullmatch(word):
            p = _parse(word)
            if "Geox" in p.tag or "Name" in p.tag or "Surn" in p.tag:
                return 0
            if p.is_known and ("Abbr" not in p.tag or "Orgn" not in p.tag):
                return 0  # a common word in capitals (АВТОР) or a common abbreviation (ВВП, СМИ)
        self.add(word, tok.start, tok.end)
        return i + 1

    def result(self) -> list[tuple[str, int]]:
        keys = sorted(self.counts, key=lambda k: (-self.counts[k], self.order[k]))
        return [(self.display[k], self.counts[k]) for k in keys]


def _subsequence(wanted: list[str], key: tuple[str, ...]) -> bool:
    it = iter(key)
    return all(any(w == k for k in it) for w in wanted)


def find_other_organizations(
    text: str,
    catalog: OrgCatalog,
    outlets: Outlets,
    tokens: list[Token] | None = None,
    known: list[tuple[int, int, str]] | None = None,
    start: int = 0,
) -> list[tuple[str, int]]:
    """(name, mentions) of organisations the text (from character `start` on) names that the catalogue
    doesn't know. Pass the text's tokens and catalogue spans when they are at hand."""
    finder = Finder(catalog, outlets)
    tokens = tokenize(text) if tokens is None else tokens
    finder.text(text, tokens, catalog.spans(tokens) if known is None else known, start)
    return finder.result()
