"""Goal-table workflow: 草稿 → 已提交 → 部门审核 → 财政审核, and 目标调整.

草稿 → 已提交 → 部门审核 (通过 / 退回, grade 优/良/中/差) → 财政审核 (批复 / 退回). An approved
version is frozen; 目标调整 starts a new version (required reason) through the same approval.
Every transition runs in one transaction, checks the table's ``lock_version`` and is recorded
in the audit log. Creating and editing tables: :mod:`jixiao.services.goal_tables`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jixiao.services import audit, permissions
from jixiao.services.findings import store_findings
from jixiao.services.guards import (
    ConflictError,
    NotAllowed,
    WorkflowError,
    actor,
    bump,
    locked,
)
from jixiao.storage.models import (
    AuditLog,
    GoalTable,
    Grade,
    IndicatorRow,
    ReviewComment,
    Status,
    TableVersion,
)

__all__ = [
    "ConflictError",
    "NotAllowed",
    "ReviewInput",
    "WorkflowError",
    "review",
    "start_adjustment",
    "submit",
]


def _transition(
    user: Any,
    table: GoalTable,
    expected_lock: int | None,
    allowed: Any,
    action: str,
    new_status: Status,
    **changes: Any,
) -> GoalTable:
    table = locked(table, expected_lock)
    if not allowed(user, table):
        raise NotAllowed(_("This action is not available for this table now."))
    before = audit.table_state(table)
    comments = changes.pop("_comments", None)
    bump(table, status=new_status, **changes)
    after = audit.table_state(table)
    if comments:  # a review's comments belong to its entry in the change history
        after["comments"] = comments
    audit.record(user, action, table=table, before=before, after=after)
    return table


def submit(user: Any, table: GoalTable, expected_lock: int | None = None) -> GoalTable:
    """草稿/退回 → 已提交."""
    with transaction.atomic():
        version = locked(table, expected_lock).current_version
        if version is None or not version.rows.exists():
            raise WorkflowError(_("A table without indicators cannot be submitted."))
        return _transition(
            user, table, expected_lock, permissions.can_submit_table, "submit", Status.SUBMITTED
        )


@dataclass
class ReviewInput:
    approve: bool
    comment: str = ""
    grade: str = ""
    row_comments: Mapping[int, str] = field(default_factory=dict)


def review(
    user: Any, table: GoalTable, data: ReviewInput, expected_lock: int | None = None
) -> GoalTable:
    """部门审核 or 财政审核, whichever the user's role and the table's status call for.

    A return needs a reason (an overall comment or one per indicator); a department
    decision needs a grade. Finance approval freezes the version (财政批复).
    """
    with transaction.atomic():
        fresh = locked(table, expected_lock)
        if permissions.can_dept_review_table(user, fresh):
            stage = ReviewComment.Stage.DEPARTMENT
            allowed = permissions.can_dept_review_table
            new_status = Status.DEPT_APPROVED if data.approve else Status.RETURNED
        elif permissions.can_finance_review_table(user, fresh):
            stage = ReviewComment.Stage.FINANCE
            allowed = permissions.can_finance_review_table
            new_status = Status.APPROVED if data.approve else Status.RETURNED
        else:
            raise NotAllowed(_("This table is not waiting for your review."))
        _check_review(data, stage)
        version = fresh.current_version
        assert version is not None
        _check_duties(user, fresh, version)
        _save_comments(user, version, stage, data)
        changes: dict[str, Any] = {"_comments": _comment_state(version, data)}
        if data.grade:
            changes["review_grade"] = data.grade
        adjusted = False
        if new_status == Status.APPROVED:
            version.frozen = True
            version.save(update_fields=["frozen"])
            adjusted = fresh.approved_version_id not in (None, version.pk)
            changes["approved_version"] = version
        action = f"{stage}_{'approve' if data.approve else 'return'}"
        result = _transition(user, fresh, None, allowed, action, new_status, **changes)
        if adjusted:  # an approved 目标调整: open evaluation rounds follow the new targets
            from jixiao.services.evaluation_rounds import follow_adjustment

            follow_adjustment(user, result, version)
        return result


def _check_duties(user: Any, table: GoalTable, version: TableVersion) -> None:
    """Separation of duties: whoever wrote, edited or submitted this version never reviews
    it, whatever roles the account holds (an administrator who granted itself 填报 and 审核)."""
    uid = getattr(user, "pk", None)
    if uid is None:
        return
    involved = set(
        AuditLog.objects.filter(
            table=table, action__in=("submit", "edit"), at__gte=version.created_at
        ).values_list("user_id", flat=True)
    )
    involved.add(version.created_by_id)
    if uid in involved:
        raise NotAllowed(
            _(
                "You wrote, edited or submitted this version of the table; "
                "another person must review it."
            )
        )


def _check_review(data: ReviewInput, stage: str) -> None:
    if data.grade and data.grade not in Grade.values():
        raise WorkflowError(_("Unknown review grade."))
    if stage == ReviewComment.Stage.DEPARTMENT and not data.grade:
        raise WorkflowError(_("Choose a review grade (优/良/中/差)."))
    has_comment = bool(data.comment.strip()) or any(t.strip() for t in data.row_comments.values())
    if not data.approve and not has_comment:
        raise WorkflowError(_("Say why the table is returned: add a comment."))


def _comment_state(version: TableVersion, data: ReviewInput) -> list[dict[str, str]]:
    """The review's comments as the change history keeps them (overall first, then by row)."""
    names = dict(version.rows.filter(pk__in=list(data.row_comments)).values_list("pk", "name"))
    out = [{"indicator": "", "text": data.comment.strip()}] if data.comment.strip() else []
    out += [
        {"indicator": names[row_id], "text": text.strip()}
        for row_id, text in data.row_comments.items()
        if text.strip() and row_id in names
    ]
    return out


