"""End to end through the HTML reader: merged cells (rowspan/colspan) feed the builder."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.services.parsing import parse_file

PAGE = """<html><body><p>附件2</p><h3>2024年项目支出绩效目标表</h3>
<table border=1>
<tr><td colspan=2>项目名称</td><td colspan=4>城区道路维护</td></tr>
<tr><td colspan=2>主管部门</td><td colspan=4>某区住建局</td></tr>
<tr><td colspan=2>项目资金<br>（万元）</td><td>年度资金总额</td><td colspan=3>800</td></tr>
<tr><td rowspan=2>总体目标</td><td colspan=3>实施周期目标</td><td colspan=2>年度目标</td></tr>
<tr><td colspan=3>保持道路完好</td><td colspan=2>完成道路维护20公里</td></tr>
<tr><td rowspan=4>绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td>
<td>实施周期指标值</td><td>年度指标值</td></tr>
<tr><td rowspan=2>产出指标</td><td>数量指标</td><td>维护里程</td>
<td>≥60公里</td><td>≥20公里</td></tr>
<tr><td>质量指标</td><td>道路完好率</td><td>≥95%</td><td>≥95%</td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>市民满意度</td><td>≥90%</td><td>≥90%</td></tr>
</table></body></html>"""


def test_html_goal_table_with_merged_cells(tmp_path: Path) -> None:
    path = tmp_path / "goal.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = parse_file(path)
    (table,) = doc.tables
    h = table.header
    assert (h.name, h.department, h.year) == ("城区道路维护", "某区住建局", 2024)
    assert h.budget.amount is not None and h.budget.amount.value == Decimal(800)
    assert (h.period_goal, h.annual_goal) == ("保持道路完好", "完成道路维护20公里")
    got = [
        (i.level1, i.level2, i.name, i.period_target.raw, i.annual_target.raw)
        for i in table.indicators
    ]
    assert got == [
        ("产出指标", "数量指标", "维护里程", "≥60公里", "≥20公里"),
        ("产出指标", "质量指标", "道路完好率", "≥95%", "≥95%"),
        ("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "≥90%"),
    ]
    assert table.complete and not [p for p in doc.problems if p.severity.value != "info"]
