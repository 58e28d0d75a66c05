"""Hand-worked quantitative rules of central-2020 (and the linear 反向 rule of vendor-80)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.values import parse_target
from jixiao.scoring import codes
from jixiao.scoring.quantitative import score_quantitative
from jixiao.scoring.schemes import load_scheme

D = Decimal
CENTRAL = load_scheme("central-2020")
VENDOR = load_scheme("vendor-80")


def score(target: str, actual: str, weight: str = "10", scheme=CENTRAL):
    return score_quantitative(parse_target(target), parse_target(actual), D(weight), scheme)


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        # 正向 ≥: met → w; missed → w × A / T
        ("≥64539人", "65012人", "10.00"),
        ("≥64539人", "64539人", "10.00"),
        ("≥64539人", "60000人", "9.30"),  # 10 × 60000 / 64539 = 9.2967… → 9.30
        # > : A = T is not met: one hundredth below full marks, as the light is red (issue 24)
        (">90%", "95%", "10.00"),
        (">90%", "90%", "9.99"),
        (">90%", "81%", "9.00"),  # 10 × 81 / 90
        # = scores as 正向 (V1): above is met, below proportional
        ("=100%", "100%", "10.00"),
        ("=100%", "98%", "9.80"),
        # a bare number is ≥
        ("51人", "51人", "10.00"),
        ("51人", "50人", "9.80"),  # 10 × 50 / 51 = 9.8039 → 9.80
        ("100%", "99.5%", "9.95"),
        # 反向 ≤ (ratio rule, S11): within → w; over → w × T / A
        ("≤90万元", "90万元", "10.00"),
        ("≤90万元", "80万元", "10.00"),
        ("≤90万元", "100万元", "9.00"),  # 10 × 90 / 100
        ("≤5%", "8%", "6.25"),  # 10 × 5 / 8
        ("<5%", "4%", "10.00"),
        ("<5%", "10%", "5.00"),  # 10 × 5 / 10
        # negative actual counts as 0
        ("≥100人", "-5人", "0.00"),
        ("≤10次", "-3次", "10.00"),
    ],
)
def test_single_operators(target: str, actual: str, expected: str) -> None:
    outcome = score(target, actual)
    assert outcome.score == D(expected)
    assert outcome.findings == ()


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        ("=0", "0", "10.00"),
        ("=0", "1", "0.00"),
        ("≤0次", "0次", "10.00"),
        ("≤0次", "2次", "0.00"),
        ("0次", "0次", "10.00"),  # a bare 0 can only mean "= 0" (安全事故发生次数 0次)
        ("0次", "1次", "0.00"),
        (">0", "0", "0.00"),
        (">0", "3", "10.00"),  # a target without unit accepts an actual without one
        ("≥0", "0", "10.00"),
    ],
)
def test_zero_targets(target: str, actual: str, expected: str) -> None:
    assert score(target, actual).score == D(expected)


def test_linear_reverse_rule_reaches_zero_at_twice_the_target() -> None:
    # vendor-80 (V1): w × (1 − (A − T) / T)
    assert score("≤90万元", "100万元", scheme=VENDOR).score == D("8.89")  # 10 × (1 − 10/90)
    assert score("≤5%", "8%", scheme=VENDOR).score == D("4.00")  # 10 × (1 − 3/5)
    assert score("≤5%", "10%", scheme=VENDOR).score == D("0.00")
    assert score("≤5%", "12%", scheme=VENDOR).score == D("0.00")  # floor 0
    assert score("≤5%", "5%", scheme=VENDOR).score == D("10.00")


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        ("80%-90%", "85%", "10.00"),
        ("80%-90%", "80%", "10.00"),
        ("80%-90%", "90%", "10.00"),
        ("80%-90%", "60%", "7.50"),  # below: 10 × 60 / 80 (nearer bound = low)
        ("80%-90%", "100%", "9.00"),  # above: 10 × 90 / 100 (nearer bound = high, 反向 ratio)
        ("±3%以内", "-2%", "10.00"),  # low < 0: actual not clamped
        ("±3%以内", "-6%", "5.00"),  # magnitudes: 10 × 3 / 6
        ("±3%以内", "4%", "7.50"),  # 10 × 3 / 4
    ],
)
def test_ranges(target: str, actual: str, expected: str) -> None:
    assert score(target, actual).score == D(expected)


def test_range_above_linear() -> None:
    assert score("80%-90%", "99%", scheme=VENDOR).score == D("9.00")  # 10 × (1 − 9/90)


def test_unit_conversion_yuan_wan() -> None:
    # 900000元 = 90万元 → within ≤90万元; 1000000元 = 100万元 → 10 × 90 / 100
    assert score("≤90万元", "900000元").score == D("10.00")
    assert score("≤90万元", "1000000元").score == D("9.00")
    assert score("≥550万粒", "5000000粒").score == D("9.09")  # 10 × 500 / 550 = 9.0909
    assert score("≥100百分比", "98%").score == D("9.80")


def test_unit_mismatch_is_a_problem_not_a_score() -> None:
    outcome = score("≥64539人", "60000人次")
    assert outcome.score is None
    assert [f.kind for f in outcome.findings] == [codes.UNIT_MISMATCH]
    assert "人次" in outcome.findings[0].message


def test_missing_unit_on_one_side_is_noted() -> None:
    outcome = score("≥64539人", "60000")
    assert outcome.score == D("9.30")
    assert [f.kind for f in outcome.findings] == [codes.UNIT_ASSUMED]


def test_negative_target_is_a_problem() -> None:
    outcome = score("≥-5%", "3%")
    assert outcome.score is None
    assert [f.kind for f in outcome.findings] == [codes.NEGATIVE_TARGET]


def test_explanation_names_formula_inputs_and_what_full_marks_need() -> None:
    ex = score("≥64539人", "60000人").explanation
    assert ex is not None
    assert ex.formula == "w × A / T"
    assert dict(ex.inputs) == {"w": "10", "T": "≥64539人", "A": "60000人"}
    assert ex.working == "10 × 60000 / 64539 = 9.30"
    assert ex.full_marks == "A ≥ 64539人 gives full marks"
    assert "9.3" in ex.text()
    full = score("≥64539人", "65012人").explanation
    assert full is not None and full.full_marks is None
    rev = score("≤90万元", "100万元").explanation
    assert rev is not None and rev.full_marks == "A ≤ 90万元 gives full marks"
    assert rev.formula == "w × T / A"
