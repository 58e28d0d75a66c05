"""预算执行率: rate, cap, the <90 % reason, units."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.money import Amount, MoneyUnit
from jixiao.scoring import codes
from jixiao.scoring.budget import score_budget
from jixiao.scoring.schemes import load_scheme

D = Decimal
CENTRAL = load_scheme("central-2020")


def wan(text: str) -> Amount:
    return Amount(D(text), MoneyUnit.WAN)


def test_proportional_score() -> None:
    # 6.7 example of domain.md: 380 / 400 = 95 % → 9.50
    outcome = score_budget(wan("400"), wan("380"), None, CENTRAL)
    assert outcome.rate == D("0.95")
    assert outcome.score == D("9.50")
    assert outcome.findings == ()
    assert outcome.explanation is not None
    assert outcome.explanation.full_marks == "执行数 ≥ 400万元 gives full marks"


def test_capped_at_full_marks() -> None:
    outcome = score_budget(wan("100"), wan("120"), None, CENTRAL)
    assert outcome.rate_percent == D("120.00")
    assert outcome.score == D("10.00")


def test_below_ninety_needs_a_reason() -> None:
    # 020_selfeval: 37.24 / 43.2 = 86.20 % → 8.62
    outcome = score_budget(wan("43.2"), wan("37.24"), None, CENTRAL)
    assert outcome.score == D("8.62")
    assert [f.kind for f in outcome.findings] == [codes.REASON_MISSING]
    with_reason = score_budget(wan("43.2"), wan("37.24"), "尾款未付", CENTRAL)
    assert with_reason.findings == ()
    exactly = score_budget(wan("100"), wan("90"), None, CENTRAL)
    assert exactly.findings == ()  # 90 % is not below 90 %


def test_units_are_converted() -> None:
    outcome = score_budget(wan("400"), Amount(D("3800000"), MoneyUnit.YUAN), None, CENTRAL)
    assert outcome.score == D("9.50")


def test_missing_figures() -> None:
    for budget, executed in ((None, wan("1")), (wan("0"), wan("1")), (wan("10"), None)):
        outcome = score_budget(budget, executed, None, CENTRAL)
        assert outcome.score is None
        assert [f.kind for f in outcome.findings] == [codes.NO_BUDGET]
