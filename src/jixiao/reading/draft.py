"""A table being read: its parts collected while the walk goes on."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from jixiao.core.model import FundingRow, Indicator
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.problems import Problem
from jixiao.core.source import SourceLocation
from jixiao.reading.budget import BudgetBlock
from jixiao.reading.vocab import (
    Col,
    Field,
)


class Section(StrEnum):
    HEADER = "header"
    BUDGET = "budget"
    INDICATORS = "indicators"
    AFTER = "after"


@dataclass(slots=True)
class Pending:
    field: Field
    label: str
    source: SourceLocation


@dataclass(slots=True)
class Draft:
    """A table being read."""

    index: int
    source: SourceLocation
    title: str | None = None
    year: int | None = None
    values: dict[Field, str] = field(default_factory=dict)
    labels: dict[Field, str] = field(default_factory=dict)
    sources: list[tuple[str, SourceLocation]] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)
    funding: list[FundingRow] = field(default_factory=list)
    budget_amount: Amount | None = None
    budget_label: str | None = None
    budget_block: BudgetBlock | None = None
    indicators: list[Indicator] = field(default_factory=list)
    total_score: Decimal | None = None
    columns: set[Col] = field(default_factory=set)
    saw_block: bool = False
    cut: bool = False
    problems: list[Problem] = field(default_factory=list)
    unit: MoneyUnit = MoneyUnit.WAN
    last_text_field: Field | None = None
    list_layout: bool = False
    month: int | None = None  # monitoring cut-off month (1-7月执行情况): Header.extra

    @property
    def has_content(self) -> bool:
        return bool(self.values or self.indicators or self.saw_block or self.budget_amount)
