"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jixiao.services.permissions import can_manage, memberships
from jixiao.storage.models import Role


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles = {role for role, _ in memberships(user)} if user is not None else set()
    return {
        "nav_can_import": Role.EDITOR in roles,
        "nav_can_manage": user is not None and can_manage(user),
        "nav_roles": sorted(str(Role(r).label) for r in roles),
    }
