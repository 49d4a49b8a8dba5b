"""Where the event took place, in the nominative of the article's language: a place in an event sentence
(`Мероприятие проходит в Минске`, `собрались на Мальте`, `held in Astana`, `during his visit to Brussels`),
else the dateline city (`ВЕНА, 5 декабря`). A future event (`пройдет в Аммане`) is not the place."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

from bot import DATA_DIR
from bot.news.morph import lemma, parses
from bot.news.tokens import Token, tokenize

# Verbs of an event happening, people gathering or arriving (lemmas and the participles pymorphy keeps
# as their own words); a future form ("пройдет") is a plan, not the event.
EVENT_VERBS = {
    "проходить", "пройти", "прошедший", "проходящий", "состояться", "состоявшийся", "собраться",
    "собираться", "открыться", "открыть", "обсудить", "discussed", "стартовать", "завершиться", "начаться",
    "принимать", "принять", "выступить", "закончиться",
    "провести", "проводить", "прибыть", "прибывать", "прилететь", "встретиться", "встречаться", "встретить",
    "встречать", "посетить", "подписать", "signed", "sign",
    "посещать", "находиться", "пребывать", "приземлиться", "held", "hold", "holds", "take", "took", "received",
    "receives", "landed",
    "takes", "taking", "gather", "gathered", "host", "hosted", "hosts", "hosting", "convene", "convened", "arrive",
    "arrived", "arrives", "meet", "met", "meets", "open", "opened", "visit", "visited", "visits", "attend",
    "attended", "attends", "addressed", "addressing", "spoke", "speaking", "participated", "participates",
    "participating", "участвовать", "вручить", "presented", "arranged", "organized", "organised", "staged",
    "организовать", "организованный",
}
# Nouns of a visit or a meeting that place the event when the place follows them closely, before any verb:
# `в ходе визита в Брюссель`, `на заседании Совета глав государств ШОС в Тяньцзине`, `summit in Astana`.
EVENT_NOUNS = {
    "визит", "поездка", "trip", "заседание", "саммит", "сессия", "встреча", "форум", "конференция", "переговоры",
    "брифинг",
    "пресс-конференция", "церемония", "прием", "приём", "reception", "visit", "sidelines", "summit", "meeting",
    "session", "talks", "forum", "conference", "briefing", "ceremony", "assembly", "negotiations", "consultations",
    "консультации", "выступление", "speech", "remarks",
}
NOUN_WINDOW = 12  # `в ходе встречи с министром иностранных дел Ирана Мохаммадом Джавадом Зарифом сегодня в Астане`
MAX_NOUN_REACH = 30  # tokens after the noun, names included
NAME_GLUE = {"of", "the", "and", "for", "on"}  # inside a body's name: `Council of Heads of State`
MAX_VENUE_WORDS = 4
WORDS_BEFORE_PLACE = 4  # lower-case words between a preposition and the place: `в азербайджанской Габале`
# `ситуацию в Афганистане`, `кризиса в Украине`: a place that is the topic, not the venue.
TOPIC_NOUNS = {
    "ситуация", "обстановка", "кризис", "конфликт", "урегулирование", "мир", "стабильность", "безопасность",
    "событие", "положение", "война", "situation", "crisis", "conflict", "war", "peace", "settlement",
    # a disaster and its victims are where help goes, not where the event is
    "землетрясение", "наводнение", "бедствие", "катастрофа", "пострадавший", "earthquake", "flood", "disaster",
    "victims",
    # a seat at a table, not a room: `председательство Казахстана в СБ ООН`, `membership in the Security Council`
    "председательство", "членство", "chairmanship", "membership", "presidency",
    # a post, not a room: `Посол Казахстана в Великобритании`, `Ambassador of Kazakhstan to Belgium`
    "посол", "постпред", "консул", "ambassador", "envoy", "consul",
}
FUTURE_WORDS = {"будет", "будут", "предстоящий", "предстоящем", "предстоящего", "предстоит", "планирует", "will",
                "upcoming", "next", "планируется", "намерен", "намерена", "ahead", "преддверии",
                "be", "scheduled", "slated", "forthcoming", "set"}  # `to be held`, `scheduled for`, `set to take place`
# A plan, an offer or an invitation (`предлагается провести в Астане`, `пригласил посетить Астану`) is not the event.
PLAN_LEMMAS = {
    "предлагаться", "предлагать", "предложить", "планировать", "планироваться", "намереваться", "договориться",
    "пригласить", "приглашать", "запланировать", "наметить", "подготовка", "invite", "invited", "invites",
    "preparation", "preparations", "plan", "plans", "planned", "intends", "expected",
}
PREPOSITIONS = {"в", "во", "на", "in", "at", "to"}
# Words that end a preposition's phrase before its place: `in May for the Astana Forum`, `в рамках и для …`
PHRASE_ENDS = {"for", "from", "with", "by", "on", "and", "or", "after", "before", "during", "для", "с", "из", "по",
               "и", "после", "до", "или"}
# `в поселке Бурабай`, `станции «Хайратон»`, `the city of Turkistan`: the name after the noun, as written when the
# place list does not know it.
SETTLEMENT_NOUNS = {
    "город", "поселок", "посёлок", "село", "аул", "станция", "деревня", "столица", "city", "town", "village", "capital",
}
SETTLEMENT_AFTER = {"station", "city", "village"}  # `at Hairatan Station`
# Words that may open a sentence before its place (`4 февраля 2022 года в Нур-Султане …`, `Last week in Astana, …`).
OPENING_WORDS = {
    "сегодня", "вчера", "накануне", "утром", "днем", "вечером", "года", "год", "г", "today", "yesterday", "last",
    "this", "week", "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
MAX_OPENING_WORDS = 5
# A sentence that looks back on an earlier event: `Напомним, ранее в Вене …`, `Earlier, the ministers met in Baku`.
LOOK_BACK = {"напомним", "ранее", "прежде", "earlier", "previously", "recall"}
# Taking part from afar: `в режиме видеоконференции`, `онлайн`, `by video link`, `virtually`.
REMOTE_WORDS = {
    "видеосвязь", "видеоконференция", "телемост", "онлайн", "дистанционно", "online", "video", "videoconference",
    "virtually", "remotely",
}
REMOTE_PREFIXES = ("онлайн-", "видео", "online-", "video")
# `Рад приветствовать вас в Казахстане`, `welcome you to Astana`
WELCOME_LEMMAS = {"приветствовать", "поприветствовать", "welcome"}
WELCOMED = {"вас", "всех", "you", "all"}
WELCOME_WINDOW = 6  # `welcome you and your delegation here in …`
MAX_DISTANCE = 12  # words between the verb and the place
FROM_DISTANCE = 3  # `said on Friday from Sochi`: the city a speaker spoke from, right after the verb
SPEECH_DISTANCE = 16  # `said to the visiting chairman of the EES board, Tigran Sarkisian of Armenia, in Astana`
HOST_VERBS = {"hosted", "hosts", "host", "hosting"}  # Russian `принял` is as often `принял участие`
SPEECH_WORDS = {"said", "says", "stated", "заявил", "заявила", "сказал", "сказала", "сообщил", "сообщила", "отметил",
                "отметила", "выступил", "выступила", "spoke", "told"}
FIRST_SENTENCES = 6  # a lede may name its place after a quote or two
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
    city_ids: dict[str, int]  # any name of a city with other names (`Нур-Султан`, `Astana`), lower case -> one id
    capitals: dict[str, str]  # a country's adjective (a Russian lemma, or English lower case) -> its capital
    dateline_venues: dict[str, str]  # `UNITED NATIONS` as a dateline, lower case -> its city
    country_capitals: dict[str, str]  # a country as reported -> its capital

    def name_of(self, word: str) -> str | None:
        """The place a single word names, in any case form or language (`Пекина` → Пекин), or None."""
        low = word.lower().strip(",.")
        return self.ru_forms.get(low) or self.en_names.get(low)

    def same_city(self, a: str, b: str) -> bool:
        """`Астана` and `Нур-Султан`, `New York` and `New York City`: one city under two of its names."""
        ids = self.city_ids
        return a.lower() == b.lower() or (a.lower() in ids and ids.get(a.lower()) == ids.get(b.lower()))


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
        stems = [low[:-1] + e for e in ("ы", "ах", "ов", "ам", "е")]  # `в Алмате`, as the name is often declined
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
    countries = frozenset([*data["countries"], *data["countries"].values()])
    home = frozenset([*data["home"]["country"], *(c.casefold() for c in data["home"]["cities"])])
    not_places = frozenset(n.lower() for n in data["not_places"]["names"])
    venues = {k.lower(): v for k, v in data["venues"].items()}
    city_ids: dict[str, int] = {}
    for n, group in enumerate(data["same_city"]["groups"]):
        for name in group:
            city_ids[name.lower()] = n
            if re.fullmatch(r"[A-Za-z' .-]+", name):
                english.setdefault(name.lower(), name)
            else:
                for form in ru_forms(name):
                    forms.setdefault(form, name)
    firsts = frozenset(name.split()[0] for name in english if " " in name)
    capitals = {k.lower(): v for k, v in data["capital_adjectives"].items()}
    dateline_venues = {k.lower(): v for k, v in data["dateline_venues"].items()}
    country_capitals = dict(data["country_capitals"])
    return Gazetteer(
        forms, english, firsts, not_places, countries, home, venues, city_ids, capitals, dateline_venues,
        country_capitals,
    )


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
    capital = _capital_of_adjective(tokens, i)
    if capital:
        return capital
    if not token.is_capitalized:
        return None
    low = token.text.lower()
    if re.fullmatch(r"[A-Za-z'-]+", token.text):
        for size in (3, 2):  # `New York City`, `New York`
            words = tokens[i : i + size]
            if len(words) < size or not all(t.is_capitalized for t in words):
                continue
            name = " ".join(t.text.lower() for t in words)
            if name in gazetteer.en_names:
                return gazetteer.en_names[name]
            if name.replace(" ", "-") in gazetteer.en_names:  # `Nur Sultan`, as written
                return " ".join(t.text for t in words)
        place = gazetteer.en_names.get(low)
        return None if place and _names_a_body(tokens, i + 1) else place
    if i + 1 < len(tokens) and f"{low} {tokens[i + 1].text.lower()}" in gazetteer.ru_forms:  # Северной Македонии
        return gazetteer.ru_forms[f"{low} {tokens[i + 1].text.lower()}"]
    if low in gazetteer.ru_forms:
        return gazetteer.ru_forms[low]
    if not guess or token.text.isupper():  # `в РК`, `в ЕС`: an abbreviation is no city to decline
        return None
    for p in parses(low):
        if "Geox" in p.tag and p.tag.case in {"loct", "loc2", "datv", "nomn", "accs"} and p.tag.POS == "NOUN":
            if p.normal_form.replace("ё", "е") in gazetteer.not_places:
                return None
            return "-".join(part.capitalize() for part in p.normal_form.split("-"))
    return None


BODY_WORDS = {"cooperation", "organisation", "organization", "council", "union", "bank", "community", "university"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _names_a_body(tokens: list[Token], i: int) -> bool:
    """An English place name followed by capitalised words is a part of a name (`Qatar News Agency`, `Nursultan
    Nazarbayev`), unless those words name an event held there (`the Tashkent High-Level Conference`) or a day
    (`met in Astana Tuesday`)."""
    from bot.news.dates import month_number

    if i >= len(tokens) or not tokens[i].is_capitalized or not _is_latin(tokens[i].text):
        return False
    if tokens[i].start - tokens[i - 1].end > 1:  # `in Astana, I asked`: a comma or a stop between
        return False
    first = tokens[i].text.lower()
    if first in WEEKDAYS or month_number(first) is not None or load_gazetteer().name_of(first):
        return False
    for token in tokens[i : i + 4]:
        if token.text.lower() in BODY_WORDS:  # `the Shanghai Cooperation Organisation Summit`: a body's name
            return True
        if token.text.lower() in EVENT_NOUNS or token.lemma in EVENT_NOUNS:
            return False
        if not token.is_capitalized:
            break
    return True


def _capital_of_adjective(tokens: list[Token], i: int) -> str | None:
    """`во французской столице` → Париж, `in the Uzbek capital` → Tashkent, `South Korean capital` → Seoul."""
    capitals = load_gazetteer().capitals
    for size in (1, 2):
        if i + size < len(tokens) and tokens[i + size].lemma in {"столица", "capital"}:
            words = tokens[i : i + size]
            key = " ".join(t.text.lower() for t in words) if _is_latin(words[0].text) else words[-1].lemma
            if key in capitals and (size == 1 or _is_latin(words[0].text)):
                return capitals[key]
    return None


def _is_verb(token: Token) -> bool:
    return is_verb_word(token.text.lower())


@lru_cache(maxsize=50_000)
def is_verb_word(low: str) -> bool:
    if re.fullmatch(r"[a-z]+", low):
        return False
    return parses(low)[0].tag.POS in {"VERB", "INFN", "GRND"}


@lru_cache(maxsize=50_000)
def is_event_verb(low: str) -> bool:
    """A verb (or participle) of an event happening, not in the future tense."""
    if re.fullmatch(r"[a-z]+", low):
        return low in EVENT_VERBS
    readings = [p for p in parses(low) if p.normal_form.replace("ё", "е") in EVENT_VERBS]
    if not readings:
        return False
    tag = readings[0].tag
    return tag.tense != "futr" and tag.POS in {"VERB", "PRTF", "PRTS", "GRND", "ADJF", "NOUN", "INFN"}


SPEECH_LEMMAS = {"заявить", "сказать", "сообщить", "отметить", "подчеркнуть", "рассказать", "объявить", "выступить"}
ENGLISH_SPEECH = {"noted", "emphasized", "emphasised", "stressed", "announced", "told", "declared", "underlined"}


@lru_cache(maxsize=50_000)
def word_role(low: str) -> str | None:
    """What a word may tell of a place: a welcome, an event verb, an event noun, words said (`подчеркнул в
    Астане`, `заявили на брифинге в Вене`, `stressed in Astana`), or nothing."""
    lem = lemma(low)
    if lem in WELCOME_LEMMAS:
        return "welcome"
    if is_event_verb(low):
        return "verb"
    if lem in EVENT_NOUNS:
        return "noun"
    if low in SPEECH_WORDS or low in ENGLISH_SPEECH or (lem in SPEECH_LEMMAS and is_past_verb(low)):
        return "speech"
    return None


@lru_cache(maxsize=50_000)
def is_past_verb(low: str) -> bool:
    if re.fullmatch(r"[a-z]+", low):
        return False
    tag = parses(low)[0].tag
    return tag.POS == "VERB" and tag.tense == "past"


def _is_future(tokens: list[Token], i: int) -> bool:
    """A plan, not the event: `будет`, `will`, `предлагается`, or a verb in the future tense next to the word
    (`прибудет с официальным визитом в Казахстан`)."""
    return _plan_near(_plan_words(tokens), i)


def _plan_words(tokens: list[Token]) -> list[bool]:
    return [is_plan_word(t.text.lower()) for t in tokens]


def _plan_near(plans: list[bool], i: int, start: int = 0) -> bool:
    return any(plans[max(start, i - 4) : i + 2])


def _after_quote(sentence: str, tokens: list[Token], v: int) -> int:
    """The first word after the quotation that a verb of saying closes: `«…, который состоится в ноябре», – сказал
    он в Алма-Ате`: the quote's future is not the speaker's."""
    close = max(sentence.rfind(mark, 0, tokens[v].start) for mark in "»”\"")
    return next((k for k in range(v + 1) if tokens[k].start > close), v) if close >= 0 else 0


@lru_cache(maxsize=50_000)
def is_plan_word(low: str) -> bool:
    if low in LOOK_BACK:  # `Напомним`: a future form that looks back
        return False
    if low in FUTURE_WORDS or lemma(low) in PLAN_LEMMAS:
        return True
    if re.fullmatch(r"[a-z]+", low):
        return False
    tag = parses(low)[0].tag
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
        if tokens[i].text.lower() in {"что", "that", "чтобы", "о", "об", "about"}:
            return None  # what was said, and of which places: `заявил о проведении … в Астане`
        if tokens[i].text.lower() == "from" and i - v <= FROM_DISTANCE:  # `said on Friday from Sochi, where …`
            place = known_place(tokens, i + 1)
            if place and place not in load_gazetteer().countries:
                return place
        if tokens[i].text.lower() in {"в", "во", "на", "in", "at"} and not _after_topic(tokens, i):
            at = i + 2 if i + 2 < len(tokens) and tokens[i + 1].text.lower() == "the" else i + 1
            # `stated … at the Tashkent Conference on Afghanistan`, `told ENA in the capital city Astana`
            place = known_place(tokens, at) or _place_after_preposition(tokens, i)
            if place:
                return place
    return None


def event_place(sentence: str) -> str | None:
    """The place of the event a sentence tells of: a place after a preposition near an event word, or the
    object of a visit (`посетил Брюссель`)."""
    tokens = tokenize(sentence)
    if tokens and tokens[0].text.lower() in LOOK_BACK:
        return None
    plans = _plan_words(tokens)
    opening = _opening_place(tokens)
    if opening:
        return None if any(plans) else opening
    acted = _place_of_the_act(tokens, sentence)
    if acted and not any(plans):
        return acted
    country = None
    for v, role in enumerate(word_role(t.text.lower()) for t in tokens):
        if role is None or _plan_near(plans, v, _after_quote(sentence, tokens, v) if role == "speech" else 0):
            continue
        if role == "welcome":
            place = _welcome_place(tokens, v)
        elif role == "verb":
            place = _host_place(tokens, v) or _place_near_verb(tokens, v)
        elif role == "noun":
            # `следующего заседания … в Астане`: the next meeting is a plan (`на следующий день` is not)
            next_one = v > 0 and tokens[v - 1].lemma == "следующий"
            place = None if next_one else _place_after_noun(tokens, v, sentence)
        else:
            place = _place_after_speech(tokens, v)
        if place and place not in load_gazetteer().countries:
            return place
        country = country or place  # `on a visit to France, met President Macron in Paris`: the city says more
    return country or _remote_place(tokens) or _reporter_place(tokens) or _place_for_an_event(tokens)


def _place_of_the_act(tokens: list[Token], sentence: str) -> str | None:
    """A city right before a verb in the past tense and the singular is where its subject acted (`Касым-Жомарт Токаев
    в Вашингтоне присоединился к …`; not `в Вашингтоне заявили`: a plural with no subject is an institution's); a city
    and the day right after it is where a caption's photo was taken (`X in Brussels on 22 June 2021`)."""
    from bot.news.dates import month_number

    for i in range(len(tokens) - 2):
        if tokens[i].text.lower() not in {"в", "во", "in"}:
            continue
        place = _place_after_preposition(tokens, i)
        if not place or place in load_gazetteer().countries:
            continue
        for k in (i + 2, i + 3):  # after a name of one or two words
            low = tokens[k].text.lower() if k < len(tokens) else ""
            same_clause = bool(low) and "," not in sentence[tokens[i].end : tokens[k].start]
            if same_clause and is_past_verb(low) and not _impersonal_past(low):
                return place
        day = [t.text.lower() for t in tokens[i + 1 + len(place.split()) :][:3]]
        day = day[1:] if day[:1] == ["on"] else day
        if len(day) >= 2 and day[0].isdigit() and month_number(day[1]) is not None:
            return place
    return None


def _welcome_place(tokens: list[Token], v: int) -> str | None:
    """`Рад приветствовать вас в Казахстане`, `welcome you and your delegation here in our capital, Astana`,
    `welcome to Astana!`: the place the guests are welcomed to."""
    if v + 1 >= len(tokens):
        return None
    if tokens[v + 1].text.lower() == "to":
        return _place_after_preposition(tokens, v + 1)
    if tokens[v + 1].text.lower() not in WELCOMED and not (v > 0 and tokens[v - 1].text.lower() in WELCOMED):
        return None  # `приветствовать вас`, `вас поприветствовать`
    for i in range(v + 2, min(len(tokens) - 1, v + 2 + WELCOME_WINDOW)):
        if tokens[i].text.lower() in PREPOSITIONS:
            return _place_after_preposition(tokens, i)
    return None


def _remote_place(tokens: list[Token]) -> str | None:
    """`Онлайн-старт работе банка Назарбаев дал из Астаны`, `addressed the summit by video link from Astana`: one
    who takes part from afar is where the text follows him."""
    if not any(t.lemma in REMOTE_WORDS or t.text.lower().startswith(REMOTE_PREFIXES) for t in tokens):
        return None
    for i, token in enumerate(tokens[:-1]):
        if token.text.lower() in {"из", "from"}:
            place = known_place(tokens, i + 1)
            if place:
                return place
    return None


def _place_for_an_event(tokens: list[Token]) -> str | None:
    """`is in Washington for talks with …`, `was in Brussels for the summit`: a city, then `for` and an event."""
    for i, token in enumerate(tokens[:-2]):
        if token.text.lower() != "in":
            continue
        place = known_place(tokens, i + 1)
        if place is None or place in load_gazetteer().countries:
            continue
        after = i + 1 + len(place.split())
        if after + 1 < len(tokens) and known_place(tokens, after) in load_gazetteer().countries:
            after += len(tokens[after].text.split())  # `in Tashkent, Uzbekistan for a meeting`
        if after < len(tokens) and tokens[after].text.lower() == "for":
            words = [t.text.lower() for t in tokens[after + 1 : after + 4]]
            if any(w in EVENT_NOUNS for w in words):
                return place
    return None


REPORTER_LEMMAS = {"корреспондент", "correspondent", "correspondents"}
REPORTER_REACH = 8  # `сообщает специальный корреспондент Tengrinews.kz из Минска`


def _reporter_place(tokens: list[Token]) -> str | None:
    """`передает корреспондент МИА «Казинформ» из Нью-Йорка`, `Kazinform's correspondent reports from Beijing`: the
    city an outlet's reporter writes from is where the event is."""
    for r, token in enumerate(tokens):
        if token.lemma not in REPORTER_LEMMAS:
            continue
        for i in range(r + 1, min(len(tokens) - 1, r + 1 + REPORTER_REACH)):
            if tokens[i].text.lower() in {"из", "from"}:
                place = known_place(tokens, i + 1)
                return place if place and place not in load_gazetteer().countries else None
    return None


def _opening_place(tokens: list[Token]) -> str | None:
    """`4 февраля 2022 года в Нур-Султане … подписали`, `Last week in Astana, I asked …`: a city that opens the
    sentence (after its date) is where all of it happened, unless the sentence tells of a plan."""
    from bot.news.dates import month_number

    for i, token in enumerate(tokens[: MAX_OPENING_WORDS + 1]):
        low = token.text.lower()
        if low in {"в", "во", "in"}:
            place = _place_after_preposition(tokens, i)
            if not place or place in load_gazetteer().countries or place.lower() in load_gazetteer().not_places:
                return None
            return None if _institution_speaks(tokens, i + 1) else place
        if not (low.isdigit() or low in OPENING_WORDS or month_number(low) is not None):
            return None
    return None


def _institution_speaks(tokens: list[Token], i: int) -> bool:
    """`В Кремле анонсировали визит`, `В Белом доме заявили`: a seat of power that speaks (a plural verb with no
    subject, of no event) is who said it, not where anything happened."""
    venues = load_gazetteer().venues
    for j in range(i + 1, min(len(tokens), i + MAX_VENUE_WORDS + 1)):
        if " ".join(t.text.lower() for t in tokens[i:j]) in venues:  # the venue's words, then the verb at j
            low = tokens[j].text.lower()
            return _impersonal_past(low) and not is_event_verb(low)
    return False


def _impersonal_past(low: str) -> bool:
    """`заявили`, `анонсировали`: a verb in the past tense and the plural."""
    return is_past_verb(low) and parses(low)[0].tag.number == "plur"


def _place_after_preposition(tokens: list[Token], i: int) -> str | None:
    """`в Минске`; `в азербайджанской Габале`, `в богатом историей городе Тяньцзине` (a few lower-case words
    between, then a place the gazetteer knows)."""
    if tokens[i].text.lower() not in PREPOSITIONS or i + 1 >= len(tokens):
        return None
    if _after_topic(tokens, i):
        return None
    place = place_at(tokens, i + 1) or _republic(tokens, i + 1)
    if place:
        return _narrower_place(tokens, i + 2) or place
    # `в азербайджанской Габале`, `в Доме народных собраний Пекина`, `станции «Хайратон»`: a few words, then a
    # place the gazetteer knows or a settlement's name; a country after them owns the thing (`в МИД Казахстана`)
    gazetteer = load_gazetteer()
    for j in range(i + 1, min(len(tokens), i + 2 + WORDS_BEFORE_PLACE)):
        if tokens[j].text.lower() in PREPOSITIONS | PHRASE_ENDS or tokens[j].text.isdigit():
            return None  # `in May 2025 for the Astana International Forum`: another phrase
        settlement = _settlement(tokens, j)
        if settlement:
            return settlement
        if j > i + 1 and tokens[j].start - tokens[j - 1].end > 1:
            return None  # `in a narrow format, the Akorda press service`: a comma or a bracket ends the phrase
        if j > i + 1 and tokens[j].is_capitalized:
            place = known_place(tokens, j)
            size = len(place.split()) if place else 0
            as_written = place is not None and " ".join(t.text for t in tokens[j : j + size]) == place
            after = j + size if as_written else len(tokens)
            if after < len(tokens) and _names_a_body(tokens, after):
                return None  # `в интервью газете The New York Times`: a name that holds a place's
            if place and place not in gazetteer.countries:
                return place
    return None


def _after_topic(tokens: list[Token], i: int) -> bool:
    """The preposition at i follows a topic noun, maybe with its owner between (`председательства Казахстана в`)."""
    if i > 0 and tokens[i - 1].lemma in TOPIC_NOUNS:
        return True
    # not `Совета коллективной безопасности ОДКБ в Астане`: an organisation's name is no owner of a topic
    owner = tokens[i - 1].text if i > 0 else ""
    return i > 1 and tokens[i - 1].is_capitalized and not owner.isupper() and tokens[i - 2].lemma in TOPIC_NOUNS


def _settlement(tokens: list[Token], j: int) -> str | None:
    """`поселке Бурабай`, `станции «Хайратон»`, `city of Turkistan`, `Hairatan Station`: the name of a settlement
    or a station, in the nominative when the place list knows it, else as written (an apposition is nominative)."""
    if j + 1 >= len(tokens):
        return None
    name = j + 1
    if tokens[j].text.lower() == "г":  # `г. Минск`, not `2014 г. В Минске`: a place the gazetteer knows
        return place_at(tokens, name)
    if tokens[j].lemma not in SETTLEMENT_NOUNS:
        if not (tokens[j].is_capitalized and tokens[j + 1].text.lower() in SETTLEMENT_AFTER):
            return None
        if j + 3 < len(tokens) and tokens[j + 2].text.lower() == "of":  # `the Russian city of Sochi`
            return _settlement(tokens, j + 1)
        name = j
    elif tokens[name].text.lower() == "of" and name + 1 < len(tokens):
        name += 1
    if not tokens[name].is_capitalized:
        return None
    if tokens[j].lemma in {"столица", "capital"}:  # `в столице Башкортостана`: the owner, not the city's name
        return place_at(tokens, name)
    return place_at(tokens, name) or _nominative_settlement(tokens[name].text)


def _nominative_settlement(word: str) -> str:
    """`в городе Уфе` → `Уфа`: a Russian place name the dictionary knows, in the nominative; else as written
    (`станции «Хайратон»`, `Hairatan Station`: an apposition in the nominative)."""
    if re.fullmatch(r"[а-яё-]+", word.lower()):
        geo = next((p for p in parses(word) if "Geox" in p.tag), None)
        if geo is not None:
            return geo.normal_form.capitalize()
    return word


def _narrower_place(tokens: list[Token], i: int) -> str | None:
    """`В Астане в поселке Бурабай`: a settlement right after a place names where exactly."""
    if i + 1 < len(tokens) and tokens[i].text.lower() in {"в", "во", "in"}:
        return _settlement(tokens, i + 1)
    return None


def _republic(tokens: list[Token], i: int) -> str | None:
    """`в Республике Алтай` → `Республика Алтай`; `в Республике Корея` is the country."""
    if tokens[i].lemma != "республика" or not tokens[i].is_capitalized or i + 1 >= len(tokens):
        return None
    name = tokens[i + 1]
    if not name.is_capitalized:
        return None
    return known_place(tokens, i + 1) or f"Республика {name.text}"


def _place_near_verb(tokens: list[Token], v: int) -> str | None:
    if v + 1 < len(tokens) and tokens[v].lemma in {"посетить", "посещать", "visit", "visits", "visited", "visiting"}:
        place = place_at(tokens, v + 1)
        if place:
            return place
    # the words nearest the verb first, the one after it first at equal distance (no sort of the whole
    # sentence per verb: a sentence of many verbs stays linear)
    near = [i for d in range(MAX_DISTANCE + 1) for i in dict.fromkeys((v + d, v - d)) if 0 <= i < len(tokens) - 1]
    country = None
    for i in near:
        place = _place_after_preposition(tokens, i)
        if place and place not in load_gazetteer().countries:
            return place
        country = country or place
    return country


def _place_after_noun(tokens: list[Token], n: int, sentence: str) -> str | None:
    # a body's name costs nothing: `on the sidelines of the session of the Council of Heads of State of the CIS in
    # Astana` is as near as `on the sidelines of the session in Astana`; a comma ends the noun's phrase
    budget = NOUN_WINDOW
    for i in range(n + 1, min(len(tokens) - 1, n + 1 + MAX_NOUN_REACH)):
        if _is_verb(tokens[i]) or tokens[i].text.lower() in FUTURE_WORDS:  # `The summit is to be held in Astana`
            return None

        if budget < NOUN_WINDOW and "," in sentence[tokens[i - 1].end : tokens[i].start]:
            return None
        place = _place_after_preposition(tokens, i)
        if place:
            return place
        if not (tokens[i].is_capitalized or tokens[i].text.isupper() or tokens[i].text.lower() in NAME_GLUE):
            budget -= 1
        if budget <= 0:
            return None
    return None


def find_location(
    dateline_city: str | None, sentences: list[str], weak_dateline: bool = False, dateline_lede: str | None = None
) -> str | None:
    """Where the event happened: a place in an event sentence of the title or the lede wins over the dateline
    (which says where the outlet is); further down, a place counts only when there is no dateline (it may be a
    meeting the text looks back on) or only a weak one (the city of the page's date line, where the outlet sits).
    A country (`визит в Кыргызстан`) yields to the dateline city."""
    # menus and captions are no sentences: count only those of a few words
    real = [s for s in sentences if len(s.split()) >= MIN_SENTENCE_WORDS][:FIRST_SENTENCES]
    # the lede: the title and the first sentence, and the first two sentences after the dateline (`АСТАНА, 9
    # октября. /ТАСС/. Россия была … союзником. Об этом заявил Токаев, выступая в Душанбе`), below any subtitle
    start = next((n for n, s in enumerate(real) if dateline_lede and dateline_lede.startswith(s[:40])), None)
    for n, sentence in enumerate(real):
        place = event_place(sentence)
        lede = n < LEDE_SENTENCES or (start is not None and start <= n < start + LEDE_SENTENCES)
        if place and (lede or not dateline_city or weak_dateline):
            place = (
                city_in_country(place, real[n + 1 :], real[: LEDE_SENTENCES + 1])
                or capital_named(place, sentences[:FAR_SENTENCES])
                or closer_place(place, dateline_city, weak_dateline)
            )
            return place if place == dateline_city else as_the_text_names_it(place, sentences[:FAR_SENTENCES])
    if not dateline_city:  # `Встреча лидеров состоялась 6 ноября в Вашингтоне` further down, no dateline above
        further = [s for s in sentences if len(s.split()) >= MIN_SENTENCE_WORDS][FIRST_SENTENCES:FAR_SENTENCES]
        for sentence in further:
            place = event_place(sentence)
            if place and place not in load_gazetteer().countries:
                return as_the_text_names_it(place, sentences[:FAR_SENTENCES])
    home = load_gazetteer().home
    if dateline_city and dateline_city.casefold() not in home:
        # a foreign outlet's dateline over a visit to Kazakhstan: `Baku, Azerbaijan` … `Amano's visit to Kazakhstan`
        visit = next((p for p in map(visit_place, sentences[:FAR_SENTENCES]) if p), None)
        if visit and (visit in home or visit.casefold() in home):
            return visit
    return dateline_city


def city_in_country(place: str, following: list[str], lede: Sequence[str] = ()) -> str | None:
    """`находится с визитом в Китае. В Пекине он провел переговоры …`: a visit to a country names its city a
    sentence or two later, or the lede names a settlement by its kind (a city at home is not in a foreign country)."""
    gazetteer = load_gazetteer()
    if place not in gazetteer.countries:
        return None
    abroad = place not in gazetteer.home
    cities = (event_place(s) for s in following)
    settlements = (settlement_named(s) for s in lede)  # `Курортный поселок Бурабай … выступил площадкой саммита`
    for city in chain(cities, settlements):
        if city and city not in gazetteer.countries and not (abroad and city.casefold() in gazetteer.home):
            return city
    return None


def settlement_named(sentence: str) -> str | None:
    """`Курортный поселок Бурабай`, `the city of Turkistan`: a settlement the sentence names by its kind (not a
    capital, which names its owner: `в столице Башкортостана`)."""
    tokens = tokenize(sentence)
    for j, token in enumerate(tokens):
        if token.lemma in SETTLEMENT_NOUNS and token.lemma not in {"столица", "capital"}:
            place = _settlement(tokens, j)
            if place:
                return place
    return None


def capital_named(place: str, sentences: list[str]) -> str | None:
    """`рабочий визит в Таджикистан` … `город Душанбе`: a country whose capital the text names stands for it."""
    gazetteer = load_gazetteer()
    capital = gazetteer.country_capitals.get(place)
    if capital is None:
        return None
    for sentence in sentences:
        tokens = tokenize(sentence)
        plans = _plan_words(tokens)
        for i in range(len(tokens) - 1):
            # `в Душанбе`, `город Душанбе`, not `the Astana International Forum` nor `совет в Пекине` ahead
            named = _place_after_preposition(tokens, i) or _settlement(tokens, i)
            if named == capital and not _plan_near(plans, i):
                return capital
    return None


def as_the_text_names_it(place: str, sentences: list[str]) -> str:
    """`в Акорде` in a text of 2020 that says `Нур-Султан`: a city under the name the text itself uses."""
    gazetteer = load_gazetteer()
    group = gazetteer.city_ids.get(place.lower())
    if group is None:
        return place
    names: Counter[str] = Counter()
    for sentence in sentences:
        for token in tokenize(sentence):
            name = gazetteer.name_of(token.text) if token.is_capitalized else None
            if name and gazetteer.city_ids.get(name.lower()) == group and _is_latin(name) == _is_latin(place):
                names[name] += 1
    fuller = [n for n in names if n != place and place.lower() in n.lower()]
    if fuller:  # `в Петербурге` in the title, `В Санкт-Петербурге` in the text: the full name
        return fuller[0]
    if not names or place in names:
        return place
    return names.most_common(1)[0][0]


def _is_latin(name: str) -> bool:
    return re.fullmatch(r"[A-Za-z' .-]+", name) is not None


VISIT_LEMMAS = {"визит", "visit", "прибыть", "arrived", "arrive"}
FAR_SENTENCES = 12


def visit_place(sentence: str) -> str | None:
    """`Amano's visit to Kazakhstan`, `Xi arrived in the Kazakh capital of Astana`: where a visit went; not one of a
    year the sentence names (`In November 2024, Putin paid a state visit to Astana`: a visit it looks back on)."""
    if re.search(r"\b(?:19|20)\d\d\b", sentence):
        return None
    tokens = tokenize(sentence)
    for v, token in enumerate(tokens):
        if token.lemma in VISIT_LEMMAS and not _is_future(tokens, v):
            noun = token.lemma in EVENT_NOUNS
            place = _place_after_noun(tokens, v, sentence) if noun else _place_near_verb(tokens, v)
            if place:
                return place
    return None


def as_dateline_writes_it(place: str, dateline_city: str | None) -> str:
    """`in Akorda` under the dateline `NUR-SULTAN`: one city, named as the text of its time names it."""
    if dateline_city and load_gazetteer().same_city(place, dateline_city):
        return dateline_city
    return place


def closer_place(place: str, dateline_city: str | None, weak_dateline: bool = False) -> str:
    """A country gives way to the dateline city, unless one is at home and the other abroad (`ALMATY — … paid an
    official visit to Russia`, `HÀ NỘI – … a working trip to Kazakhstan`). The outlet's own seat (a weak dateline)
    yields to any other country."""
    gazetteer = load_gazetteer()
    if not dateline_city or place not in gazetteer.countries:
        return as_dateline_writes_it(place, dateline_city)
    home_dateline = dateline_city.casefold() in gazetteer.home
    capital = gazetteer.country_capitals.get(place)
    if capital and gazetteer.same_city(capital, dateline_city):
        return dateline_city  # `Baku` over `a visit to Azerbaijan`: the country's own capital says more
    if weak_dateline:
        return dateline_city if home_dateline and place in gazetteer.home else place
    # `HÀ NỘI – A delegation … paid a working trip to Kazakhstan`: the other side of the border wins either way
    return place if home_dateline != (place in gazetteer.home) else dateline_city
