"""Self-evaluation (单位自评): live scores, save, submit, review, download; permissions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from jixiao.services import workflow
from jixiao.storage.models import AuditLog, Evaluation, GoalTable, Status


def approved_table(world: Any) -> GoalTable:
    table = world.table()
    workflow.submit(world.users["owner"], table)
    workflow.review(world.users["reviewer"], table, workflow.ReviewInput(approve=True, grade="优"))
    workflow.review(world.users["finance"], table, workflow.ReviewInput(approve=True))
    return GoalTable.objects.get(pk=table.pk)


def _post(
    table: GoalTable, actuals: list[str], executed: str = "3500", lock: int = 0
) -> dict[str, Any]:
    rows = list(table.approved_version.rows.all())
    data: dict[str, Any] = {"budget": "3650.68", "executed": executed, "lock_version": lock}
    for row, actual in zip(rows, actuals, strict=True):
        data[f"actual_{row.pk}"] = actual
    return data


def _lock(table: GoalTable, kind: str = "selfeval", month: int = 0) -> dict[str, Any]:
    """The lock version the page shows (the forms post it back)."""
    found = Evaluation.objects.filter(table=table, kind=kind, month=month).first()
    return {"lock_version": found.lock_version if found else 0}


def test_live_scores_follow_the_values(world: Any) -> None:
    table = approved_table(world)
    client = world.client("owner")
    url = reverse("evaluation-score", args=[table.pk])
    partial = client.post(url, _post(table, ["65000人", "", ""])).json()
    assert partial["ok"] and not partial["complete"] and partial["grade"] == ""
    full = client.post(url, _post(table, ["65000人", "100%", "92%"])).json()
    assert full["complete"] and full["grade"]
    assert Decimal(full["total"]) > Decimal(partial["total"])
    rows = list(table.approved_version.rows.all())
    first = full["rows"][str(rows[0].pk)]
    assert Decimal(first["score"]) == Decimal(first["weight"])  # target met: full marks
    assert first["explanation"]
    assert Decimal(full["budget"]["rate"]) == Decimal("95.87")
    lower = client.post(url, _post(table, ["30000人", "100%", "92%"])).json()
    assert Decimal(lower["rows"][str(rows[0].pk)]["score"]) < Decimal(first["score"])
    assert Evaluation.objects.count() == 0  # the preview saves nothing


def test_save_submit_and_approve(world: Any) -> None:
    table = approved_table(world)
    client = world.client("owner")
    page = reverse("evaluation", args=[table.pk])
    assert client.get(page).status_code == 200
    assert client.post(page, _post(table, ["65000人", "", ""])).status_code == 302
    evaluation = Evaluation.objects.get(table=table)
    assert not evaluation.complete
    response = client.post(reverse("evaluation-submit", args=[table.pk]), _lock(table), follow=True)
    assert Evaluation.objects.get(pk=evaluation.pk).status == Status.DRAFT
    assert "实际完成值" in response.content.decode()
    client.post(page, _post(table, ["65000人", "100%", "92%"], lock=evaluation.lock_version))
    evaluation.refresh_from_db()
    assert evaluation.complete and evaluation.total_score and evaluation.grade
    assert evaluation.entries.filter(score__isnull=False).count() == 3
    # a post without the version the page showed changes nothing (issue 11, item 7)
    client.post(reverse("evaluation-submit", args=[table.pk]))
    assert Evaluation.objects.get(pk=evaluation.pk).status == Status.DRAFT
    client.post(reverse("evaluation-submit", args=[table.pk]), _lock(table))
    assert Evaluation.objects.get(pk=evaluation.pk).status == Status.SUBMITTED
    review = reverse("evaluation-review", args=[table.pk])
    world.client("reviewer").post(review, {"decision": "approve"})
    assert Evaluation.objects.get(pk=evaluation.pk).status == Status.SUBMITTED  # never loaded
    world.client("reviewer").post(review, {"decision": "approve", **_lock(table)})
    world.client("finance").post(review, {"decision": "approve", **_lock(table)})
    assert Evaluation.objects.get(pk=evaluation.pk).status == Status.APPROVED
    actions = set(AuditLog.objects.filter(table=table).values_list("action", flat=True))
    assert {"evaluation_save", "evaluation_submit", "evaluation_finance_approve"} <= actions
    assert client.post(page, _post(table, ["1人", "1%", "1%"])).status_code == 403  # approved


def test_stale_evaluation_form_is_a_conflict(world: Any) -> None:
    table = approved_table(world)
    client = world.client("owner")
    page = reverse("evaluation", args=[table.pk])
    client.post(page, _post(table, ["65000人", "", ""], lock=0))
    response = client.post(page, _post(table, ["1人", "", ""], lock=0))
    assert response.status_code == 409
    entry = Evaluation.objects.get(table=table).entries.order_by("row__position").first()
    assert entry.actual_raw == "65000人"


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_download_the_filled_selfeval_table(world: Any, fmt: str) -> None:
    table = approved_table(world)
    client = world.client("owner")
    client.post(reverse("evaluation", args=[table.pk]), _post(table, ["65000人", "100%", "92%"]))
    response = client.get(reverse("evaluation-download", args=[table.pk, fmt]))
    assert response.status_code == 200 and len(response.content) > 500
    if fmt == "pdf":  # with no font installed too: the built-in CID font
        import io

        import pdfplumber

        with pdfplumber.open(io.BytesIO(response.content)) as pdf:
            text = "".join(page.extract_text() for page in pdf.pages)
        assert "自评表" in text and "65000人" in text


def test_a_failed_selfeval_download_is_a_page_not_a_500(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = approved_table(world)
    client = world.client("owner")
    client.post(reverse("evaluation", args=[table.pk]), _post(table, ["65000人", "100%", "92%"]))
    monkeypatch.setenv("JIXIAO_CJK_FONT", "/nonexistent/font.ttf")  # a broken setting
    response = client.get(reverse("evaluation-download", args=[table.pk, "pdf"]))
    assert response.status_code == 503
    page = response.content.decode("utf-8")
    assert "下载失败" in page and "JIXIAO_CJK_FONT" in page and "返回" in page


def test_evaluation_permissions(world: Any) -> None:
    table = approved_table(world)
    page = reverse("evaluation", args=[table.pk])
    assert world.client("colleague").get(page).status_code == 404
    assert world.client("outsider").post(page, _post(table, ["1人", "", ""])).status_code == 404
    assert world.client("reviewer").get(page).status_code == 200
    assert world.client("reviewer").post(page, _post(table, ["1人", "", ""])).status_code == 403
    score = reverse("evaluation-score", args=[table.pk])
    assert world.client("reviewer").post(score, _post(table, ["1人", "", ""])).status_code == 403
    draft = world.table()
    assert world.client("owner").get(reverse("evaluation", args=[draft.pk])).status_code == 404


def test_fill_in_sheet_round_trip(world: Any) -> None:
    """Download the fill-in workbook, fill it with openpyxl, upload it: scores follow."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    table = approved_table(world)
    client = world.client("owner")
    response = client.get(reverse("evaluation-template", args=[table.pk]))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    actual_col = header.index("实际完成值") + 1
    values = {
        "年均参保缴费人数": "65000人",
        "补助合规率": "100%",
        "调查参保人员满意度": "92%",
        "预算执行": "3500",
    }
    filled = 0
    for row in sheet.iter_rows(min_row=2):
        name = row[3].value
        if name in values:
            sheet.cell(row[0].row, actual_col, values[name])
            filled += 1
    assert filled == 4
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("actuals.xlsx", out.getvalue())
    response = client.post(
        reverse("evaluation-upload", args=[table.pk]), {"file": upload, **_lock(table)}
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(table=table)
    assert evaluation.complete and evaluation.executed_wan == Decimal("3500")
    assert evaluation.budget_wan == Decimal("3650.68")
    assert {e.actual_raw for e in evaluation.entries.all()} == {"65000人", "100%", "92%"}
    other = world.client("colleague").post(
        reverse("evaluation-upload", args=[table.pk]), {"file": upload}
    )
    assert other.status_code == 404


def test_monitoring_lights_follow_the_values(world: Any) -> None:
    """Month 6: 年均参保缴费人数 is an average head count (a stock, not prorated): near its
    annual target it is green, far less is red."""
    table = approved_table(world)
    client = world.client("owner")
    rows = list(table.approved_version.rows.all())
    score = reverse("monitoring-score", args=[table.pk, 6])
    data = {"budget": "3650.68", "executed": "1900", "lock_version": 0}
    data[f"actual_{rows[0].pk}"] = "64600人"  # ≥64539人, not prorated: met
    data[f"actual_{rows[1].pk}"] = "100%"
    data[f"actual_{rows[2].pk}"] = "92%"
    lights = client.post(score, data).json()
    assert lights["rows"][str(rows[0].pk)]["light"] == "green"
    assert lights["budget"]["light"] in {"green", "yellow"} and lights["complete"]
    data[f"actual_{rows[0].pk}"] = "5000人"
    assert client.post(score, data).json()["rows"][str(rows[0].pk)]["light"] == "red"
    page = reverse("monitoring", args=[table.pk, 6])
    assert client.post(page, data).status_code == 302
    june = Evaluation.objects.get(table=table, kind="monitor", month=6)
    assert june.entries.get(row=rows[0]).light == "red"
    assert "红灯" in client.get(page).content.decode()
    assert client.get(reverse("monitoring-latest", args=[table.pk]))["Location"] == page
    client.post(reverse("monitoring-submit", args=[table.pk, 6]), _lock(table, "monitor", 6))
    world.client("reviewer").post(
        reverse("monitoring-review", args=[table.pk, 6]),
        {"decision": "return", "comment": "请补充原因", **_lock(table, "monitor", 6)},
    )
    assert Evaluation.objects.get(pk=june.pk).status == Status.RETURNED
    response = client.get(reverse("monitoring-download", args=[table.pk, 6, "xlsx"]))
    assert response.status_code == 200 and len(response.content) > 500
    assert world.client("outsider").get(page).status_code == 404
    assert client.get(reverse("monitoring", args=[table.pk, 13])).status_code == 404
    # the self-evaluation is a separate round
    assert not Evaluation.objects.filter(table=table, kind="selfeval").exists()


def test_list_and_dashboard_show_scores_and_lights(world: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    scored = approved_table(world)
    other = world.table(name="另一项目")
    client = world.client("owner")
    client.post(reverse("evaluation", args=[scored.pk]), _post(scored, ["65000人", "100%", "92%"]))
    rows = list(scored.approved_version.rows.all())
    june = {
        "budget": "3650.68",
        "executed": "100",
        f"actual_{rows[0].pk}": "5000人",
        "lock_version": 0,
    }
    client.post(reverse("monitoring", args=[scored.pk, 6]), june)
    evaluation = Evaluation.objects.get(table=scored, kind="selfeval")
    assert Evaluation.objects.get(table=scored, kind="monitor").light == "red"

    def names(**params: Any) -> list[str]:
        page = client.get(reverse("table-list"), params).context["page"]
        return [t.current_version.project_name for t in page]

    assert names(score_grade=evaluation.grade) == ["社会基本医疗保险"]
    assert names(light="red") == ["社会基本医疗保险"]
    assert names(light="green") == []
    html = client.get(reverse("table-list")).content.decode()
    assert "红灯" in html and str(evaluation.total_score.normalize()) in html
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("table-list"))
    for _ in range(5):
        approved_table(world)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("table-list"))
    assert len(many.captured_queries) == len(few.captured_queries)
    data = client.get(reverse("dashboard"), {"year": 2024}).context["data"]
    assert data.by_light == {"red": 1, "": 6} and data.by_score_grade[evaluation.grade] == 1
    assert other.pk


