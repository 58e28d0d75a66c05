"""storage.mapping: core GoalTable → rows → core GoalTable keeps every field."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from jixiao.core.model import (
    Budget,
    FundingRow,
    Header,
    Indicator,
    Period,
    TableKind,
)
from jixiao.core.model import (
    GoalTable as CoreTable,
)
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.source import SourceLocation
from jixiao.core.target import NO_TARGET, Op, Target, TargetKind
from jixiao.services.demo import second_unit_tables
from jixiao.services.goal_tables import create_table
from jixiao.storage.mapping import to_core
from jixiao.storage.models import GoalTable, TableVersion

SRC = SourceLocation("自评表.xlsx", sheet="Sheet1", row=7, column=3)


def rich_table() -> CoreTable:
    """A self-evaluation table using every field the model has."""
    budget = Budget(
        amount=Amount(Decimal("365068"), MoneyUnit.YUAN),
        initial=Amount(Decimal("360.5"), MoneyUnit.WAN),
        adjusted=Amount(Decimal("365.068"), MoneyUnit.WAN),
        executed=Amount(Decimal("350.25"), MoneyUnit.WAN),
        rate=Decimal("95.94"),
        weight=Decimal("10"),
        score=Decimal("9.59"),
        reason="年底部分资金未支付",
        rows=(
            FundingRow("年度资金总额", budget=Amount(Decimal("365.068")), rate=Decimal("95.94")),
            FundingRow("其中：财政拨款", initial=Amount(Decimal("300")), source=SRC),
        ),
        source=SRC,
    )
    header = Header(
        name="（镇级）社会基本医疗保险 44190021R000000019951",
        code="44190021R000000019951",
        type="其他事业发展性支出",
        level="二级项目",
        department="东莞市长安社会保险基金管理中心",
        unit="东莞市长安社会保险基金管理中心",
        period=Period(2024, 2026),
        budget=budget,
        period_goal="三年内参保率稳定在95%以上",
        annual_goal="及时发放社保补贴",
        annual_result="已完成",
        year=2024,
        extra=(("项目属性", "延续"), ("联系人", "张三")),
        sources=(("name", SRC), ("budget", SourceLocation("自评表.xlsx", row=5))),
    )
    indicators = (
        Indicator(
            "产出指标",
            "数量指标",
            "年均参保缴费人数",
            annual_target=Target(
                "≥64539人", TargetKind.QUANTITATIVE, Op.GE, Decimal("64539"), unit="人"
            ),
            period_target=NO_TARGET,
            weight=Decimal("12.5"),
            actual=Target("65000人", TargetKind.QUANTITATIVE, None, Decimal("65000"), unit="人"),
            score=Decimal("12.5"),
            deviation="无偏差",
            source=SRC,
            extra=(("评(扣)分标准", "完成得满分"),),
        ),
        Indicator(
            "效益指标",
            "社会效益指标",
            "满意度区间",
            annual_target=Target(
                "80%-90%", TargetKind.RANGE, low=Decimal("80"), high=Decimal("90"), unit="%"
            ),
            period_target=Target("良好", TargetKind.QUALITATIVE, text="良好"),
            forecast=Target("85%", TargetKind.QUANTITATIVE, None, Decimal("85"), unit="%"),
            likelihood="确定能",
        ),
        Indicator(
            None,
            None,
            "未分类指标",
            annual_target=Target(
                "0.05%", TargetKind.QUANTITATIVE, Op.LE, Decimal("0.05"), unit="%"
            ),
        ),
    )
    return CoreTable(
        kind=TableKind.SELFEVAL,
        header=header,
        indicators=indicators,
        total_score=Decimal("92.75"),
        complete=False,
        title="项目支出绩效自评表",
        source=SourceLocation("自评表.xlsx", sheet="Sheet1"),
    )


def _stored(world: Any, table: CoreTable) -> CoreTable:
    created = create_table(world.users["owner"], world.unit_a, table, 2024)
    version = TableVersion.objects.get(pk=created.current_version_id)  # fresh from the database
    return to_core(version)


@pytest.mark.parametrize("make", [rich_table, *[lambda t=t: t for t in second_unit_tables()]])
def test_round_trip_keeps_every_field(world: Any, make: Any) -> None:
    original = make()
    assert _stored(world, original) == original


def test_round_trip_keeps_budget_unit_and_wan_column(world: Any) -> None:
    stored = _stored(world, rich_table())
    assert stored.header.budget.amount == Amount(Decimal("365068"), MoneyUnit.YUAN)
    version = GoalTable.objects.get().current_version
    assert version.budget_wan == Decimal("36.5068")
    assert version.rows.count() == 3
    assert [r.position for r in version.rows.all()] == [1, 2, 3]


# --- property: any table the model can hold survives the database ---------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TEXT = st.text(
    alphabet=st.sampled_from("产出指标效益满意度人次%元≥≤ abc123-_/（）"), min_size=1, max_size=20
)
NUMBER = st.decimals(
    min_value=Decimal("-99999999"), max_value=Decimal("999999999"), places=4, allow_nan=False
)


@st.composite
def targets(draw: st.DrawFn) -> Target:
    kind = draw(st.sampled_from(list(TargetKind)))
    raw = draw(TEXT)
    if kind is TargetKind.NONE:
        return NO_TARGET
    if kind is TargetKind.QUALITATIVE:
        return Target(raw, kind, text=raw)
    if kind is TargetKind.RANGE:
        low, high = sorted([draw(NUMBER), draw(NUMBER)])
        return Target(raw, kind, low=low, high=high, unit=draw(st.none() | TEXT))
    op = draw(st.none() | st.sampled_from(list(Op)))
    return Target(raw, kind, op, draw(NUMBER), unit=draw(st.none() | TEXT))


@st.composite
def goal_tables(draw: st.DrawFn) -> CoreTable:
    indicators = tuple(
        Indicator(
            draw(st.none() | TEXT),
            draw(st.none() | TEXT),
            draw(TEXT),
            annual_target=draw(targets()),
            period_target=draw(targets()),
            weight=draw(st.none() | NUMBER),
            actual=draw(st.none() | targets()),
            score=draw(st.none() | NUMBER),
            extra=tuple(draw(st.lists(st.tuples(TEXT, TEXT), max_size=2))),
        )
        for _ in range(draw(st.integers(0, 4)))
    )
    unit = draw(st.sampled_from(list(MoneyUnit)))
    places = 2 if unit is MoneyUnit.YUAN else 6  # 元 to the 分; 万元 / 亿元 as the column holds
    amount = draw(st.none() | st.decimals(min_value=0, max_value=10**9, places=places))
    header = Header(
        name=draw(st.none() | TEXT),
        period=Period(draw(st.none() | st.integers(2000, 2100)), None),
        budget=Budget(amount=None if amount is None else Amount(amount, unit)),
        annual_goal=draw(st.none() | TEXT),
        year=draw(st.none() | st.integers(2000, 2100)),
    )
    return CoreTable(
        kind=draw(st.sampled_from(list(TableKind))), header=header, indicators=indicators
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=goal_tables())
def test_round_trip_property(world: Any, table: CoreTable) -> None:
    assert _stored(world, table) == table


def test_wan_column_rounds_odd_yuan_figures(world: Any) -> None:
    """A 元 figure finer than 0.01 元 is kept exactly; only the 万元 column rounds it."""
    table = rich_table()
    odd = Amount(Decimal("1234.567"), MoneyUnit.YUAN)
    header = dataclasses.replace(
        table.header, budget=dataclasses.replace(table.header.budget, amount=odd)
    )
    stored = _stored(world, dataclasses.replace(table, header=header))
    assert stored.header.budget.amount == odd
    assert GoalTable.objects.get().current_version.budget_wan == Decimal("0.123457")
