"""Shared fixtures: paths to the example tables copied into the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from testdata import EXAMPLE_FILE, WILD

# scripts/mutation.py runs the tests under load, many times: no deadline (a slow run is not a
# failure) and the same examples every time (a mutant is killed by a test, not by chance).
settings.register_profile("mutation", deadline=None, derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def example_file() -> Path:
    return EXAMPLE_FILE


@pytest.fixture
def wild_dir() -> Path:
    return WILD
