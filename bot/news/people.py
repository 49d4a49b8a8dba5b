"""People: names in the nominative, their roles, and surname forms for `/person` queries."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot import DATA_DIR
from bot.news.morph import parses
from bot.news.tokens import Token

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
GENDERS = ("masc", "femn")
NAME_TAGS = ("Name", "Surn", "Patr")
_RUS_SURNAME_RE = re.compile(r"^(?P<base>.+(?:ов|ев|ёв|ин|ын))(?P<end>|а|у|ым|е|ой|ою)$")
_SKY_RE = re.compile(r"^(?P<base>.+(?:ск|цк))(?P<end>ий|ого|ому|им|ом|ая|ой|ую)$")
_CONSONANT_END_RE = re.compile(r"^(?P<base>.+[бвгджзклмнпрстфхцчшщ])(?P<end>а|у|ом|ем|е)$")
_A_END_RE = re.compile(r"^(?P<base>.+[бвгджзклмнпрстфхцчшщ])(?P<end>ой|ей|ы|и|у|ю)$")
_Y_END_RE = re.compile(r"^(?P<base>.+[аеиоуя])(?P<end>я|ю|ем|е)$")
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LATIN = "A-Za-zÀ-ÖØ-öø-ÿĀ-žƠ-ưḀ-ỿ"  # Vietnamese too: `Nguyễn Xuân Thắng`
_CAPS_SURNAME_RE = re.compile(r"(?:ов|ев|ёв|ин|ова|ева|ина|енко|ян|дзе|ov|ev|yev|in|ova|eva|ina|enko|yan|dze)$")
_LATIN_NAME_RE = re.compile(rf"[{_LATIN}'’.-]+")
# English capitalised words that are no names (`Development Goals`, `Chairpersonship`, `Human Rights`)
_ENGLISH_NOT_NAME_END_RE = re.compile(
    r"(?:ship|tion|sion|ment|ments|ity|ety|ness|ance|ence|ency|ism|ists?|ive|ous|als|ical|ies|ure|ology|cracy|ions)$"
)
_INITIAL_RE = re.compile(rf"\b(?P<initials>(?:[{_UPPER}]\.\s?-?){{1,3}})\s?(?P<surname>[{_UPPER}][\w-]+)")


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def surname_forms(query: str) -> set[str]:
    """Nominative lower-case surnames a query may mean, in any case and script: `Ашикбаеву` →
    {"ашикбаев"}, `Токаева` → {"токаев", "токаева"} (his genitive or her nominative), `Tokayev` and
    `Тоқаев` → {"токаев", "tokayev", "tokaev"} (bot/news/translit.py)."""
    words = query.strip().split()
    if not words:
        return set()
    return set(_surname_forms_of(fold(surname_word(words).split(".")[-1])))


@lru_cache(maxsize=50_000)  # asked for every capitalised word of every sentence
def _surname_forms_of(word: str) -> frozenset[str]:
    from bot.news.translit import LATIN_RE, latin_spellings, spellings

    forms = {fold(f) for spelling in spellings(word) for f in _surname_candidates(spelling)}
    return frozenset(forms | {latin for f in forms if not LATIN_RE.search(f) for latin in latin_spellings(f)})


def surname_word(words: list[str]) -> str:
    """The word of a name that is the surname: the last, or the first in a Chinese or Korean name (`Wang Yi`)."""
    if len(words) in (2, 3) and words[0] in surname_first():  # `Yoon Suk Yeol`, `Мун Чжэ Ин`
        return words[0]
    return words[-1]


@lru_cache(maxsize=1)
def surname_first() -> frozenset[str]:
    return frozenset(str(w) for w in vocabulary().get("surname_first", []))


def _surname_candidates(word: str) -> dict[str, set[tuple[str, str]]]:
    """Nominative surname -> the (case, gender) readings of `word` that give it."""
    out: dict[str, set[tuple[str, str]]] = {}

    def add(nominative: str, readings: str) -> None:
        for r in readings.split():
            case, gender = r.split(":")
            out.setdefault(nominative, set()).add((case, gender))

    low = word.lower()
    m = _RUS_SURNAME_RE.match(low)
    if m:
        base, end = m.group("base"), m.group("end")
        table = {
            "": [("", "nomn:masc")],
            "а": [("", "gent:masc accs:masc"), ("а", "nomn:femn")],
            "у": [("", "datv:masc"), ("а", "accs:femn")],
            "ым": [("", "ablt:masc")],
            "е": [("", "loct:masc")],
            "ой": [("а", "gent:femn datv:femn ablt:femn loct:femn")],
            "ою": [("а", "ablt:femn")],
        }
        for suffix, readings in table[end]:
            add(base + suffix, readings)
        return out
    m = _SKY_RE.match(low)
    if m:
        base, end = m.group("base"), m.group("end")
        masc = {
            "ий": "nomn:masc",
            "ого": "gent:masc accs:masc",
            "ому": "datv:masc",
            "им": "ablt:masc",
            "ом": "loct:masc",
        }
        femn = {"ая": "nomn:femn", "ой": "gent:femn datv:femn ablt:femn loct:femn", "ую": "accs:femn"}
        if end in masc:
            add(base + "ий", masc[end])
        if end in femn:
            add(base + "ая", femn[end])
        return out
    # a surname that does not decline, or a foreign one, which declines only for a man
    fixed = _is_fixed(low)
    add(low, " ".join(f"{c}:{g}" for c in CASES for g in GENDERS if fixed or g == "femn" or c == "nomn"))
    m = _A_END_RE.match(low)
    if m:  # `Сибигой`, `Небензей`: a surname in -а/-я declines as a noun of that ending, for either sex
        vowel = "я" if m.group("end") in ("ей", "и", "ю") else "а"
        case = {"ой": "ablt", "ей": "ablt", "ы": "gent", "и": "gent", "у": "accs", "ю": "accs"}[m.group("end")]
        add(m.group("base") + vowel, f"{case}:masc {case}:femn")
    for pattern, ends in (
        (_CONSONANT_END_RE, {"а": "", "у": "", "ом": "", "ем": "", "е": ""}),
        (_Y_END_RE, {"я": "й", "ю": "й", "ем": "й", "е": "й"}),
    ):
        m = pattern.match(low)
        if m and m.group("end") in ends:
            case = {
                "а": "gent:masc accs:masc",
                "я": "gent:masc accs:masc",
                "у": "datv:masc",
                "ю": "datv:masc",
                "ом": "ablt:masc",
                "ем": "ablt:masc",
                "е": "loct:masc",
            }[m.group("end")]
            add(m.group("base") + ends[m.group("end")], case)
    return out


def _is_fixed(word: str) -> bool:
    """Surnames that do not decline: Имнадзе, Нуртлеу, Шевченко, Милошевич (for a woman)."""
    return word.endswith(("е", "и", "о", "у", "ю", "ых", "их", "ич", "ко"))


def surname_of(full_name: str) -> str:
    """The lower-case surname of a nominative full name: `Касым-Жомарт Токаев` → `токаев`."""
    parts = [p for p in re.split(r"[\s.]+", full_name.strip()) if p]
    return fold(surname_word(parts)) if parts else ""


@lru_cache(maxsize=50_000)
def first_name_forms(word: str) -> dict[tuple[str, str], str]:
    """(case, gender) readings of a first name or patronymic -> its nominative (`Ержана` → gent/masc: Ержан)."""
    if "-" in word:
        head, _, last = word.rpartition("-")
        return {k: f"{head}-{v}" for k, v in first_name_forms(last).items()}
    out: dict[tuple[str, str], str] = {}
    for p in parses(word):
        if not any(t in p.tag for t in ("Name", "Patr")) or p.tag.case not in CASES:
            continue
        genders = GENDERS if "ms-f" in p.tag or p.tag.gender is None else (str(p.tag.gender),)
        inflected = p.inflect({"nomn"})
        nominative = inflected.word if inflected else p.normal_form
        for g in genders:
            out.setdefault((p.tag.case, g), _cap(nominative))
    if not out and re.fullmatch(r"[а-яё]+", word.lower()):
        # a first name the dictionary lacks (`Олафом`, `Тайипа`, `Жомарта`) declines as a noun does
        declined = {r: name for r, name in surname_readings(word).items() if name.lower() != word.lower()}
        return _soft_readings(word, declined | {("nomn", g): _cap(word.lower()) for g in GENDERS})
    return _soft_readings(word, out)


def _soft_readings(word: str, readings: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """`Адиля`, `Адилю`: also a man's name in -ь (Адиль, Камиль) declined as `Игорь` is, when the dictionary
    knows the word only as a woman's name (`Адиля`) or not at all; the case of the post before decides."""
    soft = _SOFT_NAME_RE.match(word.lower())
    if not soft or any(g == "masc" and c != "nomn" for c, g in readings):
        return readings
    out = dict(readings)
    for case in _SOFT_NAME_CASES[soft.group("end")]:
        out.setdefault((case, "masc"), _cap(soft.group("base") + "ь"))
    return out


