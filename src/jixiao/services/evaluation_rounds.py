"""Self-evaluation and monitoring rounds of an approved table: save, submit, review, export.

A round (one self-evaluation, or one month of monitoring) stores the typed entries with the
scores computed by :mod:`jixiao.services.evaluation_scores`; it has its own status and lock
version and goes through the same 部门 / 财政 review as the goal table.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jixiao.core.model import GoalTable as CoreTable
from jixiao.services import audit, permissions
from jixiao.services.evaluation_scores import (
    MONITOR,
    SELFEVAL,
    EntryInput,
    EvaluationInput,
    ScoreView,
    compute_scores,
    evaluate,
    monitor,
)
from jixiao.services.funding import funding_from_json, funding_to_json
from jixiao.services.guards import NotAllowed, WorkflowError, actor, locked, stale, validate
from jixiao.storage.models import GoalTable, IndicatorRow, ReviewComment, Status


def find_evaluation(table: GoalTable, kind: str = SELFEVAL, month: int = 0) -> Any:
    from jixiao.storage.models import Evaluation

    return (
        Evaluation.objects.filter(table=table, kind=kind, month=month)
        .select_related("version")
        .first()
    )


def evaluation_input_of(evaluation: Any) -> EvaluationInput:
    """The stored entries of an evaluation as form input."""
    return EvaluationInput(
        entries={
            e.row_id: EntryInput(e.actual_raw, e.level, e.reason, e.forecast_raw, e.likelihood)
            for e in evaluation.entries.all()
        },
        budget=evaluation.budget_wan,
        executed=evaluation.executed_wan,
        budget_reason=evaluation.budget_reason,
        funding=funding_from_json(evaluation.funding),
    )


def save_evaluation(
    user: Any,
    table: GoalTable,
    expected_lock: int | None,
    data: EvaluationInput,
    kind: str = SELFEVAL,
    month: int = 0,
) -> Any:
    """Store the entries and the computed scores (or lights) of one evaluation round."""
    from jixiao.storage.models import Evaluation

    if kind == MONITOR and not 1 <= month <= 12:
        raise WorkflowError(_("Choose a month from 1 to 12."))
    with transaction.atomic():
        fresh = locked(table, None)
        existing = find_evaluation(fresh, kind, month)
        if not permissions.can_evaluate_table(user, fresh, existing):
            raise NotAllowed(_("The self-evaluation cannot be changed now."))
        assert fresh.approved_version is not None
        evaluation, _created = Evaluation.objects.select_for_update().get_or_create(
            table=fresh, kind=kind, month=month, defaults={"version": fresh.approved_version}
        )
        if expected_lock is not None and evaluation.lock_version != expected_lock:
            raise stale()
        before = _evaluation_state(evaluation)
        _store(evaluation, data)
        audit.record(
            user,
            f"{'monitoring' if kind == MONITOR else 'evaluation'}_save",
            table=fresh,
            obj=evaluation,
            before=before,
            after=_evaluation_state(evaluation),
        )
        return evaluation


def _store(evaluation: Any, data: EvaluationInput) -> None:
    """Compute the scores (or lights) of ``data`` on the evaluation's version and store both."""
    from jixiao.storage.models import EvaluationEntry

    rows = list(evaluation.version.rows.all())
    view = compute_scores(evaluation.version, rows, data, evaluation.kind, evaluation.month)
    evaluation.budget_wan = data.budget
    evaluation.executed_wan = data.executed
    evaluation.budget_reason = data.budget_reason.strip()
    evaluation.funding = funding_to_json(data.funding)
    evaluation.total_score = view.total
    evaluation.grade = view.grade
    evaluation.light = view.worst_light()
    evaluation.complete = view.complete
    evaluation.explanations = view.as_dict()
    evaluation.lock_version += 1
    validate(evaluation, ["table", "version"])
    evaluation.save()
    evaluation.entries.all().delete()
    EvaluationEntry.objects.bulk_create([_entry(evaluation, row, data, view) for row in rows])


OPEN_STATUSES = (Status.DRAFT, Status.RETURNED)


def follow_adjustment(user: Any, table: GoalTable, version: Any) -> int:
    """After an approved 目标调整 (``version``), every open round (draft or returned) scores the
    adjusted targets: entered values carry over to the row of the same 一级 / 二级 / name (or
    the same name), scores are recomputed, and the move is in the change history. Submitted
    and approved rounds keep the version they were evaluated on. Returns the rounds moved."""
    from jixiao.storage.models import Evaluation

    new_rows = list(version.rows.all())
    moved = 0
    rounds = Evaluation.objects.select_for_update().filter(
        table=table, status__in=[s.value for s in OPEN_STATUSES]
    )
    for evaluation in rounds.exclude(version=version):
        old = evaluation_input_of(evaluation)
        match = _matching_rows(list(evaluation.version.rows.all()), new_rows)
        entries = {match[pk]: e for pk, e in old.entries.items() if pk in match}
        before = _evaluation_state(evaluation)
        previous = evaluation.version.number
        evaluation.version = version
        _store(evaluation, replace(old, entries=entries))
        audit.record(
            user,
            "evaluation_follow_adjustment",
            table=table,
            obj=evaluation,
            before={**before, "version": previous},
            after={**_evaluation_state(evaluation), "version": version.number},
        )
        moved += 1
    return moved


