"""Shared fixtures: paths to the example tables copied into the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
EXAMPLE_FILE = EXAMPLES / "dongguan-changan-2024-goal-tables.txt"
WILD = EXAMPLES / "wild"


@pytest.fixture
def example_file() -> Path:
    return EXAMPLE_FILE


@pytest.fixture
def wild_dir() -> Path:
    return WILD
