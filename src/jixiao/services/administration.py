# mypy: disable-error-code="no-any-return, no-untyped-call"
"""管理员 use cases: organisations and user accounts, within the administrator's subtree.

An administrator's membership covers the organisation's subtree, like every role: the admin of
a 财政局 manages the 主管部门 and units below it. Every change runs in one transaction and is
recorded in the audit log (who, when, what, before and after). Passwords go through Django's
password validators and are stored hashed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jixiao.services import audit, permissions
from jixiao.services.guards import NotAllowed, WorkflowError
from jixiao.storage.models import Membership, Organisation, Role

# Which kind of organisation may sit below which (财政局 → 主管部门 → 用款/实施单位).
CHILD_KIND = {
    Organisation.Kind.FINANCE.value: Organisation.Kind.DEPARTMENT.value,
    Organisation.Kind.DEPARTMENT.value: Organisation.Kind.UNIT.value,
}


def _check_manage(user: Any, organisation: Organisation) -> None:
    if not permissions.can_manage_organisation(user, organisation):
        raise NotAllowed(_("Only an administrator of this organisation can change it."))


def _org_state(organisation: Organisation) -> dict[str, Any]:
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "parent": organisation.parent.name if organisation.parent else None,
    }


def create_organisation(user: Any, parent: Organisation, name: str) -> Organisation:
    """A new 主管部门 under a 财政局, or a new unit under a 主管部门."""
    name = " ".join(name.split())
    if not name:
        raise WorkflowError(_("Give the organisation's full name."))
    kind = CHILD_KIND.get(parent.kind)
    if kind is None:
        raise WorkflowError(
            _("A budget unit cannot have organisations below it; choose a department.")
        )
    with transaction.atomic():
        _check_manage(user, parent)
        if Organisation.objects.filter(parent=parent, name=name).exists():
            raise WorkflowError(
                _("%(parent)s already has an organisation named %(name)s.")
                % {"parent": parent.name, "name": name}
            )
        organisation = Organisation(name=name, kind=kind, parent=parent)
        organisation.full_clean(exclude=["path"])
        organisation.save()
        audit.record(user, "organisation_create", obj=organisation, after=_org_state(organisation))
    return organisation


def rename_organisation(user: Any, organisation: Organisation, name: str) -> Organisation:
    name = " ".join(name.split())
    if not name:
        raise WorkflowError(_("Give the organisation's full name."))
    with transaction.atomic():
        _check_manage(user, organisation)
        clash = Organisation.objects.filter(parent=organisation.parent_id, name=name)
        if clash.exclude(pk=organisation.pk).exists():
            raise WorkflowError(_("Another organisation at this level already has that name."))
        before = _org_state(organisation)
        organisation.name = name
        organisation.save(update_fields=["name"])
        audit.record(
            user,
            "organisation_rename",
            obj=organisation,
            before=before,
            after=_org_state(organisation),
        )
    return organisation


@dataclass
class NewUser:
    username: str
    password: str
    organisation: Organisation
    role: str
    full_name: str = ""


def _user_state(account: Any) -> dict[str, Any]:
    return {
        "username": account.username,
        "name": account.first_name,
        "active": account.is_active,
        "roles": sorted(
            f"{m.role}@{m.organisation.name}"
            for m in Membership.objects.filter(user=account).select_related("organisation")
        ),
    }


def _check_role(user: Any, organisation: Organisation, role: str) -> None:
    if role not in Role.values():
        raise WorkflowError(_("Choose a role."))
    _check_manage(user, organisation)
    if role == Role.EDITOR and organisation.kind != Organisation.Kind.UNIT:
        raise WorkflowError(_("An editor (填报) belongs to a budget unit; choose a unit."))
    if role == Role.REVIEWER and organisation.kind != Organisation.Kind.DEPARTMENT:
        raise WorkflowError(
            _("A department reviewer (部门审核) belongs to a department; choose a department.")
        )
    if role == Role.FINANCE and organisation.kind != Organisation.Kind.FINANCE:
        raise WorkflowError(
            _("A finance reviewer (财政审核) belongs to the finance bureau; choose it.")
        )


def create_user(user: Any, data: NewUser) -> Any:
    """A new account with one role on one organisation; the password is checked and hashed."""
    User = get_user_model()
    username = data.username.strip()
    if not username:
        raise WorkflowError(_("Give a user name for logging in."))
    with transaction.atomic():
        _check_role(user, data.organisation, data.role)
        if User.objects.filter(username__iexact=username).exists():
            raise WorkflowError(
                _("The user name %(name)s is taken; choose another.") % {"name": username}
            )
        account = User(username=username, first_name=data.full_name.strip()[:150])
        try:
            account.full_clean(exclude=["password"])
            validate_password(data.password, account)
        except ValidationError as exc:
            raise WorkflowError(" ".join(exc.messages)) from exc
        account.set_password(data.password)
        account.save()
        Membership.objects.create(user=account, organisation=data.organisation, role=data.role)
        audit.record(user, "user_create", obj=account, after=_user_state(account))
    return account


def add_role(user: Any, account: Any, organisation: Organisation, role: str) -> Membership:
    with transaction.atomic():
        # the same account check as enabling / disabling accounts, and no roles for oneself:
        # an administrator never grants itself 填报 and 审核 (separation of duties)
        if not permissions.can_manage_user(user, account):
            raise NotAllowed(_("Only an administrator of the user's organisation can do this."))
        if account.pk == getattr(user, "pk", None):
            raise WorkflowError(_("You cannot give roles to your own account."))
        _check_role(user, organisation, role)
        before = _user_state(account)
        membership, created = Membership.objects.get_or_create(
            user=account, organisation=organisation, role=role
        )
        if not created:
            raise WorkflowError(_("The user already has this role there."))
        audit.record(user, "role_add", obj=account, before=before, after=_user_state(account))
    return membership


def remove_role(user: Any, membership: Membership) -> None:
    with transaction.atomic():
        _check_manage(user, membership.organisation)
        account = membership.user
        if account.pk == getattr(user, "pk", None) and membership.role == Role.ADMIN:
            raise WorkflowError(_("You cannot remove your own administrator role."))
        before = _user_state(account)
        membership.delete()
        audit.record(user, "role_remove", obj=account, before=before, after=_user_state(account))


def set_active(user: Any, account: Any, active: bool) -> Any:
    """停用 / 启用 an account (kept for the history; a disabled account cannot log in)."""
    with transaction.atomic():
        if not permissions.can_manage_user(user, account):
            raise NotAllowed(_("Only an administrator of the user's organisation can do this."))
        if account.pk == getattr(user, "pk", None):
            raise WorkflowError(_("You cannot disable your own account."))
        before = _user_state(account)
        account.is_active = active
        account.save(update_fields=["is_active"])
        audit.record(
            user,
            "user_enable" if active else "user_disable",
            obj=account,
            before=before,
            after=_user_state(account),
        )
    return account
