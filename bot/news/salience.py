"""Which organisations take part in the event and which are only mentioned in passing.

A participant is the meeting's party, the host body, the body addressed, or a speaker's
organisation; a passing mention is a date or venue reference (`на полях Генеральной Ассамблеи
ООН`), a background clause (`под эгидой ООН`, `резолюции Совета Безопасности ООН`), or an
abbreviation inside another organisation's name (`Региональный центр ООН …`).

The evidence, in order (any one makes a participant):
1. named in the title or in the lede sentence, not nested in another name and not after a
   passing-mention marker (data/organizations.toml [salience] passing_before);
2. named in the role of a person of the article (`Генеральный секретарь ОДКБ Имангали Тасмагамбетов`);
3. nothing else qualifies: the most mentioned organisation, when it is named at least twice (a single
   name in a bilateral talk, `cooperation within the CIS, CSTO, UN`, is background).
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from bot import DATA_DIR
from bot.news.orgs import OrgCatalog, lemma_key
from bot.news.tokens import Token, tokenize

Span = tuple[int, int, str]  # first token, token after the last, organisation id
MARKER_WINDOW = 3  # tokens before a name in which a passing-mention marker counts
MIN_FALLBACK_MENTIONS = 2


@lru_cache(maxsize=4)
def passing_markers(path: Path = DATA_DIR / "organizations.toml") -> tuple[tuple[str, ...], ...]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    phrases = data.get("salience", {}).get("passing_before", [])
    return tuple(key for key in (lemma_key(p) for p in phrases) if key)


def outer_spans(spans: list[Span]) -> list[Span]:
    """The spans not inside a longer one (`ООН` inside `Региональный центр ООН …` is left out).
    One sweep by start (longest first), remembering how far the spans so far reach."""
    outer: list[Span] = []
    reach = -1
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if span[1] > reach:
            outer.append(span)
            reach = span[1]
        elif outer and (outer[-1][0], outer[-1][1]) == (span[0], span[1]):
            outer.append(span)  # the same words naming two organisations: both stand
    return outer


def after_marker(tokens: list[Token], start: int, markers: tuple[tuple[str, ...], ...]) -> bool:
    """A passing-mention marker ends within the few tokens before the name."""
    before = [t.lemma for t in tokens[max(0, start - MARKER_WINDOW) : start]]
    for marker in markers:
        n = len(marker)
        if any(tuple(before[i : i + n]) == marker for i in range(len(before) - n + 1)):
            return True
    return False


def participants(
    tokens: list[Token], spans: list[Span], lede_end: int, roles: Iterable[str], catalog: OrgCatalog
) -> set[str]:
    """The ids of the organisations that take part. `tokens` and `spans` cover the title and body
    (as OrgCatalog.spans gives them); `lede_end` is the character offset where the lede sentence ends."""
    markers = passing_markers()
    found = {
        oid
        for start, _end, oid in outer_spans(spans)
        if tokens[start].start < lede_end and not after_marker(tokens, start, markers)
    }
    for role in roles:
        role_tokens = tokenize(role)
        found |= {oid for _s, _e, oid in outer_spans(catalog.spans(role_tokens))}
    if not found and spans:
        oid, mentions = Counter(oid for *_, oid in spans).most_common(1)[0]
        if mentions >= MIN_FALLBACK_MENTIONS:
            found.add(oid)
    return found