def _save_comments(user: Any, version: TableVersion, stage: str, data: ReviewInput) -> None:
    decision = "approve" if data.approve else "return"
    rows = {r.pk: r for r in version.rows.filter(pk__in=list(data.row_comments))}
    comments = [
        ReviewComment(
            version=version,
            indicator=rows[row_id],
            indicator_name=rows[row_id].name,
            author=actor(user),
            stage=stage,
            decision=decision,
            text=text.strip(),
        )
        for row_id, text in data.row_comments.items()
        if text.strip() and row_id in rows
    ]
    if data.comment.strip() or data.grade or not comments:
        comments.append(
            ReviewComment(
                version=version,
                author=actor(user),
                stage=stage,
                decision=decision,
                grade=data.grade,
                text=data.comment.strip(),
            )
        )
    ReviewComment.objects.bulk_create(comments)


def start_adjustment(
    user: Any, table: GoalTable, reason: str, expected_lock: int | None = None
) -> GoalTable:
    """目标调整: copy the approved version into a new draft version with a required reason."""
    if not reason.strip():
        raise WorkflowError(_("An adjustment needs a reason."))
    with transaction.atomic():
        fresh = locked(table, expected_lock)
        if not permissions.can_adjust_table(user, fresh):
            raise NotAllowed(_("Only an approved table can be adjusted, by its unit's editor."))
        old = fresh.current_version
        assert old is not None
        rows = list(old.rows.all())
        new = TableVersion.objects.get(pk=old.pk)
        new.pk = None
        new.number = old.number + 1
        new.kind = TableVersion.Kind.ADJUST
        new.reason = reason.strip()
        new.frozen = False
        new.created_by = actor(user)
        new.save()
        for row in rows:
            row.pk = None
            row.version = new
        IndicatorRow.objects.bulk_create(rows)
        store_findings(new)
        before = audit.table_state(fresh)
        bump(fresh, status=Status.DRAFT, current_version=new, review_grade="")
        audit.record(
            user,
            "adjust",
            table=fresh,
            obj=new,
            before=before,
            after={**audit.table_state(fresh), "reason": new.reason},
        )
        return fresh
