"""Near-duplicate signatures of articles: is this text another report of a meeting already stored?

Pure functions, no database. A `Signature` holds what decides "the same meeting":
the day, the organisations, the speakers' surnames, the place, and two bottom-k sketches
(the k smallest hashes of a set, an unbiased estimate of Jaccard similarity between sets):
- `shingles`: 3-word shingles of stemmed words — high only for reprints and light rewrites;
- `words`: distinct stemmed content words — moderate for the same meeting told in other words.
Stems are word prefixes (Russian inflects at the end: `заседания`, `заседании` → `засед`).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import struct
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from bot.news.models import ParsedArticle

SKETCH_SIZE = 64
STEM_LENGTH = 5
SHINGLE_WORDS = 3

# Function words and words every foreign-policy article has: they say nothing about the meeting.
_STOPWORD_TEXT = """и в во на с со к ко по о об от до из за для при без под над про что как это этот эта эти тот та те
    а но же ли бы не ни да или его ее её их он она они мы вы я был была были быть будет также так уже
    который которая которые которых который также еще ещё между более всех все весь свой своей своих
    the a an of to in on and for with by at from as is was were be been that this it its
    казахстан республика республики министр министерство заявил отметил сообщает сказал году года"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_WORD_RE = re.compile(r"[0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+")
_ORDINAL_RE = re.compile(r"(?<![\d.,])(\d{1,3})(?:-(?:м|й|я|е|го|му|ю|ом|ое|ая|ей|ий|ым)|st|nd|rd|th)\b", re.IGNORECASE)
_TRACKING_PREFIXES = ("utm_",)


@dataclass(frozen=True)
class Signature:
    day: date | None
    org_ids: frozenset[str]
    speakers: frozenset[str]  # lower-case surnames
    location: str | None  # lower case
    ordinals: frozenset[str]  # "32" of "32-е заседание": the 31st and the 32nd session are two meetings
    shingles: tuple[int, ...]  # bottom-k sketch of 3-word shingles, sorted
    words: tuple[int, ...]  # bottom-k sketch of content stems, sorted


def stems(text: str) -> list[str]:
    """Lower-case word prefixes of the content words, in text order."""
    found = []
    for word in _WORD_RE.findall(text.lower().replace("ё", "е")):
        if word in STOPWORDS or (len(word) < 3 and not word.isdigit()):
            continue
        found.append(word[:STEM_LENGTH])
    return found


def _hash(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "big")


def bottom_k(tokens: set[str], k: int = SKETCH_SIZE) -> tuple[int, ...]:
    """The k smallest hashes of a set: a sketch whose overlap estimates Jaccard similarity."""
    return tuple(sorted({_hash(t) for t in tokens})[:k])


def shingle_sketch(words: list[str]) -> tuple[int, ...]:
    if len(words) < SHINGLE_WORDS:
        return bottom_k({" ".join(words)}) if words else ()
    return bottom_k({" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)})


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the two sets behind two sorted bottom-k sketches.

    Below t = the smaller of the two largest hashes, both sketches hold every hash of their set,
    so the sets' intersection and union are known exactly there.
    """
    if not a or not b:
        return 0.0
    t = min(a[-1], b[-1])
    a_low, b_low = a[: bisect_right(a, t)], b[: bisect_right(b, t)]
    both = len(set(a_low).intersection(b_low))
    return both / (len(a_low) + len(b_low) - both)


def surname(name: str) -> str:
    """`Ермек Кошербаев` → `кошербаев`; `М.Нуртлеу` → `нуртлеу`."""
    parts = re.split(r"[\s.]+", name.strip())
    return parts[-1].lower().replace("ё", "е") if parts and parts[-1] else name.lower()


def make_signature(
    text: str,
    *,
    day: date | None,
    org_ids: set[str] | frozenset[str],
    speaker_names: set[str] | frozenset[str],
    location: str | None,
) -> Signature:
    words = stems(text)
    return Signature(
        day=day,
        org_ids=frozenset(org_ids),
        speakers=frozenset(surname(n) for n in speaker_names if n.strip()),
        location=location.strip().lower() if location and location.strip() else None,
        ordinals=frozenset(_ORDINAL_RE.findall(text)),
        shingles=shingle_sketch(words),
        words=bottom_k(set(words)),
    )


# Thresholds, tuned on tests/fixtures/sources/dedupe (three retellings of one meeting, and
# different meetings of the same organisation or the same minister on nearby days).
REPRINT_SIMILARITY = 0.5  # shingles: the same text, lightly edited
RETOLD_WORD_SIMILARITY = 0.3  # words: the same meeting in other words, with shared people or organisations
# A dateline names where the outlet is ("АСТАНА, 5 декабря – Kazinform"), not always where the
# meeting was: two different places ask for more words in common, they don't rule it out.
RETOLD_ELSEWHERE_WORD_SIMILARITY = 0.35


# A report without a date (a reprint that dropped it) can't be placed in time: it joins an event
# only as a near-duplicate of its text, with no session number, organisation or place against it.
UNDATED_ELSEWHERE_SIMILARITY = 0.7  # the two places differ (often a reprint's own dateline)
TEXT_HASH_KEYS = 4  # the smallest shingle hashes an event is filed under (storage.events)


def same_meeting(a: Signature, b: Signature) -> bool:
    """Two reports of one meeting: within a day of each other, nothing contradicting, enough in common."""
    return match_score(a, b) is not None


def match_score(a: Signature, b: Signature) -> float | None:
    """How alike two reports of one meeting are (higher is closer), or None when they are two meetings."""
    if a.day is None or b.day is None:
        return undated_match_score(a, b)
    if abs((a.day - b.day).days) > 1:
        return None
    text = similarity(a.shingles, b.shingles)
    if text >= REPRINT_SIMILARITY:
        return 1.0 + text
    if a.ordinals and b.ordinals and not (a.ordinals & b.ordinals):
        return None
    if a.org_ids and b.org_ids and not (a.org_ids & b.org_ids):
        return None
    if a.speakers and b.speakers and not (a.speakers & b.speakers):
        return None
    if not (a.org_ids & b.org_ids or a.speakers & b.speakers):
        return None
    needed = RETOLD_WORD_SIMILARITY
    if a.location and b.location and a.location != b.location:
        needed = RETOLD_ELSEWHERE_WORD_SIMILARITY
    words = similarity(a.words, b.words)
    return words + text if words >= needed else None


def undated_match_score(a: Signature, b: Signature) -> float | None:
    """One side has no date: the session number, the organisations, the place and a near-duplicate text decide."""
    if _disjoint(a.ordinals, b.ordinals) or _disjoint(a.org_ids, b.org_ids):
        return None
    text = similarity(a.shingles, b.shingles)
    needed = REPRINT_SIMILARITY
    if a.location and b.location and a.location != b.location:
        needed = UNDATED_ELSEWHERE_SIMILARITY
    return 1.0 + text if text >= needed else None


def _disjoint(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both sides name some, and none in common: the 31st and the 32nd session, OSCE and ICRC."""
    return bool(a and b and not (a & b))


def candidate_keys(sig: Signature) -> list[str]:
    """Keys under which a signature is filed: events sharing a key (and a nearby day) are compared."""
    keys = [f"o:{o}" for o in sorted(sig.org_ids)] + [f"p:{s}" for s in sorted(sig.speakers)]
    # Reprints: of two near-duplicates (shingle similarity ≥ 0.5) nearly always one of the 4 smallest
    # hashes is shared (654 of 654 reprints of the corpus articles; 635 of 653 with 2).
    keys += [f"h:{h:016x}" for h in sig.shingles[:TEXT_HASH_KEYS]]
    return keys


def pack_sketch(sketch: tuple[int, ...]) -> bytes:
    return struct.pack(f">{len(sketch)}Q", *sketch)


def unpack_sketch(data: bytes) -> tuple[int, ...]:
    return struct.unpack(f">{len(data) // 8}Q", data)


# Longer addresses (in UTF-8 bytes) are refused (the sitemaps protocol's limit; browsers' practical one): the longest a
# url can be and still be a unique key on both backends (PostgreSQL's index entries stop at 2,704 bytes).
MAX_URL_BYTES = 2048


def canonical_url(url: str) -> str:
    """The url without tracking parameters (utm_*, fbclid, gclid, yclid), fragment and default port."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in {"fbclid", "gclid", "yclid"}
    ]
    netloc = parts.netloc.lower()
    if (parts.scheme == "http" and netloc.endswith(":80")) or (parts.scheme == "https" and netloc.endswith(":443")):
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query), ""))


def signature_of(parsed: ParsedArticle) -> Signature:
    """The signature of a parsed article; its day is the publication date, None when it has none."""
    day: date | None = None
    if parsed.published_at:
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(parsed.published_at[:10])
    speakers = {p.name for p in parsed.people} | {s.speaker for s in parsed.statements}
    return make_signature(
        "\n".join(filter(None, [parsed.title, parsed.text])),
        day=day,
        org_ids={o.id for o in parsed.organizations},
        speaker_names=speakers,
        location=parsed.location,
    )


def merge_signatures(event: Signature, article: Signature) -> Signature:
    """The event's signature once the article joins it: organisations and speakers of both.

    The text sketches stay those of the event's first report: a union would grow with every
    source and drift away from each of them."""
    return Signature(
        day=event.day or article.day,
        org_ids=event.org_ids | article.org_ids,
        speakers=event.speakers | article.speakers,
        location=event.location or article.location,
        ordinals=event.ordinals | article.ordinals,
        shingles=event.shingles,
        words=event.words,
    )
