"""Lists as downloadable files (csv, xlsx): the presentation of a queryset, like a template.

openpyxl is imported only when an xlsx is asked for.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse

from jixiao.io.formula_cells import as_text, csv_row

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(fmt: str, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(csv_row(header))
        writer.writerows(csv_row(row) for row in rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.create_sheet(index=0)
    book.remove(book.worksheets[1])  # the default empty sheet
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
        as_text(sheet[sheet.max_row])  # names and comments are data, never formulas
    sheet.freeze_panes = "A2"
    for column, name in zip(sheet.columns, header, strict=False):
        cells = [len(str(c.value or "")) for c in column[:200]]
        width = max(len(str(name)), *cells)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, width * 1.6))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    """A download response; the file name may be Chinese (RFC 6266 ``filename*``)."""
    response = HttpResponse(data, content_type=content_type)
    # a line break or NUL in a project name must not break the header (BadHeaderError: 500)
    filename = "".join(" " if ord(ch) < 32 or ch == "\x7f" else ch for ch in filename).strip()
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "")
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
