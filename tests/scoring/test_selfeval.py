"""A whole table scored by hand: weights, each rule, budget, total, grade, problems."""

from __future__ import annotations

from decimal import Decimal

from jixiao.scoring import codes
from jixiao.scoring.schemes import load_scheme
from jixiao.scoring.selfeval import evaluate_table

from .helpers import actual, ind, inputs, table

D = Decimal
CENTRAL = load_scheme("central-2020")
VENDOR = load_scheme("vendor-80")

TABLE = table(
    ind("产出指标", "数量指标", "年均参保缴费人数", "≥64539人"),
    ind("产出指标", "质量指标", "补助合规率", "100%"),
    ind("产出指标", "质量指标", "资料审核规范性", "规范"),
    ind("产出指标", "时效指标", "资金按时到位率", "100%"),
    ind("产出指标", "成本指标", "人均成本", "≤500元"),
    ind("效益指标", "社会效益指标", "补贴对象生活改善程度", "有改善"),
    ind("效益指标", "社会效益指标", "政策知晓度", "≥85%"),
    ind("效益指标", "可持续影响指标", "政策可持续性", "良好"),
    ind("满意度指标", "服务对象满意度指标", "调查参保人员满意度", "≥90%"),
    budget="400",
)


def test_hand_worked_table() -> None:
    given = inputs(
        actual("60000人"),  # 产出 50 / 5 = 10: 10 × 60000 / 64539 = 9.2967 → 9.30
        actual("100%"),  # 10.00
        actual("规范"),  # repeats the target → 达成, default 100 % → 10.00
        actual("98%"),  # 10 × 98 / 100 = 9.80
        actual("0.06万元"),  # 600元 > 500元 → 10 × 500 / 600 = 8.333 → 8.33
        actual("", level="部分达成"),  # 效益 30 / 3 = 10: 70 % → 7.00
        actual("80%"),  # 10 × 80 / 85 = 9.4117 → 9.41
        actual("达成年度指标", score="8.5"),  # within [8, 10] → 8.50
        actual("88%"),  # 满意度 10: 10 × 88 / 90 = 9.777 → 9.78
        executed="380",  # 380 / 400 = 95 % → 9.50
    )
    result = evaluate_table(TABLE, given, CENTRAL)
    scores = [r.score for r in result.indicators]
    assert scores == [
        D(s) for s in ("9.30", "10.00", "10.00", "9.80", "8.33", "7.00", "9.41", "8.50", "9.78")
    ]
    assert result.budget.score == D("9.50")
    # 9.30 + 10 + 10 + 9.80 + 8.33 + 7 + 9.41 + 8.50 + 9.78 + 9.50 = 91.62
    assert result.total == D("91.62")
    assert result.grade == "优"
    assert result.complete
    assert result.problems == ()
    # vendor-80: 人均成本 linear: 10 × (1 − 100/500) = 8.00 → total 91.29, still 优 (≥ 80)
    vendor = evaluate_table(TABLE, given, VENDOR)
    assert vendor.indicators[4].score == D("8.00")
    assert vendor.total == D("91.29")


def test_total_is_the_sum_of_rounded_scores() -> None:
    # three indicators of 30 each (产出 alone: 效益/满意度 give their weight → 90 / 3)
    t = table(
        ind("产出指标", "数量指标", "a", "≥3人"),
        ind("产出指标", "数量指标", "b", "≥3人"),
        ind("产出指标", "数量指标", "c", "≥3人"),
    )
    result = evaluate_table(
        t, inputs(actual("1人"), actual("1人"), actual("1人"), executed="100"), CENTRAL
    )
    # each 30 × 1/3 = 10.00 exactly; now with 7: 30 × 2/7 = 8.5714 → 8.57 (×3 = 25.71)
    assert result.total == D("40.00")
    t7 = table(*(ind("产出指标", "数量指标", n, "≥7人") for n in "abc"))
    result = evaluate_table(
        t7, inputs(actual("2人"), actual("2人"), actual("2人"), executed="100"), CENTRAL
    )
    assert [r.score for r in result.indicators] == [D("8.57")] * 3
    assert result.total == D("35.71")  # 25.71 + 10, not 30 × 6/7 + 10 = 35.714…
    assert result.grade == "差"


