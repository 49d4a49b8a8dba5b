"""Texts that once stalled or exhausted the parser (issue #10), at any size, for tests and benchmarks.

Each maker returns a text of about `size` characters.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from bot import DATA_DIR


def _repeat(unit: str, size: int, head: str = "") -> str:
    return head + unit * max(1, (size - len(head)) // len(unit))


def sample_paragraphs() -> list[str]:
    """Every line of the bundled sample articles that reads like prose."""
    lines = []
    for path in sorted((DATA_DIR / "articles").glob("*.txt")):
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if len(ln.strip()) > 60]
    return lines


def real_text(size: int, seed: int = 1) -> str:
    """Paragraphs of the samples recombined (numbered, so that none is a repeat): a long real article."""
    rng = random.Random(seed)
    paragraphs = sample_paragraphs()
    head = "Казахстан и ОБСЕ обсудили сотрудничество\n6 Декабря, 02:37\n\n"
    out, n, k = [head], len(head), 0
    while n < size:
        k += 1
        para = f"{rng.choice(paragraphs)} ({k})\n\n"
        out.append(para)
        n += len(para)
    return "".join(out)[:size]


def quotes(size: int) -> str:
    """`«а - б, - в - б, - в …`: once 143 s for 14.6 KB (backtracking in a quote pattern)."""
    return _repeat(" - б, - в", size, "«а")


def year_mentions(size: int) -> str:
    """Years in one long sentence under a date without a year: once 83 s for 50 KB."""
    return _repeat("в 2020 встреча министров ", size, "Встреча министров\n6 Декабря, 02:37\nВ 2020 году. ")


def one_letter_lines(size: int) -> str:
    return _repeat("а\n", size)


def tag_soup(size: int) -> str:
    return _repeat("<div class='c'><span>Вена</span><a href='/x/1'>ОБСЕ</a></div>\n", size)


def long_word(size: int) -> str:
    """A real article with one enormous "word" in it: once 24 GB for alert keys of a 1 MB word."""
    article = real_text(4000)
    return article[:2000] + " " + "а" * max(1, size - len(article)) + " " + article[2000:]


def many_names(size: int) -> str:
    """Capitalised words, initials and role nouns: the people finder's worst case."""
    rng = random.Random(3)
    names = ["Ермек Кошербаев", "М.Нуртлеу", "Глава МИД", "Иванов", "Он", "Министр", "А.Б. Смагулов", "ОБСЕ"]
    words = []
    n = 0
    while n < size:
        w = rng.choice(names) + (f"{rng.randint(1, 999)}" if rng.random() < 0.3 else "")
        words.append(w)
        n += len(w) + 1
    return " ".join(words)


def speech_verbs(size: int) -> str:
    """One endless sentence of verbs of saying without a subject: each once scanned the whole sentence."""
    return _repeat("и сказал ", size)


def event_verbs(size: int) -> str:
    """One endless sentence of event verbs: each once sorted every word of the sentence."""
    return _repeat("Встреча проходит в зале ", size)


def punctuation(size: int) -> str:
    """Quotes, dashes, colons and spaces of every kind, no letters worth a word."""
    return _repeat('«"“„»”: – — - , . \u3000 ( ) ', size)


def attributions(size: int) -> str:
    """Unclosed quotes split by their attribution, closing attribution lines, transcript labels and speech
    headings, one after another: each reads back to the paragraph before or on to the end of its own."""
    unit = (
        "«Мы за диалог и мир, – сказал глава государства Касым-Жомарт Токаев. – Казахстан готов помочь\n"
        "– сказал Токаев в интервью.\n"
        "SECRETARY TOKAYEV:  We are ready to help the region, it is clear.\n"
        "Speech by President Kassym-Jomart Tokayev\n"
        "«Это важно», — с ходу заявил господин Токаев. Об этом заявил His Excellency.\n"
    )
    return _repeat(unit, size)


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "attributions": attributions,
    "quotes": quotes,
    "year_mentions": year_mentions,
    "one_letter_lines": one_letter_lines,
    "tag_soup": tag_soup,
    "long_word": long_word,
    "many_names": many_names,
    "speech_verbs": speech_verbs,
    "event_verbs": event_verbs,
    "punctuation": punctuation,
}
ALL: dict[str, Callable[[int], str]] = {"real_text": real_text, **ADVERSARIAL}
