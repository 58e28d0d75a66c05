"""Pages: list (filters, pagination, no N+1), detail, edit (conflict), review, adjust, history."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.scoring.monitoring import is_point_in_time
from jixiao.services import goal_tables, workflow
from jixiao.storage import mapping
from jixiao.storage.models import GoalTable, ReviewComment, Status


def _list_queries(client: Any, **params: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("table-list"), params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_rows(
    world: Any, django_assert_num_queries: Any
) -> None:
    client = world.client("finance")
    world.table()
    few = _list_queries(client)
    for i in range(24):
        world.table(org=world.unit_b if i % 2 else world.unit_c, name=f"项目{i:02}")
    # session, user, memberships, years, organisations, count, page (+ filter lookups)
    with django_assert_num_queries(few):
        response = client.get(reverse("table-list"))
    assert response.content.decode().count('href="/tables/') >= 25
    assert _list_queries(client, q="项目", status="draft", year=2024) == few


def test_list_filters_and_search(world: Any) -> None:
    a = world.table(name="社会基本医疗保险")
    world.table(name="综合业务类")
    workflow.submit(world.users["owner"], a)
    workflow.review(world.users["reviewer"], a, workflow.ReviewInput(approve=True, grade="良"))
    client = world.client("reviewer")

    def names(**params: Any) -> list[str]:
        page = client.get(reverse("table-list"), params).context["page"]
        return [t.current_version.project_name for t in page]

    assert sorted(names()) == ["社会基本医疗保险", "综合业务类"]
    assert names(q="综合") == ["综合业务类"]
    assert names(status="dept_approved") == ["社会基本医疗保险"]
    assert names(grade="良") == ["社会基本医疗保险"]
    assert names(year=2023) == []
    assert sorted(names(organisation=world.unit_a.pk)) == ["社会基本医疗保险", "综合业务类"]
    assert names(organisation=world.unit_b.pk) == []


def test_list_paginates(world: Any) -> None:
    for i in range(27):
        world.table(name=f"项目{i:02}")
    client = world.client("owner")
    first = client.get(reverse("table-list")).context["page"]
    second = client.get(reverse("table-list"), {"page": 2}).context["page"]
    assert (len(first), len(second), first.paginator.num_pages) == (25, 2, 2)


def test_detail_shows_header_tree_and_versions(world: Any) -> None:
    table = world.table()
    html = world.client("owner").get(reverse("table-detail", args=[table.pk])).content.decode()
    for text in ("社会基本医疗保险", "产出指标", "年均参保缴费人数", "≥64539人", "3650.68", "v1"):
        assert text in html
    assert 'lang="zh-hans"' in html and "提交审核" in html


def _edit_post(table: GoalTable, lock: int, annual: str) -> dict[str, Any]:
    rows = list(table.current_version.rows.all())
    return {
        "lock_version": lock,
        "project_name": "社会基本医疗保险",
        "budget_amount": "3650.68",
        "period_start": "2024",
        "period_end": "2024",
        "row_id": [r.pk for r in rows] + [""],
        "level1": [r.level1 for r in rows] + [""],
        "level2": [r.level2 for r in rows] + [""],
        "name": [r.name for r in rows] + [""],
        "period": [r.period_raw for r in rows] + [""],
        "annual": [annual] + [r.annual_raw for r in rows[1:]] + [""],
        "weight": ["10"] * len(rows) + [""],
    }


def test_edit_saves_and_second_writer_gets_a_conflict(world: Any) -> None:
    table = world.table()
    client = world.client("owner")
    url = reverse("table-edit", args=[table.pk])
    assert client.get(url).status_code == 200
    opened = table.lock_version
    assert client.post(url, _edit_post(table, opened, "≥70000人")).status_code == 302
    response = client.post(url, _edit_post(table, opened, "≥1人"))
    assert response.status_code == 409
    assert "其他人" in response.content.decode() or "someone else" in response.content.decode()
    row = GoalTable.objects.get(pk=table.pk).current_version.rows.first()
    assert row.annual_raw == "≥70000人" and row.annual_value == 70000 and row.annual_op == ">="


def test_edit_sets_the_measure_monitoring_uses(world: Any) -> None:
    """计量方式 per row: 时点 stored in the row's extra columns, shown selected again, and
    read by monitoring (is_point_in_time); "" goes back to the name's wording."""
    table = world.table()
    client = world.client("owner")
    url = reverse("table-edit", args=[table.pk])
    data = _edit_post(table, table.lock_version, "≥70000人")
    data["measure"] = ["时点"] + [""] * (len(data["name"]) - 1)
    assert client.post(url, data).status_code == 302
    version = GoalTable.objects.get(pk=table.pk).current_version
    first, *rest = version.rows.all()
    assert ["计量方式", "时点"] in first.extra
    assert all(goal_tables.measure_of(r.extra) == "" for r in rest)
    assert is_point_in_time(mapping.to_indicator(first))
    page = client.get(url).content.decode()
    assert '<option value="时点" selected>' in page
    table.refresh_from_db()
    data = _edit_post(table, table.lock_version, "≥70000人")
    data["measure"] = ["每月"] + [""] * (len(data["name"]) - 1)
    assert client.post(url, data).status_code == 400  # not a measure: nothing saved
    data["measure"] = [""] * len(data["name"])
    assert client.post(url, data).status_code == 302
    row = GoalTable.objects.get(pk=table.pk).current_version.rows.first()
    assert goal_tables.measure_of(row.extra) == ""


