"""Display filters: labels for field names, actions, severities; values for diffs and JSON."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from jixiao.core.target import Target, TargetKind

register = template.Library()

FIELD_LABELS = {
    "project_name": _("Project name"),
    "project_code": _("Project code"),
    "project_type": _("Project type"),
    "project_level": _("Project level"),
    "department_name": _("Department"),
    "unit_name": _("Unit"),
    "period_start": _("Period start"),
    "period_end": _("Period end"),
    "budget_amount": _("Annual budget"),
    "budget_unit": _("Budget unit"),
    "period_goal": _("Overall goal for the period"),
    "annual_goal": _("Annual goal"),
    "level1": _("Level 1"),
    "level2": _("Level 2"),
    "name": _("Level 3 indicator"),
    "period_raw": _("Period target"),
    "annual_raw": _("Annual target"),
    "weight": _("Weight"),
    "status": _("Status"),
    "review_grade": _("Review grade"),
    "version": _("Version"),
    "reason": _("Reason"),
}
ACTION_LABELS = {
    "create": _("Created"),
    "import": _("Imported"),
    "demo": _("Demo data loaded"),
    "edit": _("Edited"),
    "submit": _("Submitted"),
    "department_approve": _("Approved by department"),
    "department_return": _("Returned by department"),
    "finance_approve": _("Approved by finance"),
    "finance_return": _("Returned by finance"),
    "adjust": _("Adjustment started"),
}
DIFF_LABELS = {
    "added": _("added"),
    "removed": _("removed"),
    "changed": _("changed"),
    "same": _("unchanged"),
}
SEVERITY_LABELS = {"error": _("error"), "warning": _("warning"), "info": _("info")}
KIND_LABELS = {
    "goal": _("goal table"),
    "selfeval": _("self-evaluation table"),
    "monitor": _("monitoring table"),
}


@register.filter
def field_label(name: str) -> Any:
    return FIELD_LABELS.get(name, name)


@register.filter
def action_label(name: str) -> Any:
    return ACTION_LABELS.get(name, name)


@register.filter
def diff_label(name: str) -> Any:
    return DIFF_LABELS.get(name, name)


@register.filter
def severity_label(severity: Any) -> Any:
    return SEVERITY_LABELS.get(str(severity), str(severity))


@register.filter
def kind_label(kind: Any) -> Any:
    return KIND_LABELS.get(str(kind), str(kind))


@register.filter
def show(value: Any) -> str:
    """A compared value as text: Decimals without trailing zeros, empty as —."""
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        value = value.normalize()
        return format(value, "f")
    return str(value)


@register.filter
def target_label(target: Target | None) -> str:
    if target is None or target.kind is TargetKind.NONE:
        return "—"
    if target.kind is TargetKind.QUALITATIVE:
        return str(_("qualitative"))
    if target.kind is TargetKind.RANGE:
        return f"{show(target.low)}–{show(target.high)} {target.unit or ''}".strip()
    op = target.op.symbol if target.op else "="
    return f"{op} {show(target.value)} {target.unit or ''}".strip()


@register.filter
def pretty_json(value: Any) -> str:
    if value is None:
        return "—"
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


def _flat(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        return {}
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "project" and isinstance(value, dict):
            out.update({f"project.{k}": v for k, v in value.items()})
        elif not isinstance(value, (dict, list)):
            out[key] = value
    return out


@register.filter
def audit_changes(entry: Any) -> list[tuple[Any, Any, Any]]:
    """Top-level fields that differ between an audit entry's before and after."""
    before, after = _flat(entry.before), _flat(entry.after)
    if not before:
        return []
    keys = [k for k in after if before.get(k) != after.get(k)]
    changes: list[tuple[Any, Any, Any]] = [
        (FIELD_LABELS.get(k, k), before.get(k), after.get(k)) for k in keys
    ]
    if isinstance(entry.before, dict) and isinstance(entry.after, dict):
        lb, la = entry.before.get("indicators"), entry.after.get("indicators")
        if isinstance(lb, list) and isinstance(la, list) and lb != la:
            changes.append((_("Performance indicators"), _count(lb), _count(la)))
    return changes


def _count(rows: list[Any]) -> str:
    return f"{len(rows)}: " + "、".join(
        f"{r.get('name')} {((r.get('annual_target') or {}).get('raw') or '')}".strip()
        for r in rows[:50]
        if isinstance(r, dict)
    )
