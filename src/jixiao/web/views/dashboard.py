"""The dashboard: a department roll-up with charts, over what the user may see."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.storage import queries
from jixiao.storage.models import Grade, Status
from jixiao.web.templatetags.jixiao import light_label
from jixiao.web.views.common import int_or_none


def dashboard(request: HttpRequest) -> HttpResponse:
    years = queries.table_years(request.user)
    year = int_or_none(request.GET.get("year")) or (years[0] if years else None)
    organisation = int_or_none(request.GET.get("organisation"))
    data = queries.overview(request.user, year, organisation)
    return render(
        request,
        "jixiao/dashboard.html",
        {
            "data": data,
            "year": year,
            "years": years,
            "organisation": organisation,
            "organisations": queries.visible_organisations(request.user),
            "status_rows": [(label, data.by_status.get(v, 0), v) for v, label in Status.choices()],
            "grade_rows": [(label, data.by_grade.get(v, 0), v) for v, label in Grade.choices()]
            + [("—", data.by_grade.get("", 0), "")],
            "score_rows": [(g, data.by_score_grade.get(g, 0), g) for g in ("优", "良", "中", "差")]
            + [("—", data.by_score_grade.get("", 0), "")],
            "light_rows": [
                (light_label(v), data.by_light.get(v, 0), v)
                for v in ("red", "yellow", "green", "blue")
            ]
            + [("—", data.by_light.get("", 0), "")],
            "rule_rows": [(f"{r['code']} {r['title']}", r["n"], r["code"]) for r in data.by_rule],
            "unit_rows": [
                (u["organisation__name"], u["budget"] or 0, u["organisation_id"])
                for u in data.by_unit
            ],
        },
    )
