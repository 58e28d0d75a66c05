"""One definition of "meets the target" behind scores and monitoring lights (issue 24)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.scoring.inputs import IndicatorInput
from jixiao.scoring.monitoring import Light, indicator_light, is_point_in_time, monitor_table
from jixiao.scoring.schemes import load_scheme
from jixiao.scoring.selfeval import score_indicator

from .helpers import actual, ind, inputs, table

D = Decimal
CENTRAL = load_scheme("central-2020")


def test_three_accidents_against_a_target_of_none_is_red_in_the_words_of_the_score() -> None:
    row = ind("效益指标", "社会效益指标", "安全事故发生次数", "0次")
    light, _ratio, ex, _ = indicator_light(row, actual("3次"), 7, CENTRAL)
    assert light is Light.RED
    scored = score_indicator(row, D(10), actual("3次"), CENTRAL)
    assert scored.score == D(0)
    assert ex is not None and scored.explanation is not None
    assert ex.rule == scored.explanation.rule == "T = 0 with ="
    assert indicator_light(row, actual("0次"), 7, CENTRAL)[0] is Light.GREEN


def test_a_head_count_is_a_point_in_time_not_prorated() -> None:
    staff = ind("产出指标", "数量指标", "职工人数", "51人")
    result = monitor_table(table(staff), inputs(actual("51人")), 7, CENTRAL)
    assert result.indicators[0].light is Light.GREEN  # not 51 / (51 × 7/12) = 171 % → blue
    assert result.indicators[0].explanation is not None
    assert "point in time" in result.indicators[0].explanation.rule
    assert is_point_in_time(staff)
    for name in ("年末参保人数", "在职职工人数", "设备保有量", "年均参保缴费人数"):
        assert is_point_in_time(ind("产出指标", "数量指标", name, "≥1人")), name
    for name in ("培训人次", "补贴发放人数", "新建校舍面积", "宣传次数"):
        assert not is_point_in_time(ind("产出指标", "数量指标", name, "≥1人")), name


def test_a_stated_measure_overrides_the_wording() -> None:
    """计量方式 (时点 / 累计), printed in a column or set in the web editor, decides."""
    flow = replace(
        ind("产出指标", "数量指标", "培训人次", "120人次"), extra=(("计量方式", "时点"),)
    )
    stock = replace(ind("产出指标", "数量指标", "职工人数", "51人"), extra=(("计量方式", "累计"),))
    assert is_point_in_time(flow) and not is_point_in_time(stock)
    result = monitor_table(
        table(flow, stock), inputs(actual("120人次"), actual("51人")), 7, CENTRAL
    )
    assert [i.light for i in result.indicators] == [Light.GREEN, Light.BLUE]
    unknown = replace(stock, extra=(("计量方式", "按月"),))
    assert is_point_in_time(unknown)  # a word it does not know: the wording of the name


OPS = ["≥", "≤", "=", ">", "<", ""]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(OPS),
    st.integers(0, 200),
    st.integers(0, 300),
    st.sampled_from(["人", "%", "次", "万元"]),
)
def test_full_marks_and_a_red_light_never_go_together(op: str, t: int, a: int, unit: str) -> None:
    """At month 12 (nothing prorated) a row with full marks is not red, and a red row has
    less than full marks: scoring and monitoring read the target alike."""
    row = ind("产出指标", "质量指标", "指标", f"{op}{t}{unit}")
    given_actual: IndicatorInput = actual(f"{a}{unit}")
    scored = score_indicator(row, D(10), given_actual, CENTRAL)
    light = indicator_light(row, given_actual, 12, CENTRAL)[0]
    if scored.score is None or light is None:
        return
    if scored.score == D(10):
        assert light is not Light.RED, (op, t, a, unit)
    if light is Light.RED:
        assert scored.score < D(10), (op, t, a, unit)
