"""Table kind (goal / selfeval / monitor) from the title and the columns printed."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.model import TableKind
from jixiao.core.text import compact
from jixiao.reading.vocab import BudgetCol, Col

SELFEVAL_COLUMNS = frozenset({Col.ACTUAL, Col.SCORE, Col.DEVIATION})
MONITOR_COLUMNS = frozenset({Col.CURRENT, Col.FORECAST, Col.LIKELIHOOD})


def kind_of(
    title: str | None,
    columns: set[Col],
    budget_columns: set[BudgetCol],
    weights: list[Decimal] | None = None,
) -> TableKind:
    """The title decides when it says so (自评 / 监控); else the columns do; else indicator
    weights that sum to 90 (the self-evaluation rule: 预算执行率 10 points, the indicators 90)."""
    t = compact(title or "")
    if "监控" in t:
        return TableKind.MONITOR
    if "自评" in t:
        return TableKind.SELFEVAL
    if columns & MONITOR_COLUMNS:
        return TableKind.MONITOR
    if columns & SELFEVAL_COLUMNS or BudgetCol.EXECUTED in budget_columns:
        return TableKind.SELFEVAL
    named_goal = any(word in t for word in ("目标表", "申报表", "审核表", "审批表"))
    if named_goal:
        return TableKind.GOAL  # a goal form may carry weights that leave 10 to the budget
    if weights and len(weights) >= 3 and sum(weights, Decimal(0)) == _SELFEVAL_WEIGHTS:
        return TableKind.SELFEVAL
    return TableKind.GOAL


_SELFEVAL_WEIGHTS = Decimal(90)
