# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""Self-evaluation (单位自评) and monitoring (绩效运行监控): enter values, see scores or lights as
you type, upload the fill-in sheet, submit, review, download the filled table.

Every view takes ``kind`` (selfeval / monitor) and ``month`` (0 for the self-evaluation) from
the URL (see ``urls.py``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jixiao.core.problems import has_errors
from jixiao.io.writers import ExportOptions, get_exporter
from jixiao.services import (
    evaluation_files,
    evaluation_rounds,
    evaluation_scores,
    funding,
    permissions,
    workflow,
)
from jixiao.storage.models import GoalTable, TableVersion
from jixiao.web import tabular
from jixiao.web.explain_zh import localise_view
from jixiao.web.views.common import decimal_or_none, posted_lock, table_or_404
from jixiao.web.views.downloads import exported

LEVELS = ("达成", "部分达成", "未达成")
FUNDING_LABELS = ("其中：财政拨款", "上年结转", "其他资金")
LIKELIHOOD = ("确定能", "有可能", "完全不可能")
ACTIONS = ("score", "submit", "review", "download", "template", "upload")


def round_urls(table: GoalTable, kind: str, month: int) -> dict[str, str]:
    """The URLs of one round's page and actions."""
    if kind == evaluation_scores.MONITOR:
        args: list[Any] = [table.pk, month]
        prefix = "monitoring"
    else:
        args, prefix = [table.pk], "evaluation"
    urls = {"page": reverse(prefix, args=args)}
    for action in ACTIONS:
        if action != "download":
            urls[action] = reverse(f"{prefix}-{action}", args=args)
    return urls


def download_links(table: GoalTable, kind: str, month: int) -> list[tuple[str, str]]:
    args: list[Any] = [table.pk, month] if kind == evaluation_scores.MONITOR else [table.pk]
    prefix = "monitoring" if kind == evaluation_scores.MONITOR else "evaluation"
    return [
        (label, reverse(f"{prefix}-download", args=[*args, fmt]))
        for fmt, label in (("xlsx", "Excel"), ("docx", "Word"), ("pdf", "PDF"))
    ]


def _context(request: HttpRequest, pk: int, kind: str, month: int) -> tuple[Any, ...]:
    table = table_or_404(request, pk)
    if kind == evaluation_scores.MONITOR and not 1 <= month <= 12:
        raise Http404("no such month")
    evaluation = evaluation_rounds.find_evaluation(table, kind, month)
    version: TableVersion | None = evaluation.version if evaluation else table.approved_version
    if version is None:
        raise Http404("the table has no approved version to evaluate")
    return table, evaluation, version, list(version.rows.all())


def _form(
    request: HttpRequest, rows: list[Any]
) -> tuple[evaluation_scores.EvaluationInput, list[str]]:
    post = request.POST
    errors: list[str] = []
    amounts = {}
    names = ["budget", "executed"]
    names += [f"{part}_{source}" for source in funding.SOURCES for part in ("budget", "executed")]
    for name in names:
        try:
            amounts[name] = decimal_or_none(post.get(name))
        except ValueError:
            amounts[name] = None
            message = _("The budget figures must be numbers in 万元, such as 42.8 or 1200.")
            if message not in errors:
                errors.append(message)

    def pick(name: str, allowed: tuple[str, ...]) -> str:
        value = post.get(name, "")
        return value if value in allowed else ""

    data = evaluation_scores.EvaluationInput(
        entries={
            r.pk: evaluation_scores.EntryInput(
                actual=post.get(f"actual_{r.pk}", "")[:300],
                level=pick(f"level_{r.pk}", LEVELS),
                reason=post.get(f"reason_{r.pk}", ""),
                forecast=post.get(f"forecast_{r.pk}", "")[:300],
                likelihood=pick(f"likelihood_{r.pk}", LIKELIHOOD),
            )
            for r in rows
        },
        budget=amounts["budget"],
        executed=amounts["executed"],
        budget_reason=post.get("budget_reason", ""),
        funding={
            source: funding.FundingInput(amounts[f"budget_{source}"], amounts[f"executed_{source}"])
            for source in funding.SOURCES
        },
    )
    return data, errors


def evaluation_page(request: HttpRequest, pk: int, kind: str, month: int = 0) -> HttpResponse:
    table, evaluation, version, rows = _context(request, pk, kind, month)
    editable = permissions.can_evaluate_table(request.user, table, evaluation)
    urls = round_urls(table, kind, month)
    errors: list[str] = []
    conflict = False
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        data, errors = _form(request, rows)
        if not errors:
            try:
                lock = posted_lock(request)
                evaluation_rounds.save_evaluation(request.user, table, lock, data, kind, month)
            except workflow.ConflictError as exc:
                conflict = True
                errors.append(str(exc))
            except workflow.WorkflowError as exc:
                errors.append(str(exc))
            else:
                messages.success(request, _("Saved."))
                return redirect(urls["page"])
    else:
        data = (
            evaluation_rounds.evaluation_input_of(evaluation)
            if evaluation
            else evaluation_scores.EvaluationInput()
        )
    view = evaluation_scores.compute_scores(version, rows, data, kind, month)
    view = localise_view(view, request.LANGUAGE_CODE)
    return render(
        request,
        "jixiao/evaluation.html",
        {
            "table": table,
            "evaluation": evaluation,
            "version": version,
            "kind": kind,
            "month": month,
            "months": range(1, 13),
            "monitor": kind == evaluation_scores.MONITOR,
            "urls": urls,
            "rows": [
                (r, data.entries.get(r.pk) or evaluation_scores.EntryInput(), view.rows[r.pk])
                for r in rows
            ],
            "data": data,
            "funding_rows": [
                (source, label, data.funding.get(source) or funding.FundingInput())
                for source, label in zip(funding.SOURCES, FUNDING_LABELS, strict=True)
            ],
            "view": view,
            "levels": LEVELS,
            "likelihoods": LIKELIHOOD,
            "editable": editable,
            "can_review": permissions.can_review_evaluation(request.user, table, evaluation),
            "errors": errors,
            "conflict": conflict,
            "downloads": download_links(table, kind, month),
        },
        status=409 if conflict else (400 if errors else 200),
    )


def monitoring_latest(request: HttpRequest, pk: int) -> HttpResponse:
    """The latest monitoring round of a table, or the current month's."""
    table = table_or_404(request, pk)
    latest = table.evaluations.filter(kind=evaluation_scores.MONITOR).order_by("-month").first()
    month = latest.month if latest else timezone.localdate().month
    return redirect("monitoring", pk=table.pk, month=month)


@require_POST
def evaluation_score(request: HttpRequest, pk: int, kind: str, month: int = 0) -> JsonResponse:
    """Live scores or lights for the form as typed (nothing saved)."""
    table, evaluation, version, rows = _context(request, pk, kind, month)
    if not permissions.can_evaluate_table(request.user, table, evaluation):
        raise PermissionDenied
    data, errors = _form(request, rows)
    if errors:
        return JsonResponse({"ok": False, "errors": errors}, status=400)
    view = evaluation_scores.compute_scores(version, rows, data, kind, month)
    view = localise_view(view, request.LANGUAGE_CODE)
    rates = {source: given.rate for source, given in data.funding.items()}
    shown = {source: None if rate is None else format(rate, "f") for source, rate in rates.items()}
    return JsonResponse({"ok": True, **view.as_dict(), "funding": shown})


@require_POST
def evaluation_submit(request: HttpRequest, pk: int, kind: str, month: int = 0) -> HttpResponse:
    table, _evaluation, _version, _rows = _context(request, pk, kind, month)
    try:
        evaluation_rounds.submit_evaluation(
            request.user, table, kind, month, expected_lock=posted_lock(request)
        )
    except workflow.NotAllowed as exc:
        raise PermissionDenied from exc
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Submitted for review."))
    return redirect(round_urls(table, kind, month)["page"])


@require_POST
def evaluation_review(request: HttpRequest, pk: int, kind: str, month: int = 0) -> HttpResponse:
    table, _evaluation, _version, _rows = _context(request, pk, kind, month)
    approve = request.POST.get("decision") == "approve"
    comment = request.POST.get("comment", "")
    try:
        evaluation_rounds.review_evaluation(
            request.user, table, approve, comment, kind, month, expected_lock=posted_lock(request)
        )
    except workflow.NotAllowed as exc:
        raise PermissionDenied from exc
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Approved.") if approve else _("Returned to the unit."))
    return redirect(round_urls(table, kind, month)["page"])


def evaluation_download(
    request: HttpRequest, pk: int, kind: str, fmt: str, month: int = 0
) -> HttpResponse:
    """The filled 自评表 or 监控表 through the exporters."""
    table, evaluation, _version, _rows = _context(request, pk, kind, month)
    if evaluation is None:
        raise Http404("nothing entered yet")
    try:
        exporter = get_exporter(fmt)
    except KeyError as exc:
        raise Http404("no such format") from exc
    core = evaluation_rounds.filled_core_table(evaluation)
    what = f"{month}月监控表" if kind == evaluation_scores.MONITOR else "自评表"
    name = f"{evaluation.version.project_name}-{table.year}-{what}{exporter.extension}"
    back = round_urls(table, kind, month)["page"]
    return exported(request, exporter, [core], ExportOptions(year=table.year), name, back)


def evaluation_template(request: HttpRequest, pk: int, kind: str, month: int = 0) -> HttpResponse:
    """The fill-in workbook for this table's values."""
    table, _evaluation, version, _rows = _context(request, pk, kind, month)
    data = evaluation_files.evaluation_template(version)
    name = f"{version.project_name}-{table.year}-实际完成值填报表.xlsx"
    return tabular.attachment(data, tabular.CONTENT_TYPES["xlsx"], name)


@require_POST
def evaluation_upload(request: HttpRequest, pk: int, kind: str, month: int = 0) -> HttpResponse:
    """Fill the round from an uploaded fill-in sheet and save it (scores computed)."""
    table, evaluation, version, rows = _context(request, pk, kind, month)
    if not permissions.can_evaluate_table(request.user, table, evaluation):
        raise PermissionDenied
    page = round_urls(table, kind, month)["page"]
    file = request.FILES.get("file")
    if file is None:
        messages.error(request, _("Choose a file to upload."))
        return redirect(page)
    if file.size is not None and file.size > settings.JIXIAO_MAX_UPLOAD_BYTES:
        messages.error(request, _("The file is too large."))  # before it is read into memory
        return redirect(page)
    base = (
        evaluation_rounds.evaluation_input_of(evaluation)
        if evaluation
        else evaluation_scores.EvaluationInput()
    )
    data, problems = evaluation_files.evaluation_input_from_file(
        version, rows, file.read(), file.name or "upload", base
    )
    for problem in problems[:20]:
        messages.warning(request, f"{problem.source.short()}: {problem.message}")
    if has_errors(list(problems)):
        # an unreadable or refused file saves nothing and says so (never "saved")
        messages.error(request, _("The file could not be read; nothing was saved."))
        return redirect(page)
    try:
        lock = posted_lock(request)
        evaluation_rounds.save_evaluation(request.user, table, lock, data, kind, month)
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The values of the file were saved."))
    return redirect(page)
