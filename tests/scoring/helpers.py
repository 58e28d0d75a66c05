"""Builders for scoring tests: tables and inputs written inline, targets through the grammar."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.model import Budget, GoalTable, Header, Indicator, TableKind
from jixiao.core.money import Amount
from jixiao.core.values import parse_target
from jixiao.scoring.inputs import BudgetInput, IndicatorInput, TableInputs

D = Decimal


def ind(level1: str, level2: str, name: str, target: str, weight: str | None = None) -> Indicator:
    return Indicator(
        level1,
        level2,
        name,
        annual_target=parse_target(target),
        weight=None if weight is None else D(weight),
    )


def table(*indicators: Indicator, budget: str | None = "100", name: str = "测试项目") -> GoalTable:
    amount = Amount(D(budget)) if budget is not None else None
    return GoalTable(TableKind.GOAL, Header(name=name, budget=Budget(amount=amount)), indicators)


def actual(text: str, level: str | None = None, score: str | None = None) -> IndicatorInput:
    return IndicatorInput(
        actual=parse_target(text) if text else None,
        level=level,
        score=None if score is None else D(score),
    )


def inputs(
    *actuals: IndicatorInput | None,
    executed: str | None = None,
    budget: str | None = None,
    reason: str | None = None,
) -> TableInputs:
    budget_input = BudgetInput(
        budget=Amount(D(budget)) if budget else None,
        executed=Amount(D(executed)) if executed else None,
        reason=reason,
    )
    return TableInputs({i: a for i, a in enumerate(actuals) if a is not None}, budget_input)
