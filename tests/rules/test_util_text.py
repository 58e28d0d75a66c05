"""How findings print the row or header field they are about (rules/util.py): the line under
each finding of ``jixiao check`` (issue 24: mutation testing showed these unguarded)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.model import Budget, GoalTable, Header, Indicator, Period, TableKind
from jixiao.core.money import Amount
from jixiao.core.values import parse_target
from jixiao.rules.util import fmt_dec, header_raw, indicator_row, is_lower_bound, is_upper_bound


def _table(**header: object) -> GoalTable:
    return GoalTable(TableKind.GOAL, Header(**header), ())  # type: ignore[arg-type]


def test_header_fields_as_printed() -> None:
    assert header_raw(_table(period=Period(2024, 2026)), "period") == "实施周期: 2024–2026"
    assert header_raw(_table(period=Period(2024, None)), "period") == "实施周期: 2024–?"
    assert header_raw(_table(period=Period(None, 2026)), "period") == "实施周期: ?–2026"
    assert header_raw(_table(), "period") is None
    assert header_raw(_table(), "budget") is None
    budget = Budget(amount=Amount(Decimal("3650.68")))
    assert header_raw(_table(budget=budget), "budget") == "预算金额: 3650.68万元"
    assert header_raw(_table(name="工会经费"), "name") == "项目名称: 工会经费"
    assert header_raw(_table(unit="某单位"), "unit") == "用款单位: 某单位"
    assert header_raw(_table(name="   "), "name") is None
    assert header_raw(_table(), "name") is None
    assert header_raw(_table(code="X1"), "code") == "code: X1"  # no label: the field's name


def test_an_indicator_row_as_printed() -> None:
    ind = Indicator("产出指标", None, "培训班次", annual_target=parse_target("≥12期"))
    assert indicator_row(ind) == "产出指标 |  | 培训班次 |  | ≥12期"


def test_numbers_without_trailing_zeros() -> None:
    assert [fmt_dec(Decimal(x)) for x in ("12.50", "100", "0.0", "3.000")] == [
        "12.5", "100", "0", "3",
    ]  # fmt: skip


def test_bounds() -> None:
    assert is_upper_bound(parse_target("≤90万元")) and not is_lower_bound(parse_target("≤90万元"))
    assert is_lower_bound(parse_target("≥90%")) and not is_upper_bound(parse_target("≥90%"))
    bare = parse_target("51人")
    assert is_upper_bound(bare) and is_lower_bound(bare)
