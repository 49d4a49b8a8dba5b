"""The catalogue of organisations (data/organizations.toml) and finding them in a text."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot import DATA_DIR
from bot.news.morph import lemma
from bot.news.tokens import Token, tokenize

MAX_ALIAS_WORDS = 16


@dataclass(frozen=True)
class Org:
    id: str
    name: str  # the conventional Russian short name: "ОБСЕ"
    name_en: str = ""
    name_kk: str = ""
    full_name: str = ""
    parent: str | None = None
    aliases: tuple[str, ...] = ()  # every other name, abbreviation and sub-body


def lemma_key(text: str) -> tuple[str, ...]:
    return tuple(lemma(t.text) for t in tokenize(text))


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("ё", "е")).strip()


class OrgCatalog:
    def __init__(
        self,
        orgs: list[Org],
        abbrs: dict[str, str],
        phrases: dict[tuple[str, ...], str],
        query_phrases: dict[tuple[str, ...], str] | None = None,
    ) -> None:
        self._orgs = {o.id: o for o in orgs}
        self._query_phrases = query_phrases or {}  # everyday names, for queries only
        self._abbrs = abbrs  # exact upper-case word -> org id
        self._abbrs_folded = {_fold(a): oid for a, oid in abbrs.items()}
        self._phrases = phrases  # lemma sequence -> org id
        self._first_lemmas = {key[0] for key in phrases}

    def phrase_keys(self) -> list[tuple[str, ...]]:
        """The lemma sequences of every multi-word name in the catalogue."""
        return list(self._phrases)

    def all(self) -> list[Org]:
        return list(self._orgs.values())

    def get(self, org_id: str) -> Org | None:
        return self._orgs.get(org_id)

    def resolve(self, name: str) -> Org | None:
        """Any name, abbreviation or sub-body in any case and inflection, Russian, English or Kazakh."""
        text = name.strip().strip("«»\"'")
        if not text:
            return None
        key = lemma_key(text)
        oid = self._abbrs_folded.get(_fold(text)) or self._phrases.get(key) or self._query_phrases.get(key)
        return self._orgs.get(oid) if oid else None

    def suggest(self, name: str, n: int = 3) -> list[Org]:
        """The closest known organisations to a misspelt name."""
        names: dict[str, str] = {_fold(a): oid for a, oid in self._abbrs.items()}
        names.update({" ".join(key): oid for key, oid in (self._phrases | self._query_phrases).items()})
        query = _fold(name)
        candidates = difflib.get_close_matches(query, list(names), n=n * 4, cutoff=0.6)
        if not candidates:
            candidates = difflib.get_close_matches(" ".join(lemma_key(name)), list(names), n=n * 4, cutoff=0.6)
        out: list[Org] = []
        for c in candidates:
            org = self._orgs[names[c]]
            if org not in out:
                out.append(org)
        return out[:n]

    def descendants(self, org_id: str) -> set[str]:
        """The organisation and every organisation below it (ООН → ООН, РЦПДЦА, ЮНЕСКО …)."""
        found = {org_id}
        changed = True
        while changed:
            changed = False
            for org in self._orgs.values():
                if org.parent in found and org.id not in found:
                    found.add(org.id)
                    changed = True
        return found

    def find(self, tokens: list[Token]) -> Counter[str]:
        """Mentions per organisation id. A longer name wins over the words inside it, but an
        abbreviation inside a longer name still counts when it names another organisation
        (`Региональный центр ООН …` mentions РЦПДЦА and ООН)."""
        return Counter(oid for _start, _end, oid in self.spans(tokens))

    def spans(self, tokens: list[Token]) -> list[tuple[int, int, str]]:
        """(first token, token after the last, organisation id) of every mention, as `find` counts them."""
        out: list[tuple[int, int, str]] = []
        lemmas = [t.lemma for t in tokens]
        # `Gulf Cooperation Council-Central Asia summit`, `ЕС-Казахстан`: a name joined by a hyphen to the next word
        heads = [_joined_head(t.text) if "-" in t.text else None for t in tokens]
        i = 0
        while i < len(tokens):
            span_org, span_len = self._longest_phrase(lemmas, i, heads)
            if span_len == 1 and not tokens[i].is_capitalized:
                span_org = None  # a one-word name (`Евросоюз`, `Генассамблея`) is written with a capital
            if span_org is None:
                oid = self._abbrs.get(tokens[i].text) or self._abbrs.get(heads[i] or "")
                if oid:
                    out.append((i, i + 1, oid))
                i += 1
                continue
            out.append((i, i + span_len, span_org))
            for k in range(i, i + span_len):
                inner = self._abbrs.get(tokens[k].text)
                if inner and inner != span_org:
                    out.append((k, k + 1, inner))
            i += span_len
        return out

    def _longest_phrase(self, lemmas: list[str], i: int, heads: list[str | None]) -> tuple[str | None, int]:
        if lemmas[i] not in self._first_lemmas:
            return None, 0
        for size in range(min(MAX_ALIAS_WORDS, len(lemmas) - i), 0, -1):
            words = lemmas[i : i + size]
            oid = self._phrases.get(tuple(words))
            head = heads[i + size - 1] if size > 1 else None
            if oid is None and head is not None:
                oid = self._phrases.get((*words[:-1], lemma(head)))
            if oid:
                return oid, size
        return None, 0


def _as_list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


@lru_cache(maxsize=4)
def load_catalog(path: Path = DATA_DIR / "organizations.toml") -> OrgCatalog:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    orgs: list[Org] = []
    abbrs: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    query_phrases: dict[tuple[str, ...], str] = {}
    for entry in data["org"]:
        oid = entry["id"]
        for name in _as_list(entry.get("query_names")):
            query_phrases.setdefault(lemma_key(name), oid)
        names = [entry["name"], entry.get("name_en", ""), entry.get("name_kk", ""), entry.get("full_name", "")]
        names += _as_list(entry.get("aliases")) + _as_list(entry.get("bodies"))
        for abbr in _as_list(entry.get("abbr")):
            abbrs[abbr] = oid
        for name in names:
            key = lemma_key(name)
            if not name or name in abbrs:
                continue
            if len(key) == 1 and name.isupper():
                abbrs[name] = oid  # a one-word upper-case name is an abbreviation too
            elif key:
                phrases.setdefault(key, oid)
        orgs.append(
            Org(
                id=oid,
                name=entry["name"],
                name_en=entry.get("name_en", ""),
                name_kk=entry.get("name_kk", ""),
                full_name=entry.get("full_name", ""),
                parent=entry.get("parent") or None,
                aliases=tuple(n for n in names[4:] + _as_list(entry.get("abbr")) if n),
            )
        )
    return OrgCatalog(orgs, abbrs, phrases, query_phrases)


def _joined_head(word: str) -> str | None:
    """`Council-Central` → `Council`, `ЕС-Казахстан` → `ЕС`: the first of capitalised words joined by a hyphen."""
    head, _, rest = word.partition("-")
    return head if rest[:1].isupper() and head[:1].isupper() else None
