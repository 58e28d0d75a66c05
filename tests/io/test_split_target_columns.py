"""Comparator, value and unit printed in separate columns, and a 指标方向 column (family 1 of
docs/reading.md), on generated tables: every header wording and every way of printing the
comparator gives the same target as the value printed whole."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.target import Op
from jixiao.services.parsing import parse_file

ROWS = [
    # name, comparator cell, value, unit, expected op
    ("培训人次", "≥", "100", "人", Op.GE),
    ("合格率", "大于等于", "95", "%", Op.GE),
    ("投诉率", "≤", "5", "%", Op.LE),
    ("资金到位率", "=", "100", "%", Op.EQ),
    ("单位成本", "小于等于", "620", "元/平方米", Op.LE),
]
DIRECTIONS = {Op.GE: "正向", Op.LE: "反向", Op.EQ: "="}


def tab_table(op_label: str, cells: list[tuple[str, str, str, str]], unit_label: str) -> str:
    lines = [
        "项目名称\t社区养老服务补贴",
        f"一级指标\t二级指标\t三级指标\t{op_label}\t指标值\t{unit_label}",
    ]
    for k, (name, op, value, unit) in enumerate(cells):
        level = "产出指标\t数量指标" if k == 0 else "\t"
        lines.append(f"{level}\t{name}\t{op}\t{value}\t{unit}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("op_label", ["指标性质", "计算符号", "符号"])
@pytest.mark.parametrize("unit_label", ["度量单位", "计量单位"])
def test_comparator_value_and_unit_cells_make_one_target(
    op_label: str, unit_label: str, tmp_path: Path
) -> None:
    path = tmp_path / "t.txt"
    path.write_text(tab_table(op_label, [r[:4] for r in ROWS], unit_label), encoding="utf-8")
    (table,) = parse_file(path).tables
    got = [
        (i.name, i.annual_target.op, i.annual_target.value, i.annual_target.unit)
        for i in table.indicators
    ]
    assert got == [(n, op, Decimal(v), u) for n, _, v, u, op in ROWS]


@pytest.mark.parametrize("op_label", ["指标方向", "指标性质"])
def test_direction_column_gives_a_bare_value_its_comparator(op_label: str, tmp_path: Path) -> None:
    cells = [(n, DIRECTIONS[op], v, u) for n, _, v, u, op in ROWS]
    path = tmp_path / "t.txt"
    path.write_text(tab_table(op_label, cells, "度量单位"), encoding="utf-8")
    (table,) = parse_file(path).tables
    got = [(i.annual_target.op, i.annual_target.value) for i in table.indicators]
    assert got == [(op, Decimal(v)) for _, _, v, _, op in ROWS]
    # the printed value stays as printed; the direction word is kept beside it
    assert table.indicators[0].annual_target.raw == "100人"
    assert ("指标性质", "正向") in table.indicators[0].extra
