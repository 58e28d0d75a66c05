"""Shared helpers of the office-format tests: skip reasons and lazily made fixture files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import office_fixtures as fx
import pytest

NEEDS_LO = "LibreOffice (soffice) is not installed; CI installs libreoffice-*-nogui"
NEEDS_POPPLER = "poppler-utils (pdftoppm/pdffonts) is not installed"


NEEDS_TRUETYPE = "no TrueType CJK font installed (CI installs fonts-wqy-microhei)"


def need_system(present: bool, reason: str) -> None:
    """Skip with the reason when an optional system package is missing; CI sets
    JIXIAO_REQUIRE_SYSTEM=1, where a missing package fails the test instead."""
    if present:
        return
    if os.environ.get("JIXIAO_REQUIRE_SYSTEM") == "1":
        pytest.fail(f"JIXIAO_REQUIRE_SYSTEM=1 but {reason}")
    pytest.skip(reason)


def need_soffice() -> None:
    need_system(fx.soffice() is not None, NEEDS_LO)


def need_poppler() -> None:
    present = shutil.which("pdftoppm") is not None and shutil.which("pdffonts") is not None
    need_system(present, NEEDS_POPPLER)


class Made:
    """Lazily made fixture files in one session folder (each made once)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[str, Path] = {}

    def get(self, key: str, make: Callable[[Path], Path]) -> Path:
        if key not in self._cache:
            folder = self.root / key
            folder.mkdir(parents=True, exist_ok=True)
            self._cache[key] = make(folder)
        return self._cache[key]

    @property
    def xlsx(self) -> Path:
        return self.get("xlsx", lambda d: fx.make_xlsx(d / "goal.xlsx"))

    @property
    def xlsx_one_sheet(self) -> Path:
        return self.get("xlsx1", lambda d: fx.make_xlsx(d / "goals.xlsx", one_sheet=True))

    @property
    def docx(self) -> Path:
        return self.get("docx", lambda d: fx.make_docx(d / "goal.docx"))

    def lo(self, key: str, source: Path, target: str) -> Path:
        need_soffice()
        return self.get(key, lambda d: fx.lo_convert(source, target, d))

    @property
    def pdf_writer(self) -> Path:  # Writer PDF: table 1 crosses a page, a row is split
        return self.lo("pdf_writer", self.docx, "pdf")

    @property
    def pdf_calc(self) -> Path:  # Calc PDF of the three forms stacked on one sheet
        return self.lo("pdf_calc", self.xlsx_one_sheet, "pdf")

    @property
    def docx_100(self) -> Path:
        # Made by our own writer: python-docx's cell.merge() needs ~1 min for 100 forms.
        return self.get("docx100", lambda d: fx.make_docx_by_writer(d / "big.docx", 100))

    @property
    def pdf_100(self) -> Path:
        return self.lo("pdf100", self.docx_100, "pdf")


PDF_FONTS = ("truetype", "builtin")  # the two ways the PDF writer gets its Chinese font


def use_pdf_font(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the PDF writer use an embedded TrueType font or the built-in CID font."""
    from jixiao.io.writers.pdf import find_cjk_font

    if kind == "builtin":
        monkeypatch.setenv("JIXIAO_CJK_FONT", "builtin")
        return
    monkeypatch.delenv("JIXIAO_CJK_FONT", raising=False)
    need_system(find_cjk_font() is not None, NEEDS_TRUETYPE)
