"""Use cases of self-evaluation and monitoring, shared by the CLI and the web app.

``score_file`` / ``monitor_file`` / ``recheck_file`` read the goal tables (any supported
format) and the actuals file, run the pure scoring core and return runs that know their
problems; ``*_tables`` turn results into filled :class:`GoalTable` records for the exporters
(self-evaluation: kind SELFEVAL; monitoring: kind MONITOR with ``extra["light"]``) and
``*_dict`` into the documented JSON shape (docs/scoring.md). None of them raises on bad input.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.core.model import Budget, Document, FundingRow, GoalTable, Header, Indicator, TableKind
from jixiao.core.problems import Problem, make
from jixiao.core.serialize import dec, target_dict
from jixiao.core.source import SourceLocation
from jixiao.core.target import Target, TargetKind
from jixiao.scoring import codes
from jixiao.scoring.explain import round2
from jixiao.scoring.matching import ActualsSheet, match_actuals
from jixiao.scoring.monitoring import MonitorResult, monitor_table
from jixiao.scoring.recheck import RecheckResult, recheck_table
from jixiao.scoring.schemes import Scheme
from jixiao.scoring.selfeval import TableResult, evaluate_table

HUNDRED = Decimal(100)


@dataclass(slots=True)
class Run:
    """One file processed: the document read, the results and every problem met."""

    document: Document
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class ScoreRun(Run):
    results: list[TableResult] = field(default_factory=list)


@dataclass(slots=True)
class MonitorRun(Run):
    results: list[MonitorResult] = field(default_factory=list)


@dataclass(slots=True)
class RecheckRun(Run):
    results: list[RecheckResult] = field(default_factory=list)


def read_tables(path: Path) -> Document:
    from jixiao.services.parsing import parse_file

    return parse_file(path)


def read_actuals(path: Path) -> ActualsSheet:
    from jixiao.io.actuals import read_actuals as read

    return read(path)


def _internal(document: Document, table: GoalTable, index: int, exc: Exception) -> Problem:
    """A bug met on one table: a located error, and the other tables go on (as parsing does)."""
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    where = table.source or SourceLocation(document.source)
    message = f"{table.name}: internal error while scoring, please report it: {detail}"
    return make(codes.INTERNAL, message, where, table=index)


def score_document(document: Document, sheet: ActualsSheet, scheme: Scheme) -> ScoreRun:
    matched = match_actuals(document.tables, sheet)
    run = ScoreRun(document, [*document.problems, *matched.problems])
    for index, (table, inputs) in enumerate(zip(document.tables, matched.inputs, strict=True)):
        try:
            result = evaluate_table(table, inputs, scheme, index)
        except Exception as exc:  # a scoring bug must not stop the other tables
            run.problems.append(_internal(document, table, index, exc))
            continue
        run.results.append(result)
        run.problems.extend(result.problems)
    return run


def monitor_document(
    document: Document, sheet: ActualsSheet, month: int, scheme: Scheme
) -> MonitorRun:
    matched = match_actuals(document.tables, sheet)
    run = MonitorRun(document, [*document.problems, *matched.problems])
    for index, (table, inputs) in enumerate(zip(document.tables, matched.inputs, strict=True)):
        try:
            result = monitor_table(table, inputs, month, scheme, index)
        except Exception as exc:  # a monitoring bug must not stop the other tables
            run.problems.append(_internal(document, table, index, exc))
            continue
        run.results.append(result)
        run.problems.extend(result.problems)
    return run


def recheck_document(document: Document, scheme: Scheme) -> RecheckRun:
    run = RecheckRun(document, list(document.problems))
    for index, table in enumerate(document.tables):
        try:
            result = recheck_table(table, scheme, index)
        except Exception as exc:  # a recheck bug must not stop the other tables
            run.problems.append(_internal(document, table, index, exc))
            continue
        run.results.append(result)
        run.problems.extend(result.problems)
    return run


def score_file(path: Path, actuals: Path, scheme: Scheme) -> ScoreRun:
    return score_document(read_tables(path), read_actuals(actuals), scheme)


def monitor_file(path: Path, actuals: Path, month: int, scheme: Scheme) -> MonitorRun:
    return monitor_document(read_tables(path), read_actuals(actuals), month, scheme)


def recheck_file(path: Path, scheme: Scheme) -> RecheckRun:
    return recheck_document(read_tables(path), scheme)


# --- filled tables for the exporters -----------------------------------------------------------


def _level_target(text: str) -> Target:
    return Target(raw=text, kind=TargetKind.QUALITATIVE, text=text)


def selfeval_table(result: TableResult) -> GoalTable:
    """The 项目支出绩效自评表 of a result: weights, actuals, scores, budget block, total, grade."""
    table = result.table
    indicators = []
    for r in result.indicators:
        shown = r.actual
        if (shown is None or shown.is_empty) and r.level is not None:
            shown = _level_target(r.level.value)
        extra = dict(r.indicator.extra)
        if r.explanation is not None:
            extra["explanation"] = r.explanation.text()
        indicators.append(
            replace(
                r.indicator,
                weight=r.weight,
                actual=shown,
                score=r.score,
                deviation=r.reason or r.indicator.deviation,
                extra=tuple(extra.items()),
            )
        )
    b = result.budget
    printed = table.header.budget
    rate = None if b.rate is None else round2(b.rate * HUNDRED)
    total_row = FundingRow(
        "年度资金总额", printed.initial or b.budget, b.budget, b.executed, rate, b.weight, b.score
    )
    budget = Budget(
        amount=b.budget,
        initial=printed.initial or b.budget,
        adjusted=b.budget,
        executed=b.executed,
        rate=rate,
        weight=b.weight,
        score=b.score,
        reason=b.reason or printed.reason,
        rows=(total_row, *(r for r in printed.rows if r.label != "年度资金总额")),
        source=printed.source,
    )
    extra = dict(table.header.extra)
    extra["自评等级"] = result.grade or ""
    header = replace(table.header, budget=budget, extra=tuple(extra.items()))
    return replace(
        table,
        kind=TableKind.SELFEVAL,
        header=header,
        indicators=tuple(indicators),
        total_score=result.total,
    )


def monitor_goal_table(result: MonitorResult) -> GoalTable:
    """The 项目绩效运行监控表 of a result, the light in ``Indicator.extra["light"]``."""
    table = result.table
    indicators: list[Indicator] = []
    for r in result.indicators:
        extra = dict(r.indicator.extra)
        extra["light"] = r.light.value if r.light else ""
        if r.explanation is not None:
            extra["explanation"] = r.explanation.text()
        reason = r.reason or ""
        if r.reason_category and not reason.startswith(r.reason_category):
            reason = f"{r.reason_category}：{reason}" if reason else r.reason_category
        indicators.append(
            replace(
                r.indicator,
                actual=r.actual,
                forecast=r.forecast,
                likelihood=r.likelihood,
                deviation=reason or None,
                extra=tuple(extra.items()),
            )
        )
    b = result.budget
    rate = None if b.rate is None else round2(b.rate * HUNDRED)
    printed = table.header.budget
    budget = replace(
        printed,
        amount=b.budget or printed.amount,
        adjusted=b.budget,
        executed=b.executed,
        rate=rate,
    )
    extra = dict(table.header.extra)
    extra["monitor_month"] = str(result.month)
    if b.forecast is not None:
        extra["budget_forecast"] = format(b.forecast.in_wan(), "f")
    if b.light is not None:
        extra["budget_light"] = b.light.value
    header: Header = replace(table.header, budget=budget, extra=tuple(extra.items()))
    return replace(table, kind=TableKind.MONITOR, header=header, indicators=tuple(indicators))


def export(tables: Sequence[GoalTable], extension: str) -> bytes:
    """Render filled tables with the registered exporter for ``extension`` (KeyError if none)."""
    from jixiao.io.writers import get_exporter

    return get_exporter(extension)(tables).render()


# --- JSON ------------------------------------------------------------------------------------


def _wan(amount: Any) -> str | None:
    return None if amount is None else dec(amount.in_wan())


def result_dict(result: TableResult) -> dict[str, Any]:
    b = result.budget
    return {
        "project": result.table.name,
        "table": result.table_index,
        "scheme": result.scheme,
        "weights_from_table": result.weights_from_table,
        "indicators": [
            {
                "level1": r.indicator.level1,
                "level2": r.indicator.level2,
                "name": r.indicator.name,
                "target": r.indicator.annual_target.raw,
                "weight": dec(r.weight),
                "actual": target_dict(r.actual),
                "level": r.level.value if r.level else None,
                "score": dec(r.score),
                "explanation": r.explanation.as_dict() if r.explanation else None,
                "problems": [p.as_dict() for p in r.problems],
            }
            for r in result.indicators
        ],
        "budget": {
            "budget": _wan(b.budget),
            "executed": _wan(b.executed),
            "rate": dec(None if b.rate is None else round2(b.rate * HUNDRED)),
            "weight": dec(b.weight),
            "score": dec(b.score),
            "explanation": b.explanation.as_dict() if b.explanation else None,
        },
        "total": dec(result.total),
        "complete": result.complete,
        "grade": result.grade,
    }


def monitor_dict(result: MonitorResult) -> dict[str, Any]:
    b = result.budget
    return {
        "project": result.table.name,
        "table": result.table_index,
        "scheme": result.scheme,
        "month": result.month,
        "indicators": [
            {
                "level1": r.indicator.level1,
                "level2": r.indicator.level2,
                "name": r.indicator.name,
                "target": r.indicator.annual_target.raw,
                "actual": target_dict(r.actual),
                "ratio": dec(r.ratio),
                "light": r.light.value if r.light else None,
                "forecast": target_dict(r.forecast),
                "likelihood": r.likelihood,
                "reason_category": r.reason_category,
                "reason": r.reason,
                "explanation": r.explanation.as_dict() if r.explanation else None,
            }
            for r in result.indicators
        ],
        "budget": {
            "budget": _wan(b.budget),
            "executed": _wan(b.executed),
            "rate": dec(None if b.rate is None else round2(b.rate * HUNDRED)),
            "progress": dec(b.progress),
            "light": b.light.value if b.light else None,
            "forecast": _wan(b.forecast),
        },
    }


def recheck_dict(result: RecheckResult) -> dict[str, Any]:
    data = result_dict(result.result)
    data["rechecked"] = result.rechecked
    data["printed_total"] = dec(result.printed_total)
    data["differences"] = [
        {
            "name": d.name,
            "budget_row": d.index is None,
            "printed": dec(d.printed),
            "recomputed": dec(d.recomputed),
            "delta": dec(d.delta),
            "explanation": d.explanation.as_dict() if d.explanation else None,
        }
        for d in result.differences
    ]
    for item, r in zip(data["indicators"], result.result.indicators, strict=True):
        item["printed_score"] = dec(r.indicator.score)
    return data


def run_dict(run: ScoreRun | MonitorRun | RecheckRun) -> dict[str, Any]:
    tables: list[dict[str, Any]]
    if isinstance(run, ScoreRun):
        tables = [result_dict(r) for r in run.results]
    elif isinstance(run, MonitorRun):
        tables = [monitor_dict(r) for r in run.results]
    else:
        tables = [recheck_dict(r) for r in run.results]
    return {
        "schema_version": "1",
        "source": run.document.source,
        "tables": tables,
        "problems": [p.as_dict() for p in run.problems],
    }
