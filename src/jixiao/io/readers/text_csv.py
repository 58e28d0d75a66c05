"""CSV files: delimiter sniffed among ``,`` ``;`` and tab, one GRID table, cells located by row."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from jixiao.core.problems import Problem, Severity, make, register
from jixiao.core.source import SourceLocation
from jixiao.io.table import Layout, Row, Table, plain_row

CSV_DAMAGED = register("T005", Severity.WARNING, "CSV syntax error; rest read line by line")
DELIMITERS = ",;\t"
EXCEL_SEP = re.compile(r"^\ufeff?sep=(.)\s*$")
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
    first, _, rest_of_text = text.partition("\n")
    declared = EXCEL_SEP.match(first)
    if declared:  # Excel's ``sep=;`` line is syntax, not a row
        delimiter, text, skipped = declared.group(1), rest_of_text, 1
    else:
        delimiter, skipped = sniff_delimiter(text), 0
    rows: list[Row] = []
    problems: list[Problem] = []
    reader = csv.reader(_physical_lines(text), delimiter=delimiter)
    number = done_lines = 0
    try:
        for number, record in enumerate(reader, start=1):
            if record:
                rows.append(_row(record, number, file))
            done_lines = reader.line_num
    except csv.Error as exc:
        line = done_lines + 1 + skipped
        message = (
            f"{file}: CSV syntax error at line {line} ({exc}); from there on each line was "
            f"split on {delimiter!r} without quoting rules"
        )
        problems.append(make(CSV_DAMAGED, message, SourceLocation(file, line=line)))
        for offset, plain in enumerate(text.split("\n")[done_lines:]):
            if plain.strip():
                rows.append(_row(plain.split(delimiter), number + 1 + offset, file))
    if not rows:
        return [], problems
    return [Table(rows, SourceLocation(file, row=1), Layout.GRID)], problems


def _physical_lines(text: str) -> Iterator[str]:
    # split on "\n" only: str.splitlines would also break at \x1c-\x1e inside cells
    for line in text.split("\n"):
        yield line + "\n"


def _row(record: list[str], number: int, file: str) -> Row:
    return plain_row([text.strip() for text in record], file, None, number)
