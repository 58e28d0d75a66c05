"""Shared pieces of the office-format readers, and .xls/.doc through LibreOffice.

* :func:`span_grid` turns "origin cells with spans" (what xlsx merged ranges, docx ``<w:tc>``
  groups and PDF cell boxes all reduce to) into the neutral :class:`Table`: every grid position
  gets a cell, covered positions point at their origin.
* :func:`read_xls` / :func:`read_doc` convert the old binary formats with ``soffice --headless
  --convert-to`` into a temporary folder and read the result with the xlsx / docx reader. When
  LibreOffice is not installed the result is a clear error problem, never an exception.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from jixiao.core.problems import Severity, make, register
from jixiao.core.source import SourceLocation
from jixiao.io.table import Cell, Layout, RawDocument, Row, Table

HIDDEN_SHEET = register("F101", Severity.INFO, "hidden worksheet read")
DATE_VALUE = register("F102", Severity.INFO, "spreadsheet date value shown as text")
NO_OFFICE = register("F103", Severity.ERROR, "LibreOffice is needed to read this format")
CONVERSION_FAILED = register("F104", Severity.ERROR, "LibreOffice could not convert the file")
PDF_UNREADABLE = register("F105", Severity.ERROR, "PDF cannot be opened")
NO_CACHED_VALUE = register("F106", Severity.WARNING, "formula cell without a saved value")
SCANNED_PAGE = register("O001", Severity.WARNING, "scanned page without a text layer, needs OCR")

CONVERT_TIMEOUT_S = 120


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
    from jixiao.io import readers

    message = (
        f"the {kind} file cannot be opened ({type(exc).__name__}: {exc}); it is damaged or not "
        f"a real {kind} file — open and save it again in an office program"
    )
    return RawDocument(
        path_name, problems=[make(readers.UNREADABLE, message, SourceLocation(path_name))]
    )


# Exceptions the office libraries raise on damaged packages (zip, missing parts, XML).
PACKAGE_ERRORS: tuple[type[Exception], ...] = (zipfile.BadZipFile, KeyError, ValueError, EOFError)


# --- LibreOffice ---------------------------------------------------------------------------


def find_soffice() -> str | None:
    """The LibreOffice binary: ``$JIXIAO_SOFFICE``, else ``soffice``/``libreoffice`` on PATH."""
    configured = os.environ.get("JIXIAO_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def _run_bounded(command: list[str], timeout: float) -> tuple[int, str]:
    """Run in its own process group; on timeout kill the whole group (``soffice`` is a script
    that starts ``soffice.bin``: killing only the script would leave LibreOffice running)."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise RuntimeError(f"LibreOffice took longer than {timeout:g} s and was stopped") from exc
    return process.returncode, output or ""


def convert_with_soffice(
    path: Path, target: str, out_dir: Path, timeout: float | None = None
) -> Path:
    """Convert ``path`` to ``target`` (``xlsx``, ``docx``, ``pdf``) in ``out_dir``.

    Raises ``FileNotFoundError`` when LibreOffice is absent and ``RuntimeError`` on failure;
    the readers turn both into problems. A private profile keeps parallel runs apart.
    """
    binary = find_soffice()
    if binary is None:
        raise FileNotFoundError("soffice")
    profile = out_dir / "lo-profile"
    command = [
        binary,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        str(path.resolve()),
    ]
    returncode, output = _run_bounded(command, timeout or CONVERT_TIMEOUT_S)
    produced = out_dir / f"{path.stem}.{target.split(':')[0]}"
    if returncode != 0 or not produced.exists():
        detail = output.strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"exit code {returncode}: {detail[0]}")
    return produced


def _read_converted(path: Path, target: str) -> RawDocument:
    name = str(path)
    here = SourceLocation(name)
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-") as tmp:
        try:
            converted = convert_with_soffice(path, target, Path(tmp))
        except FileNotFoundError:
            message = (
                f"{path.suffix or 'this'} files are read by converting them with LibreOffice, "
                "which is not installed: install it (Debian: apt-get install "
                f"libreoffice-{'calc' if target == 'xlsx' else 'writer'}-nogui) or save the "
                f"file as .{target} and read that"
            )
            return RawDocument(name, problems=[make(NO_OFFICE, message, here)])
        except RuntimeError as exc:
            message = f"LibreOffice could not convert the file to .{target}: {exc}"
            return RawDocument(name, problems=[make(CONVERSION_FAILED, message, here)])
        if target == "xlsx":
            from jixiao.io.readers.xlsx import read_xlsx

            raw = read_xlsx(converted, source_name=name)
        else:
            from jixiao.io.readers.docx import read_docx

            raw = read_docx(converted, source_name=name)
    return raw


def read_xls(path: Path) -> RawDocument:
    """Read a legacy Excel ``.xls`` workbook (through LibreOffice)."""
    return _read_converted(path, "xlsx")


def read_doc(path: Path) -> RawDocument:
    """Read a legacy Word ``.doc`` document (through LibreOffice)."""
    return _read_converted(path, "docx")
