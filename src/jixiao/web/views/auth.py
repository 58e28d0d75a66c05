# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""Login with throttling, logout."""

from __future__ import annotations

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

from jixiao.storage.models import LoginFailure

__all__ = ["LoginView", "PasswordChangeView", "login_not_required", "logout_view"]


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: a forwarded header is client-controlled unless a proxy strips it.
    return request.META.get("REMOTE_ADDR", "") or "-"


def recent_failures(username: str, ip: str) -> int:
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
    return LoginFailure.objects.filter(username=username, ip=ip, at__gte=since).count()


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
        if recent_failures(username, ip) >= settings.LOGIN_MAX_FAILURES:
            raise ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.LOGIN_LOCK_MINUTES},
            )
        try:
            return super().clean()
        except ValidationError:
            LoginFailure.objects.create(username=username, ip=ip)
            raise


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    template_name = "jixiao/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        LoginFailure.objects.filter(
            username=form.get_user().get_username(), ip=client_ip(self.request)
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
        return super().form_valid(form)
