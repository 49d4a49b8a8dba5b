"""Parse and ingest speed and peak memory over a 2,000-article corpus built from the samples.

Run: .venv/bin/python -m tests.benchmarks.bench_ingest [N]
The corpus (tests/benchmarks/corpus.py) varies dates, names and paragraph order of the
five bundled samples. `newsbot parse` and `newsbot ingest` run as real processes; peak
memory is their maximum resident set size.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot import PROJECT_ROOT
from bot.news import parse
from bot.news.models import ArticleMeta
from tests.benchmarks.corpus import make_corpus, sample_texts, write_corpus


def median_parse_ms(texts: list[str]) -> float:
    parse(texts[0], ArticleMeta())  # load models and data once, as a running process does
    times = []
    for text in texts:
        start = time.perf_counter()
        parse(text, ArticleMeta())
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run_measured(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB of the child, and its last output line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        raise SystemExit(f"newsbot {args[0]} failed: {proc.stderr[-2000:]}")
    last = (proc.stdout.strip().splitlines() or [""])[-1]
    return wall, max(peak, before) / 1024, last


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    print(f"median parse, 5 samples: {median_parse_ms(sample_texts() * 3):.1f} ms/article")
    print(f"median parse, {n} corpus articles: {median_parse_ms(make_corpus(n)):.1f} ms/article")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        paths = write_corpus(n, folder)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "LOG_LEVEL": "WARNING"}
        wall, peak, _ = run_measured(["parse", *map(str, paths)], env)
        print(f"newsbot parse:  {n} articles in {wall:.1f} s = {n / wall:.1f} articles/s, peak RSS {peak:.0f} MB")
        wall, peak, summary = run_measured(["ingest", str(folder)], env)
        print(f"newsbot ingest: {n} articles in {wall:.1f} s = {n / wall:.1f} articles/s, peak RSS {peak:.0f} MB")
        print(f"  {summary}")
        wall, _, summary = run_measured(["ingest", str(folder)], env)
        print(f"newsbot ingest again (all duplicates): {wall:.1f} s; {summary}")


if __name__ == "__main__":
    main()
