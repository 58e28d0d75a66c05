"""Header labels as real forms print them, on generated one-cell-per-line tables (family 2/9
of docs/reading.md): labels wrapped over two cells, decorated labels (``项目起止时间``,
``主管部门及其编码``, ``项目资金申请`` + ``(万元)``), a stamped label left blank
(``填报单位(盖章):``) and a label with its value in one cell (``资金总额: 250``). Each variant
must read to the same header as the plain table."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.model import GoalTable
from jixiao.reading.header import name_from_title
from jixiao.services.parsing import parse_file

NAME, DEPARTMENT, UNIT = "社区养老服务补贴", "某市民政局", "某市社会福利院"
INDICATORS = [
    "一级指标", "二级指标", "三级指标", "指标值",
    "产出指标", "数量指标", "补贴发放人数", "≥1200人",
    "效益指标", "社会效益指标", "老年人生活质量", "有所提高",
    "满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%",
]  # fmt: skip


def stream(cells: list[str]) -> str:
    """One cell per line with blank lines between, as web pages copy a form."""
    return "\n\n".join(cells) + "\n"


def table(
    *,
    name_label: str = "项目名称",
    period_label: list[str] | None = None,
    department_label: str = "主管部门",
    unit_label: str = "实施单位",
    budget: list[str] | None = None,
    stamp: bool = False,
) -> str:
    cells = ["2024年项目绩效目标表"]
    if stamp:
        cells.append("填报单位(盖章):")
    cells += [name_label, NAME]
    cells += [*(period_label or ["实施周期"]), "2024.1-2024.12"]
    cells += [department_label, DEPARTMENT, unit_label, UNIT]
    cells += budget or ["年度预算金额(万元)", "250"]
    cells += ["年度绩效指标", *INDICATORS]
    return stream(cells)


def read(tmp_path: Path, text: str) -> GoalTable:
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path)
    assert len(doc.tables) == 1, [p.message for p in doc.problems]
    return doc.tables[0]


def assert_plain_header(t: GoalTable) -> None:
    assert (t.header.name, t.header.department, t.header.unit) == (NAME, DEPARTMENT, UNIT)
    assert t.header.budget.amount is not None
    assert t.header.budget.amount.in_wan() == Decimal("250")
    assert [i.name for i in t.indicators] == ["补贴发放人数", "老年人生活质量", "老年人满意度"]


def _splits(label: str) -> list[list[str]]:
    return [[label[:k], label[k:]] for k in range(2, len(label) - 1)]


@pytest.mark.parametrize("period", [["实施周期"], ["项目起止时间"], *_splits("项目起止时间")])
def test_period_label_plain_decorated_or_wrapped(period: list[str], tmp_path: Path) -> None:
    t = read(tmp_path, table(period_label=period))
    assert_plain_header(t)
    assert (t.header.period.start, t.header.period.end) == (2024, 2024)


@pytest.mark.parametrize(
    "label", ["主管部门", "主管部门及其编码", "项目主管部门", "主管部门及代码"]
)
def test_department_label_variants(label: str, tmp_path: Path) -> None:
    assert_plain_header(read(tmp_path, table(department_label=label)))


@pytest.mark.parametrize(
    "budget",
    [
        ["项目资金申请", "(万元)", "资金总额: 250"],
        ["项目资金申请(万元)", "250"],
        ["年度预算金额", "(万元)", "250"],
        ["资金总额: 250万元"],
    ],
)
def test_budget_label_variants(budget: list[str], tmp_path: Path) -> None:
    assert_plain_header(read(tmp_path, table(budget=budget)))


@pytest.mark.parametrize("unit_label", ["实施单位", "项目实施单位"])
def test_a_blank_stamped_label_does_not_take_the_next_value(
    unit_label: str, tmp_path: Path
) -> None:
    assert_plain_header(read(tmp_path, table(stamp=True, unit_label=unit_label)))


@pytest.mark.parametrize(
    "label_as_value",
    [
        "自评总分:",  # a PDF copy that put another label where the name should be
        "三级指标",
        "评价得分:",
        "省级业务主管部",  # a label cut by a line wrap (``门`` on the next line)
        "项目实施单",
        "主管部门及代",
    ],
)
def test_a_label_is_never_taken_as_the_project_name(label_as_value: str, tmp_path: Path) -> None:
    """Family 9: a label, whole or cut by a narrow PDF column, is not the name's value."""
    text = "\t".join(["项目名称", label_as_value]) + "\n" + table().split("\n\n", 1)[1]
    path = tmp_path / "t.txt"
    path.write_text("2024年项目绩效目标表\n" + text, encoding="utf-8")
    doc = parse_file(path)
    assert all(t.header.name != label_as_value for t in doc.tables)
    assert any(p.code == "B009" and label_as_value in p.message for p in doc.problems)


@pytest.mark.parametrize(
    ("name_label", "unit_label"),
    [("项目(政策)名称", "项目单位"), ("预算项目名称", "执行单位"), ("项目全称", "项目承担单位")],
)
def test_other_provinces_name_and_unit_labels(
    name_label: str, unit_label: str, tmp_path: Path
) -> None:
    assert_plain_header(read(tmp_path, table(name_label=name_label, unit_label=unit_label)))


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("项目支出绩效目标表", None),
        ("财政支出项目绩效目标申报表", None),
        ("2021年项目支出绩效自评表", None),
        ("2019年度宁晋县高中助学金项目绩效评价指标表", "宁晋县高中助学金项目"),
        ("广水市财政预算支出项目绩效目标自评表", None),
        ("鄂州市2022年市直部门预算项目支出绩效目标表", None),
        ("城市道路维护项目绩效目标表", "城市道路维护项目"),
    ],
)
def test_a_bare_form_title_gives_no_project_name(title: str, name: str | None) -> None:
    assert name_from_title(title) == name
