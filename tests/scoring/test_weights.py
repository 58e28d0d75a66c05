"""Indicator weights: scheme split, rounding remainders, redistribution, the table's own."""

from __future__ import annotations

from decimal import Decimal

from jixiao.scoring import codes
from jixiao.scoring.schemes import Bucket, load_scheme
from jixiao.scoring.weights import plan_weights, split_evenly

from .helpers import ind

D = Decimal
CENTRAL = load_scheme("central-2020")


def test_split_evenly_puts_the_remainder_last() -> None:
    # 50 / 7 = 7.142857… → 7.14 × 6 = 42.84, last 7.16
    assert split_evenly(D(50), [D(1)] * 7) == [D("7.14")] * 6 + [D("7.16")]
    # 30 / 7 = 4.2857… → 4.29 × 6 = 25.74, last 4.26
    assert split_evenly(D(30), [D(1)] * 7) == [D("4.29")] * 6 + [D("4.26")]
    assert split_evenly(D(10), [D(1)] * 3) == [D("3.33"), D("3.33"), D("3.34")]


def test_scheme_split_with_cost_inside_output() -> None:
    indicators = [
        ind("产出指标", "数量指标", "a", "≥1人"),
        ind("产出指标", "质量指标", "b", "100%"),
        ind("产出指标", "成本指标", "c", "≤5万元"),  # 88号: 成本 under 产出
        ind("成本指标", "经济成本指标", "d", "≤5万元"),  # 101号: 成本 as 一级
        ind("效益指标", "社会效益指标", "e", "良好"),
        ind("效益指标", "可持续影响指标", "f", "良好"),
        ind("满意度指标", "服务对象满意度指标", "g", "≥90%"),
    ]
    plan = plan_weights(indicators, CENTRAL)
    # 产出 50 over a, b, c, d = 12.5 each; 效益 30 / 2 = 15; 满意度 10
    assert plan.weights == (D("12.50"),) * 4 + (D("15.00"), D("15.00"), D("10"))
    assert plan.total == D(90)
    assert plan.findings == ()
    assert plan.from_table is False


def test_missing_category_gives_its_weight_in_proportion() -> None:
    indicators = [
        ind("产出指标", "数量指标", "a", "≥1人"),
        ind("产出指标", "数量指标", "b", "≥1人"),
        ind("产出指标", "数量指标", "c", "≥1人"),
        ind("效益指标", "社会效益指标", "d", "良好"),
    ]
    plan = plan_weights(indicators, CENTRAL)
    # 满意度 10 missing: 产出 50 + 10 × 50/80 = 56.25, 效益 30 + 10 × 30/80 = 33.75
    assert plan.bucket_weights == {Bucket.OUTPUT: D("56.25"), Bucket.BENEFIT: D("33.75")}
    # 56.25 / 3 = 18.75 each
    assert plan.weights == (D("18.75"), D("18.75"), D("18.75"), D("33.75"))
    assert [f.kind for _, f in plan.findings] == [codes.REDISTRIBUTED]


def test_redistribution_rounding_keeps_ninety() -> None:
    indicators = [ind("产出指标", "数量指标", "a", "1"), ind("满意度指标", "满意度", "b", "1")]
    plan = plan_weights(indicators, CENTRAL)
    # 效益 30 missing: 产出 50 + 30 × 50/60 = 75, 满意度 10 + 30 × 10/60 = 15
    assert plan.weights == (D("75.00"), D("15"))
    three = [
        ind("效益指标", "社会效益", "a", "1"),
        ind("满意度指标", "满意度", "b", "1"),
        ind("满意度指标", "满意度", "c", "1"),
    ]
    plan = plan_weights(three, CENTRAL)
    # 产出 50 missing: 效益 30 + 50 × 30/40 = 67.5; 满意度 90 − 67.5 = 22.5 → 11.25 each
    assert plan.weights == (D("67.50"), D("11.25"), D("11.25"))
    assert plan.total == D(90)


def test_tables_own_weights_are_used_and_checked() -> None:
    good = [
        ind("产出指标", "数量指标", "a", "=100%", "60"),
        ind("效益指标", "社会效益指标", "b", "=100%", "30"),
    ]
    plan = plan_weights(good, CENTRAL)
    assert plan.from_table is True
    assert plan.weights == (D(60), D(30))
    assert plan.findings == ()
    bad = [ind("产出指标", "数量指标", "a", "1", "60"), ind("效益指标", "社会效益", "b", "1", "40")]
    plan = plan_weights(bad, CENTRAL)
    assert plan.weights == (D(60), D(40))  # used as printed …
    assert [f.kind for _, f in plan.findings] == [codes.WEIGHT_SUM]  # … but reported
    assert "add up to 100, not 90" in plan.findings[0][1].message


def test_partial_weights_fall_back_to_the_scheme() -> None:
    mixed = [ind("产出指标", "数量指标", "a", "1", "60"), ind("效益指标", "社会效益", "b", "1")]
    plan = plan_weights(mixed, CENTRAL)
    assert plan.from_table is False
    assert plan.weights == (D("56.25"), D("33.75"))
    assert codes.WEIGHT_PARTIAL in [f.kind for _, f in plan.findings]


def test_unknown_category_gets_no_weight() -> None:
    plan = plan_weights(
        [ind("产出指标", "数量指标", "a", "1"), ind("其他", "其他", "b", "1")], CENTRAL
    )
    assert plan.weights == (D(90), None)
    assert codes.NO_CATEGORY in [f.kind for _, f in plan.findings]


def test_satisfaction_printed_under_benefit_counts_as_satisfaction() -> None:
    # 88号-era layout (examples/wild/007): 效益指标 / 社会公众或服务对象满意度指标
    indicators = [
        ind("产出指标", "数量指标", "a", "100%"),
        ind("效益指标", "可持续影响指标", "b", "稳步提高"),
        ind("效益指标", "社会公众或服务对象满意度指标", "c", "≥90%"),
    ]
    plan = plan_weights(indicators, CENTRAL)
    assert plan.buckets == (Bucket.OUTPUT, Bucket.BENEFIT, Bucket.SATISFACTION)
    assert plan.weights == (D(50), D(30), D(10))
