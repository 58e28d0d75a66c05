"""In-year monitoring (绩效运行监控) at a cut-off month m: warning lights (V4, V5, V6, V13).

* budget: v = (执行数 / 预算数) / (m / 12) × 100 → red below 60, yellow below 80, else green;
* 正向 indicators: r = A / (T × m / 12) × 100 → red < 60, yellow < 80, green < 120, blue ≥ 120
  (over-achievement: the target may be set too low);
* 反向 indicators (≤ <): green within the limit, else red;
* 质量 / 时效 / 成本 indicators, rates (% targets, unless the scheme says
  ``prorate_percent = true``) and ranges are not prorated: green when met, else red;
* qualitative indicators: 达成 green, 部分达成 yellow, 未达成 red.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.core.model import GoalTable, Indicator
from jixiao.core.money import Amount
from jixiao.core.problems import Problem, make
from jixiao.core.target import Op, Target, TargetKind
from jixiao.core.text import compact
from jixiao.core.units import is_percent
from jixiao.core.vocabulary import Level1
from jixiao.scoring import codes
from jixiao.scoring.budget import budget_basis, execution_rate, suspect_rate
from jixiao.scoring.codes import Finding
from jixiao.scoring.explain import Explanation, fmt, round2
from jixiao.scoring.inputs import IndicatorInput, TableInputs
from jixiao.scoring.qualitative import read_level
from jixiao.scoring.quantitative import actual_in_target_unit, clamp_actual, met
from jixiao.scoring.schemes import Level, MonitoringThresholds, Scheme
from jixiao.scoring.selfeval import locate

HUNDRED = Decimal(100)
LIKELIHOODS = ("确定能", "有可能", "完全不可能")  # 完成目标可能性 (V13)
REASON_CATEGORIES = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")  # 偏差原因 (V13)


class Light(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    BLUE = "blue"


_LEVEL_LIGHT = {Level.ACHIEVED: Light.GREEN, Level.PARTIAL: Light.YELLOW, Level.FAILED: Light.RED}


@dataclass(frozen=True, slots=True)
class IndicatorLight:
    index: int
    indicator: Indicator
    actual: Target | None
    light: Light | None
    ratio: Decimal | None  # r in percent, when prorated
    explanation: Explanation | None
    forecast: Target | None = None
    likelihood: str | None = None
    reason_category: str | None = None
    reason: str | None = None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class BudgetLight:
    budget: Amount | None
    executed: Amount | None
    rate: Decimal | None  # fraction executed so far
    progress: Decimal | None  # v = rate / (m/12) × 100
    light: Light | None
    forecast: Amount | None = None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class MonitorResult:
    table: GoalTable
    table_index: int | None
    month: int
    scheme: str
    indicators: tuple[IndicatorLight, ...]
    budget: BudgetLight
    problems: tuple[Problem, ...]


def _band(value: Decimal, t: MonitoringThresholds) -> Light:
    if value < t.red_below:
        return Light.RED
    if value < t.yellow_below:
        return Light.YELLOW
    if value < t.blue_from:
        return Light.GREEN
    return Light.BLUE


def budget_light(rate: Decimal, month: int, t: MonitoringThresholds) -> tuple[Decimal, Light]:
    progress = round2(rate / (Decimal(month) / 12) * HUNDRED)
    if progress < t.budget_red_below:
        return progress, Light.RED
    if progress < t.budget_yellow_below:
        return progress, Light.YELLOW
    return progress, Light.GREEN


# A stock read at a point in time (职工人数 51人, 年末参保人数, 设备保有量), not a flow that
# grows through the year: its July value is compared with the target whole, not 7/12 of it.
_POINT_IN_TIME = re.compile(
    r"(职工|在职|在编|员工|编制|现有|年末|期末|年均|平均|常住|在册|在岗|在校)\S*(人数|数量|总数|规模)"
    r"|(保有量|存量|余额|总数|在校生数|在册人数)$"
)


def is_point_in_time(ind: Indicator) -> bool:
    """Set per indicator by a 计量方式 of 时点 or 累计 (an editable column, kept in
    ``extra``); else inferred from the wording of the name (docs/scoring.md lists the words)."""
    stated = measured_as(ind)
    if stated is not None:
        return stated == POINT_IN_TIME
    return bool(_POINT_IN_TIME.search(compact(ind.name)))


MEASURE_KEY = "计量方式"
POINT_IN_TIME, CUMULATIVE = "时点", "累计"
_MEASURE_WORDS = {
    "时点": POINT_IN_TIME,
    "时点数": POINT_IN_TIME,
    "期末数": POINT_IN_TIME,
    "存量": POINT_IN_TIME,
    "累计": CUMULATIVE,
    "累计数": CUMULATIVE,
    "累计值": CUMULATIVE,
    "增量": CUMULATIVE,
}


def measured_as(ind: Indicator) -> str | None:
    """时点 or 累计 when the indicator states it (``extra`` 计量方式), else None."""
    for key, value in ind.extra:
        if compact(key) in (MEASURE_KEY, "统计方式", "时点或累计", "累计或时点"):
            return _MEASURE_WORDS.get(compact(value))
    return None


def _prorated(ind: Indicator, unit: str, scheme: Scheme) -> bool:
    if ind.category is Level1.COST or is_point_in_time(ind):
        return False
    if is_percent(unit) and not scheme.monitoring.prorate_percent:
        return False
    return ind.subcategory not in scheme.monitoring.not_prorated


def indicator_light(
    ind: Indicator, given: IndicatorInput, month: int, scheme: Scheme
) -> tuple[Light | None, Decimal | None, Explanation | None, tuple[Finding, ...]]:
    target, actual = ind.annual_target, given.actual
    if target.kind is TargetKind.NONE:
        return None, None, None, (Finding(codes.NO_TARGET, f"{ind.name!r} has no 年度指标值"),)
    level_text = given.level or (
        (actual.text or actual.raw) if actual and actual.kind is TargetKind.QUALITATIVE else None
    )
    numeric = actual is not None and actual.kind is TargetKind.QUANTITATIVE
    if target.kind is TargetKind.QUALITATIVE or (level_text and not numeric):
        level = read_level(level_text, target.text or target.raw) if level_text else None
        if level is None:
            kind = codes.UNKNOWN_LEVEL if level_text else codes.NO_ACTUAL
            message = f"{ind.name!r}: give the level reached so far (达成 / 部分达成 / 未达成)"
            return None, None, None, (Finding(kind, message),)
        light = _LEVEL_LIGHT[level]
        ex = Explanation("定性", "level → light", (("level", level.value),), light.value)
        return light, None, ex, ()
    if actual is None or actual.value is None:
        message = f"{ind.name!r}: no 当期完成值 (actual so far) given"
        return None, None, None, (Finding(codes.NO_ACTUAL, message),)
    value, unit, findings = actual_in_target_unit(target, actual)
    if value is None:
        return None, None, None, findings
    a = clamp_actual(target, value)
    light, ratio, ex = _quantitative_light(ind, target, a, unit, month, scheme)
    return light, ratio, ex, findings


def _quantitative_light(
    ind: Indicator, target: Target, a: Decimal, unit: str, month: int, scheme: Scheme
) -> tuple[Light, Decimal | None, Explanation]:
    inputs: tuple[tuple[str, str], ...] = (("A", f"{fmt(a)}{unit}"), ("T", target.raw))
    if target.kind is TargetKind.RANGE:
        low, high = target.low or Decimal(0), target.high or Decimal(0)
        light = Light.GREEN if low <= a <= high else Light.RED
        return light, None, Explanation("区间", "inside → green, else red", inputs, light.value)
    t = target.value or Decimal(0)
    op = target.op or (Op.EQ if t == 0 else Op.GE)
    if op in (Op.LE, Op.LT) or t == 0 or not _prorated(ind, unit, scheme):
        light = Light.GREEN if met(op, a, t) else Light.RED
        ex = Explanation(_unprorated_rule(ind, op, t), "met → green, else red", inputs, light.value)
        return light, None, ex
    expected = t * Decimal(month) / 12
    ratio = round2(a / expected * HUNDRED)
    light = _band(ratio, scheme.monitoring)
    working = f"{fmt(a)} / ({fmt(t)} × {month}/12) × 100 = {fmt(ratio)}% → {light.value}"
    ex = Explanation(
        "正向, prorated", "r = A / (T × m/12) × 100", (*inputs, ("m", str(month))), working, ratio
    )
    return light, ratio, ex


def _unprorated_rule(ind: Indicator, op: Op, t: Decimal) -> str:
    """The rule's name, in the words the self-evaluation uses for the same row."""
    if t == 0:
        return f"T = 0 with {op.symbol}"  # as quantitative._zero_target says it
    if op in (Op.LE, Op.LT):
        return "反向"
    return "point in time, not prorated" if is_point_in_time(ind) else "not prorated"


