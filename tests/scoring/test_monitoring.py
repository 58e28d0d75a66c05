"""Monitoring lights at a cut-off month, worked by hand (V4, V5, V6)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.scoring import codes
from jixiao.scoring.inputs import IndicatorInput
from jixiao.scoring.monitoring import Light, budget_light, monitor_table, reason_category
from jixiao.scoring.schemes import load_scheme

from .helpers import actual, ind, inputs, table

D = Decimal
CENTRAL = load_scheme("central-2020")


@pytest.mark.parametrize(
    ("rate", "month", "progress", "light"),
    [
        ("0.30", 6, "60.00", Light.YELLOW),  # 0.30 / 0.5 = 60 %
        ("0.29", 6, "58.00", Light.RED),
        ("0.40", 6, "80.00", Light.GREEN),
        ("0.35", 7, "60.00", Light.YELLOW),  # 0.35 / (7/12) = 60 %
        ("0.90", 12, "90.00", Light.GREEN),
    ],
)
def test_budget_light(rate: str, month: int, progress: str, light: Light) -> None:
    assert budget_light(D(rate), month, CENTRAL.monitoring) == (D(progress), light)


TABLE = table(
    ind("产出指标", "数量指标", "参保人数", "≥1200人"),  # prorated
    ind("产出指标", "数量指标", "培训场次", "≥12场"),
    ind("产出指标", "数量指标", "宣传次数", "≥12次"),
    ind("产出指标", "数量指标", "走访户数", "≥120户"),
    ind("产出指标", "质量指标", "合规率", "100%"),  # not prorated
    ind("产出指标", "成本指标", "人均成本", "≤500元"),  # 反向
    ind("效益指标", "社会效益指标", "改善程度", "良好"),  # qualitative
    ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%"),
    budget="100",
)


def test_indicator_lights_at_june() -> None:
    given = inputs(
        actual("500人"),  # 500 / (1200 × 6/12) = 83.33 % → green
        actual("3场"),  # 3 / 6 = 50 % → red
        actual("4次"),  # 4 / 6 = 66.67 % → yellow
        actual("80户"),  # 80 / 60 = 133.33 % → blue
        actual("98%"),  # not prorated: 98 < 100 → red
        actual("450元"),  # within ≤500 → green
        actual("", level="部分达成"),  # yellow
        actual("91%"),  # a rate (%) is not prorated: 91 ≥ 90 → green
        executed="30",
    )
    result = monitor_table(TABLE, given, 6, CENTRAL)
    lights = [r.light for r in result.indicators]
    assert lights == [
        Light.GREEN,
        Light.RED,
        Light.YELLOW,
        Light.BLUE,
        Light.RED,
        Light.GREEN,
        Light.YELLOW,
        Light.GREEN,
    ]
    assert [r.ratio for r in result.indicators][:4] == [
        D("83.33"),
        D("50.00"),
        D("66.67"),
        D("133.33"),
    ]
    assert result.budget.progress == D("60.00")
    assert result.budget.light is Light.YELLOW
    assert result.problems == ()


def test_reason_categories_and_likelihood() -> None:
    assert reason_category(None, "经费保障：资金未到位") == "经费保障"
    assert reason_category("硬件条件保障", None) == "硬件条件保障"
    assert reason_category(None, "天气原因") is None
    t = table(ind("产出指标", "数量指标", "a", "≥12场"))
    given = inputs(None, executed="10")
    given.indicators[0] = IndicatorInput(
        actual=actual("6场").actual, likelihood="大概能", reason_category="资金"
    )
    result = monitor_table(t, given, 6, CENTRAL)
    assert [p.code for p in result.problems] == [codes.BAD_LIKELIHOOD.code, codes.BAD_REASON.code]


def test_month_out_of_range() -> None:
    with pytest.raises(ValueError):
        monitor_table(TABLE, inputs(), 13, CENTRAL)


def test_scheme_may_prorate_rates() -> None:
    from jixiao.scoring.schemes import parse_scheme

    prorating = parse_scheme(
        'name = "p"\nbase = "central-2020"\n[monitoring]\nprorate_percent = true\n'
    )
    t = table(ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%"))
    result = monitor_table(t, inputs(actual("91%"), executed="50"), 6, prorating)
    # 91 / (90 × 6/12) = 202.22 % → blue
    assert result.indicators[0].ratio == D("202.22")
    assert result.indicators[0].light is Light.BLUE
    assert result.budget.light is Light.GREEN  # 50 % / 50 % = 100
