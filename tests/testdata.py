"""Paths to the test data, importable from any test (``from testdata import EXAMPLE_FILE``)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
EXAMPLE_FILE = EXAMPLES / "dongguan-changan-2024-goal-tables.txt"
WILD = EXAMPLES / "wild"
DATA = REPO / "tests" / "data"
