"""Year-end self-evaluation (绩效自评) of one goal table under a scheme."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.model import GoalTable, Indicator
from jixiao.core.money import Amount
from jixiao.core.problems import Problem, make
from jixiao.core.source import SourceLocation
from jixiao.core.target import Target, TargetKind
from jixiao.scoring import codes
from jixiao.scoring.budget import BudgetOutcome, budget_basis, score_budget
from jixiao.scoring.codes import Finding
from jixiao.scoring.explain import Explanation, fmt, round2
from jixiao.scoring.inputs import IndicatorInput, TableInputs
from jixiao.scoring.outcome import Outcome
from jixiao.scoring.qualitative import read_level, score_qualitative
from jixiao.scoring.quantitative import score_quantitative
from jixiao.scoring.schemes import Bucket, Level, Scheme
from jixiao.scoring.weights import WeightPlan, plan_weights

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    index: int
    indicator: Indicator
    bucket: Bucket | None
    weight: Decimal | None
    actual: Target | None
    level: Level | None
    score: Decimal | None
    explanation: Explanation | None
    given_score: Decimal | None = None
    reason: str | None = None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class BudgetResult:
    budget: Amount | None
    executed: Amount | None
    rate: Decimal | None  # fraction
    weight: Decimal
    score: Decimal | None
    explanation: Explanation | None
    reason: str | None = None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class TableResult:
    table: GoalTable
    table_index: int | None
    scheme: str
    weights_from_table: bool
    indicators: tuple[IndicatorResult, ...]
    budget: BudgetResult
    total: Decimal  # sum of the rounded scores that could be computed
    complete: bool  # every indicator and the budget were scored
    grade: str | None  # None when incomplete: a partial total earns no grade
    problems: tuple[Problem, ...]


def locate(table: GoalTable, *candidates: SourceLocation | None) -> SourceLocation:
    for candidate in candidates:
        if candidate is not None:
            return candidate
    return table.source or SourceLocation("<table>")


def score_indicator(
    ind: Indicator, weight: Decimal, given: IndicatorInput, scheme: Scheme
) -> Outcome:
    """One indicator's score: dispatch on the target kind and what the actual is."""
    target = ind.annual_target
    if target.kind is TargetKind.NONE:
        message = f"indicator {ind.name!r} has no 年度指标值; it cannot be scored"
        return Outcome(None, None, (Finding(codes.NO_TARGET, message),))
    actual = given.actual
    level_text = given.level or (
        actual.text or actual.raw if actual and actual.kind is TargetKind.QUALITATIVE else None
    )
    if target.kind is TargetKind.QUALITATIVE:
        return _qualitative(ind, weight, given, level_text, scheme)
    if actual is not None and actual.kind is TargetKind.QUANTITATIVE and actual.value is not None:
        return _quantitative(ind, weight, given, actual, scheme)
    if level_text is not None:
        level = read_level(level_text, None)
        if level is not None:
            message = (
                f"indicator {ind.name!r} has the quantitative target {target.raw} but the actual "
                f"is the level {level_text!r}; scored by the qualitative rule — give the number"
            )
            return score_qualitative(level, weight, given.score, scheme).with_findings(
                Finding(codes.LEVEL_FOR_NUMBER, message)
            )
    if actual is None or actual.is_empty:
        message = f"indicator {ind.name!r}: no 实际完成值 given; it scores nothing until one is"
        return Outcome(None, None, (Finding(codes.NO_ACTUAL, message),))
    message = (
        f"indicator {ind.name!r}: target {target.raw} is quantitative but the actual "
        f"{actual.raw!r} is no number"
    )
    return Outcome(None, None, (Finding(codes.NOT_A_NUMBER, message),))


def _qualitative(
    ind: Indicator, weight: Decimal, given: IndicatorInput, level_text: str | None, scheme: Scheme
) -> Outcome:
    if level_text is None:
        actual = given.actual
        if actual is not None and not actual.is_empty:
            message = (
                f"indicator {ind.name!r}: the target {ind.annual_target.raw!r} is qualitative "
                f"but the actual is {actual.raw!r}; give the level (达成 / 部分达成 / 未达成)"
            )
            return Outcome(None, None, (Finding(codes.UNKNOWN_LEVEL, message),))
        message = f"indicator {ind.name!r}: no outcome level (达成 / 部分达成 / 未达成) given"
        return Outcome(None, None, (Finding(codes.NO_ACTUAL, message),))
    level = read_level(level_text, ind.annual_target.text or ind.annual_target.raw)
    if level is None:
        message = (
            f"indicator {ind.name!r}: {level_text!r} names no level; write 达成, 部分达成 or "
            "未达成 (or 达成年度指标 … as printed on the central form)"
        )
        return Outcome(None, None, (Finding(codes.UNKNOWN_LEVEL, message),))
    return score_qualitative(level, weight, given.score, scheme)


