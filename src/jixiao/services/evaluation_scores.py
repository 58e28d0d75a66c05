"""Scores and lights of typed actuals: the scoring core run on a stored version, writing nothing.

Self-evaluation (单位自评): a score per indicator, the budget execution score, total and grade.
Monitoring (绩效运行监控): a light per indicator and for the budget as of a month.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.core.target import Target
from jixiao.services.funding import FundingInput, funding_problems, with_funding
from jixiao.services.guards import scheme_setting
from jixiao.services.targets import parse_target_text
from jixiao.storage import mapping
from jixiao.storage.models import IndicatorRow, TableVersion

SELFEVAL, MONITOR = "selfeval", "monitor"
LIGHT_ORDER = ("red", "yellow", "green", "blue")  # most alarming first


@dataclass
class EntryInput:
    actual: str = ""
    level: str = ""
    reason: str = ""
    forecast: str = ""  # 全年预计完成值 (monitoring)
    likelihood: str = ""  # 完成目标可能性 (monitoring)


@dataclass
class EvaluationInput:
    entries: dict[int, EntryInput] = field(default_factory=dict)  # by IndicatorRow pk
    budget: Decimal | None = None  # 全年预算数 (万元)
    executed: Decimal | None = None  # 全年 / 累计执行数 (万元)
    budget_reason: str = ""
    funding: dict[str, FundingInput] = field(default_factory=dict)  # 资金来源, by source


@dataclass
class RowScore:
    score: Decimal | None
    weight: Decimal | None
    explanation: str
    level: str
    light: str = ""  # monitoring: red / yellow / green / blue


@dataclass
class ScoreView:
    """The scoring core's result by row, to store or to show as the user types.

    Self-evaluation: scores, total and grade. Monitoring: a light per row and for the budget
    (``budget_light``; ``budget_score`` is then the execution progress in percent).
    """

    rows: dict[int, RowScore]
    budget_score: Decimal | None
    budget_weight: Decimal | None
    budget_rate: Decimal | None  # percent
    budget_explanation: str
    total: Decimal | None
    grade: str
    complete: bool
    problems: list[str]
    budget_light: str = ""

    def worst_light(self) -> str:
        """The most alarming light of the round (red, yellow, then green / blue), or ''."""
        lights = {r.light for r in self.rows.values()} | {self.budget_light}
        return next((light for light in LIGHT_ORDER if light in lights), "")

    def as_dict(self) -> dict[str, Any]:
        def dec(value: Decimal | None) -> str | None:
            return None if value is None else format(value, "f")

        return {
            "rows": {
                str(pk): {
                    "score": dec(r.score),
                    "weight": dec(r.weight),
                    "explanation": r.explanation,
                    "level": r.level,
                    "light": r.light,
                }
                for pk, r in self.rows.items()
            },
            "budget": {
                "score": dec(self.budget_score),
                "weight": dec(self.budget_weight),
                "rate": dec(self.budget_rate),
                "explanation": self.budget_explanation,
                "light": self.budget_light,
            },
            "total": dec(self.total),
            "grade": self.grade,
            "complete": self.complete,
            "problems": self.problems,
        }


def _inputs(rows: Sequence[IndicatorRow], data: EvaluationInput) -> Any:
    """The scoring core's ``TableInputs`` for the typed values."""
    from jixiao.core.money import Amount, MoneyUnit
    from jixiao.scoring.inputs import BudgetInput, IndicatorInput, TableInputs

    def target(text: str) -> Target | None:
        parsed = parse_target_text(text) if text.strip() else None
        return None if parsed is None or parsed.is_empty else parsed

    indicators: dict[int, IndicatorInput] = {}
    for index, row in enumerate(rows):
        entry = data.entries.get(row.pk)
        if entry is None or not (entry.actual.strip() or entry.level.strip()):
            continue
        indicators[index] = IndicatorInput(
            actual=target(entry.actual),
            level=entry.level.strip() or None,
            reason=entry.reason.strip() or None,
            forecast=target(entry.forecast),
            likelihood=entry.likelihood.strip() or None,
        )
    budget = BudgetInput(
        budget=Amount(data.budget, MoneyUnit.WAN) if data.budget is not None else None,
        executed=Amount(data.executed, MoneyUnit.WAN) if data.executed is not None else None,
        reason=data.budget_reason.strip() or None,
    )
    return TableInputs(indicators, budget)


