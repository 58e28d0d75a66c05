"""Pipe-separated copies of web tables: cells terminated by ``|``, rows found from the evidence.

Copy tools write every cell followed by `` |``, an empty cell as a bare ``|``, and end a row
with its run of trailing empty cells (``100% | ||||``, or a line of pipes only). A line
break that does not follow an empty cell continues the row. When those row ends give rows
of one consistent width the region is a GRID; so is it when most lines hold the same number
of cells (a fully filled table has no empty runs: each line is a row); otherwise (every line
one cell, no reliable row end) it is a STREAM of cells in order. Markdown-style tables
(every line framed as ``| a | b |``, with or without a ``|---|`` rule) are read by line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from jixiao.core.source import SourceLocation, located
from jixiao.io.readers.text_lines import Line
from jixiao.io.table import Layout, Row, Table, plain_cell, plain_row

MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
MIN_COVERAGE = 0.5  # share of complete rows (and at least two) that must have the common width
MIN_LINE_COVERAGE = 0.7  # the same when each line is taken for a row


@dataclass(frozen=True, slots=True)
class PipeCell:
    text: str
    line: int
    ends_line: bool  # its terminating ``|`` is the last thing on its line
    terminated: bool = True  # False for text cut off at the end of the region

    @property
    def ends_row(self) -> bool:
        return self.terminated and self.ends_line and not self.text


def tokenize(lines: tuple[Line, ...]) -> list[PipeCell]:
    """Cells in order; each ``|`` closes the text since the previous one (across lines)."""
    cells: list[PipeCell] = []
    pieces: list[tuple[int, str]] = []  # (line, text) of the open cell
    for line in lines:
        parts = line.text.split("|")
        closing = len(parts) - 1
        for n, part in enumerate(parts[:-1], start=1):
            if part.strip():
                pieces.append((line.number, part.strip()))
            ends_line = n == closing and not parts[-1].strip()
            cells.append(_close(pieces, line.number, ends_line))
            pieces = []
        if parts[-1].strip():
            pieces.append((line.number, parts[-1].strip()))
    if pieces:
        cells.append(PipeCell("\n".join(p for _, p in pieces), pieces[0][0], True, False))
    return cells


def _close(pieces: list[tuple[int, str]], line: int, ends_line: bool) -> PipeCell:
    if not pieces:
        return PipeCell("", line, ends_line)
    return PipeCell("\n".join(p for _, p in pieces), pieces[0][0], ends_line)


def pipe_table(lines: tuple[Line, ...], file: str, title: str | None) -> Table:
    source = SourceLocation(file, line=lines[0].number)
    if is_markdown(lines):
        return Table(_markdown_rows(lines, file), source, Layout.GRID, title)
    cells = tokenize(lines)
    rows = grid_rows(cells)
    if rows is None:
        stream: list[Row] = [(plain_cell(c.text, located(file, c.line)),) for c in cells]
        return Table(stream, source, Layout.STREAM, title)
    table_rows: list[Row] = [
        tuple([plain_cell(c.text, located(file, c.line, k)) for k, c in enumerate(row, start=1)])
        for row in rows
    ]
    return Table(table_rows, source, Layout.GRID, title)


RowEnd = Callable[[PipeCell], bool]


def _row_end(cell: PipeCell) -> bool:
    return cell.ends_row


def _line_end(cell: PipeCell) -> bool:
    return cell.ends_line


def grid_rows(cells: list[PipeCell]) -> list[list[PipeCell]] | None:
    """Rows cut at the empty-cell runs; failing that, one row per line when the lines agree
    on a width (fully filled tables have no empty runs); None when neither gives a grid."""
    rows = _cut(cells, _row_end)
    width = _common_width(rows, _row_end, MIN_COVERAGE)
    if width is not None:
        return [part for row in rows for part in _split_multiple(row, width)]
    if len(rows) == 1 and len(rows[0]) >= 2 and rows[0][-1].ends_row:
        return rows  # one whole row (copies that put a blank line after every row)
    if len(cells) >= 2 and len({c.line for c in cells}) == 1:
        return [cells]  # one line of cells
    by_line = _cut(cells, _line_end)
    return by_line if _common_width(by_line, _line_end, MIN_LINE_COVERAGE) is not None else None


def _cut(cells: list[PipeCell], ends: RowEnd) -> list[list[PipeCell]]:
    rows: list[list[PipeCell]] = [[]]
    for cell in cells:
        rows[-1].append(cell)
        if ends(cell):
            rows.append([])
    return [r for r in rows if r]


def _common_width(rows: list[list[PipeCell]], ends: RowEnd, coverage: float) -> int | None:
    """The width shared by at least two complete rows and ``coverage`` of them, if any."""
    complete = rows if rows and ends(rows[-1][-1]) else rows[:-1]
    if len(complete) < 2:
        return None
    widths = Counter(len(r) for r in complete)
    width, count = max(widths.items(), key=lambda wc: (wc[1], wc[0]))
    if width < 2 or count < 2 or count < coverage * len(complete):
        return None
    return width


def _split_multiple(row: list[PipeCell], width: int) -> list[list[PipeCell]]:
    """A row k times the common width is k rows when each cut falls at a line break.

    Header rows have no trailing empty cells, so their row end is invisible and they run
    into the next row (``序号 | … | 备注 |`` followed by ``1 | 西坪镇 | … | |``).
    """
    if len(row) <= width or len(row) % width:
        return [row]
    cuts = range(width, len(row), width)
    if not all(row[c - 1].ends_line for c in cuts):
        return [row]
    return [row[s : s + width] for s in range(0, len(row), width)]


def is_markdown(lines: tuple[Line, ...]) -> bool:
    """Every line framed by pipes (``| a | b |``): Markdown style, one row per line (the
    ``|---|`` rule is optional: some copy tools frame rows without one)."""
    if len(lines) < 2:
        return False
    for line in lines:
        text = line.text.strip()
        if len(text) < 2 or not (text.startswith("|") and text.endswith("|")):
            return False
    return any(ln.text.replace("|", "").strip() for ln in lines)


def _markdown_rows(lines: tuple[Line, ...], file: str) -> list[Row]:
    rows: list[Row] = []
    for index, line in enumerate(lines):
        if index == 1 and MARKDOWN_RULE.match(line.text):
            continue  # the rule under the header is syntax; elsewhere ``---`` is a value
        parts = line.text.strip()[1:-1].split("|")
        rows.append(plain_row([p.strip() for p in parts], file, line.number))
    return rows
