"""Benchmark: the glued-label search of space-separated text (``segment._label_at``).

Before, every known label key was tried at every character; now only the keys that start with
the character found there. Both run here on the same header lines of generated tables (the
spaced family of tests/messy.py), so the ratio is measured in one process; the results must be
the same.

    .venv/bin/python bench/bench_labels.py [--tables N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from jixiao.core.text import label_key
from jixiao.reading import segment
from messy import FAMILIES, make


def linear_label_at(text: str, i: int) -> int:
    """The former search: every key of 4+ characters, longest first, at every position."""
    for key, _field in segment._PREFIXES:
        if len(key) < 4:
            continue
        j, k = i, 0
        while j < len(text) and k < len(key):
            ch = text[j]
            if ch in "()（）:：":
                j += 1
                continue
            if label_key(ch) != key[k]:
                break
            j += 1
            k += 1
        if k == len(key):
            while j < len(text) and text[j] in ")）:：":
                j += 1
            unit = re.match(r"[(（]\s*万?元\s*[)）]", text[j:])
            if unit:
                j += unit.end()
            return j - i
    return 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tables", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(5)
    tokens = [
        token
        for _ in range(args.tables)
        for line in FAMILIES["spaced"](make("spaced", rng)).splitlines()
        for token in line.split()
    ]
    for name, search in (("every key", linear_label_at), ("by first char", segment._label_at)):
        started = time.perf_counter()
        found = [search(t, i) for t in tokens for i in range(len(t))]
        elapsed = time.perf_counter() - started
        if name == "every key":
            baseline, base_found = elapsed, found
        else:
            assert found == base_found, "the two searches disagree"
        print(f"{name:14} {elapsed:7.3f} s  {baseline / elapsed:5.1f}x")


if __name__ == "__main__":
    main()