def evaluate(version: TableVersion, rows: Sequence[IndicatorRow], data: EvaluationInput) -> Any:
    """Self-evaluation scores (default scheme): a ``TableResult``."""
    from jixiao.scoring.schemes import load_scheme
    from jixiao.scoring.selfeval import evaluate_table

    core = with_funding(mapping.to_core(version, rows), data.funding)
    return evaluate_table(core, _inputs(rows, data), load_scheme(scheme_setting()), 0)


def monitor(
    version: TableVersion, rows: Sequence[IndicatorRow], data: EvaluationInput, month: int
) -> Any:
    """Monitoring lights as of ``month`` (default scheme): a ``MonitorResult``."""
    from jixiao.scoring.monitoring import monitor_table
    from jixiao.scoring.schemes import load_scheme

    core = with_funding(mapping.to_core(version, rows), data.funding)
    return monitor_table(core, _inputs(rows, data), month, load_scheme(scheme_setting()), 0)


def compute_scores(
    version: TableVersion,
    rows: Sequence[IndicatorRow],
    data: EvaluationInput,
    kind: str = SELFEVAL,
    month: int = 0,
) -> ScoreView:
    """Score (or light) the entries with the scoring core; writes nothing."""
    view = _score_view(version, rows, data, kind, month)
    unbalanced = funding_problems(data.funding, data.budget, data.executed)
    if unbalanced:  # sources that do not add up keep the round from being submitted
        view.problems.extend(unbalanced)
        view.complete = False
    return view


def _score_view(
    version: TableVersion,
    rows: Sequence[IndicatorRow],
    data: EvaluationInput,
    kind: str,
    month: int,
) -> ScoreView:
    if kind == MONITOR:
        return _light_view(rows, monitor(version, rows, data, month))
    result = evaluate(version, rows, data)
    view_rows = {
        row.pk: RowScore(
            score=r.score,
            weight=r.weight,
            explanation=r.explanation.short() if r.explanation else "",
            level=r.level.value if r.level else "",
        )
        for row, r in zip(rows, result.indicators, strict=True)
    }
    b = result.budget
    return ScoreView(
        rows=view_rows,
        budget_score=b.score,
        budget_weight=b.weight,
        budget_rate=None if b.rate is None else (b.rate * 100).quantize(Decimal("0.01")),
        budget_explanation=b.explanation.short() if b.explanation else "",
        total=result.total,
        grade=result.grade or "",
        complete=result.complete,
        problems=[p.message for p in result.problems if p.severity.value != "info"],
    )


def _light_view(rows: Sequence[IndicatorRow], result: Any) -> ScoreView:
    view_rows = {
        row.pk: RowScore(
            score=r.ratio,
            weight=None,
            explanation=r.explanation.short() if r.explanation else "",
            level="",
            light=r.light.value if r.light else "",
        )
        for row, r in zip(rows, result.indicators, strict=True)
    }
    b = result.budget
    complete = all(r.light for r in view_rows.values()) and b.light is not None
    return ScoreView(
        rows=view_rows,
        budget_score=b.progress,
        budget_weight=None,
        budget_rate=None if b.rate is None else (b.rate * 100).quantize(Decimal("0.01")),
        budget_explanation="",
        total=None,
        grade="",
        complete=bool(view_rows) and complete,
        problems=[p.message for p in result.problems if p.severity.value != "info"],
        budget_light=b.light.value if b.light else "",
    )