def test_edit_rejects_bad_numbers_without_saving(world: Any) -> None:
    table = world.table()
    data = _edit_post(table, table.lock_version, "≥1人")
    data["weight"][0] = "ten"
    response = world.client("owner").post(reverse("table-edit", args=[table.pk]), data)
    assert response.status_code == 400
    assert GoalTable.objects.get(pk=table.pk).lock_version == table.lock_version


def test_target_endpoint_parses_as_you_type(world: Any) -> None:
    client = world.client("owner")
    data = client.get(reverse("api-target"), {"raw": "≥90%"}).json()
    assert data["ok"] and data["target"]["op"] == ">=" and data["target"]["value"] == "90"
    assert data["target"]["unit"] == "%" and data["target"]["kind"] == "quantitative"
    assert (
        client.get(reverse("api-target"), {"raw": "良好"}).json()["target"]["kind"] == "qualitative"
    )


def test_review_return_with_row_comment_through_the_view(world: Any) -> None:
    table = world.table()
    workflow.submit(world.users["owner"], table)
    row = table.current_version.rows.first()
    client = world.client("reviewer")
    url = reverse("table-review", args=[table.pk])
    response = client.post(url, {"decision": "return", "grade": "中", "lock_version": 99})
    assert response.status_code == 400  # stale lock: nothing happens
    table.refresh_from_db()
    response = client.post(
        url,
        {
            "decision": "return",
            "grade": "中",
            "lock_version": table.lock_version,
            f"row_{row.pk}": "目标值偏低",
        },
    )
    assert response.status_code == 302
    assert GoalTable.objects.get(pk=table.pk).status == Status.RETURNED
    assert ReviewComment.objects.get(indicator=row).text == "目标值偏低"
    html = world.client("owner").get(reverse("table-detail", args=[table.pk])).content.decode()
    assert "目标值偏低" in html


def test_adjust_history_and_compare_pages(world: Any) -> None:
    table = world.table()
    workflow.submit(world.users["owner"], table)
    workflow.review(world.users["reviewer"], table, workflow.ReviewInput(approve=True, grade="优"))
    workflow.review(world.users["finance"], table, workflow.ReviewInput(approve=True))
    table.refresh_from_db()
    client = world.client("owner")
    response = client.post(
        reverse("table-adjust", args=[table.pk]), {"reason": "", "lock_version": table.lock_version}
    )
    assert response.status_code == 400
    response = client.post(
        reverse("table-adjust", args=[table.pk]),
        {"reason": "人数调整", "lock_version": table.lock_version},
    )
    assert response.status_code == 302
    table.refresh_from_db()
    client.post(
        reverse("table-edit", args=[table.pk]), _edit_post(table, table.lock_version, "≥60000人")
    )
    html = client.get(reverse("table-compare", args=[table.pk])).content.decode()
    assert "≥64539人" in html and "≥60000人" in html
    history = client.get(reverse("table-history", args=[table.pk])).content.decode()
    for word in ("owner", "reviewer", "finance"):
        assert word in history


def test_language_switch_to_english(world: Any) -> None:
    client = world.client("owner")
    client.post(reverse("set_language"), {"language": "en", "next": "/tables/"})
    html = client.get(reverse("table-list")).content.decode()
    assert 'lang="en"' in html and "Goal tables" in html
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/tables/"})
    assert "绩效目标表" in client.get(reverse("table-list")).content.decode()


@pytest.mark.parametrize("header", ["en-US,en;q=0.9", "fr"])
def test_chinese_is_the_default_whatever_the_browser_says(world: Any, header: str) -> None:
    html = (
        world.client("owner")
        .get(reverse("table-list"), HTTP_ACCEPT_LANGUAGE=header)
        .content.decode()
    )
    assert 'lang="zh-hans"' in html


def test_review_findings_beside_rows_and_suggested_grade(world: Any) -> None:
    table = world.table(rows=4)  # no 成本指标, no 时效指标, a vague qualitative target
    html = world.client("owner").get(reverse("table-detail", args=[table.pk])).content.decode()
    assert "R110" in html and "缺少成本指标" in html  # a table-level finding
    row = html.split("保障工作有效性</td>")[1].split("</tr>")[0]
    assert "R302" in row  # the row-level finding sits on its row
    assert "审核规则建议等级" in html and 'class="grade g-中"' in html
    workflow.submit(world.users["owner"], table)
    review = world.client("reviewer").get(reverse("table-review", args=[table.pk]))
    assert "R302" in review.content.decode()


def test_dashboard_rolls_up_the_visible_units(world: Any) -> None:
    world.table(amount="3650.68")
    world.table(amount="35.31")
    world.table(amount="15.47")
    world.table(org=world.unit_b, amount="86.5")
    world.table(org=world.unit_c, amount="1000")
    response = world.client("reviewer").get(reverse("dashboard"))
    data = response.context["data"]
    assert data.tables == 4 and data.budget_wan == Decimal("3787.96")
    units = {u["organisation__name"]: (u["tables"], u["budget"]) for u in data.by_unit}
    assert units == {"测试单位甲": (3, Decimal("3701.46")), "测试单位乙": (1, Decimal("86.5"))}
    html = response.content.decode()
    assert "<svg" in html and "3701.46" in html and "测试单位丙" not in html
    owner = world.client("owner").get(reverse("dashboard")).context["data"]
    assert (owner.tables, owner.budget_wan) == (3, Decimal("3701.46"))


def test_dashboard_query_count_is_constant(world: Any) -> None:
    client = world.client("finance")
    world.table()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("dashboard"))
    for i in range(10):
        world.table(org=world.unit_b if i % 2 else world.unit_c)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("dashboard"))
    assert len(many.captured_queries) == len(few.captured_queries)
