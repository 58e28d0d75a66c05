"""The one module converting between ORM rows and the core records.

``version_fields(table)`` and ``indicator_rows(table)`` give the column values of a
:class:`~jixiao.core.model.GoalTable`; ``to_core(version, rows)`` rebuilds it. A round trip keeps
every field (Decimals compare equal; trailing zeros the database adds are dropped).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from jixiao.core.model import Budget, FundingRow, GoalTable, Header, Indicator, Period, TableKind
from jixiao.core.money import Amount, MoneyUnit, normalize
from jixiao.core.source import SourceLocation
from jixiao.core.target import NO_TARGET, Op, Target, TargetKind
from jixiao.storage.models import IndicatorRow, TableVersion

TARGET_FIELDS = ("raw", "kind", "op", "value", "low", "high", "unit", "text")


# --- small converters -------------------------------------------------------------------------


def _dec_out(value: Decimal | None) -> Decimal | None:
    return None if value is None else normalize(Decimal(value))


def _dec_str(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _dec_in(value: Any) -> Decimal | None:
    return None if value in (None, "") else normalize(Decimal(str(value)))


def _amount_dict(amount: Amount | None) -> dict[str, str] | None:
    if amount is None:
        return None
    return {"value": format(amount.value, "f"), "unit": amount.unit.value}


def _amount_in(data: Mapping[str, str] | None) -> Amount | None:
    if not data:
        return None
    return Amount(normalize(Decimal(data["value"])), MoneyUnit(data["unit"]))


def source_dict(source: SourceLocation | None) -> dict[str, Any] | None:
    return None if source is None else source.as_dict()


def source_in(data: Mapping[str, Any] | None) -> SourceLocation | None:
    if not data:
        return None
    return SourceLocation(
        file=data["file"],
        sheet=data.get("sheet"),
        page=data.get("page"),
        line=data.get("line"),
        row=data.get("row"),
        column=data.get("column"),
    )


def target_columns(target: Target, prefix: str) -> dict[str, Any]:
    """Column values ``{prefix}_raw`` … ``{prefix}_text`` of one target."""
    return {
        f"{prefix}_raw": target.raw,
        f"{prefix}_kind": target.kind.value,
        f"{prefix}_op": target.op.value if target.op else "",
        f"{prefix}_value": target.value,
        f"{prefix}_low": target.low,
        f"{prefix}_high": target.high,
        f"{prefix}_unit": target.unit or "",
        f"{prefix}_text": target.text or "",
    }


def target_from_columns(row: Any, prefix: str) -> Target:
    kind = TargetKind(getattr(row, f"{prefix}_kind") or "none")
    raw = getattr(row, f"{prefix}_raw") or ""
    if kind is TargetKind.NONE and not raw:
        return NO_TARGET
    op = getattr(row, f"{prefix}_op")
    return Target(
        raw=raw,
        kind=kind,
        op=Op(op) if op else None,
        value=_dec_out(getattr(row, f"{prefix}_value")),
        low=_dec_out(getattr(row, f"{prefix}_low")),
        high=_dec_out(getattr(row, f"{prefix}_high")),
        unit=getattr(row, f"{prefix}_unit") or None,
        text=getattr(row, f"{prefix}_text") or None,
    )


def _target_json(target: Target | None) -> dict[str, Any] | None:
    if target is None:
        return None
    data = target.as_dict()
    data.pop("direction", None)
    return data


def _target_from_json(data: Mapping[str, Any] | None) -> Target | None:
    if data is None:
        return None
    return Target(
        raw=data.get("raw") or "",
        kind=TargetKind(data["kind"]),
        op=Op(data["op"]) if data.get("op") else None,
        value=_dec_in(data.get("value")),
        low=_dec_in(data.get("low")),
        high=_dec_in(data.get("high")),
        unit=data.get("unit"),
        text=data.get("text"),
    )


# --- budget -----------------------------------------------------------------------------------


def _funding_row_json(row: FundingRow) -> dict[str, Any]:
    return {
        "label": row.label,
        "initial": _amount_dict(row.initial),
        "budget": _amount_dict(row.budget),
        "executed": _amount_dict(row.executed),
        "rate": _dec_str(row.rate),
        "weight": _dec_str(row.weight),
        "score": _dec_str(row.score),
        "source": source_dict(row.source),
    }


def _funding_row_in(data: Mapping[str, Any]) -> FundingRow:
    return FundingRow(
        label=data["label"],
        initial=_amount_in(data.get("initial")),
        budget=_amount_in(data.get("budget")),
        executed=_amount_in(data.get("executed")),
        rate=_dec_in(data.get("rate")),
        weight=_dec_in(data.get("weight")),
        score=_dec_in(data.get("score")),
        source=source_in(data.get("source")),
    )


def _budget_detail(budget: Budget) -> dict[str, Any]:
    return {
        "initial": _amount_dict(budget.initial),
        "adjusted": _amount_dict(budget.adjusted),
        "executed": _amount_dict(budget.executed),
        "rate": _dec_str(budget.rate),
        "weight": _dec_str(budget.weight),
        "score": _dec_str(budget.score),
        "reason": budget.reason,
        "rows": [_funding_row_json(r) for r in budget.rows],
        "source": source_dict(budget.source),
    }


def _budget_in(version: TableVersion) -> Budget:
    detail: Mapping[str, Any] = version.budget_detail or {}
    amount = None
    if version.budget_amount is not None:
        amount = Amount(
            _dec_out(version.budget_amount) or Decimal(0), MoneyUnit(version.budget_unit)
        )
    return Budget(
        amount=amount,
        initial=_amount_in(detail.get("initial")),
        adjusted=_amount_in(detail.get("adjusted")),
        executed=_amount_in(detail.get("executed")),
        rate=_dec_in(detail.get("rate")),
        weight=_dec_in(detail.get("weight")),
        score=_dec_in(detail.get("score")),
        reason=detail.get("reason"),
        rows=tuple(_funding_row_in(r) for r in detail.get("rows", [])),
        source=source_in(detail.get("source")),
    )


# --- core → columns ---------------------------------------------------------------------------


def _wan_column(amount: Amount | None) -> Decimal | None:
    """The amount in 万元 for lists and sums, to 0.01 元 (the exact figure stays in its unit)."""
    if amount is None:
        return None
    return normalize(amount.in_wan().quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP))


def version_fields(table: GoalTable) -> dict[str, Any]:
    """Header column values of a :class:`TableVersion` for a core table."""
    h = table.header
    amount = h.budget.amount
    return {
        "table_kind": table.kind.value,
        "title": table.title or "",
        "project_name": h.name or "",
        "project_code": h.code or "",
        "project_type": h.type or "",
        "project_level": h.level or "",
        "department_name": h.department or "",
        "unit_name": h.unit or "",
        "year": h.year,
        "period_start": h.period.start,
        "period_end": h.period.end,
        "budget_amount": amount.value if amount else None,
        "budget_unit": amount.unit.value if amount else MoneyUnit.WAN.value,
        "budget_wan": _wan_column(amount),
        "budget_detail": _budget_detail(h.budget),
        "period_goal": h.period_goal or "",
        "annual_goal": h.annual_goal or "",
        "annual_result": h.annual_result or "",
        "total_score": table.total_score,
        "complete": table.complete,
        "extra": [list(p) for p in h.extra],
        "sources": {key: loc.as_dict() for key, loc in h.sources},
        "source": source_dict(table.source),
    }


def indicator_fields(ind: Indicator) -> dict[str, Any]:
    """Column values of one :class:`IndicatorRow` (without version and position)."""
    return {
        "level1": ind.level1 or "",
        "level2": ind.level2 or "",
        "name": ind.name,
        **target_columns(ind.annual_target, "annual"),
        **target_columns(ind.period_target, "period"),
        "weight": ind.weight,
        "evaluation": {
            "actual": _target_json(ind.actual),
            "score": _dec_str(ind.score),
            "deviation": ind.deviation,
            "forecast": _target_json(ind.forecast),
            "likelihood": ind.likelihood,
        },
        "extra": [list(p) for p in ind.extra],
        "source": source_dict(ind.source),
    }


def indicator_rows(table: GoalTable, version: TableVersion) -> list[IndicatorRow]:
    """Unsaved rows of ``version`` for the table's indicators, in order."""
    return [
        IndicatorRow(version=version, position=i, **indicator_fields(ind))
        for i, ind in enumerate(table.indicators, start=1)
    ]


