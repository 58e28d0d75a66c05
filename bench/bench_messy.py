"""Benchmark: field accuracy of the reader on generated messy tables, per family.

Clean goal tables with the truth known (``tests/messy.py``) are rendered the way each family of
real tables prints them (tabs, pipes, one cell per line, spaced text, no header, Traditional,
cut off, wrapped labels) and read back; the figure is the share of fields read right
(name, budget, and each indicator's name, 一级, 二级 and target), with tables/s.

    .venv/bin/python bench/bench_messy.py [--tables N] [--seed S] [--family F]

docs/reading.md records the figures.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from jixiao.services.parsing import parse_file
from messy import FAMILIES, make, score


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tables", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--family", action="append")
    args = parser.parse_args()
    families = args.family or list(FAMILIES)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.txt"
        print(f"{'family':16} {'fields right':>14} {'accuracy':>9} {'tables/s':>9}")
        for family in families:
            rng = random.Random(args.seed)
            right = total = 0
            started = time.perf_counter()
            for _ in range(args.tables):
                clean = make(family, rng)
                path.write_text(FAMILIES[family](clean), encoding="utf-8")
                got, checked = score(clean, family, parse_file(path))
                right, total = right + got, total + checked
            rate = args.tables / (time.perf_counter() - started)
            share = 100 * right / max(total, 1)
            print(f"{family:16} {right:>7}/{total:<6} {share:8.2f}% {rate:9.0f}")


if __name__ == "__main__":
    main()
