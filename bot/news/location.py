"""Where the event took place, in the nominative of the article's language: a place in an event sentence
(`Мероприятие проходит в Минске`, `собрались на Мальте`, `held in Astana`, `during his visit to Brussels`),
else the dateline city (`ВЕНА, 5 декабря`). A future event (`пройдет в Аммане`) is not the place."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot import DATA_DIR
from bot.news.morph import analyzer
from bot.news.tokens import Token, tokenize

# Verbs of an event happening, people gathering or arriving (lemmas and the participles pymorphy keeps
# as their own words); a future form ("пройдет") is a plan, not the event.
EVENT_VERBS = {
    "проходить", "пройти", "прошедший", "проходящий", "состояться", "состоявшийся", "собраться",
    "собираться", "открыться", "стартовать", "завершиться", "начаться", "принимать", "принять", "выступить",
    "провести", "проводить", "прибыть", "прибывать", "прилететь", "встретиться", "встречаться", "встретить",
    "встречать", "посетить", "подписать", "signed", "sign",
    "посещать", "находиться", "пребывать", "held", "hold", "holds", "take", "took",
    "takes", "taking", "gather", "gathered", "host", "hosted", "hosts", "hosting", "convene", "convened", "arrive",
    "arrived", "arrives", "meet", "met", "meets", "open", "opened", "visit", "visited", "visits", "attend",
    "attended", "attends", "addressed", "addressing", "spoke", "speaking",
}
# Nouns of a visit or a meeting that place the event when the place follows them closely, before any verb:
# `в ходе визита в Брюссель`, `на заседании Совета глав государств ШОС в Тяньцзине`, `summit in Astana`.
EVENT_NOUNS = {
    "визит", "заседание", "саммит", "сессия", "встреча", "форум", "конференция", "переговоры", "брифинг",
    "пресс-конференция", "церемония", "прием", "приём", "reception", "visit", "sidelines", "summit", "meeting",
    "session", "talks", "forum", "conference", "briefing", "ceremony", "assembly",
}
NOUN_WINDOW = 8
MAX_VENUE_WORDS = 4
WORDS_BEFORE_PLACE = 4  # lower-case words between a preposition and the place: `в азербайджанской Габале`
# `ситуацию в Афганистане`, `кризиса в Украине`: a place that is the topic, not the venue.
TOPIC_NOUNS = {
    "ситуация", "обстановка", "кризис", "конфликт", "урегулирование", "мир", "стабильность", "безопасность",
    "событие", "положение", "война", "situation", "crisis", "conflict", "war", "peace", "settlement",
}
FUTURE_WORDS = {"будет", "будут", "предстоящий", "предстоящем", "предстоящего", "предстоит", "планирует", "will",
                "upcoming", "next", "планируется", "намерен", "намерена"}
PREPOSITIONS = {"в", "во", "на", "in", "at", "to"}
MAX_DISTANCE = 12  # words between the verb and the place
SPEECH_DISTANCE = 16  # `said to the visiting chairman of the EES board, Tigran Sarkisian of Armenia, in Astana`
HOST_VERBS = {"hosted", "hosts", "host", "hosting"}  # Russian `принял` is as often `принял участие`
SPEECH_WORDS = {"said", "says", "stated", "заявил", "заявила", "сказал", "сказала", "сообщил", "сообщила", "отметил",
                "отметила", "выступил", "выступила", "spoke", "told"}
FIRST_SENTENCES = 4
MIN_SENTENCE_WORDS = 4
LEDE_SENTENCES = 2  # the title and the first sentence


@dataclass(frozen=True)
class Gazetteer:
    ru_forms: dict[str, str]  # an inflected Russian form, lower case -> the nominative
    en_names: dict[str, str]  # an English name (1-3 words), lower case -> the name as written in the data
    first_words: frozenset[str]  # first words of English multi-word names, lower case
    not_places: frozenset[str]  # regions and continents, lower case
    countries: frozenset[str]  # country names as reported, both languages
    home: frozenset[str]  # Kazakhstan and its cities, both languages
    venues: dict[str, str]  # a venue's form, lower case -> its city

    def name_of(self, word: str) -> str | None:
        """The place a single word names, in any case form or language (`Пекина` → Пекин), or None."""
        low = word.lower().strip(",.")
        return self.ru_forms.get(low) or self.en_names.get(low)


def ru_forms(name: str) -> set[str]:
    """The case forms of a place name: the last part of a hyphenated name declines (`Нью-Йорке`)."""
    head, _, last = name.rpartition("-") if "-" in name and " " not in name else ("", "", name)
    prefix = head + "-" if head else ""
    low = last.lower()
    stems: list[str]
    if low.endswith("ия"):
        stems = [low[:-2] + e for e in ("ия", "ии", "ию", "ией")]
    elif low.endswith(("а",)):
        stems = [low[:-1] + e for e in ("а", "е", "ы", "и", "у", "ой")]
    elif low.endswith("я"):
        stems = [low[:-1] + e for e in ("я", "е", "и", "ю", "ей")]
    elif low.endswith("ь"):
        stems = [low[:-1] + e for e in ("ь", "е", "и", "я", "ю", "ем", "ью")]
    elif low.endswith("й"):
        stems = [low[:-1] + e for e in ("й", "е", "я", "ю", "ем")]
    elif low.endswith("ы"):
        stems = [low[:-1] + e for e in ("ы", "ах", "ов", "ам")]
    elif low[-1:] in "оиуэюе" or " " in name:
        stems = [low]
    else:
        stems = [low + e for e in ("", "е", "а", "у", "ом")]
    return {(prefix + s).lower() for s in stems}


@lru_cache(maxsize=2)
def load_gazetteer(path: Path = DATA_DIR / "places.toml") -> Gazetteer:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    forms: dict[str, str] = {}
    english: dict[str, str] = {}
    for table in ("cities", "countries"):
        for ru, en in data[table].items():
            for form in ru_forms(ru):
                forms.setdefault(form, ru)
            english[en.lower()] = en
    firsts = frozenset(name.split()[0] for name in english if " " in name)
    countries = frozenset([*data["countries"], *data["countries"].values()])
    home = frozenset([*data["home"]["country"], *(c.casefold() for c in data["home"]["cities"])])
    not_places = frozenset(n.lower() for n in data["not_places"]["names"])
    venues = {k.lower(): v for k, v in data["venues"].items()}
    return Gazetteer(forms, english, firsts, not_places, countries, home, venues)


def known_place(tokens: list[Token], i: int) -> str | None:
    """The place at i only when the gazetteer knows it (no guessing from the dictionary's tags)."""
    return place_at(tokens, i, guess=False)


def place_at(tokens: list[Token], i: int, guess: bool = True) -> str | None:
    """The place named by the word(s) at i, in the nominative, or None."""
    token = tokens[i]
    gazetteer = load_gazetteer()
    for size in range(MAX_VENUE_WORDS, 0, -1):  # `в Акорде`, `в Букингемском дворце`, `at the White House`
        venue = " ".join(t.text.lower() for t in tokens[i : i + size])
        if len(tokens) - i >= size and venue in gazetteer.venues:
            return gazetteer.venues[venue]
    if not token.is_capitalized:
        return None
    low = token.text.lower()
    if re.fullmatch(r"[A-Za-z'-]+", token.text):
        if i + 1 < len(tokens) and tokens[i + 1].is_capitalized:
            pair = f"{low} {tokens[i + 1].text.lower()}"
            if pair in gazetteer.en_names:
                return gazetteer.en_names[pair]
            if f"{low}-{tokens[i + 1].text.lower()}" in gazetteer.en_names:  # `Nur Sultan`, as written
                return f"{token.text} {tokens[i + 1].text}"
        return gazetteer.en_names.get(low)
    if i + 1 < len(tokens) and f"{low} {tokens[i + 1].text.lower()}" in gazetteer.ru_forms:  # Северной Македонии
        return gazetteer.ru_forms[f"{low} {tokens[i + 1].text.lower()}"]
    if low in gazetteer.ru_forms:
        return gazetteer.ru_forms[low]
    if not guess:
        return None
    for p in analyzer().parse(low):
        if "Geox" in p.tag and p.tag.case in {"loct", "loc2", "datv", "nomn", "accs"} and p.tag.POS == "NOUN":
            if p.normal_form.replace("ё", "е") in gazetteer.not_places:
                return None
            return "-".join(part.capitalize() for part in p.normal_form.split("-"))
    return None


def _is_event_noun(token: Token) -> bool:
    return token.lemma in EVENT_NOUNS


def _is_verb(token: Token) -> bool:
    return is_verb_word(token.text.lower())


@lru_cache(maxsize=50_000)
def is_verb_word(low: str) -> bool:
    if re.fullmatch(r"[a-z]+", low):
        return False
    return analyzer().parse(low)[0].tag.POS in {"VERB", "INFN", "GRND"}


def _is_event_verb(tokens: list[Token], i: int) -> bool:
    return is_event_verb(tokens[i].text.lower())


@lru_cache(maxsize=50_000)
def is_event_verb(low: str) -> bool:
    """A verb (or participle) of an event happening, not in the future tense."""
    if re.fullmatch(r"[a-z]+", low):
        return low in EVENT_VERBS
    parses = [p for p in analyzer().parse(low) if p.normal_form.replace("ё", "е") in EVENT_VERBS]
    if not parses:
        return False
    tag = parses[0].tag
    return tag.tense != "futr" and tag.POS in {"VERB", "PRTF", "GRND", "ADJF", "NOUN", "INFN"}


def _is_future(tokens: list[Token], i: int) -> bool:
    """A plan, not the event: `будет`, `will`, or a verb in the future tense next to the word
    (`прибудет с официальным визитом в Казахстан`)."""
    near = tokens[max(0, i - 4) : i + 2]
    return any(t.text.lower() in FUTURE_WORDS or is_future_verb(t.text.lower()) for t in near)


@lru_cache(maxsize=50_000)
def is_future_verb(low: str) -> bool:
    if re.fullmatch(r"[a-z]+", low):
        return False
    tag = analyzer().parse(low)[0].tag
    return tag.POS == "VERB" and tag.tense == "futr"


def _host_place(tokens: list[Token], v: int) -> str | None:
    """`Nur-Sultan hosted the meeting`, `Астана принимает саммит`: the place is the subject of a host verb."""
    if tokens[v].text.lower() not in HOST_VERBS or v == 0:
        return None
    return known_place(tokens, v - 1)


def _place_after_speech(tokens: list[Token], v: int) -> str | None:
    """`Nazarbaev said … in Astana on February 25`, `заявил на брифинге в Астане`: where the words were said,
    before any `that`/`что` clause (which tells what was said, and of which places)."""
    for i in range(v + 1, min(len(tokens) - 1, v + 1 + SPEECH_DISTANCE)):
        if tokens[i].text.lower() in {"что", "that", "чтобы"}:
            return None
        if tokens[i].text.lower() in {"в", "во", "на", "in", "at"} and tokens[i - 1].lemma not in TOPIC_NOUNS:
            place = known_place(tokens, i + 1)
            if place:
                return place
    return None


def event_place(sentence: str) -> str | None:
    """The place of the event a sentence tells of: a place after a preposition near an event word, or the
    object of a visit (`посетил Брюссель`)."""
    tokens = tokenize(sentence)
    for v in range(len(tokens)):
        if _is_future(tokens, v):
            continue
        if _is_event_verb(tokens, v):
            place = _host_place(tokens, v) or _place_near_verb(tokens, v)
        elif _is_event_noun(tokens[v]):
            place = _place_after_noun(tokens, v)
        elif tokens[v].text.lower() in SPEECH_WORDS:
            place = _place_after_speech(tokens, v)
        else:
            continue
        if place:
            return place
    return None


def _place_after_preposition(tokens: list[Token], i: int) -> str | None:
    """`в Минске`; `в азербайджанской Габале`, `в богатом историей городе Тяньцзине` (a few lower-case words
    between, then a place the gazetteer knows)."""
    if tokens[i].text.lower() not in PREPOSITIONS or i + 1 >= len(tokens):
        return None
    if i > 0 and tokens[i - 1].lemma in TOPIC_NOUNS:
        return None
    place = place_at(tokens, i + 1)
    if place:
        return place
    # `в азербайджанской Габале`, `в Доме народных собраний Пекина`: a few words, then a place the gazetteer knows
    for j in range(i + 2, min(len(tokens), i + 2 + WORDS_BEFORE_PLACE)):
        if tokens[j].text.lower() in PREPOSITIONS:
            return None
        if tokens[j].is_capitalized:
            place = known_place(tokens, j)
            if place:
                return place
    return None


def _place_near_verb(tokens: list[Token], v: int) -> str | None:
    if v + 1 < len(tokens) and tokens[v].lemma in {"посетить", "посещать", "visit", "visited"}:
        place = place_at(tokens, v + 1)
        if place:
            return place
    # the words nearest the verb first, the one after it first at equal distance (no sort of the whole
    # sentence per verb: a sentence of many verbs stays linear)
    near = [i for d in range(MAX_DISTANCE + 1) for i in dict.fromkeys((v + d, v - d)) if 0 <= i < len(tokens) - 1]
    for i in near:
        place = _place_after_preposition(tokens, i)
        if place:
            return place
    return None


def _place_after_noun(tokens: list[Token], n: int) -> str | None:
    for i in range(n + 1, min(len(tokens) - 1, n + 1 + NOUN_WINDOW)):
        if _is_verb(tokens[i]):
            return None
        place = _place_after_preposition(tokens, i)
        if place:
            return place
    return None


def find_location(dateline_city: str | None, sentences: list[str]) -> str | None:
    """Where the event happened: a place in an event sentence of the title or the lede wins over the dateline
    (which says where the outlet is); further down, a place counts only when there is no dateline (it may be a
    meeting the text looks back on). A country (`визит в Кыргызстан`) yields to the dateline city."""
    # menus and captions are no sentences: count only those of a few words
    real = [s for s in sentences if len(s.split()) >= MIN_SENTENCE_WORDS][:FIRST_SENTENCES]
    for n, sentence in enumerate(real):
        place = event_place(sentence)
        if place and (n < LEDE_SENTENCES or not dateline_city):
            return closer_place(place, dateline_city)
    return dateline_city


def closer_place(place: str, dateline_city: str | None) -> str:
    """A country gives way to the dateline city, unless the dateline is at home and the country abroad (`ALMATY
    — … paid an official visit to Russia`)."""
    gazetteer = load_gazetteer()
    if not dateline_city or place not in gazetteer.countries:
        return place
    home_dateline = dateline_city.casefold() in gazetteer.home
    return place if home_dateline and place not in gazetteer.home else dateline_city