def _quantitative(
    ind: Indicator, weight: Decimal, given: IndicatorInput, actual: Target, scheme: Scheme
) -> Outcome:
    outcome = score_quantitative(ind.annual_target, actual, weight, scheme)
    if given.score is None or outcome.score is None:
        return outcome
    if abs(round2(given.score) - outcome.score) > Decimal("0.01"):
        message = (
            f"indicator {ind.name!r}: given score {fmt(given.score)} differs from the rule's "
            f"{fmt(outcome.score)}; the rule's score is used"
        )
        return outcome.with_findings(Finding(codes.GIVEN_SCORE_DIFFERS, message))
    return outcome


def evaluate_table(
    table: GoalTable,
    inputs: TableInputs,
    scheme: Scheme,
    table_index: int | None = None,
    *,
    printed_weights_only: bool = False,
) -> TableResult:
    """Score every indicator and the budget; total and grade.

    ``printed_weights_only`` keeps each row's printed 分值 even when some rows lack one
    (recheck of a published table, see :func:`jixiao.scoring.weights.plan_weights`).
    """
    plan = plan_weights(
        table.indicators,
        scheme,
        table.header.budget.weight,
        printed_only=printed_weights_only,
    )
    problems: list[Problem] = [
        _problem(table, f, None, table_index) for i, f in plan.findings if i is None
    ]
    results = tuple(
        _indicator_result(table, i, ind, plan, inputs, scheme, table_index)
        for i, ind in enumerate(table.indicators)
    )
    budget = _budget_result(table, inputs, scheme, plan.budget_weight, table_index)
    for result in results:
        problems.extend(result.problems)
    problems.extend(budget.problems)
    scores = [r.score for r in results if r.score is not None]
    if budget.score is not None:
        scores.append(budget.score)
    total = sum(scores, ZERO)
    complete = all(r.score is not None for r in results) and budget.score is not None
    complete = complete and bool(results)
    grade = scheme.grade(total) if complete else None
    return TableResult(
        table,
        table_index,
        scheme.name,
        plan.from_table,
        results,
        budget,
        round2(total),
        complete,
        grade,
        tuple(problems),
    )


def _problem(
    table: GoalTable, finding: Finding, where: SourceLocation | None, table_index: int | None
) -> Problem:
    message = f"{table.name}: {finding.message}"
    return make(finding.kind, message, locate(table, where), table=table_index)


def _indicator_result(
    table: GoalTable,
    index: int,
    ind: Indicator,
    plan: WeightPlan,
    inputs: TableInputs,
    scheme: Scheme,
    table_index: int | None,
) -> IndicatorResult:
    given = inputs.indicators.get(index, IndicatorInput())
    weight = plan.weights[index]
    where = given.source or ind.source
    findings = [f for i, f in plan.findings if i == index]
    outcome = Outcome(None)
    if weight is not None:
        outcome = score_indicator(ind, weight, given, scheme)
        findings.extend(outcome.findings)
    return IndicatorResult(
        index,
        ind,
        plan.buckets[index],
        weight,
        given.actual,
        outcome.level,
        outcome.score,
        outcome.explanation,
        given.score,
        given.reason,
        tuple(_problem(table, f, where, table_index) for f in findings),
    )


def _budget_result(
    table: GoalTable,
    inputs: TableInputs,
    scheme: Scheme,
    weight: Decimal,
    table_index: int | None,
) -> BudgetResult:
    given = inputs.budget
    printed = table.header.budget
    budget = budget_basis(given.budget if given else None, printed)
    executed = given.executed if given else None
    reason = given.reason if given else None
    outcome: BudgetOutcome = score_budget(budget, executed, reason, scheme, weight)
    where = given.source if given else None
    where = where or printed.source
    return BudgetResult(
        outcome.budget,
        outcome.executed,
        outcome.rate,
        outcome.weight,
        outcome.score,
        outcome.explanation,
        reason,
        tuple(_problem(table, f, where, table_index) for f in outcome.findings),
    )
