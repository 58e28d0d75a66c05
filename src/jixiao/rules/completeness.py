"""完整性 (R1xx): the form is filled in — header, categories, targets, units, consistency."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from jixiao.core.model import GoalTable, Indicator, TableKind
from jixiao.core.problems import Severity
from jixiao.core.text import is_blank
from jixiao.core.vocabulary import Level1, Level2, level1_of_label
from jixiao.rules.base import Context, Dimension, Hit, table_rule
from jixiao.rules.util import category, indicator_row, is_quantitative, label, subcategory
from jixiao.rules.words import compact, is_placeholder_goal, is_placeholder_name

D = Dimension.COMPLETENESS
GOAL_ONLY = (TableKind.GOAL,)

LEVEL1_ZH = {
    Level1.OUTPUT: "产出指标",
    Level1.COST: "成本指标",
    Level1.BENEFIT: "效益指标",
    Level1.SATISFACTION: "满意度指标",
    Level1.OTHER: "其他指标",
}
LEVEL2_ZH = {
    Level2.QUANTITY: "数量指标",
    Level2.QUALITY: "质量指标",
    Level2.TIMELINESS: "时效指标",
    Level2.COST: "成本指标",
    Level2.ECONOMIC_COST: "经济成本指标",
    Level2.SOCIAL_COST: "社会成本指标",
    Level2.ECOLOGICAL_COST: "生态环境成本指标",
    Level2.ECONOMIC_BENEFIT: "经济效益指标",
    Level2.SOCIAL_BENEFIT: "社会效益指标",
    Level2.ECOLOGICAL_BENEFIT: "生态效益指标",
    Level2.SUSTAINABILITY: "可持续影响指标",
    Level2.SATISFACTION: "服务对象满意度指标",
    Level2.OTHER: "其他指标",
}


def _missing(field: str, zh: str, en: str) -> Hit:
    return Hit(f"未填写{zh}：请补充{zh}。", f"{en} is missing: fill it in.", field=field)


@table_rule("R100", Severity.INFO, D, "表格不完整", "table is cut off")
def incomplete_table(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    if not table.complete:
        yield Hit(
            "表格不完整（原文被截断），类别、数量和占比等完整性检查已跳过：请提供完整表格后复核。",
            "The table is cut off; category, count and share checks were skipped: "
            "check the complete table again.",
        )


@table_rule("R101", Severity.ERROR, D, "项目名称缺失", "project name missing")
def project_name(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    if is_blank(table.header.name):
        yield _missing("name", "项目名称", "The project name (项目名称)")


@table_rule("R102", Severity.ERROR, D, "主管部门或实施单位缺失", "department or unit missing")
def department_and_unit(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    if is_blank(table.header.department):
        yield _missing("department", "主管部门", "The supervising department (主管部门)")
    if is_blank(table.header.unit):
        yield _missing("unit", "用款（实施）单位", "The spending unit (用款/实施单位)")


@table_rule(
    "R103", Severity.WARNING, D, "实施周期缺失", "implementation period missing", kinds=GOAL_ONLY
)
def period(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    p = table.header.period
    if p.start is None or p.end is None:
        yield Hit(
            "实施周期的起始年度或到期年度未填写：请填写实施周期。",
            "The implementation period (实施周期) lacks a start or end year: fill it in.",
            field="period",
        )
    elif p.end < p.start:
        yield Hit(
            f"实施周期到期年度 {p.end} 早于起始年度 {p.start}：请更正。",
            f"The period ends ({p.end}) before it starts ({p.start}): correct it.",
            field="period",
        )


@table_rule("R104", Severity.ERROR, D, "预算金额缺失", "budget amount missing")
def budget_amount(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    if table.header.budget.amount is None:
        yield _missing("budget", "年度预算金额", "The annual budget amount (年度预算金额)")


@table_rule("R105", Severity.ERROR, D, "年度绩效目标缺失", "annual goal missing")
def annual_goal(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    goal = table.header.annual_goal
    if is_placeholder_goal(goal):
        shown = f"（填写为「{goal.strip()}」）" if goal and goal.strip() else ""
        yield Hit(
            f"年度绩效目标为空{shown}：请写明本年度要完成的产出和效果。",
            "The annual goal (年度目标) is empty or a placeholder: state what the year "
            "should deliver and achieve.",
            field="annual_goal",
            raw=goal,
        )


def _core_name(name: str) -> str:
    key = compact(name)
    for tail in ("项目", "资金", "经费", "专项"):
        key = key.removesuffix(tail)
    return key.lstrip("0123456789-_（）()")


@table_rule("R106", Severity.WARNING, D, "年度目标照抄项目名称或过于简略", "annual goal too thin")
def annual_goal_thin(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    goal, name = table.header.annual_goal, table.header.name
    if is_placeholder_goal(goal) or goal is None:
        return
    key = compact(goal).rstrip("。.")
    if name and _core_name(key) and _core_name(key) in {_core_name(name), compact(name)}:
        yield Hit(
            "年度绩效目标只是重复了项目名称：请写明本年度的具体产出、效果和服务对象。",
            "The annual goal repeats the project name: describe the year's outputs, "
            "effects and beneficiaries.",
            field="annual_goal",
            raw=goal,
        )
    elif len(key) < ctx.config.thresholds.min_goal_chars:
        yield Hit(
            f"年度绩效目标只有 {len(key)} 个字，过于简略：请具体说明产出、效果和服务对象。",
            f"The annual goal has only {len(key)} characters: make it specific.",
            field="annual_goal",
            raw=goal,
        )


@table_rule("R107", Severity.INFO, D, "项目类型或项目等级缺失", "project type or level missing")
def type_and_level(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    if is_blank(table.header.type):
        yield _missing("type", "项目类型", "The project type (项目类型)")
    if is_blank(table.header.level):
        yield _missing("level", "项目等级", "The project level (项目等级)")


@table_rule("R109", Severity.ERROR, D, "没有绩效指标", "no indicators", needs_complete=True)
def no_indicators(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    if not table.indicators:
        yield Hit(
            "表中没有任何三级绩效指标：请按指标体系填写产出、效益、满意度等指标。",
            "The table has no indicators (三级指标): add output, benefit and "
            "satisfaction indicators.",
        )


def _present(table: GoalTable) -> set[Level1]:
    return {category(ind) for ind in table.indicators}


@table_rule(
    "R110", Severity.ERROR, D, "缺少必备一级指标", "required 一级 missing", needs_complete=True
)
def required_level1(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    if not table.indicators:
        return
    present = _present(table)
    for needed in ctx.config.required_level1:
        if needed not in present:
            zh = LEVEL1_ZH[needed]
            yield Hit(
                f"缺少{zh}：请至少设置一个{zh}下的三级指标。",
                f"No {needed.value} indicator ({zh}): add at least one.",
            )


@table_rule(
    "R111", Severity.WARNING, D, "缺少必备二级指标", "required 二级 missing", needs_complete=True
)
def required_level2(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    present = _present(table)
    for top, subs in ctx.config.required_level2:
        if top not in present:
            continue  # R110 reports the whole 一级
        have = {subcategory(ind) for ind in table.indicators if category(ind) is top}
        for sub in subs:
            if sub not in have:
                zh, parent = LEVEL2_ZH[sub], LEVEL1_ZH[top]
                yield Hit(
                    f"{parent}下缺少{zh}：请补充相应的三级指标。",
                    f"{parent} has no {sub.value} indicator ({zh}): add one.",
                )


@table_rule(
    "R112", Severity.WARNING, D, "成本指标位置与指标体系不符", "cost placed for the other framework"
)
def cost_position(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    position = ctx.config.cost_position
    costs = [ind for ind in table.indicators if category(ind) is Level1.COST]
    if position == "level1":
        wrong = [
            ind
            for ind in costs
            if level1_of_label(ind.level1) is not Level1.COST
            or subcategory(ind)
            not in (Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST)
        ]
        if wrong:
            names = "、".join(label(i) for i in wrong)
            yield Hit(
                f"{ctx.config.framework}将成本指标列为一级指标，下设经济成本、社会成本、生态环境成本；"
                f"{names}未按此归类：请调整。",
                f"Under {ctx.config.name} 成本 is a 一级 category with 经济/社会/生态环境成本 "
                f"二级; move {len(wrong)} cost indicator(s) there.",
                indicator=wrong[0],
            )
    elif position == "level2":
        wrong = [ind for ind in costs if level1_of_label(ind.level1) is Level1.COST]
        if wrong:
            names = "、".join(label(i) for i in wrong)
            yield Hit(
                f"{ctx.config.framework}指标体系中成本指标是产出指标下的二级指标，{names}"
                "却列为一级指标：请放到产出指标下；若本表按财预〔2021〕101号将成本列为一级指标，"
                "请改用 central-2021 规则集。",
                f"Under {ctx.config.name} 成本 is a 二级 under 产出; {len(wrong)} cost "
                "indicator(s) are printed as a 一级: move them (or use central-2021).",
                indicator=wrong[0],
            )


@table_rule(
    "R113", Severity.WARNING, D, "三级指标名称为空或为占位", "empty or placeholder indicator"
)
def placeholder_indicator(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    for ind in table.indicators:
        if is_blank(ind.name) or is_placeholder_name(ind.name):
            yield Hit(
                f"三级指标名称为空或为模板占位「{ind.name}」：请填写具体指标名称或删去该行。",
                f"Indicator name is empty or a template placeholder ({ind.name!r}): "
                "name it or delete the row.",
                indicator=ind,
            )


@table_rule("R114", Severity.ERROR, D, "指标没有指标值", "indicator without a target")
def missing_target(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    for ind in table.indicators:
        if ind.annual_target.is_empty and not is_placeholder_name(ind.name):
            yield Hit(
                f"指标{label(ind)}没有填写年度指标值：请填写可考核的指标值。",
                f"Indicator {ind.name!r} has no annual target value: set a measurable value.",
                indicator=ind,
            )


# 「工程质量达标率(%)」「开展小型水利工程建设(个)」: the unit is printed with the name.
_UNIT_IN_NAME = re.compile(r"[(（][^()（）0-9]{1,4}[)）]\s*$")


@table_rule("R115", Severity.WARNING, D, "定量指标缺少计量单位", "quantitative target without unit")
def missing_unit(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    for ind in table.indicators:
        for column, target in (("当年度", ind.annual_target), ("实施周期", ind.period_target)):
            if (
                is_quantitative(target)
                and not (target.unit or "").strip()
                and not _UNIT_IN_NAME.search(ind.name)
            ):
                yield Hit(
                    f"指标{label(ind)}的{column}指标值「{target.raw}」没有计量单位：请注明单位"
                    "（如 %、人、万元）。",
                    f"The {'annual' if column == '当年度' else 'period'} target {target.raw!r} "
                    f"of {ind.name!r} has no unit: add one (%, 人, 万元 …).",
                    indicator=ind,
                )


@table_rule(
    "R116",
    Severity.WARNING,
    D,
    "跨年项目缺少实施周期目标",
    "multi-year project without period values",
    kinds=GOAL_ONLY,
)
def multi_year(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    years = table.header.period.years
    if years is None or years <= 1:
        return
    if is_placeholder_goal(table.header.period_goal):
        yield Hit(
            f"项目实施周期为 {years} 年，但实施周期总目标为空：请填写整个周期的总体目标。",
            f"The project runs {years} years but the period goal (实施周期总目标) is empty.",
            field="period_goal",
        )
    if table.indicators and all(ind.period_target.is_empty for ind in table.indicators):
        yield Hit(
            f"项目实施周期为 {years} 年，但实施周期指标值一栏全部为空：请填写周期指标值。",
            f"The project runs {years} years but no indicator has a period value "
            "(实施周期指标值): fill them in.",
        )


@table_rule(
    "R117",
    Severity.INFO,
    D,
    "一级指标下三级指标过少",
    "too few indicators in a category",
    needs_complete=True,
)
def few_indicators(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    minimum = ctx.config.thresholds.min_indicators_per_level1
    counts: dict[Level1, int] = defaultdict(int)
    for ind in table.indicators:
        counts[category(ind)] += 1
    for top in ctx.config.required_level1:
        if 0 < counts[top] < minimum:
            zh = LEVEL1_ZH[top]
            yield Hit(
                f"{zh}下只有 {counts[top]} 个三级指标，少于 {minimum} 个：请细化。",
                f"{zh} has {counts[top]} indicator(s), fewer than {minimum}: refine it.",
            )


@table_rule("R120", Severity.WARNING, D, "指标重复", "duplicated indicator")
def duplicated(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    seen: dict[str, Indicator] = {}
    for ind in table.indicators:
        key = compact(ind.name)
        if not key or is_placeholder_name(key):
            continue
        if key in seen:
            yield Hit(
                f"指标{label(ind)}在表中重复出现：请合并或删除重复行。",
                f"Indicator {ind.name!r} appears more than once: merge or delete the duplicate.",
                indicator=ind,
                raw=indicator_row(ind),
            )
        else:
            seen[key] = ind


@table_rule("R121", Severity.WARNING, D, "同一指标单位不一致", "same indicator, different units")
def unit_mismatch(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    units: dict[str, set[str]] = defaultdict(set)
    first: dict[str, Indicator] = {}
    for ind in table.indicators:
        key = compact(ind.name)
        first.setdefault(key, ind)
        for target in (ind.annual_target, ind.period_target):
            if is_quantitative(target) and target.unit:
                units[key].add(compact(target.unit))
    for key, found in units.items():
        if len(found) > 1:
            ind = first[key]
            shown = "、".join(sorted(found))
            yield Hit(
                f"指标{label(ind)}使用了不同的计量单位（{shown}）：请统一单位。",
                f"Indicator {ind.name!r} uses different units ({shown}): use one.",
                indicator=ind,
            )


@table_rule(
    "R122",
    Severity.WARNING,
    D,
    "表格年度与实施周期不符",
    "table year outside the period",
    kinds=GOAL_ONLY,
)
def year_in_period(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    h = table.header
    start, end = h.period.start, h.period.end
    if h.year is None or start is None or end is None or start <= h.year <= end:
        return
    yield Hit(
        f"表格为 {h.year} 年度，但实施周期是 {start}–{end} 年：请核对年度或实施周期。",
        f"The table is for {h.year} but the period is {start}-{end}: check year or period.",
        field="year",
        raw=f"{h.year} / {start}-{end}",
    )
