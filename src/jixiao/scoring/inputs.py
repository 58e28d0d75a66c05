"""What the evaluator supplies for one table: per-indicator actuals and the budget figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.money import Amount
from jixiao.core.source import SourceLocation
from jixiao.core.target import Target


@dataclass(frozen=True, slots=True)
class IndicatorInput:
    actual: Target | None = None  # 实际完成值 (monitoring: 当期完成值)
    level: str | None = None  # 完成等级 wording, for qualitative indicators
    score: Decimal | None = None  # evaluator's score (must lie in the band when qualitative)
    reason: str | None = None  # 偏差原因分析
    reason_category: str | None = None  # 经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他
    forecast: Target | None = None  # 全年预计完成值
    likelihood: str | None = None  # 完成目标可能性
    source: SourceLocation | None = None


@dataclass(frozen=True, slots=True)
class BudgetInput:
    budget: Amount | None = None  # 全年预算数 (adjusted)
    executed: Amount | None = None  # 全年执行数 (monitoring: executed so far)
    reason: str | None = None
    forecast: Amount | None = None  # 全年预计执行数 (monitoring)
    source: SourceLocation | None = None


@dataclass(frozen=True, slots=True)
class TableInputs:
    indicators: dict[int, IndicatorInput] = field(default_factory=dict)  # by indicator index
    budget: BudgetInput | None = None
