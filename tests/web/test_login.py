"""Login is required everywhere; passwords are hashed; failed logins are throttled."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jixiao.storage.models import LoginFailure

from .conftest import PASSWORD


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/tables/",
        "/tables/1/",
        "/tables/1/edit/",
        "/import/",
        "/api/target/?raw=1",
        "/import/x/",
    ],
)
def test_anonymous_is_sent_to_login(db: Any, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_passwords_are_hashed(world: Any) -> None:
    stored = world.users["owner"].password
    assert not stored.startswith(PASSWORD) and "$" in stored


def _login(client: Client, password: str, ip: str = "10.0.0.1") -> Any:
    return client.post(
        reverse("login"), {"username": "owner", "password": password}, REMOTE_ADDR=ip
    )


def test_login_works_and_clears_failures(world: Any) -> None:
    client = Client()
    _login(client, "wrong")
    assert LoginFailure.objects.count() == 1
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert LoginFailure.objects.count() == 0
    assert client.get(reverse("table-list")).status_code == 200


def test_login_is_locked_after_too_many_failures(world: Any, settings: Any) -> None:
    settings.LOGIN_MAX_FAILURES = 3
    client = Client()
    for _ in range(3):
        assert _login(client, "wrong").status_code == 200
    response = _login(client, PASSWORD)  # the right password no longer helps
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "15" in response.content.decode()  # tells how long to wait
    # another address is not locked out by someone else's guessing
    assert _login(Client(), PASSWORD, ip="10.0.0.2").status_code == 302


def test_lock_expires(world: Any, settings: Any) -> None:
    settings.LOGIN_MAX_FAILURES = 2
    client = Client()
    _login(client, "wrong")
    _login(client, "wrong")
    from datetime import timedelta

    from django.utils import timezone

    LoginFailure.objects.update(
        at=timezone.now() - timedelta(minutes=settings.LOGIN_LOCK_MINUTES + 1)
    )
    assert _login(client, PASSWORD).status_code == 302


def test_password_change(world: Any) -> None:
    client = world.client("owner")
    new = "another-Long-passw0rd"
    response = client.post(
        reverse("password-change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    fresh = Client()
    assert _login(fresh, new).status_code == 302
    assert _login(Client(), PASSWORD, ip="10.0.0.9").status_code == 200
