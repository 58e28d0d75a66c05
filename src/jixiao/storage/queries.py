# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""Querysets, always filtered by what the user may see (see ``services.permissions``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum

from jixiao.services.permissions import is_superuser, memberships
from jixiao.storage.models import (
    AuditLog,
    Evaluation,
    GoalTable,
    Organisation,
    ReviewFinding,
    Role,
    TableVersion,
)


def _subtree_filter(user: Any, field: str) -> Q | None:
    """``Q`` matching organisations under any of the user's memberships; None: nothing."""
    prefixes = sorted({prefix for _, prefix in memberships(user)})
    # a prefix already covered by a shorter one adds nothing
    kept = [p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes)]
    if not kept:
        return None
    query = Q()
    for prefix in kept:
        query |= Q(**{f"{field}__startswith": prefix})
    return query


def visible_organisations(user: Any) -> QuerySet[Organisation]:
    if is_superuser(user):
        return Organisation.objects.all()
    query = _subtree_filter(user, "path")
    return Organisation.objects.filter(query) if query is not None else Organisation.objects.none()


def visible_tables(user: Any) -> QuerySet[GoalTable]:
    base = GoalTable.objects.all()
    if is_superuser(user):
        return base
    query = _subtree_filter(user, "organisation__path")
    return base.filter(query) if query is not None else base.none()


def import_targets(user: Any) -> QuerySet[Organisation]:
    """Units the user may import goal tables into (where they are 填报)."""
    paths = [prefix for role, prefix in memberships(user) if role == Role.EDITOR]
    if not paths:
        return Organisation.objects.none()
    query = Q()
    for prefix in paths:
        query |= Q(path__startswith=prefix)
    return Organisation.objects.filter(query, kind=Organisation.Kind.UNIT).order_by("name")


@dataclass(frozen=True)
class TableFilter:
    year: int | None = None
    organisation: int | None = None
    status: str = ""
    grade: str = ""
    search: str = ""
    score_grade: str = ""  # self-evaluation grade
    light: str = ""  # worst light of the latest monitoring round


def _with_results(qs: QuerySet[GoalTable]) -> QuerySet[GoalTable]:
    """Self-evaluation score and grade, latest monitoring light: subqueries, no N+1."""
    selfeval = Evaluation.objects.filter(table=OuterRef("pk"), kind="selfeval")
    monitor = Evaluation.objects.filter(table=OuterRef("pk"), kind="monitor").order_by("-month")
    return qs.annotate(
        selfeval_score=Subquery(selfeval.values("total_score")[:1]),
        selfeval_grade=Subquery(selfeval.values("grade")[:1]),
        monitor_light=Subquery(monitor.values("light")[:1]),
        monitor_month=Subquery(monitor.values("month")[:1]),
    )


def _filtered(user: Any, flt: TableFilter) -> QuerySet[GoalTable]:
    """Visible tables narrowed by the goal-table filters (no joins for display)."""
    qs = visible_tables(user)
    if flt.year:
        qs = qs.filter(year=flt.year)
    if flt.organisation:
        org = visible_organisations(user).filter(pk=flt.organisation).first()
        qs = qs.filter(organisation__path__startswith=org.path) if org else qs.none()
    if flt.status:
        qs = qs.filter(status=flt.status)
    if flt.grade:
        qs = qs.filter(review_grade=flt.grade)
    if flt.search:
        qs = qs.filter(
            Q(current_version__project_name__icontains=flt.search)
            | Q(current_version__project_code__icontains=flt.search)
        )
    return qs


def table_list(user: Any, flt: TableFilter) -> QuerySet[GoalTable]:
    """The list page's queryset: filters, search, and the joins it shows (no N+1)."""
    qs = _with_results(_filtered(user, flt).select_related("organisation", "current_version"))
    if flt.score_grade:
        qs = qs.filter(selfeval_grade=flt.score_grade)
    if flt.light:
        qs = qs.filter(monitor_light=flt.light)
    return qs.order_by("-year", "organisation__path", "current_version__project_name", "id")


def table_years(user: Any) -> list[int]:
    return list(visible_tables(user).values_list("year", flat=True).distinct().order_by("-year"))


def table_for(user: Any, pk: int) -> GoalTable | None:
    """One visible table with its organisation and current version, or None."""
    return (
        visible_tables(user)
        .select_related("organisation", "organisation__parent", "current_version")
        .filter(pk=pk)
        .first()
    )


def versions_of(table: GoalTable) -> QuerySet[TableVersion]:
    return table.versions.select_related("created_by").order_by("-number")


def audit_of(table: GoalTable) -> QuerySet[AuditLog]:
    return AuditLog.objects.filter(table=table).select_related("user").order_by("-at", "-id")


@dataclass(frozen=True)
class Overview:
    """The figures of a dashboard: per unit, per status, per review grade, and totals."""

    by_unit: list[dict[str, Any]]
    by_status: dict[str, int]
    by_grade: dict[str, int]
    by_score_grade: dict[str, int]
    by_light: dict[str, int]
    by_rule: list[dict[str, Any]]  # review findings on current versions, per rule code
    tables: int
    budget_wan: Any


def overview(user: Any, year: int | None = None, organisation: int | None = None) -> Overview:
    """Aggregates over the tables the user may see (grouped queries, no per-row work)."""
    qs = _filtered(user, TableFilter(year=year, organisation=organisation)).order_by()
    results = _with_results(qs)
    by_unit = list(
        qs.values("organisation_id", "organisation__name", "organisation__parent__name")
        .annotate(tables=Count("id"), budget=Sum("current_version__budget_wan"))
        .order_by("-budget", "organisation__name")
    )
    by_status = dict(qs.values_list("status").annotate(n=Count("id")).order_by())
    by_grade = dict(qs.values_list("review_grade").annotate(n=Count("id")).order_by())
    by_score_grade = dict(results.values_list("selfeval_grade").annotate(n=Count("id")).order_by())
    by_light = dict(results.values_list("monitor_light").annotate(n=Count("id")).order_by())
    by_rule = list(
        ReviewFinding.objects.filter(version_id__in=qs.values("current_version_id"))
        .values("code", "title")
        .annotate(n=Count("id"))
        .order_by("-n", "code")[:15]
    )
    return Overview(
        by_rule=by_rule,
        by_unit=by_unit,
        by_status=by_status,
        by_grade=by_grade,
        by_score_grade={k or "": v for k, v in by_score_grade.items()},
        by_light={k or "": v for k, v in by_light.items()},
        tables=sum(u["tables"] for u in by_unit),
        budget_wan=sum((u["budget"] or 0 for u in by_unit), start=0),
    )