def _matching_rows(old: list[IndicatorRow], new: list[IndicatorRow]) -> dict[int, int]:
    """Old row pk → new row pk: the same 一级 / 二级 / name, else the same name if unique."""

    def full(r: IndicatorRow) -> tuple[str, str, str]:
        return (r.level1.strip(), r.level2.strip(), r.name.strip())

    by_full = {full(r): r.pk for r in new}
    names = [r.name.strip() for r in new]
    by_name = {r.name.strip(): r.pk for r in new if names.count(r.name.strip()) == 1}
    out: dict[int, int] = {}
    for r in old:
        found = by_full.get(full(r)) or by_name.get(r.name.strip())
        if found is not None and found not in out.values():
            out[r.pk] = found
    return out


def _entry(evaluation: Any, row: IndicatorRow, data: EvaluationInput, view: ScoreView) -> Any:
    from jixiao.storage.models import EvaluationEntry

    given = data.entries.get(row.pk) or EntryInput()
    score = view.rows[row.pk]
    entry = EvaluationEntry(
        evaluation=evaluation,
        row=row,
        actual_raw=given.actual.strip(),
        level=given.level.strip(),
        reason=given.reason.strip(),
        forecast_raw=given.forecast.strip(),
        likelihood=given.likelihood.strip(),
        score=score.score,
        weight=score.weight,
        light=score.light,
        explanation=score.explanation[:500],
    )
    validate(entry, ["evaluation", "row"])
    return entry


def _evaluation_state(evaluation: Any) -> dict[str, Any]:
    return {
        "kind": evaluation.kind,
        "month": evaluation.month,
        "status": evaluation.status,
        "total_score": None if evaluation.total_score is None else str(evaluation.total_score),
        "grade": evaluation.grade,
        "budget": None if evaluation.budget_wan is None else str(evaluation.budget_wan),
        "executed": None if evaluation.executed_wan is None else str(evaluation.executed_wan),
        "funding": evaluation.funding,
        "entries": {
            e.row.name: e.actual_raw
            for e in evaluation.entries.select_related("row")
            if e.actual_raw or e.level
        },
    }


def submit_evaluation(
    user: Any,
    table: GoalTable,
    kind: str = SELFEVAL,
    month: int = 0,
    *,
    expected_lock: int | None = None,
) -> Any:
    """An evaluation goes to review only when every indicator and the budget are done."""
    with transaction.atomic():
        fresh = locked(table, None)
        evaluation = find_evaluation(fresh, kind, month)
        if evaluation is None or not permissions.can_evaluate_table(user, fresh, evaluation):
            raise NotAllowed(_("The self-evaluation cannot be submitted now."))
        _check_lock(evaluation, expected_lock)
        if not evaluation.complete:
            raise WorkflowError(
                _("Enter every actual value and the budget execution before submitting.")
            )
        return _evaluation_status(user, fresh, evaluation, Status.SUBMITTED, "submit")


def review_evaluation(
    user: Any,
    table: GoalTable,
    approve: bool,
    comment: str = "",
    kind: str = SELFEVAL,
    month: int = 0,
    *,
    expected_lock: int | None = None,
) -> Any:
    """部门 / 财政 decision on a submitted evaluation round; a return needs a comment."""
    with transaction.atomic():
        fresh = locked(table, None)
        evaluation = find_evaluation(fresh, kind, month)
        if evaluation is None or not permissions.can_review_evaluation(user, fresh, evaluation):
            raise NotAllowed(_("This self-evaluation is not waiting for your review."))
        _check_lock(evaluation, expected_lock)
        if not approve and not comment.strip():
            raise WorkflowError(_("Say why the table is returned: add a comment."))
        if not approve:
            new, action = Status.RETURNED, "return"
        elif evaluation.status == Status.SUBMITTED:
            new, action = Status.DEPT_APPROVED, "department_approve"
        else:
            new, action = Status.APPROVED, "finance_approve"
        if comment.strip():
            stage = "department" if evaluation.status == Status.SUBMITTED else "finance"
            label = "自评" if kind == SELFEVAL else f"{month}月监控"
            ReviewComment.objects.create(
                version=evaluation.version,
                author=actor(user),
                stage=stage,
                decision="approve" if approve else "return",
                text=f"[{label}] {comment.strip()}",
            )
        return _evaluation_status(user, fresh, evaluation, new, action)


def _check_lock(evaluation: Any, expected_lock: int | None) -> None:
    """The round as the user loaded it (the web always passes the form's version)."""
    if expected_lock is not None and evaluation.lock_version != expected_lock:
        raise stale()


def _evaluation_status(
    user: Any, table: GoalTable, evaluation: Any, status: Status, verb: str
) -> Any:
    before = {"status": evaluation.status, "month": evaluation.month}
    evaluation.status = status
    evaluation.lock_version += 1
    evaluation.save(update_fields=["status", "lock_version", "updated_at"])
    prefix = "monitoring" if evaluation.kind == MONITOR else "evaluation"
    audit.record(
        user,
        f"{prefix}_{verb}",
        table=table,
        obj=evaluation,
        before=before,
        after={"status": status, "month": evaluation.month},
    )
    return evaluation


def filled_core_table(evaluation: Any) -> CoreTable:
    """The filled 自评表 (kind SELFEVAL) or 监控表 (kind MONITOR), for the exporters."""
    from jixiao.services.evaluation import monitor_goal_table, selfeval_table

    rows = list(evaluation.version.rows.all())
    data = evaluation_input_of(evaluation)
    if evaluation.kind == MONITOR:
        return monitor_goal_table(monitor(evaluation.version, rows, data, evaluation.month))
    return selfeval_table(evaluate(evaluation.version, rows, data))
