"""Statements: who said what. A sentence (or a quote of several sentences) in which a person states,
stresses, notes, calls for …, with the speaker resolved through pronouns and role nouns."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from bot.news.morph import lemma, parses
from bot.news.people import (
    english_not_names,
    english_post_words,
    is_honorific,
    is_name_word,
    looks_like_english_name,
    name_lists,
    vocabulary,
)
from bot.news.roster import Mention, Person, Roster, is_verb, role_heads
from bot.news.tokens import Token, sentences_of, tokenize

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
# `"Quote" рассказал президент …`: the same without the dash
QUOTE_THEN_VERB_RE = re.compile(
    rf"^[{OPEN_QUOTES}](?P<quote>{_NQ}++)[{CLOSE_QUOTES}]\s*+,?\s++(?P<attr>[а-яё]{_NQ}{{2,200}})$"
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
# The same, its closing mark not there: a quotation that runs on into the next paragraph, as Russian typesetting
# leaves it, or that the page cut off
UNCLOSED_SPLIT_QUOTE_RE = re.compile(
    rf"^(?=[{OPEN_QUOTES}]{_NQ}++$)"
    rf"[{OPEN_QUOTES}](?P<q1>{_NQ}+?)(?:\s*+[,.!?])?\s++[-–—]++\s++"
    rf"(?P<attr>[^{OPEN_QUOTES}{CLOSE_QUOTES}–—]{{1,{MAX_ATTRIBUTION_CHARS}}}?)\s*+[.,:]\s*+[-–—]++\s++"
    rf"(?P<q2>{_NQ}++)$"
)
# `«…»,— заявил господин Нуртлеу`, `"…," said Blinken`: a closed quote and an attribution that names someone
ATTRIBUTED_QUOTE_RE = re.compile(
    rf"[{CLOSE_QUOTES}]\s*+,?\s*+(?:[-–—]++\s*+)?(?:[а-яёa-z]++\s++){{1,4}}[А-ЯЁA-Z]"
)
SECOND_HALF_RE = re.compile(rf"^[-–—]++\s*+[{OPEN_QUOTES}]?{_NQ}++[{CLOSE_QUOTES}]\s*+\.?$")
CLOSING_GAP_RE = re.compile(rf"(?:[,–—-]|[{CLOSE_QUOTES}])\s*+$")
# `“Quote,” said Foreign Minister X.`: English puts the comma inside the quotes and no dash.
QUOTE_THEN_SAID_RE = re.compile(
    rf"^[{OPEN_QUOTES}](?P<quote>{_NQ}+?),?[{CLOSE_QUOTES}]\s*+,?\s*+(?P<attr>[A-Za-z]{_NQ}{{2,160}})$"
)
# `Министр заявил: «Quote».`
ATTRIBUTION_THEN_QUOTE_RE = re.compile(rf"^(?P<attr>{_NQ}+?):\s*+[{OPEN_QUOTES}](?P<quote>.+)[{CLOSE_QUOTES}]\.?$")
# `По его словам, …`, `по мнению казахского дипломата, …`, `According to him, …`
ATTRIBUTION_RE = re.compile(
    r"\b(?:по\s++(?:(?P<pron>его|ее|её|их)\s*+)?(?P<noun>словам|мнению|оценке|убеждению|данным)"
    r"(?P<who>(?:\s++[^\s,]++){0,8})?\s*+,"
    r"|according to (?P<en>him|her|the [^,]{1,60}|[A-Z][\w’'-]+(?: (?:of |the )*[A-Z][\w’'-]+){0,7}))",
    re.I,
)
CLAUSE_WORDS = {"что", "чтобы", "that"}
RUSSIAN_SURNAME_RE = re.compile(r"(?:ов|ев|ёв|ин|ова|ева|ина|енко|ян|дзе|швили|улы|кызы)$")
RELATIVE_PRONOUNS = {"who", "который", "которая"}
EXCELLENCY = {"excellency", "превосходительство"}
EXCELLENCY_OWNERS = {"his": "masc", "her": "femn", "его": "masc", "ее": "femn", "её": "femn"}
CONVICTION = {"уверенный", "убежденный"}
PRONOUNS = {"он": "masc", "она": "femn", "he": "masc", "she": "femn"}
FIRST_PERSON_SUBJECTS = {"я", "i"}
ADVERBS_BEFORE_VERB = {"also", "further", "again", "then", "later", "также", "еще", "ещё", "вновь", "далее", "затем"}
MIN_QUOTE_WORDS = 5
GERUND_WITHIN = 6  # words from the start of a sentence that may hold `отметив, что`
MAX_PARTICIPLE_AT = 80  # words into a sentence where a clause of saying is looked for (bounded)
FAR_NEEDS = {"as", "как"}  # words a verb needs that may follow its object
FAR_NEED_WINDOW = 10
MAX_REFERRED_SENTENCES = 3  # sentences before `Об этом заявил X` that are his
MAX_TAIL_WORDS = 7  # words of an attribution at the end of a sentence: `, – сказал первый замминистра Ержан Ашикбаев`
RIGHT_WINDOW = 6
# `…, заявил на встрече с главами делегаций государств — участников СНГ президент Казахстана Нурсултан Назарбаев`:
# after a comma the verb closes the sentence, and its subject may stand further away
TAIL_RIGHT_WINDOW = 16
MAX_QUESTION_CHARS = 600
MIN_QUESTION_WORDS = 8  # `Hi, what are you looking for?` is a search box, not a question to a guest
MAX_QUOTED_NAME_WORDS = 3  # `«Казинформ»`, `«Нур Отан»`: a name in quotation marks, not words said
MAX_QUOTED_NAME_CHARS = 40
MAX_QUOTE_LOOKBACK_CHARS = 2_000
CLOSE_QUOTE_RE = re.compile(rf"[{CLOSE_QUOTES}]")
LEFT_WINDOW = 60  # words before a verb where its subject is looked for (bounded: many verbs stay linear)
MAX_VERBS_TRIED = 10  # verbs of saying tried per sentence: a real one has one or two
MAX_LOOKBACK = 50  # the people a pronoun or a role noun may refer back to, most recent first
MAX_TITLE_WORDS = 5  # words of a title between a verb and the name: `said Kazakh Foreign Minister X`
ENGLISH_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "tells": "tell",
    "paid": "pay",
    "wrote": "write",
    "dwelt": "dwell",
    "drew": "draw",
    "spoke": "speak",
    "gave": "give",
    "given": "give",
    "spoken": "speak",
}


@dataclass
class Found:
    speaker: Person
    verb: str
    text: str
    direct_quote: bool = False
    refers_back: bool = False  # `Об этом заявил X`: X said the sentence before
    first_person: bool = False  # `I congratulate you`: a sentence of the speech, not an attribution
    also: list[Person] = field(default_factory=list)  # `X and Y noted …`: the others who said it


# `Об этом заявил X`, `На это обратил внимание X`, `Такое заявление сделал X`, `This was stated by X`: the words
# are in the sentence before.
REFERS_BACK_RE = re.compile(
    r"^\W*(?:об этом|о том же|на это|такое (?:заявление|мнение)|эту (?:позицию|мысль)"
    r"|(?:this|that|it) was (?:said|stated|announced) by)\b",
    re.I,
)


def refers_back(text: str) -> bool:
    """`Об этом заявил X`, also after an outlet's credit: `Как сообщает Report, об этом заявил X` (`text`: the
    sentence up to its verb)."""
    return any(REFERS_BACK_RE.match(clause) for clause in re.split(r"[,;]", text)[:3])


# `Как сообщает Report, об этом заявил X`, `По данным агентства Report, …`: an outlet's credit
CREDIT_HEAD_RE = re.compile(r"^\W*(?:как|as|по данным|по информации|согласно|according to)\b", re.I)
MIN_HEAD_WORDS = 4


def reported_head(sentence: str) -> str | None:
    """`Новым почетным консулом стал Георгий Джахуташвили, об этом сообщил посол`: the words before the clause that
    refers back, when they are what was reported (not an outlet's credit)."""
    clauses = re.split(r"(?<=[,;])", sentence)
    for k, clause in enumerate(clauses[1:3], start=1):
        if REFERS_BACK_RE.match(clause):
            head = "".join(clauses[:k]).rstrip(" ,;")
            if len(head.split()) >= MIN_HEAD_WORDS and not CREDIT_HEAD_RE.match(head):
                return head.strip()
            return None
    return None


# The last attribution of a dialogue-dash paragraph: `– Текст. Текст, – отметил он.`
DASH_ATTRIBUTION_RE = re.compile(r"[,.!?…]\s*[-–—]+\s+(?=[а-яёa-z])")
DIALOGUE_DASH_RE = re.compile(r"^[-–—]\s+")


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
        for candidate in (ENGLISH_IRREGULAR.get(low), low, *english_stems(low)):
            if candidate and candidate in speech and low not in {"state", "point", "call", "note"}:
                return candidate, "sing", None
        return None
    for p in parses(low):
        lemma = p.normal_form.replace("ё", "е")
        # `Министр уверен, что …`: a short adjective of conviction speaks as a verb does
        convinced = lemma in CONVICTION and p.tag.POS == "ADJS" and p.tag.gender != "neut"  # not `уверенно`
        if (lemma in speech and p.tag.POS == "VERB") or convinced:
            return lemma, str(p.tag.number) if p.tag.number else None, str(p.tag.gender) if p.tag.gender else None
    return None


# Words after which an English verb of saying is a noun or an adjective: `representatives of states`, `observer
# states`, `an invited guest`, `with remarks from`
NOUN_BEFORE_WORDS = {
    "of", "the", "a", "an", "member", "observer", "participating", "two", "three", "all", "other", "many", "several",
    "these", "those", "their", "its", "our", "neighbouring", "neighboring", "littoral", "with", "for",
}
NOUN_AFTER_WORDS = {"ceremony", "guest", "guests", "from"}  # `welcome ceremony`, `invited guest`, `hails from`


def _english_noun_use(tokens: list[Token], v: int) -> bool:
    """An English verb of saying used as a noun or an adjective by the words around it."""
    word = tokens[v].text
    after = tokens[v + 1].text.lower() if v + 1 < len(tokens) else ""
    if word.lower() == "thanks" and after == "to":
        return True  # `Thanks to the political will of …`: a preposition
    if not word.isascii() or not word.islower():
        return False
    before = tokens[v - 1].text.lower() if v > 0 else ""
    # `welcomes (Kazakh) President X to his home`: a greeting of a guest, not words said
    guest = {t.text.lower() for t in tokens[v + 1 : v + 3]} & english_post_words()
    greeting = word in {"welcome", "welcomes", "welcomed"} and bool(guest)
    return (
        before in NOUN_BEFORE_WORDS or after in NOUN_AFTER_WORDS or greeting or _states_of_a_kind(tokens, v)
    )  # `Bush welcomes President X to …`


def _after_a_journalist_word(tokens: list[Token], start: int) -> bool:
    """`корреспондент «МИР 24» Ерик Мулдабаев`, `reporter John Smith`: a name a few words after `correspondent`."""
    return any(t.text.lower() in JOURNALISTS for t in tokens[max(0, start - JOURNALIST_REACH) : start])


def _is_prose(paragraph: str) -> bool:
    """A paragraph of the speech, not a row of dots or a name and post on a line (`Ambassador X,`)."""
    return len(re.findall(r"[^\W\d_]{2,}", paragraph)) >= MIN_QUOTE_WORDS and not paragraph.rstrip().endswith(",")


def _verbs_before_a_colon_first(sentence: str, tokens: list[Token]) -> list[int]:
    """Word indexes in the order their verbs are tried: a verb right before a colon first (`Отвечая на вопрос …, как
    это предложил Назарбаев, Идрисов сказал: "…"`: the colon opens what was said), then all in order."""
    colon = [
        v for v, t in enumerate(tokens)
        if sentence[t.end : t.end + 1] == ":" and verb_reading(t.text) and not participle_of_saying(t.text)
    ]
    return colon[:1] + [v for v in range(len(tokens)) if v not in colon[:1]]


def _states_of_a_kind(tokens: list[Token], v: int) -> bool:
    """`several Muslim states`, `of the Central Asian states`: countries named by their kind, not someone stating."""
    if tokens[v].text != "states":
        return False
    k = v - 1
    while k >= max(0, v - 3) and tokens[k].is_capitalized and tokens[k].text.lower() not in english_post_words():
        k -= 1
    return k < v - 1 and k >= 0 and tokens[k].text.lower() in NOUN_BEFORE_WORDS


def english_stems(low: str) -> list[str]:
    """What an English verb form may come from: `stressed` → stress, `noted` → note, `replied` → reply, `urges` →
    urge, `saying` → say; `speaker` is no form of `speak`."""
    if low.endswith(("ied", "ies")):
        return [low[:-3] + "y"]
    if low.endswith("ing"):  # `as telling the Taliban that …`
        return [low[:-3]]
    if low.endswith(("ed", "es")):
        return [low[:-2], low[:-1]]
    if low.endswith("s"):
        return [low[:-1]]
    return []


@lru_cache(maxsize=50_000)
def gerund_of_saying(word: str) -> bool:
    """`отметив`, `подчеркнув`, `заявив`: a gerund of a verb of saying."""
    speech, *_ = lexicon()
    return any(p.tag.POS == "GRND" and p.normal_form.replace("ё", "е") in speech for p in parses(word))


@lru_cache(maxsize=50_000)
def participle_of_saying(word: str) -> bool:
    """`заявив`, `отметив`; `emphasizing`, `noting`, `stressing`: a clause of saying hung on another verb."""
    low = word.lower()
    if re.fullmatch(r"[a-z]+ing", low):
        speech = lexicon()[0]
        stem = low[:-3]
        return low not in {"being", "bring", "thing"} and (stem in speech or stem + "e" in speech)
    return gerund_of_saying(word)


@lru_cache(maxsize=50_000)
def case_of(word: str) -> set[str]:
    return {str(p.tag.case) for p in parses(word) if p.tag.case}


@lru_cache(maxsize=50_000)
def noun_lemma(word: str) -> str | None:
    for p in parses(word):
        if p.tag.POS == "NOUN":
            return p.normal_form.replace("ё", "е")
    return None


class Resolver:
    """Turns sentences into statements, remembering who spoke last."""

    def __init__(self, roster: Roster) -> None:
        self.roster = roster
        self.speakers: list[Person] = []
        self.recent: list[Person] = []  # people named in the nominative, most recent last
        self.seen: set[int] = set()  # ids of the people named so far, in any case
        self.reporters: set[int] = set()  # ids of correspondents named (`передает корреспондент «МИР 24» X`)
        self.interview_guest: Person | None = None  # `X revealed in an interview …`: the subject of the sentence

    def last_named(self) -> Person | None:
        """The guest of an interview: the subject of the sentence that tells of the interview, else the person the
        text named last so far (the guest is named before the first question, the people the answers name later)."""
        if self.interview_guest is not None:
            return self.interview_guest
        named = [p for p in self.roster.people if id(p) in self.seen]
        return named[-1] if named else self.roster.people[-1] if self.roster.people else None

    def note_seen(self, mentions: list[Mention]) -> None:
        self.seen.update(id(m.person) for m in mentions)

    def note_mentions(self, mentions: list[Mention]) -> None:
        for m in mentions:
            if m.nominative:
                self.recent.append(m.person)

    # --- the speaker -------------------------------------------------------------------------
    def by_pronoun(self, gender: str | None) -> Person | None:
        for pool in (self.speakers, self.recent, self.roster.people):
            for person in reversed(pool[-MAX_LOOKBACK:]):
                if gender is None or person.gender in (None, gender):
                    return person
        return None

    def by_role(
        self,
        role_word: str,
        next_word: str | None,
        home: bool = False,
        foreign: bool = False,
        assumed: bool = False,
        exclude: frozenset[int] | set[int] = frozenset(),
        qualifiers: frozenset[str] = frozenset(),
    ) -> Person | None:
        """The person a role noun stands for. `home`: the role is Kazakhstan's (`the Kazakh President`,
        `казахстанский министр`); with no post to match, that is the first person the article names, as
        articles of this field name the Kazakh official first. `assumed`: Kazakhstan's only because no country
        is named (`глава государства`): a Belarusian outlet's `глава государства` is the Belarusian president
        when the text names no Kazakh one."""
        *_, role_refs, head_of = lexicon()
        # a correspondent who reports the event holds none of its posts
        people = [p for p in self.roster.people if id(p) not in exclude and id(p) not in self.reporters]
        wanted = head_of.get(next_word or "", []) if role_word in {"глава", "head"} and next_word in head_of else []
        wanted = wanted or role_refs.get(role_word, [])
        matching = _holders(people, set(wanted), qualifiers)
        if assumed and self.speakers and any(p is self.speakers[-1] for p in matching):
            return self.speakers[-1]  # `Лукашенко заявил … «…», — сказал глава государства`: the one who just spoke
        if home or foreign:  # `Президент Казахстана` is not `Президент Азербайджана`
            other = "home" if foreign else "foreign"
            # a post of no known country may be Kazakhstan's (`First President`), not another country's
            ours = [p for p in people if (post_side(p.role) == "foreign") == foreign]
            our_ids = {id(p) for p in ours}
            matching = [p for p in matching if id(p) in our_ids] or (
                [] if matching and ours else [p for p in matching if post_side(p.role) != other]
            )
            if not matching and ours:
                return ours[0] if home else ours[-1]
            side = "foreign" if foreign else "home"
            # `the Kazakh foreign minister`: a minister whose post names our country, over one whose post names none
            matching = [p for p in matching if post_side(p.role) == side and role_word in p.role_lemmas()] or matching
            unknown = [p for p in people if post_side(p.role) != other]
            if not matching and unknown:  # no posts known: the Kazakh side is named first
                return unknown[0] if home else unknown[-1]
        matching_ids = {id(p) for p in matching}
        for person in reversed(self.speakers[-MAX_LOOKBACK:]):
            if id(person) in matching_ids:
                return person
        # nobody of that post spoke yet: the one of that post named first, of those the text has named so far;
        # `The Minister emphasized` after `Zhumangarin stated` is not a minister the article names later
        named = [p for p in matching if id(p) in self.seen]
        if named:
            return named[0]
        last = self.speakers[-1] if self.speakers else self.recent[-1] if self.recent else None
        if last is not None and id(last) in exclude:
            last = None
        if matching and (last is None or last.role):  # the one named last holds another post
            return matching[0]
        if last is not None:
            return last
        # `Министр … подчеркнул …. Ермек Кошербаев провел встречу`: named only after his post spoke
        return people[0] if people else None

    def subject_at(
        self, tokens: list[Token], i: int, mentions: list[Mention], gender: str | None
    ) -> tuple[Person | None, bool]:
        """(the person the word at i stands for, whether i starts a subject at all)."""
        _, _, non_person, role_refs, _ = lexicon()
        if _possessive(tokens, i) or tokens[i].text.lower() in RELATIVE_PRONOUNS:
            if tokens[i].text.lower() in RELATIVE_PRONOUNS:  # `Donald Lu …, who assured …`
                before = bisect_right(mentions, i, key=lambda m: m.end)  # the last mention ending by i
                return (mentions[before - 1].person if before else None), True
            return None, False  # `Trump’s greetings`: a possessive is no subject
        m = mention_at(mentions, i)
        if m is not None:
            if not m.nominative or _possessive(tokens, m.end - 1):  # `conveyed President Xi Jinping’s greetings`
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
        if low in EXCELLENCY and i > 0 and tokens[i - 1].text.lower() in EXCELLENCY_OWNERS:
            # `His Excellency stressed`, `Его Превосходительство отметил`: the one spoken of, as a pronoun would
            return self.by_pronoun(gender or EXCELLENCY_OWNERS[tokens[i - 1].text.lower()]), True
        if low in FIRST_PERSON_SUBJECTS:  # `I congratulate you, Mr. Xi`: the one whose speech this is
            return (self.speakers[-1] if self.speakers else None), True
        lemma = noun_lemma(word) if re.search("[а-яё]", low) else low
        lone = self.lone_surname(tokens, i)
        if lone is not None:
            return lone, True
        if lemma is None or not _is_subject_noun(tokens, i):
            return None, False
        if low == "official" and i + 1 < len(tokens) and tokens[i + 1].text.islower() and not verb_reading(
            tokens[i + 1].text
        ):
            return None, False  # `his first official two-day visit`: an adjective, not a post
        if (lemma in non_person or _english_plural_of(lemma, non_person | set(role_refs))) and not _english_of_phrase(
            tokens, i
        ):
            return None, True  # `the press service said`, `The two leaders stated`: no one person
        if lemma in role_refs:
            owner = mention_at(mentions, i + 1)
            if owner is not None and owner.start == i + 1 and _possessive(tokens, owner.end - 1):
                return None, False  # `conveyed President Xi Jinping’s greetings`: a title of the owner, in the object
            nxt = _next_noun(tokens, i)
            foreign = _foreign(tokens, i) or post_side(nxt) == "foreign"  # `the Head of Turkmenistan`
            # `Глава государства`, `the Head of State` with no country named: in this field, Kazakhstan's
            # `Глава нашего государства` in a Kazakh outlet: ours is named, not assumed (not whoever spoke last)
            ours = i + 1 < len(tokens) and tokens[i + 1].text.lower() in {"нашего", "нашей", "our"}
            named_home = _of_kazakhstan(tokens, i, nxt) or ours
            home = named_home or (nxt in HEAD_OF_STATE and not foreign)
            # `Глава государства выразил признательность Президенту Шавкату Мирзиёеву`: not the one thanked
            addressed = {id(m.person) for m in mentions if not m.nominative and m.start > i + 2}  # not its own name
            qualifiers = _post_qualifiers(tokens, i)
            person = self.by_role(
                lemma, nxt, home=home, foreign=foreign, assumed=home and not named_home, qualifiers=qualifiers
            )
            if person is not None and id(person) in addressed:
                person = self.by_role(lemma, nxt, home=home, foreign=foreign, exclude=addressed, qualifiers=qualifiers)
            return person, True
        return None, False

    def lone_surname(self, tokens: list[Token], i: int) -> Person | None:
        """`In his remarks, Tokayev expressed …`, `Токаев отметил`: a surname alone, of nobody named in full, right
        before the verb (a Russian one only by a surname's ending: a capitalised word there is as often a place)."""
        word = tokens[i].text
        if not self.could_be_surname(word):
            return None
        nxt = i + 2 if i + 2 < len(tokens) and tokens[i + 1].text.lower() in ADVERBS_BEFORE_VERB else i + 1
        if nxt < len(tokens) and verb_reading(tokens[nxt].text) is None:  # `Kosherbayev also provided`
            return None
        return self.roster.by_surname(word) or self.roster.add(word, None, None, nominative=True)

    def could_be_surname(self, word: str) -> bool:
        if outlet_or_place(word) or not is_name_word(word):
            return False
        if word.lower() in name_lists()["latin_first_names"] and self.roster.by_surname(word) is None:
            return False  # `Mevlut noted`: a first name alone is nobody's surname
        if re.fullmatch(r"[А-ЯЁ][а-яё-]{3,}", word):  # `Токаев отметил`: a Russian surname by its ending only
            return RUSSIAN_SURNAME_RE.search(word) is not None
        if not re.fullmatch(r"[A-Z][a-z’'-]{3,}", word):
            return False
        return self.roster.by_surname(word) is not None or looks_like_english_name([word], has_role=False)

    def right_subject(
        self, tokens: list[Token], i: int, mentions: list[Mention], gender: str | None
    ) -> tuple[Person | None, bool]:
        """After the verb (`…, подчеркнул он`), a name that is nobody we know (`сообщает Tengrinews.kz`)
        ends the search: the subject is not a person."""
        titled = self._titled_mention(tokens, i, mentions)
        if titled is not None:  # `said Kazakh Foreign Minister Murat Nurtleu`, `сделал глава МИД Ерлан Идрисов`
            return titled, True
        person, is_subject = self.subject_at(tokens, i, mentions, gender)
        if not is_subject and tokens[i].text.lower() in english_not_names():  # `said the First Deputy Minister`
            return None, False
        if not is_subject and tokens[i].is_capitalized and mention_at(mentions, i) is None:
            before = i - 2 if i > 1 and is_honorific(tokens[i - 1].text) else i - 1
            after_verb = before >= 0 and verb_reading(tokens[before].text) and gender != "neut"  # `сообщило Минобороны`
            if after_verb and self.could_be_name_after_verb(tokens[i].text):
                # `«…», — написал Амано`: a surname right after the verb, of nobody named in full
                return self.roster.by_surname(tokens[i].text) or self.roster.add(tokens[i].text, None, None, True), True
            word = tokens[i].text
            # `прокомментировал корреспонденту МИА «Казинформ» Микаэль Зиберт`: an outlet inside the object, after
            # a word that is no verb, is not the subject (`сообщает Tengrinews.kz` is)
            in_object = i > 0 and outlet_or_place(word) and not verb_reading(tokens[i - 1].text)
            object_word = in_object or is_place(word) or not (is_name_word(word) or outlet_or_place(word))
            if object_word or (word.isupper() and not outlet_or_place(word)):
                # `заявил о намерении посетить Казахстан`, `участников СНГ`, `поприветствовал дипломатов
                # Республики Казахстан Бурков`: a word of the object, read on
                return None, False
            return None, True  # `сообщает Tengrinews.kz`: the subject is no person
        return person, is_subject

    def could_be_name_after_verb(self, word: str) -> bool:
        """A Cyrillic capitalised word out of the dictionary, no place, no outlet, no abbreviation."""
        return (
            re.fullmatch(r"[А-ЯЁ][а-яё-]{2,}", word) is not None
            and not outlet_or_place(word)
            and is_name_word(word)
            and not any(p.is_known for p in parses(word))
            and not is_organisation(word)
        )

    def _titled_mention(self, tokens: list[Token], i: int, mentions: list[Mention]) -> Person | None:
        """The person named in the nominative right after a title that starts at i (`Foreign Minister X`,
        `первый заместитель министра X`), with nothing but spaces in between."""
        if mention_at(mentions, i) is not None:
            return None
        j = bisect_right(mentions, i, key=lambda m: m.start)  # the first mention after i
        while j < len(mentions) and mentions[j].start <= i + MAX_TITLE_WORDS:
            m = mentions[j]
            j += 1
            if m.nominative and not _possessive(tokens, m.end - 1):
                if all(tokens[k].end + 1 == tokens[k + 1].start for k in range(i, m.start)):
                    return m.person
                return None
        return None

    def speaker_for(
        self, tokens: list[Token], v: int, mentions: list[Mention], gender: str | None, text: str,
        right_first: bool = False,
    ) -> Person | None:
        """Who said it: after the verb first when it closes the sentence (`…, – сказал он`) or refers back (`об этом
        сообщил посол`), else the subject before it."""
        after_comma = v > 0 and _closes_what_came_before(text, tokens[v - 1].end, tokens[v].start)
        if after_comma:
            named = _named_before_apposition(tokens, v, mentions, text)
            if named is not None:  # `Vladimir Putin, President of Russia, stressed that …`
                return named
        right = TAIL_RIGHT_WINDOW if after_comma else RIGHT_WINDOW
        left = _relative_clause_start(tokens, v, text) if after_comma else v - 1
        sides = [range(v + 1, min(len(tokens), v + 1 + right)), range(left, max(-1, v - 1 - LEFT_WINDOW), -1)]
        if not (after_comma or right_first):
            sides.reverse()
        quoted_until = 0
        for side in sides:
            look = self.right_subject if side.step == 1 else self.subject_at
            for i in side:
                if side.step == 1 and tokens[i].text.lower() in CLAUSE_WORDS:
                    break  # `…, отметил, что …`: what follows is what was said, not who said it
                if side.step == 1 and _opens_quotation(text, tokens[i - 1].end, tokens[i].start):
                    break  # `Jaishankar stated, "Glad to meet … Muhriddin"`: the quote is what he said
                if side.step == 1 and i < quoted_until:
                    continue
                if side.step == 1 and (close := _quoted_name_end(text, tokens[i - 1].end, tokens[i].start)):
                    quoted_until = next((k for k in range(i, len(tokens)) if tokens[k].start >= close), len(tokens))
                    continue  # `сообщает «Царьград»`: a name in quotation marks is an outlet's or a body's
                if side.step == 1 and _english_object_word(tokens[i].text):
                    break  # `expressed gratitude to Xi Jinping`: after an English verb, its object
                if is_honorific(tokens[i].text) and tokens[i].text.lower() not in EXCELLENCY | EXCELLENCY_OWNERS.keys():
                    continue  # `заявил господин Нуртлеу`: the name follows (`His Excellency` stands for someone)
                person, is_subject = look(tokens, i, mentions, gender)
                if is_subject and person is None and side.step == 1 and i - v > RIGHT_WINDOW:
                    continue  # far from the verb, only a person ends the search (`…, сообщает Zakon.kz`)
                if is_subject:
                    return person  # None: the subject is not a person (`пресс-служба сообщила`)
        return None

    def first_subject(self, tokens: list[Token], v: int, mentions: list[Mention]) -> Person | None:
        """The person named first before word v, when the sentence opens with that name (after at most a post)."""
        first = next((m for m in mentions if m.start < v), None)
        if first is None or first.start > MAX_OPENING_POST_WORDS or not first.nominative:
            return None
        return first.person

    def left_subject(self, tokens: list[Token], v: int, mentions: list[Mention]) -> Person | None:
        """The person the subject before word v stands for (None when the subject is no person)."""
        for i in range(v - 1, max(-1, v - 1 - LEFT_WINDOW), -1):
            person, is_subject = self.subject_at(tokens, i, mentions, None)
            if is_subject:
                return person
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
        # the last name before the comma holds the post: `по словам пресс-секретаря президента Владимира Путина
        # Дмитрия Пескова`; a name owning what speaks is not the speaker (`according to Nazarbayev's office`)
        named = [mention for mention in mentions if m.start() <= tokens[mention.start].start <= m.end()]
        if named:
            last = named[-1]
            return None if _possessive(tokens, last.end - 1) else last.person
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
        for split in (*SPLIT_QUOTE_RES, UNCLOSED_SPLIT_QUOTE_RE):
            m = split.match(text.strip())
            if m:
                # the sentence as written: cutting the attribution out would make a text the article lacks
                found = self._quote_with_attribution(text.strip(), m.group("attr"), words=quote_words(m))
                if found:
                    return found
        return None

    def paragraph_quote(self, paragraph: str) -> Found | None:
        text = paragraph.strip()
        split = self.split_quote(text)
        if split:
            return split
        for pattern in (QUOTE_THEN_ATTRIBUTION_RE, ATTRIBUTION_THEN_QUOTE_RE, QUOTE_THEN_SAID_RE, QUOTE_THEN_VERB_RE):
            m = pattern.match(text)
            if not m:
                continue
            # `…, как это предложил Назарбаев, Идрисов сказал: "…"`: the verb before the colon speaks
            colon = pattern is ATTRIBUTION_THEN_QUOTE_RE
            found = self._quote_with_attribution(m.group("quote").strip(), m.group("attr"), last_verb_first=colon)
            if found:
                return found
        return self.dash_quote(text)

    def dash_quote(self, text: str) -> Found | None:
        """`– Текст. Ещё текст, – отметил он.`: direct speech after a dialogue dash, its attribution last."""
        opening = DIALOGUE_DASH_RE.match(text)
        if not opening:
            return None
        last = None
        for last in DASH_ATTRIBUTION_RE.finditer(text):  # noqa: B007 - the last one is the attribution
            pass
        if last is None:
            return None
        quote = text[opening.end() : last.start() + 1].rstrip(",")
        return self._quote_with_attribution(quote, text[last.end() :])

    def inline_caption(self, text: str) -> tuple[Person, str, bool] | None:
        """`Касым-Жомарт ТОКАЕВ, ПРЕЗИДЕНТ РЕСПУБЛИКИ КАЗАХСТАН: Эмираты – …`: (the person, the words after the
        colon, whether the person is a journalist, whose words are narration, not statements)."""
        m = INLINE_CAPTION_RE.match(text.strip())
        if not m:
            return None
        caption = m.group("cap")
        tokens = tokenize(caption)
        mentions = self.roster.mentions(tokens, caption)
        if not mentions or mentions[0].start != 0 or not mentions[0].nominative:
            return None
        if "," not in caption[tokens[mentions[0].end - 1].end :]:
            return None
        journalist = any(t.text.lower() in JOURNALISTS for t in tokens[mentions[0].end :])
        return mentions[0].person, m.group("said"), journalist

    def transcript_speaker(self, text: str) -> tuple[Person, str] | None:
        """`FOREIGN MINISTER TILEUBERDI:  Secretary Blinken, …`: a transcript's label in capitals, ending with the
        surname of someone the text names, and what he said."""
        initials = INITIALS_LABEL_RE.match(text.strip())
        if initials:
            label = initials.group("label")
            mentions = self.roster.mentions(tokenize(label), label)
            return (mentions[0].person, initials.group("said")) if len(mentions) == 1 else None
        named = NAME_LABEL_RE.match(text.strip())
        if named:  # `President Kassym-Jomart Tokayev: We are glad …`: a label that ends with the speaker's name
            label = named.group("label")
            tokens = tokenize(label)
            mentions = self.roster.mentions(tokens, label)
            if len(mentions) == 1 and mentions[0].end == len(tokens):
                return mentions[0].person, named.group("said")
        m = TRANSCRIPT_LABEL_RE.match(text.strip())
        if not m:
            return None
        *post, surname = m.group("label").split()
        person = self.roster.by_surname(surname.capitalize()) if len(surname) > 2 else None
        if person is None and len(surname) > 2 and post and lemma(post[-1]) in role_heads():
            # `ПРЕЗИДЕНТ ТРАМП:` of someone the text names only in an oblique case (`Президента США Трампа`)
            person = self.roster.add(surname.title(), " ".join(post).capitalize(), None, nominative=True)
        return (person, m.group("said")) if person else None

    def names_its_speaker(self, text: str) -> bool:
        """The text opens with a person named in the nominative and a verb of saying (`А.Муттаки поблагодарил`)."""
        first = sentences_of(text[:MAX_ATTRIBUTION_CHARS])[:1]
        if not first:
            return False
        tokens = tokenize(first[0])
        mentions = self.roster.mentions(tokens, first[0])
        return any(m.nominative and m.start <= 1 and speaks(tokens, m.end, first[0]) for m in mentions)

    def caption_speaker(self, paragraph: str, colon: bool = True) -> Person | None:
        """`Касым-Жомарт Токаев, Президент Республики Казахстан:` over a quote: the person it names first; with no
        colon, a line of only the name, a comma and the post (no sentence: no full stop, no verb)."""
        text = paragraph.strip()
        if len(text) > 200 or not (text.endswith(":") if colon else CAPTION_LINE_RE.fullmatch(text)):
            return None
        tokens = tokenize(text)
        mentions = self.roster.mentions(tokens, text)
        if any(t.text.lower() in JOURNALISTS for t in tokens):
            return None  # `Айжан Сыдыкова, корреспондент:` introduces a report, not a quote
        if not colon and (any(verb_reading(t.text) for t in tokens) or not mentions or (
            text[tokens[mentions[0].end - 1].end :][:1] != ","
        )):
            return None
        if mentions and mentions[0].start == 0 and mentions[0].nominative:
            return mentions[0].person
        return None

    def _quote_with_attribution(
        self, quote: str, attr: str, words: int | None = None, last_verb_first: bool = False
    ) -> Found | None:
        if (words if words is not None else len(quote.split())) < MIN_QUOTE_WORDS:
            return None
        tokens = tokenize(attr)
        mentions = self.roster.mentions(tokens, attr)
        self.note_seen(mentions)
        verbs = [(v, tok, r) for v, tok in enumerate(tokens) if (r := verb_reading(tok.text)) and r[1] != "plur"]
        # `thanked him, adding:`: the participle's words are still the subject's of the verb before
        if last_verb_first and verbs and not participle_of_saying(verbs[-1][1].text):
            verbs = verbs[-1:] + verbs[:-1]
        for v, tok, reading in verbs[:MAX_VERBS_TRIED]:
            speaker = self.speaker_for(tokens, v, mentions, reading[2], attr)
            if speaker:
                self.spoke(speaker, reading[2])
                return Found(speaker, tok.text, quote, direct_quote=True)
        return None

    def sentence(self, sentence: str, previous_speaker: Person | None) -> Found | None:
        tokens = tokenize(sentence)
        mentions = self.roster.mentions(tokens, sentence)
        self.note_seen(mentions)
        self.reporters.update(id(m.person) for m in mentions if _after_a_journalist_word(tokens, m.start))
        if self.interview_guest is None and INTERVIEW_RE.search(sentence):
            self.interview_guest = next((m.person for m in mentions if m.nominative), None)
        found = self._sentence(sentence, tokens, mentions, previous_speaker)
        self.note_mentions(mentions)
        return found

    def _sentence(
        self, sentence: str, tokens: list[Token], mentions: list[Mention], previous_speaker: Person | None
    ) -> Found | None:
        _, needs, *_ = lexicon()
        leading = ATTRIBUTION_RE.match(sentence.lstrip())
        if leading:  # `По его словам, глава государства остановился на …`: the words are his, whoever acts in them
            speaker = self.attribution(sentence, mentions, tokens)
            if speaker:
                self.spoke(speaker, None)
                return Found(speaker, "по словам", strip_attribution(sentence))
        tried = 0
        for v in _verbs_before_a_colon_first(sentence, tokens):
            tok = tokens[v]
            reading = verb_reading(tok.text)
            if reading and tok.is_capitalized and mention_at(mentions, v) is not None:
                continue  # `Asaad bin Tariq Al Said`: a word of a name
            passive = _english_passive(tokens, v) and not refers_back(sentence)  # `It was said by X`
            if not reading or passive or _english_noun_use(tokens, v):
                continue  # `The idea was supported by …`: the subject did not say it
            lemma, number, gender = reading
            if lemma in needs and not _followed_by(tokens, v, needs[lemma], sentence) and not said_before(
                sentence, tokens, v
            ):  # `…, считает Нуртлеу.`: the attribution that closes a sentence needs no object
                continue
            joint = joint_subject(tokens, v, mentions, sentence)
            if joint:  # `Токаев и Мирзиёев отметили …`, `Tokayev and Mirziyoyev noted …`: a statement of each
                for person in joint:
                    self.spoke(person, None)
                text = statement_text(sentence, tokens, v)
                return Found(joint[0], tok.text, text, also=joint[1:])
            if number == "plur":
                continue  # `Стороны отметили`: no one person
            tried += 1
            if tried > MAX_VERBS_TRIED:
                break
            back = refers_back(sentence[: tokens[min(v + 1, len(tokens) - 1)].end])  # up to `said by`
            speaker = self.speaker_for(tokens, v, mentions, gender, sentence, right_first=back)
            if speaker is None and previous_speaker and _subject_is_elided(tokens, v, sentence):
                speaker = previous_speaker
            if speaker:
                self.spoke(speaker, gender)
                if back:
                    head = reported_head(sentence)  # `Новым консулом стал X, об этом сообщил посол Y`
                    return Found(speaker, tok.text, head or "", refers_back=head is None)
                named_before = _named_before_apposition(tokens, v, mentions, sentence) is speaker
                # `Sophia Gatovskaya, a parishioner …, said she attended …`: before the comma is who, not what
                before = None if named_before else said_before(sentence, tokens, v)
                text = before or statement_text(sentence, tokens, v)
                first_person = v > 0 and tokens[v - 1].text.lower() in FIRST_PERSON_SUBJECTS
                return Found(speaker, tok.text, text, first_person=first_person)
        speaker = self.attribution(sentence, mentions, tokens)
        if speaker:
            self.spoke(speaker, None)
            return Found(speaker, "по словам", strip_attribution(sentence))
        if previous_speaker is not None:  # `При этом, отметив, что наша страна …`: he goes on, in a gerund
            for v, tok in enumerate(tokens[:GERUND_WITHIN]):
                if gerund_of_saying(tok.text) and re.match(r"\s*,\s*что\s", sentence[tok.end :]):
                    return Found(previous_speaker, tok.text, statement_text(sentence, tokens, v))
        return self.participle_clause(sentence, tokens, mentions)

    def participle_clause(self, sentence: str, tokens: list[Token], mentions: list[Mention]) -> Found | None:
        """`Глава государства обсудил …, заявив о твердой поддержке …`, `Erdogan expressed satisfaction …,
        emphasizing the importance of …`: a clause of saying after a comma, whose subject is the sentence's."""
        for g, tok in enumerate(tokens[:MAX_PARTICIPLE_AT]):
            if g == 0 or "," not in sentence[tokens[g - 1].end : tok.start] or not participle_of_saying(tok.text):
                continue
            # the subject of the sentence, not the nearest name (`Sharif discussed … with … Nurtleu, emphasizing …`)
            speaker = self.first_subject(tokens, g, mentions) or self.left_subject(tokens, g, mentions)
            if speaker is not None:
                self.spoke(speaker, None)
                return Found(speaker, tok.text, strip_tail_attribution(sentence.strip()))
        return None

    def spoke(self, person: Person, gender: str | None) -> None:
        if gender in {"masc", "femn"} and not person.gender:
            person.gender = gender
        self.speakers.append(person)


def _quotation_between(text: str, start: int, end: int) -> tuple[int, re.Match[str] | None] | None:
    """(where the words after an opening quotation mark between two words start, the closing mark near them)."""
    mark = next((k for k, ch in enumerate(text[start:end]) if ch in OPEN_QUOTES), None)
    if mark is None:
        return None
    inside = start + mark + 1
    return inside, CLOSE_QUOTE_RE.search(text, inside, inside + MAX_QUOTED_NAME_CHARS)


def _closes_what_came_before(text: str, start: int, end: int) -> bool:
    """A verb after a comma or a dash (`…, – сказал он`), or after a closing quotation mark that ends words said
    (`“…,” said Azevêdo`), not a name (`at the “Astana Forum” said`): its subject follows it."""
    gap = CLOSING_GAP_RE.search(text, start, end)
    if gap is None:
        return False
    if re.search(r"[,–—-]", text[start:end]):
        return True
    since = max(0, start - MAX_QUOTE_LOOKBACK_CHARS)  # bounded: a verb is tried many times in one long sentence
    opening = max(text.rfind(mark, since, start) for mark in OPEN_QUOTES if mark != '"')
    return opening >= 0 and len(text[opening:start].split()) > MAX_QUOTED_NAME_WORDS


def _opens_quotation(text: str, start: int, end: int) -> bool:
    """An opening quotation mark between two words that opens words said, not a name (`МИА «Казинформ»`)."""
    quotation = _quotation_between(text, start, end)
    if quotation is None:
        return False
    inside, close = quotation
    return close is None or len(text[inside : close.start()].split()) > MAX_QUOTED_NAME_WORDS


def _bare_english(token: Token) -> bool:
    """An English verb in its bare form (`outline`, `thank`), which no attribution (`said`, `notes`) uses."""
    low = token.text.lower()
    return low.isascii() and low not in ENGLISH_IRREGULAR and not low.endswith(("ed", "s"))


def _quoted_name_end(text: str, start: int, end: int) -> int | None:
    """Where the name in quotation marks that opens between two words ends (`МИА «Казинформ»`), or None."""
    quotation = _quotation_between(text, start, end)
    return quotation[1].start() if quotation and quotation[1] else None


APPOSITION_WORDS = 14  # `Sadyr Japarov, Kyrgyz leader, called for …`, `X, a parishioner at … in the capital, said`


def _named_before_apposition(tokens: list[Token], v: int, mentions: list[Mention], text: str) -> Person | None:
    """`Vladimir Putin, President of Russia, stressed …`: a name in the nominative, then a post between commas
    (no verb, no quote in it), then the verb: the name is its subject."""
    for w in range(v - 1, max(0, v - 1 - APPOSITION_WORDS), -1):
        gap = text[tokens[w - 1].end : tokens[w].start]
        if verb_reading(tokens[w].text) or re.search(r"[.;:!?«»\"“”]", gap):
            return None
        if "," in gap:
            m = next((m for m in mentions if m.end == w), None)
            post = tokens[w:v]
            if m is None or not m.nominative or not _only_a_post(post):
                return None
            return m.person
    return None


def _only_a_post(words: list[Token]) -> bool:
    """`President of Russia`, `Kyrgyz leader`, `Президент Казахстана`: a post and its owner, no verb in it."""
    heads = role_heads()
    for t in words:
        low = t.text.lower()
        if low.endswith(("ed", "ing")) or (not low.isascii() and is_verb(t.text)):
            return False
    if words and words[0].text.lower() in {"a", "an"} and all(t.text.isascii() for t in words):
        return True  # `Sophia Gatovskaya, a parishioner at the Cathedral in the capital, said`: who she is
    return any(t.lemma in heads or t.text.lower() in heads for t in words)


def _relative_clause_start(tokens: list[Token], v: int, text: str) -> int:
    """`Zarif, who met with his counterpart, Mukhtar Tileuberdi, …, told reporters`: the verb's subject stands
    before the relative clause that a comma closes; the search starts at its `who` (which stands for it)."""
    for w in range(v - 1, max(-1, v - 1 - LEFT_WINDOW), -1):
        if tokens[w].text.lower() in RELATIVE_PRONOUNS and w > 0 and "," in text[tokens[w - 1].end : tokens[w].start]:
            return w
        if verb_reading(tokens[w].text) or re.search(r"[.;:!?]", text[tokens[w].end : tokens[w + 1].start]):
            break  # another clause of saying, or another sentence's end: no relative clause of this verb
    return v - 1


@lru_cache(maxsize=50_000)
def _subject_reading(word: str) -> tuple[bool, bool]:
    """(the word may be a singular noun in the nominative, it may also be a genitive)."""
    readings = parses(word)
    if not any(p.tag.case == "nomn" and p.tag.number != "plur" for p in readings):
        return False, False
    if readings[0].tag.case != "nomn" and not word.isupper() and readings[0].score > 0.5:
        return False, False
    return True, any(p.tag.case == "gent" for p in readings)


def _english_object_word(word: str) -> bool:
    """A lower-case English word after a verb: the subject, if any, stands right after it (`said the Minister`,
    `said he`); past such a word come the verb's object and the rest of the sentence."""
    if not (word.isascii() and word.islower()) or word in {"the", "a", "an", "by"} or word in PRONOUNS:
        return False
    return word not in lexicon()[3] and word not in role_heads()  # `said the head of …`


def speaks(tokens: list[Token], v: int, text: str) -> bool:
    """The word at v is a verb of saying with what it needs (`выступил за`, not `выступил на сессии`)."""
    reading = verb_reading(tokens[v].text) if v < len(tokens) else None
    if reading is None:
        return False
    needs = lexicon()[1]
    return reading[0] not in needs or _followed_by(tokens, v, needs[reading[0]], text)


def mention_at(mentions: list[Mention], i: int) -> Mention | None:
    """The mention covering token i; `mentions` are in reading order and do not overlap."""
    k = bisect_right(mentions, i, key=lambda m: m.start) - 1
    return mentions[k] if k >= 0 and i < mentions[k].end else None


def _is_subject_noun(tokens: list[Token], i: int) -> bool:
    """A noun in the nominative that heads its phrase (`Глава ведомства`: `Глава`, not `ведомства`)."""
    word = tokens[i].text
    if word.isascii():
        return True
    may_be_subject, may_be_genitive = _subject_reading(word)
    if not may_be_subject:
        return False
    # `Глава ведомства`, `Глава казахстанского МИД`: a genitive after a noun depends on it
    if may_be_genitive:
        j = i - 1
        while j >= 0 and i - j <= 3 and tokens[j].end + 1 == tokens[j + 1].start:
            pos = parses(tokens[j].text)[0].tag.POS
            if pos == "NOUN":
                return False
            if pos not in {"ADJF", "PRTF"}:
                break
            j -= 1
    return True


HEAD_OF_STATE = {"государство", "state"}
ENGLISH_PASSIVE = {"was", "were", "is", "are", "been", "be", "being"}


JOINT_GAP = 12  # words between the two names of a joint subject, and between it and the verb
AND_WORDS = {"и", "and"}
JOINT_RELATIVES = {"которые", "who"}


def joint_subject(tokens: list[Token], v: int, mentions: list[Mention], text: str) -> list[Person]:
    """`Касым-Жомарт Токаев и Шавкат Мирзиёев отметили`, `the President of Turkmenistan Serdar Berdimuhamedov and
    Ambassador Nurlan Nogaev noted`: two people named in the nominative, joined by `и`/`and`, right before the
    verb in the same clause (no comma, no other verb between)."""
    k = bisect_right(mentions, v - 1, key=lambda m: m.start) - 1
    if k < 1:
        return []
    start = mentions[k].end
    if start < v and tokens[start].text.lower() in JOINT_RELATIVES:  # `X и Y, которые … выразили`
        start += 1
    if not _plain_gap(tokens, start, v, text):
        return []
    second, first = mentions[k], mentions[k - 1]
    if not (first.nominative and second.nominative) or first.person is second.person:
        return []
    gap = tokens[first.end : second.start]
    if not any(t.text.lower() in AND_WORDS for t in gap) or not _plain_gap(tokens, first.end, second.start, text):
        return []
    return [first.person, second.person]


def _plain_gap(tokens: list[Token], start: int, end: int, text: str) -> bool:
    """Words from start to end (a token range) that stay in one clause: few, no punctuation, no verb."""
    if start < 1 or end - start > JOINT_GAP or end >= len(tokens):
        return False
    if re.search(r"[,;:.!?()«»\"“”]", text[tokens[start - 1].end : tokens[end].start]):
        return False
    return not any(parses(t.text)[0].tag.POS == "VERB" for t in tokens[start:end])


def _english_passive(tokens: list[Token], v: int) -> bool:
    """`was supported by`, `were stated`: a past participle after a form of `be`."""
    word = tokens[v].text.lower()
    participle = word.endswith("ed") or word in ENGLISH_IRREGULAR
    return participle and v > 0 and tokens[v - 1].text.lower() in ENGLISH_PASSIVE


def _english_of_phrase(tokens: list[Token], i: int) -> bool:
    """`the head of the Kazakh Foreign Ministry`, `the Communist Party of China`: an English noun inside an
    `of` phrase, which depends on the noun before it."""
    return tokens[i].text.isascii() and any(t.text == "of" for t in tokens[max(0, i - 4) : i])


def _english_plural_of(word: str, nouns: set[str] | frozenset[str]) -> bool:
    """`leaders`, `sides`, `parties`: the English plural of one of `nouns`."""
    if not (word.isascii() and word.endswith("s")):
        return False
    return word[:-1] in nouns or (word.endswith("ies") and word[:-3] + "y" in nouns)


HOME_WORDS = {"kazakh", "kazakhstan", "kazakhstan's", "kazakhstan’s", "казахстанский", "казахстанская", "казахстан"}


def _of_kazakhstan(tokens: list[Token], i: int, next_word: str | None) -> bool:
    """`the Kazakh President`, `Kazakhstan’s Foreign Minister`, `казахстанский министр`, `Президент Казахстана`."""
    before = {t.lemma for t in tokens[max(0, i - 3) : i]} | {t.text.lower() for t in tokens[max(0, i - 3) : i]}
    return bool(before & HOME_WORDS) or next_word in HOME_WORDS or _owned_by_kazakhstan(tokens, i)


def _owned_by_kazakhstan(tokens: list[Token], i: int) -> bool:
    """`глава МИД РК`, `министр иностранных дел Республики Казахстан`: the country of the words in the genitive
    after a Russian post is ours (not `посол Турции в Казахстане`, another country's post)."""
    if not re.fullmatch(r"[а-яё-]+", tokens[i].text.lower()):
        return False
    for tok in tokens[i + 1 : i + 6]:
        low = tok.text.lower()
        if low in HOME_WORDS or tok.lemma in HOME_WORDS or low == "рк":
            return True
        if not (tok.text.isupper() or "gent" in case_of(tok.text)) or (
            tok.is_capitalized and not tok.text.isupper() and tok.lemma != "республика"
        ):
            return False
    return False


FOREIGN_ADJECTIVE_RE = re.compile(
    r"^(?:[A-Z][a-z]+(?:i|an|ese|ish)|Uzbek|Kyrgyz|Tajik|Turkmen|[А-ЯЁа-яё][а-яё]+(?:ский|цкий|ской|цкой|ского|цкого))$"
)


def _foreign(tokens: list[Token], i: int) -> bool:
    """`the Azerbaijani leader`, `российский министр`, `the Iranian caretaker foreign minister`: a role of another
    country."""
    # `the Iranian caretaker foreign minister`: a third word back, across lower-case words of the same phrase
    lower = all(t.text.islower() and t.text.isascii() and t.text not in {"the", "a"} for t in tokens[i - 2 : i])
    reach = 3 if i >= 3 and lower else 2
    for tok in reversed(tokens[max(0, i - reach) : i]):  # the nearest word first: `заявил казахстанский дипломат`
        if tok.text.lower() in HOME_WORDS or tok.lemma in HOME_WORDS or tok.lemma.startswith(("казах", "kazakh")):
            return False
        if FOREIGN_ADJECTIVE_RE.match(tok.text) or (tok.is_capitalized and post_side(tok.text) == "foreign"):
            return True  # `the Azerbaijani leader`, `the UAE President`
    return False


@lru_cache(maxsize=5_000)
def post_side(role: str | None) -> str | None:
    """Whose post it is, by the first country it names: "foreign" (`Президент Азербайджана`, `Chinese Chairman`,
    `министр иностранных дел России`), "home" (`Ambassador of Kazakhstan to Turkmenistan`), or None."""
    from bot.news.location import load_gazetteer

    gazetteer = load_gazetteer()
    words = re.findall(r"[^\W\d_][\w’'-]*", role or "")
    for n, word in enumerate(words):
        if n > 0 and words[n - 1].lower() == "to":
            continue  # `ambassador to India`: the country he is posted to, not his own
        if word.lower().startswith(("казах", "kazakh")):
            return "home"
        if FOREIGN_ADJECTIVE_RE.match(word):
            return "foreign"
        place = gazetteer.name_of(word)
        if place in gazetteer.countries:
            return "home" if place in gazetteer.home else "foreign"
    return None


def _possessive(tokens: list[Token], i: int) -> bool:
    """`Trump’s`: the word is followed by an apostrophe and `s` (the tokens leave one character between)."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is not None and nxt.text == "s" and nxt.start == tokens[i].end + 1


@lru_cache(maxsize=20_000)
def is_organisation(word: str) -> bool:
    from bot.news.orgs import load_catalog

    return bool(load_catalog().find(tokenize(word)))


def is_place(word: str) -> bool:
    from bot.news.location import load_gazetteer

    return load_gazetteer().name_of(word) is not None


def outlet_or_place(word: str) -> bool:
    from bot.news.location import load_gazetteer
    from bot.news.outlets import load_outlets

    return load_gazetteer().name_of(word) is not None or load_outlets().name_of(word) is not None


def _holders(people: list[Person], posts: set[str], qualifiers: frozenset[str]) -> list[Person]:
    """Those whose post is one of `posts`; when the reference adds words to the post (`the vice chairman of the State
    Council`, `the council chairman`), those whose post has them and no deputy's word the reference lacks."""
    matching = [p for p in people if p.role_lemmas() & posts]
    if not qualifiers:
        return matching
    narrowed = [p for p in matching if qualifiers <= p.role_lemmas()]
    deputy = frozenset(vocabulary()["deputy_words"]) - qualifiers
    return [p for p in narrowed if not p.role_lemmas() & deputy] or narrowed or matching


def _post_qualifiers(tokens: list[Token], i: int) -> frozenset[str]:
    """The English words that narrow a post referred to: `The vice chairman of the State Council` → {vice, state,
    council}; `the council chairman` → {council}."""
    if not tokens[i].text.isascii():
        return frozenset()
    words = []
    for k in range(i - 1, max(-1, i - 3), -1):
        tok = tokens[k]
        if tokens[k + 1].start - tok.end > 1 or tok.text.lower() in {"the", "a", "an"} or verb_reading(tok.text):
            break  # a comma between: `Noting …’s initiatives, President expressed`
        words.append(tok.text.lower())
    if i + 2 < len(tokens) and tokens[i + 1].text.lower() == "of":
        following = [t for t in tokens[i + 2 : i + 6] if t.text.lower() != "the"]
        words += [t.text.lower() for t in itertools.takewhile(lambda t: t.is_capitalized, following)]
    # a country is whose post it is, which the home and foreign sides settle: only the post's own words narrow it
    return frozenset(w for w in words if w.isalpha() and post_side(w) is None)


def _next_noun(tokens: list[Token], i: int) -> str | None:
    """The noun a role word governs: `глава ведомства` → ведомство, `Head of State` → state."""
    following = [t.text.lower() for t in tokens[i + 1 : i + 3]]
    if following[:1] == ["of"] and len(following) == 2:
        return following[1]
    for tok in tokens[i + 1 : i + 4]:
        lemma = noun_lemma(tok.text) if re.search("[а-яё]", tok.text.lower()) else tok.text.lower()
        if lemma and (tok.text.isupper() or "gent" in case_of(tok.text)):
            return tok.text.lower() if tok.text.isupper() else lemma
    return None


def _followed_by(tokens: list[Token], v: int, words: list[str], text: str) -> bool:
    """The verb's object is near: `обратил внимание`, `внимание уделил`, `выступил за`."""
    after = text[tokens[v].end : tokens[v + 3].end if v + 3 < len(tokens) else len(text)].lower()
    # a noun object may stand before the verb too: `Особое внимание … уделил`, `Такое заявление сделал`
    before = " ".join(t.text.lower() for t in tokens[max(0, v - 6) : v] if len(t.text) > 3)
    # `described the relationship between the two countries as “time-tested”`: `as` comes after the object
    far = text[tokens[v].end : tokens[min(v + FAR_NEED_WINDOW, len(tokens) - 1)].end].lower()
    if any(w in FAR_NEEDS and re.search(rf"\b{w}\b", far) for w in words):
        return True
    window = f"{before} {after}"
    return any(
        (w == "," and window.lstrip().startswith(",")) or re.search(rf"\b{re.escape(w)}\b", window) for w in words
    )


def _subject_is_elided(tokens: list[Token], v: int, text: str) -> bool:
    """`В этой связи, обозначил …`: no noun in the nominative before the verb."""
    if v >= 6:
        return False
    for tok in tokens[:v]:
        p = parses(tok.text)[0]
        if p.tag.POS in {"NOUN", "NPRO"} and p.tag.case == "nomn":
            return False
    return v < 6


def said_before(sentence: str, tokens: list[Token], v: int) -> str | None:
    """`Мы за диалог, сказал Мухтар Тлеуберди.`: the words before an attribution that ends the sentence."""
    before = sentence[: tokens[v].start]
    if len(tokens) - v > MAX_TAIL_WORDS or v < MIN_QUOTE_WORDS or not re.search(r"[,–—-]\s*$", before):
        return None
    return re.sub(r"[\s,–—-]+$", "", before).strip() or None


def statement_text(sentence: str, tokens: list[Token], v: int) -> str:
    """The said part as written: after `…, что` when the sentence is `X подчеркнул, что …`, else the whole
    sentence (without a trailing outlet credit)."""
    rest = sentence[tokens[v].end :]
    m = re.match(r"^(?:\s+[\w-]+){0,2}(?:\s*,\s*что|\s+that)\s+", rest)
    # `said she attended that first visit`: a clause of its own, whose `that` is no conjunction
    own_clause = m is not None and bool(set(m.group().lower().split()) & {"he", "she", "they", "we", "i", "it"})
    if m and not own_clause and rest[m.end() :].strip():
        return rest[m.end() :].strip()
    return strip_tail_attribution(sentence.strip())


def continues_quote(sentence: str) -> bool:
    """`– «Диалог важен».`, `– Диалог важен».`: the second half of a quote split by its attribution."""
    return SECOND_HALF_RE.match(sentence) is not None


def quote_words(m: re.Match[str]) -> int:
    """How many words the two halves of a quote split by its attribution have together."""
    return len(m.group("q1").split()) + len(m.group("q2").split())


def strip_tail_attribution(sentence: str) -> str:
    """Cut `, сообщила пресс-служба МИД РК.` and the like off the end (what remains is as written)."""
    return re.sub(r",\s*(?:сообщил\w*|сообщает|переда[её]т|передают|пишет)\s+[^,]{0,60}\.$", "", sentence)


def strip_attribution(sentence: str) -> str:
    """`По его словам, регион …` → `регион …`; an attribution inside the sentence keeps the whole sentence."""
    m = ATTRIBUTION_RE.search(sentence)
    if m and not sentence[: m.start()].strip():
        said = sentence[m.end() :].strip(" ,")
        return said or sentence
    return sentence


# --- reading a whole article --------------------------------------------------------------------

MAX_HEADING_ROLE_WORDS = 10  # `Remarks by President of the European Council Charles Michel`: the post comes first
# words of a heading that tell of the event, after which a name is not the speaker's: `… after his meeting with X`
HEADING_EVENT_WORDS = {"after", "with", "at", "on", "during", "following", "to", "с", "со", "после", "на", "в", "во",
                       "перед", "при", "к"}
SPEECH_HEADING_RE = re.compile(
    r"^(?:(?:(?:Press|Joint|Opening|Closing|Keynote)\s+)?(?:[Ss]peech|[Rr]emarks|[Ss]tatements?|[Aa]ddress)\s+(?:by|of)"
    r"|Выступление|Речь|Обращение|Заявление)\s+(?:(?:M|Mr|Mrs|Ms)\.\s+)?(?P<who>[^.!?:]{3,160})$"
)
TRANSCRIPT_LABEL_RE = re.compile(r"^(?P<label>[A-ZА-ЯЁ][A-ZА-ЯЁ.’' -]{2,60}):\s+(?P<said>\S.{10,})$", re.S)
# `President Kassym-Jomart Tokayev: We are glad …`: a transcript's label of capitalised words ending with a name
NAME_LABEL_RE = re.compile(
    r"^(?P<label>[A-ZА-ЯЁ][\w’'.-]*(?:\s+(?:(?:of|the)\s+){0,2}[A-ZА-ЯЁ][\w’'.-]*){1,7}):\s+(?P<said>\S.{10,})$", re.S
)
# `В.Путин: Уважаемый Нурсултан Абишевич!`: a transcript's label of initials and a surname (kremlin.ru)
INITIALS_LABEL_RE = re.compile(
    r"^(?P<label>(?:[A-ZА-ЯЁ]\.\s?){1,2}[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?):\s+(?P<said>\S.{10,})$", re.S
)
# `Foreign Minister Sergey Lavrov’s statement at a joint news conference … (Moscow, January 20, 2017).`: the heading
# of his words below (a full stop only after its bracket: `Tokayev’s speech opened with …` is a sentence)
POSSESSIVE_HEADING_RE = re.compile(
    r"^(?P<who>[^.!?:]{3,120}?)['’]s\s+(?:opening\s+)?(?:statement|speech|remarks|address)\b[^.!?]{0,200}"
    r"(?:(?<=\))\.)?$"
)
# `Below is the text of the speech made by Sir Alan Duncan, …`, `A transcript of Minister Shanmugam's remarks is
# appended`: a sentence that announces the speech below
SPEECH_INTRO_RE = re.compile(
    r"\b(?:text|transcript)\s+of\s+(?:the\s+|his\s+|her\s+)?(?:speech|remarks|address|statement)\s+"
    r"(?:made\s+|delivered\s+|given\s+)?by\s+(?:Sir\s+|Dame\s+|Lord\s+)?(?P<who>[^.!?]{3,120})"
    r"|\b(?:text|transcript)\s+of\s+(?P<owner>[^.!?]{3,80}?)['’]s\s+(?:speech|remarks|address|statement)\b",
    re.I,
)
QUESTION_RE = re.compile(r"^[-–—]\s+.*\?\s*$", re.S)
INLINE_CAPTION_RE = re.compile(r"^(?P<cap>[^:«»\"“”.!?]{5,160}):\s*+(?:[-–—]\s*+)?(?P<said>\S.{10,})$", re.S)
JOURNALISTS = {"корреспондент", "корреспондента", "ведущий", "ведущая", "журналист", "журналистка", "correspondent",
               "reporter", "journalist", "anchor", "presenter"}
FIRST_PERSON = {"я", "мы", "мой", "моя", "моем", "моём", "мне", "меня", "мной", "мною", "мою", "мое", "моё", "мои",
                "моей", "моего", "моему", "моим", "моих", "моими", "нам", "нас", "нами", "наш", "наша", "наше", "наши",
                "нашу", "нашей", "нашего", "нашему", "нашем", "наших", "нашим", "нашими", "i", "we", "my", "our", "us"}
JOURNALIST_REACH = 4  # words between `корреспондент` and the name: `«МИР 24»`, `агентства Kazinform`
NAME_LINE_MAX_WORDS = 4  # `– Касым-Жомарт Токаев` under a quote
# `Асаин Байханов, Аким Павлодарской области`: a name, a comma and a post, and no sentence's end
CAPTION_LINE_RE = re.compile(r"[A-ZА-ЯЁ][^,.!?:;«»\"“”]{3,60}, [^.!?:;«»\"“”]{3,120}")


def speaks_in_first_person(paragraph: str) -> bool:
    return bool({w.lower() for w in re.findall(r"[^\W\d_]+", paragraph[:300])} & FIRST_PERSON)
# a quoted phrase of two words or more, not at the sentence's start: `Sanctions have become “a new norm”`
QUOTED_PHRASE_RE = re.compile(r"\S\s*[«“\"][^«»“”\"\s]+\s[^«»“”\"]{1,120}[»”\"]")


SECOND_PERSON_RE = re.compile(r"\b(?:вы|вас|вам|вами|ваш\w*|you|your)\b", re.I)


INTERVIEW_RE = re.compile(r"\b(?:interview|интервью)\b", re.I)


MAX_OPENING_POST_WORDS = 4  # `Prime Minister Shehbaz Sharif …`: a sentence that opens with a name and its post
SALUTATION_PARAGRAPHS = 8  # a speech's address to its audience stands at its top
MAX_SALUTATION_CHARS = 80


def is_salutation(paragraph: str) -> bool:
    """A line that addresses an audience: `Your Excellencies!`, `"Dear Director General Amano,`, `Уважаемые
    коллеги!`."""
    text = paragraph.strip().lstrip(OPEN_QUOTES).strip().lower()
    if len(text) > MAX_SALUTATION_CHARS or not text.endswith((",", "!", ":")):
        return False
    return text.startswith(tuple(vocabulary()["salutations"])) and not any(
        word in text for word in vocabulary()["salutations_not"]
    )


def is_question(paragraph: str) -> bool:
    """An interviewer's question: `– …?`, or a paragraph that asks its guest (`Как, по Вашему мнению, …?`)."""
    text = paragraph.strip()
    return QUESTION_RE.match(text) is not None or (
        text.endswith("?")
        and len(text.split()) >= MIN_QUESTION_WORDS
        and len(text) < MAX_QUESTION_CHARS
        and SECOND_PERSON_RE.search(text) is not None
    )


def quoted_paragraph(paragraph: str) -> str:
    """A paragraph of direct speech without its opening dialogue dash."""
    return DIALOGUE_DASH_RE.sub("", paragraph.strip())


def opens_quote(text: str) -> bool:
    return text.lstrip()[:1] in OPEN_QUOTES


def quote_balance(text: str) -> tuple[int, int, int]:
    """Quotations the text opens and does not close, per kind of mark: «», “”, and straight quotes."""
    return text.count("«") - text.count("»"), text.count("“") - text.count("”"), text.count('"') % 2


def unclosed(balance: tuple[int, int, int]) -> bool:
    return balance[0] > 0 or balance[1] > 0 or balance[2] == 1


def unclosed_quote(text: str) -> bool:
    """The text opens a quotation it does not close (`"Мы считаем…` continued in the next sentence)."""
    return unclosed(quote_balance(text))


@dataclass
class StatementReader:
    """Walks an article's paragraphs and sentences, keeping what spans them: a speaker announced by a colon or
    a caption, a quotation running over several sentences or paragraphs, an interview's questions and answers."""

    resolver: Resolver
    found: list[Found]
    sentences: list[str]
    pending: Found | None = None  # `Министр отметил:` or a caption line: the next paragraph is the quote
    last: Found | None = None  # the statement of the previous paragraph, which a bare quote may continue
    last_sentence: str = ""
    interviewee: Person | None = None  # set once an interview's first question is read
    found_since_question: bool = False
    last_paragraph_spoke: bool = False  # the paragraph before gave a statement
    speech_by: Person | None = None  # set by a heading `Speech by X`: the paragraphs below are his
    speech_to_follow: Person | None = None  # set by `Below is the text of the speech made by X`, for what follows
    paragraphs_read: int = 0
    previous_paragraph: str = ""
    previous_found_at: int = 0  # where the statements of the paragraph before begin in `found`

    def paragraph(self, paragraph: str, following: str | None) -> None:
        found_before = len(self.found)
        self._paragraph(paragraph, following)
        self.paragraphs_read += 1
        self.previous_paragraph = paragraph
        self.previous_found_at = found_before

    def speech_heading(self, paragraph: str) -> Person | None:
        """`Speech by President Ilham Aliyev`, `Выступление Президента Касым-Жомарта Токаева`: a heading over a
        speech, naming someone the text names."""
        m = SPEECH_HEADING_RE.match(paragraph.strip())
        if m:  # `Remarks by President Charles Michel after his meeting with President … Tokayev`: the first name
            who = m.group("who")
            tokens = tokenize(who)
            mentions = self.resolver.roster.mentions(tokens, who)
            if not mentions or mentions[0].start > MAX_HEADING_ROLE_WORDS:
                return None
            # `Выступление Заместителя Премьер-Министра - Министра иностранных дел РК Мурата Нуртлеу на …`: a long
            # post, but no `after his meeting with` before the name
            before = {t.text.lower() for t in tokens[: mentions[0].start]}
            return None if before & HEADING_EVENT_WORDS else mentions[0].person
        m = POSSESSIVE_HEADING_RE.match(paragraph.strip())
        if m:  # the one whose statement it is stands right before the `’s`
            who = m.group("who")
            tokens = tokenize(who)
            mentions = self.resolver.roster.mentions(tokens, who)
            return mentions[-1].person if mentions and mentions[-1].end == len(tokens) else None
        return None

    def speech_intro(self, paragraph: str) -> Person | None:
        """`Below is the text of the speech made by Sir Alan Duncan, …`, `A transcript of Minister Shanmugam's remarks
        is appended`: the speaker of the paragraphs after this one."""
        m = SPEECH_INTRO_RE.search(paragraph)
        if not m:
            return None
        who = m.group("who") or m.group("owner")
        tokens = tokenize(who)
        mentions = self.resolver.roster.mentions(tokens, who)
        return mentions[0].person if mentions and mentions[0].start <= MAX_HEADING_ROLE_WORDS else None

    def closing_attribution(self, paragraph: str) -> Found | None:
        """`– сказал Токаев в интервью.` on a line of its own: who said the paragraph above it."""
        text = paragraph.strip()
        if not self.previous_paragraph or not DIALOGUE_DASH_RE.match(text):
            return None
        attr = quoted_paragraph(text)
        if len(attr.split()) > MAX_TAIL_WORDS + 2 or not attr[:1].islower():
            return None
        tokens = tokenize(attr)
        mentions = self.resolver.roster.mentions(tokens, attr)
        reading = verb_reading(tokens[0].text) if tokens else None
        if reading is None or reading[1] == "plur":
            return None
        speaker = self.resolver.speaker_for(tokens, 0, mentions, reading[2], attr)
        if speaker is None:
            return None
        self.resolver.spoke(speaker, reading[2])
        return Found(speaker, tokens[0].text, self.previous_paragraph.strip(), direct_quote=True)

    def _paragraph(self, paragraph: str, following: str | None) -> None:
        if self.speech_to_follow is not None:  # the paragraph after `Below is the text of the speech made by X`
            self.speech_by, self.speech_to_follow = self.speech_to_follow, None
        self.speech_to_follow = self.speech_intro(paragraph)
        heading = self.speech_heading(paragraph)
        if heading is not None:  # `Speech by President Ilham Aliyev`: the paragraphs below are his words
            self.speech_by = heading
            return
        if is_salutation(paragraph) and self.paragraphs_read < SALUTATION_PARAGRAPHS:
            # `Your Excellencies!` near the top: a speech begins, by the one named last (`President … Nazarbayev`,
            # `Erlan Idrissov … delivered a keynote speech`), not by anyone the address names
            self.speech_by = self.speech_by or self.resolver.last_named()
            return
        closing = self.closing_attribution(paragraph)
        if closing is not None:  # the paragraph above was his, whatever its sentences seemed to say
            del self.found[self.previous_found_at :]
            self.emit(closing)
            self.sentences.append(paragraph)
            return
        if self.pending is not None:
            self.emit(Found(self.pending.speaker, self.pending.verb, quoted_paragraph(paragraph), direct_quote=True))
            self.sentences.append(paragraph)
            self.pending = None
            return
        if is_question(paragraph):  # an interviewer's question: the answers that follow are the guest's
            if self.interviewee is None:
                self.interviewee = self.resolver.last_named()
            self.found_since_question = False
            self.sentences.append(paragraph)
            return
        quote = self.resolver.paragraph_quote(paragraph)
        if quote is None and (opens_quote(paragraph) or DIALOGUE_DASH_RE.match(paragraph)):
            quote = self.bare_quote(paragraph, following)
        deferred = None
        if quote is not None and self.last is not None and quote.speaker is self.last.speaker and self.names_its_own(
            paragraph
        ):  # `«…»,— заявил господин Нуртлеу.`: his, unless its sentences give nobody
            deferred, quote = quote, None
        if quote is not None:
            self.emit(quote)
            self.sentences.append(paragraph)
            return
        if self.name_line(paragraph) is not None:
            return
        transcript = self.resolver.transcript_speaker(paragraph)
        if transcript is not None:
            self.emit(Found(transcript[0], "", transcript[1].strip(), direct_quote=True))
            self.sentences.append(paragraph)
            return
        captioned = self.resolver.inline_caption(paragraph)
        if captioned is not None:
            person, said, journalist = captioned
            if journalist:  # a correspondent's voice-over: its sentences may report others' words
                self.read_sentences(said)
            else:
                self.emit(Found(person, "", said.strip(), direct_quote=True))
                self.sentences.append(paragraph)
            return
        guest = self.first_person_speaker(paragraph)
        if guest is not None:  # `I’m the special representative …`: the guest's answer, the speech's words
            self.emit(Found(guest, "", paragraph.strip(), direct_quote=True), keep_interview=True)
            self.sentences.append(paragraph)
            return
        if self.first_person_goes_on(paragraph):
            self.emit(Found(self.last.speaker, "", paragraph.strip(), direct_quote=True))  # type: ignore[union-attr]
            self.sentences.append(paragraph)
            return
        before = len(self.found)
        self.read_sentences(paragraph)
        if len(self.found) == before and deferred is not None:
            self.emit(deferred)
        if len(self.found) == before and self.speech_by is not None and _is_prose(paragraph):
            self.emit(Found(self.speech_by, "", paragraph.strip(), direct_quote=True))
        if len(self.found) == before and self.interviewee is not None and not self.found_since_question:
            # a paragraph that goes on with the answer: `Казахстан – страна, расположенная …`
            self.emit(Found(self.interviewee, "", paragraph.strip(), direct_quote=True), keep_interview=True)
        if self.pending is None and paragraph.rstrip().endswith(":"):
            caption = self.resolver.caption_speaker(paragraph)
            self.pending = Found(caption, "", "") if caption else None
        elif self.pending is None and following is not None and speaks_in_first_person(following):
            # `Асаин Байханов, Аким Павлодарской области` on its own line, as TV sites caption a speaker
            caption = self.resolver.caption_speaker(paragraph, colon=False)
            self.pending = Found(caption, "", "") if caption else None

    @staticmethod
    def names_its_own(paragraph: str) -> bool:
        """The paragraph's first sentence closes its quote and names who said it."""
        first = sentences_of(paragraph[: MAX_ATTRIBUTION_CHARS * 4])[:1]
        return bool(first) and ATTRIBUTED_QUOTE_RE.search(first[0]) is not None

    def quotes_in_passing(self, sentence: str) -> bool:
        """A sentence that quotes a phrase of two words or more inside it and names nobody."""
        if not QUOTED_PHRASE_RE.search(sentence):
            return False
        return not self.resolver.roster.mentions(tokenize(sentence), sentence)

    def first_person_speaker(self, paragraph: str) -> Person | None:
        """After an interviewer's question, a paragraph in the first person is the guest's answer as a whole, whoever
        its sentences tell of (`The President decided to send me …, and he tasked me to convey a message`); under a
        speech's heading, the speaker's (`Thank you, President Tokayev, for your warm welcome`)."""
        speaker = self.interviewee if not self.found_since_question else None
        speaker = speaker or self.speech_by
        if speaker is None:
            return None
        return speaker if speaks_in_first_person(paragraph) else None

    def first_person_goes_on(self, paragraph: str) -> bool:
        """A transcript: right after a paragraph that gave a statement, a paragraph in the first person with no
        attribution of its own (`I congratulate you …`, `Мы последовательно выступаем …`) goes on with it."""
        if self.last is None or not self.last_paragraph_spoke:
            return False
        if not speaks_in_first_person(paragraph):
            return False
        tokens = tokenize(paragraph)
        # a verb of saying in the first person (`I congratulate you`) is the speech itself, not an attribution; nor
        # is an English verb in its bare form (`ministers, who should report … and outline plans`)
        return not any(
            verb_reading(t.text)
            and not (k > 0 and tokens[k - 1].text.lower() in FIRST_PERSON)
            and not _bare_english(t)
            and not _english_noun_use(tokens, k)
            for k, t in enumerate(tokens)
        )

    def emit(self, found: Found, keep_interview: bool = False) -> None:
        self.found.append(found)
        self.last = found
        if not keep_interview and found.speaker is not self.interviewee:
            self.interviewee = None

    def bare_quote(self, paragraph: str, following: str | None) -> Found | None:
        """A paragraph of direct speech with no attribution of its own: an interview's answer, a
        quote signed by the next line (`– Касым-Жомарт Токаев`), or the previous speaker going on."""
        if DIALOGUE_DASH_RE.match(paragraph) and self.resolver.names_its_speaker(quoted_paragraph(paragraph)):
            return None  # `— А.Муттаки поблагодарил …`: a dash that opens a list item, not direct speech
        if following is not None:
            signer = self.name_line(following)
            if signer is not None:
                return Found(signer, "", paragraph.strip(), direct_quote=True)
        if self.interviewee is not None and DIALOGUE_DASH_RE.match(paragraph):
            return Found(self.interviewee, "", quoted_paragraph(paragraph), direct_quote=True)
        if self.speech_by is not None and DIALOGUE_DASH_RE.match(paragraph):
            return Found(self.speech_by, "", quoted_paragraph(paragraph), direct_quote=True)
        if self.last is not None and opens_quote(paragraph):
            return Found(self.last.speaker, self.last.verb, paragraph.strip(), direct_quote=True)
        if self.last is not None and self.last_paragraph_spoke and DIALOGUE_DASH_RE.match(paragraph) and (
            self.name_line(paragraph) is None
        ):
            return Found(self.last.speaker, "", quoted_paragraph(paragraph), direct_quote=True)  # the speech goes on
        if self.last is None and DIALOGUE_DASH_RE.match(paragraph) and self.resolver.roster.people:
            # a speech as the page gives it: `President … Tokayev` above, then `– The essence of the threat …`
            return Found(self.resolver.roster.people[0], "", quoted_paragraph(paragraph), direct_quote=True)
        return None

    def name_line(self, paragraph: str) -> Person | None:
        """`– Касым-Жомарт Токаев`: a line that only names who said the quote above it."""
        text = paragraph.strip()
        if not DIALOGUE_DASH_RE.match(text) or len(text.split()) > NAME_LINE_MAX_WORDS + 1:
            return None
        name = quoted_paragraph(text).rstrip(".")
        tokens = tokenize(name)
        mentions = self.resolver.roster.mentions(tokens, name)
        if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(tokens):
            return mentions[0].person
        return None

    def read_sentences(self, paragraph: str) -> None:
        previous: Person | None = None
        opened: list[str] = []  # sentences of a quotation not closed yet
        balance = (0, 0, 0)  # of the opened sentences, kept as they come (no re-reading)
        plain: list[str] = []  # sentences since the last statement that gave none
        sentences = sentences_of(paragraph)
        k = 0
        while k < len(sentences):
            sentence = sentences[k]
            k += 1
            # `«…», – сказал он. – «…»`: one statement, whether razdel split it in two or not
            joined = k < len(sentences) and continues_quote(sentences[k])
            split = self.resolver.split_quote(sentence + " " + sentences[k] if joined else sentence)
            if split:
                self.emit(split)
                self.sentences.extend(sentences[k - 1 : k + 1] if joined else [sentence])
                previous = split.speaker
                k += 1 if joined else 0
                continue
            self.sentences.append(sentence)
            if opened or (opens_quote(sentence) and unclosed_quote(sentence)):
                opened.append(sentence)
                more = quote_balance(sentence)
                balance = (balance[0] + more[0], balance[1] + more[1], (balance[2] + more[2]) % 2)
                if unclosed(balance) and k < len(sentences):
                    continue
            statement = self.resolver.sentence(sentence, previous)
            if statement and statement.refers_back:  # `… . … . Об этом заявил X`: what the paragraph said so far
                statement.text = " ".join(plain[-MAX_REFERRED_SENTENCES:]) if plain else self.last_sentence
            elif statement and k == len(sentences) and sentence.rstrip().endswith(":"):
                self.pending = statement
                statement = None
            if statement and len(opened) > 1:  # `"Мы считаем … Это важно", - отметил Токаев.`
                # the quotation as written: its first sentences and the last one up to the attribution
                tokens = tokenize(sentence)
                verb = next((k for k, t in enumerate(tokens) if t.text == statement.verb), None)
                last = said_before(sentence, tokens, verb) if verb is not None else None
                statement.text = " ".join([*opened[:-1], last or sentence.strip()])
                statement.direct_quote = True
            elif statement is None and previous is not None and (opened or opens_quote(sentence)):
                # `… заявил он. "Считаю важным …"`: the quote goes on with his words
                statement = Found(previous, "", " ".join(opened) or sentence, direct_quote=True)
            elif statement is None and previous is not None and not plain and self.quotes_in_passing(sentence):
                # `X noted …. Sanctions have become “a new norm” …`: reported speech going on, quoting X's words
                statement = Found(previous, "", sentence.strip())
            elif statement and plain and k == len(sentences) and (
                spoken_in_first_person(plain, sentence, statement) or closes_unopened_quote(plain, sentence, statement)
            ):
                # `I congratulate you … These milestones serve as a reminder, said Tokayev.`: one unquoted speech;
                # `Казахстан занимал … . Поэтому …", - сообщил X.`: a quotation whose opening mark the page lost
                statement.text = " ".join([*plain, statement.text])
                statement.direct_quote = True
            if statement and not statement.first_person:
                plain = []
            else:
                plain.append(sentence)  # not `[*plain, sentence]`: a copy per sentence is quadratic
            if not unclosed(balance):
                opened, balance = [], (0, 0, 0)
            if statement and statement.text:
                self.emit(statement)
                for person in statement.also:  # a joint statement: each of its speakers said it
                    self.emit(Found(person, statement.verb, statement.text))
                self.found_since_question = True
                previous = statement.speaker
            self.last_sentence = sentence


def closes_unopened_quote(plain: list[str], sentence: str, statement: Found) -> bool:
    """The words before a closing `…", - сообщил X.` end with a quote mark that nothing in the paragraph opened."""
    if not sentence.strip().startswith(statement.text) or not statement.text.endswith(('"', "»", "”")):
        return False
    quoted = " ".join([*plain, statement.text])
    return "«" not in quoted and "“" not in quoted and quoted.count('"') % 2 == 1


def spoken_in_first_person(plain: list[str], sentence: str, statement: Found) -> bool:
    """Sentences with no attribution of their own, in the first person, before a closing `…, said X.`"""
    if not sentence.strip().startswith(statement.text):  # the statement is not the words before the attribution
        return False
    words = {w.lower() for chunk in plain for w in re.findall(r"[^\W\d_]+", chunk)}
    return bool(words & FIRST_PERSON)


# `… his views. - Mr. Ambassador, how do you assess …? - First of all, …`: an interview run into one paragraph
INLINE_QUESTION_RE = re.compile(r"(?:^|\s)[-–—]\s[^?\n]{3,300}\?\s+[-–—]\s")
DIALOGUE_TURN_RE = re.compile(r"\s(?=[-–—]\s[A-ZА-ЯЁ])")


def dialogue_pieces(paragraph: str) -> list[str]:
    """A paragraph that runs an interview's questions and answers together, cut into one paragraph a turn."""
    if not INLINE_QUESTION_RE.search(paragraph):
        return [paragraph]
    return [piece for piece in DIALOGUE_TURN_RE.split(paragraph) if piece.strip()]


# Titles that quote: `Абдыкаликова: Казахстан намерен …`, `У Казахстана нет скрытых интересов – Идрисов`
TITLE_NAME = r"[A-ZА-ЯЁ][\w’'-]+(?: [A-ZА-ЯЁ][\w’'-]+)?"
TITLE_QUOTES_RES = (
    re.compile(rf"^(?P<who>{TITLE_NAME})\s*:\s+(?P<said>\S.{{15,}})$"),
    re.compile(rf"^(?P<said>\S.{{15,}}?)\s+[–—-]\s+(?P<who>{TITLE_NAME})\.?$"),
)


# `Мы ценим наши взаимоотношения, - премьер-министр Грузии о Казахстане`: words and the post of who said them
TITLE_POST_RE = re.compile(
    r"^(?P<said>\S.{15,}?),?\s+[–—-]\s+(?P<post>[а-яёa-z][\w-]*(?: [\w-]+){0,3}?)"
    r"(?:\s+(?:о|об|on|about)\s+[\w -]+)?\.?$"
)


def title_statement(title: str | None, resolver: Resolver) -> Found | None:
    """A title that quotes a person the article names: `Name: words` or `words – Name`, or `words – post` of the
    one person the text names with that post."""
    for pattern in TITLE_QUOTES_RES:
        m = pattern.match((title or "").strip())
        if m:
            person = resolver.roster.by_surname(m.group("who").split()[-1]) or _post_holder(m.group("who"), resolver)
            if person is not None and len(person.name.split()) > 1:
                return Found(person, "", m.group("said"))
    by_post = TITLE_POST_RE.match((title or "").strip())
    holder = _post_holder(by_post.group("post"), resolver) if by_post else None
    if by_post and holder:
        return Found(holder, "", by_post.group("said"))
    return title_sentence(title, resolver)


def _post_holder(post: str, resolver: Resolver) -> Person | None:
    """`Посол Казахстана`, `премьер-министр Грузии`: the one person the text names in full with that post."""
    words = {lemma(w) for w in re.findall(r"[\w-]+", post)}
    holders = [p for p in resolver.roster.people if len(p.name.split()) > 1 and words <= p.role_lemmas()]
    return holders[0] if len(holders) == 1 else None


def title_sentence(title: str | None, resolver: Resolver) -> Found | None:
    """A title that is a sentence of saying by a person it names (`Токаев считает, что …`), of someone the
    article names in full."""
    if not title:
        return None
    tokens = tokenize(title)
    mentions = resolver.roster.mentions(tokens, title)
    found = resolver._sentence(title, tokens, mentions, None)
    if found is None or not found.text or found.also or len(found.speaker.name.split()) < 2:
        return None
    return found if any(m.person is found.speaker for m in mentions) else None


LONE_SPEAKER_RE = re.compile(r"\b([A-Z][a-z’'-]{3,}) (?:said|says|told|added)\b")


def lone_english_speakers(paragraph: str) -> list[str]:
    """`…,” Kassis said`: a capitalised word alone right before an English verb of saying, with no capitalised word
    or `the` before it (`Sam Nunn said`, `the Ministry said`), that may be a surname."""
    found = []
    for m in LONE_SPEAKER_RE.finditer(paragraph):
        before = re.search(r"(\w+) $", paragraph[max(0, m.start() - 30) : m.start()])
        if before and (before[1][:1].isupper() or before[1].lower() in {"the", "a", "an", "his", "her", "and", "of"}):
            continue  # `the Ministry of Industry and Commerce said`: a body's name
        word = m.group(1)
        if is_name_word(word) and not outlet_or_place(word) and word.lower() not in english_not_names() and (
            word.lower() not in name_lists()["latin_first_names"]
        ):
            found.append(word)
    return found


def read_statements(
    paragraphs: list[str], resolver: Resolver, title: str | None = None
) -> tuple[list[Found], list[str]]:
    """Every statement of an article (a title that quotes someone first), and its sentences in reading order."""
    if title:  # people named in the title are the article's first people
        resolver.note_seen(resolver.roster.mentions(tokenize(title), title))
    reader = StatementReader(resolver, [], [])
    for paragraph in paragraphs:  # `…,” Kassis said`: a surname that speaks alone is someone's name
        for word in lone_english_speakers(paragraph):
            resolver.roster.by_surname(word) or resolver.roster.add(word, None, None, nominative=True)
    for paragraph in paragraphs:  # every person named in full is known before the first `Токаев считает`
        resolver.roster.mentions(tokenize(paragraph), paragraph)
    if title:  # `Sergey Lavrov’s statement at a news conference …` as the title: the text is his speech
        reader.speech_by = reader.speech_heading(title)
    paragraphs = [piece for paragraph in paragraphs for piece in dialogue_pieces(paragraph)]
    for i, paragraph in enumerate(paragraphs):
        before = len(reader.found)
        reader.paragraph(paragraph, paragraphs[i + 1] if i + 1 < len(paragraphs) else None)
        reader.last_paragraph_spoke = len(reader.found) > before
    titled = title_statement(title, resolver) if reader.speech_by is None else None  # a heading says nothing
    return ([titled] if titled else []) + reader.found, reader.sentences
