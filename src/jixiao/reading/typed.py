"""Columns typed by content (issue 23, slice 4): a column header inferred from the cells.

For indicator rows whose column header is missing or not one the vocabulary knows
(``考核类别 | 考核项目 | 考核内容 | 方式 | 考核目标``), each column of the rows is typed by
what its cells hold, as a person reads an unlabelled grid: the column of 一级 labels
(产出指标 …), the column of 二级 labels (数量指标 …), the indicator names (the first column
of text after them), then targets (cells that read as targets), bare numbers (分值, 得分) and
any other text (an 指标解释 or 考核方式 column, kept in ``extra``). The header built this way
is supplied to the walk like the usual headers of the ``headerless`` reading, and the table's
own arithmetic chooses among the readings (:mod:`.selfcheck`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jixiao.io.table import Layout
from jixiao.reading.cells import Line, decimal_of, is_none_marker, is_value_like
from jixiao.reading.records import is_l1, is_l2

MAX_ROWS = 300
_VALUE_SHARE = 0.5  # a column whose cells mostly read as targets holds targets
_NUMBER_SHARE = 0.8  # a column of bare numbers after the targets: 分值, then 得分


@dataclass(slots=True)
class _Profile:
    filled: int = 0
    level1: int = 0
    level2: int = 0
    values: int = 0
    numbers: int = 0

    def add(self, text: str) -> None:
        if not text:
            return
        self.filled += 1
        if is_l1(text):
            self.level1 += 1
        elif is_l2(text):
            self.level2 += 1
        if decimal_of(text) is not None:
            self.numbers += 1
        if is_value_like(text) or is_none_marker(text):
            self.values += 1

    def share(self, count: int) -> float:
        return count / self.filled if self.filled else 0.0


def indicator_rows(lines: list[Line], at: int) -> list[list[str]]:
    """The cells of the grid rows from ``lines[at]`` on, in the same block."""
    rows: list[list[str]] = []
    block = lines[at].block
    for line in lines[at : at + MAX_ROWS]:
        if line.layout is not Layout.GRID or line.block != block:
            break
        rows.append([p.clean for p in line.pieces])
    return rows


def typed_header(rows: list[list[str]]) -> tuple[str, ...] | None:
    """A column header for ``rows`` typed by content, or None when the rows show no 一级 or
    二级 column, no name column or no target column."""
    if len(rows) < 2:
        return None
    width = max(len(r) for r in rows)
    profiles = [_Profile() for _ in range(width)]
    for row in rows:
        for k, text in enumerate(row):
            profiles[k].add(text)
    level1 = _best(profiles, lambda p: p.level1)
    level2 = _best(profiles, lambda p: p.level2, skip=level1)
    levels = [k for k in (level1, level2) if k is not None]
    if not levels:
        return None
    name = next(
        (
            k
            for k in range(max(levels) + 1, width)
            if profiles[k].filled and profiles[k].share(profiles[k].values) < _VALUE_SHARE
        ),
        None,
    )
    if name is None:
        return None
    header = [""] * width
    if level1 is not None:
        header[level1] = "一级指标"
    if level2 is not None:
        header[level2] = "二级指标"
    header[name] = "三级指标"
    after = _after_name(profiles[name + 1 :])
    if after is None:
        return None
    header[name + 1 :] = after
    return tuple(header)


def _after_name(profiles: list[_Profile]) -> list[str] | None:
    targets = ["年度指标值", "实际完成值"]
    numbers = ["分值", "得分"]
    out: list[str] = []
    for p in profiles:
        if not p.filled:
            out.append("备注")
        elif p.share(p.numbers) >= _NUMBER_SHARE and len(targets) < 2 and numbers:
            out.append(numbers.pop(0))  # bare numbers after a target column: 分值, 得分
        elif p.share(p.values) >= _VALUE_SHARE and targets:
            out.append(targets.pop(0))
        else:
            out.append("指标解释")
    return out if len(targets) < 2 else None


def _best(
    profiles: list[_Profile], count: Callable[[_Profile], int], skip: int | None = None
) -> int | None:
    found = [(count(p), k) for k, p in enumerate(profiles) if k != skip and count(p) > 0]
    return max(found, key=lambda c: (c[0], -c[1]))[1] if found else None
