"""Model → JSON-ready dicts (the documented ``jixiao parse --json`` shape, see docs/json.md).

Decimals are strings; every key is always present (``null`` when unknown).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.core.model import Budget, Document, FundingRow, GoalTable, Indicator
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.problems import Problem
from jixiao.core.target import Target

SCHEMA_VERSION = "1"


def dec(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _wan(amount: Amount | None) -> str | None:
    return None if amount is None else dec(amount.in_wan())


def target_dict(target: Target | None) -> dict[str, Any] | None:
    return None if target is None else target.as_dict()


def funding_row_dict(row: FundingRow) -> dict[str, Any]:
    return {
        "label": row.label,
        "initial": _wan(row.initial),
        "budget": _wan(row.budget),
        "executed": _wan(row.executed),
        "rate": dec(row.rate),
        "weight": dec(row.weight),
        "score": dec(row.score),
        "forecast": _wan(row.forecast),
    }


def budget_dict(budget: Budget) -> dict[str, Any]:
    """All amounts in 万元 (``unit``); ``amount_raw_unit`` tells the unit as printed."""
    return {
        "amount": _wan(budget.amount),
        "unit": MoneyUnit.WAN.value,
        "amount_raw_unit": budget.amount.unit.value if budget.amount else None,
        "initial": _wan(budget.initial),
        "adjusted": _wan(budget.adjusted),
        "executed": _wan(budget.executed),
        "rate": dec(budget.rate),
        "weight": dec(budget.weight),
        "score": dec(budget.score),
        "reason": budget.reason,
        "rows": [funding_row_dict(r) for r in budget.rows],
    }


def indicator_dict(ind: Indicator) -> dict[str, Any]:
    return {
        "level1": ind.level1,
        "level2": ind.level2,
        "name": ind.name,
        "category": ind.category.value,
        "subcategory": ind.subcategory.value,
        "period_target": target_dict(ind.period_target),
        "annual_target": target_dict(ind.annual_target),
        "weight": dec(ind.weight),
        "actual": target_dict(ind.actual),
        "score": dec(ind.score),
        "deviation": ind.deviation,
        "forecast": target_dict(ind.forecast),
        "likelihood": ind.likelihood,
        "extra": dict(ind.extra),
        "source": ind.source.as_dict() if ind.source else None,
    }


def table_dict(table: GoalTable) -> dict[str, Any]:
    h = table.header
    return {
        "kind": table.kind.value,
        "complete": table.complete,
        "title": table.title,
        "year": h.year,
        "project": {
            "name": h.name,
            "code": h.code,
            "type": h.type,
            "level": h.level,
            "department": h.department,
            "unit": h.unit,
            "period": {"start": h.period.start, "end": h.period.end},
        },
        "budget": budget_dict(h.budget),
        "goals": {"period": h.period_goal, "annual": h.annual_goal, "result": h.annual_result},
        "extra": dict(h.extra),
        "total_score": dec(table.total_score),
        "indicators": [indicator_dict(i) for i in table.indicators],
        "source": table.source.as_dict() if table.source else None,
    }


def problem_dict(problem: Problem) -> dict[str, Any]:
    return problem.as_dict()


def document_dict(doc: Document) -> dict[str, Any]:
    return {
        "source": doc.source,
        "problems": [problem_dict(p) for p in doc.problems],
        "tables": [table_dict(t) for t in doc.tables],
    }


def documents_dict(docs: list[Document]) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "documents": [document_dict(d) for d in docs]}