def test_a_fill_in_upload_that_cannot_be_read_saves_nothing_and_says_so(
    world: Any, settings: Any
) -> None:
    """Issue 11, item 3: the upload limit holds, and a broken file is never "saved"."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    table = approved_table(world)
    client = world.client("owner")
    upload = reverse("evaluation-upload", args=[table.pk])
    broken = SimpleUploadedFile("actuals.xlsx", b"PK\x03\x04 not really a workbook")
    response = client.post(upload, {"file": broken, "lock_version": 0}, follow=True)
    page = response.content.decode()
    assert "未保存" in page and "已保存" not in page
    assert not Evaluation.objects.filter(table=table).exists()
    settings.JIXIAO_MAX_UPLOAD_BYTES = 10
    big = SimpleUploadedFile("actuals.csv", "三级指标,实际完成值\n".encode() * 10)
    response = client.post(upload, {"file": big, "lock_version": 0}, follow=True)
    assert "文件过大" in response.content.decode()
    assert not Evaluation.objects.filter(table=table).exists()


def _adjust_and_approve(world: Any, table: GoalTable, first_target: str) -> GoalTable:
    """A 目标调整 of the first row's target, approved by both reviewers."""
    from jixiao.services import goal_tables

    table = workflow.start_adjustment(world.users["owner"], table, "参保人数下降")
    table = GoalTable.objects.get(pk=table.pk)
    rows = list(table.current_version.rows.all())
    given = [
        goal_tables.RowInput(
            name=r.name,
            level1=r.level1,
            level2=r.level2,
            annual_raw=first_target if k == 0 else r.annual_raw,
            period_raw=r.period_raw,
            weight=r.weight,
            id=r.pk,
        )
        for k, r in enumerate(rows)
    ]
    goal_tables.save_edit(
        world.users["owner"], table, table.lock_version, goal_tables.EditInput(rows=given)
    )
    table = GoalTable.objects.get(pk=table.pk)
    workflow.submit(world.users["owner"], table)
    workflow.review(world.users["reviewer"], table, workflow.ReviewInput(approve=True, grade="优"))
    workflow.review(world.users["finance"], table, workflow.ReviewInput(approve=True))
    return GoalTable.objects.get(pk=table.pk)


