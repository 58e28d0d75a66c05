"""Hostile files are refused (or read only up to a bound) with a located problem, before a
reader inflates them (issue 11, item 1). The files are made here with the real libraries."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from jixiao.io.actuals import read_actuals_bytes
from jixiao.io.writers import get_exporter
from jixiao.services.parsing import parse_file

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dongguan-changan-2024-goal-tables.txt"


def small_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["项目名称", "工会经费"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_bomb(package: bytes, megabytes: int) -> bytes:
    """The package with one more part of ``megabytes`` zeros (deflated to a few kB)."""
    out = io.BytesIO(package)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (megabytes * 1024 * 1024))
    return out.getvalue()


def codes_of(path: Path) -> list[str]:
    return [p.code for p in parse_file(path).problems]


def test_a_zip_bomb_xlsx_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(with_bomb(small_workbook(), 8))
    assert path.stat().st_size < 100_000
    doc = parse_file(path)  # refused from the package directory, nothing inflated
    (problem,) = doc.problems
    assert problem.code == "F107" and "zip bomb" in problem.message
    assert problem.source.file == str(path)


def test_a_zip_bomb_docx_is_refused(tmp_path: Path) -> None:
    docx = get_exporter("docx")(parse_file(EXAMPLE).tables[:1]).render()
    path = tmp_path / "bomb.docx"
    path.write_bytes(with_bomb(docx, 8))
    assert codes_of(path) == ["F107"]


def test_the_limits_are_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ok.xlsx"
    path.write_bytes(small_workbook())
    assert "F107" not in codes_of(path)
    monkeypatch.setenv("JIXIAO_MAX_FILE_MB", "1")
    big = tmp_path / "big.txt"
    big.write_bytes(EXAMPLE.read_bytes() * 600)  # about 1.5 MB of text
    problems = parse_file(big).problems
    assert [p.code for p in problems] == ["F107"]
    assert "JIXIAO_MAX_FILE_MB" in problems[0].message


def test_a_long_pdf_is_read_up_to_the_page_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(get_exporter("pdf")(parse_file(EXAMPLE).tables).render())  # 3+ pages
    monkeypatch.setenv("JIXIAO_MAX_PDF_PAGES", "1")
    doc = parse_file(pdf)
    cut = [p for p in doc.problems if p.code == "F108"]
    assert len(cut) == 1 and "first 1" in cut[0].message
    assert [t.name for t in doc.tables][:1] == [parse_file(EXAMPLE).tables[0].name]
    assert len(doc.tables) == 1


def test_the_actuals_upload_is_bounded_too() -> None:
    sheet = read_actuals_bytes(with_bomb(small_workbook(), 8), "actuals.xlsx")
    assert [p.code for p in sheet.problems] == ["F107"]


def test_a_sheet_of_millions_of_cells_is_refused_by_its_declared_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 0.26 MB workbook of the issue: a sheet part that unpacks to far more than any goal
    table, each cell costing openpyxl hundreds of bytes. Made small here with a 1 MB limit."""
    monkeypatch.setenv("JIXIAO_MAX_SHEET_MB", "1")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for r in range(1, 30001):
        sheet.cell(r, 1, 1)
        sheet.cell(r, 2, 2)
    path = tmp_path / "cells.xlsx"
    book.save(path)
    problems = parse_file(path).problems
    assert [p.code for p in problems] == ["F107"]
    assert "xl/worksheets/sheet1.xml" in problems[0].message
