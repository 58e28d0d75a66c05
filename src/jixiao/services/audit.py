# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""The audit log: every change recorded with who, when, what, and before/after snapshots."""

from __future__ import annotations

from typing import Any

from jixiao.core.serialize import table_dict
from jixiao.storage.chain import seal
from jixiao.storage.mapping import to_core
from jixiao.storage.models import AccessLog, AuditLog, GoalTable, TableVersion


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
    entry = AuditLog(
        user=user if getattr(user, "pk", None) else None,
        username=getattr(user, "username", "") or "",
        action=action,
        table=table,
        object_type=type(target).__name__ if target is not None else "",
        object_id=str(getattr(target, "pk", "") or ""),
        before=before,
        after=after,
    )
    seal(entry)  # the next link of the tamper-evident chain
    return entry


def access(user: Any, action: str, ip: str, **detail: Any) -> AccessLog:
    """A login, failed login, logout, password change or download, chained like the changes."""
    entry = AccessLog(
        user=user if getattr(user, "pk", None) else None,
        username=(getattr(user, "username", "") or detail.pop("username", ""))[:150],
        action=action,
        ip=ip[:45],
        detail=detail,
    )
    seal(entry)
    return entry
