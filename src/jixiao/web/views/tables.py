"""Goal-table pages: list with filters, detail, history (audit log), version comparison."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from jixiao.services import comparison, permissions
from jixiao.services.findings import findings_for
from jixiao.storage import queries
from jixiao.storage.models import Grade, Status
from jixiao.web.views.common import int_or_none, table_or_404

PAGE_SIZE = 25
SCORE_GRADES = ("优", "良", "中", "差")
LIGHTS = ("red", "yellow", "green", "blue")


def home(request: HttpRequest) -> HttpResponse:
    return redirect("table-list")


def list_filter(request: HttpRequest) -> queries.TableFilter:
    status = request.GET.get("status", "")
    grade = request.GET.get("grade", "")
    score_grade = request.GET.get("score_grade", "")
    light = request.GET.get("light", "")
    return queries.TableFilter(
        year=int_or_none(request.GET.get("year")),
        organisation=int_or_none(request.GET.get("organisation")),
        status=status if status in Status.values() else "",
        grade=grade if grade in Grade.values() else "",
        search=request.GET.get("q", "").replace("\x00", "").strip()[:100],  # NUL: PostgreSQL
        score_grade=score_grade if score_grade in SCORE_GRADES else "",
        light=light if light in LIGHTS else "",
    )


def table_list(request: HttpRequest) -> HttpResponse:
    flt = list_filter(request)
    page = Paginator(queries.table_list(request.user, flt), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "jixiao/table_list.html",
        {
            "page": page,
            "filter": flt,
            "query": query.urlencode(),
            "years": queries.table_years(request.user),
            "organisations": queries.visible_organisations(request.user),
            "statuses": Status.choices(),
            "grades": Grade.choices(),
            "score_grades": SCORE_GRADES,
            "lights": LIGHTS,
        },
    )


def table_detail(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_or_404(request, pk)
    versions = list(queries.versions_of(table))
    number = int_or_none(request.GET.get("version"))
    version = next((v for v in versions if v.number == number), None) or table.current_version
    if version is None:
        raise Http404("table without version")
    rows = list(version.rows.all())
    comments = list(version.comments.select_related("author", "indicator"))
    row_comments: dict[int, list[object]] = {}
    for c in comments:
        if c.indicator_id:
            row_comments.setdefault(c.indicator_id, []).append(c)
    findings = findings_for(version, rows, request.LANGUAGE_CODE)
    return render(
        request,
        "jixiao/table_detail.html",
        {
            "table": table,
            "version": version,
            "versions": versions,
            "rows": [(r, row_comments.get(r.pk, []), findings.by_row.get(r.pk, [])) for r in rows],
            "comments": [c for c in comments if not c.indicator_id],
            "findings": findings,
            "actions": permissions.table_actions(request.user, table),
            "is_current": version.pk == table.current_version_id,
            "formats": exporter_formats(),
        },
    )


# The exporters name themselves in English; the menu names them in the page's language.
FORMAT_LABELS = {
    "csv": gettext_lazy("CSV (one row per indicator)"),
    "docx": gettext_lazy("Word document (.docx)"),
    "html": gettext_lazy("Web page (HTML)"),
    "json": gettext_lazy("JSON (the jixiao parse --json shape)"),
    "pdf": gettext_lazy("PDF (Chinese font embedded)"),
    "xlsx": gettext_lazy("Excel workbook (.xlsx)"),
}


def exporter_formats() -> list[tuple[str, str]]:
    """(id, name) of the registered exporters, for the download menu."""
    from jixiao.io.writers import exporters

    return sorted((key, str(FORMAT_LABELS.get(key, cls.name))) for key, cls in exporters().items())


def table_history(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_or_404(request, pk)
    page = Paginator(queries.audit_of(table), 50).get_page(request.GET.get("page"))
    return render(request, "jixiao/table_history.html", {"table": table, "page": page})


def table_compare(request: HttpRequest, pk: int) -> HttpResponse:
    table = table_or_404(request, pk)
    versions = list(queries.versions_of(table))
    if not versions:
        raise Http404("no versions")
    by_number = {v.number: v for v in versions}
    left_n = int_or_none(request.GET.get("left"))
    right_n = int_or_none(request.GET.get("right"))
    right = by_number.get(right_n or versions[0].number, versions[0])
    default_left = versions[1] if len(versions) > 1 else versions[0]
    left = by_number.get(left_n or default_left.number, default_left)
    header, rows = comparison.compare(left, right)
    return render(
        request,
        "jixiao/table_compare.html",
        {
            "table": table,
            "versions": versions,
            "left": left,
            "right": right,
            "header": header,
            "rows": rows,
            "row_fields": comparison.COMPARED_ROW,
        },
    )
