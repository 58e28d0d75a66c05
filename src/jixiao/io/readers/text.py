"""Readers for plain text (PDF and web copies) and CSV files → neutral tables.

``read_text`` recognises tab grids, pipe-separated copies, one-cell-per-line streams and plain
lines (see ``docs/formats-text.md``); ``read_csv`` reads delimited files with the csv module.
Neither knows anything about goal tables: that is the builder's job.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jixiao.core.problems import make
from jixiao.core.source import SourceLocation, located
from jixiao.io.readers import UNREADABLE
from jixiao.io.readers.text_csv import csv_tables
from jixiao.io.readers.text_decode import decode_bytes
from jixiao.io.readers.text_lines import Segment, classify, heading_text, segments
from jixiao.io.readers.text_pipes import pipe_table
from jixiao.io.table import Layout, RawDocument, Row, Table, plain_cell, plain_row


def read_bytes(path: Path) -> bytes | RawDocument:
    """The file's bytes, or a document holding the located F001 problem when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        name = str(path)
        where = SourceLocation(name)
        return RawDocument(name, problems=[make(UNREADABLE, f"cannot read: {exc}", where)])


def read_text(path: Path) -> RawDocument:
    """Read a text file into blocks in document order; never raises."""
    name = str(path)
    data = read_bytes(path)
    if isinstance(data, RawDocument):
        return data
    decoded = decode_bytes(data, name)
    return RawDocument(name, text_tables(decoded.text, name), decoded.problems)


def read_csv(path: Path) -> RawDocument:
    """Read a CSV file (``,`` ``;`` or tab, sniffed) as one GRID table; never raises."""
    name = str(path)
    data = read_bytes(path)
    if isinstance(data, RawDocument):
        return data
    decoded = decode_bytes(data, name)
    tables, problems = csv_tables(decoded.text, name)
    return RawDocument(name, tables, [*decoded.problems, *problems])


_Intern = Callable[[str, str], str]


def text_tables(text: str, file: str) -> list[Table]:
    """The blocks of already decoded text (also used for text found inside HTML pages)."""
    tables: list[Table] = []
    # One string object per distinct cell text: copies repeat the same labels and values in
    # every table, so this saves memory and lets the builder's caches reuse cached hashes.
    texts: dict[str, str] = {}
    for seg in segments(classify(text)):
        table = _segment_table(seg, file, texts.setdefault)
        if table is not None and table.rows:
            tables.append(table)
    return tables


def _segment_table(seg: Segment, file: str, same: _Intern) -> Table | None:
    first = next((ln for ln in seg.lines if ln.text.strip()), seg.lines[0])
    source = SourceLocation(file, line=first.number)
    if seg.kind == "tab":
        rows = [_tab_row(line.number, line.text, file, same) for line in seg.lines]
        return Table(rows, source, Layout.GRID, seg.title)
    if seg.kind == "pipe":
        return pipe_table(seg.lines, file, seg.title)
    if seg.kind == "stream":
        return Table(_stream_rows(seg, file), source, Layout.STREAM, seg.title)
    rows = [
        (plain_cell(heading_text(line) or line.text, located(file, line.number)),)
        for line in seg.lines
        if line.text.strip()
    ]
    return Table(rows, source, Layout.LINES, seg.title)


def _stream_rows(seg: Segment, file: str) -> list[Row]:
    """One cell per group of adjacent lines; blank lines separate cells and are not cells,
    a line of spaces or NBSP is an empty cell (``&nbsp;`` in the copied web table)."""
    rows: list[Row] = []
    group: list[str] = []
    first = 0
    for line in (*seg.lines, None):
        if line is not None and line.text:
            if not group:
                first = line.number
            group.append(line.text.strip())
            continue
        if group:
            text = "\n".join(t for t in group if t)
            rows.append((plain_cell(text, located(file, first)),))
            group = []
    return rows


def _tab_row(number: int, text: str, file: str, same: _Intern) -> Row:
    parts = [part.strip() for part in text.split("\t")]
    return plain_row([same(t, t) for t in parts], file, number)
