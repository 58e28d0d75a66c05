"""Inline tables for builder tests: ``|``-separated GRID rows, one-cell STREAM and LINES text.

Imported by the other test_build_* modules (pytest runs with --import-mode=importlib, so they
put this folder on sys.path first).
"""

from __future__ import annotations

import pytest

from jixiao.core.model import Document
from jixiao.core.source import SourceLocation
from jixiao.io.table import Cell, Layout, RawDocument, Table, grid_from_texts
from jixiao.reading import build_document
from jixiao.reading.cells import Line, Piece, piece
from jixiao.reading.records import clean_level

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


# --- fast constructors and caches of the builder's cells ------------------------------------


@pytest.mark.parametrize("text", ["", "  ", " | 项目名称 | ", "≥95%", "a\nb"])
def test_fast_piece_equals_the_dataclass_piece(text: str) -> None:
    at = SourceLocation("f.txt", line=3, column=2)
    fast, slow = piece(text, at), Piece(text, at)
    assert fast == slow and hash(fast) == hash(slow)
    assert (fast.clean, fast.blank) == (slow.clean, slow.blank)


def test_line_text_is_cached_and_reset_when_the_pieces_change() -> None:
    at = SourceLocation("f.txt", line=1)
    line = Line([piece("项目名称", at), piece(" ", at), piece("校舍维修", at)], Layout.GRID, at)
    assert line.text == "项目名称 校舍维修" and line.text is line.text
    line.replace_pieces([piece("主管部门", at)])
    assert line.text == "主管部门" and line.key == "主管部门"


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("产 出 指 标(50分)", "产出指标"),
        ("一、产出指标", "产出指标"),
        ("效益指标（30）分", "效益指标"),
    ],
)
def test_clean_level_cached_gives_the_same_label(text: str, cleaned: str) -> None:
    assert clean_level(text) == cleaned == clean_level(text)