def reason_category(category: str | None, reason: str | None) -> str | None:
    """The 偏差原因 category: given, or the text's prefix (``经费保障：…``)."""
    for text in (category, reason):
        key = compact(text)
        for name in REASON_CATEGORIES:
            if key.startswith(name) or (name == "硬件条件保障" and key.startswith("硬件")):
                return name
    return None


def monitor_table(
    table: GoalTable,
    inputs: TableInputs,
    month: int,
    scheme: Scheme,
    table_index: int | None = None,
) -> MonitorResult:
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1 to 12, not {month}")
    problems: list[Problem] = []
    lights = []
    for index, ind in enumerate(table.indicators):
        given = inputs.indicators.get(index, IndicatorInput())
        light, ratio, ex, findings = indicator_light(ind, given, month, scheme)
        findings = (*findings, *_monitor_checks(ind, given))
        where = locate(table, given.source, ind.source)
        found = tuple(
            make(f.kind, f"{table.name}: {f.message}", where, table=table_index) for f in findings
        )
        problems.extend(found)
        lights.append(
            IndicatorLight(
                index,
                ind,
                given.actual,
                light,
                ratio,
                ex,
                given.forecast,
                given.likelihood,
                reason_category(given.reason_category, given.reason),
                given.reason,
                found,
            )
        )
    budget = _budget(table, inputs, month, scheme, table_index)
    problems.extend(budget.problems)
    return MonitorResult(
        table, table_index, month, scheme.name, tuple(lights), budget, tuple(problems)
    )


