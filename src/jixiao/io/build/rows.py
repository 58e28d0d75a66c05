"""Logical rows from any layout: every block of a document as one sequence of :class:`Line`.

GRID rows keep every position (covered cells of a merge read as blank, so merged labels are
carried down by the indicator reader); STREAM cells become one-cell lines (blank cells kept:
they are positions); LINES rows become one-cell lines that the builder segments in context.
"""

from __future__ import annotations

import re

from jixiao.io.build.cells import Line, Piece, clean_text
from jixiao.io.table import Cell, Layout, RawDocument, Table

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
    framed = _framed_rows(table) if table.layout is Layout.STREAM else None
    if framed is not None:
        return framed_lines(framed, block)
    lines: list[Line] = []
    for row in table.rows:
        if not row:
            continue
        pieces = [Piece("" if cell.covered else cell.text, cell.source) for cell in row]
        if table.layout is Layout.GRID:
            line = Line(pieces, Layout.GRID, row[0].source, block)
            if any(cell.covered for cell in row):
                line.under = [_origin_text(table, cell) for cell in row]
            lines.append(line)
        elif table.layout is Layout.STREAM:
            if framed is not None:
                continue
            for piece in pieces:
                lines.append(Line([piece], Layout.STREAM, piece.source, block))
        else:
            text = " ".join(p.text for p in pieces if p.text.strip())
            lines.append(Line([Piece(text, row[0].source)], Layout.LINES, row[0].source, block))
    return lines


# A framed pipe copy (``| a | b |`` on every line) that reached the builder as a cell stream
# (the reader took a text line before it for a cell): every line starts with the empty cell
# before its first ``|``. Such a stream is regrouped by line, one row per line.
MIN_FRAMED_SHARE = 0.8


def _framed_rows(table: Table) -> list[list[Cell]] | None:
    groups: list[list[Cell]] = []
    for row in table.rows:
        for cell in row:
            line = cell.source.line
            if line is None:
                return None
            if groups and groups[-1][0].source.line == line:
                groups[-1].append(cell)
            else:
                groups.append([cell])
    multi = [g for g in groups if len(g) >= 3]
    if len(multi) < 3 or len(multi) < 0.6 * len(groups):
        return None
    framed = sum(1 for g in multi if not g[0].text.strip())
    return groups if framed >= MIN_FRAMED_SHARE * len(multi) else None


def framed_lines(groups: list[list[Cell]], block: int) -> list[Line]:
    lines: list[Line] = []
    for group in groups:
        if len(group) >= 2 and not group[0].text.strip():
            group = group[1:]  # the frame before the first |
        pieces = [Piece(c.text, c.source) for c in group]
        if len(pieces) == 1:
            if pieces[0].text.strip():
                lines.append(Line(pieces, Layout.LINES, pieces[0].source, block))
            continue
        lines.append(Line(pieces, Layout.GRID, pieces[0].source, block))
    return lines


def _origin_text(table: Table, cell: Cell) -> str:
    """The text a covered cell repeats (its merge origin); blank for other cells."""
    if not cell.covered or cell.origin is None:
        return ""
    r, c = cell.origin
    if 0 <= r < len(table.rows) and 0 <= c < len(table.rows[r]):
        return table.rows[r][c].text
    return ""
