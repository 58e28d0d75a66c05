"""The whole goal-table path in a real browser: import, preview, edit, submit, return, fix,
approve — as the unit, the department reviewer and the finance bureau."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from jixiao.services.demo import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dongguan-changan-2024-goal-tables.txt"


def login(page: Any, base: str, user: str) -> None:
    page.goto(base + "/login/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(r".*/tables/.*"))


def logout(page: Any) -> None:
    page.click("header form[action$='/logout/'] button")
    page.wait_for_url(re.compile(r".*/login/.*"))


def open_table(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/tables/?year=2025&q={name}")
    page.click(f"table.grid a:has-text('{name}')")
    page.wait_for_url(re.compile(r".*/tables/\d+/$"))


def example_pdf(folder: Path) -> Path:
    """The example tables as a PDF made by the project's own exporter (a real PDF file)."""
    from jixiao.io.writers import get_exporter
    from jixiao.services.parsing import parse_file

    tables = parse_file(EXAMPLE).tables
    path = folder / "dongguan-changan-2024-goal-tables.pdf"
    path.write_bytes(get_exporter("pdf")(tables).render())
    return path


def test_import_edit_review_approve(
    page: Any, live_server: Any, settings: Any, shoot: Any, tmp_path: Path
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    base = live_server.url
    pdf = example_pdf(tmp_path)

    page.goto(base + "/")
    shoot(page, "01-login")
    login(page, base, "unit")
    shoot(page, "02-list-unit")

    # import the example PDF: upload with progress, preview, confirm as 2025 drafts
    page.click("nav.mainnav a[href='/import/']")
    page.set_input_files("input[type=file]", str(pdf))
    assert page.locator(".file-name").inner_text() == pdf.name  # the chosen file, in Chinese UI
    shoot(page, "03-upload")
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/import/[\w-]+/$"))
    for name in ("工会经费", "综合业务类", "社会基本医疗保险"):
        assert page.locator("section.card h2").filter(has_text=name).count() == 1
    assert page.locator("text=64539").count() >= 1  # the indicator values came through
    shoot(page, "04-preview")
    page.fill("input[name=year]", "2025")
    page.click("text=确认导入")
    page.wait_for_url(re.compile(r".*/tables/\?organisation=\d+"))
    assert page.locator("li.msg.success").inner_text().startswith("已将 3 张表")

    # edit a target: the parsed hint follows the typing
    open_table(page, base, "工会经费")
    shoot(page, "05-detail-draft")
    page.click("a.button:has-text('修改')")
    first_annual = page.locator("#rows tbody tr").first.locator("input[name=annual]")
    first_annual.fill("≥52人")
    hint = page.locator("#rows tbody tr").first.locator("output.parsed-hint")
    hint.filter(has_text="52").wait_for()
    assert "人" in hint.inner_text() and "≥" in hint.inner_text()
    page.click("button[data-add-row]")
    new_row = page.locator("#rows tbody tr").last
    new_row.locator("input[name=name]").fill("职工活动参与率")
    new_row.locator("input[name=annual]").fill("≥80%")
    shoot(page, "06-edit")
    page.click("#edit-form button[type=submit].primary")
    page.wait_for_url(re.compile(r".*/tables/\d+/$"))
    assert page.locator("td:has-text('≥52人')").count() == 1
    assert page.locator("td:has-text('职工活动参与率')").count() == 1
    page.click("button:has-text('提交审核')")
    assert page.locator("h1 .status").inner_text() == "已提交"
    logout(page)

    # the department returns it with a comment on one indicator and grade 中
    login(page, base, "dept")
    open_table(page, base, "工会经费")
    page.click("a.button:has-text('部门审核')")
    page.locator("textarea[aria-label$='职工人数']").fill("职工人数应与工会会员名册一致")
    page.check("input[name=grade][value='中']")
    shoot(page, "07-review")
    page.click("button[value=return]")
    assert page.locator("h1 .status").inner_text() == "退回"
    logout(page)

    # the unit sees the comment, fixes the target and submits again
    login(page, base, "unit")
    open_table(page, base, "工会经费")
    assert page.locator("tr.has-comment").filter(has_text="工会会员名册").count() == 1
    shoot(page, "08-detail-returned")
    page.click("a.button:has-text('修改')")
    page.locator("#rows tbody tr").first.locator("input[name=annual]").fill("51人")
    page.click("#edit-form button[type=submit].primary")
    page.click("button:has-text('提交审核')")
    logout(page)

    # department approves (良), finance approves: the version is frozen
    login(page, base, "dept")
    open_table(page, base, "工会经费")
    page.click("a.button:has-text('部门审核')")
    page.check("input[name=grade][value='良']")
    page.click("button[value=approve]")
    assert page.locator("h1 .status").inner_text() == "部门审核通过"
    logout(page)
    login(page, base, "finance")
    shoot(page, "09-list-finance")
    open_table(page, base, "工会经费")
    page.click("a.button:has-text('财政审核')")
    page.click("button[value=approve]")
    assert page.locator("h1 .status").inner_text() == "财政批复"
    assert page.locator("a.button:has-text('修改')").count() == 0
    shoot(page, "10-detail-approved")
    page.click("nav.subnav a:has-text('变更记录')")
    assert page.locator("table.history tbody tr").count() >= 8
    shoot(page, "11-history")
    logout(page)

    # monitoring (June): the light follows the value as it is typed
    login(page, base, "unit")
    open_table(page, base, "工会经费")
    page.click("nav.subnav a:has-text('运行监控')")
    page.click("nav.months a:text-is('6')")
    page.fill("input[name=budget]", "15.47")
    page.fill("input[name=executed]", "3")
    light = page.locator("tr[data-row]").first.locator("[data-light]")
    actual = page.locator("tr[data-row]").first.locator("input[name^=actual_]")
    actual.fill("26人")
    light.filter(has_text="红灯").wait_for()  # 职工人数 is a head count: 26 of 51 is short
    actual.fill("51人")
    light.filter(has_text="绿灯").wait_for()  # not prorated: all 51 by June is met
    page.locator("#budget-light").filter(has_text="红灯").wait_for()  # 19% spent by June
    shoot(page, "12-monitoring")
    page.click("#eval-form button[type=submit]")
    assert page.locator("li.msg.success").count() == 1

    # self-evaluation: actual values in, scores and the total follow as they are typed
    open_table(page, base, "工会经费")
    page.click("nav.subnav a:has-text('绩效自评')")
    page.fill("input[name=budget]", "15.47")
    page.fill("input[name=executed]", "15.2")
    first = page.locator("tr[data-row]").first
    first.locator("input[name^=actual_]").fill("51人")
    first.locator("[data-score]").filter(has_text=re.compile(r"\d")).wait_for()
    for row in page.locator("tr[data-row]").all()[1:]:
        target = row.locator("td").nth(2).inner_text()
        if re.search(r"\d", target):
            row.locator("input[name^=actual_]").fill(target.lstrip("≥≤><="))
        else:
            row.locator("select").select_option("达成")
    page.locator("#complete").filter(has_text="已全部评分").wait_for()
    assert page.locator("#grade").inner_text() in {"优", "良", "中", "差"}
    # each score's explanation is one click away, in Chinese
    first.locator("details.why summary").click()
    explain = first.locator("[data-explain]").inner_text()
    assert "T" in explain and not re.search(r"[A-Za-z]{4,}", explain), explain
    # budget execution by funding source: sources that do not add up are named, then fixed
    page.fill("input[name='budget_财政拨款']", "15")
    page.fill("input[name='executed_财政拨款']", "15.2")
    page.locator("#score-problems").filter(has_text="不一致").wait_for()
    page.fill("input[name='budget_财政拨款']", "15.47")
    funding_rate = page.locator("tr[data-source='财政拨款'] [data-funding-rate]")
    funding_rate.filter(has_text="98.25%").wait_for()
    page.locator("#complete").filter(has_text="已全部评分").wait_for()
    assert "不一致" not in page.locator("#score-problems").inner_text()
    shoot(page, "13-selfeval")
    page.click("#eval-form button[type=submit]")
    page.click("button:has-text('提交审核')")
    assert page.locator("h2 .status").inner_text() == "已提交"
    with page.expect_download() as download:
        page.click("a:has-text('下载 PDF')")
    assert download.value.suggested_filename.endswith(".pdf")

    # 目标调整: a new version with a reason; compare it with the approved one
    open_table(page, base, "工会经费")
    page.click("a.button:has-text('目标调整')")
    page.fill("textarea[name=reason]", "职工人数增加")
    page.click("button:has-text('生成调整版本')")
    page.locator("#rows tbody tr").first.locator("input[name=annual]").fill("55人")
    page.click("#edit-form button[type=submit].primary")
    page.click("nav.subnav a:has-text('版本对比')")
    assert page.locator("td.changed:has-text('55人')").count() == 1
    shoot(page, "14-compare")
    page.click("nav.mainnav a:has-text('总览')")
    assert page.locator("svg.chart").count() == 6
    shoot(page, "15-dashboard")
    page.set_viewport_size({"width": 820, "height": 1180})  # a tablet
    page.goto(base + "/tables/")
    shoot(page, "16-list-tablet")
