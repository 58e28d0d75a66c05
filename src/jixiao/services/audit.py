# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""The audit log: every change recorded with who, when, what, and before/after snapshots."""

from __future__ import annotations

from typing import Any

from jixiao.core.serialize import table_dict
from jixiao.storage.mapping import to_core
from jixiao.storage.models import AuditLog, GoalTable, TableVersion


def table_state(table: GoalTable) -> dict[str, Any]:
    return {
        "status": table.status,
        "review_grade": table.review_grade,
        "version": table.current_version.number if table.current_version else None,
        "lock_version": table.lock_version,
    }


def version_state(version: TableVersion) -> dict[str, Any]:
    """A version as JSON (the ``jixiao parse --json`` table shape), for before/after."""
    data = table_dict(to_core(version))
    data.pop("source", None)
    for ind in data["indicators"]:
        ind.pop("source", None)
    return {"number": version.number, "kind": version.kind, "frozen": version.frozen, **data}


def record(
    user: Any,
    action: str,
    *,
    table: GoalTable | None = None,
    obj: Any = None,
    before: Any = None,
    after: Any = None,
) -> AuditLog:
    target = obj if obj is not None else table
    return AuditLog.objects.create(
        user=user if getattr(user, "pk", None) else None,
        username=getattr(user, "username", "") or "",
        action=action,
        table=table,
        object_type=type(target).__name__ if target is not None else "",
        object_id=str(getattr(target, "pk", "") or ""),
        before=before,
        after=after,
    )
