"""The table's own arithmetic as a check on a reading, and the selector between readings.

A reading of a document is several goal tables. :func:`check_table` scores one table by what
must hold in any correctly read 绩效目标表 / 自评表, whatever its layout: targets that parse,
known 一级 names, names that are not labels or values, weights that sum to 100 (or 90 beside a
budget weight of 10), scores within their weights, a printed total equal to the sum of the
scores, 执行数 within 预算数 and 执行率 = 执行数 / 预算数. :func:`select` keeps the reading with the
most points; on a tie the first (today's walker) stays, so a new candidate wins only where
the arithmetic says it reads better.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.model import Document, GoalTable, Indicator
from jixiao.core.target import TargetKind
from jixiao.core.vocabulary import Level1
from jixiao.reading.cells import QUALITATIVE_VALUES, is_value_like, norm
from jixiao.reading.vocab import column_of, field_of_label

# A comparator and a number inside a name: a target glued to it (``足额保障率=100%``).
_GLUED_TARGET = re.compile(r"[≥≤<>=]\s*\d")
_TOTAL_WORDS = re.compile(r"^(合计|总计|总分|小计)")
_WEIGHT_TOTALS = (Decimal(100), Decimal(90))
_RATE_TOLERANCE = Decimal("0.6")  # percentage points: printed rates are rounded


@dataclass(slots=True)
class Check:
    """Points of a reading and the reasons, one line each (for problems and debugging)."""

    points: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, points: int, note: str) -> None:
        self.points += points
        if points < 0:
            self.notes.append(note)


def check_table(table: GoalTable) -> Check:
    check = Check()
    _check_name(table, check)
    for ind in table.indicators:
        _check_indicator(ind, check)
    _check_weights(table, check)
    _check_budget(table, check)
    return check


def check_document(doc: Document) -> Check:
    total = Check()
    for table in doc.tables:
        one = check_table(table)
        total.points += one.points
        total.notes += [f"{table.name}: {n}" for n in one.notes]
    return total


def select(readings: Sequence[Document]) -> tuple[int, Check]:
    """Index of the best reading (the first among equals) and its check."""
    best, best_check = 0, check_document(readings[0])
    for k, reading in enumerate(readings[1:], start=1):
        check = check_document(reading)
        if check.points > best_check.points:
            best, best_check = k, check
    return best, best_check


def _label_or_value(text: str) -> bool:
    t = norm(text)
    return (
        field_of_label(t) is not None
        or column_of(t) is not None
        or is_value_like(t)
        or t.endswith((":", "："))
    )


def _check_name(table: GoalTable, check: Check) -> None:
    name = table.header.name
    if not name:
        return
    if _label_or_value(name) or len(norm(name)) < 3:
        check.add(-3, f"project name {name!r} reads as a label or a value")
    else:
        check.add(2, "project name")


def _check_indicator(ind: Indicator, check: Check) -> None:
    name = norm(ind.name)
    if not name or _label_or_value(name) or _TOTAL_WORDS.match(name):
        check.add(-3, f"indicator name {ind.name!r} reads as a label, a value or a total")
        return
    if _GLUED_TARGET.search(name):
        check.add(-2, f"indicator name {ind.name!r} holds a target")
    target = ind.annual_target if ind.annual_target.kind is not TargetKind.NONE else None
    target = target or (
        ind.period_target if ind.period_target.kind is not TargetKind.NONE else None
    )
    if target is not None:
        # a figure or a usual word (良好, 规范) is a surer target than other text, which may be
        # an 指标解释 cell taken for the target
        sure = target.kind is not TargetKind.QUALITATIVE or norm(target.raw) in QUALITATIVE_VALUES
        check.add(2 if sure else 1, "target")
    if ind.level1 and ind.category is not Level1.OTHER:
        check.add(1, "一级")
    if ind.weight is not None and ind.score is not None and ind.score > ind.weight:
        check.add(-3, f"{ind.name!r}: score {ind.score} above its weight {ind.weight}")


def _check_weights(table: GoalTable, check: Check) -> None:
    weights = [i.weight for i in table.indicators if i.weight is not None]
    if len(weights) >= 2 and table.complete:
        total = sum(weights, Decimal(0))
        budget_weight = table.header.budget.weight or Decimal(0)
        if total in _WEIGHT_TOTALS or total + budget_weight == Decimal(100):
            check.add(5, "weights sum to the total")
        else:
            check.add(-2, f"weights sum to {total}, not 100 or 90")
    scores = [i.score for i in table.indicators if i.score is not None]
    if table.total_score is not None and scores and table.complete:
        total = sum(scores, Decimal(0)) + (table.header.budget.score or Decimal(0))
        if abs(total - table.total_score) <= Decimal("0.5"):
            check.add(3, "printed total = sum of scores")
        else:
            check.add(-1, f"printed total {table.total_score} but scores sum to {total}")


def _check_budget(table: GoalTable, check: Check) -> None:
    budget = table.header.budget
    if budget.amount is None or budget.executed is None:
        return
    planned, spent = budget.amount.in_wan(), budget.executed.in_wan()
    if planned <= 0:
        return
    if spent > planned * Decimal("1.0001"):
        check.add(-2, f"执行数 {spent} above 预算数 {planned}")
    else:
        check.add(1, "执行数 within 预算数")
    if budget.rate is not None:
        computed = spent / planned * 100
        if abs(computed - budget.rate) <= _RATE_TOLERANCE:
            check.add(2, "执行率 = 执行数 / 预算数")
        else:
            check.add(-1, f"执行率 {budget.rate}% but 执行数 / 预算数 = {computed:.2f}%")
