"""The one keyword matcher behind /search, alerts and digest filters.

A query is a list of words (all must match), "quoted phrases" (consecutive words)
and -excluded words. Each word matches its Russian word family through lemma and
stem: `вода` matches `воды`, `водных`, `водно-энергетических`, `водопользованию`,
never `руководство`, `завод` (a family starts at the start of a word) nor
`водитель`, `водород` (see data/word_families.toml).
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import Stemmer

from bot import DATA_DIR
from bot.news.morph import WORD_RE, lemma, words

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
MIN_STEM = 2


@dataclass(frozen=True)
class FamilyRules:
    short_stem_max_len: int
    short_stem_continuations: tuple[str, ...]
    false_friends: dict[str, tuple[str, ...]]
    bilingual: tuple[tuple[str, ...], ...] = ()  # words that mean the same in Russian and English


@lru_cache(maxsize=4)
def load_family_rules(path: Path = DATA_DIR / "word_families.toml") -> FamilyRules:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return FamilyRules(
        short_stem_max_len=int(data["short_stem_max_len"]),
        short_stem_continuations=tuple(data["short_stem_continuations"]),
        false_friends={k: tuple(v) for k, v in data.get("false_friends", {}).items()},
        bilingual=tuple(tuple(group) for group in data.get("bilingual", {}).get("families", [])),
    )


@lru_cache(maxsize=1)
def _bilingual_terms() -> tuple[tuple[Term, ...], ...]:
    return tuple(tuple(Term.base(w) for w in group) for group in load_family_rules().bilingual)


def translations(term: Term) -> tuple[Term, ...]:
    """The other words of each bilingual family the term belongs to (`водный` → вода, water)."""
    rules = load_family_rules()
    found: list[Term] = []
    for group in _bilingual_terms():
        if any(member.matches_own(term.lemma, rules) for member in group):
            found += [m for m in group if m.lemma != term.lemma and m not in found]
    return tuple(found)


@lru_cache(maxsize=2)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(lang)


def stem(word_lemma: str) -> str:
    lang = "russian" if re.search("[а-я]", word_lemma) else "english"
    return str(_stemmer(lang).stemWord(word_lemma))


@dataclass(frozen=True)
class Term:
    """One keyword: matches every lemma of its word family, and of the families of its
    translations (`вода` → `water`, data/word_families.toml [bilingual])."""

    word: str
    lemma: str
    stem: str
    alternatives: tuple[Term, ...] = ()

    @classmethod
    def of(cls, word: str) -> Term:
        base = cls.base(word)
        return replace(base, alternatives=translations(base))

    @classmethod
    def base(cls, word: str) -> Term:
        lem = lemma(word)
        st = stem(lem)
        if len(st) < MIN_STEM:
            st = lem
        return cls(word=word, lemma=lem, stem=st)

    def variants(self) -> tuple[Term, ...]:
        """The term itself and each translation: the term matches what any of them matches."""
        return (self, *self.alternatives)

    def matches(self, text_lemma: str, rules: FamilyRules | None = None) -> bool:
        return any(v.matches_own(text_lemma, rules) for v in self.variants())

    def matches_own(self, text_lemma: str, rules: FamilyRules | None = None) -> bool:
        if text_lemma == self.lemma:
            return True
        if not text_lemma.startswith(self.stem):
            return False
        rules = rules or load_family_rules()
        if any(text_lemma.startswith(f) for f in rules.false_friends.get(self.stem, ())):
            return False
        if len(self.stem) <= rules.short_stem_max_len:
            rest = text_lemma[len(self.stem) :]
            return any(rest.startswith(c) for c in rules.short_stem_continuations if c) or rest == ""
        return True

    def found_in(self, lemma_text: str, rules: FamilyRules | None = None) -> bool:
        """True when a lemma of the space-separated `lemma_text` belongs to the family.
        A regex picks the few lemmas that start with the stem; `matches` decides each."""
        rules = rules or load_family_rules()
        return any(
            v.matches_own(m.group(0), rules)
            for v in self.variants()
            for m in _candidates_re(v.stem, v.lemma).finditer(lemma_text)
        )


@lru_cache(maxsize=4096)
def _candidates_re(stem: str, whole: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\S)(?:{re.escape(stem)}\S*|{re.escape(whole)})(?!\S)")


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...] = ()
    phrases: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    def all_positive_terms(self) -> list[Term]:
        return list(self.terms) + [t for p in self.phrases for t in p]

    def matches(self, text_lemmas: list[str] | str) -> bool:
        """True when every word and phrase is present and no excluded word is.
        `text_lemmas` is a list of lemmas, or the same joined with spaces (as stored): a long stored
        text is scanned by regex, a list (often a few lemmas picked by the alert index) word by word."""
        rules = load_family_rules()
        if self.is_empty:
            return False
        if isinstance(text_lemmas, str):
            lemma_text = text_lemmas

            def present(term: Term) -> bool:
                return term.found_in(lemma_text, rules)

        else:
            lemma_list = text_lemmas

            def present(term: Term) -> bool:
                return any(term.matches(lem, rules) for lem in lemma_list)

        if not all(present(term) for term in self.terms):
            return False
        if self.phrases:
            words_in_order = text_lemmas.split() if isinstance(text_lemmas, str) else text_lemmas
            if not all(_has_phrase(phrase, words_in_order, rules) for phrase in self.phrases):
                return False
        return not any(present(t) for t in self.excluded)

    @property
    def needs_lemma_check(self) -> bool:
        """Phrases and exclusions are decided on the row's lemmas; plain words by the index alone."""
        return bool(self.phrases or self.excluded)

    def to_json(self) -> str:
        """The parsed query, to be stored: `from_json` rebuilds it without the morphological analyser."""
        data = {
            "text": self.text,
            "terms": [_term_fields(t) for t in self.terms],
            "phrases": [[_term_fields(t) for t in p] for p in self.phrases],
            "excluded": [_term_fields(t) for t in self.excluded],
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, stored: str) -> Query:
        data = json.loads(stored)
        return cls(
            terms=tuple(_term_from(t) for t in data["terms"]),
            phrases=tuple(tuple(_term_from(t) for t in p) for p in data["phrases"]),
            excluded=tuple(_term_from(t) for t in data["excluded"]),
            text=data["text"],
        )

    def token_groups(self, families: dict[Term, list[str]]) -> list[list[str]]:
        """What a row of the search index must hold: for every word, any token of its family
        (`families`, from the index's vocabulary)."""
        return [families.get(term) or [term.lemma] for term in self.all_positive_terms()]