_SOFT_NAME_RE = re.compile(r"^(?P<base>.+[лмнр])(?P<end>я|ю|ем|е)$")
_SOFT_NAME_CASES = {"я": ("gent", "accs"), "ю": ("datv",), "ем": ("ablt",), "е": ("loct",)}


def surname_readings(word: str) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for nominative, readings in _surname_candidates(word).items():
        for r in sorted(readings, key=_reading_order):  # a set: sorted, so that runs agree
            out.setdefault(r, _cap(nominative))
    return out


def _reading_order(reading: tuple[str, str]) -> tuple[int, int]:
    return CASES.index(reading[0]), GENDERS.index(reading[1])


def _cap(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


@lru_cache(maxsize=1)
def name_lists() -> dict[str, frozenset[str]]:
    """data/names.toml: first names and name particles (general knowledge, not any one text's names)."""
    data = tomllib.loads((DATA_DIR / "names.toml").read_text(encoding="utf-8"))
    return {key: frozenset(str(w).lower() for w in words) for key, words in data.items()}


def is_particle(word: str) -> bool:
    """`бен`, `Аль`, `al`, `von`: a word that stands inside a name without being one of its names."""
    return word.lower() in name_lists()["name_particles"]


@lru_cache(maxsize=50_000)
def is_name_word(word: str) -> bool:
    """A capitalised word that may be part of a person's name (not a place, not a common word)."""
    head, _, rest = word.partition("-")
    if rest[:1].isupper() and is_particle(head):  # `аль-Аттия`, `al-Faraj`
        return is_name_word(rest)
    if _listed_cyrillic_name(word) or word in surname_first():
        return True  # `Хакан`, which the dictionary reads as a title; `Ван` (И), a Chinese surname
    if word.isupper():  # `Касым-Жомарт ТОКАЕВ, ПРЕЗИДЕНТ …` in a TV caption; short ones are abbreviations
        # `KAIRAT UMAROV (Kazakhstan) said`: a UN summary writes the speaker's name in capitals
        return len(word) >= 5 and (_CAPS_SURNAME_RE.search(word.lower()) is not None or _caps_first_name(word))
    if not word[:1].isupper() or len(word) < 2:
        return False
    if re.fullmatch(rf"[{_LATIN}'’-]+", word):
        low = word.lower()
        glued = re.search(r"[a-z][A-Z]", word) and not word.startswith(("Mc", "Mac"))  # `RealityThe`
        return (
            not glued
            and low not in english_not_names()
            and not _ENGLISH_NOT_NAME_END_RE.search(low)
            and not is_place(low)
        )
    if not re.fullmatch(r"[А-ЯЁа-яёӘҒҚҢӨҰҮҺІәғқңөұүһі-]+", word):
        return False
    readings = parses(word.split("-")[-1])
    top = readings[0]
    # a capitalised word out of the dictionary is a name whatever its ending suggests: the tags are a guess
    # (`Тлеуберди` "looks like" a place, `Фидан` a participle, `Небензя` a gerund)
    if not top.is_known and not word.isupper():
        return True
    if {"Geox", "Orgn", "Abbr"} & set(top.tag.grammemes) or top.tag.POS not in {"NOUN", None}:
        return False
    if any(t in p.tag for p in readings for t in NAME_TAGS):
        return True
    if _RUS_SURNAME_RE.match(word.lower()) and top.tag.number == "plur" and top.tag.case == "gent":
        return True  # "Токаев" read as the plural genitive of "токай"
    return not top.is_known


def _listed_cyrillic_name(word: str) -> bool:
    """`Хакан`, `Ханом`: a name part of data/names.toml that the dictionary reads as a common noun, in any case."""
    names = name_lists()["cyrillic_first_names"]
    low = word.lower()
    if low in names:
        return True
    if not any(low.startswith(name[:-1]) for name in names):  # a case form keeps the stem
        return False
    return re.fullmatch(r"[а-яё-]+", low) is not None and any(
        p.normal_form in names and p.tag.POS == "NOUN" for p in parses(low)[:1]
    )


def _caps_first_name(word: str) -> bool:
    first = word.split("-")[0].lower()
    if re.fullmatch(r"[a-z]+", first):
        return first in name_lists()["latin_first_names"]
    return any(p.is_known and "Name" in p.tag for p in parses(first)[:2])


# Words of address before a name: `His Excellency Mr. Hissein Brahim Taha`, `H.E. Ms.`, `Smt.`, `Shri`
HONORIFIC_WORDS = {"his", "her", "excellency", "h", "e", "h.e", "dr", "sheikh", "shaikh"}


def is_honorific(word: str) -> bool:
    """A form of address before a name: `Mr`, `Dr`, `H.E.`, `Smt.`, `господин`, the words of data/officials.toml's
    honorific_genders and these; `HE` (His Excellency) in capitals only: `he` is a pronoun."""
    low = word.lower().rstrip(".")
    return low in HONORIFIC_WORDS or low in vocabulary()["honorific_genders"] or word == "HE"
_SURNAME_SHAPE_RE = re.compile(
    r"(?:ov|ev|yev|iev|in|yn|ova|eva|yeva|ina|enko|yan|ian|dze|shvili|uly|kyzy|bek|bekov|bayev|baev|uulu|zoda|zade)$"
)


@lru_cache(maxsize=20_000)
def latin_first_name(word: str) -> bool:
    """Whether a Latin word is a first name: in the list of data/names.toml (`John`, `Recep`), or one the
    dictionary knows once written in Cyrillic (`Murat`)."""
    from bot.news.translit import latin_to_cyrillic, load_rules

    listed = name_lists()["latin_first_names"]
    plain = without_accents(word.lower())  # `Lukáš` is `Lukas`, `José` is `Jose`
    if plain in listed or plain.split("-")[0] in listed:
        return True
    cyrillic = latin_to_cyrillic(plain.split("-")[0], load_rules())
    return bool(cyrillic) and any(p.is_known and "Name" in p.tag for p in parses(cyrillic))


def without_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def looks_like_english_name(words: list[str], has_role: bool) -> bool:
    """English capitals are names as often as not (`Enriched Uranium`, `Air Force`): a Latin name counts with a
    post beside it, a first name in front, a surname of the region's shape, or a surname written first."""
    return (
        has_role
        or latin_first_name(words[0])
        or _SURNAME_SHAPE_RE.search(words[-1].lower()) is not None
        or words[0] in surname_first()
        or any(w.lower() in name_lists()["patronymic_particles"] for w in words[1:-1])  # `Yahya bin Mahfoudh`
    )


def is_place(name: str) -> bool:
    """A place the gazetteer knows, by a one-word form in any case or an English name of up to three words."""
    from bot.news.location import load_gazetteer

    return load_gazetteer().name_of(name) is not None


@lru_cache(maxsize=1)
def english_not_names() -> frozenset[str]:
    return frozenset(w.lower() for w in vocabulary()["english_not_names"])


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    return tomllib.loads((DATA_DIR / "officials.toml").read_text(encoding="utf-8"))


@dataclass
class PersonSpan:
    start: int  # token index
    end: int  # token index after the last
    name: str  # nominative
    case: str
    gender: str | None
    surname_keys: set[str] = field(default_factory=set)


def nominative_name(
    words: list[str], case_hint: str | None = None, gender_hint: str | None = None
) -> tuple[str, str, str | None]:
    """Nominative of a name of 1-3 words with the case and gender read from it."""
    words = [_cap(w.lower()) if w.isupper() and len(w) > 3 else w for w in words]  # ТОКАЕВ → Токаев
    if all(_LATIN_NAME_RE.fullmatch(w) for w in words):
        return " ".join(words), "nomn", gender_hint  # English names don't decline
    surname = surname_readings(words[-1])
    if case_hint == "nomn" and any(c == "nomn" for c, _g in surname):
        # the post before the name is in the nominative (`Государственный секретарь Гульшара Абдыкаликова`):
        # so is the name, even when a first name out of the dictionary reads as another case
        genders = [g for c, g in surname if c == "nomn"]
        return " ".join(words), "nomn", genders[0] if len(genders) == 1 else gender_hint
    if any(is_particle(w) for w in words[1:-1]):  # `Мухаммеда бен Заида Аль Нахаяна`: the particles stay
        core = [k for k, w in enumerate(words) if not is_particle(w) or k in (0, len(words) - 1)]
        name, case, gender = nominative_name([words[k] for k in core], case_hint, gender_hint)
        parts, declined = list(words), name.split(" ")
        if len(declined) == len(core):
            for k, part in zip(core, declined, strict=True):
                parts[k] = part
        return " ".join(parts), case, gender
    readings: list[dict[tuple[str, str], str]] = [first_name_forms(w) for w in words[:-1]]
    readings.append(surname_readings(words[-1]))
    common: set[tuple[str, str]] | None = None
    for r in readings:
        if r:
            common = set(r) if common is None else common & set(r)
    hinted = readings[-1].get((case_hint or "", "masc"), words[-1]) != words[-1]  # declined in the post's case
    if hinted and case_hint in _MASCULINE_ENDINGS and common and not any(c == case_hint for c, _g in common):
        # `посла Ерика Утембаева`: the post's case, which the surname has, over a reading of another case
        firsts = [_undo_masculine_case(w, case_hint) for w in words[:-1]]
        return " ".join([*firsts, readings[-1][(case_hint or "", "masc")]]), case_hint or "nomn", "masc"
    if not common:
        undone = [_undo_masculine_case(w, case_hint) for w in words] if case_hint in _MASCULINE_ENDINGS else None
        if undone and undone != words:  # `посла Ерика Утембаева`, `с … Юсефом аль-Дубейем`: names out of the dictionary
            return " ".join(undone), case_hint or "nomn", "masc"
        return " ".join(words), "nomn", None
    # the most probable reading of the first word first (pymorphy orders parses by score)
    order = [cg for r in readings for cg in r] + [(c, g) for c in CASES for g in GENDERS]
    if gender_hint:
        order = sorted(order, key=lambda cg: cg[1] != gender_hint)
    if case_hint:
        order = sorted(order, key=lambda cg: cg[0] != case_hint)
    for case, gender in order:
        if (case, gender) in common:
            parts = [r.get((case, gender), w) if r else w for r, w in zip(readings, words, strict=True)]
            return " ".join(parts), case, gender
    return " ".join(words), "nomn", None


# A man's name out of the dictionary in a case a preposition or a post before it requires: its ending, undone
# (`Ерика` → `Ерик`, `Дубейем` → `Дубей`). After a vowel, the ending stands for `й`.
_MASCULINE_ENDINGS = {
    "gent": ("а", "я"), "accs": ("а", "я"), "datv": ("у", "ю"), "ablt": ("ом", "ем"), "loct": ("е", "е"),
}


def _undo_masculine_case(word: str, case: str | None) -> str:
    head, dash, last = word.rpartition("-")
    hard, soft = _MASCULINE_ENDINGS[case or ""]
    low = last.lower()
    if low.endswith(soft) and len(low) > len(soft) + 2 and low[-len(soft) - 1] == "й":
        last = last[: -len(soft)]  # `Дубейем` → `Дубей`
    elif low.endswith(soft) and len(low) > len(soft) + 2 and low[-len(soft) - 1] in "аеиоуыэюя":
        last = last[: -len(soft)] + "й"
    elif low.endswith(hard) and len(low) > len(hard) + 2 and low[-len(hard) - 1] not in "аеиоуыэюяй":
        last = last[: -len(hard)]
    return head + dash + last


MAX_PARTICLE_NAME_WORDS = 7  # `Мухаммед бен Заид Аль Нахаян`, `Sheikh Tamim bin Hamad Al Thani`


def find_name_spans(tokens: list[Token], text: str) -> list[tuple[int, int]]:
    """Runs of 2-3 name-like words written next to each other (`Ержана Ашикбаева`, `Касым-Жомарт Токаев`),
    and longer ones joined by name particles (`Мухаммед бен Заид Аль Нахаян`)."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not _may_open_name(tokens[i].text):
            i += 1
            continue
        j, particles = i, 0
        while j < len(tokens) and (
            j == i or _adjacent(tokens[j - 1], tokens[j], text) or _middle_initial(tokens, j - 1, text)
        ):
            # `бен`, `Al`; `J.` in `Antony J. Blinken`
            if j > i and (
                (_particle_between(tokens, j, text) and j - i < MAX_PARTICLE_NAME_WORDS)
                or _middle_initial(tokens, j, text)
            ):
                particles += 1
            elif not (
                is_name_word(tokens[j].text)
                or _chinese_given_name(tokens, i, j)
                or _bare_initial(tokens, i, j, text)
                or _surname_after_first_name(tokens, i, j)
            ):
                break
            j += 1
        if particles and j - i - particles >= 2:
            spans.append((i, j))
        elif particles:  # `Al Jazeera` alone: no name
            pass
        elif j - i == 4 and tokens[i].text in surname_first():  # `Vo Thi Anh Xuan`: a Vietnamese name of four
            spans.append((i, j))
        elif j - i == 4:  # `послом Йемена Мохаммедом Алашаби Гульшара Абдыкаликова`: two people side by side
            spans += [(i, i + 2), (i + 2, j)]
        elif j - i >= 2:
            start = i
            if j - i > 3 or (
                j - i == 3
                and not _has_patronymic(tokens[i:j])
                and not is_first_name(tokens[i].text)
                and tokens[i].text not in surname_first()  # `Yoon Suk Yeol`: a Korean name of three
                and not (i > 0 and is_honorific(tokens[i - 1].text))  # `Mr. Hissein Brahim Taha`
                # `OIC Secretary General Hissein Brahim Taha`, not `Prime Minister Shri Narendra Modi`
                and not (i > 0 and _ends_an_english_post(tokens[i - 1].text) and not is_honorific(tokens[i].text))
                and not after_bracketed_abbreviation(tokens, i, text)  # `… Cooperation (OIC) Hissein Brahim Taha`
            ):
                start = j - 2
            spans.append((start, j))
        i = max(j, i + 1)
    return spans


def _may_open_name(word: str) -> bool:
    """Only a capitalised word opens a name, or a particle glued to one (`аль-Аттия`)."""
    return word[:1].isupper() or "-" in word


def _middle_initial(tokens: list[Token], j: int, text: str) -> bool:
    """`J.` in `Antony J. Blinken`: one Latin capital and a full stop between two name words."""
    word = tokens[j].text
    return (
        0 < j < len(tokens) - 1
        and len(word) == 1
        and "A" <= word <= "Z"
        and text[tokens[j].end : tokens[j + 1].start] == ". "
        and is_name_word(tokens[j - 1].text)
        and is_name_word(tokens[j + 1].text)
    )


def _bare_initial(tokens: list[Token], i: int, j: int, text: str) -> bool:
    """`V Muraleedharan`, `S Jaishankar`: a first initial without its full stop, as Indian papers write it."""
    word = tokens[j].text
    return (
        j == i
        and len(word) == 1
        and "A" <= word <= "Z"
        and j + 1 < len(tokens)
        and _adjacent(tokens[j], tokens[j + 1], text)
        and _LATIN_NAME_RE.fullmatch(tokens[j + 1].text) is not None
        and len(tokens[j + 1].text) > 3
    )


def _surname_after_first_name(tokens: list[Token], i: int, j: int) -> bool:
    """`Фолькер Тюрк`, `Георгий Тихий`: a capitalised word the dictionary knows as a common noun or an adjective is a
    surname right after a first name (not a place, a body or a post: `Мурат Президент` is no name)."""
    word = tokens[j].text
    if j != i + 1 or word.isupper() or not re.fullmatch(r"[А-ЯЁ][а-яё]{2,}", word):
        return False
    return _first_name_reading(tokens[i].text.lower()) and _common_noun_surname(word.lower())


def after_bracketed_abbreviation(tokens: list[Token], i: int, text: str) -> bool:
    """`(OIC) Hissein`: the name at i follows a post's abbreviation in brackets."""
    return (
        i > 1
        and tokens[i - 1].text.isupper()
        and re.fullmatch(r"\)\s+", text[tokens[i - 1].end : tokens[i].start]) is not None
        and text[tokens[i - 2].end : tokens[i - 1].start].endswith("(")
    )


def _ends_an_english_post(word: str) -> bool:
    """`Secretary General`, `Foreign Minister`: a capitalised English post word, after which a name begins."""
    low = word.lower()
    return word[:1].isupper() and low.isascii() and (low in english_post_words() or low == "general")


@lru_cache(maxsize=1)
def english_post_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in vocabulary()["role_heads"] if str(w).isascii())


