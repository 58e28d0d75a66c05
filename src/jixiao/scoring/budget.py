"""预算执行率 score: rate = 全年执行数 / 全年预算数; score = min(rate, 1) × w (V4, V14, S10)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.model import Budget
from jixiao.core.money import Amount, MoneyUnit
from jixiao.scoring import codes
from jixiao.scoring.codes import Finding
from jixiao.scoring.explain import Explanation, fmt, pts, round2
from jixiao.scoring.schemes import Bucket, Scheme

HUNDRED = Decimal(100)
# a rate above this is more likely a unit slip (元 read as 万元) than over-spending
SUSPECT_RATE = Decimal("1.2")


@dataclass(frozen=True, slots=True)
class BudgetOutcome:
    budget: Amount | None
    executed: Amount | None
    rate: Decimal | None  # a fraction: 0.95 for 95 %
    weight: Decimal
    score: Decimal | None
    explanation: Explanation | None
    findings: tuple[Finding, ...] = ()

    @property
    def rate_percent(self) -> Decimal | None:
        return None if self.rate is None else round2(self.rate * HUNDRED)


def budget_basis(given: Amount | None, printed: Budget) -> Amount | None:
    """The 全年预算数 a rate is measured against: the evaluator's figure, else the table's
    adjusted budget (调整后预算数), its 年度预算金额 / 全年预算数, its 年初预算数."""
    for candidate in (given, printed.adjusted, printed.amount, printed.initial):
        if candidate is not None:
            return candidate
    return None


def suspect_rate(rate: Decimal) -> Finding | None:
    """A warning when the rate is implausibly high (likely 元 figures read as 万元)."""
    if rate <= SUSPECT_RATE:
        return None
    message = (
        f"执行率 {fmt(round2(rate * HUNDRED))}% is above {fmt(SUSPECT_RATE * HUNDRED)}%: "
        "check that 执行数 and 预算数 are in the same unit (元 / 万元; write 元 in the column "
        "header or after the figure when the amounts are in 元)"
    )
    return Finding(codes.RATE_SUSPECT, message)


def execution_rate(budget: Amount | None, executed: Amount | None) -> Decimal | None:
    if budget is None or executed is None or budget.value <= 0:
        return None
    return executed.to(MoneyUnit.WAN).value / budget.to(MoneyUnit.WAN).value


def score_budget(
    budget: Amount | None,
    executed: Amount | None,
    reason: str | None,
    scheme: Scheme,
    weight: Decimal | None = None,
) -> BudgetOutcome:
    """``weight`` overrides the scheme's budget weight (a table's own printed 分值)."""
    weight = scheme.weights[Bucket.BUDGET] if weight is None else weight
    rate = execution_rate(budget, executed)
    if rate is None or budget is None or executed is None:
        what = "全年预算数" if budget is None or budget.value <= 0 else "全年执行数"
        message = f"budget execution needs {what} (in 万元); the budget score is left out"
        return BudgetOutcome(
            budget, executed, None, weight, None, None, (Finding(codes.NO_BUDGET, message),)
        )
    rate = max(rate, Decimal(0))
    used = min(rate, Decimal(1)) if scheme.budget_cap else rate
    score = round2(used * weight)
    b, e = budget.in_wan(), executed.in_wan()
    formula = "min(执行数 / 预算数, 1) × w" if scheme.budget_cap else "执行数 / 预算数 × w"
    working = (
        f"{fmt(e)} / {fmt(b)} = {fmt(round2(rate * HUNDRED))}%; "
        f"{fmt(round2(used * HUNDRED))}% × {fmt(weight)} = {pts(score)}"
    )
    full = None if score >= weight else f"执行数 ≥ {fmt(b)}万元 gives full marks"
    explanation = Explanation(
        "预算执行率",
        formula,
        (("w", fmt(weight)), ("预算数", f"{fmt(b)}万元"), ("执行数", f"{fmt(e)}万元")),
        working,
        score,
        full,
    )
    suspect = suspect_rate(rate)
    findings: tuple[Finding, ...] = () if suspect is None else (suspect,)
    if rate < scheme.reason_below and not (reason and reason.strip()):
        message = (
            f"执行率 {fmt(round2(rate * HUNDRED))}% is below "
            f"{fmt(scheme.reason_below * HUNDRED)}%: "
            "give the reason (原因 / 偏差原因) on the budget row"
        )
        findings = (*findings, Finding(codes.REASON_MISSING, message))
    return BudgetOutcome(budget, executed, rate, weight, score, explanation, findings)
