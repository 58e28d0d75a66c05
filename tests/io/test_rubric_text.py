"""Rubric score sheets (family 4 of docs/reading.md: 项目决策 / 项目过程 / 项目产出 / 项目效益
with 立项依据充分性 …) copied as space-separated text read the same as their tab copy: a row
whose cells fill the header is read as a grid row, and once the sheet reads that way, the rows
that leave the merged 一级 / 二级 cells out are aligned on their last cells (the score)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.services.parsing import parse_file

ROWS = [
    ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "得分"],
    ["项目决策", "项目立项", "立项依据充分性", "3", "符合国家法律法规得3分", "3"],
    ["", "", "立项程序规范性", "2", "按规定程序申请设立得2分", "2"],
    ["", "绩效目标", "绩效目标合理性", "3", "目标明确得3分", "2"],
    ["项目过程", "资金管理", "资金到位率", "4", "到位率100%得满分", "4"],
    ["", "", "预算执行率", "4", "执行率×分值", "3.8"],
    ["项目产出", "产出数量", "养护里程完成率", "10", "完成率×分值", "10"],
    ["", "产出质量", "验收合格率", "10", "合格率×分值", "10"],
    ["项目效益", "满意度", "群众满意度", "10", "满意度≥90%得满分", "9.5"],
]
EXPECTED = [
    ("项目决策", "项目立项", "立项依据充分性", Decimal(3), Decimal(3)),
    ("项目决策", "项目立项", "立项程序规范性", Decimal(2), Decimal(2)),
    ("项目决策", "绩效目标", "绩效目标合理性", Decimal(3), Decimal(2)),
    ("项目过程", "资金管理", "资金到位率", Decimal(4), Decimal(4)),
    ("项目过程", "资金管理", "预算执行率", Decimal(4), Decimal("3.8")),
    ("项目产出", "产出数量", "养护里程完成率", Decimal(10), Decimal(10)),
    ("项目产出", "产出质量", "验收合格率", Decimal(10), Decimal(10)),
    ("项目效益", "满意度", "群众满意度", Decimal(10), Decimal("9.5")),
]


@pytest.mark.parametrize("sep", ["\t", " "])
def test_a_rubric_sheet_reads_the_same_tabbed_or_spaced(sep: str, tmp_path: Path) -> None:
    lines = ["项目支出绩效评价指标体系及评分表", sep.join(["项目名称", "农村公路养护工程"])]
    lines += [sep.join(c for c in row if c or sep == "\t") for row in ROWS]
    path = tmp_path / "t.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (table,) = parse_file(path).tables
    got = [(i.level1, i.level2, i.name, i.weight, i.score) for i in table.indicators]
    assert got == EXPECTED
