"""Where the event took place: the dateline city, else `Мероприятие проходит в Минске`, in the nominative."""

from __future__ import annotations

import re

from bot.news.morph import analyzer
from bot.news.tokens import Token, tokenize

# Verbs of an event happening or people gathering (lemmas); a future form ("пройдет") is a plan, not the event.
EVENT_VERBS = {
    "проходить",
    "пройти",
    "состояться",
    "собраться",
    "собираться",
    "открыться",
    "стартовать",
    "завершиться",
    "начаться",
    "принимать",
    "выступить",
    "провести",
    "проводить",
    "прибыть",
    "встретиться",
    "held",
    "hold",
    "take",
    "gather",
    "host",
    "convene",
    "arrive",
    "meet",
    "open",
}
PREPOSITIONS = {"в", "во", "на", "in"}
MAX_DISTANCE = 12  # words between the verb and the place


def place_nominative(token: Token) -> str | None:
    """`Минске` → `Минск`, if the word is a place name in the locative."""
    if not token.is_capitalized:
        return None
    if re.fullmatch(r"[A-Za-z-]+", token.text):
        return token.text
    for p in analyzer().parse(token.text):
        if "Geox" in p.tag and p.tag.case in {"loct", "loc2", "datv", "nomn"} and p.tag.POS == "NOUN":
            return "-".join(part.capitalize() for part in p.normal_form.split("-"))
    return None


def _is_event_verb(token: Token) -> bool:
    if token.lemma not in EVENT_VERBS:
        return False
    if re.fullmatch(r"[A-Za-z]+", token.text):
        return True
    tags = [p.tag for p in analyzer().parse(token.text.lower()) if p.normal_form.replace("ё", "е") == token.lemma]
    return bool(tags) and tags[0].tense != "futr" and tags[0].POS in {"VERB", "PRTF", "GRND"}


def event_place(sentence: str) -> str | None:
    tokens = tokenize(sentence)
    verbs = [i for i, t in enumerate(tokens) if _is_event_verb(t)]
    for v in verbs:
        near = sorted(range(len(tokens) - 1), key=lambda i: abs(i - v))
        for i in near:
            if abs(i - v) > MAX_DISTANCE:
                break
            if tokens[i].text.lower() in PREPOSITIONS:
                place = place_nominative(tokens[i + 1])
                if place:
                    return place
    return None


def find_location(dateline_city: str | None, sentences: list[str], first_n: int = 4) -> str | None:
    if dateline_city:
        return dateline_city
    for sentence in sentences[:first_n]:
        place = event_place(sentence)
        if place:
            return place
    return None
