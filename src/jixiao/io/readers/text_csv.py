"""CSV files: delimiter sniffed among ``,`` ``;`` and tab, one GRID table, cells located by row."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from jixiao.core.problems import Problem, Severity, make, register
from jixiao.core.source import SourceLocation
from jixiao.io.table import Cell, Layout, Row, Table

CSV_DAMAGED = register("T005", Severity.WARNING, "CSV syntax error; rest read line by line")
DELIMITERS = ",;\t"
SAMPLE_CHARS = 20000  # the sniffer's regular expressions are slow on long samples


def sniff_delimiter(text: str) -> str:
    """The delimiter of ``text``: csv.Sniffer on a sample, else the most frequent candidate."""
    sample = "\n".join(text[:SAMPLE_CHARS].split("\n")[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in DELIMITERS}
        return max(counts, key=lambda d: (counts[d], d == ","))


def csv_tables(text: str, file: str) -> tuple[list[Table], list[Problem]]:
    delimiter = sniff_delimiter(text)
    rows: list[Row] = []
    problems: list[Problem] = []
    reader = csv.reader(_physical_lines(text), delimiter=delimiter)
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            if record:
                rows.append(_row(record, number, file))
    except csv.Error as exc:
        line = reader.line_num
        where = SourceLocation(file, line=line)
        message = f"{file}: CSV syntax error near line {line} ({exc}); the rest is split plainly"
        problems.append(make(CSV_DAMAGED, message, where))
        rest = text.split("\n")[line:]
        for offset, plain in enumerate(rest, start=1):
            if plain.strip():
                rows.append(_row(plain.split(delimiter), number + offset, file))
    if not rows:
        return [], problems
    return [Table(rows, SourceLocation(file, row=1), Layout.GRID)], problems


def _physical_lines(text: str) -> Iterator[str]:
    # split on "\n" only: str.splitlines would also break at \x1c-\x1e inside cells
    for line in text.split("\n"):
        yield line + "\n"


def _row(record: list[str], number: int, file: str) -> Row:
    return tuple(
        Cell(text.strip(), SourceLocation(file, row=number, column=k))
        for k, text in enumerate(record, start=1)
    )
