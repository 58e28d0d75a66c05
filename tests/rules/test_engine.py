"""The engine: crashing rules, severities from the config, grades and the Problem view."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from rule_tables import FILE, check, config, table

from jixiao.core.model import GoalTable
from jixiao.core.problems import Problem, Severity
from jixiao.core.source import SourceLocation
from jixiao.rules import (
    CONSEQUENCES,
    Context,
    Dimension,
    Finding,
    Hit,
    Rule,
    TableRef,
    all_rules,
    grade,
    review,
)
from jixiao.rules.config import GradeConfig


def _boom(table: GoalTable, ctx: Context) -> Iterator[Hit]:
    yield Hit("先报一条", "one first")
    raise ZeroDivisionError("division by zero in a rule")


def test_a_crashing_rule_becomes_an_R000_finding_and_the_others_still_run() -> None:
    crashing = Rule(
        "R998", Severity.WARNING, Dimension.FEASIBILITY, "会崩溃", "crashes", check=_boom
    )
    budget_rule = next(r for r in all_rules() if r.code == "R205")
    bad = table(add=[("产出指标", "成本指标", "预算执行率", "≥90%")])
    cfg = config()
    result = review([TableRef(FILE, 0, bad)], cfg, rules=[crashing, budget_rule])
    found = result.findings
    assert [f.code for f in found] == ["R000", "R205"] or [f.code for f in found] == [
        "R205",
        "R000",
    ]
    crash = next(f for f in found if f.code == "R000")
    assert crash.severity is Severity.ERROR
    assert "R998" in crash.message_zh and "ZeroDivisionError" in crash.message_en
    assert result.has_errors


def test_severity_overrides_and_off() -> None:
    bad = table(add=[("产出指标", "成本指标", "预算执行率", "≥90%")])
    raised = replace(config(), severity=(("R205", "error"),))
    [finding] = check(bad, ["R205"], raised)
    assert finding.severity is Severity.ERROR
    silenced = replace(config(), severity=(("R2", "off"),))
    assert check(bad, ["R205"], silenced) == []


def _finding(code: str, severity: Severity) -> Finding:
    return Finding(
        code, severity, "t", Dimension.COMPLETENESS, "zh", "en", SourceLocation(FILE), FILE, 0
    )


def test_grade_deducts_per_severity_with_a_cap_per_rule() -> None:
    cfg = GradeConfig()
    assert grade([], cfg).level == "优" and grade([], cfg).score == 100
    warnings = [_finding("R302", Severity.WARNING)] * 6  # 30 points, capped at 10
    g = grade([*warnings, _finding("R205", Severity.WARNING)], cfg)
    assert g.score == Decimal(85) and g.level == "良"
    assert dict(g.deductions) == {"R205": 5, "R302": 10}
    g = grade([_finding("R110", Severity.ERROR), _finding("R205", Severity.WARNING)], cfg)
    assert g.score == 75 and g.level == "中"
    errors = [_finding(f"R1{i:02d}", Severity.ERROR) for i in range(3)]
    assert grade(errors, cfg).level == "差"  # 100 - 60 = 40
    assert grade([_finding("R351", Severity.INFO)] * 9, cfg).score == 100


def test_grade_bands_are_inclusive_floors() -> None:
    cfg = GradeConfig()
    two = [_finding("R205", Severity.WARNING), _finding("R206", Severity.WARNING)]
    assert grade(two, cfg).score == 90 and grade(two, cfg).level == "优"
    vendor = replace(cfg, bands=(("优", Decimal(80)), ("良", Decimal(70)), ("中", Decimal(60))))
    four = [_finding(c, Severity.WARNING) for c in ("R201", "R202", "R203", "R205")]
    assert grade(four, vendor).level == "优"  # 80 under the vendor bands (Q1)
    assert grade(four, cfg).level == "良"


def test_every_grade_carries_its_consequence() -> None:
    assert set(CONSEQUENCES) == {"优", "良", "中", "差"}
    assert "不得进入" in CONSEQUENCES["差"][0]


def test_review_grades_each_table() -> None:
    bad = table(name="差表", annual_goal="---", budget=None, rows=())
    result = review([TableRef(FILE, 0, table()), TableRef(FILE, 1, bad)], config())
    first, second = result.tables
    assert first.grade.level == "优"
    assert [f.code for f in first.findings] == ["R351"]  # the department total, info only
    assert second.grade.level == "差"
    assert second.counts() == {"error": 3, "warning": 0, "info": 0}


def test_finding_converts_to_the_shared_problem_record() -> None:
    [finding] = check(table(add=[("产出指标", "成本指标", "预算执行率", "≥90%")]), ["R205"])
    problem = finding.to_problem()
    assert isinstance(problem, Problem)
    assert (problem.code, problem.severity, problem.table) == ("R205", Severity.WARNING, 0)
    assert problem.message == finding.message_zh
    assert finding.to_problem("en").message == finding.message_en
    assert problem.source.short() == "t.txt:27"
    data = finding.as_dict()
    assert {"code", "severity", "message", "table", "indicator", "source"} <= set(data)
