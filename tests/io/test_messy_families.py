"""Generated messy tables (tests/messy.py), family by family: every field is read right.

A property test: hypothesis draws the seed of each generated table (and shrinks to the
smallest failing one). ``bench/bench_messy.py`` runs the same over thousands of tables per
family; docs/reading.md records its figures. A family below 100% names the rule that broke."""

from __future__ import annotations

import random
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.services.parsing import parse_file
from messy import FAMILIES, make, score


def read_score(family: str, seed: int) -> tuple[int, int]:
    clean = make(family, random.Random(seed))
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.txt"
        path.write_text(FAMILIES[family](clean), encoding="utf-8")
        return score(clean, family, parse_file(path))


@pytest.mark.parametrize("family", list(FAMILIES))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_every_generated_table_of_the_family_reads_right(family: str, seed: int) -> None:
    right, total = read_score(family, seed)
    assert right == total, FAMILIES[family](make(family, random.Random(seed)))
