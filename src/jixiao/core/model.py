"""The goal-table model (项目绩效目标表) and its self-evaluation / monitoring columns.

Frozen, typed records; no I/O. Levels keep the printed (cleaned) label; the category codes of
both indicator-framework generations are derived by :mod:`jixiao.core.vocabulary`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from jixiao.core.money import Amount
from jixiao.core.problems import Problem
from jixiao.core.source import SourceLocation
from jixiao.core.target import NO_TARGET, Target
from jixiao.core.vocabulary import Level1, Level2, classify_level1, classify_level2


class TableKind(StrEnum):
    GOAL = "goal"  # 项目绩效目标表
    SELFEVAL = "selfeval"  # 项目支出绩效自评表
    MONITOR = "monitor"  # 绩效运行监控表


Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Period:
    """实施周期: start and end year (either may be unknown)."""

    start: int | None = None
    end: int | None = None

    @property
    def years(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return self.end - self.start + 1


@dataclass(frozen=True, slots=True)
class FundingRow:
    """One row of the budget block: 年度资金总额, 其中：财政拨款, 上年结转, 其他资金 …"""

    label: str
    initial: Amount | None = None  # 年初预算数
    budget: Amount | None = None  # 全年预算数 / 调整后预算数
    executed: Amount | None = None  # 全年执行数 (monitoring: 1-N月执行数)
    rate: Decimal | None = None  # 执行率, percent
    weight: Decimal | None = None  # 分值
    score: Decimal | None = None  # 得分
    source: SourceLocation | None = None
    forecast: Amount | None = None  # 全年预计执行数 (monitoring)


@dataclass(frozen=True, slots=True)
class Budget:
    """Budget figures of a table.

    ``amount`` is a goal table's 年度预算金额 (or 年度资金总额) and a self-evaluation's 全年预算数
    (the adjusted budget; 年初预算数 when no other figure is printed). The other printed figures
    sit beside it; ``rows`` keeps every funding row as printed.
    """

    amount: Amount | None = None
    initial: Amount | None = None
    adjusted: Amount | None = None
    executed: Amount | None = None
    rate: Decimal | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    reason: str | None = None
    rows: tuple[FundingRow, ...] = ()
    source: SourceLocation | None = None


@dataclass(frozen=True, slots=True)
class Header:
    """The header block. Unknown labelled fields are kept, in order, in ``extra``."""

    name: str | None = None  # 项目名称 (as printed, codes included)
    code: str | None = None  # project code when printed (51000021R000000019951)
    type: str | None = None  # 项目类型
    level: str | None = None  # 项目等级 (一级项目 / 二级项目)
    department: str | None = None  # 主管部门
    unit: str | None = None  # 用款单位 / 实施单位
    period: Period = field(default_factory=Period)  # 实施周期
    budget: Budget = field(default_factory=Budget)
    period_goal: str | None = None  # 实施周期总目标 (中期/长期目标)
    annual_goal: str | None = None  # 年度目标
    annual_result: str | None = None  # 年度目标实际完成情况 (self-evaluation)
    year: int | None = None  # the budget year the table is for
    extra: Pairs = ()
    sources: tuple[tuple[str, SourceLocation], ...] = ()

    def source_of(self, name: str) -> SourceLocation | None:
        for key, location in self.sources:
            if key == name:
                return location
        return None


@dataclass(frozen=True, slots=True)
class Indicator:
    """A 三级指标 row with its 一级/二级 labels, targets and evaluation columns."""

    level1: str | None
    level2: str | None
    name: str
    annual_target: Target = NO_TARGET  # 当年度指标值 / 年度指标值
    period_target: Target = NO_TARGET  # 实施周期指标值
    weight: Decimal | None = None  # 分值 / 权重
    actual: Target | None = None  # 实际完成值 (parsed with the target grammar)
    score: Decimal | None = None  # 得分
    deviation: str | None = None  # 偏差原因分析及改进措施
    forecast: Target | None = None  # 全年预计完成值 (monitoring)
    likelihood: str | None = None  # 完成目标可能性 (monitoring)
    source: SourceLocation | None = None
    extra: Pairs = ()  # other printed columns: 指标值类型, 评(扣)分标准, 绩效标准, 备注 …

    @property
    def category(self) -> Level1:
        return classify_level1(self.level1, self.level2, self.name)

    @property
    def subcategory(self) -> Level2:
        return classify_level2(self.level2)


@dataclass(frozen=True, slots=True)
class GoalTable:
    """One 项目绩效目标表 (or self-evaluation / monitoring table) read from a document."""

    kind: TableKind
    header: Header
    indicators: tuple[Indicator, ...] = ()
    total_score: Decimal | None = None  # printed 总分 / 自评总分 (not the weight total)
    complete: bool = True
    title: str | None = None
    source: SourceLocation | None = None

    @property
    def name(self) -> str:
        return self.header.name or self.title or "(未命名项目)"


@dataclass(frozen=True, slots=True)
class Document:
    """One input file read: its goal tables and every problem met on the way."""

    source: str
    tables: tuple[GoalTable, ...] = ()
    problems: tuple[Problem, ...] = ()
