"""管理员: organisations and accounts via the management pages, permission-checked, audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from jixiao.services import administration
from jixiao.services.guards import NotAllowed, WorkflowError
from jixiao.storage.models import AuditLog, Membership, Organisation, Role

from .conftest import PASSWORD

NEW_PASSWORD = "Changan-2024-pass"


@pytest.fixture
def admins(world: Any) -> dict[str, Any]:
    """An administrator of the whole finance bureau and one of a single department."""
    User = get_user_model()
    bureau = User.objects.create_user("bureau-admin", password=PASSWORD)
    Membership.objects.create(user=bureau, organisation=world.finance_org, role=Role.ADMIN)
    dept = User.objects.create_user("dept-admin", password=PASSWORD)
    Membership.objects.create(user=dept, organisation=world.dept, role=Role.ADMIN)
    return {"bureau": bureau, "dept": dept}


def _client(user: Any) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_the_page_exists_only_for_administrators(world: Any, admins: dict[str, Any]) -> None:
    for who in ("owner", "reviewer", "finance", "auditor", "nobody"):
        assert world.client(who).get(reverse("manage")).status_code == 404, who
    page = _client(admins["dept"]).get(reverse("manage"))
    assert page.status_code == 200
    html = page.content.decode()
    # the department admin sees its department and units, not the other department's
    assert "测试单位甲" in html and "测试单位乙" in html
    assert "测试单位丙" not in html and "另一主管部门" not in html
    assert "用户与单位" in html  # the menu entry, in Chinese
    assert "停用账号 colleague？停用后将无法登录。" in html  # asked before it happens


def test_list_query_count_does_not_grow_with_accounts(
    world: Any, admins: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client = _client(admins["bureau"])
    client.get(reverse("manage"))
    for n in range(15):
        get_user_model().objects.create_user(f"extra{n}")
        Membership.objects.create(
            user=get_user_model().objects.get(username=f"extra{n}"),
            organisation=world.unit_a,
            role=Role.EDITOR,
        )
    with django_assert_max_num_queries(12):
        assert client.get(reverse("manage")).status_code == 200


def test_create_a_unit_under_a_department(world: Any, admins: dict[str, Any]) -> None:
    client = _client(admins["dept"])
    response = client.post(
        reverse("manage-org-create"), {"parent": world.dept.pk, "name": " 测试单位丁 "}
    )
    assert response.status_code == 302
    unit = Organisation.objects.get(name="测试单位丁")
    assert unit.parent == world.dept and unit.kind == Organisation.Kind.UNIT
    assert unit.path.startswith(world.dept.path)
    log = AuditLog.objects.get(action="organisation_create")
    assert log.username == "dept-admin" and log.after["parent"] == "测试主管部门"
    # the same name twice is refused with a message that says so; nothing new is created
    again = client.post(
        reverse("manage-org-create"), {"parent": world.dept.pk, "name": "测试单位丁"}, follow=True
    )
    assert "已有名为 测试单位丁 的单位" in again.content.decode()
    assert Organisation.objects.filter(name="测试单位丁").count() == 1


def test_an_admin_cannot_reach_outside_the_subtree(world: Any, admins: dict[str, Any]) -> None:
    client = _client(admins["dept"])
    outside = client.post(reverse("manage-org-create"), {"parent": world.dept2.pk, "name": "X"})
    assert outside.status_code == 404
    assert not Organisation.objects.filter(name="X").exists()
    with pytest.raises(NotAllowed):
        administration.create_organisation(admins["dept"], world.dept2, "X")
    with pytest.raises(WorkflowError):  # units have nothing below them
        administration.create_organisation(admins["bureau"], world.unit_a, "X")


def test_create_an_account_with_a_role(world: Any, admins: dict[str, Any]) -> None:
    client = _client(admins["dept"])
    data = {
        "username": "zhang",
        "full_name": "张三",
        "password": NEW_PASSWORD,
        "organisation": world.unit_b.pk,
        "role": Role.EDITOR,
    }
    assert client.post(reverse("manage-user-create"), data).status_code == 302
    account = get_user_model().objects.get(username="zhang")
    assert account.check_password(NEW_PASSWORD) and account.password != NEW_PASSWORD
    assert list(account.memberships.values_list("organisation__name", "role")) == [
        ("测试单位乙", Role.EDITOR)
    ]
    log = AuditLog.objects.get(action="user_create")
    assert log.after["roles"] == ["editor@测试单位乙"] and "password" not in str(log.after)
    # the new editor logs in and sees the unit's tables only
    from django.test import Client

    login = Client()
    assert login.login(username="zhang", password=NEW_PASSWORD)


def test_account_errors_say_what_to_do(world: Any, admins: dict[str, Any]) -> None:
    client = _client(admins["dept"])
    base = {"full_name": "", "organisation": world.unit_b.pk, "role": Role.EDITOR}
    weak = client.post(
        reverse("manage-user-create"), {**base, "username": "li", "password": "123"}, follow=True
    )
    assert not get_user_model().objects.filter(username="li").exists()
    assert "密码" in weak.content.decode()
    taken = client.post(
        reverse("manage-user-create"),
        {**base, "username": "OWNER", "password": NEW_PASSWORD},
        follow=True,
    )
    assert "用户名 OWNER 已被使用" in taken.content.decode()
    wrong_kind = client.post(
        reverse("manage-user-create"),
        {**base, "username": "wang", "password": NEW_PASSWORD, "organisation": world.dept.pk},
        follow=True,
    )
    assert "填报人员属于用款单位" in wrong_kind.content.decode()
    assert not get_user_model().objects.filter(username="wang").exists()


def test_add_and_remove_roles_and_disable_accounts(world: Any, admins: dict[str, Any]) -> None:
    client = _client(admins["bureau"])
    colleague = world.users["colleague"]
    client.post(
        reverse("manage-role-add"),
        {"account": colleague.pk, "organisation": world.unit_a.pk, "role": Role.EDITOR},
    )
    membership = Membership.objects.get(user=colleague, organisation=world.unit_a)
    client.post(reverse("manage-role-remove", args=[membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    client.post(reverse("manage-user-active", args=[colleague.pk]), {"active": "0"})
    colleague.refresh_from_db()
    assert not colleague.is_active
    from django.test import Client

    assert not Client().login(username="colleague", password=PASSWORD)
    actions = list(AuditLog.objects.order_by("id").values_list("action", flat=True))
    assert actions[-3:] == ["role_add", "role_remove", "user_disable"]
    # an administrator cannot lock themselves out
    own = Membership.objects.get(user=admins["bureau"])
    with pytest.raises(WorkflowError):
        administration.remove_role(admins["bureau"], own)
    with pytest.raises(WorkflowError):
        administration.set_active(admins["bureau"], admins["bureau"], False)


def test_an_admin_cannot_grant_itself_roles_nor_touch_accounts_outside(
    world: Any, admins: dict[str, Any]
) -> None:
    """Issue 11, item 6: no 填报 + 审核 for oneself; the account must be one the admin manages."""
    with pytest.raises(WorkflowError):
        administration.add_role(admins["bureau"], admins["bureau"], world.unit_a, Role.EDITOR)
    assert not Membership.objects.filter(user=admins["bureau"], role=Role.EDITOR).exists()
    with pytest.raises(WorkflowError):  # NotAllowed is a WorkflowError
        administration.add_role(admins["dept"], world.users["outsider"], world.unit_a, Role.EDITOR)
    assert not Membership.objects.filter(user=world.users["outsider"], organisation=world.unit_a)


def test_a_department_admin_cannot_touch_other_accounts(world: Any, admins: dict[str, Any]) -> None:
    client = _client(admins["dept"])
    outsider = world.users["outsider"]  # an editor of the other department's unit
    response = client.post(reverse("manage-user-active", args=[outsider.pk]), {"active": "0"})
    assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active
    membership = Membership.objects.get(user=outsider)
    assert client.post(reverse("manage-role-remove", args=[membership.pk])).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()
