"""Who may do what: one helper per object kind and action, following the organisation tree.

A membership gives its role over the organisation's whole subtree (a 主管部门 reviewer over its
units, a 财政局 finance reviewer over everything below it). Views turn "cannot view" into 404
(never another unit's data) and "can view but not act" into 403.
"""

from __future__ import annotations

from typing import Any

from jixiao.storage.models import GoalTable, Membership, Organisation, Role, Status

EDITABLE = (Status.DRAFT, Status.RETURNED)


def memberships(user: Any) -> list[tuple[str, str]]:
    """(role, organisation path) pairs of a user, fetched once per user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_jixiao_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).values_list("role", "organisation__path")
        )
        user._jixiao_memberships = cached
    return cached


def roles_over(user: Any, organisation: Organisation) -> set[str]:
    """Roles the user holds over ``organisation`` (on it or on an ancestor)."""
    path = organisation.path
    return {role for role, prefix in memberships(user) if path.startswith(prefix)}


def is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


# --- goal tables ------------------------------------------------------------------------------


def can_view_table(user: Any, table: GoalTable) -> bool:
    return is_superuser(user) or bool(roles_over(user, table.organisation))


def can_edit_table(user: Any, table: GoalTable) -> bool:
    return Role.EDITOR in roles_over(user, table.organisation) and table.status in EDITABLE


def can_submit_table(user: Any, table: GoalTable) -> bool:
    return can_edit_table(user, table)


def can_dept_review_table(user: Any, table: GoalTable) -> bool:
    return (
        Role.REVIEWER in roles_over(user, table.organisation) and table.status == Status.SUBMITTED
    )


def can_finance_review_table(user: Any, table: GoalTable) -> bool:
    return (
        Role.FINANCE in roles_over(user, table.organisation)
        and table.status == Status.DEPT_APPROVED
    )


def can_review_table(user: Any, table: GoalTable) -> bool:
    return can_dept_review_table(user, table) or can_finance_review_table(user, table)


def can_adjust_table(user: Any, table: GoalTable) -> bool:
    """目标调整: an approved table's editor starts a new version."""
    return Role.EDITOR in roles_over(user, table.organisation) and table.status == Status.APPROVED


def table_actions(user: Any, table: GoalTable) -> dict[str, bool]:
    """Every action flag a page needs, computed in one place."""
    return {
        "edit": can_edit_table(user, table),
        "submit": can_submit_table(user, table),
        "dept_review": can_dept_review_table(user, table),
        "finance_review": can_finance_review_table(user, table),
        "adjust": can_adjust_table(user, table),
    }


# --- organisations ----------------------------------------------------------------------------


def can_import_to(user: Any, organisation: Organisation) -> bool:
    """Only a unit's editor imports tables into it."""
    return organisation.kind == Organisation.Kind.UNIT and Role.EDITOR in roles_over(
        user, organisation
    )


def can_view_organisation(user: Any, organisation: Organisation) -> bool:
    return is_superuser(user) or bool(roles_over(user, organisation))


# --- self-evaluations (单位自评) and monitoring rounds (绩效运行监控) ---------------------


def can_evaluate_table(user: Any, table: GoalTable, evaluation: Any = None) -> bool:
    """The unit's editor fills an approved table's evaluation or monitoring while it is open."""
    if Role.EDITOR not in roles_over(user, table.organisation) or not table.approved_version_id:
        return False
    return evaluation is None or evaluation.status in EDITABLE


def can_review_evaluation(user: Any, table: GoalTable, evaluation: Any = None) -> bool:
    if evaluation is None:
        return False
    roles = roles_over(user, table.organisation)
    return (Role.REVIEWER in roles and evaluation.status == Status.SUBMITTED) or (
        Role.FINANCE in roles and evaluation.status == Status.DEPT_APPROVED
    )


# --- administration (管理员) ------------------------------------------------------------------


def can_manage_organisation(user: Any, organisation: Organisation) -> bool:
    """An administrator manages the organisations, users and roles of their subtree."""
    return is_superuser(user) or Role.ADMIN in roles_over(user, organisation)


def can_manage(user: Any) -> bool:
    """Whether the user administers anything at all (the 管理 menu)."""
    return is_superuser(user) or any(role == Role.ADMIN for role, _ in memberships(user))


def managed_organisations(user: Any) -> Any:
    """The organisations a user administers (their admin subtrees), in tree order."""
    if is_superuser(user):
        return Organisation.objects.all()
    prefixes = [path for role, path in memberships(user) if role == Role.ADMIN]
    if not prefixes:
        return Organisation.objects.none()
    from django.db.models import Q

    query = Q()
    for prefix in prefixes:
        query |= Q(path__startswith=prefix)
    return Organisation.objects.filter(query)


def can_manage_user(user: Any, account: Any) -> bool:
    """An administrator manages an account whose every role lies in their subtrees."""
    if is_superuser(user):
        return True
    orgs = list(Organisation.objects.filter(memberships__user=account))
    return bool(orgs) and all(can_manage_organisation(user, org) for org in orgs)
