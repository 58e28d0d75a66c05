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


def _login_as(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> Any:
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_full_width_spellings_do_not_get_past_a_lock(world: Any, settings: Any) -> None:
    """``ｏｗｎｅｒ`` authenticates as ``owner`` (NFKC); it is counted as ``owner`` too."""
    settings.LOGIN_MAX_FAILURES = 3
    client = Client()
    for spelling in ("owner", "ｏwner", "ＯＷＮＥＲ"):
        assert _login_as(client, spelling, "wrong").status_code == 200
    for spelling in ("owner", "ｏｗｎｅｒ"):
        response = _login_as(client, spelling, PASSWORD)  # locked, whatever the spelling
        assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert LoginFailure.objects.filter(username="owner").count() == 3


def test_password_spraying_from_one_address_is_stopped(world: Any, settings: Any) -> None:
    settings.LOGIN_MAX_FAILURES = 100
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 4
    client = Client()
    for k in range(4):
        _login_as(client, f"nobody{k}", "guess", ip="10.9.9.9")
    assert _login_as(client, "owner", PASSWORD, ip="10.9.9.9").status_code == 200  # refused
    assert _login_as(client, "owner", PASSWORD, ip="10.9.9.8").status_code == 302


def test_failure_records_do_not_grow_without_bound(world: Any, settings: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    old = LoginFailure.objects.create(username="someone", ip="10.0.0.7")
    LoginFailure.objects.filter(pk=old.pk).update(
        at=timezone.now() - timedelta(minutes=settings.LOGIN_LOCK_MINUTES + 1)
    )
    _login_as(Client(), "owner", "wrong")
    assert not LoginFailure.objects.filter(pk=old.pk).exists()
