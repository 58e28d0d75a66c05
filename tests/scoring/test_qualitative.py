"""Qualitative levels, wordings, bands and default shares (central-2020)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.scoring import codes
from jixiao.scoring.qualitative import read_level, score_qualitative
from jixiao.scoring.schemes import Level, load_scheme

D = Decimal
CENTRAL = load_scheme("central-2020")


@pytest.mark.parametrize(
    ("text", "target", "level"),
    [
        ("达成", None, Level.ACHIEVED),
        ("达成预期指标", None, Level.ACHIEVED),
        ("达到预期目标", None, Level.ACHIEVED),
        ("达成年度指标", None, Level.ACHIEVED),
        ("部分达成", None, Level.PARTIAL),
        ("部分达成年度指标并具有一定效果", None, Level.PARTIAL),
        ("部分达到预期目标,并且具备一定效果", None, Level.PARTIAL),
        ("基本达到", None, Level.PARTIAL),  # decided: 基本 admits a shortfall
        ("未达成", None, Level.FAILED),
        ("未达成年度指标且效果较差", None, Level.FAILED),
        ("未达到预期目标", None, Level.FAILED),
        ("规范", "规范", Level.ACHIEVED),  # repeats the target
        ("是", "是", Level.ACHIEVED),
        ("否", "是", Level.FAILED),
        ("是", "否", Level.FAILED),
        ("有改善", "良好", None),  # not a level, not the target: the evaluator must say
        ("", None, None),
    ],
)
def test_wordings(text: str, target: str | None, level: Level | None) -> None:
    assert read_level(text, target) is level


@pytest.mark.parametrize(
    ("level", "given", "expected"),
    [
        # defaults: 达成 100 %, 部分达成 70 %, 未达成 30 % of w = 8
        (Level.ACHIEVED, None, "8.00"),
        (Level.PARTIAL, None, "5.60"),
        (Level.FAILED, None, "2.40"),
        # given scores inside the bands [6.40, 8], [4.80, 6.40), [0, 4.80)
        (Level.ACHIEVED, "6.4", "6.40"),  # 80 % belongs to 达成 (V1)
        (Level.ACHIEVED, "8", "8.00"),
        (Level.PARTIAL, "4.8", "4.80"),  # 60 % belongs to 部分达成
        (Level.PARTIAL, "6.39", "6.39"),
        (Level.FAILED, "0", "0.00"),
        (Level.FAILED, "4.79", "4.79"),
    ],
)
def test_bands_and_defaults(level: Level, given: str | None, expected: str) -> None:
    outcome = score_qualitative(level, D(8), None if given is None else D(given), CENTRAL)
    assert outcome.score == D(expected)
    assert outcome.findings == ()


@pytest.mark.parametrize(
    ("level", "given", "default"),
    [
        (Level.PARTIAL, "7", "5.60"),  # 015_selfeval: 基本达到 scored 7 of 8 (87.5 %)
        (Level.PARTIAL, "6.4", "5.60"),  # upper edge belongs to 达成
        (Level.ACHIEVED, "6.39", "8.00"),
        (Level.FAILED, "4.8", "2.40"),
        (Level.ACHIEVED, "9", "8.00"),  # above w
    ],
)
def test_score_outside_band_is_a_problem(level: Level, given: str, default: str) -> None:
    outcome = score_qualitative(level, D(8), D(given), CENTRAL)
    assert outcome.score == D(default)
    assert [f.kind for f in outcome.findings] == [codes.OUT_OF_BAND]


def test_explanation_of_partial() -> None:
    ex = score_qualitative(Level.PARTIAL, D(10), None, CENTRAL).explanation
    assert ex is not None
    assert ex.working == "10 × 70% = 7.00"
    assert dict(ex.inputs)["band"] == "[6, 8)"
    assert ex.full_marks == "level 达成 gives up to full marks"


def test_given_achieved_score_below_full_marks_is_explained() -> None:
    ex = score_qualitative(Level.ACHIEVED, D(8), D(7), CENTRAL).explanation
    assert ex is not None and ex.result == D("7.00")
    assert ex.full_marks == "a score of 8 (the top of the 达成 band) gives full marks"
    assert "full marks" not in ex.short().split(";")[0]
