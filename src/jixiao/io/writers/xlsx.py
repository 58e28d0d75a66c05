"""``.xlsx`` exporter (openpyxl): the official layout with merges, borders, widths, A4 print setup.

One worksheet per table (``one_per_page``, the default) or every table on one worksheet with a
blank row between them. The heading (项目绩效目标表 and the year) takes the first two rows of
each form; those rows are repeated on every printed page of a one-table sheet.
"""

from __future__ import annotations

import io
import re
from typing import Any

from jixiao.io.formula_cells import as_text
from jixiao.io.writers import Exporter, register_exporter
from jixiao.io.writers.layout import Sheet, Style, estimated_lines, layout_for

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_POINTS_PER_LINE = 14.5


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique worksheet name (≤ 31 characters, no ``[]:*?/\\``)."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip("' ") or "Sheet"
    title = base[:31]
    n = 2
    while title in taken:
        suffix = f"({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title)
    return title


class _Styles:
    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, Side

        thin = Side(style="thin", color="000000")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.body = Font(name="宋体", size=10.5)
        self.bold = Font(name="宋体", size=10.5, bold=True)
        self.title = Font(name="黑体", size=16, bold=True)
        self.sub = Font(name="宋体", size=11)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=True)


def write_sheet(ws: Any, sheet: Sheet, top: int, styles: _Styles) -> int:
    """Write ``sheet`` from row ``top`` (1-based); returns the next free row."""
    from openpyxl.utils import get_column_letter

    last_col = get_column_letter(sheet.n_cols)
    ws.cell(top, 1, sheet.heading).font = styles.title
    ws.cell(top, 1).alignment = styles.center
    ws.merge_cells(f"A{top}:{last_col}{top}")
    ws.row_dimensions[top].height = 28
    ws.cell(top + 1, 1, sheet.subheading).font = styles.sub
    ws.cell(top + 1, 1).alignment = styles.center
    ws.merge_cells(f"A{top + 1}:{last_col}{top + 1}")
    first = top + 2
    for r in range(sheet.n_rows):
        for c in range(sheet.n_cols):
            ws.cell(first + r, c + 1).border = styles.border
    lines = [1] * sheet.n_rows
    for place in sheet.places:
        row, col = first + place.row, place.col + 1
        cell = ws.cell(row, col, place.text or None)
        as_text([cell])
        cell.font = styles.bold if place.style is Style.HEAD else styles.body
        cell.alignment = styles.left if place.style is Style.TEXT else styles.center
        if place.rowspan > 1 or place.colspan > 1:
            ws.merge_cells(
                start_row=row,
                start_column=col,
                end_row=row + place.rowspan - 1,
                end_column=col + place.colspan - 1,
            )
        width = sum(sheet.widths[place.col : place.col + place.colspan])
        need = -(-estimated_lines(place.text, width) // place.rowspan)
        for r in range(place.row, place.row + place.rowspan):
            lines[r] = max(lines[r], need)
    for r, count in enumerate(lines):
        ws.row_dimensions[first + r].height = max(20.0, count * _POINTS_PER_LINE + 4)
    return first + sheet.n_rows


def _page_setup(ws: Any, sheet: Sheet, *, repeat_heading: bool) -> None:
    from openpyxl.utils import get_column_letter

    for c, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if repeat_heading:
        ws.print_title_rows = "1:2"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


@register_exporter
class XlsxExporter(Exporter):
    id = "xlsx"
    name = "Excel 工作簿 (.xlsx)"
    extension = ".xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def render(self) -> bytes:
        from openpyxl import Workbook
        from openpyxl.worksheet.pagebreak import Break

        workbook = Workbook()
        first: Any = workbook.active
        styles = _Styles()
        sheets = [layout_for(t, self.options.year) for t in self.tables]
        taken: set[str] = set()
        if self.options.one_per_page or not sheets:
            workbook.remove(first)
            for sheet in sheets:
                ws = workbook.create_sheet(sheet_title(sheet.name, taken))
                write_sheet(ws, sheet, 1, styles)
                _page_setup(ws, sheet, repeat_heading=True)
            if not sheets:
                workbook.create_sheet("绩效目标表")
        else:
            ws = first
            ws.title = "绩效目标表"
            top = 1
            for i, sheet in enumerate(sheets):
                if i:
                    ws.row_breaks.append(Break(id=top - 1))
                top = write_sheet(ws, sheet, top, styles) + 1
            widest = max(sheets, key=lambda s: s.n_cols)
            _page_setup(ws, widest, repeat_heading=False)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
