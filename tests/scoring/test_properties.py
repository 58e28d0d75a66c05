"""Property tests: scores within [0, w], totals within [0, 100], monotone 正向, weights sum 100."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.model import Indicator
from jixiao.core.money import Amount
from jixiao.core.target import Op, Target, TargetKind
from jixiao.scoring.inputs import BudgetInput, IndicatorInput, TableInputs
from jixiao.scoring.quantitative import score_quantitative
from jixiao.scoring.schemes import Bucket, load_scheme
from jixiao.scoring.selfeval import evaluate_table
from jixiao.scoring.weights import plan_weights

from .helpers import table

D = Decimal
SCHEMES = [load_scheme("central-2020"), load_scheme("vendor-80")]

amounts = st.decimals(
    min_value=D("-100"), max_value=D("1000000"), places=2, allow_nan=False, allow_infinity=False
)
positive = st.decimals(min_value=D("0"), max_value=D("100000"), places=2)
weights = st.decimals(min_value=D("0.01"), max_value=D("90"), places=2)
ops = st.sampled_from([None, *Op])
schemes = st.sampled_from(SCHEMES)


def quant(op: Op | None, value: Decimal, unit: str = "人") -> Target:
    return Target(
        raw=f"{op.symbol if op else ''}{value}{unit}",
        kind=TargetKind.QUANTITATIVE,
        op=op,
        value=value,
        unit=unit,
    )


def number(value: Decimal, unit: str = "人") -> Target:
    return Target(raw=f"{value}{unit}", kind=TargetKind.QUANTITATIVE, value=value, unit=unit)


@settings(max_examples=300, deadline=None)
@given(ops, positive, amounts, weights, schemes)
def test_scores_stay_within_zero_and_weight(op, t, a, w, scheme) -> None:
    outcome = score_quantitative(quant(op, t), number(a), w, scheme)
    assert outcome.score is not None
    assert D(0) <= outcome.score <= w.quantize(D("0.01"))


@settings(max_examples=200, deadline=None)
@given(positive, positive, positive, weights, schemes)
def test_ranges_stay_within_zero_and_weight(low, high, a, w, scheme) -> None:
    low, high = min(low, high), max(low, high)
    target = Target(raw="r", kind=TargetKind.RANGE, low=low, high=high, unit="%")
    outcome = score_quantitative(target, number(a, "%"), w, scheme)
    assert outcome.score is not None and D(0) <= outcome.score <= w


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([None, Op.GE, Op.GT, Op.EQ]), positive, amounts, amounts, weights, schemes)
def test_more_actual_never_lowers_a_positive_score(op, t, a, b, w, scheme) -> None:
    low, high = min(a, b), max(a, b)
    s_low = score_quantitative(quant(op, t), number(low), w, scheme).score
    s_high = score_quantitative(quant(op, t), number(high), w, scheme).score
    assert s_low is not None and s_high is not None
    # the one specified exception: "= 0" (and a bare 0) is met only by A = 0
    if not (t == 0 and op in (None, Op.EQ)):
        assert s_low <= s_high


categories = st.sampled_from(
    [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("产出指标", "成本指标"),
        ("成本指标", "经济成本指标"),
        ("效益指标", "社会效益指标"),
        ("效益指标", "可持续影响指标"),
        ("满意度指标", "服务对象满意度指标"),
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(categories, min_size=1, max_size=30), schemes)
def test_weights_always_sum_to_one_hundred(cats, scheme) -> None:
    indicators = [Indicator(l1, l2, f"i{i}") for i, (l1, l2) in enumerate(cats)]
    plan = plan_weights(indicators, scheme)
    assert all(w is not None and w > 0 for w in plan.weights)
    assert plan.total + scheme.weights[Bucket.BUDGET] == D(100)
    assert sum(plan.bucket_weights.values()) == scheme.indicator_total


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(categories, ops, positive, amounts), min_size=1, max_size=20),
    positive,
    amounts,
    schemes,
)
def test_totals_stay_within_zero_and_one_hundred(rows, budget, executed, scheme) -> None:
    indicators = [
        Indicator(l1, l2, f"i{i}", annual_target=quant(op, t))
        for i, ((l1, l2), op, t, _) in enumerate(rows)
    ]
    given_inputs = TableInputs(
        {i: IndicatorInput(actual=number(a)) for i, (*_, a) in enumerate(rows)},
        BudgetInput(Amount(budget + 1), Amount(max(executed, D(0))), reason="r"),
    )
    result = evaluate_table(table(*indicators), given_inputs, scheme)
    assert result.complete
    assert D(0) <= result.total <= D(100)
    assert result.grade is not None


levels = st.sampled_from(["达成", "部分达成", "未达成", "达成预期指标", "基本达到"])
maybe_score = st.one_of(st.none(), st.decimals(min_value=D(-5), max_value=D(60), places=2))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(categories, levels, maybe_score), min_size=1, max_size=20),
    st.lists(st.tuples(categories, ops, positive, amounts), max_size=10),
    schemes,
)
def test_totals_with_qualitative_rows_stay_within_bounds(qual, quant_rows, scheme) -> None:
    indicators = [
        Indicator(
            l1,
            l2,
            f"q{i}",
            annual_target=Target(raw="良好", kind=TargetKind.QUALITATIVE, text="良好"),
        )
        for i, ((l1, l2), _, _) in enumerate(qual)
    ] + [
        Indicator(l1, l2, f"n{i}", annual_target=quant(op, t))
        for i, ((l1, l2), op, t, _) in enumerate(quant_rows)
    ]
    given_inputs = {
        i: IndicatorInput(level=level, score=score) for i, (_, level, score) in enumerate(qual)
    }
    for j, (*_, a) in enumerate(quant_rows):
        given_inputs[len(qual) + j] = IndicatorInput(actual=number(a))
    result = evaluate_table(
        table(*indicators),
        TableInputs(given_inputs, BudgetInput(Amount(D(100)), Amount(D(95)))),
        scheme,
    )
    assert result.complete
    assert D(0) <= result.total <= D(100)
    for r in result.indicators:
        assert r.score is not None and r.weight is not None and D(0) <= r.score <= r.weight


cell_text = st.one_of(
    st.sampled_from(
        [
            "",
            "95人",
            "98%",
            "达成",
            "部分达成",
            "九十",
            "-3",
            "1e5",
            "≥",
            "100万元",
            "参保人数",
            "改善程度",
            "预算执行",
            "甲项目",
            "1,234.5",
            "NaN",
            "∞",
        ]
    ),
    st.text(max_size=8),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(cell_text, min_size=0, max_size=8), max_size=12))
def test_any_actuals_sheet_gives_problems_never_exceptions(rows) -> None:
    from jixiao.scoring.matching import ActualsSheet, match_actuals

    header = (
        "项目名称",
        "三级指标",
        "实际完成值",
        "全年预算数",
        "等级",
        "得分",
        "完成目标可能性",
        "偏差原因类别",
    )
    sheet = ActualsSheet("f.csv", header, tuple((i + 2, tuple(r)) for i, r in enumerate(rows)))
    tables = [
        table(
            Indicator("产出指标", "数量指标", "参保人数", annual_target=quant(Op.GE, D(100))),
            Indicator(
                "效益指标",
                "社会效益指标",
                "改善程度",
                annual_target=Target(raw="良好", kind=TargetKind.QUALITATIVE, text="良好"),
            ),
            name="甲项目",
        ),
    ]
    matched = match_actuals(tables, sheet)
    from jixiao.scoring.monitoring import monitor_table

    for scheme in SCHEMES:
        result = evaluate_table(tables[0], matched.inputs[0], scheme)
        assert D(0) <= result.total <= D(100)
        monitor_table(tables[0], matched.inputs[0], 7, scheme)
