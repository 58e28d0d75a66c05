"""Budget execution by funding source (资金来源) in a self-evaluation or monitoring round.

The 自评表 prints 年度资金总额 and below it 其中：财政拨款 / 上年结转 / 其他资金, each with its
全年预算数, 全年执行数 and 执行率. The total is what the budget score uses; the sources must
add up to it, which :func:`funding_problems` checks as the user types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from jixiao.core.model import FundingRow
from jixiao.core.model import GoalTable as CoreTable
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.vocabulary import FUNDING_SOURCES, FUNDING_TOTAL

SOURCES = tuple(FUNDING_SOURCES)
TOTAL = FUNDING_TOTAL
PRINTED = FUNDING_SOURCES  # the labels the 自评表 exporters print
CENT = Decimal("0.01")


@dataclass(frozen=True)
class FundingInput:
    """One source's figures in 万元 (either may be missing while the form is filled)."""

    budget: Decimal | None = None
    executed: Decimal | None = None

    @property
    def rate(self) -> Decimal | None:
        """执行率 in percent, or None without a positive budget."""
        if self.budget is None or self.executed is None or self.budget <= 0:
            return None
        return (self.executed / self.budget * 100).quantize(CENT)

    @property
    def empty(self) -> bool:
        return self.budget is None and self.executed is None


def _dec(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def funding_from_json(data: Mapping[str, Any] | None) -> dict[str, FundingInput]:
    """The stored ``Evaluation.funding`` as inputs (unknown sources are ignored)."""
    data = data or {}
    return {
        source: FundingInput(_dec(given.get("budget")), _dec(given.get("executed")))
        for source, given in data.items()
        if source in SOURCES and isinstance(given, Mapping)
    }


def funding_to_json(funding: Mapping[str, FundingInput]) -> dict[str, dict[str, str | None]]:
    def text(value: Decimal | None) -> str | None:
        return None if value is None else format(value, "f")

    return {
        source: {"budget": text(given.budget), "executed": text(given.executed)}
        for source, given in funding.items()
        if source in SOURCES and not given.empty
    }


def funding_problems(
    funding: Mapping[str, FundingInput], budget: Decimal | None, executed: Decimal | None
) -> list[str]:
    """Where the sources do not add up to the 年度资金总额 (budget and executed separately)."""
    given = [f for f in funding.values() if not f.empty]
    if not given:
        return []
    problems = []
    checks = (
        (_("full-year budget"), budget, [f.budget for f in given]),
        (_("executed"), executed, [f.executed for f in given]),
    )
    for label, total, parts in checks:
        if total is None or all(p is None for p in parts):
            continue
        added = sum((p for p in parts if p is not None), Decimal(0))
        if added != total:
            problems.append(
                _(
                    "The funding sources add up to %(sum)s 万元 of %(what)s, but the total is "
                    "%(total)s 万元: correct 财政拨款, 上年结转 or 其他资金 so that they add up."
                )
                % {"sum": format(added, "f"), "what": label, "total": format(total, "f")}
            )
    return problems


def with_funding(core: CoreTable, funding: Mapping[str, FundingInput]) -> CoreTable:
    """The core table with the sources as printed funding rows (for the filled 自评表)."""
    rows = tuple(
        FundingRow(
            PRINTED[source],
            budget=_wan(given.budget),
            executed=_wan(given.executed),
            rate=given.rate,
        )
        for source in SOURCES
        if (given := funding.get(source)) is not None and not given.empty
    )
    if not rows:
        return core
    kept = tuple(r for r in core.header.budget.rows if r.label == TOTAL)
    budget = replace(core.header.budget, rows=(*kept, *rows))
    return replace(core, header=replace(core.header, budget=budget))


def _wan(value: Decimal | None) -> Amount | None:
    return None if value is None else Amount(value, MoneyUnit.WAN)
