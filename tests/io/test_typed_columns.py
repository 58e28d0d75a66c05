"""Columns typed by content (slice 4 of issue 23, docs/reading.md): indicator rows under no
column header, or under one the vocabulary does not know, with columns the usual headers do
not have (an 指标解释 or 考核方式 column before the target)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.reading.typed import typed_header
from jixiao.services.parsing import parse_file

ROWS = [
    ["产出指标", "数量指标", "培训班次", "按实际统计", "≥12期"],
    ["", "", "走访农户数", "考核资金使用效率", "≥300户"],
    ["", "质量指标", "资料审核规范性", "按实际统计", "规范"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "按实际统计", "≥85%"],
]


def test_a_text_column_before_the_targets_is_an_explanation() -> None:
    assert typed_header(ROWS) == ("一级指标", "二级指标", "三级指标", "指标解释", "年度指标值")


def test_self_evaluation_columns_typed_by_content() -> None:
    rows = [
        ["产出指标", "数量指标", "培训班次", "≥12期", "12期", "50", "50"],
        ["", "质量指标", "验收合格率", "100%", "95%", "40", "38"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥85%", "90%", "10", "10"],
    ]
    assert typed_header(rows) == (
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
    )  # fmt: skip


def test_rows_without_level_labels_or_targets_are_not_typed() -> None:
    assert typed_header([["甲", "乙", "丙"], ["丁", "戊", "己"]]) is None
    assert typed_header([["产出指标", "数量指标", "培训班次", "说明"]] * 3) is None


@pytest.mark.parametrize("header", [None, "考核类别\t考核项目\t考核内容\t考核方式\t考核目标"])
def test_the_typed_reading_wins_by_the_arithmetic(header: str | None, tmp_path: Path) -> None:
    lines = ["项目支出绩效目标表", "项目名称\t城乡居民医疗救助", "年度预算金额（万元）\t86.5"]
    lines += [header] if header else []
    lines += ["\t".join(r) for r in ROWS]
    path = tmp_path / "t.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = parse_file(path)
    (table,) = doc.tables
    assert [(i.name, i.annual_target.raw, i.extra) for i in table.indicators] == [
        ("培训班次", "≥12期", (("指标解释", "按实际统计"),)),
        ("走访农户数", "≥300户", (("指标解释", "考核资金使用效率"),)),
        ("资料审核规范性", "规范", (("指标解释", "按实际统计"),)),
        ("群众满意度", "≥85%", (("指标解释", "按实际统计"),)),
    ]
    assert table.header.budget.amount is not None
    assert table.header.budget.amount.in_wan() == Decimal("86.5")
    chosen = [p for p in doc.problems if p.code == "B020"]
    assert chosen and "指标解释" in chosen[0].message
