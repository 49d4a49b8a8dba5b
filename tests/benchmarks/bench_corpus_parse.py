"""parse() on the real-article corpus (tests/corpus/articles): each article parsed once in a warm process.

Run: .venv/bin/python -m tests.benchmarks.bench_corpus_parse [DIR]
Prints the median and p90 per article, in CPU time (less shaken by other jobs on a shared machine) and wall time.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from bot import PROJECT_ROOT
from bot.news import parse
from bot.news.models import ArticleMeta


def main(folder: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    parse(texts[0], ArticleMeta())  # dictionaries and data files loaded
    cpu: list[float] = []
    wall: list[float] = []
    for text in texts:
        c, w = time.process_time(), time.perf_counter()
        parse(text, ArticleMeta())
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    for name, times in (("CPU", sorted(cpu)), ("wall", sorted(wall))):
        p90 = times[int(len(times) * 0.9)]
        print(f"{len(times)} articles, {name}: median {statistics.median(times):.1f} ms, p90 {p90:.1f} ms")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT / "tests" / "corpus" / "articles")
