"""Workflow services: every step, the audit log, optimistic concurrency, versions, compare."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jixiao.services import comparison, evaluation_scores, goal_tables, workflow
from jixiao.services.findings import findings_for, store_findings
from jixiao.services.goal_tables import EditInput, RowInput
from jixiao.services.workflow import ReviewInput
from jixiao.storage.models import AuditLog, GoalTable, ReviewComment, Status, TableVersion


def _reload(table: GoalTable) -> GoalTable:
    return GoalTable.objects.select_related("organisation", "current_version").get(pk=table.pk)


def _edit_input(table: GoalTable, annual: str = "≥65000人") -> EditInput:
    rows = list(table.current_version.rows.all())
    given = [
        RowInput(
            name=r.name,
            level1=r.level1,
            level2=r.level2,
            annual_raw=r.annual_raw,
            period_raw=r.period_raw,
            weight=r.weight,
            id=r.pk,
        )
        for r in rows
    ]
    given[0].annual_raw = annual
    return EditInput(header={"project_name": "社会基本医疗保险（修订）"}, rows=given)


def test_create_records_audit_and_draft(world: Any) -> None:
    table = world.table()
    assert table.status == Status.DRAFT
    assert table.current_version.number == 1
    entry = AuditLog.objects.get(table=table)
    assert entry.action == "create" and entry.username == "owner"
    assert entry.before is None and entry.after["project"]["name"] == "社会基本医疗保险"


def test_full_approval_path_freezes_the_version(world: Any) -> None:
    table = world.table()
    table = workflow.submit(world.users["owner"], table, table.lock_version)
    assert table.status == Status.SUBMITTED
    table = workflow.review(world.users["reviewer"], table, ReviewInput(approve=True, grade="良"))
    assert (table.status, table.review_grade) == (Status.DEPT_APPROVED, "良")
    table = workflow.review(world.users["finance"], table, ReviewInput(approve=True))
    table = _reload(table)
    assert table.status == Status.APPROVED
    assert table.current_version.frozen
    assert table.approved_version_id == table.current_version_id
    actions = list(
        AuditLog.objects.filter(table=table).order_by("at", "id").values_list("action", flat=True)
    )
    assert actions == ["create", "submit", "department_approve", "finance_approve"]
    last = AuditLog.objects.filter(table=table).order_by("-id").first()
    assert last.before["status"] == Status.DEPT_APPROVED and last.after["status"] == Status.APPROVED


def test_return_with_row_comments_then_fix_and_resubmit(world: Any) -> None:
    table = world.table()
    workflow.submit(world.users["owner"], table)
    row = table.current_version.rows.first()
    table = workflow.review(
        world.users["reviewer"],
        table,
        ReviewInput(
            approve=False, grade="中", row_comments={row.pk: "目标值偏低，请按上年实际调整"}
        ),
    )
    assert (table.status, table.review_grade) == (Status.RETURNED, "中")
    comment = ReviewComment.objects.get(indicator=row)
    assert comment.text == "目标值偏低，请按上年实际调整" and comment.decision == "return"
    table = _reload(table)
    goal_tables.save_edit(world.users["owner"], table, table.lock_version, _edit_input(table))
    table = workflow.submit(world.users["owner"], _reload(table))
    assert table.status == Status.SUBMITTED
    row.refresh_from_db()
    assert row.annual_raw == "≥65000人"
    assert row.comments.count() == 1  # the comment stays on the edited row


def test_return_needs_a_reason_and_dept_needs_a_grade(world: Any) -> None:
    table = world.table()
    workflow.submit(world.users["owner"], table)
    with pytest.raises(workflow.WorkflowError):
        workflow.review(world.users["reviewer"], table, ReviewInput(approve=False, grade="差"))
    with pytest.raises(workflow.WorkflowError):
        workflow.review(world.users["reviewer"], table, ReviewInput(approve=True))
    assert _reload(table).status == Status.SUBMITTED
    assert not ReviewComment.objects.exists()


def test_finance_return_goes_back_to_unit(world: Any) -> None:
    table = world.table()
    workflow.submit(world.users["owner"], table)
    workflow.review(world.users["reviewer"], table, ReviewInput(approve=True, grade="优"))
    table = workflow.review(
        world.users["finance"], table, ReviewInput(approve=False, comment="预算偏高")
    )
    assert table.status == Status.RETURNED
    assert not _reload(table).current_version.frozen


@pytest.mark.parametrize("who", ["colleague", "outsider", "reviewer2", "auditor", "finance"])
def test_only_the_units_editor_submits(world: Any, who: str) -> None:
    table = world.table()
    with pytest.raises(workflow.NotAllowed):
        workflow.submit(world.users[who], table)
    assert _reload(table).status == Status.DRAFT


@pytest.mark.parametrize("who", ["owner", "colleague", "reviewer2", "finance", "auditor"])
def test_only_the_departments_reviewer_reviews_a_submitted_table(world: Any, who: str) -> None:
    table = world.table()
    workflow.submit(world.users["owner"], table)
    with pytest.raises(workflow.NotAllowed):
        workflow.review(world.users[who], table, ReviewInput(approve=True, grade="优"))
    assert _reload(table).status == Status.SUBMITTED


def test_stale_edit_is_refused_and_nothing_overwritten(world: Any) -> None:
    table = world.table()
    opened = table.lock_version  # two editors open the form
    goal_tables.save_edit(world.users["owner"], table, opened, _edit_input(table, "≥70000人"))
    with pytest.raises(workflow.ConflictError):
        goal_tables.save_edit(
            world.users["owner"], _reload(table), opened, _edit_input(table, "≥1人")
        )
    assert _reload(table).current_version.rows.first().annual_raw == "≥70000人"
    assert AuditLog.objects.filter(table=table, action="edit").count() == 1


def test_edit_adds_removes_and_reorders_rows(world: Any) -> None:
    table = world.table(rows=3)
    rows = list(table.current_version.rows.all())
    data = EditInput(
        rows=[
            RowInput(id=rows[2].pk, name=rows[2].name, level1=rows[2].level1, annual_raw="≥95%"),
            RowInput(
                id=rows[0].pk,
                name=rows[0].name,
                level1=rows[0].level1,
                annual_raw=rows[0].annual_raw,
            ),
            RowInput(
                name="新增指标",
                level1="产出指标",
                level2="时效指标",
                annual_raw="100%",
                weight=Decimal("5"),
            ),
        ]
    )
    goal_tables.save_edit(world.users["owner"], table, table.lock_version, data)
    stored = list(_reload(table).current_version.rows.all())
    assert [r.name for r in stored] == [rows[2].name, rows[0].name, "新增指标"]
    assert [r.position for r in stored] == [1, 2, 3]
    assert stored[0].pk == rows[2].pk and stored[2].weight == Decimal("5")
    entry = AuditLog.objects.get(table=table, action="edit")
    assert (
        len(entry.before["indicators"]) == 3 and entry.after["indicators"][2]["name"] == "新增指标"
    )


def test_frozen_table_cannot_be_edited_but_adjusted(world: Any) -> None:
    table = world.table()
    workflow.submit(world.users["owner"], table)
    workflow.review(world.users["reviewer"], table, ReviewInput(approve=True, grade="优"))
    workflow.review(world.users["finance"], table, ReviewInput(approve=True))
    table = _reload(table)
    with pytest.raises(workflow.NotAllowed):
        goal_tables.save_edit(world.users["owner"], table, table.lock_version, _edit_input(table))
    with pytest.raises(workflow.WorkflowError):
        workflow.start_adjustment(world.users["owner"], table, "   ")
    table = workflow.start_adjustment(world.users["owner"], table, "政策调整，参保人数下降")
    table = _reload(table)
    assert (table.status, table.current_version.number) == (Status.DRAFT, 2)
    assert table.current_version.kind == TableVersion.Kind.ADJUST
    assert table.current_version.reason == "政策调整，参保人数下降"
    assert table.approved_version.number == 1 and table.approved_version.frozen
    goal_tables.save_edit(
        world.users["owner"], table, table.lock_version, _edit_input(table, "≥60000人")
    )
    v1 = TableVersion.objects.get(table=table, number=1)
    assert v1.rows.first().annual_raw == "≥64539人"  # the approved version is untouched
    header, rows = comparison.compare(v1, _reload(table).current_version)
    changed = {f.name: (f.left, f.right) for f in header if f.changed}
    assert changed == {"project_name": ("社会基本医疗保险", "社会基本医疗保险（修订）")}
    assert [d.status for d in rows] == ["changed", "same", "same"]
    assert [(f.left, f.right) for f in rows[0].fields if f.changed] == [("≥64539人", "≥60000人")]


def test_compare_shows_added_and_removed_rows(world: Any) -> None:
    a = world.table(rows=3).current_version
    b = world.table(rows=2).current_version
    new_row = b.rows.create(position=3, name="新指标", level1="产出指标", annual_raw="1项")
    _, rows = comparison.compare(a, b)
    assert [d.status for d in rows] == ["same", "same", "removed", "added"]
    assert rows[-1].right == new_row


def test_review_findings_are_stored_and_follow_edits(world: Any) -> None:
    from jixiao.storage.models import ReviewFinding

    table = world.table(rows=4)  # 保障工作有效性 = 良好 cannot be assessed (R302)
    version = table.current_version
    codes = set(ReviewFinding.objects.filter(version=version).values_list("code", flat=True))
    assert {"R110", "R302"} <= codes
    r302 = ReviewFinding.objects.get(version=version, code="R302")
    assert r302.row.name == "保障工作有效性"
    assert version.rule_grade in {"优", "良", "中", "差"}
    data = _edit_input(_reload(table))
    data.rows[3].annual_raw = "≥95%"
    goal_tables.save_edit(world.users["owner"], _reload(table), table.lock_version, data)
    after = set(ReviewFinding.objects.filter(version=version).values_list("code", flat=True))
    assert "R302" not in after and "R110" in after
    findings = findings_for(version, list(version.rows.all()))
    assert findings.available and {f.code for f in findings.table} >= {"R110"}


def test_dashboard_counts_findings_by_rule(world: Any) -> None:
    from jixiao.storage.queries import overview

    world.table(rows=4)
    world.table(rows=4)
    by_rule = {r["code"]: r["n"] for r in overview(world.users["finance"]).by_rule}
    assert by_rule["R110"] == 2 and by_rule["R302"] == 2


def test_scoring_scheme_and_rules_come_from_settings(world: Any, settings: Any) -> None:
    """The preset names go to the rules and the scoring core; a bad one fails loudly."""
    from jixiao.scoring.schemes import SchemeError

    table = world.table()
    version = table.current_version
    rows = list(version.rows.all())
    data = evaluation_scores.EvaluationInput(budget=Decimal("3650.68"), executed=Decimal("3500"))
    assert evaluation_scores.evaluate(version, rows, data).scheme == "central-2020"
    settings.JIXIAO_SCHEME = "vendor-80"
    assert evaluation_scores.evaluate(version, rows, data).scheme == "vendor-80"
    evaluation_scores.compute_scores(version, rows, data)
    settings.JIXIAO_SCHEME = "no-such-scheme"
    with pytest.raises(SchemeError):
        evaluation_scores.compute_scores(version, rows, data)
    settings.JIXIAO_RULES = "legacy"
    store_findings(version)
    assert version.rule_grade


@pytest.mark.parametrize("stage", ["department", "finance"])
def test_the_submitter_or_author_never_reviews_the_version(world: Any, stage: str) -> None:
    """Separation of duties: an account that holds 填报 and a review role (an administrator
    who granted itself both) cannot approve what it submitted."""
    from jixiao.storage.models import Membership, Role

    reviewer = world.users["reviewer" if stage == "department" else "finance"]
    Membership.objects.create(user=reviewer, organisation=world.unit_a, role=Role.EDITOR)
    table = world.table()
    workflow.submit(reviewer, table)
    if stage == "finance":
        workflow.review(world.users["reviewer"], table, ReviewInput(approve=True, grade="优"))
    before = _reload(table).status
    with pytest.raises(workflow.NotAllowed, match=r"他人|another person"):
        workflow.review(reviewer, _reload(table), ReviewInput(approve=True, grade="优"))
    assert _reload(table).status == before
