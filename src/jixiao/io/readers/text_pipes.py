"""Pipe-separated copies of web tables: cells terminated by ``|``, rows found from the evidence.

Copy tools write every cell followed by `` |``, an empty cell as a bare ``|``, and end a row
with its run of trailing empty cells (``100% | ||||``, or a line of pipes only). A line
break that does not follow an empty cell continues the row. When those row ends give rows
of one consistent width the region is a GRID; otherwise (every line one cell, no reliable
row end) it is a STREAM of cells in order. Markdown tables (``| a | b |`` with a ``|---|``
rule) are read line by line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from jixiao.core.source import SourceLocation
from jixiao.io.readers.text_lines import Line
from jixiao.io.table import Cell, Layout, Row, Table

MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
MIN_COVERAGE = 0.5  # share of complete rows (and at least two) that must have the common width


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
        stream: list[Row] = [(Cell(c.text, SourceLocation(file, line=c.line)),) for c in cells]
        return Table(stream, source, Layout.STREAM, title)
    table_rows: list[Row] = [
        tuple(
            Cell(c.text, SourceLocation(file, line=c.line, column=k))
            for k, c in enumerate(row, start=1)
        )
        for row in rows
    ]
    return Table(table_rows, source, Layout.GRID, title)


def grid_rows(cells: list[PipeCell]) -> list[list[PipeCell]] | None:
    """Rows cut at the empty-cell runs, or None when they do not share a common width."""
    rows: list[list[PipeCell]] = [[]]
    for cell in cells:
        rows[-1].append(cell)
        if cell.ends_row:
            rows.append([])
    complete = [r for r in rows[:-1] if r]
    if not rows[-1]:
        rows.pop()
    widths = Counter(len(r) for r in complete)
    if len(complete) < 2:
        return None
    width, count = max(widths.items(), key=lambda wc: (wc[1], wc[0]))
    if width < 2 or count < 2 or count < MIN_COVERAGE * len(complete):
        return None
    out: list[list[PipeCell]] = []
    for row in rows:
        out.extend(_split_multiple(row, width))
    return out


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
    """Every line framed by pipes (``| a | b |``) and a ``|---|`` rule among them."""
    if len(lines) < 2:
        return False
    for line in lines:
        text = line.text.strip()
        if not (text.startswith("|") and text.endswith("|")):
            return False
    return any(MARKDOWN_RULE.match(ln.text) for ln in lines)


def _markdown_rows(lines: tuple[Line, ...], file: str) -> list[Row]:
    rows: list[Row] = []
    for line in lines:
        if MARKDOWN_RULE.match(line.text):
            continue  # the ``|---|`` rule is syntax, like the pipes themselves
        parts = line.text.strip()[1:-1].split("|")
        rows.append(
            tuple(
                Cell(p.strip(), SourceLocation(file, line=line.number, column=k))
                for k, p in enumerate(parts, start=1)
            )
        )
    return rows
