"""What a demanding user sees on the pages: notes beside the rows being fixed, empty states,
source cells and download formats in words, in Chinese."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation

from jixiao.core.source import SourceLocation
from jixiao.services import workflow
from jixiao.web.templatetags.jixiao import where


def test_the_edit_form_shows_comments_and_findings_beside_each_row(world: Any) -> None:
    table = world.table(rows=4)  # 保障工作有效性 = 良好 cannot be assessed (R302)
    workflow.submit(world.users["owner"], table)
    row = table.current_version.rows.first()
    workflow.review(
        world.users["reviewer"],
        table,
        workflow.ReviewInput(approve=False, grade="中", row_comments={row.pk: "目标值偏低"}),
    )
    html = world.client("owner").get(reverse("table-edit", args=[table.pk])).content.decode()
    name_cell = html[html.index(f'value="{row.name}"') :]
    name_cell = name_cell[: name_cell.index("</td>")]
    assert "目标值偏低" in name_cell and "部门审核" in name_cell
    last = html[html.index('value="保障工作有效性"') :]
    assert "R302" in last[: last.index("</td>")]  # the rule's finding, under its row


def test_a_single_version_explains_how_to_get_a_second(world: Any) -> None:
    table = world.table()
    html = world.client("owner").get(reverse("table-compare", args=[table.pk])).content.decode()
    assert "此表只有一个版本" in html and "目标调整" in html


def test_download_formats_are_named_in_chinese(world: Any) -> None:
    table = world.table()
    html = world.client("owner").get(reverse("table-detail", args=[table.pk])).content.decode()
    assert "下载目标表" in html and "PDF（内嵌中文字体）" in html
    assert "embedded Chinese font" not in html


def test_source_cells_read_as_words() -> None:
    cell = SourceLocation("a.pdf", page=1, row=13, column=4)
    sheet = SourceLocation("a.xlsx", sheet="项目1", row=7, column=2)
    with translation.override("zh-hans"):
        assert where(cell) == "第1页 第13行 第4列"
        assert where(sheet) == "工作表 项目1 第7行 第2列"
    with translation.override("en"):
        assert where(cell) == "p1:r13:c4"
