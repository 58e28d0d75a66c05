"""Rule, finding and registry: the shape every review rule (审核规则) shares.

Follows beancount's validation pattern: each rule is a small function with one signature,
kept in an ordered registry; the engine runs them and turns a crashing rule into a finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from jixiao.core.model import GoalTable, Indicator, TableKind
from jixiao.core.problems import Problem, Severity
from jixiao.core.source import SourceLocation

if TYPE_CHECKING:
    from jixiao.rules.config import Config


class Dimension(StrEnum):
    """The four review dimensions of 财预〔2015〕88号 (domain.md §4); code digit in brackets."""

    COMPLETENESS = "完整性"  # R1xx
    RELEVANCE = "相关性"  # R2xx
    APPROPRIATENESS = "适当性"  # R3xx
    FEASIBILITY = "可行性"  # R4xx
    ENGINE = "引擎"  # R000: a rule that crashed


@dataclass(frozen=True, slots=True)
class TableRef:
    """A table being reviewed, with the document it came from and its index there."""

    document: str
    index: int
    table: GoalTable

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def location(self) -> SourceLocation:
        return self.table.source or SourceLocation(self.document)


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule function reports; the engine adds code, severity, title and location.

    ``indicator`` or ``field`` (a :class:`~jixiao.core.model.Header` field name such as
    ``annual_goal``) say which cell is at fault; department rules set ``ref``.
    """

    zh: str
    en: str
    indicator: Indicator | None = None
    field: str | None = None
    ref: TableRef | None = None
    source: SourceLocation | None = None
    raw: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may read besides the table: the active configuration."""

    config: Config
    ref: TableRef | None = None


TableCheck = Callable[[GoalTable, Context], Iterable[Hit]]
DepartmentCheck = Callable[[Sequence[TableRef], Context], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    dimension: Dimension
    title: str  # short Chinese title, as in docs/rules.md
    title_en: str
    check: TableCheck | None = None
    check_department: DepartmentCheck | None = None
    needs_complete: bool = False  # skipped on tables cut off part-way (GoalTable.complete)
    kinds: frozenset[TableKind] = frozenset(TableKind)

    @property
    def scope(self) -> str:
        return "department" if self.check_department is not None else "table"


@dataclass(frozen=True, slots=True)
class Finding:
    """One review finding, located at the offending cell (or row, or table)."""

    code: str
    severity: Severity
    title: str
    dimension: Dimension
    message_zh: str
    message_en: str
    source: SourceLocation
    document: str
    table: int | None = None  # index of the table in its document
    table_name: str | None = None
    indicator: str | None = None
    raw: str | None = None

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def to_problem(self, lang: str = "zh") -> Problem:
        """The shared :class:`Problem` record, so CLI and web format findings like problems."""
        return Problem(
            self.code, self.severity, self.message(lang), self.source, self.raw, self.table
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "title": self.title,
            "dimension": self.dimension.value,
            "message": self.message_zh,
            "message_en": self.message_en,
            "document": self.document,
            "table": self.table,
            "table_name": self.table_name,
            "indicator": self.indicator,
            "source": self.source.as_dict(),
            "raw": self.raw,
        }


_RULES: dict[str, Rule] = {}

CRASH = Rule("R000", Severity.ERROR, Dimension.ENGINE, "审核规则运行出错", "a review rule crashed")


def _add(rule: Rule) -> None:
    if rule.code in _RULES:
        raise ValueError(f"rule code {rule.code} registered twice")
    _RULES[rule.code] = rule


def table_rule(
    code: str,
    severity: Severity,
    dimension: Dimension,
    title: str,
    title_en: str,
    *,
    needs_complete: bool = False,
    kinds: Iterable[TableKind] = tuple(TableKind),
) -> Callable[[TableCheck], TableCheck]:
    """Register a rule over one table (decorator)."""

    def register(func: TableCheck) -> TableCheck:
        _add(
            Rule(
                code,
                severity,
                dimension,
                title,
                title_en,
                check=func,
                needs_complete=needs_complete,
                kinds=frozenset(kinds),
            )
        )
        return func

    return register


def department_rule(
    code: str, severity: Severity, dimension: Dimension, title: str, title_en: str
) -> Callable[[DepartmentCheck], DepartmentCheck]:
    """Register a rule over all tables checked together (a department's tables)."""

    def register(func: DepartmentCheck) -> DepartmentCheck:
        _add(Rule(code, severity, dimension, title, title_en, check_department=func))
        return func

    return register


def all_rules() -> list[Rule]:
    """Every registered rule in code order, the crash pseudo-rule ``R000`` first."""
    from jixiao.rules import catalog  # noqa: F401  (registers the rules on import)

    return [CRASH, *sorted(_RULES.values(), key=lambda r: r.code)]


def rule_by_code(code: str) -> Rule | None:
    return next((r for r in all_rules() if r.code == code), None)
