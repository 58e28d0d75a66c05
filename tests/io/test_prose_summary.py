"""The 自评综述 paragraph published before a 自评表: its stated total is the form's total when
the form prints none; a printed 总分 row wins."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.services.parsing import parse_file

SUMMARY = (
    "公共文化服务体系项目绩效自评综述:根据年初设定的绩效目标,项目绩效{says}。全年预算数为200万元。"
)
FORM = """项目支出绩效自评表
项目名称\t公共文化服务体系经费
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
产出指标\t数量指标\t开展活动场次\t≥120场\t130场\t50\t50
效益指标\t社会效益指标\t群众文化参与度\t提高\t提高\t50\t45
"""


@pytest.mark.parametrize(
    ("says", "total"),
    [("自评得分为95分", "95"), ("自评得分:92.5分", "92.5"), ("综合得分为 88 分", "88")],
)
def test_the_summary_total_goes_to_the_form_after_it(says: str, total: str, tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(SUMMARY.format(says=says) + "\n" + FORM, encoding="utf-8")
    (table,) = parse_file(path).tables
    assert table.total_score == Decimal(total)


def test_a_printed_total_row_wins_over_the_summary(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    text = SUMMARY.format(says="自评得分为95分") + "\n" + FORM + "总分\t\t\t\t\t100\t96\n"
    path.write_text(text, encoding="utf-8")
    (table,) = parse_file(path).tables
    assert table.total_score == Decimal("96")


def test_no_summary_no_total(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(FORM, encoding="utf-8")
    (table,) = parse_file(path).tables
    assert table.total_score is None
