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


def main() -> None:
    labels = {k: set(v) for k, v in json.loads(LABELS.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    tp = fp = fn = named = 0
    for path, gold in labels.items():
        text, meta = read_file(ROOT / path)
        orgs = parse(text, meta).organizations
        named += len(orgs)
        found = {o.id for o in orgs if o.participant}
        tp += len(found & gold)
        fp += len(found - gold)
        fn += len(gold - found)
        if found != gold:
            print(f"{path}: participants {sorted(found)}, labelled {sorted(gold)}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"{len(labels)} articles, {named} organisations named, {tp + fn} labelled participants")
    print(f"participant precision {precision:.2f}, recall {recall:.2f} (tp {tp}, fp {fp}, fn {fn})")


if __name__ == "__main__":
    main()
