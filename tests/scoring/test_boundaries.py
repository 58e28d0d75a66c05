"""Scores and lights at every boundary (issue 24): each operator at A = T, just above and just
below, A between 0 and 1, A negative, T = 0, and the spellings real tables use."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.scoring.monitoring import Light, indicator_light
from jixiao.scoring.schemes import load_scheme
from jixiao.scoring.selfeval import score_indicator

from .helpers import actual, ind

D = Decimal
CENTRAL = load_scheme("central-2020")
W = D(10)


def scored(target: str, got: str) -> Decimal | None:
    return score_indicator(
        ind("产出指标", "质量指标", "指标", target), W, actual(got), CENTRAL
    ).score


def light(target: str, got: str) -> Light | None:
    return indicator_light(ind("产出指标", "质量指标", "指标", target), actual(got), 12, CENTRAL)[0]


@pytest.mark.parametrize(
    ("target", "got", "score", "colour"),
    [
        # ≥ : met from T up, proportional below
        ("≥90%", "90%", "10.00", Light.GREEN),
        ("≥90%", "90.01%", "10.00", Light.GREEN),
        ("≥90%", "89.99%", "9.99", Light.RED),  # 9.9989 rounds to 10.00, but not met: 9.99
        ("≥90%", "45%", "5.00", Light.RED),
        # > : A = T is not met
        (">90%", "90%", "9.99", Light.RED),
        (">90%", "91%", "10.00", Light.GREEN),
        # ≤ and < : within the limit
        ("≤5%", "5%", "10.00", Light.GREEN),
        ("≤5%", "5.01%", "9.98", Light.RED),
        ("<5%", "5%", "9.99", Light.RED),
        ("<5%", "4.99%", "10.00", Light.GREEN),
        # = : scored as 正向 (V1)
        ("=100%", "100%", "10.00", Light.GREEN),
        ("=100%", "99%", "9.90", Light.RED),
        # T = 0
        ("0次", "0次", "10.00", Light.GREEN),
        ("0次", "3次", "0.00", Light.RED),
        ("≤0次", "1次", "0.00", Light.RED),
        # A between 0 and 1, and A negative (counts as 0)
        ("≥1万元", "0.5万元", "5.00", Light.RED),
        ("≥10人", "-3人", "0.00", Light.RED),
        # spellings of real tables
        ("≥=90%", "90%", "10.00", Light.GREEN),
        ("=>90%", "89%", "9.89", Light.RED),
        ("≤=5%", "6%", "8.33", Light.RED),
        ("＞90％", "95％", "10.00", Light.GREEN),
    ],
)
def test_score_and_light_at_the_boundary(target: str, got: str, score: str, colour: Light) -> None:
    assert scored(target, got) == D(score)
    assert light(target, got) is colour


def test_a_range_touching_zero_never_divides_by_zero() -> None:
    assert scored("0-5%", "7%") is not None
    assert scored("0-0", "1") == D("0.00")
