"""The actuals file (实际完成值填报表) as data: header aliases, rows matched to goal tables.

The adapter :mod:`jixiao.io.actuals` reads CSV / xlsx into :class:`ActualsSheet` (text cells
with their places); this module maps columns, parses values and matches every row to a table
and an indicator. Nothing is guessed: unknown projects or indicators, unreadable values and
repeated rows are located problems.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from jixiao.core.model import GoalTable
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.problems import Problem, make
from jixiao.core.source import SourceLocation
from jixiao.core.target import Target, TargetKind
from jixiao.core.text import compact
from jixiao.core.values import parse_target
from jixiao.scoring import codes
from jixiao.scoring.inputs import BudgetInput, IndicatorInput, TableInputs

FIELDS = (
    "project",
    "indicator",
    "actual",
    "budget",
    "level",
    "score",
    "forecast",
    "likelihood",
    "reason",
    "reason_category",
    "level1",
    "level2",
)
REQUIRED = ("indicator", "actual")
BUDGET_ROW_NAMES = ("预算执行", "预算执行情况", "年度资金总额")

_ALIASES: dict[str, str] = {
    "项目名称": "project",
    "项目": "project",
    "三级指标": "indicator",
    "指标名称": "indicator",
    "指标": "indicator",
    "实际完成值": "actual",
    "完成值": "actual",
    "全年实际值": "actual",
    "实际值": "actual",
    "当期完成值": "actual",
    "全年执行数": "actual",
    "执行数": "actual",
    "全年预算数": "budget",
    "预算数": "budget",
    "调整后预算数": "budget",
    "等级": "level",
    "完成等级": "level",
    "得分": "score",
    "自评得分": "score",
    "全年预计完成值": "forecast",
    "预计完成值": "forecast",
    "全年预计执行数": "forecast",
    "完成目标可能性": "likelihood",
    "偏差原因": "reason",
    "原因": "reason",
    "偏差原因分析": "reason",
    "偏差原因分析及改进措施": "reason",
    "未完成原因分析": "reason",
    "偏差原因类别": "reason_category",
    "原因类别": "reason_category",
    "一级指标": "level1",
    "二级指标": "level2",
}
# Columns of the template that inform the person filling it in; read and ignored.
INFORMATIONAL = frozenset(
    {
        "target",
        "weight",
        "note",
        "年度指标值",
        "当年度指标值",
        "指标值",
        "分值",
        "权重",
        "备注",
        "序号",
        "年初预算数",
    }
)
_PARENS = re.compile(r"[(（][^)）]*[)）]")
_MONEY_UNITS = {"元": MoneyUnit.YUAN, "万元": MoneyUnit.WAN, "亿元": MoneyUnit.YI}
_HEADER_UNIT = re.compile(r"[(（]\s*(?:单位\s*[:：]?\s*)?(元|万元|亿元)\s*[)）]")
MONEY_FIELDS = ("budget", "actual", "forecast")  # amounts on the 预算执行 row


@dataclass(frozen=True, slots=True)
class ActualsSheet:
    """Text cells of one actuals sheet; ``header`` is the first non-empty row."""

    file: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (1-based row number, cells)
    sheet: str | None = None
    header_row: int = 1
    problems: tuple[Problem, ...] = ()


@dataclass(slots=True)
class MatchedActuals:
    inputs: list[TableInputs]
    problems: list[Problem] = field(default_factory=list)


def field_of(header: str) -> str | None:
    key = compact(_PARENS.sub("", header or "")).lower()
    if key in FIELDS:
        return key
    return _ALIASES.get(key)


def header_unit(header: str) -> MoneyUnit | None:
    """The money unit a header names in parentheses: ``全年执行数（元）`` → 元."""
    found = _HEADER_UNIT.search(header or "")
    return _MONEY_UNITS[found.group(1)] if found else None


def _informational(header: str) -> bool:
    key = compact(_PARENS.sub("", header or "")).lower()
    return key in INFORMATIONAL or not key


def project_keys(table: GoalTable) -> set[str]:
    """Names a row may use for a table: as printed, without a code prefix, the title."""
    keys = {compact(table.name)}
    if table.header.name:
        name = compact(table.header.name)
        keys.add(name)
        keys.add(re.sub(r"^[0-9A-Za-z]+[-_—]", "", name))
    return {k for k in keys if k}


@dataclass(slots=True)
class _Pass:
    """State of one pass over the sheet's rows."""

    index: _Index
    columns: dict[str, int]
    units: dict[str, MoneyUnit]  # money unit per column, from the header's parenthesis
    matched: MatchedActuals
    seen: dict[tuple[int, int | None], int] = field(default_factory=dict)
    budgets: dict[int, BudgetInput] = field(default_factory=dict)


