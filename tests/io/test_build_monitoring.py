"""Monitoring tables (绩效运行监控表): warning lights (预警), the cut-off month (1-N月) and the
budget's 全年预计执行数 are read, and a monitoring table written by our exporters reads back."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.model import GoalTable, TableKind
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.values import parse_target
from jixiao.io.writers import ExportOptions, get_exporter
from jixiao.reading.vocab import light_of, month_of_column, month_of_value
from jixiao.services.parsing import parse_file
from testdata import EXAMPLE_FILE

LIGHTS = ("red", "yellow", "green", "blue")


@pytest.fixture(scope="module")
def monitoring() -> GoalTable:
    base = parse_file(EXAMPLE_FILE).tables[2]
    indicators = tuple(
        replace(
            ind,
            actual=parse_target("30人"),
            forecast=parse_target("51人"),
            likelihood="确定能",
            extra=(*ind.extra, ("light", LIGHTS[k % 4])),
        )
        for k, ind in enumerate(base.indicators)
    )
    extra = (*base.header.extra, ("monitor_month", "7"), ("budget_forecast", "80"))
    return GoalTable(TableKind.MONITOR, replace(base.header, extra=extra), indicators)


@pytest.mark.parametrize("fmt", ["xlsx", "html"])
def test_monitoring_export_reads_back_lights_month_and_forecast(
    tmp_path: Path, monitoring: GoalTable, fmt: str
) -> None:
    path = tmp_path / f"monitor.{fmt}"
    path.write_bytes(get_exporter(fmt)([monitoring], ExportOptions()).render())
    doc = parse_file(path)
    (got,) = doc.tables
    assert got.kind is TableKind.MONITOR and doc.problems == ()
    assert dict(got.header.extra)["monitor_month"] == "7"
    assert dict(got.header.extra)["budget_forecast"] == "80"
    (row,) = got.header.budget.rows  # the block's label cell spans header and figures
    assert row.forecast == Amount(Decimal("80"), MoneyUnit.WAN)
    assert row.budget == monitoring.header.budget.amount
    assert [dict(i.extra).get("light") for i in got.indicators] == [
        dict(i.extra)["light"] for i in monitoring.indicators
    ]
    assert [(i.name, i.actual, i.forecast) for i in got.indicators] == [
        (i.name, i.actual, i.forecast) for i in monitoring.indicators
    ]


CSV = """绩效运行监控表
项目名称,道路养护,,,,,
主管部门,某县交通局,,实施单位,某县公路站,,
监控月份,6月,,,,,
项目资金（万元）,年初预算数,全年预算数,截至6月底执行数,执行率,全年预计执行数,
年度资金总额,100,120,60,50%,118,
其中：财政拨款,100,100,50,50%,98,
一级指标,二级指标,三级指标,年度指标值,截至6月底完成情况,全年预计完成值,预警等级
产出指标,数量指标,养护里程,≥50公里,30公里,52公里,绿色
产出指标,质量指标,路面合格率,≥95%,90%,93%,红
效益指标,社会效益指标,群众出行满意度,≥90%,88%,90%,Yellow
满意度指标,服务对象满意度指标,投诉次数,≤3次,5次,6次,橙
"""


def test_printed_monitoring_table_lights_month_and_forecast(tmp_path: Path) -> None:
    path = tmp_path / "monitor.csv"
    path.write_text(CSV, encoding="utf-8")
    (table,) = parse_file(path).tables
    assert table.kind is TableKind.MONITOR
    extra = dict(table.header.extra)
    assert extra["monitor_month"] == "6" and extra["监控月份"] == "6月"
    assert extra["budget_forecast"] == "118"  # the total row's 全年预计执行数
    assert [r.forecast for r in table.header.budget.rows] == [
        Amount(Decimal("118"), MoneyUnit.WAN),
        Amount(Decimal("98"), MoneyUnit.WAN),
    ]
    assert [i.extra for i in table.indicators] == [
        (("light", "green"),),
        (("light", "red"),),
        (("light", "yellow"),),
        (("预警", "橙"),),  # not one of the four lights: kept as printed
    ]
    assert table.indicators[0].actual == parse_target("30公里")


def test_month_from_columns_without_a_month_field(tmp_path: Path) -> None:
    text = CSV.replace("监控月份,6月,,,,,\n", "").replace("截至6月底执行数", "1-8月执行数")
    path = tmp_path / "monitor.csv"
    path.write_text(text, encoding="utf-8")
    (table,) = parse_file(path).tables
    assert dict(table.header.extra)["monitor_month"] == "8"  # budget header comes first


@pytest.mark.parametrize(
    ("text", "light"),
    [
        ("红灯", "red"),
        ("红", "red"),
        ("Red", "red"),
        ("黄色", "yellow"),
        ("绿", "green"),
        ("蓝灯", "blue"),
        ("橙", None),
        ("", None),
    ],
)
def test_light_words(text: str, light: str | None) -> None:
    assert light_of(text) == light


def test_month_words() -> None:
    assert [month_of_column(t) for t in ("1-7月执行情况", "截至6月底执行数", "执行情况")] == [
        7,
        6,
        None,
    ]
    assert [month_of_value(t) for t in ("7", "7月", "1-7月", "13", "2024")] == [7, 7, 7, None, None]
