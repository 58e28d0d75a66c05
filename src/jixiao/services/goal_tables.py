# mypy: disable-error-code="no-any-return"
"""Goal tables (项目绩效目标表): create a draft from a core table, edit header and indicators.

The state changes (submit, review, approve, adjust) live in :mod:`jixiao.services.workflow`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jixiao.core.model import GoalTable as CoreTable
from jixiao.scoring.monitoring import CUMULATIVE, MEASURE_KEY, POINT_IN_TIME
from jixiao.services import audit, permissions
from jixiao.services.findings import store_findings
from jixiao.services.guards import NotAllowed, WorkflowError, actor, bump, locked, validate
from jixiao.services.targets import parse_target_text
from jixiao.storage import mapping
from jixiao.storage.models import GoalTable, IndicatorRow, Organisation, Status, TableVersion


def create_table(
    user: Any, organisation: Organisation, core: CoreTable, year: int, *, action: str = "create"
) -> GoalTable:
    """Store one core table as a new draft of ``organisation`` (caller holds the transaction)."""
    table = GoalTable.objects.create(organisation=organisation, year=year, status=Status.DRAFT)
    version = TableVersion(
        table=table, number=1, created_by=actor(user), **mapping.version_fields(core)
    )
    validate(version, ["table", "created_by"])
    version.save()
    rows = mapping.indicator_rows(core, version)
    for row in rows:
        validate(row, ["version"])
    IndicatorRow.objects.bulk_create(rows)
    store_findings(version)
    table.current_version = version
    table.save(update_fields=["current_version"])
    audit.record(user, action, table=table, after=audit.version_state(version))
    return table


# --- editing ------------------------------------------------------------------------------------

HEADER_FIELDS = (
    "project_name",
    "project_code",
    "project_type",
    "project_level",
    "department_name",
    "unit_name",
    "period_start",
    "period_end",
    "budget_amount",
    "period_goal",
    "annual_goal",
)


@dataclass
class RowInput:
    """One indicator row as typed in the edit form (``id`` of an existing row, or None)."""

    name: str
    level1: str = ""
    level2: str = ""
    period_raw: str = ""
    annual_raw: str = ""
    weight: Decimal | None = None
    id: int | None = None
    measure: str = ""  # 计量方式: "" (inferred from the name), 时点 or 累计 (docs/scoring.md)


MEASURES = ("", POINT_IN_TIME, CUMULATIVE)


@dataclass
class EditInput:
    header: dict[str, Any] = field(default_factory=dict)
    rows: list[RowInput] = field(default_factory=list)


def save_edit(user: Any, table: GoalTable, expected_lock: int, data: EditInput) -> GoalTable:
    """Replace the header fields and indicator rows of the current (unfrozen) version."""
    with transaction.atomic():
        table = locked(table, expected_lock)
        if not permissions.can_edit_table(user, table):
            raise NotAllowed(_("This table cannot be edited in its current state."))
        version = table.current_version
        assert version is not None
        if version.frozen:
            raise WorkflowError(_("An approved version is frozen; start an adjustment instead."))
        before = audit.version_state(version)
        for name in HEADER_FIELDS:
            if name in data.header:
                setattr(version, name, data.header[name])
        if "budget_amount" in data.header:
            version.budget_unit = "万元"  # the form edits in 万元
            version.budget_wan = version.budget_amount
        validate(version, ["table", "created_by"])
        version.save()
        _replace_rows(version, data.rows)
        store_findings(version)
        bump(table)
        audit.record(
            user,
            "edit",
            table=table,
            obj=version,
            before=before,
            after=audit.version_state(version),
        )
    return table


def _with_measure(extra: list[list[str]], measure: str) -> list[list[str]]:
    """The row's printed extra columns with its 计量方式 set (or removed when inferred)."""
    kept = [list(pair) for pair in extra if pair and pair[0] != MEASURE_KEY]
    return [*kept, [MEASURE_KEY, measure]] if measure else kept


def measure_of(extra: list[list[str]] | None) -> str:
    """The 计量方式 stored on a row, "" when it is left to the name's wording."""
    return next((p[1] for p in extra or [] if len(p) == 2 and p[0] == MEASURE_KEY), "")


def _replace_rows(version: TableVersion, rows: Sequence[RowInput]) -> None:
    existing = {r.pk: r for r in version.rows.all()}
    keep: list[IndicatorRow] = []
    new: list[IndicatorRow] = []
    for position, given in enumerate(rows, start=1):
        row = existing.pop(given.id, None) if given.id else None
        if row is None:
            row = IndicatorRow(version=version)
        row.position = position
        row.name = given.name.strip()
        row.level1 = given.level1.strip()
        row.level2 = given.level2.strip()
        row.weight = given.weight
        row.extra = _with_measure(row.extra or [], given.measure)
        for prefix, raw in (("annual", given.annual_raw), ("period", given.period_raw)):
            for column, value in mapping.target_columns(parse_target_text(raw), prefix).items():
                setattr(row, column, value)
        validate(row, ["version"])
        (keep if row.pk else new).append(row)
    if existing:
        IndicatorRow.objects.filter(pk__in=list(existing)).delete()
    if keep:
        columns = [f.name for f in IndicatorRow._meta.concrete_fields if not f.primary_key]
        IndicatorRow.objects.bulk_update(keep, [c for c in columns if c != "version"])
    IndicatorRow.objects.bulk_create(new)
