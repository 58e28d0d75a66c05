# mypy: disable-error-code="misc, no-any-return"
"""Hash-chained log rows (issue 11, item 12): each row stores the SHA-256 of the row before it
and of its own content, so a row changed, deleted or inserted later breaks the chain, and
``jixiao manage verify_audit`` says where.

The digest covers the row's fields as canonical JSON (sorted keys, UTC time); rows are sealed
in a transaction that locks the last row (PostgreSQL; SQLite serialises writers itself).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import models, transaction
from django.utils import timezone

# The fields each chained model signs, in addition to ``at`` and ``previous``.
SIGNED: dict[str, tuple[str, ...]] = {
    "AuditLog": (
        "user_id", "username", "action", "table_id", "object_type", "object_id", "before", "after",
    ),
    "AccessLog": ("user_id", "username", "action", "ip", "detail"),
}  # fmt: skip


def digest_of(row: models.Model) -> str:
    fields = SIGNED[type(row).__name__]
    at = row.at.astimezone(UTC).isoformat() if row.at else ""
    content = {"at": at, "previous": row.previous, **{f: getattr(row, f) for f in fields}}
    text = json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seal(row: models.Model) -> models.Model:
    """Save ``row`` as the next link of its model's chain."""
    model = type(row)
    with transaction.atomic():
        last = model.objects.select_for_update().order_by("-id").values_list("digest", flat=True)
        row.previous = last.first() or ""
        row.at = timezone.now()
        row.digest = digest_of(row)
        row.save()
    return row


@dataclass(frozen=True)
class Break:
    model: str
    row_id: int
    reason: str


def verify(model: type[models.Model]) -> list[Break]:
    """Every row whose content or link does not match the chain, in order."""
    breaks: list[Break] = []
    expected_previous = ""
    name = model.__name__
    for row in model.objects.order_by("id").iterator():
        if row.previous != expected_previous:
            breaks.append(Break(name, row.pk, "the link to the row before it is broken"))
        if row.digest != digest_of(row):
            breaks.append(Break(name, row.pk, "its content was changed after it was written"))
        expected_previous = row.digest
    return breaks


def state(model: type[models.Model]) -> dict[str, Any]:
    return {"rows": model.objects.count()}
