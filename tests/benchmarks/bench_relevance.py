"""The relevance test: its cost per article and its figures on the labelled headlines.

    .venv/bin/python -m tests.benchmarks.bench_relevance

Prints the median and p95 time of `judge` per full article (the 2,000-article synthetic corpus
and the 67 real articles of tests/corpus), and recall and precision on tests/relevance/*.jsonl.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from bot.sources.relevance import judge, load_vocabulary
from tests.benchmarks.corpus import make_corpus

TESTS = Path(__file__).parents[1]


def timed(texts: list[str]) -> tuple[float, float, int]:
    times, kept = [], 0
    for text in texts:
        start = time.perf_counter()
        kept += judge(text).relevant
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)], kept


def figures(name: str) -> str:
    rows = [json.loads(line) for line in (TESTS / "relevance" / name).read_text(encoding="utf-8").splitlines()]
    kept = [judge(f"{r['headline']}\n\n{r['lead']}").relevant for r in rows]
    wanted = [r["label"] == 1 for r in rows]
    tp = sum(k and w for k, w in zip(kept, wanted, strict=True))
    return (f"{name}: {len(rows)} rows ({sum(wanted)} foreign policy): recall {tp / sum(wanted):.3f}, "
            f"precision {tp / max(1, sum(kept)):.3f}")


def main() -> None:
    load_vocabulary()
    corpus = make_corpus(2000)
    real = [p.read_text(encoding="utf-8") for p in sorted((TESTS / "corpus" / "articles").glob("*.txt"))]
    for name, texts in (("synthetic corpus", corpus), ("tests/corpus articles", real)):
        median, p95, kept = timed(texts)
        chars = sum(map(len, texts)) // len(texts)
        print(f"judge on {len(texts)} {name} (mean {chars} chars): median {median:.3f} ms, p95 {p95:.3f} ms; "
              f"kept {kept}")
    for name in ("labelled.jsonl", "heldout.jsonl"):
        print(figures(name))


if __name__ == "__main__":
    main()
