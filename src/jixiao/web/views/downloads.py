# mypy: disable-error-code="misc, no-any-return"
"""A table rendered by an exporter as a download, or, when the exporter fails, a page that
says what went wrong and what to do (never a 500)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from jixiao.core.model import GoalTable
from jixiao.io.writers import Exporter, ExportOptions
from jixiao.io.writers.pdf import FontNotFoundError
from jixiao.web import tabular

logger = logging.getLogger(__name__)


def exported(
    request: HttpRequest,
    exporter: type[Exporter],
    tables: Sequence[GoalTable],
    options: ExportOptions,
    filename: str,
    back_url: str,
) -> HttpResponse:
    try:
        data = exporter(tables, options).render()
    except Exception as exc:  # an exporter bug or a broken setting: a page, not an outage
        logger.exception("export to %s failed", exporter.id)
        return render(
            request,
            "jixiao/export_failed.html",
            {"format": exporter.id.upper(), "reason": _reason(exc), "back_url": back_url},
            status=503,
        )
    return tabular.attachment(data, exporter.content_type, filename)


def _reason(exc: Exception) -> str:
    if isinstance(exc, FontNotFoundError):
        return _(
            "The Chinese font file set for PDF output (JIXIAO_CJK_FONT) does not exist. "
            "Ask the administrator to correct or remove that setting; without it the PDF "
            "uses the built-in Chinese font."
        )
    return _("The file could not be produced because of an error in the system.")
