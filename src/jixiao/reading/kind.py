"""Table kind (goal / selfeval / monitor) from the title and the columns printed."""

from __future__ import annotations

from jixiao.core.model import TableKind
from jixiao.core.text import compact
from jixiao.reading.vocab import BudgetCol, Col

SELFEVAL_COLUMNS = frozenset({Col.ACTUAL, Col.SCORE, Col.DEVIATION})
MONITOR_COLUMNS = frozenset({Col.CURRENT, Col.FORECAST, Col.LIKELIHOOD})


def kind_of(title: str | None, columns: set[Col], budget_columns: set[BudgetCol]) -> TableKind:
    """The title decides when it says so (自评 / 监控); else the columns do."""
    t = compact(title or "")
    if "监控" in t:
        return TableKind.MONITOR
    if "自评" in t:
        return TableKind.SELFEVAL
    if columns & MONITOR_COLUMNS:
        return TableKind.MONITOR
    if columns & SELFEVAL_COLUMNS or BudgetCol.EXECUTED in budget_columns:
        return TableKind.SELFEVAL
    return TableKind.GOAL
