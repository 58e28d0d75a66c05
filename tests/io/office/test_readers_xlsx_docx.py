"""xlsx / docx / xls / doc readers at the neutral-table level (exact cells, merges, sources),
then end to end through parse_file on the Dongguan forms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from office_dongguan import PROJECTS, official_grid
from office_fixtures import many_projects
from office_support import Made, need_soffice

from jixiao.core.problems import Severity
from jixiao.io.formats import Format, detect
from jixiao.io.readers.docx import read_docx
from jixiao.io.readers.libreoffice import read_doc, read_xls
from jixiao.io.readers.xlsx import cell_text, read_xlsx
from jixiao.io.table import Layout, Table
from jixiao.services.parsing import parse_file, read_raw

Span = tuple[int, int, int, int]


def merges_of(table: Table) -> set[Span]:
    """Merged ranges (0-based, inclusive) as the reader reports them on origin cells."""
    out: set[Span] = set()
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if not cell.covered and (cell.rowspan > 1 or cell.colspan > 1):
                out.add((r, c, r + cell.rowspan - 1, c + cell.colspan - 1))
    return out


def covered_point_to_origins(table: Table) -> None:
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if cell.covered:
                assert cell.origin is not None and cell.text == ""
                orow, ocol = cell.origin
                origin = table.rows[orow][ocol]
                assert orow <= r < orow + origin.rowspan and ocol <= c < ocol + origin.colspan


def expected(project_index: int, *, with_title: bool) -> tuple[list[list[str]], set[Span]]:
    rows, merges = official_grid(PROJECTS[project_index])
    if with_title:
        return rows, set(merges)
    shifted = {(r0 - 1, c0, r1 - 1, c1) for (r0, c0, r1, c1) in merges if r0 > 0}
    return rows[1:], shifted


def grids(tables: list[Table]) -> list[Table]:
    return [t for t in tables if t.layout is Layout.GRID]


# --- xlsx -----------------------------------------------------------------------------------


def test_xlsx_every_sheet_with_exact_cells_merges_and_sources(made: Made) -> None:
    raw = read_xlsx(made.xlsx)
    assert raw.problems == []
    assert [t.source.sheet for t in raw.tables] == ["项目1", "项目2", "项目3"]
    for i, table in enumerate(raw.tables):
        rows, merges = expected(i, with_title=True)
        assert table.texts() == rows
        assert merges_of(table) == merges
        covered_point_to_origins(table)
        cell = table.rows[7][2]  # the budget value, C8
        assert cell.source.sheet == f"项目{i + 1}" and (cell.source.row, cell.source.column) == (
            8,
            3,
        )
    assert raw.tables[0].rows[7][2].text == "3650.68万元"
    assert len(merges_of(raw.tables[0])) >= 26


def test_xlsx_numbers_dates_and_hidden_sheets(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "表"
    ws["A1"] = 3650.68
    ws["A2"] = 0.1 + 0.2  # 0.30000000000000004 in binary
    ws["A3"] = 0.9
    ws["A3"].number_format = "0%"
    ws["A4"] = 35.3
    ws["A4"].number_format = "0.00"
    ws["A5"] = 64539
    ws["A6"] = dt.datetime(2024, 12, 31)
    ws["B1"] = "≥64539人"
    hidden = wb.create_sheet("草稿")
    hidden["A1"] = "旧版本"
    hidden.sheet_state = "hidden"
    path = tmp_path / "numbers.xlsx"
    wb.save(path)
    raw = read_xlsx(path)
    texts = raw.tables[0].texts()
    assert [row[0] for row in texts] == ["3650.68", "0.3", "90%", "35.30", "64539", "2024-12-31"]
    assert texts[0][1] == "≥64539人"
    assert raw.tables[1].texts() == [["旧版本"]]
    codes = {p.code: p for p in raw.problems}
    assert codes["F101"].severity is Severity.INFO and codes["F101"].source.sheet == "草稿"
    assert "45657" in codes["F102"].message and codes["F102"].source.row == 6


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (3650.6800000000003, "General", "3650.68"),
        (15.47, "0.00", "15.47"),
        (1.0, "General", "1"),
        (0.955, "0.0%", "95.5%"),
        (1234567.5, "#,##0", "1234568"),
        # Excel rounds half away from zero, not half-even
        (36.125, "0.00", "36.13"),
        (2.5, "0", "3"),
        (0.36125, "0.00%", "36.13%"),
        (True, "General", "TRUE"),
        (None, "General", ""),
    ],
)
def test_cell_text_is_what_excel_shows(value: object, fmt: str, text: str) -> None:
    assert cell_text(value, fmt) == text


# --- docx -----------------------------------------------------------------------------------


def test_docx_tables_in_body_order_with_paragraphs_as_lines(made: Made) -> None:
    raw = read_docx(made.docx)
    assert raw.problems == []
    layouts = [t.layout for t in raw.tables]
    assert layouts[:2] == [Layout.LINES, Layout.GRID]  # preamble, then the budget table
    lines = raw.tables[0]
    assert lines.texts()[0] == ["东莞市长安社会保险基金管理中心2024年部门预算公开"]
    assert lines.rows[0][0].source.line == 1
    forms = grids(raw.tables)[1:]
    assert len(forms) == 3
    for i, table in enumerate(forms):
        rows, merges = expected(i, with_title=False)
        assert table.texts() == rows
        assert merges_of(table) == merges
        covered_point_to_origins(table)
        assert table.source.sheet == f"table {i + 2}"
    titles = [t for t in raw.tables if t.layout is Layout.LINES][1:]
    assert [t.texts() for t in titles] == [[["项目绩效目标表"]]] * 3


def test_docx_nested_table_follows_its_parent(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "外层"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内层A"
    inner.cell(0, 1).text = "内层B"
    path = tmp_path / "nested.docx"
    document.save(str(path))
    raw = read_docx(path)
    assert [t.texts()[0] for t in raw.tables] == [["外层", ""], ["内层A", "内层B"]]


def test_docx_100_tables(made: Made) -> None:
    raw = read_docx(made.docx_100)
    forms = grids(raw.tables)
    assert len(forms) == 100
    assert [t.texts()[0][2] for t in forms] == [p.name for p in many_projects(100)]
    doc = parse_file(made.docx_100)
    assert len(doc.tables) == 100
    assert [len(t.indicators) for t in doc.tables] == [19, 17, 14] * 33 + [19]


# --- legacy formats through LibreOffice -------------------------------------------------------


def test_xls_read_through_libreoffice(made: Made) -> None:
    xls = made.lo("xls", made.xlsx, "xls")
    assert detect(xls) is Format.XLS
    raw = read_xls(xls)
    assert raw.problems == []
    for i, table in enumerate(raw.tables):
        rows, merges = expected(i, with_title=True)
        assert table.texts() == rows
        assert merges_of(table) == merges
        assert table.rows[0][0].source.file == str(xls)


def test_doc_read_through_libreoffice(made: Made) -> None:
    need_soffice()
    odt = made.lo("odt", made.docx, "odt")
    doc = made.lo("doc", odt, "doc")
    assert detect(doc) is Format.DOC
    raw = read_doc(doc)
    forms = grids(raw.tables)[1:]
    assert len(forms) == 3
    for i, table in enumerate(forms):
        rows, merges = expected(i, with_title=False)
        assert table.texts() == rows
        assert merges_of(table) == merges


def test_legacy_format_without_libreoffice_is_a_clear_error(
    made: Made, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "old.xls"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on this PATH
    monkeypatch.delenv("JIXIAO_SOFFICE", raising=False)
    raw = read_raw(fake)
    assert [p.code for p in raw.problems] == ["F103"]
    assert "LibreOffice" in raw.problems[0].message
    assert "libreoffice-calc-nogui" in raw.problems[0].message


def test_a_failed_conversion_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    failing = tmp_path / "soffice"
    failing.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    failing.chmod(0o755)
    monkeypatch.setenv("JIXIAO_SOFFICE", str(failing))
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"))
    raw = read_doc(old)
    assert raw.tables == []
    assert [p.code for p in raw.problems] == ["F104"]
    assert "could not be loaded" in raw.problems[0].message


# --- detection by content ---------------------------------------------------------------------


def test_content_wins_over_a_wrong_suffix(made: Made, tmp_path: Path) -> None:
    disguised = tmp_path / "really-a-workbook.docx"
    disguised.write_bytes(made.xlsx.read_bytes())
    assert detect(disguised) is Format.XLSX
    doc = parse_file(disguised)
    assert [len(t.indicators) for t in doc.tables] == [19, 17, 14]


def test_unknown_format_is_a_clear_problem(tmp_path: Path) -> None:
    blob = tmp_path / "table.xlsx"
    blob.write_bytes(bytes(range(256)) * 4)
    doc = parse_file(blob)
    assert doc.tables == ()
    assert [p.code for p in doc.problems] == ["F002"]
    assert "unknown file format" in doc.problems[0].message


# --- end to end: the builder on what the readers give ----------------------------------------

BUDGETS = ["3650.68", "35.31", "15.47"]


def assert_dongguan(path: Path) -> None:
    doc = parse_file(path)
    errors = [p for p in doc.problems if p.severity is Severity.ERROR]
    assert errors == []
    assert [t.name for t in doc.tables] == [p.name for p in PROJECTS]
    assert [len(t.indicators) for t in doc.tables] == [19, 17, 14]
    assert [str(t.header.budget.amount.in_wan()) for t in doc.tables if t.header.budget.amount] == (
        BUDGETS
    )
    for table, project in zip(doc.tables, PROJECTS, strict=True):
        got = [(i.level1, i.level2, i.name, i.annual_target.raw) for i in table.indicators]
        want = [(l1, l2, name, annual) for l1, l2, name, _, annual in project.indicators]
        assert got == want


def test_parse_xlsx_end_to_end(made: Made) -> None:
    assert_dongguan(made.xlsx)
    assert_dongguan(made.xlsx_one_sheet)


def test_parse_docx_end_to_end(made: Made) -> None:
    assert_dongguan(made.docx)


def test_parse_xls_end_to_end(made: Made) -> None:
    assert_dongguan(made.lo("xls", made.xlsx, "xls"))


def test_formula_without_a_saved_value_is_reported(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = "年度预算金额"
    ws["B1"] = "=10+5.47"  # openpyxl saves the formula without computing it
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    raw = read_xlsx(path)
    assert raw.tables[0].texts() == [["年度预算金额"]]  # the empty formula cell reads as nothing
    (problem,) = raw.problems
    assert problem.code == "F106" and problem.severity is Severity.WARNING
    assert (problem.source.row, problem.source.column) == (1, 2) and "=10+5.47" in problem.message


def test_formula_with_a_saved_value_reads_the_value(made: Made, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = 10
    ws["A2"] = 5.47
    ws["A3"] = "=A1+A2"
    source = tmp_path / "sum.xlsx"
    wb.save(source)
    computed = made.lo("formula", source, "xls")  # LibreOffice computes and saves the value
    raw = read_xls(computed)
    assert [row[0] for row in raw.tables[0].texts()] == ["10", "5.47", "15.47"]
    assert raw.problems == []


def test_docx_legacy_hmerge_is_a_merge(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(("项目名称", "", "工会经费")):
        table.cell(0, c).text = text
    for c, text in enumerate(("一级指标", "二级指标", "三级指标")):
        table.cell(1, c).text = text
    # Word 97-2003 style: two cells joined with w:hMerge instead of w:gridSpan
    for c, value in ((0, "restart"), (1, None)):
        tc_pr = table.cell(0, c)._tc.get_or_add_tcPr()
        mark = tc_pr.makeelement(qn("w:hMerge"), {})
        if value:
            mark.set(qn("w:val"), value)
        tc_pr.append(mark)
    path = tmp_path / "hmerge.docx"
    document.save(str(path))
    (grid,) = read_docx(path).tables
    assert grid.texts() == [["项目名称", "", "工会经费"], ["一级指标", "二级指标", "三级指标"]]
    assert grid.rows[0][0].colspan == 2 and grid.rows[0][1].covered
    assert grid.rows[0][1].origin == (0, 0)


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_damaged_package_is_a_clear_problem(made: Made, tmp_path: Path, kind: str) -> None:
    source = made.xlsx if kind == "xlsx" else made.docx
    truncated = tmp_path / f"truncated.{kind}"
    truncated.write_bytes(source.read_bytes()[:1500])
    doc = parse_file(truncated)
    assert doc.tables == ()
    assert [p.code for p in doc.problems] == ["F001"]
    assert "damaged" in doc.problems[0].message


def test_a_hanging_conversion_is_stopped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import time

    from jixiao.io.readers.libreoffice import convert_with_soffice

    hanging = tmp_path / "soffice"
    # a wrapper script that starts a child and waits, as soffice starts soffice.bin
    hanging.write_text("#!/bin/sh\nsleep 30 &\nwait\n")
    hanging.chmod(0o755)
    monkeypatch.setenv("JIXIAO_SOFFICE", str(hanging))
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    start = time.monotonic()
    with pytest.raises(RuntimeError, match="longer than 1 s"):
        convert_with_soffice(old, "docx", tmp_path, timeout=1)
    assert time.monotonic() - start < 10


def _replace_part(source: Path, target: Path, part: str, data: bytes) -> Path:
    import zipfile

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, data if info.filename == part else zin.read(info.filename))
    return target


@pytest.mark.parametrize(
    ("kind", "part"),
    [
        ("docx", "word/document.xml"),  # python-docx: AttributeError (no body)
        ("xlsx", "[Content_Types].xml"),  # openpyxl: OSError (no workbook part)
    ],
)
def test_a_part_with_the_wrong_root_is_a_damaged_file(
    made: Made, tmp_path: Path, kind: str, part: str
) -> None:
    source = made.xlsx if kind == "xlsx" else made.docx
    broken = _replace_part(source, tmp_path / f"broken.{kind}", part, b'<?xml version="1.0"?><x/>')
    doc = parse_file(broken)
    assert doc.tables == ()
    assert [p.code for p in doc.problems] == ["F001"], doc.problems
    assert "damaged" in doc.problems[0].message and doc.problems[0].source.file == str(broken)
