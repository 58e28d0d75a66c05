# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""Login with throttling, logout."""

from __future__ import annotations

import unicodedata
from datetime import timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from jixiao.services import audit
from jixiao.storage.models import LoginFailure

__all__ = ["LoginView", "PasswordChangeView", "login_not_required", "logout_view"]


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: a forwarded header is client-controlled unless a proxy strips it.
    return request.META.get("REMOTE_ADDR", "") or "-"


def throttle_key(username: str) -> str:
    """The name failures are counted on: NFKC as authentication normalises it (``ｕnit`` is
    ``unit``), case folded, so no spelling of a locked name gets past the count."""
    return unicodedata.normalize("NFKC", username).strip().casefold()[:150]


def _window_start() -> Any:
    return timezone.now() - timedelta(minutes=settings.LOGIN_LOCK_MINUTES)


def recent_failures(username: str, ip: str) -> int:
    key = throttle_key(username)
    return LoginFailure.objects.filter(username=key, ip=ip, at__gte=_window_start()).count()


def address_failures(ip: str) -> int:
    """Failures from one address over every name (password spraying)."""
    return LoginFailure.objects.filter(ip=ip, at__gte=_window_start()).count()


def record_failure(username: str, ip: str) -> None:
    LoginFailure.objects.filter(at__lt=_window_start()).delete()  # the table stays bounded
    LoginFailure.objects.create(username=throttle_key(username), ip=ip)


class ThrottledAuthenticationForm(auth_forms.AuthenticationForm):
    """Refuses to check a password after N failures per user name and address in M minutes."""

    error_messages: ClassVar[dict[str, Any]] = {
        **auth_forms.AuthenticationForm.error_messages,
        "locked": _(
            "Too many failed attempts. Try again in %(minutes)s minutes or ask your administrator."
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = (self.data.get("username") or "").strip()[:150]
        ip = client_ip(self.request) if self.request else "-"
        if (
            recent_failures(username, ip) >= settings.LOGIN_MAX_FAILURES
            or address_failures(ip) >= settings.LOGIN_MAX_FAILURES_PER_ADDRESS
        ):
            audit.access(None, "login_locked", ip, username=username)
            raise ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.LOGIN_LOCK_MINUTES},
            )
        try:
            return super().clean()
        except ValidationError:
            record_failure(username, ip)
            raise


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    template_name = "jixiao/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        LoginFailure.objects.filter(
            username=throttle_key(form.get_user().get_username()), ip=client_ip(self.request)
        ).delete()
        return super().form_valid(form)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("login")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "jixiao/password_change.html"
    success_url = reverse_lazy("table-list")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password was changed."))
        audit.access(self.request.user, "password", client_ip(self.request))
        return super().form_valid(form)
