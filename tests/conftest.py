"""Shared fixtures: paths to the example tables copied into the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from testdata import EXAMPLE_FILE, WILD


@pytest.fixture
def example_file() -> Path:
    return EXAMPLE_FILE


@pytest.fixture
def wild_dir() -> Path:
    return WILD
