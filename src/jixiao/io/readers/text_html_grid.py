"""One HTML ``<table>`` element → a GRID :class:`Table` with merged cells made explicit.

``rowspan``/``colspan`` are expanded: the origin cell keeps the text and its spans, every other
position it covers is a ``covered=True`` cell pointing at the origin. Positions no cell
reaches (short rows beside a rowspan) are empty cells, so columns stay aligned.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml.html import HtmlElement

from jixiao.core.source import SourceLocation
from jixiao.io.table import Cell, Layout, Row, Table

SPAN = re.compile(r"\s*([0-9]+)")
MAX_SPAN = 1000  # a hostile ``colspan="99999999"`` must not exhaust memory

CellText = Callable[[HtmlElement], str]


@dataclass(slots=True)
class _Slot:
    text: str
    line: int | None
    origin: tuple[int, int]
    rowspan: int
    colspan: int


@dataclass(frozen=True, slots=True)
class HtmlRow:
    line: int | None  # source line of the ``<tr>`` (of the first cell for an implied row)
    cells: tuple[HtmlElement, ...]


def table_rows(table: HtmlElement) -> list[HtmlRow]:
    """The rows of this table (through thead/tbody/tfoot), not of nested tables.

    ``<td>``/``<th>`` standing directly in the table or a section (no ``<tr>``, which libxml2
    does not add) form an implied row with their adjacent siblings.
    """
    rows: list[HtmlRow] = []
    _section_rows(table, rows)
    return rows


def _section_rows(section: HtmlElement, rows: list[HtmlRow]) -> None:
    loose: list[HtmlElement] = []
    for child in section:
        tag = child.tag.lower() if isinstance(child.tag, str) else None
        if tag in ("td", "th"):
            loose.append(child)
            continue
        if loose:
            rows.append(HtmlRow(loose[0].sourceline, tuple(loose)))
            loose = []
        if tag == "tr":
            rows.append(HtmlRow(child.sourceline, tuple(own_cells(child))))
        elif tag in ("thead", "tbody", "tfoot"):
            _section_rows(child, rows)
    if loose:
        rows.append(HtmlRow(loose[0].sourceline, tuple(loose)))


def own_cells(tr: HtmlElement) -> list[HtmlElement]:
    cells: list[HtmlElement] = tr.xpath("./td|./th")
    return cells


def table_width(rows: list[HtmlRow]) -> int:
    """The most cells any row holds (before spans)."""
    return max((len(row.cells) for row in rows), default=0)


def span(element: HtmlElement, name: str) -> int:
    """``rowspan``/``colspan`` as browsers read it: leading digits, else 1; capped."""
    match = SPAN.match(element.get(name) or "")
    value = int(match.group(1)) if match else 1
    return min(max(value, 1), MAX_SPAN)


def grid_table(
    table: HtmlElement, file: str, cell_text: CellText, title: str | None
) -> Table | None:
    rows = table_rows(table)
    if not rows:
        return None
    slots: dict[tuple[int, int], _Slot] = {}
    for r, row in enumerate(rows):
        c = 0
        for td in row.cells:
            while (r, c) in slots:
                c += 1
            rowspan = min(span(td, "rowspan"), len(rows) - r)
            colspan = span(td, "colspan")
            slot = _Slot(cell_text(td), row.line, (r, c), rowspan, colspan)
            for dr in range(rowspan):
                for dc in range(colspan):
                    slots.setdefault((r + dr, c + dc), slot)
            c += colspan
    widths = [0] * len(rows)
    for rr, cc in slots:
        widths[rr] = max(widths[rr], cc + 1)
    grid = [_row(r, widths[r], row.line, slots, file) for r, row in enumerate(rows)]
    source = SourceLocation(file, line=table.sourceline)
    return Table(grid, source, Layout.GRID, title)


def _row(
    r: int, width: int, line: int | None, slots: dict[tuple[int, int], _Slot], file: str
) -> Row:
    cells: list[Cell] = []
    for c in range(width):
        where = SourceLocation(file, line=line, row=r + 1, column=c + 1)
        slot = slots.get((r, c))
        if slot is None:
            cells.append(Cell("", where))
        elif slot.origin == (r, c):
            cells.append(Cell(slot.text, where, False, None, slot.rowspan, slot.colspan))
        else:
            cells.append(Cell("", where, covered=True, origin=slot.origin))
    return tuple(cells)
