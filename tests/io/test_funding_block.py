"""The central goal form's 项目资金 block (实施期资金总额 | 年度资金总额 columns, the
年度资金总额 / 其中：财政拨款 / 其他资金 rows) read the same tabbed and as spaced PDF text;
two amounts separated by a space are never read as one."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.money import MoneyUnit
from jixiao.reading.header import parse_amount
from jixiao.services.parsing import parse_file

INDICATORS = ["一级指标 二级指标 三级指标 指标值", "产出指标 数量指标 培训班次 ≥12期"]


@pytest.mark.parametrize("sep", ["\t", " "])
def test_period_and_annual_columns_give_the_annual_budget(sep: str, tmp_path: Path) -> None:
    rows = [
        ["项目资金（万元）", "实施期资金总额", "年度资金总额"],
        ["资金总额", "300", "100.5"],
        ["其中：财政拨款", "240", "80.5"],
        ["其他资金", "60", "20"],
    ]
    lines = ["项目支出绩效目标表", sep.join(["项目名称", "某培训项目"])]
    lines += [sep.join(r) for r in rows] + [i.replace(" ", sep) for i in INDICATORS]
    path = tmp_path / "t.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (table,) = parse_file(path).tables
    budget = table.header.budget
    assert budget.amount is not None and budget.amount.in_wan() == Decimal("100.5")
    assert budget.adjusted is None  # a goal form's year budget is not an adjusted one
    assert [(r.label, r.budget.in_wan() if r.budget else None) for r in budget.rows] == [
        ("资金总额", Decimal("100.5")),
        ("其中：财政拨款", Decimal("80.5")),
        ("其他资金", Decimal("20")),
    ]
    assert ("实施期资金总额", "300") in table.header.extra


def test_a_self_evaluation_total_row_is_still_a_row(tmp_path: Path) -> None:
    """Without 实施期资金总额 beside it, 年度资金总额 names the total row, not a column."""
    lines = [
        "项目支出绩效自评表",
        "项目名称\t某培训项目",
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "年度资金总额\t43.2\t43.2\t37.24\t10\t86%\t9",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
        "产出指标\t数量指标\t培训班次\t≥12期\t12期\t90\t90",
    ]
    path = tmp_path / "t.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (table,) = parse_file(path).tables
    budget = table.header.budget
    assert budget.amount is not None and budget.amount.in_wan() == Decimal("43.2")
    assert budget.executed is not None and budget.executed.in_wan() == Decimal("37.24")


@pytest.mark.parametrize(
    ("text", "value"),
    [("24902.58 8300.86", "24902.58"), ("250 万元", "250"), (" 12.5 ", "12.5")],
)
def test_two_amounts_are_never_glued_into_one(text: str, value: str) -> None:
    amount = parse_amount(text, MoneyUnit.WAN)
    assert amount is not None and amount.value == Decimal(value)


def test_a_budget_header_one_cell_per_line_with_hebeis_words(tmp_path: Path) -> None:
    """034: a Word form copied one cell per line without blank lines, 调整预算数 for 全年预算数."""
    cells = [
        "项目支出绩效自评表", "项目名称", "商品质量检测经费", "项目资金", "(万元)",
        "年初预算数", "调整预算数", "全年执行数", "分值", "执行率", "得分",
        "年度资金总额", "30", "28", "27", "10", "96.43%", "9.64",
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
        "产出指标", "数量指标", "抽检批次", "≥90批", "95批", "90", "90",
    ]  # fmt: skip
    path = tmp_path / "t.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    (table,) = parse_file(path).tables
    budget = table.header.budget
    assert budget.initial is not None and budget.initial.in_wan() == Decimal("30")
    assert budget.adjusted is not None and budget.adjusted.in_wan() == Decimal("28")
    assert budget.executed is not None and budget.executed.in_wan() == Decimal("27")
    assert budget.score == Decimal("9.64")
