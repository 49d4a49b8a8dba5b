"""The people of one article: every way the text names them (full name, `М.Нуртлеу`, surname alone,
in any case) resolved to one person with a nominative name, a role and a gender."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache

from bot.news.morph import parses
from bot.news.people import (
    after_bracketed_abbreviation,
    find_initial_spans,
    find_name_spans,
    fold,
    is_first_name,
    is_honorific,
    is_name_word,
    is_place,
    looks_like_english_name,
    nominative_name,
    surname_first,
    surname_forms,
    surname_readings,
    surname_word,
    vocabulary,
)
from bot.news.tokens import Token, tokenize

MAX_ROLE_WORDS = 14
# Words a role never reaches across, going left from the name: "встреча с главой …" stops at "с".
_ROLE_STOP = {
    "с",
    "со",
    "к",
    "ко",
    "от",
    "у",
    "при",
    "о",
    "об",
    "за",
    "и",
    "а",
    "но",
    "что",
    "как",
    "между",
    "which",
    "with",
    "and",
    "by",
    "также",
    "лично",
}
_CASE_OF_PREPOSITION = {
    "с": "ablt",
    "со": "ablt",
    "к": "datv",
    "ко": "datv",
    "у": "gent",
    "от": "gent",
    "для": "gent",
    "о": "loct",
    "об": "loct",
    "при": "loct",
    "между": "ablt",
    "перед": "ablt",
    "за": "ablt",
}


@dataclass
class Person:
    name: str
    role: str | None = None
    gender: str | None = None
    keys: set[str] = field(default_factory=set)  # lower-case nominative surname candidates
    from_nominative: bool = False

    @property
    def first_initial(self) -> str:
        parts = self.name.split()
        return parts[0][:1].upper() if len(parts) > 1 else ""

    def role_lemmas(self) -> frozenset[str]:
        return _role_lemmas(self.role or "")


@lru_cache(maxsize=5_000)
def _role_lemmas(role: str) -> frozenset[str]:
    from bot.news.morph import lemma

    words = re.findall(r"[\w-]+", role)
    # English posts come in the plural too: `Presidents of Kazakhstan and Azerbaijan X and Y`
    lemmas = {lemma(w) for w in words} | {w.lower()[:-1] for w in words if re.fullmatch(r"[A-Za-z]{4,}s", w)}
    if _owned_by_the_president(words):  # `начальник Канцелярии Президента` is no president
        lemmas.discard("президент")
    if lemmas & {"глава", "head"}:  # `Глава государства` is the president, `глава МИД` the minister
        head_of = vocabulary()["head_of"]
        lemmas |= {post for word in lemmas for post in head_of.get(word, [])}
    return frozenset(lemmas)


def _owned_by_the_president(words: list[str]) -> bool:
    """`начальник Канцелярии Президента`, `помощник Президента`: the president only owns the post."""
    from bot.news.morph import lemma, parses

    if not words or lemma(words[0]) in {"президент", "глава", "первый", "вице-президент"}:
        return False
    return any(
        lemma(w) == "президент" and parses(w)[0].tag.case == "gent" for w in words[1:]
    )


@dataclass
class Mention:
    start: int  # token indexes in the sentence
    end: int
    person: Person
    nominative: bool


@lru_cache(maxsize=1)
def institution_words() -> frozenset[str]:
    return frozenset(str(w) for w in vocabulary()["institution_words"])


@lru_cache(maxsize=1)
def role_heads() -> frozenset[str]:
    return frozenset(str(w) for w in vocabulary()["role_heads"])


def is_verb(word: str) -> bool:
    p = parses(word)[0]
    return p.tag.POS in {"VERB", "INFN", "GRND", "PRTS"}


RULER_TITLES = {"amir", "emir", "sheikh", "sultan", "king", "prince", "эмир", "шейх", "султан", "король", "принц"}
MAX_SAME_FIRST = 8  # people of one first word compared: a text of endless names stays linear


class Roster:
    def __init__(self) -> None:
        self.people: list[Person] = []
        # surname key → positions in `people` of those who have (or had) it: lookups cost the same
        # however many people the text names
        self._by_key: dict[str, list[int]] = {}
        self._position: dict[int, int] = {}  # id(person) → position in `people`
        self._by_first: dict[str, list[Person]] = {}  # first word of a name of three words or more → its people

    def _index(self, person: Person) -> None:
        position = self._position.setdefault(id(person), len(self._position))
        for key in person.keys:
            self._by_key.setdefault(key, []).append(position)
        words = person.name.split()
        if len(words) >= 3:
            same_first = self._by_first.setdefault(fold(words[0]), [])
            if not any(p is person for p in same_first[-MAX_SAME_FIRST:]):
                same_first.append(person)

    def _having_any(self, keys: set[str]) -> list[Person]:
        """People who may have one of `keys`, in the order they were added (the index may hold old keys:
        callers check the person's current ones)."""
        positions = sorted({pos for key in keys for pos in self._by_key.get(key, ())})
        return [self.people[pos] for pos in positions]

    def add(self, name: str, role: str | None, gender: str | None, nominative: bool) -> Person:
        keys = surname_forms(name)
        initial = name.split()[0][:1].upper() if len(name.split()) > 1 else ""
        for person in self._having_any(keys):
            if person.keys & keys and (not initial or not person.first_initial or person.first_initial == initial):
                self._merge(person, name, role, gender, nominative)
                return person
        words = name.split()
        ruler = self.by_first_name(words[1]) if len(words) == 2 and fold(words[0]) in RULER_TITLES else None
        if ruler is not None:  # `Amir Tamim`, `Эмир Тамим`: the title and the first name of Tamim bin Hamad Al Thani
            return ruler
        shortened = self._shortened(name)
        if shortened is not None:
            self._merge(shortened, name, role, gender, nominative)
            return shortened
        person = Person(name=name, role=role, gender=gender, keys=keys, from_nominative=nominative)
        self.people.append(person)
        self._index(person)
        return person

    def _shortened(self, name: str) -> Person | None:
        """`Mohamed Bin Zayed` and `Mohamed Bin Zayed Al Nahyan`: a long name written in full and cut short is one
        person (three words at least in common, from the first)."""
        words = name.split()
        if len(words) < 3:
            return None
        for person in self._by_first.get(fold(words[0]), [])[-MAX_SAME_FIRST:]:
            theirs = person.name.split()
            common = min(len(words), len(theirs))
            if common >= 3 and len(words) != len(theirs) and [fold(w) for w in words[:common]] == [
                fold(w) for w in theirs[:common]
            ]:
                return person
        return None

    def _merge(self, person: Person, name: str, role: str | None, gender: str | None, nominative: bool) -> None:
        fuller = len(name.split()) > len(person.name.split()) and "." not in name
        if fuller or (nominative and not person.from_nominative and len(name.split()) >= len(person.name.split())):
            person.name = name
            person.keys = surname_forms(name) | (person.keys if not nominative else set())
            person.from_nominative = person.from_nominative or nominative
            self._index(person)
        person.role = person.role or role
        person.gender = person.gender or gender

    def by_surname(self, word: str) -> Person | None:
        keys = surname_forms(word)
        for person in self._having_any(keys | {fold(word)}):
            if fold(word) in person.keys or (person.keys & keys and fold(surname_word(person.name.split())) in keys):
                return person
        return None

    def by_first_name(self, word: str) -> Person | None:
        """`Sheikh Mansour` for `Mansour bin Zayed Al Nahyan`: one named in full, called by an honorific and his first
        name, as Arab names are shortened."""
        same_first = self._by_first.get(fold(word), [])[-MAX_SAME_FIRST:]  # an index: no scan of everyone named
        named = [p for p in same_first if len(p.name.split()) > 2 and fold(p.name.split()[0]) == fold(word)]
        fullest = max(named, key=lambda p: len(p.name), default=None)
        # `Mansour bin Zayed` in the title and `Mansour bin Zayed Al Nahyan` in the text are one man
        one = fullest is not None and all(fullest.name.startswith(p.name) for p in named)
        return fullest if one else None

    def mentions(self, tokens: list[Token], text: str) -> list[Mention]:
        """Find and register the people a sentence (`text`, whose words are `tokens`) names, in reading order."""
        found: list[Mention] = []
        taken: set[int] = set()
        doubtful_rejected: set[int] = set()  # ends of names the roster did not confirm
        for reading in read_names(text):
            if reading.after_doubtful and reading.start in doubtful_rejected:
                # the name before was not taken after all: this one may have a post of its own
                reading = _name_reading(tokens, text, reading.start, reading.end, after_name=False) or reading
            if reading.initials_surname:
                surname = reading.initials_surname
                person = self.by_surname(surname) or self.add(reading.name, None, None, nominative=False)
                found.append(Mention(reading.start, reading.end, person, nominative=_can_be_nominative(surname)))
                taken.update(range(reading.start, reading.end))
                continue
            if reading.needs_known_surname and self.by_surname(reading.surname) is None:
                doubtful_rejected.add(reading.end)
                continue
            person = self.add(reading.name, reading.role, reading.gender, nominative=reading.case == "nomn")
            found.append(Mention(reading.start, reading.end, person, nominative=reading.case == "nomn"))
            taken.update(range(reading.start, reading.end))
        for i, tok in enumerate(tokens):
            if i in taken or not tok.is_capitalized or tok.text.isupper():
                continue
            known = self.by_surname(tok.text)
            called = known is None and _after_honorific(tokens, i)  # `Sheikh Mansour`
            known = known or (self.by_first_name(tok.text) if called else None)
            if known is not None:
                # `в разговоре с Нуртлеу`: a surname that does not decline is no subject after a preposition
                after_preposition = i > 0 and tokens[i - 1].text.lower() in _CASE_OF_PREPOSITION
                as_written = called or fold(tok.text) == fold(surname_word(known.name.split()))
                nominative = as_written and not after_preposition
                found.append(Mention(i, i + 1, known, nominative=nominative))
        return sorted(found, key=lambda m: m.start)


@dataclass(frozen=True)
class NameReading:
    """What a sentence's own words say of one name in it, before the roster is asked who that is."""

    start: int  # token indexes
    end: int
    initials_surname: str = ""  # `М.Нуртлеу`: the surname after the initials; "" for a name in full
    name: str = ""  # in the nominative
    role: str | None = None
    gender: str | None = None
    case: str | None = None
    surname: str = ""  # the last word as written
    needs_known_surname: bool = False  # an English name that stands only if the text names that surname elsewhere
    after_doubtful: bool = False  # right after a name that `needs_known_surname`: read as if that one stood


@lru_cache(maxsize=2_048)
def read_names(text: str) -> tuple[NameReading, ...]:
    """The names a text holds, read from its words alone. Kept: an article's paragraphs and sentences are read by
    several rules, each asking the roster who they name."""
    tokens = tokenize(text)
    taken: set[int] = set()
    readings: list[NameReading] = []
    for start, end, initials, surname in find_initial_spans(text):
        first = last = bisect_left(tokens, start, key=lambda t: t.start)
        while last < len(tokens) and tokens[last].end <= end:
            last += 1
        idx = list(range(first, last))
        # `U.S. Asian`, `U.S. Senator` are no `М.Нуртлеу`; `Ван И. Об этом …`: a short word opens the next sentence;
        # `H. E. Madiyar Menilbekov`: His Excellency, no initials
        excellency = re.sub(r"\s", "", initials).upper() == "H.E."
        short_word = len(surname) == 3 and parses(surname.lower())[0].tag.POS in {"PREP", "CONJ", "PRCL"}
        given_name = idx[0] > 0 and tokens[idx[0] - 1].text in surname_first()  # `Ван И. Встреча …`: Wang Yi's name
        if excellency or len(surname) < 3 or short_word or given_name:
            continue
        if idx and (not _LATIN_RE.fullmatch(surname) or (is_name_word(surname) and not _is_role_word(surname))):
            if _english_first_name_before(tokens, idx[0]):
                continue  # `Antony J. Blinken`: a middle initial, read with the whole name below
            # `М.В.Захаровой` is `М.В.Захарова`: the initials as written, the surname in the nominative
            as_written = _LATIN_RE.fullmatch(surname) or _can_be_nominative(surname)  # `М.В.Захарова заявила`
            nominative = surname if as_written else nominative_name([surname], None)[0]
            name = re.sub(r"\s+", "", initials) + nominative
            readings.append(NameReading(idx[0], idx[-1] + 1, initials_surname=surname, name=name))
            taken.update(idx)
    names = [(start, end) for start, end in find_name_spans(tokens, text) if not taken & set(range(start, end))]
    doubtful_ends: set[int] = set()
    for start, end in names:
        reading = _name_reading(tokens, text, start, end, after_name=start - 1 in taken)
        if reading is None:
            continue
        if start in doubtful_ends:
            reading = replace(reading, after_doubtful=True)
        if reading.needs_known_surname:
            doubtful_ends.add(end)
        readings.append(reading)
        taken.update(range(start, end))
    return tuple(sorted(readings, key=lambda r: r.start))


def _name_reading(tokens: list[Token], text: str, start: int, end: int, after_name: bool) -> NameReading | None:
    """One run of name words: its nominative, post, case and gender, or None when it names no person."""
    # a name right after another one has no post of its own before it
    role, head_case = (None, None) if after_name else role_before(tokens, start, text)
    hint = (
        head_case
        or _preposition_case(tokens, start)
        or _subject_case(tokens, end)
        or _possessor_case(tokens, start, text)
    )
    if end < len(tokens) and text[tokens[end - 1].end : tokens[end].start] == " " and (
        tokens[end].text in institution_words()
    ):
        return None  # `Nursultan Nazarbayev University`: the name of a body, not a person named
    # `J.` in `Antony J. Blinken`; a name does not end with an initial (`Ван И. Об этом …`: the sentence's stop)
    run = tokens[start:end]
    words = [t.text + "." if _is_initial(t, text) and k < len(run) - 1 else t.text for k, t in enumerate(run)]
    if is_place(" ".join(words)):
        return None  # `Abu Dhabi`, `Buenos Aires`: a city of two names
    if _two_surnames(words):
        return None  # `сказал Токаев Путину`: two people by their surnames, not one name
    name, case, gender = nominative_name(words, hint)
    gender = gender or honorific_gender(tokens, start)
    before = role is not None
    if role is None:
        role = role_after(tokens, end, text, case)
    latin = _LATIN_RE.fullmatch(name) is not None
    if latin and role and role.split()[-1].lower() in {"the", "of", "a", "an"}:
        return None  # `Chairman of the Khalk Maslakhaty`: a body's name, not a person's
    # `Randa Kassis` stands if the text says `Kassis said` somewhere: the roster knows
    needs_known = False
    if latin:
        # in Title Case a post before capitals tells nothing (`… Minister of Mongolia Pays Courtesy Call`); a post
        # after the name does (`António Guterres, Secretary-General of the United Nations`)
        with_post = (role is not None and (not before or not _title_case(tokens))) or _after_honorific(tokens, start)
        needs_known = not (looks_like_english_name(words, with_post) or _speaks_next(tokens, start, end, text))
    if case == "nomn" and latin and _english_object(tokens, start):
        case = "accs"  # `thanked President Xi Jinping`: English shows the case by the word order
    return NameReading(
        start, end, name=name, role=role, gender=gender, case=case, surname=words[-1], needs_known_surname=needs_known
    )


MIN_TITLE_CASE_WORDS = 4


def _title_case(tokens: list[Token]) -> bool:
    """An English headline in Title Case: its longer words capitalised, verbs too (a sentence has lower-case words
    however many names it holds), so that a post before capitalised words does not make them a name."""
    words = [t.text for t in tokens if len(t.text) > 3 and _LATIN_RE.fullmatch(t.text)]
    return len(words) >= MIN_TITLE_CASE_WORDS and not any(len(w) > 4 and w[0].islower() for w in words)


def _is_role_word(word: str) -> bool:
    return word.lower() in role_heads()


def _speaks_next(tokens: list[Token], start: int, end: int, text: str) -> bool:
    """`Sam Nunn said …`: two capitalised words right before a verb of saying are a name, whoever's it is, unless a
    `the` makes them a body (`the Supreme Court said`)."""
    from bot.news.statements import verb_reading

    if end - start != 2 or end >= len(tokens) or (start > 0 and tokens[start - 1].text.lower() in {"the", "a", "an"}):
        return False
    return text[tokens[end - 1].end : tokens[end].start] == " " and verb_reading(tokens[end].text) is not None


def _two_surnames(words: list[str]) -> bool:
    """Two Cyrillic surnames side by side in cases that cannot go together, the first no first name."""
    if len(words) != 2 or not all(re.fullmatch(r"[А-ЯЁ][а-яё]+", w) for w in words) or is_first_name(words[0]):
        return False
    first, second = surname_readings(words[0]), surname_readings(words[1])
    return bool(first) and bool(second) and not set(first) & set(second)


def _is_initial(token: Token, text: str) -> bool:
    return len(token.text) == 1 and token.text.isupper() and text[token.end : token.end + 1] == "."


def _english_first_name_before(tokens: list[Token], i: int) -> bool:
    from bot.news.people import name_lists

    return (
        i > 0
        and tokens[i].start - tokens[i - 1].end == 1
        and tokens[i - 1].text.lower() in name_lists()["latin_first_names"]
    )


_LATIN_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-žƠ-ưḀ-ỿ'’. -]+")


def _possessor_case(tokens: list[Token], start: int, text: str) -> str | None:
    """`переговоры Касым-Жомарта Токаева`, `визит Ильхама Алиева`: a name right after a common noun is its
    genitive."""
    if start == 0 or text[tokens[start - 1].end : tokens[start].start] != " ":
        return None
    prev = tokens[start - 1]
    if prev.is_capitalized or prev.lemma in role_heads():
        return None
    p = parses(prev.text)[0]
    return "gent" if p.tag.POS == "NOUN" and p.tag.case in {"nomn", "accs"} else None


def _subject_case(tokens: list[Token], end: int) -> str | None:
    """`… Гульшара Абдыкаликова отметила`: a name right before a finite verb is its subject."""
    if end >= len(tokens):
        return None
    p = parses(tokens[end].text)[0]
    return "nomn" if p.tag.POS == "VERB" and p.tag.mood == "indc" else None


# English verbs after which a name is their object, and `with`: `thanked Chinese President Xi Jinping`, `met with
# X`. (Other prepositions are not here: `for`, `to` stand inside posts too, `Spokesperson for …`.)
_ENGLISH_OBJECT_BEFORE = {"with", "thanked", "congratulated", "met", "received", "invited", "visited", "welcomed",
                          "told", "called", "urged", "informed", "briefed"}
_ENGLISH_POST_WORDS = {"of", "the", "s"}
MAX_POST_BEFORE = 8


def _english_object(tokens: list[Token], start: int) -> bool:
    """An English name right after a verb, across its post: `received Chinese President Xi Jinping`,
    `told U.S. Secretary of State Marco Rubio`."""
    i = start - 1
    while (
        i >= 0
        and start - i <= MAX_POST_BEFORE
        and tokens[i + 1].start - tokens[i].end == 1  # a comma ends the post: `…, Yerzhan Ashikbayev said`
        and (tokens[i].is_capitalized or tokens[i].text in _ENGLISH_POST_WORDS)
    ):
        i -= 1
    return i >= 0 and tokens[i + 1].start - tokens[i].end == 1 and tokens[i].text.lower() in _ENGLISH_OBJECT_BEFORE


def _can_be_nominative(surname: str) -> bool:
    return any(fold(surname) == k for k in surname_forms(surname))


def _preposition_case(tokens: list[Token], start: int) -> str | None:
    if start == 0:
        return None
    return _CASE_OF_PREPOSITION.get(tokens[start - 1].text.lower())


def role_before(tokens: list[Token], start: int, text: str) -> tuple[str | None, str | None]:
    """The post written before a name (`первого заместителя министра` → `первый заместитель министра`)
    and the case of its head word, which the name agrees with."""
    heads = role_heads()
    head = None
    start, skip_gap = _before_honorifics(tokens, start, text)
    i = start - 1
    while i >= 0 and start - i <= MAX_ROLE_WORDS:
        tok = tokens[i]
        between = text[tok.end : tokens[i + 1].start]
        if i == skip_gap:
            between = ""  # `Secretary-General of the OIC, His Excellency Mr. Hissein Brahim Taha`
        # `постпред России при ООН`: "при" before an organisation's name belongs to the post
        post_of = tok.text.lower() == "при" and tokens[i + 1].text.isupper()
        stop = tok.text.lower() in _ROLE_STOP and not post_of and not _within_english_post(tokens, i)
        # a full stop after a word (not after `U.S.`, `Dr.`) ends the sentence the post would come from
        sentence_end = "." in between and len(tok.text) > 3 and not tok.text.isupper()
        if re.search(r"[,;:()«»\"]", between) or sentence_end or stop or is_verb(tok.text) or (
            _english_clause_word(tok.text)
        ):
            break
        if tok.text.isascii() and tok.text.islower() and not _english_role_word(tok.text) and tok.lemma not in heads:
            break  # `… to launch the process of establishing an International Agency for …`: no post
        if (tok.lemma in heads or tok.lemma.split("-")[-1] in heads) and not is_honorific(tok.text):
            head = i  # `Sheikh Hamad bin Ali, Vice Chairman of …`: a form of address, no post
        i -= 1
    if head is None:
        return None, None
    first = head
    while (
        first > 0 and _is_adjective(tokens[first - 1].text) and text[tokens[first - 1].end : tokens[first].start] == " "
    ):
        first -= 1
    case = _noun_case(tokens[head].text)
    gender = _noun_gender(tokens[head].text)
    words = [_nominative_word(t.text, gender) for t in tokens[first : head + 1]]
    tail = text[tokens[head].end : tokens[start - 1].end] if head < start - 1 else ""
    tail = _without_trailing_honorifics(tail)  # `Minister of State for External Affairs Smt.`
    role = (" ".join(words) + tail).strip(" -–—")
    return role or None, case


def _without_trailing_honorifics(tail: str) -> str:
    head, _, last = tail.rstrip().rpartition(" ")
    while last and is_honorific(last):
        tail = head
        head, _, last = tail.rstrip().rpartition(" ")
    return tail


def _before_honorifics(tokens: list[Token], start: int, text: str) -> tuple[int, int]:
    """(where the post before a name ends, the token whose gap to it a post may cross): `Secretary-General of the
    Organization of Islamic Cooperation (OIC), His Excellency Mr. Hissein Brahim Taha` reads past the honorifics,
    the comma and the bracketed abbreviation back to the post."""
    first = start
    while first > 0 and is_honorific(tokens[first - 1].text) and tokens[first - 1].is_capitalized:
        first -= 1
    if first == start and after_bracketed_abbreviation(tokens, start, text):
        return start - 1, start - 2  # `Secretary General of the … Cooperation (OIC) Hissein Brahim Taha`
    if first == start or first == 0 or "," not in text[tokens[first - 1].end : tokens[first].start]:
        return start, -1
    before = first - 1
    if tokens[before].text.isupper() and text[tokens[before].end : tokens[before].end + 1] == ")" and before > 0:
        return before, before - 1  # `(OIC),`: the abbreviation is the post's
    return first, before


def _after_honorific(tokens: list[Token], start: int) -> bool:
    """`His Excellency Mr. Hissein Brahim Taha`: an honorific makes the capitalised words after it a name."""
    if start > 0 and is_honorific(tokens[start - 1].text):
        return True  # `Dr`, `HE Dr`
    return honorific_gender(tokens, start) is not None


def honorific_gender(tokens: list[Token], start: int) -> str | None:
    """`Smt. Meenakashi Lekhi`, `H.E. Ms. Vo Thi Anh Xuan`: the gender an honorific right before a name tells."""
    genders: dict[str, str] = vocabulary()["honorific_genders"]
    for i in (start - 1, start - 2):
        if i >= 0 and tokens[i].text.lower() in genders:
            return genders[tokens[i].text.lower()]
    return None


_ENGLISH_CLAUSE_WORDS = {"that", "who", "which", "said", "says", "has", "have", "had", "was", "were", "is", "are",
                         "will", "would", "also", "after", "before", "while", "when"}


def _english_clause_word(word: str) -> bool:
    """`… Minister recalled that the head of …`: a word of a clause, which no post reaches across."""
    low = word.lower()
    return word.isascii() and word.islower() and (low in _ENGLISH_CLAUSE_WORDS or (len(low) > 4 and low.endswith("ed")))


def _within_english_post(tokens: list[Token], i: int) -> bool:
    """`Minister of Trade and Integration`: an `and` between two capitalised words that are no names."""
    if tokens[i].text != "and" or i == 0 or i + 1 >= len(tokens):
        return False
    pair = (tokens[i - 1], tokens[i + 1])
    return all(t.text[:1].isupper() and t.text.isascii() and not is_name_word(t.text) for t in pair)


# What may stand before the head of a role written after a name: `первый`, `Чрезвычайный и Полномочный`,
# `Kazakhstan's Deputy Foreign`, `the`.
_ROLE_AFTER_LEAD = {"и", "the", "a", "an", "s", "and"}
_ROLE_AFTER_OPEN_RE = re.compile(r"^\s*(?:,|\s[-–—])\s*$")
_ROLE_AFTER_CLOSE_RE = re.compile(r"^\s*(?:,|[-–—]|\.(?:\s|$)|$)")
_ROLE_AFTER_BREAK_RE = re.compile(r"[,;:()«»\"“”.!?–—]|\s-\s")
_ROLE_AFTER_LEAD_WORDS = 4


def role_after(tokens: list[Token], end: int, text: str, case: str | None) -> str | None:
    """The post written after a name, between commas or after a dash (`Ержан Ашикбаев, первый заместитель
    министра иностранных дел, отметил …`, `Murat Nurtleu, Kazakhstan's Foreign Minister, said …`)
    in the nominative. The role's head agrees with the name's case; no verb inside."""
    if end >= len(tokens) or not _ROLE_AFTER_OPEN_RE.match(text[tokens[end - 1].end : tokens[end].start]):
        return None
    k = end + 1
    while k < len(tokens) and k - end < MAX_ROLE_WORDS and not _ROLE_AFTER_BREAK_RE.search(
        text[tokens[k - 1].end : tokens[k].start]
    ):
        k += 1
    if k - end >= MAX_ROLE_WORDS or not _ROLE_AFTER_CLOSE_RE.match(text[tokens[k - 1].end :]):
        return None
    segment = tokens[end:k]
    heads = role_heads()
    head = None
    for n, tok in enumerate(segment[: _ROLE_AFTER_LEAD_WORDS + 1]):
        if tok.lemma in heads or tok.lemma.split("-")[-1] in heads:
            head = n
            break
        if tok.text.lower() not in _ROLE_AFTER_LEAD and not _is_adjective(tok.text):
            return None
    if head is None or any(is_verb(t.text) or t.lemma == "который" for t in segment):
        return None
    if segment[head].text.isascii():
        of_what = head + 1 < len(segment) and segment[head + 1].text.lower() in {"of", "for"}
        if not of_what and any(not _english_role_word(t.text) for t in segment[head + 1 :]):
            # `Kazakhstanskaya Pravda, the Chinese president celebrated bilateral relations`; but `minister of
            # information and social development` names the post's field in lower case
            return None
        words = [t.text for t in segment]
        while words and words[0].lower() in {"the", "a", "an"}:
            words.pop(0)
        role = text[segment[len(segment) - len(words)].start : segment[-1].end]
        return role if words else None
    if case and case not in {str(p.tag.case) for p in parses(segment[head].text) if p.tag.POS == "NOUN"}:
        return None  # `с Ержаном Ашикбаевым, первым заместителем …` agrees; anything else is another phrase
    gender = _noun_gender(segment[head].text)
    lead = [_nominative_word(t.text, gender) if t.text.lower() != "и" else "и" for t in segment[: head + 1]]
    tail = text[segment[head].end : segment[-1].end]
    return (" ".join(lead) + tail).strip(" -–—") or None


# Lower-case words that may stand inside an English post: `Minister of Foreign Affairs of the Republic`,
# `head of state`, `Ambassador to the UK`.
_ENGLISH_ROLE_LINKS = {"of", "the", "for", "to", "and", "at", "in", "on", "s", "state", "government", "general",
                       "foreign", "affairs", "minister", "deputy", "representative", "ambassador", "envoy", "special",
                       "secretary", "president", "chairman", "head", "prime", "first", "vice"}


def _english_role_word(word: str) -> bool:
    return word[:1].isupper() or word.isdigit() or word.lower() in _ENGLISH_ROLE_LINKS


def _is_adjective(word: str) -> bool:
    return parses(word)[0].tag.POS in {"ADJF", "PRTF"} or (word[:1].isupper() and word.isascii() and word.isalpha())


def _noun_case(word: str) -> str | None:
    for p in parses(word):
        if p.tag.POS == "NOUN" and p.tag.case:
            return str(p.tag.case)
    return None


def _noun_gender(word: str) -> str | None:
    for p in parses(word):
        if p.tag.POS == "NOUN" and p.tag.gender and "ms-f" not in p.tag:
            return str(p.tag.gender)
    return "masc"


def _nominative_word(word: str, gender: str | None = None) -> str:
    if not re.search("[а-яё]", word.lower()):
        return word
    p = parses(word)[0]
    wanted = {"nomn", "sing", gender} if gender and p.tag.POS in {"ADJF", "PRTF"} else {"nomn", "sing"}
    inflected = p.inflect(wanted) or p.inflect({"nomn"})
    if inflected is None:
        return word
    out = inflected.word
    if word[:1].isupper():
        out = "-".join(
            x[:1].upper() + x[1:] if word.split("-")[k][:1].isupper() else x for k, x in enumerate(out.split("-"))
        )
    return out