@lru_cache(maxsize=20_000)
def _first_name_reading(low: str) -> bool:
    return "Name" in parses(low)[0].tag


@lru_cache(maxsize=20_000)
def _common_noun_surname(low: str) -> bool:
    """A common noun or an adjective that may stand for a surname: not a place, a body, a post or an ordinal."""
    top = parses(low)[0]
    posts = {str(w).lower() for w in vocabulary()["role_heads"]}
    kinds = {"Geox", "Orgn", "Abbr", "Anum"} & set(top.tag.grammemes)  # `Первый` is no surname
    return top.tag.POS in {"NOUN", "ADJF"} and not kinds and top.normal_form not in posts  # `Георгий Тихий`


def _chinese_given_name(tokens: list[Token], i: int, j: int) -> bool:
    """`Ван И`, `Мун Чжэ Ин`, `Юн Сок Ёль`: a given name of one or two short syllables after a surname written first."""
    word = tokens[j].text
    syllable = len(word) <= 3 and word[:1].isupper() and (len(word) == 1 or word[1:].islower())
    return j in (i + 1, i + 2) and syllable and tokens[i].text in surname_first()


def _particle_between(tokens: list[Token], j: int, text: str) -> bool:
    """A particle after a name word and before a name word (or another particle) of the same run."""
    return (
        is_particle(tokens[j].text)
        and j + 1 < len(tokens)
        and _adjacent(tokens[j], tokens[j + 1], text)
        and (is_name_word(tokens[j + 1].text) or is_particle(tokens[j + 1].text))
    )