def test_grades_follow_the_scheme() -> None:
    t = table(ind("产出指标", "数量指标", "a", "≥100人"))
    result = evaluate_table(t, inputs(actual("85人"), executed="100"), CENTRAL)
    # 90 × 85 / 100 = 76.50 + 10 = 86.50 → 良 (central) / 优 (vendor-80)
    assert result.total == D("86.50")
    assert result.grade == "良"
    assert evaluate_table(t, inputs(actual("85人"), executed="100"), VENDOR).grade == "优"


def test_problems_leave_the_total_incomplete_and_ungraded() -> None:
    t = table(
        ind("产出指标", "数量指标", "a", "≥100人"),
        ind("效益指标", "社会效益指标", "b", "良好"),
        ind("满意度指标", "满意度指标", "c", "≥90%"),
    )
    result = evaluate_table(
        t, inputs(actual("90人次"), actual("一般"), None, executed="80"), CENTRAL
    )
    kinds = [p.code for p in result.problems]
    assert kinds == [
        codes.UNIT_MISMATCH.code,
        codes.UNKNOWN_LEVEL.code,
        codes.NO_ACTUAL.code,
        codes.REASON_MISSING.code,
    ]
    assert [r.score for r in result.indicators] == [None, None, None]
    assert result.budget.score == D("8.00")
    assert result.total == D("8.00")
    assert not result.complete
    assert result.grade is None
    assert all("测试项目" in p.message for p in result.problems)


def test_level_for_a_number_and_given_score_that_differs() -> None:
    t = table(ind("产出指标", "数量指标", "a", "≥100人"), ind("产出指标", "数量指标", "b", "≥10人"))
    given = inputs(actual("达成预期指标"), actual("5人", score="45"), executed="100")
    result = evaluate_table(t, given, CENTRAL)
    assert result.indicators[0].score == D("45.00")  # 达成 → 100 % of 45
    assert result.indicators[1].score == D("22.50")  # 45 × 5 / 10; the given 45 is not used
    # 效益 and 满意度 have no indicators: their 40 points go to 产出 (info S105)
    assert [p.code for p in result.problems] == [
        codes.REDISTRIBUTED.code,
        codes.LEVEL_FOR_NUMBER.code,
        codes.GIVEN_SCORE_DIFFERS.code,
    ]


def test_table_weights_sum_problem_is_reported_once() -> None:
    t = table(
        ind("产出指标", "数量指标", "a", "≥100人", "50"),
        ind("效益指标", "社会效益指标", "b", "良好", "50"),
    )
    result = evaluate_table(t, inputs(actual("100人"), actual("达成"), executed="100"), CENTRAL)
    assert [p.code for p in result.problems] == [codes.WEIGHT_SUM.code]
    assert result.total == D("110.00")  # printed weights used as they are, and flagged


def test_number_for_a_qualitative_target_asks_for_the_level() -> None:
    t = table(ind("效益指标", "社会效益指标", "b", "良好"))
    result = evaluate_table(t, inputs(actual("95%"), executed="100"), CENTRAL)
    assert result.indicators[0].score is None
    assert codes.UNKNOWN_LEVEL.code in [p.code for p in result.problems]


def test_printed_budget_weight_goes_with_the_tables_own_weights() -> None:
    from dataclasses import replace

    t = table(
        ind("产出指标", "数量指标", "a", "≥100人", "60"),
        ind("效益指标", "社会效益指标", "b", "良好", "20"),
    )
    t = replace(t, header=replace(t.header, budget=replace(t.header.budget, weight=D(20))))
    result = evaluate_table(t, inputs(actual("100人"), actual("达成"), executed="90"), CENTRAL)
    # 60 + 20 + budget 20 = 100: no S101; budget 90 / 100 × 20 = 18.00
    assert result.problems == ()
    assert result.budget.weight == D(20) and result.budget.score == D("18.00")
    assert result.total == D("98.00")
    # without own indicator weights the scheme's 10 applies whatever the table prints
    plain = replace(t, indicators=tuple(replace(i, weight=None) for i in t.indicators))
    result = evaluate_table(plain, inputs(actual("100人"), actual("达成"), executed="90"), CENTRAL)
    assert result.budget.weight == D(10) and result.budget.score == D("9.00")
