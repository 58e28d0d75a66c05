"""PDF reader: LibreOffice-printed forms (Writer and Calc), page stitching, a 100-table
document, protected / locked / scanned PDFs and a GBK font without ToUnicode; plus the stitching
rules on hand-made fragments."""

from __future__ import annotations

from pathlib import Path

import pytest
from office_dongguan import PROJECTS, official_grid
from office_fixtures import make_gbk_pdf, make_protected_pdf, make_scanned_pdf, many_projects
from office_support import Made, use_pdf_font
from test_readers_xlsx_docx import assert_dongguan, merges_of

from jixiao.core.problems import Severity
from jixiao.core.text import compact
from jixiao.io.readers.pdf import read_pdf
from jixiao.io.readers.pdf_stitch import BoxCell, Fragment, stitch, to_table
from jixiao.io.table import Layout, Table
from jixiao.services.parsing import parse_file


def compact_rows(table: Table) -> list[list[str]]:
    return [[compact(t) for t in row] for row in table.texts()]


def forms_of(tables: list[Table]) -> list[Table]:
    return [t for t in tables if t.layout is Layout.GRID and t.width == 6]


def test_writer_pdf_forms_with_merges_stitched_across_pages(made: Made) -> None:
    raw = read_pdf(made.pdf_writer)
    assert raw.problems == []
    forms = forms_of(raw.tables)
    assert len(forms) == 3
    for project, table in zip(PROJECTS, forms, strict=True):
        rows, merges = official_grid(project)
        assert compact_rows(table) == [[compact(t) for t in row] for row in rows[1:]]
        assert merges_of(table) == {(r0 - 1, c0, r1 - 1, c1) for r0, c0, r1, c1 in merges if r0}
    first = forms[0]
    pages = {cell.source.page for row in first.rows for cell in row}
    assert pages == {1, 2}, "the first form crosses a page break in this fixture"
    # the row cut by the break is one row again, its pieces joined (rule R2)
    assert compact(first.texts()[-4][3]) == "调查参保人数"
    lines = [t for t in raw.tables if t.layout is Layout.LINES]
    assert lines[0].texts()[0] == ["东莞市长安社会保险基金管理中心2024年部门预算公开"]
    assert sum(t.texts() == [["项目绩效目标表"]] for t in lines) == 3
    assert_dongguan(made.pdf_writer)


def test_calc_pdf_merged_cells_cut_by_page_breaks(made: Made) -> None:
    raw = read_pdf(made.pdf_calc)
    forms = forms_of(raw.tables)
    assert len(forms) == 3
    for project, table in zip(PROJECTS, forms, strict=True):
        rows, _ = official_grid(project)
        assert compact_rows(table) == [[compact(t) for t in row] for row in rows[1:]]
    assert_dongguan(made.pdf_calc)


def test_hundred_forms_in_one_pdf(made: Made) -> None:
    doc = parse_file(made.pdf_100)
    assert [t.name for t in doc.tables] == [p.name for p in many_projects(100)]
    assert [len(t.indicators) for t in doc.tables] == [19, 17, 14] * 33 + [19]
    assert not [p for p in doc.problems if p.severity is Severity.ERROR]


def test_copy_protected_pdf_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # pdfminer does not map reportlab's encrypted CID-font strings back to text: the
    # fixture embeds a TrueType font, as the protected PDFs of real disclosures do.
    use_pdf_font("truetype", monkeypatch)
    path = make_protected_pdf(tmp_path / "protected.pdf")
    assert b"/Encrypt" in path.read_bytes()
    doc = parse_file(path)
    assert [(t.name, len(t.indicators)) for t in doc.tables] == [("工会经费", 14)]


def test_password_locked_pdf_is_a_clear_error(tmp_path: Path) -> None:
    doc = parse_file(make_protected_pdf(tmp_path / "locked.pdf", user_password="secret"))
    assert doc.tables == ()
    assert [p.code for p in doc.problems] == ["F105"]
    assert "password" in doc.problems[0].message


def test_scanned_pages_are_reported_not_skipped(tmp_path: Path) -> None:
    raw = read_pdf(make_scanned_pdf(tmp_path / "scan.pdf", pages=2))
    assert raw.tables == []
    assert [(p.code, p.severity, p.source.page) for p in raw.problems] == [
        ("O001", Severity.WARNING, 1),
        ("O001", Severity.WARNING, 2),
    ]
    assert "OCR" in raw.problems[0].message


def test_cjk_font_without_tounicode(tmp_path: Path) -> None:
    raw = read_pdf(make_gbk_pdf(tmp_path / "gbk.pdf"))
    assert [compact_rows(t) for t in raw.tables] == [
        [["项目名称", "工会经费"], ["年度预算", "15.47万元"]]
    ]


def test_not_a_pdf_body_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage without objects")
    doc = parse_file(broken)
    assert doc.tables == ()
    assert [p.code for p in doc.problems] == ["F105"]


# --- stitching rules on hand-made fragments (x edges 0,10,20,30; rows 10 pt high) ----------


def _cells(rows: list[list[tuple[str, int, int]]], page: int, top: float = 0) -> Fragment:
    """Cells given per row as (text, first column, column span) on 10-pt columns; a text
    ending in ``^N`` spans N rows."""
    cells = []
    for r, row in enumerate(rows):
        for text, col, span in row:
            label, _, down = text.partition("^")
            y = top + r * 10
            height = 10 * int(down or 1)
            cells.append(BoxCell((col * 10.0, y, (col + span) * 10.0, y + height), label))
    x1 = max(c.bbox[2] for c in cells)
    y1 = max(c.bbox[3] for c in cells)
    return Fragment(page, (0.0, top, x1, y1), cells)


