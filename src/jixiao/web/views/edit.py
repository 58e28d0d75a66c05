# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""Edit a goal table's header and indicator rows; the live target-parse endpoint."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from jixiao.services import goal_tables, permissions, targets, workflow
from jixiao.services.findings import findings_for
from jixiao.web.views.common import decimal_or_none, int_or_none, table_or_404


def _form_input(request: HttpRequest) -> tuple[goal_tables.EditInput, list[str]]:
    """Read the posted header fields and the parallel row lists; collect input errors."""
    post = request.POST
    errors: list[str] = []
    header: dict[str, Any] = {}
    for name in goal_tables.HEADER_FIELDS:
        value = post.get(name, "").strip()
        if name in ("period_start", "period_end"):
            header[name] = int_or_none(value) if value else None
            if value and header[name] is None:
                errors.append(_("The period years must be whole numbers."))
        elif name == "budget_amount":
            try:
                header[name] = decimal_or_none(value)
            except ValueError:
                errors.append(_("The budget must be a number (万元)."))
        else:
            header[name] = value
    rows: list[goal_tables.RowInput] = []
    lists = {
        k: post.getlist(k)
        for k in ("row_id", "level1", "level2", "name", "period", "annual", "weight", "measure")
    }
    for i, name in enumerate(lists["name"]):

        def cell(key: str, i: int = i) -> str:
            values = lists[key]
            return values[i].strip() if i < len(values) else ""

        if not any(cell(k) for k in ("level1", "level2", "name", "period", "annual", "weight")):
            continue  # an empty new row is ignored
        if not name.strip():
            errors.append(_("Row %(n)s: the indicator name is required.") % {"n": i + 1})
        try:
            weight = decimal_or_none(cell("weight"))
        except ValueError:
            errors.append(_("Row %(n)s: the weight must be a number.") % {"n": i + 1})
            weight = None
        measure = cell("measure")
        if measure not in goal_tables.MEASURES:
            errors.append(_("Row %(n)s: unknown measure.") % {"n": i + 1})
            measure = ""
        rows.append(
            goal_tables.RowInput(
                id=int_or_none(cell("row_id")),
                level1=cell("level1"),
                level2=cell("level2"),
                name=name.strip(),
                period_raw=cell("period"),
                annual_raw=cell("annual"),
                weight=weight,
                measure=measure,
            )
        )
    return goal_tables.EditInput(header=header, rows=rows), errors


def table_edit(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_or_404(request, pk)
    if not permissions.can_edit_table(request.user, table):
        raise PermissionDenied
    version = table.current_version
    errors: list[str] = []
    conflict = False
    if request.method == "POST":
        data, errors = _form_input(request)
        expected = int_or_none(request.POST.get("lock_version"))
        if not errors:
            try:
                goal_tables.save_edit(
                    request.user, table, expected if expected is not None else -1, data
                )
            except workflow.ConflictError as exc:
                conflict = True
                errors.append(str(exc))
            except workflow.WorkflowError as exc:
                errors.append(str(exc))
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                messages.success(request, _("Saved."))
                return redirect("table-detail", pk=table.pk)
        status = 409 if conflict else 400
        return render(
            request,
            "jixiao/table_edit.html",
            {
                "table": table,
                "version": version,
                "posted": _posted_rows(request),
                "errors": errors,
                "values": request.POST,
                "lock_version": request.POST.get("lock_version"),
                "conflict": conflict,
            },
            status=status,
        )
    rows = _stored_rows(request, version) if version else []
    values = {name: getattr(version, name) for name in goal_tables.HEADER_FIELDS} if version else {}
    if values.get("budget_amount") is not None:
        values["budget_amount"] = format(values["budget_amount"].normalize(), "f")
    return render(
        request,
        "jixiao/table_edit.html",
        {
            "table": table,
            "version": version,
            "posted": rows,
            "errors": errors,
            "values": values,
            "lock_version": table.lock_version,
        },
    )


def _stored_rows(request: HttpRequest, version: Any) -> list[dict[str, Any]]:
    """The version's rows for the form, each with its review comments and rule findings."""
    rows = list(version.rows.all())
    notes: dict[int, list[tuple[str, str, str]]] = {}
    for c in version.comments.filter(indicator__isnull=False):
        notes.setdefault(c.indicator_id, []).append(("comment", c.get_stage_display(), c.text))
    for row_id, views in findings_for(version, rows, request.LANGUAGE_CODE).by_row.items():
        for f in views:
            notes.setdefault(row_id, []).append((f"finding sev-{f.severity}", f.code, f.message))
    return [
        {
            "id": r.pk,
            "level1": r.level1,
            "level2": r.level2,
            "name": r.name,
            "period": r.period_raw,
            "annual": r.annual_raw,
            "weight": "" if r.weight is None else format(r.weight.normalize(), "f"),
            "measure": goal_tables.measure_of(r.extra),
            "notes": notes.get(r.pk, []),
        }
        for r in rows
    ]


def _posted_rows(request: HttpRequest) -> list[dict[str, str]]:
    post = request.POST
    keys = ("row_id", "level1", "level2", "name", "period", "annual", "weight", "measure")
    lists = {k: post.getlist(k) for k in keys}
    count = len(lists["name"])
    return [
        {("id" if k == "row_id" else k): (lists[k][i] if i < len(lists[k]) else "") for k in keys}
        for i in range(count)
    ]


@require_GET
def target_preview(request: HttpRequest) -> JsonResponse:
    """``/api/target/?raw=≥90%`` → how the grammar reads it (op / value / unit / kind)."""
    raw = request.GET.get("raw", "")[:300]
    return JsonResponse({"ok": True, "target": targets.target_preview(raw)})
