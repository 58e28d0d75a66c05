"""Recheck a published self-evaluation table (自评表): recompute every printed score.

The printed 分值 are the weights, the printed 实际完成值 the actuals, the printed 得分 of a
qualitative row the evaluator's score (kept when it lies in its level's band). Every printed
score that differs from the scheme's by more than 0.01 is listed with the rule's explanation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.core.model import GoalTable, TableKind
from jixiao.core.problems import Problem, Severity, make
from jixiao.scoring import codes
from jixiao.scoring.budget import budget_basis
from jixiao.scoring.explain import Explanation, fmt, pts
from jixiao.scoring.inputs import BudgetInput, IndicatorInput, TableInputs
from jixiao.scoring.schemes import Scheme
from jixiao.scoring.selfeval import TableResult, evaluate_table, locate

TOLERANCE = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Difference:
    index: int | None  # indicator index; None for the budget row
    name: str
    printed: Decimal
    recomputed: Decimal
    explanation: Explanation | None

    @property
    def delta(self) -> Decimal:
        return self.printed - self.recomputed


@dataclass(frozen=True, slots=True)
class RecheckResult:
    result: TableResult
    differences: tuple[Difference, ...]
    printed_total: Decimal | None
    recomputed_total: Decimal
    problems: tuple[Problem, ...]
    rechecked: bool = True  # False for a table without printed scores (S303 only)

    @property
    def total_differs(self) -> bool:
        return self.printed_total is not None and (
            abs(self.printed_total - self.recomputed_total) > TOLERANCE
        )


def _soften(problem: Problem) -> Problem:
    """A row without a printed actual has nothing to recheck: a warning, not an error."""
    if problem.code == codes.NO_ACTUAL.code:
        return replace(problem, severity=Severity.WARNING)
    return problem


def printed_inputs(table: GoalTable) -> TableInputs:
    """The table's own printed columns as evaluator inputs."""
    indicators = {
        i: IndicatorInput(
            actual=ind.actual, score=ind.score, reason=ind.deviation, source=ind.source
        )
        for i, ind in enumerate(table.indicators)
    }
    b = table.header.budget
    budget = BudgetInput(
        budget=budget_basis(None, b),
        executed=b.executed,
        reason=b.reason,
        source=b.source,
    )
    return TableInputs(indicators, budget)


def recheck_table(
    table: GoalTable, scheme: Scheme, table_index: int | None = None
) -> RecheckResult:
    result = evaluate_table(
        table, printed_inputs(table), scheme, table_index, printed_weights_only=True
    )
    if table.kind is not TableKind.SELFEVAL:
        # nothing printed to check: scoring it would only report missing actuals and budget
        message = (
            f"{table.name}: a {table.kind.value} table has no printed scores to recheck; "
            "score it with --actuals instead"
        )
        problem = make(codes.NOT_SELFEVAL, message, locate(table), table=table_index)
        return RecheckResult(result, (), None, result.total, (problem,), rechecked=False)
    # the printed score of a quantitative row is what is being checked, not an input
    problems = [_soften(p) for p in result.problems if p.code != codes.GIVEN_SCORE_DIFFERS.code]
    differences = []
    for r in result.indicators:
        printed = r.indicator.score
        if printed is not None and r.score is not None and abs(printed - r.score) > TOLERANCE:
            differences.append(
                Difference(r.index, r.indicator.name, printed, r.score, r.explanation)
            )
            message = (
                f"{table.name}: {r.indicator.name!r} printed score {fmt(printed)}, recomputed "
                f"{pts(r.score)} — "
                f"{r.explanation.text() if r.explanation else 'no explanation'}"
            )
            where = locate(table, r.indicator.source)
            problems.append(make(codes.SCORE_DIFFERS, message, where, table=table_index))
    budget_printed = table.header.budget.score
    budget = result.budget
    if (
        budget_printed is not None
        and budget.score is not None
        and (abs(budget_printed - budget.score) > TOLERANCE)
    ):
        differences.append(
            Difference(None, "预算执行率", budget_printed, budget.score, budget.explanation)
        )
        message = (
            f"{table.name}: budget execution printed score {fmt(budget_printed)}, recomputed "
            f"{pts(budget.score)} — "
            f"{budget.explanation.text() if budget.explanation else ''}"
        )
        where = locate(table, table.header.budget.source)
        problems.append(make(codes.SCORE_DIFFERS, message, where, table=table_index))
    recheck = RecheckResult(
        result, tuple(differences), table.total_score, result.total, tuple(problems)
    )
    if recheck.total_differs:
        assert table.total_score is not None
        note = "" if result.complete else " (some scores could not be recomputed)"
        message = (
            f"{table.name}: printed total {fmt(table.total_score)}, recomputed "
            f"{pts(result.total)}{note}"
        )
        # a partial recomputation cannot convict the printed total: warn only
        severity = None if result.complete else Severity.WARNING
        problems.append(
            make(codes.TOTAL_DIFFERS, message, locate(table), table=table_index, severity=severity)
        )
        recheck = RecheckResult(
            result, tuple(differences), table.total_score, result.total, tuple(problems)
        )
    return recheck
