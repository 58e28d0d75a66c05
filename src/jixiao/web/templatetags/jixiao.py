# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""Display filters: labels for field names, actions, severities; values for diffs and JSON."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language
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
    "budget_unit": _("Amount unit"),
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
    # self-evaluation and monitoring rounds
    "total_score": _("Total score"),
    "grade": _("Grade"),
    "executed": _("Executed (万元)"),
    "month": _("Month"),
    "kind": _("Kind"),
    "light": _("Light"),
}
OP_SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}
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
    "evaluation_save": _("Self-evaluation saved"),
    "evaluation_submit": _("Self-evaluation submitted"),
    "evaluation_department_approve": _("Self-evaluation approved by department"),
    "evaluation_finance_approve": _("Self-evaluation approved by finance"),
    "evaluation_return": _("Self-evaluation returned"),
    "monitoring_save": _("Monitoring saved"),
    "monitoring_submit": _("Monitoring submitted"),
    "monitoring_department_approve": _("Monitoring approved by department"),
    "monitoring_finance_approve": _("Monitoring approved by finance"),
    "monitoring_return": _("Monitoring returned"),
    "evaluation_follow_adjustment": _("Evaluation moved to the adjusted targets"),
}
DIFF_LABELS = {
    "added": _("added"),
    "removed": _("removed"),
    "changed": _("changed"),
    "same": _("unchanged"),
}
LIGHT_LABELS = {
    "red": _("red"),
    "yellow": _("yellow"),
    "green": _("green"),
    "blue": _("blue"),
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
def problem_title(code: Any) -> str:
    """The registered title of a problem code in the page's language (docs/problems.md)."""
    from django.utils.translation import gettext

    from jixiao.core.problems import registered_codes

    found = registered_codes().get(str(code))
    return gettext(found.title) if found is not None else ""


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
        return f"{show(target.low)}–{show(target.high)}{target.unit or ''}"
    op = f"{target.op.symbol} " if target.op else ""
    return f"{op}{show(target.value)}{target.unit or ''}"


@register.filter
def pretty_json(value: Any) -> str:
    if value is None:
        return "—"
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


HIDDEN = {"lock_version", "kind", "complete", "total_score", "title", "year"}


def _flat(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        return {}
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "project" and isinstance(value, dict):
            out.update({f"project.{k}": v for k, v in value.items() if k != "period"})
        elif key == "goals" and isinstance(value, dict):
            out.update({f"goals.{k}": v for k, v in value.items()})
        elif key == "budget" and isinstance(value, dict):
            out["budget"] = value.get("amount")
        elif key not in HIDDEN and not isinstance(value, (dict, list)):
            out[key] = value
    return out


VALUE_LABELS: dict[str, Any] = {
    "draft": _("Draft"),
    "submitted": _("Submitted"),
    "dept_approved": _("Approved by department"),
    "approved": _("Approved by finance"),
    "returned": _("Returned"),
}
KEY_LABELS = {
    "project.name": "project_name",
    "project.code": "project_code",
    "project.type": "project_type",
    "project.level": "project_level",
    "project.department": "department_name",
    "project.unit": "unit_name",
    "goals.period": "period_goal",
    "goals.annual": "annual_goal",
    "budget": "budget_amount",
}


def _label(key: str) -> Any:
    return FIELD_LABELS.get(KEY_LABELS.get(key, key), key)


def _value(value: Any) -> Any:
    return VALUE_LABELS.get(value, value) if isinstance(value, str) else value


@register.filter
def audit_changes(entry: Any) -> list[tuple[Any, Any, Any]]:
    """What an audit entry changed: header fields, then indicators added, removed or changed."""
    before, after = _flat(entry.before), _flat(entry.after)
    if not before:
        return []
    changes: list[tuple[Any, Any, Any]] = [
        (_label(k), _value(before.get(k)), _value(after.get(k)))
        for k in after
        if before.get(k) != after.get(k)
    ]
    old = entry.before.get("indicators") if isinstance(entry.before, dict) else None
    new = entry.after.get("indicators") if isinstance(entry.after, dict) else None
    if isinstance(old, list) and isinstance(new, list):
        changes.extend(_indicator_changes(old, new))
    comments = entry.after.get("comments") if isinstance(entry.after, dict) else None
    for c in comments if isinstance(comments, list) else []:
        if isinstance(c, dict):
            where = f" · {c.get('indicator')}" if c.get("indicator") else ""
            changes.append((f"{_('Review comment')}{where}", None, c.get("text", "")))
    return changes


def _indicator_text(row: dict[str, Any]) -> str:
    annual = (row.get("annual_target") or {}).get("raw") or ""
    weight = row.get("weight")
    return f"{annual}" + (f" ({weight})" if weight else "")


def _indicator_changes(old: list[Any], new: list[Any]) -> list[tuple[Any, Any, Any]]:
    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        return (row.get("level1"), row.get("level2"), row.get("name"))

    before = {key(r): r for r in old if isinstance(r, dict)}
    after = {key(r): r for r in new if isinstance(r, dict)}
    out: list[tuple[Any, Any, Any]] = []
    for k, row in after.items():
        if k not in before:
            out.append((f"+ {row.get('name')}", None, _indicator_text(row)))
        elif _indicator_text(before[k]) != _indicator_text(row) or before[k] != row:
            out.append((row.get("name"), _indicator_text(before[k]), _indicator_text(row)))
    for k, row in before.items():
        if k not in after:
            out.append((f"− {row.get('name')}", _indicator_text(row), None))
    if not out and [key(r) for r in old] != [key(r) for r in new]:
        out.append((_("Performance indicators"), _("order"), _("new order")))
    return out


@register.filter
def op_symbol(op: str) -> str:
    return OP_SYMBOLS.get(op or "", op or "")


@register.filter
def where(location: Any) -> str:
    """A source location in words, without its file name (the page already names the file):
    ``工作表 项目1 第13行 第4列`` / ``第1页 第13行``; English pages keep ``p1:r13:c4``."""
    if location is None:
        return ""
    if (get_language() or "zh").startswith("en"):
        text = str(location.short())
        prefix = f"{location.file}:"
        return text[len(prefix) :] if text.startswith(prefix) else text
    parts = []
    if location.sheet is not None:
        parts.append(f"工作表 {location.sheet}")
    if location.page is not None:
        parts.append(f"第{location.page}页")
    if location.line is not None:
        parts.append(f"第{location.line}行")
    elif location.row is not None:
        parts.append(f"第{location.row}行")
    if location.column is not None:
        parts.append(f"第{location.column}列")
    return " ".join(parts)


@register.inclusion_tag("jixiao/_barchart.html")
def barchart(rows: Any, unit: str = "", link: str = "", css: str = "") -> dict[str, Any]:
    """Horizontal bars as inline SVG: ``rows`` are (label, value, key) triples."""
    items = [(str(label), Decimal(str(value or 0)), key) for label, value, key in rows]
    top = max((v for _, v, _ in items), default=Decimal(0)) or Decimal(1)
    bar_height, gap, label_width, width = 20, 6, 150, 460
    bars = []
    for i, (label, value, key) in enumerate(items):
        length = int((width - label_width - 95) * value / top)
        bars.append(
            {
                "y": i * (bar_height + gap),
                "text_y": i * (bar_height + gap) + bar_height * 0.7,
                "label": label if len(label) <= 12 else label[:11] + "…",
                "full": label,
                "value": show(value),
                "length": max(length, 1 if value else 0),
                "key": key,
                "value_x": label_width + max(length, 0) + 6,
            }
        )
    return {
        "bars": bars,
        "unit": unit,
        "link": link,
        "css": css,
        "height": max(len(items) * (bar_height + gap), bar_height),
        "width": width,
        "label_width": label_width,
        "bar_height": bar_height,
    }


@register.filter
def show_blank(value: Any) -> str:
    """Like ``show`` but empty for a missing value (form fields)."""
    return "" if value is None or value == "" else show(value)


@register.filter
def light_label(light: Any) -> Any:
    return LIGHT_LABELS.get(str(light or ""), "—")