def test_an_open_evaluation_follows_an_approved_adjustment(world: Any) -> None:
    """Issue 11, item 11: the draft self-evaluation scores the adjusted targets with the
    values already entered, the move is in the history, and the page names the version."""
    table = approved_table(world)
    client = world.client("owner")
    page = reverse("evaluation", args=[table.pk])
    client.post(page, _post(table, ["60000人", "100%", "92%"]))
    before = Evaluation.objects.get(table=table)
    first = before.entries.get(row__position=1)
    assert first.score is not None and first.score < first.weight  # 60000 of ≥64539
    table = _adjust_and_approve(world, table, "≥60000人")
    after = Evaluation.objects.get(pk=before.pk)
    assert after.version_id == table.approved_version_id and after.version.number == 2
    moved = after.entries.get(row__position=1)
    assert moved.actual_raw == "60000人" and moved.score == moved.weight  # now met
    assert after.entries.filter(actual_raw="").count() == 0  # every value carried over
    assert after.lock_version == before.lock_version + 1
    entry = AuditLog.objects.get(table=table, action="evaluation_follow_adjustment")
    assert (entry.before["version"], entry.after["version"]) == (1, 2)
    html = client.get(page).content.decode()
    assert "按第 2 版目标评价" in html and "older-version" not in html


