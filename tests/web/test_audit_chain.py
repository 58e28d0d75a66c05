"""Audit (issue 11, item 12): review comments in the change history, logins, failed logins,
logouts, password changes and downloads in the access log, and both logs hash-chained so
that a row changed or removed later is found by ``jixiao manage verify_audit``."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from jixiao.services import workflow
from jixiao.storage.chain import verify
from jixiao.storage.models import AccessLog, AuditLog

from .conftest import PASSWORD


def _actions() -> list[tuple[str, str]]:
    return list(AccessLog.objects.order_by("id").values_list("action", "username"))


def test_logins_failures_logouts_password_changes_and_downloads_are_logged(world: Any) -> None:
    client = Client()
    login = reverse("login")
    client.post(login, {"username": "owner", "password": "wrong"})
    client.post(login, {"username": "owner", "password": PASSWORD})
    table = world.table()
    response = client.get(reverse("table-download", args=[table.pk, "xlsx"]))
    assert response.status_code == 200
    client.post(
        reverse("password-change"),
        {"old_password": PASSWORD, "new_password1": "Q7v!mkd92ka", "new_password2": "Q7v!mkd92ka"},
    )
    client.post(reverse("logout"))
    assert _actions() == [
        ("login_failed", "owner"),
        ("login", "owner"),
        ("download", "owner"),
        ("password", "owner"),
        ("logout", "owner"),
    ]
    download = AccessLog.objects.get(action="download")
    assert download.detail["path"] == reverse("table-download", args=[table.pk, "xlsx"])
    assert ".xlsx" in download.detail["file"] and download.ip == "127.0.0.1"
    assert "wrong" not in str(AccessLog.objects.get(action="login_failed").detail)


def test_review_comments_are_in_the_history(world: Any) -> None:
    table = world.table()
    workflow.submit(world.users["owner"], table)
    row = table.current_version.rows.first()
    workflow.review(
        world.users["reviewer"],
        table,
        workflow.ReviewInput(
            approve=False, grade="中", comment="目标偏低", row_comments={row.pk: "请细化"}
        ),
    )
    entry = AuditLog.objects.get(table=table, action="department_return")
    assert entry.after["comments"] == [
        {"indicator": "", "text": "目标偏低"},
        {"indicator": row.name, "text": "请细化"},
    ]
    page = world.client("owner").get(reverse("table-history", args=[table.pk]))
    assert "审核意见 · " + row.name in page.content.decode()


def test_the_chains_hold_and_a_changed_row_is_found(world: Any) -> None:
    table = world.table()
    workflow.submit(world.users["owner"], table)
    Client().post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert verify(AuditLog) == [] and verify(AccessLog) == []
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact" in out.getvalue()
    first = AuditLog.objects.order_by("id").first()
    AuditLog.objects.filter(pk=first.pk).update(username="somebody-else")  # a tampered row
    [tampered] = verify(AuditLog)
    assert tampered.row_id == first.pk and "content" in tampered.reason
    AuditLog.objects.filter(pk=first.pk).delete()  # and removing it breaks the next link
    broken = verify(AuditLog)
    assert broken and "link" in broken[0].reason
    with pytest.raises(CommandError):
        call_command("verify_audit", stderr=StringIO())
