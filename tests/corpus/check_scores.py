"""Score the extraction on the real-article corpus with the shared scorer and hold it to its floors.

usage: python tests/corpus/check_scores.py [--scorer PATH]

Runs `score_extraction.py` (from the steering repo's shared/tools, beside the project) on each gold file
named in tests/corpus/floors.toml, prints its figures, and exits 1 when any figure falls below its floor.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIGURES = ("org_f1", "speaker_f1", "statement_f1", "date_acc", "loc_acc")


def run_scorer(scorer: Path, gold: Path, articles: Path) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(articles), "--project", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    print(proc.stdout.rstrip())
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"scorer failed on {gold.name}: exit {proc.returncode}")
    last = proc.stdout.strip().splitlines()[-1]
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", last) if k in FIGURES}


def gold_file(gold: str | list[str], tmp: Path) -> Path:
    """The key as one file: a list of keys (the whole corpus is its two parts) is written out joined."""
    if isinstance(gold, str):
        return (ROOT / gold).resolve()
    joined = [entry for part in gold for entry in json.loads((ROOT / part).read_text(encoding="utf-8"))]
    path = tmp / "gold.json"
    path.write_text(json.dumps(joined, ensure_ascii=False), encoding="utf-8")
    return path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "tools" / "score_extraction.py")
    args = ap.parse_args()
    if not args.scorer.exists():
        print(f"the shared scorer is missing: {args.scorer}", file=sys.stderr)
        return 2
    floors = tomllib.loads((ROOT / "tests" / "corpus" / "floors.toml").read_text(encoding="utf-8"))
    failed: list[str] = []
    for name, spec in floors.items():
        print(f"== {name}: {spec['gold']}")
        with tempfile.TemporaryDirectory() as tmp:
            got = run_scorer(args.scorer, gold_file(spec["gold"], Path(tmp)), (ROOT / spec["articles"]).resolve())
        for figure in FIGURES:
            floor = float(spec[figure])
            if got.get(figure, 0.0) < floor:
                failed.append(f"{name} {figure} = {got.get(figure, 0.0):.2f} < floor {floor:.2f}")
    for line in failed:
        print("BELOW FLOOR:", line)
    print("corpus scores: " + ("FAILED" if failed else "all at or above their floors"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
