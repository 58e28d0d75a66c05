"""Edges of the quantitative rules that mutation testing showed unguarded (issue 24,
docs/testing.md): a bare fraction against a percentage, units in the messages, negative
actuals against ranges, ranges that start between 0 and 1 or end at 1, targets without a
value, a zero weight."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.target import Op, Target, TargetKind
from jixiao.core.values import parse_target
from jixiao.scoring import codes
from jixiao.scoring.quantitative import clamp_actual, score_quantitative
from jixiao.scoring.schemes import load_scheme

D = Decimal
CENTRAL = load_scheme("central-2020")
W = D(10)


def score(target: str | Target, got: str, weight: Decimal = W):  # type: ignore[no-untyped-def]
    t = parse_target(target) if isinstance(target, str) else target
    return score_quantitative(t, parse_target(got), weight, CENTRAL)


def codes_of(outcome) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.kind.code for f in outcome.findings]


@pytest.mark.parametrize("got", ["0.95", "1", "0.5", "0.950"])
def test_a_bare_fraction_against_a_percentage_is_not_guessed(got: str) -> None:
    outcome = score("≥95%", got)
    assert outcome.score is None
    assert codes_of(outcome) == [codes.FRACTION_FOR_PERCENT.code]
    shown = format((D(got) * 100).normalize(), "f")
    assert f"({shown}%" in outcome.findings[0].message  # the percentage it may have meant
    assert outcome.findings[0].message.startswith(f"actual {got} ")  # as printed


@pytest.mark.parametrize(("got", "points"), [("2", "0.21"), ("0", "0.00"), ("96", "10.00")])
def test_a_bare_number_that_is_no_fraction_is_read_in_the_targets_unit(
    got: str, points: str
) -> None:
    outcome = score("≥95%", got)
    assert outcome.score == D(points)
    assert codes_of(outcome) == [codes.UNIT_ASSUMED.code]


def test_a_bare_actual_against_a_count_is_not_a_fraction() -> None:
    outcome = score("≥10人", "0.5")
    assert codes_of(outcome) == [codes.UNIT_ASSUMED.code]
    assert outcome.score == D("0.50")


def test_messages_quote_the_actual_as_printed() -> None:
    assumed = score("≥10", "5人")
    assert codes_of(assumed) == [codes.UNIT_ASSUMED.code]
    assert "5人" in assumed.findings[0].message
    assert "as if both were in 人" in assumed.findings[0].message
    mismatch = score("≥10人", "3公里")
    assert codes_of(mismatch) == [codes.UNIT_MISMATCH.code]
    assert "3公里" in mismatch.findings[0].message


def test_an_actual_of_zero_is_not_called_negative() -> None:
    outcome = score("≥10人", "0人")
    assert outcome.score == D("0.00")
    assert outcome.explanation is not None
    assert not any("negative" in n for n in outcome.explanation.notes)


def test_a_negative_actual_against_a_target_without_value() -> None:
    target = Target("≥人", TargetKind.QUANTITATIVE, Op.GE, None, unit="人")
    outcome = score(target, "-3人")
    assert outcome.score is None
    assert codes_of(outcome) == [codes.NO_TARGET.code]


def test_a_negative_actual_inside_a_negative_range_keeps_its_sign() -> None:
    """``-5%~-1%`` (a planned fall): -3% is inside; counted as 0 it would be outside."""
    target = Target("-5%~-1%", TargetKind.RANGE, low=D(-5), high=D(-1), unit="%")
    assert score(target, "-3%").score == W


def test_a_negative_actual_against_a_range_from_zero_counts_as_zero() -> None:
    target = Target("0~5个", TargetKind.RANGE, low=D(0), high=D(5), unit="个")
    outcome = score(target, "-1个")
    assert outcome.score == W
    assert outcome.explanation is not None
    assert any("negative" in n for n in outcome.explanation.notes)


def test_clamp_keeps_a_positive_fraction() -> None:
    target = parse_target("≥1万元")
    assert clamp_actual(target, D("0.5")) == D("0.5")
    assert clamp_actual(target, D("-0.5")) == D(0)


def test_greater_than_zero_is_met_by_a_fraction() -> None:
    assert score(">0万元", "0.5万元").score == W
    assert score(">0万元", "0万元").score == D("0.00")


def test_a_range_that_starts_between_0_and_1() -> None:
    target = Target("0.5~1万元", TargetKind.RANGE, low=D("0.5"), high=D(1), unit="万元")
    assert score(target, "0.2万元").score == D("4.00")  # 10 × 0.2 / 0.5


def test_a_range_that_ends_at_1_measures_the_excess() -> None:
    target = Target("0~1次", TargetKind.RANGE, low=D(0), high=D(1), unit="次")
    outcome = score(target, "2次")
    assert outcome.score is not None and D(0) < outcome.score < W


def test_a_reversed_range_is_not_usable() -> None:
    target = Target("5~3个", TargetKind.RANGE, low=D(5), high=D(3), unit="个")
    outcome = score(target, "4个")
    assert outcome.score is None
    assert codes_of(outcome) == [codes.NO_TARGET.code]


def test_a_target_without_value_is_reported() -> None:
    target = Target("≥个", TargetKind.QUANTITATIVE, Op.GE, None, unit="个")
    outcome = score(target, "4个")
    assert outcome.score is None
    assert codes_of(outcome) == [codes.NO_TARGET.code]


def test_a_zero_weight_states_no_full_marks_to_reach() -> None:
    outcome = score("0次", "3次", weight=D(0))
    assert outcome.score == D("0.00")
    assert outcome.explanation is not None and outcome.explanation.full_marks is None