@lru_cache(maxsize=20_000)
def is_first_name(word: str) -> bool:
    """A first name that opens a name of three (`Recep Tayyip Erdogan`, `Рафаэль Мариано Гросси`), which
    then is one name, not a word of a post before a name of two."""
    if _LATIN_NAME_RE.fullmatch(word):
        return latin_first_name(word)
    return any(p.is_known and "Name" in p.tag for p in parses(word)[:2])


def _adjacent(a: Token, b: Token, text: str) -> bool:
    return text[a.end : b.start] == " "


_LATIN_PATRONYMIC_RE = re.compile(r"(?:ovich|evich|ovna|evna)$")  # `Zhandos Konysovich Burkitbayev`


def _has_patronymic(tokens: list[Token]) -> bool:
    return any(
        _LATIN_PATRONYMIC_RE.search(t.text) or any("Patr" in p.tag for p in parses(t.text))
        for t in tokens
    )


def find_initial_spans(text: str) -> list[tuple[int, int, str, str]]:
    """`М.Нуртлеу`, `К.-Ж. Токаев`: (start, end, initials, surname) character spans."""
    return [(m.start(), m.end(), m.group("initials"), m.group("surname")) for m in _INITIAL_RE.finditer(text)]


def gender_of_first_name(word: str) -> str | None:
    genders = {g for (_c, g) in first_name_forms(word)}
    return genders.pop() if len(genders) == 1 else None
