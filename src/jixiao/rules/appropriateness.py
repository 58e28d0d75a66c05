"""适当性 (R3xx): targets neither vague nor trivially met, and in line with the money."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from decimal import Decimal

from jixiao.core.model import GoalTable
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.problems import Severity
from jixiao.core.target import Op, TargetKind
from jixiao.core.text import canonical
from jixiao.core.vocabulary import Level1
from jixiao.rules.base import Context, Dimension, Hit, TableRef, department_rule, table_rule
from jixiao.rules.util import (
    amount_in_text,
    category,
    fmt_dec,
    indicator_row,
    is_percent,
    is_quantitative,
    is_upper_bound,
    label,
    money_of,
)
from jixiao.rules.words import (
    compact,
    is_placeholder_name,
    is_rate_name,
    is_satisfaction_name,
    is_vague,
)

D = Dimension.APPROPRIATENESS


@table_rule(
    "R301",
    Severity.WARNING,
    D,
    "定量指标占比过低",
    "too few quantitative indicators",
    needs_complete=True,
)
def quantitative_share(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    rows = [i for i in table.indicators if not is_placeholder_name(i.name)]
    if not rows:
        return
    numeric = sum(1 for i in rows if is_quantitative(i.annual_target))
    share = Decimal(numeric) / Decimal(len(rows))
    minimum = ctx.config.thresholds.min_quantitative_share
    if share < minimum:
        pct, need = fmt_dec(round(share * 100, 1)), fmt_dec(minimum * 100)
        yield Hit(
            f"{len(rows)} 个三级指标中只有 {numeric} 个定量指标（{pct}%，低于 {need}%）："
            "请尽量用可计量的数值设定指标值。",
            f"Only {numeric} of {len(rows)} indicators have a numeric target ({pct}% < "
            f"{need}%): quantify targets where possible.",
        )


@table_rule("R302", Severity.WARNING, D, "定性指标值无法考核", "unverifiable qualitative target")
def vague_target(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    for ind in table.indicators:
        target = ind.annual_target
        if target.kind is TargetKind.QUALITATIVE and is_vague(target.raw, ctx.config.vague_words):
            yield Hit(
                f"指标{label(ind)}的指标值「{target.raw}」无法考核：请改为可量化的值，或写明"
                "分级分档的定性标准（如「达到…标准」「无…事件」）。",
                f"The target {target.raw!r} of {ind.name!r} cannot be verified: quantify it "
                "or state graded qualitative criteria.",
                indicator=ind,
                raw=indicator_row(ind),
            )


@table_rule("R303", Severity.WARNING, D, "指标值不可能不达标", "threshold that cannot fail")
def trivial_threshold(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    for ind in table.indicators:
        t = ind.annual_target
        if t.kind is not TargetKind.QUANTITATIVE or t.value is None:
            continue
        rate = is_percent(t) or (not t.unit and is_rate_name(ind.name))
        trivial = (
            (t.op is Op.GE and t.value <= 0)
            or (t.op is Op.GT and t.value < 0)
            or (t.op is Op.GT and t.value == 0 and rate)
            or (t.op is Op.LE and is_percent(t) and t.value >= 100)
        )
        if trivial:
            yield Hit(
                f"指标{label(ind)}的指标值「{t.raw}」几乎不可能不达标：请按计划、历史或行业"
                "标准设定有实际意义的目标值。",
                f"The target {t.raw!r} of {ind.name!r} can hardly fail: set a meaningful "
                "value from plan, history or sector standards.",
                indicator=ind,
                raw=indicator_row(ind),
            )


@table_rule("R304", Severity.WARNING, D, "满意度目标过低", "satisfaction target too low")
def satisfaction_low(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    minimum = ctx.config.thresholds.satisfaction_min_percent
    for ind in table.indicators:
        t = ind.annual_target
        if not (is_satisfaction_name(ind.name) and is_percent(t)):
            continue
        value = t.value if t.kind is TargetKind.QUANTITATIVE else t.high
        if value is not None and value < minimum and t.op not in (Op.LE, Op.LT):
            yield Hit(
                f"满意度指标{label(ind)}的目标「{t.raw}」低于 {fmt_dec(minimum)}%：请提高目标值。",
                f"Satisfaction target {t.raw!r} of {ind.name!r} is below {fmt_dec(minimum)}%: "
                "raise it.",
                indicator=ind,
                raw=indicator_row(ind),
            )


@table_rule(
    "R310", Severity.ERROR, D, "成本指标超过项目预算", "cost target above the project budget"
)
def cost_above_budget(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    budget = table.header.budget.amount
    if budget is None or budget.value <= 0:
        return  # a zero budget row is usually an unfilled one (wild 002)
    for ind in table.indicators:
        amount = money_of(ind.annual_target)
        if amount is None:
            continue
        costlike = category(ind) is Level1.COST or is_upper_bound(ind.annual_target)
        if costlike and amount.in_wan() > budget.in_wan():
            yield Hit(
                f"指标{label(ind)}的金额 {amount} 超过项目年度预算 {budget}：请核对金额或单位"
                "（元/万元）。",
                f"The amount {amount} of {ind.name!r} exceeds the annual budget {budget}: "
                "check the figure and its unit (元/万元).",
                indicator=ind,
                raw=indicator_row(ind),
            )


def _department_key(ref: TableRef) -> str:
    return canonical(ref.table.header.department)


def _fmt_wan(value: Decimal) -> str:
    return str(Amount(value, MoneyUnit.WAN))


@department_rule("R351", Severity.INFO, D, "部门项目预算合计", "department budget total")
def department_total(refs: Sequence[TableRef], ctx: Context) -> Iterator[Hit]:
    for dept, group in _by_department(refs).items():
        if len(group) < 2:
            continue
        amounts = [r.table.header.budget.amount for r in group]
        total = sum((a.in_wan() for a in amounts if a is not None), Decimal(0))
        missing = sum(1 for a in amounts if a is None)
        gap_zh = f"，其中 {missing} 个项目未填预算" if missing else ""
        gap_en = f"; {missing} without a budget" if missing else ""
        yield Hit(
            f"{dept}共 {len(group)} 个项目，年度预算合计 {_fmt_wan(total)}{gap_zh}。",
            f"{dept}: {len(group)} projects, annual budgets total {_fmt_wan(total)}{gap_en}.",
            ref=group[0],
        )


_TOTAL_LABEL = re.compile(r"(部门|单位).*(预算|资金).*(合计|总额|总计)|^(预算|资金)?(合计|总计)$")


@department_rule(
    "R352", Severity.WARNING, D, "部门预算合计与项目合计不符", "printed department total disagrees"
)
def department_total_mismatch(refs: Sequence[TableRef], ctx: Context) -> Iterator[Hit]:
    for dept, group in _by_department(refs).items():
        total = sum(
            (r.table.header.budget.amount.in_wan() for r in group if r.table.header.budget.amount),
            Decimal(0),
        )
        for ref in group:
            for key, value in ref.table.header.extra:
                printed = amount_in_text(value) if _TOTAL_LABEL.search(compact(key)) else None
                if printed is not None and printed.in_wan() != total:
                    yield Hit(
                        f"{dept}表中印明的预算合计 {printed} 与各项目预算之和 {_fmt_wan(total)} "
                        "不符：请核对。",
                        f"The printed total {printed} differs from the sum of project budgets "
                        f"{_fmt_wan(total)}: check them.",
                        ref=ref,
                        raw=f"{key}: {value}",
                    )


def _by_department(refs: Sequence[TableRef]) -> dict[str, list[TableRef]]:
    """Tables by 主管部门; tables without one are left out (they may be anyone's)."""
    groups: dict[str, list[TableRef]] = defaultdict(list)
    for ref in refs:
        key = _department_key(ref)
        if key:
            groups[key].append(ref)
    return groups
