"""``.docx`` exporter (python-docx): each form as a Word table with merged cells.

A centred heading and year line precede each table; ``one_per_page`` puts a page break between
forms. Text is set in 宋体 (East Asian font attribute) so Word and WPS show the usual face.
"""

from __future__ import annotations

import io
from typing import Any

from jixiao.io.writers import Exporter, register_exporter
from jixiao.io.writers.layout import Sheet, Style, layout_for

_CJK_FONT = "宋体"
_BODY_PT = 10.5


def _east_asian(run_or_style: Any, font: str) -> None:
    from docx.oxml.ns import qn

    r_pr = run_or_style.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(fonts)
    fonts.set(qn("w:eastAsia"), font)


def _setup(document: Any) -> None:
    from docx.shared import Mm, Pt

    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(_BODY_PT)
    _east_asian(normal, _CJK_FONT)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(20)


def _heading(document: Any, text: str, size: float, *, bold: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    _east_asian(run, "黑体" if bold else _CJK_FONT)


def write_table(document: Any, sheet: Sheet) -> Any:
    """Add ``sheet`` as a Word table; returns the table.

    Merges are written directly as ``w:gridSpan`` / ``w:vMerge`` (python-docx's ``cell.merge``
    recomputes the whole cell grid on every call, which is quadratic in the table size).
    """
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt
    from docx.table import _Cell

    size = Pt(_BODY_PT if sheet.n_cols <= 6 else 9)  # the wide forms need the smaller size
    table = document.add_table(rows=sheet.n_rows, cols=sheet.n_cols)
    table.style = "Table Grid"
    table.autofit = False
    usable_mm = 174.0
    total = sum(sheet.widths)
    widths = [Mm(usable_mm * w / total) for w in sheet.widths]
    for c, column in enumerate(table.columns):
        column.width = widths[c]  # <w:gridCol>: what LibreOffice and WPS lay out by
    for row in table.rows:
        row.height = Mm(7)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    tcs = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    for row in tcs:
        for c, tc in enumerate(row):
            tc.width = widths[c]
    removed: set[tuple[int, int]] = set()
    for place in sheet.places:
        for r in range(place.row, place.row + place.rowspan):
            tc = tcs[r][place.col]
            if place.colspan > 1:
                tc.grid_span = place.colspan
                tc.width = sum(widths[place.col : place.col + place.colspan])
                for c in range(place.col + 1, place.col + place.colspan):
                    if (r, c) not in removed:
                        tcs[r][c].getparent().remove(tcs[r][c])
                        removed.add((r, c))
            if place.rowspan > 1:
                tc.vMerge = "restart" if r == place.row else "continue"
        origin = _Cell(tcs[place.row][place.col], table)
        origin.text = place.text
        origin.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = origin.paragraphs[0]
        if place.style is not Style.TEXT:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in paragraph.runs:
            run.bold = place.style is Style.HEAD
            run.font.size = size
    return table


@register_exporter
class DocxExporter(Exporter):
    id = "docx"
    name = "Word 文档 (.docx)"
    extension = ".docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def render(self) -> bytes:
        import docx
        from docx.enum.text import WD_BREAK

        document = docx.Document()
        _setup(document)
        for i, table in enumerate(self.tables):
            sheet = layout_for(table, self.options.year)
            if i:
                if self.options.one_per_page:
                    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                else:
                    document.add_paragraph()
            _heading(document, sheet.heading, 16, bold=True)
            if sheet.subheading:
                _heading(document, sheet.subheading, 11, bold=False)
            write_table(document, sheet)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
