"""Inline tables for builder tests: ``|``-separated GRID rows, one-cell STREAM and LINES text.

Imported by the other test_build_* modules (pytest runs with --import-mode=importlib, so they
put this folder on sys.path first).
"""

from __future__ import annotations

from jixiao.core.model import Document
from jixiao.core.source import SourceLocation
from jixiao.io.build import build_document
from jixiao.io.table import Cell, Layout, RawDocument, Table, grid_from_texts

FILE = "inline.txt"


def grid(text: str, *, first_line: int = 1) -> Table:
    """One GRID table; every non-empty line is a row, cells split on ``|``."""
    rows = [ln.split("|") for ln in text.strip("\n").splitlines()]
    rows = [[c.strip() for c in r] for r in rows]
    table = grid_from_texts(rows, FILE)
    # text readers give line numbers: mimic them so sources can be checked
    for r, row in enumerate(table.rows):
        table.rows[r] = tuple(
            Cell(c.text, SourceLocation(FILE, line=first_line + r, column=c.source.column))
            for c in row
        )
    return table


def one_cell_rows(lines: list[str], layout: Layout, *, first_line: int = 1) -> Table:
    rows = [
        (Cell(text, SourceLocation(FILE, line=first_line + i, column=1)),)
        for i, text in enumerate(lines)
    ]
    return Table(rows, SourceLocation(FILE, line=first_line), layout)


def stream(lines: list[str], *, first_line: int = 1) -> Table:
    return one_cell_rows(lines, Layout.STREAM, first_line=first_line)


def text_lines(text: str, *, first_line: int = 1) -> Table:
    return one_cell_rows(text.strip("\n").splitlines(), Layout.LINES, first_line=first_line)


def build(*tables: Table) -> Document:
    return build_document(RawDocument(FILE, list(tables)))


def codes(doc: Document) -> list[str]:
    return [p.code for p in doc.problems]