def _term_fields(term: Term) -> list[Any]:
    fields: list[Any] = [term.word, term.lemma, term.stem]
    if term.alternatives:
        fields.append([_term_fields(a) for a in term.alternatives])
    return fields


def _term_from(fields: list[Any]) -> Term:
    """A stored term: [word, lemma, stem] and, when it has translations, their fields (older rows have none)."""
    alternatives = tuple(_term_from(a) for a in fields[3]) if len(fields) > 3 else ()
    return Term(str(fields[0]), str(fields[1]), str(fields[2]), alternatives)


def _has_phrase(phrase: tuple[Term, ...], text_lemmas: list[str], rules: FamilyRules) -> bool:
    """Consecutive words; the whole form of a hyphenated word (which follows its parts) is skipped."""
    n = len(phrase)
    for start in range(len(text_lemmas)):
        i, k = start, 0
        while k < n and i < len(text_lemmas):
            if phrase[k].matches(text_lemmas[i], rules):
                k += 1
            elif k == 0 or "-" not in text_lemmas[i]:
                break
            i += 1
        if k == n:
            return True
    return False


_TOKEN_RE = re.compile(r'"([^"]*)"|(-?)([^\s"]+)')


def parse_query(text: str) -> Query:
    """`вода "водных ресурсов" -Афганистан` → Query. Punctuation is ignored."""
    text = (text or "").strip()[:MAX_QUERY_CHARS]
    terms: list[Term] = []
    phrases: list[tuple[Term, ...]] = []
    excluded: list[Term] = []
    for m in _TOKEN_RE.finditer(text):
        if m.group(1) is not None:
            phrase = tuple(Term.of(p) for w in words(m.group(1)) for p in w.split("-") if p)
            if len(phrase) == 1:
                terms.extend(phrase)
            elif phrase:
                phrases.append(phrase)
            continue
        for w in words(m.group(3)):
            parts = [p for p in w.split("-") if p]
            if len(parts) > 1 and not m.group(2):
                phrases.append(tuple(Term.of(p) for p in parts))  # the index holds the parts
            else:
                (excluded if m.group(2) else terms).append(Term.of(w))
    return Query(
        terms=tuple(dict.fromkeys(terms))[:MAX_TERMS],
        phrases=tuple(phrases)[:MAX_TERMS],
        excluded=tuple(excluded)[:MAX_TERMS],
        text=text,
    )


MARKUP_RE = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>|&[A-Za-z]+;|&#\d+;")


def has_markup(text: str) -> bool:
    """HTML tags or entities (`<b>вода</b>`, `&amp;`): the index holds words only, so such a query
    never matches as typed."""
    return MARKUP_RE.search(text) is not None


def highlight(query: Query, text: str) -> list[tuple[int, int]]:
    """Character spans of the words of `text` in the family of a positive word of the query
    (a hyphenated word counts when one of its parts does)."""
    terms = query.all_positive_terms()
    rules = load_family_rules()
    spans = []
    for m in WORD_RE.finditer(text):
        word = m.group()
        parts = [word, *word.split("-")] if "-" in word else [word]
        if any(t.matches(lemma(p), rules) for p in parts if p for t in terms):
            spans.append((m.start(), m.end()))
    return spans


def best_sentence(query: Query, sentences: list[str]) -> tuple[str, list[tuple[int, int]]] | None:
    """The first sentence with the most distinct query words, and its highlighted spans."""
    best: tuple[int, str, list[tuple[int, int]]] | None = None
    terms = query.all_positive_terms()
    for sentence in sentences:
        spans = highlight(query, sentence)
        if not spans:
            continue
        found = {lemma(sentence[a:b]) for a, b in spans}
        score = sum(any(t.matches(f) for f in found) for t in terms)
        if best is None or score > best[0]:
            best = (score, sentence, spans)
            if score == len(terms):
                break
    return None if best is None else (best[1], best[2])


def mentions_any(terms: tuple[Term, ...], text: str) -> bool:
    """Whether a raw text has a word of any term's family (or a translation's). Only the words that
    start with a stem are lemmatised (`вод…` in `водных`, `водно-энергетических`), so a long text costs
    one scan per stem; a form that does not start with its stem (rare suppletion) is missed."""
    folded = text.lower().replace("ё", "е")
    rules = load_family_rules()
    for term in terms:
        for v in term.variants():
            for m in _word_start_re(v.stem).finditer(folded):
                if v.matches_own(lemma(m.group(0)), rules):
                    return True
    return False


@lru_cache(maxsize=1024)
def _word_start_re(stem: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(stem)}\w*")
