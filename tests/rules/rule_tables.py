"""Inline test tables: build GoalTables from rows such as
("产出指标", "数量指标", "年均参保缴费人数", "≥64539人"), with the real target grammar."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal

from jixiao.core.model import Budget, GoalTable, Header, Indicator, Period, TableKind
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.source import SourceLocation
from jixiao.core.values import parse_target
from jixiao.rules import Config, Finding, TableRef, load_config, review

FILE = "t.txt"
Row = tuple[str, ...]

# A table every rule accepts under the legacy and guangdong presets.
GOOD: tuple[Row, ...] = (
    ("产出指标", "数量指标", "年均参保缴费人数", "≥64539人"),
    ("产出指标", "质量指标", "补助合规率", "100%"),
    ("产出指标", "时效指标", "资金按时到位率", "100%"),
    ("产出指标", "成本指标", "人均补助标准", "≤500元"),
    ("效益指标", "社会效益指标", "政策知晓度", "≥85%"),
    ("效益指标", "可持续影响指标", "参保覆盖率", "≥95%"),
    ("满意度指标", "服务对象满意度指标", "参保人员满意度", "≥90%"),
)
GOAL = "按文件规定及时、准确地向合格对象发放社保补贴，保障参保人的医疗待遇。"


def ind(row: Row, line: int = 0) -> Indicator:
    level1, level2, name, annual, *rest = row
    period = rest[0] if rest else "---"
    return Indicator(
        level1=level1 or None,
        level2=level2 or None,
        name=name,
        annual_target=parse_target(annual),
        period_target=parse_target(period),
        source=SourceLocation(FILE, line=line or None),
    )


def money(text: str | None) -> Amount | None:
    if text is None:
        return None
    if text.endswith("万元"):
        return Amount(Decimal(text[:-2]), MoneyUnit.WAN)
    return Amount(Decimal(text.removesuffix("元")), MoneyUnit.YUAN)


def table(
    rows: Iterable[Row] = GOOD,
    *,
    add: Iterable[Row] = (),
    drop: Iterable[str] = (),
    name: str | None = "社会基本医疗保险",
    department: str | None = "东莞市长安社会保险基金管理中心",
    unit: str | None = "东莞市长安社会保险基金管理中心",
    type: str | None = "其他事业发展性支出",
    level: str | None = "二级项目",
    start: int | None = 2024,
    end: int | None = 2024,
    year: int | None = 2024,
    budget: str | None = "3650.68万元",
    annual_goal: str | None = GOAL,
    period_goal: str | None = "---",
    extra: tuple[tuple[str, str], ...] = (),
    complete: bool = True,
    kind: TableKind = TableKind.GOAL,
) -> GoalTable:
    dropped = set(drop)
    kept = [r for r in rows if r[2] not in dropped] + list(add)
    fields = ("name", "department", "unit", "period", "budget", "annual_goal", "period_goal")
    header = Header(
        name=name,
        type=type,
        level=level,
        department=department,
        unit=unit,
        period=Period(start, end),
        budget=Budget(amount=money(budget)),
        annual_goal=annual_goal,
        period_goal=period_goal,
        year=year,
        extra=extra,
        sources=tuple((f, SourceLocation(FILE, line=i + 1)) for i, f in enumerate(fields)),
    )
    indicators = tuple(ind(r, line=20 + i) for i, r in enumerate(kept))
    return GoalTable(
        kind, header, indicators, complete=complete, source=SourceLocation(FILE, line=1)
    )


def config(preset: str = "legacy", **changes: object) -> Config:
    base = load_config(preset)
    return replace(base, **changes) if changes else base  # type: ignore[arg-type]


def check(
    tables: GoalTable | Sequence[GoalTable],
    select: Iterable[str] | None = None,
    cfg: Config | None = None,
) -> list[Finding]:
    items = [tables] if isinstance(tables, GoalTable) else list(tables)
    refs = [TableRef(f"doc{i}.txt" if len(items) > 1 else FILE, 0, t) for i, t in enumerate(items)]
    active = (cfg or config()).with_selection(select)
    return review(refs, active).findings


def codes(
    tables: GoalTable | Sequence[GoalTable],
    select: Iterable[str] | None = None,
    cfg: Config | None = None,
) -> list[str]:
    return [f.code for f in check(tables, select, cfg)]
