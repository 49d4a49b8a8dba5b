"""Participants vs passing mentions, against hand labels (tests/fixtures/salience_labels.json).

    python -m tests.benchmarks.bench_salience

For every labelled article: parse it, take the organisations parse marks `participant`, and count
true and false positives against the labels; prints each article's mistakes and precision/recall.
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.ingest import read_file
from bot.news import parse

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "tests" / "fixtures" / "salience_labels.json"


WRITTEN_FROM = ("data/articles/", "tests/fixtures/articles/")  # the texts the rules were written from


def main() -> None:
    labels = {k: set(v) for k, v in json.loads(LABELS.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    counts = {"written from": [0, 0, 0, 0, 0], "labelled after": [0, 0, 0, 0, 0]}  # articles, tp, fp, fn, named
    for path, gold in labels.items():
        text, meta = read_file(ROOT / path)
        orgs = parse(text, meta).organizations
        found = {o.id for o in orgs if o.participant}
        c = counts["written from" if path.startswith(WRITTEN_FROM) else "labelled after"]
        for i, n in enumerate((1, len(found & gold), len(found - gold), len(gold - found), len(orgs))):
            c[i] += n
        if found != gold:
            print(f"{path}: participants {sorted(found)}, labelled {sorted(gold)}")
    total = [sum(c[i] for c in counts.values()) for i in range(5)]
    for name, (articles, tp, fp, fn, named) in [*counts.items(), ("all", total)]:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        print(f"{name:>15}: {articles} articles, {named} organisations named, {tp + fn} labelled participants; "
              f"precision {precision:.2f}, recall {recall:.2f} (tp {tp}, fp {fp}, fn {fn})")


if __name__ == "__main__":
    main()
