"""The neutral table every reader produces and the one builder consumes.

A reader turns any input (text, HTML, CSV, xlsx, docx, pdf) into a :class:`RawDocument`: an
ordered list of :class:`Table` blocks, each a list of rows of :class:`Cell`. Every cell knows
its source (file, sheet or page, line or row, column). Merged cells are kept explicit: the origin
cell carries the text and its span, covered positions are cells with ``covered=True`` and the
origin's coordinates, so nothing depends on guessing from blanks.

``layout`` tells the builder how much structure the reader could recover:

* ``GRID``: real rows and columns (tab/pipe/CSV copies, HTML, xlsx, docx, pdf tables);
* ``STREAM``: one cell per line with no reliable row ends (copies of web tables); the builder
  regroups the cells into rows from the column header and the category vocabulary;
* ``LINES``: prose or text whose cells are glued or separated by spaces; each row is one line
  (one cell), which the builder may segment.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from jixiao.core.problems import Problem
from jixiao.core.source import LOCATION_SETTERS, SourceLocation, located


class Layout(StrEnum):
    GRID = "grid"
    STREAM = "stream"
    LINES = "lines"


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    source: SourceLocation
    covered: bool = False  # a non-origin position inside a merged range
    origin: tuple[int, int] | None = None  # (row, column) index of the merge origin in the table
    rowspan: int = 1  # on an origin cell
    colspan: int = 1

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


Row = tuple[Cell, ...]

# Readers make one cell per table position; like :func:`jixiao.core.source.located`, this
# writes the slots directly instead of going through the frozen dataclass ``__init__``.
_CELL_SLOTS: dict[str, Any] = {
    name: Cell.__dict__[name].__set__
    for name in ("text", "source", "covered", "origin", "rowspan", "colspan")
}


def plain_cell(
    text: str,
    source: SourceLocation,
    *,
    _new: Any = object.__new__,
    _cls: type[Cell] = Cell,
    _text: Any = _CELL_SLOTS["text"],
    _source: Any = _CELL_SLOTS["source"],
    _covered: Any = _CELL_SLOTS["covered"],
    _origin: Any = _CELL_SLOTS["origin"],
    _rowspan: Any = _CELL_SLOTS["rowspan"],
    _colspan: Any = _CELL_SLOTS["colspan"],
) -> Cell:
    """Same as ``Cell(text, source)`` (not covered, no span), faster."""
    cell: Cell = _new(_cls)
    _text(cell, text)
    _source(cell, source)
    _covered(cell, False)
    _origin(cell, None)
    _rowspan(cell, 1)
    _colspan(cell, 1)
    return cell


def plain_row(
    texts: Iterable[str],
    file: str,
    line: int | None = None,
    row: int | None = None,
    *,
    _new: Any = object.__new__,
    _cell: type[Cell] = Cell,
    _location: type[SourceLocation] = SourceLocation,
    _loc: dict[str, Any] = LOCATION_SETTERS,
    _slot: dict[str, Any] = _CELL_SLOTS,
) -> Row:
    """Same as ``tuple(Cell(t, SourceLocation(file, line=line, row=row, column=k)) for k, t
    in enumerate(texts, start=1))``: the readers' inner loop, written out (about 1.7 times
    faster than calling :func:`plain_cell` and ``located`` per cell)."""
    l_file, l_sheet, l_page = _loc["file"], _loc["sheet"], _loc["page"]
    l_line, l_row, l_column = _loc["line"], _loc["row"], _loc["column"]
    c_text, c_source, c_covered = _slot["text"], _slot["source"], _slot["covered"]
    c_origin, c_rowspan, c_colspan = _slot["origin"], _slot["rowspan"], _slot["colspan"]
    cells: list[Cell] = []
    for column, text in enumerate(texts, start=1):
        loc = _new(_location)
        l_file(loc, file)
        l_sheet(loc, None)
        l_page(loc, None)
        l_line(loc, line)
        l_row(loc, row)
        l_column(loc, column)
        cell = _new(_cell)
        c_text(cell, text)
        c_source(cell, loc)
        c_covered(cell, False)
        c_origin(cell, None)
        c_rowspan(cell, 1)
        c_colspan(cell, 1)
        cells.append(cell)
    return tuple(cells)


@dataclass(slots=True)
class Table:
    rows: list[Row]
    source: SourceLocation
    layout: Layout = Layout.GRID
    title: str | None = None  # caption or nearby heading, when the format gives one

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def texts(self) -> list[list[str]]:
        """Rows as plain strings, covered cells blank (handy in tests and debugging)."""
        return [["" if c.covered else c.text for c in row] for row in self.rows]

    def filled(self) -> list[list[str]]:
        """Rows with every covered cell holding its origin's text (the "repeated" view)."""
        out = self.texts()
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                if cell.covered and cell.origin is not None:
                    orow, ocol = cell.origin
                    if orow < len(self.rows) and ocol < len(self.rows[orow]):
                        out[r][c] = self.rows[orow][ocol].text
        return out


@dataclass(slots=True)
class RawDocument:
    """What a reader returns: the blocks in document order plus the problems met reading."""

    source: str
    tables: list[Table] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def grid_from_texts(
    rows: list[list[str]], file: str, *, sheet: str | None = None, page: int | None = None
) -> Table:
    """Build a GRID table from plain strings (tests, CSV); row/column numbers are 1-based."""
    table_rows: list[Row] = []
    for r, texts in enumerate(rows, start=1):
        table_rows.append(
            tuple(
                [
                    plain_cell(t, located(file, None, c, r, sheet, page))
                    for c, t in enumerate(texts, start=1)
                ]
            )
        )
    return Table(table_rows, SourceLocation(file, sheet=sheet, page=page))