def match_actuals(tables: Sequence[GoalTable], sheet: ActualsSheet) -> MatchedActuals:
    matched = MatchedActuals([TableInputs() for _ in tables], list(sheet.problems))
    columns = _columns(sheet, matched.problems)
    if columns is None:
        return matched
    units = {
        name: unit
        for name, col in columns.items()
        if name in MONEY_FIELDS and (unit := header_unit(sheet.header[col - 1])) is not None
    }
    state = _Pass(_Index(tables), columns, units, matched)
    for row_number, cells in sheet.rows:
        where = SourceLocation(sheet.file, sheet=sheet.sheet, row=row_number)
        values = {
            name: (cells[col - 1].strip() if col - 1 < len(cells) else "")
            for name, col in columns.items()
        }
        if not any(values.values()):
            continue
        _match_row(state, values, where)
    for index, budget in state.budgets.items():
        current = matched.inputs[index]
        matched.inputs[index] = TableInputs(current.indicators, budget)
    return matched


def _columns(sheet: ActualsSheet, problems: list[Problem]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for number, header in enumerate(sheet.header, start=1):
        where = SourceLocation(sheet.file, sheet=sheet.sheet, row=sheet.header_row, column=number)
        name = field_of(header)
        if name is None:
            if not _informational(header):
                message = (
                    f"column {header!r} is not known and is ignored; known: "
                    f"{', '.join(FIELDS)} (or their Chinese names)"
                )
                problems.append(make(codes.UNKNOWN_COLUMN, message, where, header))
            continue
        if name in columns:
            message = f"column {header!r} repeats the {name} column; the first is used"
            problems.append(make(codes.DUPLICATE, message, where, header))
            continue
        columns[name] = number
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        where = SourceLocation(sheet.file, sheet=sheet.sheet, row=sheet.header_row)
        message = (
            f"the header row needs the column(s) {', '.join(missing)} "
            "(三级指标 / 实际完成值); found: " + ", ".join(h for h in sheet.header if h)
        )
        problems.append(make(codes.MISSING_COLUMN, message, where))
        return None
    return columns


class _Index:
    """Tables by project key and indicators by name, computed once per file."""

    def __init__(self, tables: Sequence[GoalTable]) -> None:
        self.tables = tables
        self.by_project: dict[str, list[int]] = {}
        for i, table in enumerate(tables):
            for key in project_keys(table):
                self.by_project.setdefault(key, []).append(i)
        self.by_name: list[dict[str, list[int]]] = []
        for table in tables:
            names: dict[str, list[int]] = {}
            for j, ind in enumerate(table.indicators):
                names.setdefault(compact(ind.name), []).append(j)
            self.by_name.append(names)


def _find_table(
    index: _Index, project: str, where: SourceLocation, problems: list[Problem]
) -> int | None:
    tables = index.tables
    if not project:
        if len(tables) == 1:
            return 0
        message = f"no project named and the file holds {len(tables)} tables; name the project"
        problems.append(make(codes.UNKNOWN_PROJECT, message, where))
        return None
    hits = index.by_project.get(compact(project), [])
    if len(hits) == 1:
        return hits[0]
    if hits:
        message = f"project {project!r} names {len(hits)} tables; rows cannot tell them apart"
        problems.append(make(codes.AMBIGUOUS, message, where, project))
        return None
    known = "; ".join(t.name for t in tables[:20]) or "(none)"
    more = f" … ({len(tables)} in all)" if len(tables) > 20 else ""
    message = f"project {project!r} is not in the file; its projects: {known}{more}"
    problems.append(make(codes.UNKNOWN_PROJECT, message, where, project))
    return None


def _match_row(state: _Pass, values: dict[str, str], where: SourceLocation) -> None:
    problems = state.matched.problems
    at = {name: where.with_column(col) for name, col in state.columns.items()}
    index = state.index
    table_index = _find_table(index, values.get("project", ""), at.get("project", where), problems)
    if table_index is None:
        return
    table = index.tables[table_index]
    name = values["indicator"]
    budget_row = compact(name) in BUDGET_ROW_NAMES
    indicator_index: int | None = None
    if not budget_row:
        indicator_index = _find_indicator(state, table_index, values, at)
        if indicator_index is None:
            return
    key = (table_index, indicator_index)
    if key in state.seen:
        earlier = state.seen[key]
        message = f"{name or '预算执行'!r} of {table.name} was given already on row {earlier}"
        problems.append(make(codes.DUPLICATE, message, where, name, table=table_index))
        return
    state.seen[key] = where.row or 0
    _not_applicable(values, at, budget_row, problems, table_index)
    if budget_row:
        state.budgets[table_index] = _budget_input(values, at, where, state, table_index)
        return
    assert indicator_index is not None
    state.matched.inputs[table_index].indicators[indicator_index] = _indicator_input(
        values, at, where, problems, table_index
    )


def _same_label(given: str, printed: str | None) -> bool:
    """一级/二级 as written in the row against the table's: ``产出`` matches ``产出指标``."""
    a, b = compact(given).removesuffix("指标"), compact(printed).removesuffix("指标")
    return a == b


def _find_indicator(
    state: _Pass, table_index: int, values: dict[str, str], at: dict[str, SourceLocation]
) -> int | None:
    """The indicator a row names: by name; among namesakes by the row's 一级/二级 columns,
    then by order of appearance (the n-th row naming it fills the n-th namesake)."""
    table = state.index.tables[table_index]
    name = values["indicator"]
    problems = state.matched.problems
    hits = state.index.by_name[table_index].get(compact(name), [])
    if not hits:
        message = f"{table.name} has no indicator {name!r} (write 预算执行 for the budget row)"
        problems.append(
            make(codes.UNKNOWN_INDICATOR, message, at["indicator"], name, table=table_index)
        )
        return None
    if len(hits) == 1:
        return hits[0]
    narrowed = hits
    for column, attribute in (("level1", "level1"), ("level2", "level2")):
        given = values.get(column, "")
        if given:
            narrowed = [
                j for j in narrowed if _same_label(given, getattr(table.indicators[j], attribute))
            ]
    if not narrowed:
        levels = " / ".join(values.get(c, "") for c in ("level1", "level2") if values.get(c))
        message = (
            f"indicator {name!r} appears {len(hits)} times in {table.name}, none under {levels}; "
            "copy 一级指标 / 二级指标 as printed in the goal table"
        )
        problems.append(make(codes.AMBIGUOUS, message, at["indicator"], name, table=table_index))
        return None
    free = [j for j in narrowed if (table_index, j) not in state.seen]
    # all namesakes filled already: the row repeats one of them (reported as a duplicate)
    return free[0] if free else narrowed[-1]


def _target(text: str) -> Target | None:
    if not text:
        return None
    target = parse_target(text)
    return None if target.kind is TargetKind.NONE else target


_INDICATOR_ONLY = ("level", "score", "likelihood", "reason_category")


def _not_applicable(
    values: dict[str, str],
    at: dict[str, SourceLocation],
    budget_row: bool,
    problems: list[Problem],
    table_index: int,
) -> None:
    """Cells filled where the row has no use for them: said, never silently dropped."""
    unused = _INDICATOR_ONLY if budget_row else ("budget",)
    for name in unused:
        if values.get(name):
            row_kind = "the 预算执行 row" if budget_row else "an indicator row"
            message = f"{name} {values[name]!r} does not apply to {row_kind}; it is ignored"
            problems.append(
                make(codes.NOT_APPLICABLE, message, at[name], values[name], table=table_index)
            )


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", "").replace("，", "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None  # NaN / Infinity are no amounts or scores


def _decimal(
    text: str, what: str, where: SourceLocation, problems: list[Problem], table_index: int
) -> Decimal | None:
    """A score (得分): a number, ``8分`` accepted."""
    if not text:
        return None
    value = _number(text.strip().removesuffix("分"))
    if value is None:
        message = f"{what} {text!r} is not a number"
        problems.append(make(codes.BAD_VALUE, message, where, text, table=table_index))
    return value


def parse_amount(text: str, default: MoneyUnit) -> Amount | None:
    """``152000元``, ``15.2万元``, ``1.5亿元`` in their own unit; a bare number in ``default``."""
    cleaned = compact(text)
    unit = default
    for suffix in ("亿元", "万元", "元"):
        if cleaned.endswith(suffix):
            cleaned, unit = cleaned.removesuffix(suffix), _MONEY_UNITS[suffix]
            break
    value = _number(cleaned)
    return None if value is None else Amount(value, unit)


def _amount(
    text: str,
    default: MoneyUnit,
    what: str,
    where: SourceLocation,
    problems: list[Problem],
    table_index: int,
) -> Amount | None:
    if not text:
        return None
    amount = parse_amount(text, default)
    if amount is None:
        message = f"{what} {text!r} is not an amount (write 15.2, 15.2万元 or 152000元)"
        problems.append(make(codes.BAD_VALUE, message, where, text, table=table_index))
        return None
    if amount.value < 0:
        message = f"{what} {text!r}: amount must not be negative"
        problems.append(make(codes.BAD_VALUE, message, where, text, table=table_index))
        return None
    return amount


def _indicator_input(
    values: dict[str, str],
    at: dict[str, SourceLocation],
    where: SourceLocation,
    problems: list[Problem],
    table_index: int,
) -> IndicatorInput:
    def text(name: str) -> str | None:
        return values.get(name) or None

    score = _decimal(
        values.get("score", ""), "score (得分)", at.get("score", where), problems, table_index
    )
    return IndicatorInput(
        actual=_target(values.get("actual", "")),
        level=text("level"),
        score=score,
        reason=text("reason"),
        reason_category=text("reason_category"),
        forecast=_target(values.get("forecast", "")),
        likelihood=text("likelihood"),
        source=at.get("actual", where),
    )


def _budget_input(
    values: dict[str, str],
    at: dict[str, SourceLocation],
    where: SourceLocation,
    state: _Pass,
    table_index: int,
) -> BudgetInput:
    problems = state.matched.problems

    def amount(name: str, what: str) -> Amount | None:
        unit = state.units.get(name, MoneyUnit.WAN)
        label = f"{what} ({unit.value})"
        return _amount(
            values.get(name, ""), unit, label, at.get(name, where), problems, table_index
        )

    return BudgetInput(
        budget=amount("budget", "全年预算数"),
        executed=amount("actual", "全年执行数"),
        reason=values.get("reason") or None,
        forecast=amount("forecast", "全年预计执行数"),
        source=at.get("actual", where),
    )
