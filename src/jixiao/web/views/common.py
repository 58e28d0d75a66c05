"""Helpers shared by the views: the visible-or-404 lookup and form parsing."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import Http404, HttpRequest

from jixiao.storage import queries
from jixiao.storage.models import GoalTable


def table_or_404(request: HttpRequest, pk: int) -> GoalTable:
    """A table the user may see; anything else is 404 (never another unit's data)."""
    table = queries.table_for(request.user, pk)
    if table is None:
        raise Http404("no such table")
    return table


def posted_lock(request: HttpRequest) -> int:
    """The lock version the form was opened with. Mandatory: a post without one (a stale page,
    a hand-made request) never matches, so nobody acts on a version they did not load."""
    value = int_or_none(request.POST.get("lock_version"))
    return -1 if value is None else value


def int_or_none(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def decimal_or_none(value: Any) -> Decimal | None:
    text = str(value or "").replace(",", "").strip()
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
