# mypy: disable-error-code="no-any-return"
"""What every write of the goal-table use cases shares: errors, locking, field checks.

Every write runs in one transaction and re-reads the table ``FOR UPDATE``; the form's
``lock_version`` must still match (optimistic concurrency: a stale form gets
:class:`ConflictError` and nothing is overwritten).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from jixiao.storage.models import GoalTable


class WorkflowError(Exception):
    """An action that is not allowed now; the message is shown to the user."""


class ConflictError(WorkflowError):
    """Someone else changed the table since the form was opened."""


class NotAllowed(WorkflowError):
    """The user's role does not allow the action on this table."""


def stale() -> ConflictError:
    return ConflictError(
        _(
            "This table was changed by someone else since you opened it. "
            "Nothing was saved; reload the page to see the current version."
        )
    )


def validate(instance: Any, exclude: Sequence[str]) -> None:
    """Field checks (lengths, digits) before saving, the same on SQLite and PostgreSQL."""
    instance.clean_fields(exclude=list(exclude))


def actor(user: Any) -> Any:
    """The user to store as author (None for an anonymous or system actor)."""
    return user if getattr(user, "pk", None) else None


def locked(table: GoalTable, expected: int | None) -> GoalTable:
    """Re-read the table FOR UPDATE and check the form's lock version."""
    fresh = (
        GoalTable.objects.select_for_update(of=("self",))
        .select_related("organisation", "current_version")
        .get(pk=table.pk)
    )
    if expected is not None and fresh.lock_version != expected:
        raise stale()
    return fresh


def bump(table: GoalTable, **changes: Any) -> None:
    """Apply ``changes`` and advance the lock version (the caller holds the row lock)."""
    for name, value in changes.items():
        setattr(table, name, value)
    table.lock_version += 1
    table.save(update_fields=[*changes, "lock_version", "updated_at"])


def rules_setting() -> str | None:
    from django.conf import settings

    return getattr(settings, "JIXIAO_RULES", None)


def scheme_setting() -> str | None:
    from django.conf import settings

    return getattr(settings, "JIXIAO_SCHEME", None)
