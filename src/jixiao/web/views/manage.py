# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""管理员 pages: the organisation tree with its accounts, and forms to change them.

Views only read the form and call :mod:`jixiao.services.administration`; anyone who is not an
administrator gets 404 (the page does not exist for them).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jixiao.services import administration, permissions
from jixiao.services.guards import NotAllowed, WorkflowError
from jixiao.storage.models import Membership, Organisation, Role


def _require_admin(request: HttpRequest) -> None:
    if not permissions.can_manage(request.user):
        raise Http404("no such page")


def _managed_org(request: HttpRequest, pk: Any) -> Organisation:
    """An organisation the user administers, else 404."""
    try:
        return permissions.managed_organisations(request.user).get(pk=int(pk))
    except (TypeError, ValueError, Organisation.DoesNotExist) as exc:
        raise Http404("no such organisation") from exc


def manage_home(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    orgs = list(permissions.managed_organisations(request.user).order_by("path"))
    by_org: dict[int, list[Membership]] = {o.pk: [] for o in orgs}
    memberships = (
        Membership.objects.filter(organisation__in=orgs)
        .select_related("user", "organisation")
        .order_by("user__username", "role")
    )
    for m in memberships:
        by_org[m.organisation_id].append(m)
    top = min((o.path.count("/") for o in orgs), default=0)
    tree = [(o, o.path.count("/") - top, by_org[o.pk]) for o in orgs]
    return render(
        request,
        "jixiao/manage.html",
        {
            "tree": tree,
            "parents": [o for o in orgs if o.kind in administration.CHILD_KIND],
            "orgs": orgs,
            "roles": Role.choices(),
            "users": sorted({m.user for m in memberships}, key=lambda u: u.username),
        },
    )


def _done(request: HttpRequest, action: Any, success: str) -> HttpResponse:
    try:
        action()
    except NotAllowed as exc:
        raise PermissionDenied from exc
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("manage")


@require_POST
def organisation_create(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    parent = _managed_org(request, request.POST.get("parent"))
    name = request.POST.get("name", "")
    return _done(
        request,
        lambda: administration.create_organisation(request.user, parent, name),
        _("Created %(name)s under %(parent)s.") % {"name": name.strip(), "parent": parent.name},
    )


@require_POST
def user_create(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    post = request.POST
    data = administration.NewUser(
        username=post.get("username", ""),
        password=post.get("password", ""),
        organisation=_managed_org(request, post.get("organisation")),
        role=post.get("role", ""),
        full_name=post.get("full_name", ""),
    )
    return _done(
        request,
        lambda: administration.create_user(request.user, data),
        _("Account %(name)s created.") % {"name": data.username.strip()},
    )


def _account(pk: int) -> Any:
    return get_object_or_404(get_user_model(), pk=pk)


@require_POST
def role_add(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    pk = request.POST.get("account", "")
    account = _account(int(pk) if pk.isdigit() else 0)
    organisation = _managed_org(request, request.POST.get("organisation"))
    role = request.POST.get("role", "")
    return _done(
        request,
        lambda: administration.add_role(request.user, account, organisation, role),
        _("Role added."),
    )


@require_POST
def role_remove(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    membership = get_object_or_404(Membership.objects.select_related("organisation", "user"), pk=pk)
    _managed_org(request, membership.organisation_id)
    return _done(
        request,
        lambda: administration.remove_role(request.user, membership),
        _("Role removed."),
    )


@require_POST
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    account = _account(pk)
    if not permissions.can_manage_user(request.user, account):
        raise Http404("no such user")
    active = request.POST.get("active") == "1"
    return _done(
        request,
        lambda: administration.set_active(request.user, account, active),
        _("Account enabled.") if active else _("Account disabled; it can no longer log in."),
    )
