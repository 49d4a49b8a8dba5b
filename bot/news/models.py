"""The boundary types of the extraction pipeline: text in, ParsedArticle out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ArticleMeta:
    """What is known about an article before its text is read."""

    url: str | None = None
    path: str | None = None
    # Fetch time, or the file's modification time: a date without a year takes
    # the latest such date not after this moment.
    reference_time: datetime | None = None
    # Hints from a feed or an HTML page (used when the text itself lacks them).
    title: str | None = None
    published_at: str | None = None
    source: str | None = None
    lang: str | None = None


@dataclass
class OrgMention:
    id: str
    name: str  # the conventional Russian short name: "ОБСЕ"
    mentions: int = 1
    known: bool = True  # False for organisations found only by NER-like rules
    participant: bool = True  # takes part in the event; False for a passing mention (bot/news/salience.py)


@dataclass
class PersonMention:
    name: str  # nominative full name: "Ержан Ашикбаев"
    role: str | None = None


@dataclass
class Statement:
    speaker: str
    role: str | None
    verb: str
    text: str
    direct_quote: bool = False
    organizations: list[str] = field(default_factory=list)  # organisation ids
    lemmas: list[str] = field(default_factory=list)  # search/alert terms of `text`


@dataclass
class ParsedArticle:
    path: str | None
    url: str | None
    title: str | None
    published_at: str | None  # "YYYY-MM-DD[THH:MM[:SS][±HH:MM]]"
    source: str | None
    location: str | None
    lang: str = "ru"
    organizations: list[OrgMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    # organisations the text names that data/organizations.toml doesn't know: {"name": …, "mentions": n}
    other_organizations: list[OrgMention] = field(default_factory=list)
    text: str = ""  # the cleaned body, paragraphs separated by blank lines
    title_lemmas: list[str] = field(default_factory=list)
    body_lemmas: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The `newsbot parse` contract object (extra keys are allowed by the contract)."""
        return {
            "path": self.path,
            "url": self.url,
            "title": self.title,
            "published_at": self.published_at,
            "source": self.source,
            "location": self.location,
            "lang": self.lang,
            "organizations": [
                {"id": o.id, "name": o.name, "mentions": o.mentions, "participant": o.participant}
                for o in self.organizations
            ],
            "other_organizations": [{"name": o.name, "mentions": o.mentions} for o in self.other_organizations],
            "people": [asdict(p) for p in self.people],
            "statements": [
                {
                    "speaker": s.speaker,
                    "role": s.role,
                    "verb": s.verb,
                    "text": s.text,
                    "direct_quote": s.direct_quote,
                    "organizations": s.organizations,
                }
                for s in self.statements
            ],
        }