def _monitor_checks(ind: Indicator, given: IndicatorInput) -> tuple[Finding, ...]:
    found: list[Finding] = []
    if given.likelihood and compact(given.likelihood) not in LIKELIHOODS:
        message = (
            f"{ind.name!r}: 完成目标可能性 {given.likelihood!r}; use {' / '.join(LIKELIHOODS)}"
        )
        found.append(Finding(codes.BAD_LIKELIHOOD, message))
    if given.reason_category and reason_category(given.reason_category, None) is None:
        message = (
            f"{ind.name!r}: 偏差原因 category {given.reason_category!r}; use "
            f"{' / '.join(REASON_CATEGORIES)}"
        )
        found.append(Finding(codes.BAD_REASON, message))
    return tuple(found)


def _budget(
    table: GoalTable, inputs: TableInputs, month: int, scheme: Scheme, table_index: int | None
) -> BudgetLight:
    given = inputs.budget
    printed = table.header.budget
    budget = budget_basis(given.budget if given else None, printed)
    executed = given.executed if given else None
    rate = execution_rate(budget, executed)
    if rate is None:
        where = locate(table, given.source if given else None, printed.source)
        message = f"{table.name}: budget execution needs 全年预算数 and 执行数 (万元)"
        problem = make(codes.NO_BUDGET, message, where, table=table_index)
        return BudgetLight(budget, executed, None, None, None, None, (problem,))
    progress, light = budget_light(rate, month, scheme.monitoring)
    suspect = suspect_rate(rate)
    problems: tuple[Problem, ...] = ()
    if suspect is not None:
        where = locate(table, given.source if given else None, printed.source)
        message = f"{table.name}: {suspect.message}"
        problems = (make(suspect.kind, message, where, table=table_index),)
    forecast = given.forecast if given else None
    return BudgetLight(budget, executed, rate, progress, light, forecast, problems)
