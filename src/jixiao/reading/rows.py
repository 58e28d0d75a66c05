"""Logical rows from any layout: every block of a document as one sequence of :class:`Line`.

GRID rows keep every position (covered cells of a merge read as blank, so merged labels are
carried down by the indicator reader); STREAM cells become one-cell lines (blank cells kept:
they are positions); LINES rows become one-cell lines that the builder segments in context.
"""

from __future__ import annotations

import re

from jixiao.io.table import Cell, Layout, RawDocument, Table
from jixiao.reading.cells import Line, clean_text, piece

# Page furniture and file names that are never table content.
FURNITURE_RE = re.compile(
    r"(^(返回|打印|关闭|分享|上一篇|下一篇|扫一扫|【|\[下载\]|字号|发布时间|发布机构|"
    r"来源[:：]|浏览次数|点击次数|索引号|索 引 号|文本内容[:：]?$|- ?\d+ ?-|— ?\d+ ?—|"
    r"第\s*\d+\s*页|共\s*\d+\s*页|首页\s*[>＞»›]|当前位置[:：])|"
    r"\.(xlsx?|docx?|pdf|wps|et|html?)\s*$)"
)


def is_furniture(text: str) -> bool:
    t = clean_text(text)
    return bool(t) and bool(FURNITURE_RE.search(t)) and len(t) < 80


def lines_of(raw: RawDocument) -> list[Line]:
    out: list[Line] = []
    for index, table in enumerate(raw.tables):
        out.extend(_lines_of_table(table, index))
    return out


def _lines_of_table(table: Table, block: int) -> list[Line]:
    lines: list[Line] = []
    for row in table.rows:
        if not row:
            continue
        pieces = [piece("" if cell.covered else cell.text, cell.source) for cell in row]
        if table.layout is Layout.GRID:
            line = Line(pieces, Layout.GRID, row[0].source, block)
            if any(cell.covered for cell in row):
                line.under = [_origin_text(table, cell) for cell in row]
            lines.append(line)
        elif table.layout is Layout.STREAM:
            for cell_piece in pieces:
                lines.append(Line([cell_piece], Layout.STREAM, cell_piece.source, block))
        else:
            text = " ".join(p.text for p in pieces if p.text.strip())
            lines.append(Line([piece(text, row[0].source)], Layout.LINES, row[0].source, block))
    return lines


def _origin_text(table: Table, cell: Cell) -> str:
    """The text a covered cell repeats (its merge origin); blank for other cells."""
    if not cell.covered or cell.origin is None:
        return ""
    r, c = cell.origin
    if 0 <= r < len(table.rows) and 0 <= c < len(table.rows[r]):
        return table.rows[r][c].text
    return ""