# --- columns → core ---------------------------------------------------------------------------


def _pairs(data: Iterable[Any]) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in data)


def to_indicator(row: IndicatorRow) -> Indicator:
    evaluation: Mapping[str, Any] = row.evaluation or {}
    return Indicator(
        level1=row.level1 or None,
        level2=row.level2 or None,
        name=row.name,
        annual_target=target_from_columns(row, "annual"),
        period_target=target_from_columns(row, "period"),
        weight=_dec_out(row.weight),
        actual=_target_from_json(evaluation.get("actual")),
        score=_dec_in(evaluation.get("score")),
        deviation=evaluation.get("deviation"),
        forecast=_target_from_json(evaluation.get("forecast")),
        likelihood=evaluation.get("likelihood"),
        source=source_in(row.source),
        extra=_pairs(row.extra or []),
    )


def to_header(version: TableVersion) -> Header:
    return Header(
        name=version.project_name or None,
        code=version.project_code or None,
        type=version.project_type or None,
        level=version.project_level or None,
        department=version.department_name or None,
        unit=version.unit_name or None,
        period=Period(version.period_start, version.period_end),
        budget=_budget_in(version),
        period_goal=version.period_goal or None,
        annual_goal=version.annual_goal or None,
        annual_result=version.annual_result or None,
        year=version.year,
        extra=_pairs(version.extra or []),
        sources=tuple(
            (key, loc)
            for key, data in (version.sources or {}).items()
            if (loc := source_in(data)) is not None
        ),
    )


def to_core(version: TableVersion, rows: Iterable[IndicatorRow] | None = None) -> GoalTable:
    """The core :class:`GoalTable` of a stored version (rows fetched when not given)."""
    if rows is None:
        rows = version.rows.all()
    return GoalTable(
        kind=TableKind(version.table_kind),
        header=to_header(version),
        indicators=tuple(to_indicator(r) for r in rows),
        total_score=_dec_out(version.total_score),
        complete=version.complete,
        title=version.title or None,
        source=source_in(version.source),
    )
