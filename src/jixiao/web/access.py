# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""The access log (issue 11, item 12): logins, failed logins, logouts (Django's auth signals),
password changes (the view) and downloads (any attachment sent to a signed-in user)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from jixiao.services import audit


def client_ip(request: HttpRequest | None) -> str:
    # REMOTE_ADDR only: behind a trusted proxy the server has already set it from the header
    return (request.META.get("REMOTE_ADDR", "") if request is not None else "") or "-"


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit.access(user, "login", client_ip(request))


@receiver(user_logged_out)
def _logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.access(user, "logout", client_ip(request))


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    name = str(credentials.get("username") or "")[:150]  # the password is never passed on
    audit.access(None, "login_failed", client_ip(request), username=name)


class DownloadLogMiddleware:
    """Records every file a signed-in user downloads (a response sent as an attachment)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        disposition = response.headers.get("Content-Disposition", "")
        user = getattr(request, "user", None)
        if disposition.startswith("attachment") and getattr(user, "is_authenticated", False):
            audit.access(
                user, "download", client_ip(request), path=request.path, file=disposition[:300]
            )
        return response
