"""``.xlsx`` reader (openpyxl, normal mode: read-only mode has no merged ranges).

Every worksheet becomes one GRID table (hidden sheets too, reported as info). Merged ranges
become an origin cell plus covered cells. Formulas read as their saved value; a formula without
one is reported (``F106``). Numbers and dates are turned into the text a person
sees in Excel: a float ``3650.68`` stays ``3650.68`` (never ``3650.6800000000003``), a cell
formatted ``0.00`` keeps its two decimals, a percentage cell ``0.9`` reads ``90%``.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from jixiao.core.problems import Problem, make
from jixiao.core.source import SourceLocation
from jixiao.io.readers.common import (
    DATE_VALUE,
    HIDDEN_SHEET,
    NO_CACHED_VALUE,
    PACKAGE_ERRORS,
    Origin,
    damaged,
    span_grid,
)
from jixiao.io.table import RawDocument, Table

_FIXED_DECIMALS = re.compile(r"0\.(0+)")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >]")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
# lxml's XMLSyntaxError is a SyntaxError; a part with the wrong root element or a missing
# relationship surfaces from openpyxl as AttributeError / TypeError / OSError.
_OPEN_ERRORS: tuple[type[Exception], ...] = (
    *PACKAGE_ERRORS,
    SyntaxError,
    AttributeError,
    TypeError,
    OSError,
)


def read_xlsx(path: Path, source_name: str | None = None) -> RawDocument:
    """Read every worksheet of ``path``; ``source_name`` names the file in cell sources."""
    from openpyxl import load_workbook

    name = source_name or str(path)
    raw = RawDocument(name)
    # A file object, not the path: openpyxl refuses names not ending in .xlsx, but the format
    # was detected from the content (a workbook saved as .docx or without suffix is read).
    with path.open("rb") as handle:
        try:
            workbook = load_workbook(handle, data_only=True)
            _read_workbook(workbook, name, raw)
            if _has_formulas(path):
                raw.problems.extend(_formulas_without_values(path, raw, name))
        except _OPEN_ERRORS as exc:
            return damaged(name, "Excel", exc)
    return raw


def _has_formulas(path: Path) -> bool:
    """A cheap scan of the sheet XML for ``<f>`` elements (most forms have none)."""
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        return any(_FORMULA_TAG.search(archive.read(n)) for n in sheets)


def _formulas_without_values(path: Path, raw: RawDocument, name: str) -> list[Problem]:
    """Formula cells whose saved value is missing (a workbook written by a program that never
    computed them): their text is empty, which must not pass unnoticed."""
    from openpyxl import load_workbook

    read = {
        (t.source.sheet, cell.source.row, cell.source.column): cell.text
        for t in raw.tables
        for row in t.rows
        for cell in row
    }
    problems: list[Problem] = []
    with path.open("rb") as handle:
        workbook = load_workbook(handle)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type != "f" or read.get((sheet.title, cell.row, cell.column)):
                        continue
                    message = (
                        f"cell {cell.coordinate} holds the formula {cell.value} but no saved "
                        "value, so it reads empty: open and save the file in Excel or "
                        "LibreOffice to compute it"
                    )
                    here = SourceLocation(name, sheet=sheet.title, row=cell.row, column=cell.column)
                    problems.append(make(NO_CACHED_VALUE, message, here, raw=str(cell.value)))
        workbook.close()
    return problems


def _read_workbook(workbook: Any, name: str, raw: RawDocument) -> None:
    try:
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":
                message = (
                    f"worksheet {sheet.title!r} is {sheet.sheet_state}; it was read like the "
                    "others — check that it belongs to the submission"
                )
                raw.problems.append(make(HIDDEN_SHEET, message, SourceLocation(name, sheet.title)))
            table = _read_sheet(sheet, name, raw.problems)
            if table is not None:
                raw.tables.append(table)
    finally:
        workbook.close()


def _read_sheet(sheet: Any, file: str, problems: list[Problem]) -> Table | None:
    merged = [
        (rng.min_row, rng.min_col, rng.max_row, rng.max_col) for rng in sheet.merged_cells.ranges
    ]
    covered = {
        (r, c)
        for (r0, c0, r1, c1) in merged
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
        if (r, c) != (r0, c0)
    }
    texts: dict[tuple[int, int], str] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None or (cell.row, cell.column) in covered:
                continue
            text = cell_text(cell.value, cell.number_format)
            if isinstance(cell.value, (dt.datetime, dt.date, dt.time)):
                problems.append(_date_problem(cell, text, file, sheet.title))
            texts[(cell.row, cell.column)] = text
    used = list(texts) + [(r1, c1) for (_, _, r1, c1) in merged]
    if not used:
        return None
    n_rows = max(r for r, _ in used)
    n_cols = max(c for _, c in used)
    spans = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for (r0, c0, r1, c1) in merged}
    origins = [
        Origin(r - 1, c - 1, texts.get((r, c), ""), *spans.get((r, c), (1, 1)))
        for (r, c) in sorted(set(texts) | set(spans))
    ]
    return span_grid(origins, n_rows, n_cols, SourceLocation(file, sheet=sheet.title))


def _date_problem(cell: Any, text: str, file: str, sheet: str) -> Problem:
    value = cell.value
    serial = ""
    if isinstance(value, dt.datetime | dt.date) and not isinstance(value, dt.time):
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        days = (moment - _EXCEL_EPOCH).total_seconds() / 86400
        serial = f" (Excel stores the serial number {days:g})"
    message = (
        f"cell {cell.coordinate} holds a date, read as {text!r}{serial}; if a number was meant, "
        "format the cell as a number"
    )
    here = SourceLocation(file, sheet=sheet, row=cell.row, column=cell.column)
    return make(DATE_VALUE, message, here, raw=text)


def cell_text(value: object, number_format: str | None = "General") -> str:
    """The displayed text of a cell value (numbers exact, dates ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return _with_format(Decimal(value), number_format)
    if isinstance(value, float):
        # 15 significant digits is what Excel shows; it removes binary noise like ...0000003.
        return _with_format(Decimal(f"{value:.15g}"), number_format)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    return str(value)


def _with_format(number: Decimal, number_format: str | None) -> str:
    fmt = (number_format or "General").split(";")[0]
    percent = "%" in fmt
    if percent:
        number = number * 100
    match = _FIXED_DECIMALS.search(fmt)
    if match:
        # Excel rounds half away from zero (36.125 shows 36.13), Decimal's default is half-even.
        number = number.quantize(Decimal(1).scaleb(-len(match.group(1))), ROUND_HALF_UP)
    elif fmt.replace("%", "").strip() in ("0", "#,##0"):
        number = number.quantize(Decimal(1), ROUND_HALF_UP)
    text = _plain(number, keep_scale=match is not None)
    return f"{text}%" if percent else text


def _plain(number: Decimal, *, keep_scale: bool) -> str:
    if not keep_scale:
        number = (
            number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()
        )
    return format(number, "f")
