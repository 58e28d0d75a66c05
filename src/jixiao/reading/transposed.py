"""Indicator blocks flattened column by column (text layers of PDFs, 010):

    三级指标 新建高校(校区) 工程质量达标率(%)
    开工率(%)
    年度目标值
    7 100% 100%

A line that starts with the 三级 column label and goes on with names opens the block; each
later line that starts with a value column label (年度目标值, 实施周期目标值 …) gives that
column's cells in the same order. Cells are paired with names by position, and only as far
as both are printed; a value run longer than the names means names were cut off.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.core.model import Indicator
from jixiao.io.table import Layout
from jixiao.reading.cells import Line, Piece, is_value_like
from jixiao.reading.records import Record, to_indicator
from jixiao.reading.vocab import Col, column_of

_VALUE_COLS = (Col.ANNUAL, Col.PERIOD, Col.ACTUAL, Col.WEIGHT, Col.SCORE)


@dataclass(slots=True)
class Transposed:
    indicators: list[Indicator] = field(default_factory=list)
    end: int = 0  # index of the first line after the block
    cut: bool = False


def _tokens(line: Line) -> list[str]:
    return line.text.split() if line.layout is Layout.LINES else [p.clean for p in line.filled]


def starts_transposed(line: Line) -> bool:
    if line.layout is not Layout.LINES:
        return False
    tokens = _tokens(line)
    return (
        len(tokens) >= 2
        and column_of(tokens[0]) is Col.L3
        and all(column_of(t) is None and not is_value_like(t) for t in tokens[1:])
    )


def read_transposed(lines: list[Line], i: int) -> Transposed | None:
    names: list[Piece] = [Piece(t, lines[i].source) for t in _tokens(lines[i])[1:]]
    j = i + 1
    while j < len(lines) and lines[j].layout is Layout.LINES:
        tokens = _tokens(lines[j])
        if tokens and column_of(tokens[0]) is not None:
            break
        if not tokens or any(is_value_like(t) for t in tokens):
            break
        names += [Piece(t, lines[j].source) for t in tokens]
        j += 1
    columns: dict[Col, tuple[str, list[Piece]]] = {}
    cut = False
    while j < len(lines) and lines[j].layout is Layout.LINES:
        tokens = _tokens(lines[j])
        role = column_of(tokens[0]) if tokens else None
        if role not in _VALUE_COLS or role is None:
            break
        label, cells = tokens[0], [Piece(t, lines[j].source) for t in tokens[1:]]
        j += 1
        while j < len(lines) and lines[j].layout is Layout.LINES and len(cells) < len(names):
            more = _tokens(lines[j])
            if not more or column_of(more[0]) is not None:
                break
            cells += [Piece(t, lines[j].source) for t in more]
            j += 1
        while j < len(lines) and lines[j].layout is Layout.LINES:  # the rest of a long run
            more = _tokens(lines[j])
            if not more or column_of(more[0]) is not None:
                break
            cells += [Piece(t, lines[j].source) for t in more]
            j += 1
        cut = cut or len(cells) != len(names)
        columns[role] = (label, cells)
    if not columns:
        return None
    result = Transposed(end=j, cut=cut)
    for k, name in enumerate(names):
        values = [
            (role, label, cells[k]) for role, (label, cells) in columns.items() if k < len(cells)
        ]
        if values:
            result.indicators.append(to_indicator(Record(None, None, name, values), name.clean))
    return result
