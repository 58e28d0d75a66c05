"""Review grade (审核结果) per table: 优 / 良 / 中 / 差 from the findings (domain.md §4).

Start at ``grade.start`` (100); each finding deducts ``grade.deduct[severity]``; what one rule
code deducts from a table is capped at ``grade.cap[severity]`` so that one repeated fault does
not sink a table alone. The score falls into the first band whose floor it reaches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.problems import Severity
from jixiao.rules.base import Finding
from jixiao.rules.config import GradeConfig

# 财预〔2015〕88号 (S5): what each review result means for the budget.
CONSEQUENCES: dict[str, tuple[str, str]] = {
    "优": ("直接进入下一步预算安排流程", "goes straight to the next budget step"),
    "良": (
        "可与相关部门或单位进行协商，对其绩效目标进行完善后，进入下一步预算安排流程",
        "finance may finish the fixes with the unit, then it proceeds",
    ),
    "中": ("由相关部门或单位对其绩效目标进行修改完善，按程序重新报送审核", "revise and resubmit"),
    "差": ("不得进入下一步预算安排流程", "may not enter the next budget step"),
}


@dataclass(frozen=True, slots=True)
class Grade:
    level: str  # 优 / 良 / 中 / 差
    score: Decimal
    deductions: tuple[tuple[str, Decimal], ...]  # per rule code, as applied

    @property
    def consequence(self) -> str:
        return CONSEQUENCES[self.level][0]

    @property
    def consequence_en(self) -> str:
        return CONSEQUENCES[self.level][1]


def grade(findings: Iterable[Finding], config: GradeConfig) -> Grade:
    per_code: dict[str, Decimal] = defaultdict(Decimal)
    severity_of: dict[str, Severity] = {}
    for f in findings:
        per_code[f.code] += config.deduct.get(f.severity, Decimal(0))
        # A code's cap follows its most severe finding.
        if f.code not in severity_of or _rank(f.severity) < _rank(severity_of[f.code]):
            severity_of[f.code] = f.severity
    applied = tuple(
        (code, min(total, config.cap.get(severity_of[code], total)))
        for code, total in sorted(per_code.items())
    )
    score = max(Decimal(0), config.start - sum((d for _, d in applied), Decimal(0)))
    level = next((name for name, floor in config.bands if score >= floor), "差")
    return Grade(level, score, tuple((c, d) for c, d in applied if d))


def _rank(severity: Severity) -> int:
    return (Severity.ERROR, Severity.WARNING, Severity.INFO).index(severity)
