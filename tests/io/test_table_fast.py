"""The fast constructors build exactly the objects the dataclass constructors build."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.source import SourceLocation, located
from jixiao.io.table import Cell, plain_cell, plain_row

texts = st.lists(st.text(max_size=12), max_size=8)
numbers = st.one_of(st.none(), st.integers(min_value=1, max_value=10_000))


@given(texts, numbers, numbers)
def test_plain_row_equals_the_dataclass_row(cells: list[str], line: int | None, row: int | None):
    fast = plain_row(cells, "f.txt", line, row)
    slow = tuple(
        Cell(t, SourceLocation("f.txt", line=line, row=row, column=k))
        for k, t in enumerate(cells, start=1)
    )
    assert fast == slow
    assert hash(fast) == hash(slow)


@given(numbers, numbers, numbers, st.one_of(st.none(), st.text(max_size=5)), numbers)
def test_located_equals_the_dataclass(line, column, row, sheet, page):  # type: ignore[no-untyped-def]
    fast = located("a.xlsx", line, column, row, sheet, page)
    slow = SourceLocation("a.xlsx", sheet=sheet, page=page, line=line, row=row, column=column)
    assert fast == slow
    assert hash(fast) == hash(slow)


def test_fast_objects_stay_frozen() -> None:
    cell = plain_cell("100%", located("f.txt", 3, 2))
    assert cell == Cell("100%", SourceLocation("f.txt", line=3, column=2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        cell.text = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        cell.source.line = 9  # type: ignore[misc]
