"""The permission matrix: every page and action, as owner, colleague, outsider and reviewers.

A user who may not see a table gets 404 for every URL of it (never another unit's data); a user
who may see it but not act gets 403; nothing changes in the database either way.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from jixiao.services import permissions, workflow
from jixiao.storage import queries
from jixiao.storage.models import AuditLog, GoalTable, Status

URLS = [
    ("table-detail", "get"),
    ("table-history", "get"),
    ("table-compare", "get"),
    ("table-edit", "get"),
    ("table-edit", "post"),
    ("table-submit", "post"),
    ("table-review", "get"),
    ("table-review", "post"),
    ("table-adjust", "get"),
    ("table-adjust", "post"),
]
READ = {"table-detail", "table-history", "table-compare"}
INVISIBLE = ["colleague", "outsider", "reviewer2", "nobody"]
VIEW_ONLY = ["reviewer", "finance", "auditor"]


def _call(client: Any, name: str, method: str, table: GoalTable) -> int:
    url = reverse(name, args=[table.pk])
    data = {"lock_version": table.lock_version, "decision": "approve", "grade": "优", "reason": "x"}
    response = client.post(url, data) if method == "post" else client.get(url)
    return response.status_code


@pytest.mark.parametrize("who", INVISIBLE)
@pytest.mark.parametrize("name, method", URLS)
def test_invisible_table_is_404_everywhere(world: Any, who: str, name: str, method: str) -> None:
    table = world.table()
    before = AuditLog.objects.count()
    assert _call(world.client(who), name, method, table) == 404
    assert AuditLog.objects.count() == before


@pytest.mark.parametrize("who", VIEW_ONLY)
@pytest.mark.parametrize("name, method", URLS)
def test_viewers_read_but_cannot_act_on_a_draft(
    world: Any, who: str, name: str, method: str
) -> None:
    table = world.table()
    expected = 200 if name in READ else 403
    assert _call(world.client(who), name, method, table) == expected
    assert GoalTable.objects.get(pk=table.pk).status == Status.DRAFT


@pytest.mark.parametrize(
    "name, method, expected",
    [
        ("table-detail", "get", 200),
        ("table-history", "get", 200),
        ("table-compare", "get", 200),
        ("table-edit", "get", 200),
        ("table-submit", "post", 302),
        ("table-review", "get", 403),
        ("table-review", "post", 403),
        ("table-adjust", "get", 403),
    ],
)
def test_owner_on_a_draft(world: Any, name: str, method: str, expected: int) -> None:
    assert _call(world.client("owner"), name, method, world.table()) == expected


def test_reviewer_acts_only_on_submitted_tables_of_his_department(world: Any) -> None:
    table = world.table()
    other = world.table(org=world.unit_c)  # another department's unit
    workflow.submit(world.users["owner"], table)
    assert permissions.can_dept_review_table(
        world.users["reviewer"], GoalTable.objects.get(pk=table.pk)
    )
    assert _call(world.client("reviewer"), "table-review", "get", table) == 200
    assert _call(world.client("reviewer"), "table-detail", "get", other) == 404
    assert _call(world.client("reviewer2"), "table-review", "get", table) == 404


@pytest.mark.parametrize(
    "who, visible",
    [
        ("owner", {"A"}),
        ("colleague", {"B"}),
        ("outsider", {"C"}),
        ("reviewer", {"A", "B"}),
        ("reviewer2", {"C"}),
        ("finance", {"A", "B", "C"}),
        ("auditor", {"A", "B", "C"}),
        ("nobody", set()),
    ],
)
def test_list_shows_only_the_subtree(world: Any, who: str, visible: set[str]) -> None:
    world.table(name="A")
    world.table(org=world.unit_b, name="B")
    world.table(org=world.unit_c, name="C")
    names = {
        t.current_version.project_name
        for t in queries.table_list(world.users[who], queries.TableFilter())
    }
    assert names == visible
    page = world.client(who).get(reverse("table-list")).content.decode()
    for name in {"A", "B", "C"}:
        assert (f">{name}</a>" in page) == (name in visible)


def test_list_organisation_filter_cannot_reach_outside(world: Any) -> None:
    world.table(org=world.unit_c, name="C")
    flt = queries.TableFilter(organisation=world.unit_c.pk)
    assert list(queries.table_list(world.users["owner"], flt)) == []


def test_superuser_sees_everything(world: Any, django_user_model: Any) -> None:
    world.table()
    boss = django_user_model.objects.create_superuser("boss", password="x-y-z-123456")
    assert queries.visible_tables(boss).count() == 1


def test_moving_a_unit_moves_its_visibility(world: Any) -> None:
    table = world.table(org=world.unit_b)
    reviewer2 = world.users["reviewer2"]
    assert not permissions.can_view_table(reviewer2, table)
    world.unit_b.parent = world.dept2
    world.unit_b.save()
    table = GoalTable.objects.select_related("organisation").get(pk=table.pk)
    assert table.organisation.path.startswith(world.dept2.path)
    fresh = type(reviewer2).objects.get(pk=reviewer2.pk)
    assert permissions.can_view_table(fresh, table)
    assert not permissions.can_view_table(world.users["reviewer"], table)


def test_admin_pages_for_staff_only(world: Any, django_user_model: Any) -> None:
    boss = django_user_model.objects.create_superuser("boss", password="x-y-z-123456")
    from django.test import Client

    client = Client()
    client.force_login(boss)
    assert client.get("/admin/storage/organisation/").status_code == 200
    assert client.get("/admin/storage/auditlog/").status_code == 200
    assert world.client("finance").get("/admin/storage/organisation/").status_code == 302
