"""A synthetic corpus built from the bundled sample articles, for benchmarks.

Each generated article is a sample with: its dates moved (day, month and year drawn at
random, in every date format the sample uses), its people renamed from a pool of
officials' names, its middle paragraphs shuffled, and a serial number in the title so
that no two texts are equal.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from bot import DATA_DIR

MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
          "октября", "ноября", "декабря"]
# (sample's name stem, replacement stems): the stems keep the case endings of the text.
RENAMES = [
    ("Ашикбаев", ["Васильченко", "Смадияров", "Ибраев", "Жумабеков", "Сулейменов"]),
    ("Кошербаев", ["Абдрахманов", "Тлеуберди", "Атамкулов", "Муканов"]),
    ("Нуртлеу", ["Нуржанов", "Исмаилов", "Бектасов"]),
    ("Милошевич", ["Петрович", "Ковачевич", "Маркович"]),
    ("Имнадзе", ["Гоциридзе", "Беридзе", "Чанишвили"]),
]
DATE_RE = re.compile(r"\b(\d{1,2}) (" + "|".join(m.capitalize() + "|" + m for m in MONTHS) + r")\b")
ISO_DATE_RE = re.compile(r"\bdate \d{4}-\d{2}-\d{2}")
YEAR_RE = re.compile(r"\b(20[12]\d)( год)")


def sample_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((DATA_DIR / "articles").glob("*.txt"))]


def vary(text: str, serial: int, rng: random.Random) -> str:
    year = rng.randint(2019, 2026)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    text = ISO_DATE_RE.sub(f"date {year}-{month:02d}-{day:02d}", text)
    text = DATE_RE.sub(lambda m: f"{day} {MONTHS[month - 1]}", text)
    text = YEAR_RE.sub(lambda m: f"{year}{m.group(2)}", text)
    for stem, pool in RENAMES:
        text = text.replace(stem, rng.choice(pool))
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paragraphs) > 4:
        middle = paragraphs[2:-1]
        rng.shuffle(middle)
        paragraphs = paragraphs[:2] + middle + paragraphs[-1:]
    paragraphs[-1] += f"\n\nМатериал № {serial}."
    return "\n\n".join(paragraphs)


def make_corpus(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    samples = sample_texts()
    return [vary(samples[i % len(samples)], i, rng) for i in range(n)]


def write_corpus(n: int, folder: Path, seed: int = 7) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(make_corpus(n, seed)):
        path = folder / f"article_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
