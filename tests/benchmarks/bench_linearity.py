"""Parse time and peak memory against input size, 1 KB … 2 MB, for a real text and adversarial ones.

Run: .venv/bin/python -m tests.benchmarks.bench_linearity [CASE ...]
Each (case, size) is parsed in a fresh process (`parse()` only, after a warm-up parse, so that the
dictionaries are loaded); peak memory is that process's maximum resident set size, dictionaries
included. The table parses the whole text (the MAX_ANALYSED_CHARS cap lifted: the algorithms' own
growth); the line under it is parse() as shipped, on the largest size. The texts are in
tests/adversarial.py. Growth is called linear when, from 64 KB on, the cost per KB never grows past ×2
of its value at a smaller size (small sizes are dominated by fixed costs; a cost per KB that falls as
caches warm up is fine). Sizes are in characters (the 2 MB file limit holds about a million
Cyrillic ones).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

from bot import PROJECT_ROOT
from bot.news import MAX_ANALYSED_CHARS

SIZES = [1_000, 4_000, 16_000, 64_000, 256_000, 1_000_000, 2_000_000]  # characters
TIMEOUT_S = 120
LINEAR_FROM = 64_000
MAX_SPREAD = 2.0


def measure_one(case: str, size: int, capped: bool) -> None:
    """In the child: build the text, parse it, print seconds and peak RSS as JSON."""
    import bot.news
    from bot.news import parse
    from bot.news.models import ArticleMeta
    from tests.adversarial import ALL

    if not capped:  # the algorithms themselves, on the whole text
        bot.news.MAX_ANALYSED_CHARS = 10**9

    parse("Министр иностранных дел Казахстана встретился с генсеком ОБСЕ в Вене.", ArticleMeta())
    text = ALL[case](size)
    start = time.perf_counter()
    parse(text, ArticleMeta())
    seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss_mb, "chars": len(text)}))


def run_case(case: str, size: int, capped: bool = False) -> dict[str, float] | None:
    try:
        out = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.bench_linearity", "--one", case, str(size), str(int(capped))],
            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=TIMEOUT_S, check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def verdict(rows: list[tuple[int, dict[str, float] | None]]) -> str:
    """Linear when the cost per KB at no size exceeds ×MAX_SPREAD its cost at a smaller size (from
    LINEAR_FROM on); a cost per KB that falls with size (warm caches) is fine."""
    if any(r is None for _size, r in rows):
        return f"NOT LINEAR: over {TIMEOUT_S} s"
    per_kb = [r["seconds"] / (size / 1000) for size, r in rows if r is not None and size >= LINEAR_FROM]
    growth = max(later / min(per_kb[:k]) for k, later in enumerate(per_kb) if k > 0)
    word = "linear" if growth <= MAX_SPREAD else "NOT LINEAR"
    limit = f"limit ×{MAX_SPREAD:g}"
    return f"{word}: from {LINEAR_FROM // 1000} KB on, the cost per KB grows at most ×{growth:.2f} ({limit})"


def main(cases: list[str]) -> int:
    from tests.adversarial import ALL

    failures = 0
    for case in cases or list(ALL):
        print(f"\n{case}")
        print(f"{'size':>9} {'time, s':>9} {'ms per KB':>10} {'peak RSS, MB':>13}")
        rows = []
        for size in SIZES:
            r = run_case(case, size)
            rows.append((size, r))
            if r is None:
                print(f"{size // 1000:>7}KB {'timeout':>9}")
                break
            print(f"{size // 1000:>7}KB {r['seconds']:>9.3f} {1000 * r['seconds'] / (size / 1000):>10.3f} "
                  f"{r['rss_mb']:>13.0f}", flush=True)
        line = verdict(rows)
        failures += not line.startswith("linear")
        print(line)
        shipped = run_case(case, SIZES[-1], capped=True)
        if shipped is None:
            print(f"as shipped: over {TIMEOUT_S} s")
        else:
            print(f"as shipped (the first {MAX_ANALYSED_CHARS:,} characters analysed): {SIZES[-1] // 1000} KB in "
                  f"{shipped['seconds']:.2f} s, peak RSS {shipped['rss_mb']:.0f} MB")
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        measure_one(sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1")
    else:
        sys.exit(main(sys.argv[1:]))
