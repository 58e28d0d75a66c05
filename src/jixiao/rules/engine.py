"""Run the enabled rules over tables; a crashing rule becomes an ``R000`` finding."""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jixiao.core.problems import Severity
from jixiao.core.source import SourceLocation
from jixiao.rules.base import CRASH, Context, Finding, Hit, Rule, TableRef, all_rules
from jixiao.rules.config import Config
from jixiao.rules.grade import Grade, grade
from jixiao.rules.util import header_raw, indicator_row


@dataclass(frozen=True, slots=True)
class TableReview:
    ref: TableRef
    findings: tuple[Finding, ...]
    grade: Grade

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def counts(self) -> dict[str, int]:
        return {s.value: self.count(s) for s in Severity}


@dataclass(frozen=True, slots=True)
class Review:
    config: Config
    tables: tuple[TableReview, ...]

    @property
    def findings(self) -> list[Finding]:
        return [f for t in self.tables for f in t.findings]

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


def enabled_rules(
    config: Config, rules: Iterable[Rule] | None = None
) -> list[tuple[Rule, Severity]]:
    """The rules the config selects, each with its effective severity (``off`` drops it)."""
    out = []
    for rule in rules if rules is not None else all_rules():
        if rule is CRASH or not config.is_selected(rule.code):
            continue
        severity = config.severity_for(rule.code, rule.severity)
        if severity is not None:
            out.append((rule, severity))
    return out


def unknown_selectors(config: Config) -> list[str]:
    """Selectors that match no registered rule (a usage error, as in ruff)."""
    codes = [r.code for r in all_rules()]
    wanted = (*config.select, *config.ignore, *(code for code, _ in config.severity))
    return [s for s in wanted if not any(c.startswith(s) for c in codes)]


def _finding(rule: Rule, severity: Severity, hit: Hit, ref: TableRef) -> Finding:
    table = ref.table
    source = hit.source
    raw = hit.raw
    if source is None and hit.indicator is not None:
        source = hit.indicator.source
        raw = raw if raw is not None else indicator_row(hit.indicator)
    if source is None and hit.field is not None:
        source = table.header.source_of(hit.field)
        raw = raw if raw is not None else header_raw(table, hit.field)
    return Finding(
        code=rule.code,
        severity=severity,
        title=rule.title,
        dimension=rule.dimension,
        message_zh=hit.zh,
        message_en=hit.en,
        source=source or ref.location,
        document=ref.document,
        table=ref.index,
        table_name=table.name,
        indicator=hit.indicator.name if hit.indicator is not None else None,
        raw=raw,
    )


def _crash(rule: Rule, ref: TableRef, exc: BaseException) -> Finding:
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return Finding(
        code=CRASH.code,
        severity=CRASH.severity,
        title=CRASH.title,
        dimension=CRASH.dimension,
        message_zh=f"审核规则 {rule.code}（{rule.title}）运行出错，请报告此问题：{detail}",
        message_en=f"rule {rule.code} ({rule.title_en}) crashed, please report it: {detail}",
        source=ref.location,
        document=ref.document,
        table=ref.index,
        table_name=ref.name,
    )


def _run_table_rule(rule: Rule, severity: Severity, ref: TableRef, config: Config) -> list[Finding]:
    assert rule.check is not None
    try:
        hits = list(rule.check(ref.table, Context(config, ref)))
    except Exception as exc:  # a rule bug must not stop the review
        return [_crash(rule, ref, exc)]
    return [_finding(rule, severity, hit, ref) for hit in hits]


def _run_department_rule(
    rule: Rule, severity: Severity, refs: Sequence[TableRef], config: Config
) -> list[Finding]:
    assert rule.check_department is not None
    try:
        hits = list(rule.check_department(refs, Context(config)))
    except Exception as exc:
        return [_crash(rule, refs[0], exc)]
    return [_finding(rule, severity, hit, hit.ref or refs[0]) for hit in hits]


def _sort_key(f: Finding) -> tuple[int, int, str]:
    """Reading order: page, then line (text) or row (tables), then code."""
    s: SourceLocation = f.source
    return (s.page or 0, s.line or s.row or 0, f.code)


def review(refs: Sequence[TableRef], config: Config, rules: Iterable[Rule] | None = None) -> Review:
    """Check every table with the table rules, then all of them with the department rules."""
    active = enabled_rules(config, rules)
    per_table: dict[int, list[Finding]] = {i: [] for i in range(len(refs))}
    for i, ref in enumerate(refs):
        for rule, severity in active:
            if rule.check is None or ref.table.kind not in rule.kinds:
                continue
            if rule.needs_complete and not ref.table.complete:
                continue
            per_table[i].extend(_run_table_rule(rule, severity, ref, config))
    owner = {(ref.document, ref.index): i for i, ref in enumerate(refs)}
    for rule, severity in active:
        if rule.check_department is None or not refs:
            continue
        for finding in _run_department_rule(rule, severity, refs, config):
            per_table[owner.get((finding.document, finding.table or 0), 0)].append(finding)
    tables = tuple(
        TableReview(ref, tuple(sorted(found, key=_sort_key)), grade(found, config.grade))
        for ref, found in zip(refs, per_table.values(), strict=True)
    )
    return Review(config, tables)
