# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""Downloads: a table through the registered exporters; lists and history as csv / xlsx."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jixiao.io.writers import ExportOptions, get_exporter
from jixiao.storage import mapping, queries
from jixiao.web import tabular
from jixiao.web.views.common import int_or_none, table_or_404
from jixiao.web.views.downloads import exported
from jixiao.web.views.tables import list_filter

LIST_FORMATS = ("csv", "xlsx")


def table_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The table (a chosen or the current version) in any exporter's format."""
    table = table_or_404(request, pk)
    number = int_or_none(request.GET.get("version"))
    version = table.versions.filter(number=number).first() if number else table.current_version
    if version is None:
        raise Http404("no such version")
    try:
        exporter = get_exporter(fmt)
    except KeyError as exc:
        raise Http404("no such format") from exc
    core = mapping.to_core(version)
    options = ExportOptions(year=table.year, language=request.LANGUAGE_CODE)
    name = f"{version.project_name or table.pk}-{table.year}-v{version.number}{exporter.extension}"
    back = reverse("table-detail", args=[table.pk])
    return exported(request, exporter, [core], options, name, back)


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M")


def table_list_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in LIST_FORMATS:
        raise Http404("no such format")
    tables = queries.table_list(request.user, list_filter(request))
    header = [
        _("Project name"),
        _("Project code"),
        _("Unit"),
        _("Year"),
        _("Budget (万元)"),
        _("Status"),
        _("Review grade"),
        _("Version"),
        _("Updated"),
    ]
    rows = (
        (
            t.current_version.project_name if t.current_version else "",
            t.current_version.project_code if t.current_version else "",
            t.organisation.name,
            t.year,
            t.current_version.budget_wan if t.current_version else None,
            str(t.get_status_display()),
            t.review_grade,
            t.current_version.number if t.current_version else None,
            _time(t.updated_at),
        )
        for t in tables.iterator(chunk_size=2000)
    )
    data = tabular.render(fmt, _("Goal tables"), [str(h) for h in header], rows)
    return tabular.attachment(data, tabular.CONTENT_TYPES[fmt], f"goal-tables-{_stamp()}.{fmt}")


def table_history_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in LIST_FORMATS:
        raise Http404("no such format")
    table = table_or_404(request, pk)
    import json

    header = [_("When"), _("Who"), _("Action"), _("Before"), _("After")]
    rows = (
        (
            _time(e.at),
            e.username,
            e.action,
            json.dumps(e.before, ensure_ascii=False) if e.before is not None else "",
            json.dumps(e.after, ensure_ascii=False) if e.after is not None else "",
        )
        for e in queries.audit_of(table)
    )
    data = tabular.render(fmt, _("History"), [str(h) for h in header], rows)
    return tabular.attachment(
        data, tabular.CONTENT_TYPES[fmt], f"history-{table.pk}-{_stamp()}.{fmt}"
    )


def _time(value: datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