def test_r1_merge_continued_from_writer_and_calc() -> None:
    page1 = _cells(
        [
            [("绩效指标^2", 0, 1), ("一级指标", 1, 1), ("三级指标", 2, 1)],
            [("产出指标", 1, 1), ("甲", 2, 1)],
        ],
        page=1,
    )
    writer = _cells([[("", 0, 1), ("", 1, 1), ("乙", 2, 1)]], page=2)  # text printed once
    calc = _cells([[("绩效指标", 0, 1), ("产出指标", 1, 1), ("乙", 2, 1)]], page=2)  # repeated
    for continuation in (writer, calc):
        stitched = stitch([page1, continuation])
        table = to_table(stitched, "f.pdf")
        assert table.filled()[-1] == ["绩效指标", "产出指标", "乙"]
        assert table.rows[2][1].covered and table.rows[2][1].origin == (1, 1)
        assert table.rows[2][2].source.page == 2 and table.rows[2][2].source.row == 1
        assert (2, "R1") in stitched.rules


def test_r2_split_row_joined_back() -> None:
    page1 = _cells(
        [
            [("三级指标", 0, 1), ("实施周期指标", 1, 1), ("当年度指标值", 2, 1)],
        ],
        page=1,
    )
    page2 = _cells(
        [[("", 0, 1), ("值", 1, 1), ("", 2, 1)], [("甲", 0, 1), ("---", 1, 1), ("1", 2, 1)]], 2
    )
    table = to_table(stitch([page1, page2]), "f.pdf")
    assert [[compact(t) for t in row] for row in table.texts()] == [
        ["三级指标", "实施周期指标值", "当年度指标值"],
        ["甲", "---", "1"],
    ]


def test_r2_cut_indicator_name_joined_back() -> None:
    page1 = _cells(
        [[("三级指标", 0, 1), ("当年度指标值", 1, 1)], [("调查参保人", 0, 1), ("≥200人", 1, 1)]], 1
    )
    page2 = _cells([[("数", 0, 1), ("", 1, 1)], [("满意度", 0, 1), ("≥90%", 1, 1)]], 2)
    table = to_table(stitch([page1, page2]), "f.pdf")
    assert [[compact(t) for t in row] for row in table.texts()] == [
        ["三级指标", "当年度指标值"],
        ["调查参保人数", "≥200人"],
        ["满意度", "≥90%"],
    ]


def test_a_fragment_with_fewer_column_rules_is_aligned() -> None:
    # page 1 holds only header rows where the rule between columns 0 and 1 is not drawn
    page1 = _cells([[("项目名称", 0, 2), ("工会经费", 2, 2)]], 1)
    page2 = _cells([[("绩效指标", 0, 1), ("一级指标", 1, 1), ("三级指标", 2, 1), ("值", 3, 1)]], 2)
    table = to_table(stitch([page1, page2]), "f.pdf")
    assert table.width == 4
    assert table.rows[0][0].colspan == 2 and table.rows[0][2].colspan == 2
    assert table.texts()[1] == ["绩效指标", "一级指标", "三级指标", "值"]


def test_long_goal_paragraph_cut_by_a_page_break(made: Made) -> None:
    from dataclasses import replace

    from office_dongguan import PROJECTS
    from office_fixtures import make_docx

    long = replace(PROJECTS[1], annual_goal=PROJECTS[1].annual_goal * 16)
    docx = made.get("cellsplit", lambda d: make_docx(d / "cellsplit.docx", [long], preamble=False))
    pdf = made.lo("cellsplit_pdf", docx, "pdf")
    raw = read_pdf(pdf)
    pages = {c.source.page for t in forms_of(raw.tables) for row in t.rows for c in row}
    assert len(pages) >= 2, "the paragraph must cross a page break in this fixture"
    (table,) = parse_file(pdf).tables
    assert table.header.annual_goal == long.annual_goal
    assert len(table.indicators) == 17


def test_paragraph_rest_joined_but_finished_rows_kept() -> None:
    text = "做好特大信访案件处理工作进一步加强和改善行政应诉工作保障参保人"
    page1 = _cells([[("总体绩效目标^2", 0, 1), ("2024年度目标", 1, 1)], [(text, 1, 1)]], 1)
    rest = _cells([[("", 0, 1), ("权益。", 1, 1)], [("绩效指标", 0, 1), ("一级指标", 1, 1)]], 2)
    joined = to_table(stitch([page1, rest]), "f.pdf")
    assert joined.filled() == [
        ["总体绩效目标", "2024年度目标"],
        ["总体绩效目标", text + "权益。"],
        ["绩效指标", "一级指标"],
    ]
    finished = _cells([[("总体绩效目标^2", 0, 1), ("实施周期总目标", 1, 1)], [("---", 1, 1)]], 1)
    label = _cells([[("", 0, 1), ("2024年度目标", 1, 1)]], 2)
    kept = to_table(stitch([finished, label]), "f.pdf")
    assert kept.filled() == [
        ["总体绩效目标", "实施周期总目标"],
        ["总体绩效目标", "---"],
        ["总体绩效目标", "2024年度目标"],
    ]
