# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""Workflow actions: submit, review (department / finance), start an adjustment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jixiao.services import permissions, workflow
from jixiao.services.findings import findings_for
from jixiao.storage.models import Grade
from jixiao.web.views.common import posted_lock, table_or_404


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_or_404(request, pk)
    if not permissions.can_submit_table(request.user, table):
        raise PermissionDenied
    try:
        workflow.submit(request.user, table, posted_lock(request))
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Submitted for review."))
    return redirect("table-detail", pk=table.pk)


def review(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_or_404(request, pk)
    if not permissions.can_review_table(request.user, table):
        raise PermissionDenied
    version = table.current_version
    rows = list(version.rows.all()) if version else []
    findings = findings_for(version, rows, request.LANGUAGE_CODE) if version else None
    stage = "department" if permissions.can_dept_review_table(request.user, table) else "finance"
    error = ""
    if request.method == "POST":
        decision = request.POST.get("decision")
        data = workflow.ReviewInput(
            approve=decision == "approve",
            comment=request.POST.get("comment", ""),
            grade=request.POST.get("grade", ""),
            row_comments={
                r.pk: request.POST.get(f"row_{r.pk}", "")
                for r in rows
                if request.POST.get(f"row_{r.pk}")
            },
        )
        if decision not in ("approve", "return"):
            error = _("Choose approve or return.")
        else:
            try:
                workflow.review(request.user, table, data, posted_lock(request))
            except workflow.WorkflowError as exc:
                error = str(exc)
            else:
                messages.success(
                    request, _("Approved.") if data.approve else _("Returned to the unit.")
                )
                return redirect("table-detail", pk=table.pk)
    return render(
        request,
        "jixiao/table_review.html",
        {
            "table": table,
            "version": version,
            "rows": [(r, findings.by_row.get(r.pk, []) if findings else []) for r in rows],
            "findings": findings,
            "stage": stage,
            "grades": Grade.choices(),
            "error": error,
            "values": request.POST,
        },
        status=400 if error else 200,
    )


def adjust(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_or_404(request, pk)
    if not permissions.can_adjust_table(request.user, table):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        try:
            workflow.start_adjustment(
                request.user,
                table,
                request.POST.get("reason", ""),
                posted_lock(request),
            )
        except workflow.WorkflowError as exc:
            error = str(exc)
        else:
            messages.success(request, _("A new version was created for the adjustment."))
            return redirect("table-edit", pk=table.pk)
    return render(
        request,
        "jixiao/table_adjust.html",
        {"table": table, "error": error},
        status=400 if error else 200,
    )
