"""Session fixtures: real office files made once per run with openpyxl, python-docx, reportlab
and LibreOffice (tests needing LibreOffice or poppler skip with a reason when absent)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from office_support import Made


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    return Made(tmp_path_factory.mktemp("office"))
