"""Statements: who said what. A sentence (or a quote of several sentences) in which a person states,
stresses, notes, calls for …, with the speaker resolved through pronouns and role nouns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.news.morph import analyzer
from bot.news.people import vocabulary
from bot.news.roster import Mention, Person, Roster
from bot.news.tokens import Token, tokenize

OPEN_QUOTES = '«"“„'
CLOSE_QUOTES = '»"”'
_NQ = rf"[^{OPEN_QUOTES}{CLOSE_QUOTES}]"  # any character but a quote mark
MAX_ATTRIBUTION_CHARS = 300
# Linear time on any text: whitespace runs are taken possessively (`\s*+`), an attribution is bounded,
# and a pattern whose parts could be split in many ways first checks its whole shape with a lookahead
# (`«…»` only at the ends), so its parts never scan to a failing end once per way of splitting.
# `"Quote. Quote.", – сказал президент.`: one statement for the whole quote.
QUOTE_THEN_ATTRIBUTION_RE = re.compile(
    rf"^[{OPEN_QUOTES}](?P<quote>.+)[{CLOSE_QUOTES}]\s*+,?\s*+[-–—]++\s*+(?P<attr>{_NQ}++)$"
)
# `«Quote», – сказал он. – «Quote».` and `«Quote, – сказал он, – quote».`: one statement, the attribution cut out.
SPLIT_QUOTE_RES = (
    re.compile(
        rf"^(?=[{OPEN_QUOTES}]{_NQ}++[{CLOSE_QUOTES}]{_NQ}*+[{OPEN_QUOTES}]{_NQ}++[{CLOSE_QUOTES}]\s*+\.?$)"
        rf"[{OPEN_QUOTES}](?P<q1>{_NQ}++)[{CLOSE_QUOTES}]\s*+,?\s*+[-–—]++\s*+"
        rf"(?P<attr>{_NQ}{{1,{MAX_ATTRIBUTION_CHARS}}}?)\s*+[.,:]?\s*+[-–—]++\s*+"
        rf"[{OPEN_QUOTES}](?P<q2>{_NQ}++)[{CLOSE_QUOTES}]\s*+\.?$"
    ),
    re.compile(
        rf"^(?=[{OPEN_QUOTES}]{_NQ}++[{CLOSE_QUOTES}]\s*+\.?$)"
        rf"[{OPEN_QUOTES}](?P<q1>{_NQ}+?)(?:\s*+[,.!?])?\s++[-–—]++\s++"
        rf"(?P<attr>[^{OPEN_QUOTES}{CLOSE_QUOTES}–—]{{1,{MAX_ATTRIBUTION_CHARS}}}?)\s*+[.,:]\s*+[-–—]++\s++"
        rf"(?P<q2>{_NQ}++)[{CLOSE_QUOTES}]\s*+\.?$"
    ),
)
SECOND_HALF_RE = re.compile(rf"^[-–—]++\s*+[{OPEN_QUOTES}]?{_NQ}++[{CLOSE_QUOTES}]\s*+\.?$")
# `“Quote,” said Foreign Minister X.`: English puts the comma inside the quotes and no dash.
QUOTE_THEN_SAID_RE = re.compile(
    rf"^[{OPEN_QUOTES}](?P<quote>{_NQ}+?),?[{CLOSE_QUOTES}]\s*+,?\s*+(?P<attr>[a-z]{_NQ}++)$"
)
# `Министр заявил: «Quote».`
ATTRIBUTION_THEN_QUOTE_RE = re.compile(rf"^(?P<attr>{_NQ}+?):\s*+[{OPEN_QUOTES}](?P<quote>.+)[{CLOSE_QUOTES}]\.?$")
# `По его словам, …`, `по мнению казахского дипломата, …`, `According to him, …`
ATTRIBUTION_RE = re.compile(
    r"\b(?:по\s++(?:(?P<pron>его|ее|её|их)\s*+)?(?P<noun>словам|мнению|оценке|убеждению|данным)"
    r"(?P<who>(?:\s++[^\s,]++){0,4})?\s*+,|according to (?P<en>him|her|the \w+|[A-Z]\w+ \w+))",
    re.I,
)
PRONOUNS = {"он": "masc", "она": "femn", "he": "masc", "she": "femn"}
MIN_QUOTE_WORDS = 5
RIGHT_WINDOW = 6
MAX_TITLE_WORDS = 5  # words of a title between a verb and the name: `said Kazakh Foreign Minister X`
ENGLISH_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "tells": "tell"}


@dataclass
class Found:
    speaker: Person
    verb: str
    text: str
    direct_quote: bool = False


@lru_cache(maxsize=1)
def lexicon() -> tuple[
    frozenset[str], dict[str, list[str]], frozenset[str], dict[str, list[str]], dict[str, list[str]]
]:
    v = vocabulary()
    return (
        frozenset(v["speech_verbs"]),
        dict(v["verb_needs"]),
        frozenset(v["non_person_subjects"]),
        dict(v["role_refs"]),
        dict(v["head_of"]),
    )


@lru_cache(maxsize=50_000)
def verb_reading(word: str) -> tuple[str, str | None, str | None] | None:
    """(lemma, number, gender) when `word` is a finite verb of saying, else None."""
    speech, *_ = lexicon()
    low = word.lower()
    if re.fullmatch(r"[a-z]+", low):
        for candidate in (ENGLISH_IRREGULAR.get(low), low, low[:-2], low[:-1], low[:-3]):
            if candidate and candidate in speech and low not in {"state", "point", "call", "note"}:
                return candidate, "sing", None
        return None
    for p in analyzer().parse(low):
        lemma = p.normal_form.replace("ё", "е")
        if lemma in speech and p.tag.POS == "VERB":
            return lemma, str(p.tag.number) if p.tag.number else None, str(p.tag.gender) if p.tag.gender else None
    return None


@lru_cache(maxsize=50_000)
def case_of(word: str) -> set[str]:
    return {str(p.tag.case) for p in analyzer().parse(word.lower()) if p.tag.case}


@lru_cache(maxsize=50_000)
def noun_lemma(word: str) -> str | None:
    for p in analyzer().parse(word.lower()):
        if p.tag.POS == "NOUN":
            return p.normal_form.replace("ё", "е")
    return None


class Resolver:
    """Turns sentences into statements, remembering who spoke last."""

    def __init__(self, roster: Roster) -> None:
        self.roster = roster
        self.speakers: list[Person] = []
        self.recent: list[Person] = []  # people named in the nominative, most recent last

    def note_mentions(self, mentions: list[Mention]) -> None:
        for m in mentions:
            if m.nominative:
                self.recent.append(m.person)

    # --- the speaker -------------------------------------------------------------------------
    def by_pronoun(self, gender: str | None) -> Person | None:
        for pool in (self.speakers, self.recent, self.roster.people):
            for person in reversed(pool):
                if gender is None or person.gender in (None, gender):
                    return person
        return None

    def by_role(self, role_word: str, next_word: str | None) -> Person | None:
        *_, role_refs, head_of = lexicon()
        wanted = head_of.get(next_word or "", []) if role_word == "глава" and next_word in head_of else []
        wanted = wanted or role_refs.get(role_word, [])
        matching = [p for p in self.roster.people if p.role_lemmas() & set(wanted)]
        for pool in (self.speakers, self.recent):
            for person in reversed(pool):
                if person in matching:
                    return person
        if matching:
            return matching[-1]
        return self.speakers[-1] if self.speakers else (self.recent[-1] if self.recent else None)

    def subject_at(
        self, tokens: list[Token], i: int, mentions: list[Mention], gender: str | None
    ) -> tuple[Person | None, bool]:
        """(the person the word at i stands for, whether i starts a subject at all)."""
        _, _, non_person, role_refs, _ = lexicon()
        for m in mentions:
            if m.start <= i < m.end:
                if not m.nominative:
                    return None, False
                if gender and m.person.gender and m.person.gender != gender:
                    return None, False
                if gender and not m.person.gender:
                    m.person.gender = gender
                return m.person, True
        word = tokens[i].text
        low = word.lower()
        if low in PRONOUNS:
            return self.by_pronoun(gender or PRONOUNS[low]), True
        lemma = noun_lemma(word) if re.search("[а-яё]", low) else low
        if lemma is None or not _is_subject_noun(tokens, i):
            return None, False
        if lemma in non_person:
            return None, True
        if lemma in role_refs:
            nxt = _next_noun(tokens, i)
            return self.by_role(lemma, nxt), True
        return None, False

    def right_subject(
        self, tokens: list[Token], i: int, mentions: list[Mention], gender: str | None
    ) -> tuple[Person | None, bool]:
        """After the verb (`…, подчеркнул он`), a name that is nobody we know (`сообщает Tengrinews.kz`)
        ends the search: the subject is not a person."""
        person, is_subject = self.subject_at(tokens, i, mentions, gender)
        if not is_subject:
            titled = self._titled_mention(tokens, i, mentions)
            if titled is not None:  # `said Kazakh Foreign Minister Murat Nurtleu`
                return titled, True
        if not is_subject and tokens[i].is_capitalized and not any(m.start <= i < m.end for m in mentions):
            return None, True
        return person, is_subject

    def _titled_mention(self, tokens: list[Token], i: int, mentions: list[Mention]) -> Person | None:
        """The person named in the nominative right after a title that starts at i (`Foreign Minister X`,
        `первый заместитель министра X`), with nothing but spaces in between."""
        if any(m.start <= i < m.end for m in mentions):
            return None
        for m in mentions:
            if i < m.start <= i + MAX_TITLE_WORDS and m.nominative:
                if all(tokens[k].end + 1 == tokens[k + 1].start for k in range(i, m.start)):
                    return m.person
                return None
        return None

    def speaker_for(
        self, tokens: list[Token], v: int, mentions: list[Mention], gender: str | None, text: str
    ) -> Person | None:
        after_comma = v > 0 and re.search(r"[,–—-]\s*$", text[tokens[v - 1].end : tokens[v].start]) is not None
        sides = [range(v + 1, min(len(tokens), v + 1 + RIGHT_WINDOW)), range(v - 1, -1, -1)]
        if not after_comma:
            sides.reverse()
        for side in sides:
            look = self.right_subject if side.step == 1 else self.subject_at
            for i in side:
                person, is_subject = look(tokens, i, mentions, gender)
                if is_subject:
                    return person  # None: the subject is not a person (`пресс-служба сообщила`)
        return None

    def attribution(self, sentence: str, mentions: list[Mention], tokens: list[Token]) -> Person | None:
        m = ATTRIBUTION_RE.search(sentence)
        if not m:
            return None
        pron = (m.group("pron") or m.group("en") or "").lower()
        if pron in {"его", "him"}:
            return self.by_pronoun("masc")
        if pron in {"ее", "её", "her"}:
            return self.by_pronoun("femn")
        for mention in mentions:
            if tokens[mention.start].start >= m.start() and tokens[mention.start].start <= m.end():
                return mention.person
        *_, role_refs, _ = lexicon()
        for tok in tokenize(m.group("who") or m.group("en") or ""):
            lemma = noun_lemma(tok.text) or tok.text.lower()
            if lemma in role_refs:
                return self.by_role(lemma, None)
        return None

    # --- statements --------------------------------------------------------------------------
    def split_quote(self, text: str) -> Found | None:
        """`«…», – сказал он. – «…»`: the two halves as one direct quote of the speaker."""
        if text.lstrip()[:1] not in OPEN_QUOTES:
            return None
        for split in SPLIT_QUOTE_RES:
            m = split.match(text.strip())
            if m:
                quote = join_quote(m.group("q1"), m.group("q2"))
                found = self._quote_with_attribution(quote, m.group("attr"))
                if found:
                    return found
        return None

    def paragraph_quote(self, paragraph: str) -> Found | None:
        text = paragraph.strip()
        split = self.split_quote(text)
        if split:
            return split
        for pattern in (QUOTE_THEN_ATTRIBUTION_RE, ATTRIBUTION_THEN_QUOTE_RE, QUOTE_THEN_SAID_RE):
            m = pattern.match(text)
            if not m:
                continue
            found = self._quote_with_attribution(m.group("quote").strip(), m.group("attr"))
            if found:
                return found
        return None

    def _quote_with_attribution(self, quote: str, attr: str) -> Found | None:
        if len(quote.split()) < MIN_QUOTE_WORDS:
            return None
        tokens = tokenize(attr)
        mentions = self.roster.mentions(tokens, attr)
        for v, tok in enumerate(tokens):
            reading = verb_reading(tok.text)
            if reading and reading[1] != "plur":
                speaker = self.speaker_for(tokens, v, mentions, reading[2], attr)
                if speaker:
                    self.spoke(speaker, reading[2])
                    return Found(speaker, tok.text, quote, direct_quote=True)
        return None

    def sentence(self, sentence: str, previous_speaker: Person | None) -> Found | None:
        tokens = tokenize(sentence)
        mentions = self.roster.mentions(tokens, sentence)
        found = self._sentence(sentence, tokens, mentions, previous_speaker)
        self.note_mentions(mentions)
        return found

    def _sentence(
        self, sentence: str, tokens: list[Token], mentions: list[Mention], previous_speaker: Person | None
    ) -> Found | None:
        _, needs, *_ = lexicon()
        for v, tok in enumerate(tokens):
            reading = verb_reading(tok.text)
            if not reading or reading[1] == "plur":
                continue
            lemma, _number, gender = reading
            if lemma in needs and not _followed_by(tokens, v, needs[lemma], sentence):
                continue
            speaker = self.speaker_for(tokens, v, mentions, gender, sentence)
            if speaker is None and previous_speaker and _subject_is_elided(tokens, v, sentence):
                speaker = previous_speaker
            if speaker:
                self.spoke(speaker, gender)
                return Found(speaker, tok.text, statement_text(sentence, tokens, v))
        speaker = self.attribution(sentence, mentions, tokens)
        if speaker:
            self.spoke(speaker, None)
            return Found(speaker, "по словам", strip_attribution(sentence))
        return None

    def spoke(self, person: Person, gender: str | None) -> None:
        if gender in {"masc", "femn"} and not person.gender:
            person.gender = gender
        self.speakers.append(person)


def _is_subject_noun(tokens: list[Token], i: int) -> bool:
    """A noun in the nominative that heads its phrase (`Глава ведомства`: `Глава`, not `ведомства`)."""
    word = tokens[i].text
    if word.isascii():
        return True
    parses = analyzer().parse(word.lower())
    if not any(p.tag.case == "nomn" and p.tag.number != "plur" for p in parses):
        return False
    if parses[0].tag.case != "nomn" and not word.isupper() and parses[0].score > 0.5:
        return False
    # `Глава ведомства`, `Глава казахстанского МИД`: a genitive after a noun depends on it
    if any(p.tag.case == "gent" for p in parses):
        j = i - 1
        while j >= 0 and i - j <= 3 and tokens[j].end + 1 == tokens[j + 1].start:
            pos = analyzer().parse(tokens[j].text.lower())[0].tag.POS
            if pos == "NOUN":
                return False
            if pos not in {"ADJF", "PRTF"}:
                break
            j -= 1
    return True


def _next_noun(tokens: list[Token], i: int) -> str | None:
    for tok in tokens[i + 1 : i + 4]:
        lemma = noun_lemma(tok.text) if re.search("[а-яё]", tok.text.lower()) else tok.text.lower()
        if lemma and (tok.text.isupper() or "gent" in case_of(tok.text)):
            return tok.text.lower() if tok.text.isupper() else lemma
    return None


def _followed_by(tokens: list[Token], v: int, words: list[str], text: str) -> bool:
    window = text[tokens[v].end : tokens[v + 3].end if v + 3 < len(tokens) else len(text)].lower()
    return any(
        (w == "," and window.lstrip().startswith(",")) or re.search(rf"\b{re.escape(w)}\b", window) for w in words
    )


def _subject_is_elided(tokens: list[Token], v: int, text: str) -> bool:
    """`В этой связи, обозначил …`: no noun in the nominative before the verb."""
    for tok in tokens[:v]:
        p = analyzer().parse(tok.text.lower())[0]
        if p.tag.POS in {"NOUN", "NPRO"} and p.tag.case == "nomn":
            return False
    return v < 6


def statement_text(sentence: str, tokens: list[Token], v: int) -> str:
    """The said part: after `…, что` when the sentence is `X подчеркнул, что …`, else the whole sentence."""
    rest = sentence[tokens[v].end :]
    m = re.match(r"^(?:\s+[\w-]+){0,2}\s*,\s*что\s+", rest)
    if m and rest[m.end() :].strip():
        said = rest[m.end() :].strip()
        return said[:1].upper() + said[1:]
    return strip_tail_attribution(sentence.strip())


def continues_quote(sentence: str) -> bool:
    """`– «Диалог важен».`, `– Диалог важен».`: the second half of a quote split by its attribution."""
    return SECOND_HALF_RE.match(sentence) is not None


def join_quote(first: str, second: str) -> str:
    """The two halves of a quote split by its attribution, as one text: `Мы за мир` + `Это важно`."""
    first = first.strip().rstrip(",")
    second = second.strip()
    if second[:1].islower():  # `«Мы считаем», – сказал он, – «что диалог важен»`: one sentence
        return f"{first}, {second}"
    if first and first[-1] not in ".!?…":
        first += "."
    return f"{first} {second}"


def strip_tail_attribution(sentence: str) -> str:
    """Drop `, сообщила пресс-служба МИД РК.` and the like from the end."""
    return re.sub(r",\s*(?:сообщил\w*|сообщает|переда[её]т|передают|пишет)\s+[^,]{0,60}\.$", ".", sentence)


def strip_attribution(sentence: str) -> str:
    said = ATTRIBUTION_RE.sub("", sentence, count=1).strip(" ,")
    return said[:1].upper() + said[1:] if said else sentence
