"""Shared pieces of the readers: problem codes and the grid of origin cells.

* The reader problem codes (F0xx, F1xx, O001) are registered here once, so every reader
  imports them from one module below it (no reader imports another reader).
* :func:`span_grid` turns "origin cells with spans" (what xlsx merged ranges, docx ``<w:tc>``
  groups and PDF cell boxes all reduce to) into the neutral :class:`Table`: every grid position
  gets a cell, covered positions point at their origin.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from jixiao.core.problems import Severity, make, register
from jixiao.core.source import SourceLocation
from jixiao.io.table import Cell, Layout, RawDocument, Row, Table

UNREADABLE = register("F001", Severity.ERROR, "file cannot be read")
UNKNOWN_FORMAT = register("F002", Severity.ERROR, "unknown or unsupported file format")
INTERNAL = register("F003", Severity.ERROR, "unexpected failure while reading this file")
NO_READER = register("F004", Severity.ERROR, "no reader installed for this format")
HIDDEN_SHEET = register("F101", Severity.INFO, "hidden worksheet read")
DATE_VALUE = register("F102", Severity.INFO, "spreadsheet date value shown as text")
NO_OFFICE = register("F103", Severity.ERROR, "LibreOffice is needed to read this format")
CONVERSION_FAILED = register("F104", Severity.ERROR, "LibreOffice could not convert the file")
PDF_UNREADABLE = register("F105", Severity.ERROR, "PDF cannot be opened")
NO_CACHED_VALUE = register("F106", Severity.WARNING, "formula cell without a saved value")
PASSWORD_PROTECTED = register("F110", Severity.ERROR, "Word or Excel file protected by a password")
SCANNED_PAGE = register("O001", Severity.WARNING, "scanned page without a text layer, needs OCR")


@dataclass(frozen=True, slots=True)
class Origin:
    """An origin cell: 0-based grid position, spans and text."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


def span_grid(
    origins: Sequence[Origin],
    n_rows: int,
    n_cols: int,
    base: SourceLocation,
    *,
    row_numbers: Sequence[int] | None = None,
    col_numbers: Sequence[int] | None = None,
    layout: Layout = Layout.GRID,
) -> Table:
    """The neutral table of ``n_rows`` × ``n_cols`` positions from the origin cells.

    ``row_numbers`` / ``col_numbers`` give the 1-based source row/column of each grid index
    (spreadsheet rows, PDF table rows); by default they are ``index + 1``. Positions no origin
    covers are empty cells; spans are clipped to the grid.
    """
    rows_at = list(row_numbers) if row_numbers is not None else list(range(1, n_rows + 1))
    cols_at = list(col_numbers) if col_numbers is not None else list(range(1, n_cols + 1))
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]

    def here(r: int, c: int) -> SourceLocation:
        return replace(base, row=rows_at[r], column=cols_at[c])

    for o in origins:
        if not (0 <= o.row < n_rows and 0 <= o.col < n_cols) or grid[o.row][o.col] is not None:
            continue
        rowspan = max(1, min(o.rowspan, n_rows - o.row))
        colspan = max(1, min(o.colspan, n_cols - o.col))
        grid[o.row][o.col] = Cell(o.text, here(o.row, o.col), rowspan=rowspan, colspan=colspan)
        for r in range(o.row, o.row + rowspan):
            for c in range(o.col, o.col + colspan):
                if (r, c) != (o.row, o.col) and grid[r][c] is None:
                    grid[r][c] = Cell("", here(r, c), covered=True, origin=(o.row, o.col))
    rows: list[Row] = []
    for r in range(n_rows):
        rows.append(tuple(cell or Cell("", here(r, c)) for c, cell in enumerate(grid[r])))
    return Table(rows, base, layout)


def lines_table(lines: Sequence[tuple[str, SourceLocation]], base: SourceLocation) -> Table:
    """Text outside tables (titles, prose) as a LINES table: one single-cell row per line."""
    rows: list[Row] = [(Cell(text, loc),) for text, loc in lines]
    return Table(rows, base, Layout.LINES)


def damaged(path_name: str, kind: str, exc: Exception) -> RawDocument:
    """A package that cannot be opened (truncated zip, missing part, broken XML): F001."""
    message = (
        f"the {kind} file cannot be opened ({type(exc).__name__}: {exc}); it is damaged or not "
        f"a real {kind} file — open and save it again in an office program"
    )
    return RawDocument(path_name, problems=[make(UNREADABLE, message, SourceLocation(path_name))])


# Exceptions the office libraries raise on damaged packages (zip, a member that does not
# inflate, missing parts, XML).
PACKAGE_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    ValueError,
    EOFError,
    SyntaxError,  # xml.etree's ParseError and lxml's XMLSyntaxError derive from it
)


def is_damage(exc: BaseException, *, package: bool = False, pdf: bool = False) -> bool:
    """An exception that says the file is damaged, not that a reader has a bug: for xlsx /
    docx the package errors or anything raised inside openpyxl / python-docx / zipfile; for a
    PDF anything raised inside pdfminer / pdfplumber (their own exceptions, or a TypeError
    deep inside them on a broken page dictionary)."""
    module = type(exc).__module__ or ""
    if isinstance(exc, zlib.error) or module.startswith(("pdfminer", "pdfplumber")):
        return True
    if package and (
        isinstance(exc, (*PACKAGE_ERRORS, NotImplementedError))  # zipfile: "strong encryption"
        or _raised_in(exc, ("openpyxl", "docx", "zipfile"))  # e.g. a style index out of range
    ):
        return True
    return pdf and _raised_in(exc, ("pdfminer", "pdfplumber"))


def _raised_in(exc: BaseException, packages: tuple[str, ...]) -> bool:
    frame = exc.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    if frame is None:
        return False
    parts = frame.tb_frame.f_code.co_filename.replace("\\", "/").split("/")
    return any(p in parts for p in packages)
