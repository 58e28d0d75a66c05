"""相关性 (R2xx): indicators sit in the right category and measure this project's goal."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence

from jixiao.core.model import GoalTable
from jixiao.core.problems import Severity
from jixiao.core.target import TargetKind
from jixiao.core.vocabulary import Level1, Level2
from jixiao.rules.base import Context, Dimension, Hit, TableRef, department_rule, table_rule
from jixiao.rules.util import category, indicator_row, label, money_unit, subcategory
from jixiao.rules.words import (
    COUNT_UNITS,
    LONG_TERM,
    LONG_TERM_GOAL,
    compact,
    is_budget_execution,
    is_money_input_name,
    is_outcome_name,
    is_placeholder_goal,
    is_sample_name,
    is_satisfaction_name,
    is_staff_input_name,
)

D = Dimension.RELEVANCE
_OUTPUT_SUBS = (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS)


# What a misplaced satisfaction row pretends to measure, by the category it sits under.
_CATEGORY_WORDS = {
    Level1.OUTPUT: ("产出", "an output"),
    Level1.COST: ("成本", "a cost"),
    Level1.BENEFIT: ("效益", "a benefit"),
}


@table_rule("R201", Severity.WARNING, D, "满意度指标放错类别", "satisfaction outside 满意度")
def satisfaction_misplaced(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    for ind in table.indicators:
        if is_satisfaction_name(ind.name) and category(ind) is not Level1.SATISFACTION:
            where = ind.level1 or ind.level2 or "其他类别"
            zh, en = _CATEGORY_WORDS.get(category(ind), ("其他类别", "another category"))
            yield Hit(
                f"满意度指标{label(ind)}放在「{where}」下：满意度不能代替{zh}，请移到满意度指标。",
                f"Satisfaction indicator {ind.name!r} sits under {where!r}: satisfaction does "
                f"not replace {en}; move it to 满意度指标.",
                indicator=ind,
                raw=indicator_row(ind),
            )


@table_rule("R202", Severity.WARNING, D, "效益指标放在产出指标下", "outcome counted as an output")
def outcome_as_output(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    for ind in table.indicators:
        if (
            category(ind) is Level1.OUTPUT
            and subcategory(ind) in _OUTPUT_SUBS
            and is_outcome_name(ind.name)
            and not is_satisfaction_name(ind.name)
        ):
            yield Hit(
                f"指标{label(ind)}描述的是项目效果，却放在产出指标下：请移到效益指标，产出指标只写"
                "直接产出的数量、质量和时效。",
                f"{ind.name!r} describes an effect but sits under 产出: move it to 效益指标.",
                indicator=ind,
                raw=indicator_row(ind),
            )


@table_rule("R203", Severity.WARNING, D, "把投入当作产出", "input counted as an output")
def input_as_output(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    for ind in table.indicators:
        if category(ind) is not Level1.OUTPUT:
            continue
        # A money word in the name only says "input" for a count (数量): 时效 indicators such
        # as 资金下达时间 or 「11月30日前完成资金支付」 name money but measure timing.
        money = money_unit(ind.annual_target) is not None or (
            subcategory(ind) is Level2.QUANTITY and is_money_input_name(ind.name)
        )
        staff = is_staff_input_name(ind.name)
        if money or staff:
            what, what_en = ("资金", "money") if money else ("人员", "staff")
            yield Hit(
                f"指标{label(ind)}是{what}投入而非产出：投入不能作为绩效目标，请改为用这些投入"
                "完成的服务或工作量。",
                f"{ind.name!r} measures an input ({what_en}), not an output: state what the "
                "input delivers instead.",
                indicator=ind,
                raw=indicator_row(ind),
            )


def _later_year(text: str, year: int | None) -> bool:
    if year is None:
        return False
    return any(int(y) > year for y in re.findall(r"(20\d\d)年", text))


@table_rule(
    "R204", Severity.WARNING, D, "年度指标值写成长期目标", "long-term goal in the annual column"
)
def long_term_in_annual(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    year = table.header.year or table.header.period.start
    for ind in table.indicators:
        text = ind.annual_target.raw
        if ind.annual_target.kind is TargetKind.QUALITATIVE and (
            LONG_TERM.search(compact(text)) or _later_year(text, year)
        ):
            yield Hit(
                f"指标{label(ind)}的当年度指标值「{text}」是长期目标：年度指标值应写本年度可完成"
                "的值，长期目标写在实施周期指标值中。",
                f"The annual target {text!r} of {ind.name!r} is a long-term goal: put a value "
                "reachable this year; long-term values belong in the period column.",
                indicator=ind,
                raw=indicator_row(ind),
            )
    goal = table.header.annual_goal or ""
    if LONG_TERM_GOAL.search(compact(goal)) or _later_year(goal, year):
        yield Hit(
            "年度绩效目标中写有长期目标的表述：年度目标只写本年度要完成的内容。",
            "The annual goal contains long-term wording: keep it to what this year delivers.",
            field="annual_goal",
            raw=goal,
        )


@table_rule(
    "R205", Severity.WARNING, D, "预算执行率作为绩效指标", "budget execution used as an indicator"
)
def budget_execution(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    for ind in table.indicators:
        if is_budget_execution(ind.name):
            yield Hit(
                f"指标{label(ind)}是预算执行类指标：预算执行率在自评中单独计分（10分），"
                "一般不作为绩效指标；建议删除，或换成反映成本控制的指标。",
                f"{ind.name!r} measures budget execution, which self-evaluation scores "
                "separately: drop it or use a cost-control indicator.",
                indicator=ind,
                raw=indicator_row(ind),
            )


@table_rule(
    "R206", Severity.WARNING, D, "满意度指标实为调查样本量", "satisfaction row is a sample size"
)
def satisfaction_sample(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    for ind in table.indicators:
        if category(ind) is not Level1.SATISFACTION or is_satisfaction_name(ind.name):
            continue
        target = ind.annual_target
        counted = target.kind is TargetKind.QUANTITATIVE and compact(target.unit) in COUNT_UNITS
        if is_sample_name(ind.name) or counted:
            yield Hit(
                f"满意度指标{label(ind)}（{target.raw}）是调查人数，不是满意度：可作为调查说明，"
                "但请用满意度（如 ≥90%）考核。",
                f"{ind.name!r} ({target.raw}) counts the survey, it does not measure "
                "satisfaction: keep it as a note, score a satisfaction rate instead.",
                indicator=ind,
                raw=indicator_row(ind),
            )


def _others(group: Sequence[TableRef], ref: TableRef, shown: int = 3) -> str:
    """「甲」、「乙」、「丙」等 12 个项目: at most ``shown`` names, so big departments stay fast."""
    names = []
    for other in group:
        if other is not ref:
            names.append(f"「{other.name}」")
            if len(names) == shown:
                break
    more = len(group) - 1
    return "、".join(names) + (f"等 {more} 个项目" if more > shown else "")


def _distinct_projects(refs: Sequence[TableRef]) -> bool:
    return len({compact(r.name) for r in refs}) > 1


@department_rule(
    "R251", Severity.WARNING, D, "不同项目年度目标雷同", "identical annual goals across projects"
)
def copied_goals(refs: Sequence[TableRef], ctx: Context) -> Iterator[Hit]:
    groups: dict[str, list[TableRef]] = defaultdict(list)
    for ref in refs:
        goal = ref.table.header.annual_goal
        if not is_placeholder_goal(goal) and len(compact(goal)) >= 8:
            groups[compact(goal)].append(ref)
    for group in groups.values():
        if len(group) > 1 and _distinct_projects(group):
            for ref in group:
                others = _others(group, ref)
                yield Hit(
                    f"年度绩效目标与{others}完全相同：请按本项目的内容分别填写。",
                    f"The annual goal is identical to that of {len(group) - 1} other "
                    "project(s): write a goal specific to this project.",
                    field="annual_goal",
                    ref=ref,
                    raw=ref.table.header.annual_goal,
                )


@department_rule(
    "R252", Severity.WARNING, D, "不同项目指标完全相同", "identical indicator sets across projects"
)
def copied_indicators(refs: Sequence[TableRef], ctx: Context) -> Iterator[Hit]:
    groups: dict[tuple[tuple[str, str], ...], list[TableRef]] = defaultdict(list)
    for ref in refs:
        rows = tuple(
            sorted((compact(i.name), compact(i.annual_target.raw)) for i in ref.table.indicators)
        )
        if len(rows) >= 3:
            groups[rows].append(ref)
    for group in groups.values():
        if len(group) > 1 and _distinct_projects(group):
            for ref in group:
                others = _others(group, ref)
                yield Hit(
                    f"全部绩效指标及指标值与{others}逐字相同：请按本项目的产出和效果设置指标。",
                    f"All indicators and targets equal those of {len(group) - 1} other "
                    "project(s): set indicators for this project's own outputs and effects.",
                    ref=ref,
                )
