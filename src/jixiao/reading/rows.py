"""Logical rows from any layout: every block of a document as one sequence of :class:`Line`.

GRID rows keep every position (covered cells of a merge read as blank, so merged labels are
carried down by the indicator reader); STREAM cells become one-cell lines (blank cells kept:
they are positions); LINES rows become one-cell lines that the builder segments in context.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jixiao.core.chinese import drop_pinyin_glosses, to_simplified
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
    fold = _text_folder(raw)
    for index, table in enumerate(raw.tables):
        out.extend(_lines_of_table(table, index, fold))
    return out


def _text_folder(raw: RawDocument) -> Callable[[str], str]:
    """How every cell is read: Simplified (OpenCC ``t2s``) without pinyin glosses.

    One conversion of the whole text tells whether the document holds Traditional
    characters at all; most do not, and their cells then skip the converter.
    """
    sample = "".join(c.text for t in raw.tables for row in t.rows for c in row)
    if to_simplified(sample) == sample:
        return lambda text: drop_placeholders(drop_pinyin_glosses(text))
    return lambda text: drop_placeholders(to_simplified(drop_pinyin_glosses(text)))


# Template residue glued to a name: ``贫困地区旅游景点开发数量(≥**个)``, ``受益人口数≥**人``.
# A placeholder standing alone (``培训班次 ≥**个``) is the unfilled target: kept, reported.
_PLACEHOLDER = re.compile(
    r"[(（]\s*[≥≤><=＞＜]{0,2}\s*\*{2,}\s*[^\s()（）*]{0,4}\s*[)）]"
    r"|(?<=[\u3400-\u9fff])[≥≤><=＞＜]{1,2}\s*\*{2,}[^\s()（）*\d]{0,4}"
)


def drop_placeholders(text: str) -> str:
    """Template placeholders (``(≥**个)``) removed; they are never read as values."""
    if "**" not in text:
        return text
    kept = _PLACEHOLDER.sub("", text)
    # A cell that is nothing but the placeholder stays: the builder keeps its row and
    # reports the unfilled target (B016) instead of losing the row.
    return kept if kept.strip() else text


def _lines_of_table(table: Table, block: int, fold: Callable[[str], str]) -> list[Line]:
    lines: list[Line] = []
    for row in table.rows:
        if not row:
            continue
        pieces = [piece("" if cell.covered else fold(cell.text), cell.source) for cell in row]
        if table.layout is Layout.GRID:
            line = Line(pieces, Layout.GRID, row[0].source, block)
            if any(cell.covered for cell in row):
                line.under = [_origin_text(table, cell) for cell in row]
            lines.append(line)
        elif table.layout is Layout.STREAM:
            for cell_piece in pieces:
                lines.append(Line([cell_piece], Layout.STREAM, cell_piece.source, block))
        else:
            text = unwrap_glued(" ".join(p.text for p in pieces if p.text.strip()))
            lines.append(Line([piece(text, row[0].source)], Layout.LINES, row[0].source, block))
    if table.layout is Layout.LINES:
        lines = join_page_runs(lines)
    return lines


_CJK = "\u3400-\u9fff"
_GLUED_EDGE = re.compile(rf"[{_CJK}][\d≥≤>=<]|[%\d][{_CJK}]")
_SPACED_EDGE = re.compile(rf"[{_CJK}] [\d≥≤>=<]|[%\d] [{_CJK}]")
_WRAP_SPACE = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


def unwrap_glued(text: str) -> str:
    """Spaces that are line wraps inside cells, not cell borders, removed.

    A copy that lost every cell border glues values to names (``真实率100%100%质量``) while
    a cell's own line wraps survive as spaces (``县级储备粮管理制 度严格执行率``). When values
    are glued far more often than spaced, a space between two Chinese characters is a wrap.
    """
    if len(text) < 60 or " " not in text:
        return text
    glued = len(_GLUED_EDGE.findall(text))
    spaced = len(_SPACED_EDGE.findall(text))
    if glued < 5 or glued < 4 * max(spaced, 1):
        return text
    return _WRAP_SPACE.sub("", text)


_PAGE_MARK = re.compile(r"^(\d{1,2})、")


def join_page_runs(lines: list[Line]) -> list[Line]:
    """Document-site previews number each page's text ``1、`` ``2、`` ``3、`` and cut rows
    at page ends: consecutive long lines numbered 1, 2, 3 … are one text."""
    out: list[Line] = []
    expect = 0
    for line in lines:
        text = line.pieces[0].text if line.pieces else ""
        mark = _PAGE_MARK.match(text)
        if mark and expect and int(mark.group(1)) == expect and len(out[-1].text) >= 150:
            joined = out[-1].pieces[0].text + text[mark.end() :]
            out[-1] = Line(
                [piece(unwrap_glued(joined), out[-1].source)],
                Layout.LINES,
                out[-1].source,
                out[-1].block,
            )
            expect += 1
            continue
        expect = 2 if mark and mark.group(1) == "1" and len(text) >= 150 else 0
        out.append(line)
    return out


def _origin_text(table: Table, cell: Cell) -> str:
    """The text a covered cell repeats (its merge origin); blank for other cells."""
    if not cell.covered or cell.origin is None:
        return ""
    r, c = cell.origin
    if 0 <= r < len(table.rows) and 0 <= c < len(table.rows[r]):
        return table.rows[r][c].text
    return ""
