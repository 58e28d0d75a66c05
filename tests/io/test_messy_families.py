"""Generated messy tables (tests/messy.py), family by family: every field is read right.

``bench/bench_messy.py`` runs the same over thousands of tables per family; docs/reading.md
records its figures. A family below 100% here names the rule that broke."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from jixiao.services.parsing import parse_file
from messy import FAMILIES, make, score

TABLES_PER_FAMILY = 40


@pytest.mark.parametrize("family", list(FAMILIES))
def test_every_generated_table_of_the_family_reads_right(family: str, tmp_path: Path) -> None:
    rng = random.Random(f"messy-{family}")
    path = tmp_path / "t.txt"
    wrong = []
    for k in range(TABLES_PER_FAMILY):
        clean = make(family, rng)
        path.write_text(FAMILIES[family](clean), encoding="utf-8")
        right, total = score(clean, family, parse_file(path))
        if right != total:
            wrong.append((k, clean.name, f"{right}/{total}"))
    assert wrong == []