def test_a_submitted_evaluation_keeps_its_targets_and_says_so(world: Any) -> None:
    table = approved_table(world)
    client = world.client("owner")
    page = reverse("evaluation", args=[table.pk])
    client.post(page, _post(table, ["60000人", "100%", "92%"]))
    client.post(reverse("evaluation-submit", args=[table.pk]), _lock(table))
    table = _adjust_and_approve(world, table, "≥60000人")
    evaluation = Evaluation.objects.get(table=table)
    assert evaluation.status == Status.SUBMITTED and evaluation.version.number == 1
    html = client.get(page).content.decode()
    assert "按第 1 版目标评价" in html and 'id="older-version"' in html


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_the_downloaded_selfeval_holds_the_stored_values_and_scores(
    world: Any, fmt: str, tmp_path: Any
) -> None:
    """Issue 24: the 自评表 a unit downloads reads back (jixiao's own reader) with the actual
    values, weights and scores the evaluation stored, and its total."""
    from jixiao.services.parsing import parse_file

    table = approved_table(world)
    client = world.client("owner")
    client.post(reverse("evaluation", args=[table.pk]), _post(table, ["60000人", "100%", "92%"]))
    evaluation = Evaluation.objects.get(table=table)
    response = client.get(reverse("evaluation-download", args=[table.pk, fmt]))
    path = tmp_path / f"selfeval.{fmt}"
    path.write_bytes(response.content)
    (read,) = parse_file(path).tables
    assert read.kind.value == "selfeval"
    stored = [
        (e.row.name, e.actual_raw, e.weight, e.score)
        for e in evaluation.entries.select_related("row").order_by("row__position")
    ]
    got = [(i.name, i.actual.raw if i.actual else "", i.weight, i.score) for i in read.indicators]
    assert got == stored
    assert read.total_score == evaluation.total_score
