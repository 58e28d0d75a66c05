# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""Import: upload (with progress), preview with every problem, confirm or discard."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jixiao.core.problems import Severity
from jixiao.services import imports
from jixiao.services.workflow import WorkflowError
from jixiao.storage import queries
from jixiao.web.views.common import int_or_none


def upload(request: HttpRequest) -> HttpResponse:
    units = queries.import_targets(request.user)
    if not units.exists():
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        file = request.FILES.get("file")
        if file is None:
            error = _("Choose a file to upload.")
        else:
            try:
                staged = imports.stage_upload(request.user, file.name, file.chunks())
            except imports.ImportFailed as exc:
                error = str(exc)
            else:
                url = reverse("import-preview", args=[staged.token])
                if request.headers.get("x-requested-with") == "XMLHttpRequest":
                    return JsonResponse({"ok": True, "redirect": url})
                return redirect(url)
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return JsonResponse({"ok": False, "errors": [error]}, status=400)
    return render(
        request, "jixiao/import_upload.html", {"error": error}, status=400 if error else 200
    )


def _staged_or_404(request: HttpRequest, token: str) -> imports.StagedUpload:
    try:
        return imports.staged(request.user, token)
    except imports.UploadNotFound as exc:
        raise Http404(str(exc)) from exc


def preview(request: HttpRequest, token: str) -> HttpResponse:
    staged = _staged_or_404(request, token)
    try:
        document = imports.preview(staged)
    except imports.ParseBusy as exc:  # a busy server answers at once, never holds a thread
        response = render(request, "jixiao/import_upload.html", {"error": str(exc)}, status=503)
        response["Retry-After"] = "5"
        return response
    units = list(queries.import_targets(request.user))
    problems = sorted(
        document.problems,
        key=lambda p: ({Severity.ERROR: 0, Severity.WARNING: 1}.get(p.severity, 2), p.table or 0),
    )
    return render(
        request,
        "jixiao/import_preview.html",
        {
            "staged": staged,
            "document": document,
            "problems": problems,
            "units": units,
            "year": imports.default_year(document),
            "error_count": sum(1 for p in problems if p.severity is Severity.ERROR),
        },
    )


@require_POST
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    staged = _staged_or_404(request, token)
    unit = (
        queries.import_targets(request.user)
        .filter(pk=int_or_none(request.POST.get("organisation")))
        .first()
    )
    if unit is None:
        messages.error(request, _("Choose the unit the tables belong to."))
        return redirect("import-preview", token=token)
    try:
        created = imports.confirm_import(
            request.user, staged, unit, int_or_none(request.POST.get("year"))
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("import-preview", token=token)
    messages.success(
        request,
        _("%(n)s table(s) saved as drafts of %(unit)s.") % {"n": len(created), "unit": unit},
    )
    if len(created) == 1:
        return redirect("table-detail", pk=created[0].pk)
    return redirect(f"{reverse('table-list')}?organisation={unit.pk}")


@require_POST
def discard(request: HttpRequest, token: str) -> HttpResponse:
    imports.discard(_staged_or_404(request, token))
    messages.info(request, _("The upload was discarded; nothing was saved."))
    return redirect("import-upload")
