"""可行性 (R4xx): targets that cannot be reached or cannot be right as written."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.core.model import GoalTable
from jixiao.core.problems import Severity
from jixiao.core.target import Op, TargetKind
from jixiao.rules.base import Context, Dimension, Hit, table_rule
from jixiao.rules.util import (
    indicator_row,
    is_lower_bound,
    is_percent,
    label,
)
from jixiao.rules.words import compact, is_growth_name, is_satisfaction_name

D = Dimension.FEASIBILITY


@table_rule("R401", Severity.WARNING, D, "百分比指标值超过100%", "percentage above 100 as a floor")
def percent_over_100(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    for ind in table.indicators:
        t = ind.annual_target
        if (
            t.kind is TargetKind.QUANTITATIVE
            and is_percent(t)
            and t.value is not None
            and t.value > 100
            and is_lower_bound(t)
            and not is_growth_name(ind.name)
        ):
            yield Hit(
                f"指标{label(ind)}要求「{t.raw}」，比率超过 100% 无法实现：请核对数值或单位。",
                f"{ind.name!r} requires {t.raw!r}; a rate above 100% cannot be reached: "
                "check value or unit.",
                indicator=ind,
                raw=indicator_row(ind),
            )


@table_rule("R402", Severity.WARNING, D, "满意度目标为100%", "satisfaction target of 100%")
def satisfaction_full(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    for ind in table.indicators:
        t = ind.annual_target
        if (
            is_satisfaction_name(ind.name)
            and t.kind is TargetKind.QUANTITATIVE
            and is_percent(t)
            and t.value == 100
            and t.op in (None, Op.GE, Op.EQ)
        ):
            yield Hit(
                f"满意度指标{label(ind)}要求「{t.raw}」：抽样调查满意度几乎不可能达到 100%，"
                "请按历史水平设定（如 ≥90%）。",
                f"Satisfaction target {t.raw!r} of {ind.name!r} is 100%, which a survey "
                "almost never reaches: set it from history (e.g. ≥90%).",
                indicator=ind,
                raw=indicator_row(ind),
            )


@table_rule(
    "R403", Severity.WARNING, D, "年度指标值超过实施周期指标值", "annual above period value"
)
def annual_above_period(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    for ind in table.indicators:
        year, whole = ind.annual_target, ind.period_target
        if (
            year.kind is TargetKind.QUANTITATIVE
            and whole.kind is TargetKind.QUANTITATIVE
            and year.value is not None
            and whole.value is not None
            and year.value > whole.value
            and not is_percent(year)
            and compact(year.unit) == compact(whole.unit)
            and is_lower_bound(year)
            and is_lower_bound(whole)
        ):
            yield Hit(
                f"指标{label(ind)}的当年度指标值「{year.raw}」大于整个实施周期的指标值"
                f"「{whole.raw}」：一年的量不能超过全周期，请核对。",
                f"The annual target {year.raw!r} of {ind.name!r} exceeds the whole-period "
                f"target {whole.raw!r}: check both.",
                indicator=ind,
                raw=indicator_row(ind),
            )
