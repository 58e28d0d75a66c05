"""Exporters: output checked with the libraries directly (merged ranges, print setup, fonts
embedded, pages rendered) and read back with the project's own readers and builder."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from office_dongguan import PROJECTS, goal_tables
from office_support import PDF_FONTS, need_poppler, need_system, use_pdf_font

from jixiao.core.model import Budget, FundingRow, GoalTable, TableKind
from jixiao.core.money import Amount
from jixiao.core.serialize import documents_dict
from jixiao.core.values import parse_target
from jixiao.io.writers import ExportOptions, exporters, get_exporter
from jixiao.io.writers.json import documents_of
from jixiao.io.writers.layout import layout_for
from jixiao.io.writers.pdf import FontNotFoundError
from jixiao.services.parsing import parse_file

FORMATS = ["xlsx", "docx", "pdf", "html", "json", "csv"]


def render(fmt: str, tables: list[GoalTable], **options: object) -> bytes:
    return get_exporter(fmt)(tables, ExportOptions(**options)).render()  # type: ignore[arg-type]


def write(tmp_path: Path, fmt: str, tables: list[GoalTable], **options: object) -> Path:
    path = tmp_path / f"out.{fmt}"
    path.write_bytes(render(fmt, tables, **options))
    return path


def test_every_format_is_registered_with_its_metadata() -> None:
    registry = exporters()
    assert set(FORMATS) <= set(registry)
    for fmt in FORMATS:
        cls = registry[fmt]
        assert cls.extension == f".{fmt}" and cls.content_type and cls.name
        assert get_exporter(f".{fmt}") is cls


def test_every_layout_position_is_covered_exactly_once() -> None:
    for kind in TableKind:
        table = replace(goal_tables()[0], kind=kind)
        sheet = layout_for(table)
        seen: dict[tuple[int, int], int] = {}
        for place in sheet.places:
            for r in range(place.row, place.row + place.rowspan):
                for c in range(place.col, place.col + place.colspan):
                    seen[(r, c)] = seen.get((r, c), 0) + 1
        grid = {(r, c) for r in range(sheet.n_rows) for c in range(sheet.n_cols)}
        assert set(seen) == grid, kind
        assert set(seen.values()) == {1}, kind


def test_xlsx_official_layout(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write(tmp_path, "xlsx", goal_tables())
    wb = load_workbook(path)
    assert wb.sheetnames == [p.name for p in PROJECTS]
    ws = wb.worksheets[0]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:F1", "A2:F2", "A3:B3", "C3:F3", "A10:B13", "C13:F13"} <= merged
    assert "A14:A33" in merged  # 绩效指标 down column A over the heading + 19 indicators
    assert "B15:B22" in merged  # 产出指标 over its 8 indicators
    assert len(merged) >= 26
    assert ws["A1"].value == "项目绩效目标表" and ws["A2"].value == "（2024年度）"
    assert ws["C9"].value == "3650.68万元" and ws["A9"].value == "2024年预算金额"
    assert ws["F15"].value == "≥64539人" and ws["D14"].value == "三级指标"
    assert ws["D20"].border.left.style == "thin" and ws["D20"].alignment.wrap_text
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "portrait" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$2"
    assert ws.column_dimensions["D"].width == 30


def test_xlsx_all_forms_on_one_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write(tmp_path, "xlsx", goal_tables(), one_per_page=False)
    assert len(load_workbook(path).worksheets) == 1
    assert [len(t.indicators) for t in parse_file(path).tables] == [19, 17, 14]


def test_docx_official_layout(tmp_path: Path) -> None:
    import docx

    path = write(tmp_path, "docx", goal_tables())
    document = docx.Document(str(path))
    assert len(document.tables) == 3
    table = document.tables[0]
    assert table.cell(0, 0).text == "项目名称" and table.cell(0, 2).text == PROJECTS[0].name
    assert table.cell(0, 0)._tc is table.cell(0, 1)._tc  # label merged A:B
    assert table.cell(7, 0)._tc is table.cell(10, 1)._tc  # 总体绩效目标 A:B x 4 rows
    assert table.cell(11, 0)._tc is table.cell(30, 0)._tc  # 绩效指标 down column A
    assert "w:br" in document.element.xml and 'w:type="page"' in document.element.xml
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[:2] == ["项目绩效目标表", "（2024年度）"]


def test_pdf_embeds_a_cjk_font_and_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_poppler()
    use_pdf_font("truetype", monkeypatch)
    path = write(tmp_path, "pdf", goal_tables())
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in fonts.stdout.splitlines()[2:]]
    cjk = [row for row in rows if "WenQuanYi" in row[0] or "Droid" in row[0]]
    assert cjk and all(row[-5] == "yes" for row in cjk), fonts.stdout  # embedded (subset)
    assert all(row[1] == "TrueType" for row in cjk)
    import pdfplumber

    with pdfplumber.open(path) as pdf:  # reportlab lists Helvetica, but no text uses it
        used = {char["fontname"].split("+")[-1] for page in pdf.pages for char in page.chars}
    assert used and all(name == cjk[0][0].split("+")[-1] for name in used), used
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    from PIL import Image

    with Image.open(pages[0]) as image:
        gray = image.convert("L")
        dark = sum(gray.histogram()[:128])
    assert dark > 2000, "the first page rendered (almost) blank"


def test_pdf_text_reads_back_exactly(tmp_path: Path) -> None:
    import pdfplumber

    path = write(tmp_path, "pdf", goal_tables())
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
    assert "项目绩效目标表" in text and "（2024年度）" in text and "≥64539人" in text
    assert "第 1 页" in text


def test_a_configured_font_that_does_not_exist_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JIXIAO_CJK_FONT", "/nonexistent/font.ttf")
    with pytest.raises(FontNotFoundError, match="JIXIAO_CJK_FONT"):
        get_exporter("pdf")(goal_tables()).render()


def test_no_font_found_falls_back_to_the_builtin_cid_font(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import pdfplumber

    from jixiao.io.writers.pdf import CID_FONT, find_cjk_font, register_font

    monkeypatch.delenv("JIXIAO_CJK_FONT", raising=False)
    assert find_cjk_font(search=()) is None  # a machine without fonts
    assert register_font(search=()) == CID_FONT
    monkeypatch.setenv("JIXIAO_CJK_FONT", "builtin")
    path = write(tmp_path, "pdf", goal_tables())
    assert b"/Adobe-GB1" in path.read_bytes() or b"Adobe" in path.read_bytes()
    with pdfplumber.open(path) as pdf:
        fonts = {char["fontname"] for page in pdf.pages for char in page.chars}
        text = pdf.pages[0].extract_text()
    assert fonts == {"STSongStd-Light"}  # the PostScript name of reportlab's STSong-Light
    assert "项目绩效目标表" in text and "≥64539人" in text and "第 1 页" in text


@pytest.mark.parametrize("font", PDF_FONTS)
def test_pdf_reads_back_with_either_font(
    font: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_pdf_font(font, monkeypatch)
    doc = parse_file(write(tmp_path, "pdf", goal_tables()))
    assert [t.name for t in doc.tables] == [p.name for p in PROJECTS]
    assert [len(t.indicators) for t in doc.tables] == [19, 17, 14]
    for got, want in zip(doc.tables, goal_tables(), strict=True):
        assert got.header.budget.amount == want.header.budget.amount
        assert [(i.name, i.annual_target.raw) for i in got.indicators] == [
            (i.name, i.annual_target.raw) for i in want.indicators
        ]


def test_pdf_font_chosen_by_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import pdfplumber

    droid = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
    need_system(droid.exists(), "fonts-droid-fallback is not installed")
    monkeypatch.setenv("JIXIAO_CJK_FONT", str(droid))
    path = write(tmp_path, "pdf", goal_tables()[:1])
    with pdfplumber.open(path) as pdf:
        fonts = {char["fontname"].split("+")[-1] for char in pdf.pages[0].chars}
    assert fonts == {"DroidSansFallback"}  # the PostScript name inside the file


@pytest.mark.parametrize("fmt", FORMATS)
def test_written_forms_read_back(fmt: str, tmp_path: Path) -> None:
    path = write(tmp_path, fmt, goal_tables())
    doc = parse_file(path)
    assert [t.name for t in doc.tables] == [p.name for p in PROJECTS]
    assert [len(t.indicators) for t in doc.tables] == [19, 17, 14]
    assert [t.header.budget.amount for t in doc.tables] == [
        t.header.budget.amount for t in goal_tables()
    ]
    for got, want in zip(doc.tables, goal_tables(), strict=True):
        assert [(i.level1, i.level2, i.name, i.annual_target.raw) for i in got.indicators] == [
            (i.level1, i.level2, i.name, i.annual_target.raw) for i in want.indicators
        ]
        assert got.header.annual_goal == want.header.annual_goal


def test_json_is_the_parse_json_shape(tmp_path: Path) -> None:
    import jsonschema

    from jixiao import schema

    tables = goal_tables()
    data = json.loads(render("json", tables))
    assert data == json.loads(json.dumps(documents_dict(documents_of(tables))))
    schema_path = Path(schema.__file__).parent / "parse-output.schema.json"
    jsonschema.validate(data, json.loads(schema_path.read_text(encoding="utf-8")))
    assert data["documents"][0]["tables"][0]["budget"]["amount"] == "3650.68"


def test_csv_one_row_per_indicator_with_header_fields(tmp_path: Path) -> None:
    raw = render("csv", goal_tables())
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 19 + 17 + 14
    first = rows[0]
    assert first["项目名称"] == PROJECTS[0].name and first["预算金额（万元）"] == "3650.68"
    assert first["三级指标"] == "年均参保缴费人数" and first["当年度指标值"] == "≥64539人"
    assert {r["主管部门"] for r in rows} == {"东莞市长安社会保险基金管理中心"}
    assert rows[-1]["项目名称"] == "工会经费" and rows[-1]["年度"] == "2024"


# --- self-evaluation and monitoring layouts -------------------------------------------------


def selfeval_table() -> GoalTable:
    base = goal_tables()[2]
    points = ["10"] * 5 + ["6"] * 5 + ["2.5"] * 4  # 产出 50, 效益 30, 满意度 10
    weights = iter([Decimal(v) for v in points])
    indicators = tuple(
        replace(
            ind,
            weight=next(weights),
            actual=parse_target("51人" if ind.name == "职工人数" else "达成年度指标"),
            score=Decimal("9.5"),
            deviation="无" if i % 2 else None,
        )
        for i, ind in enumerate(base.indicators)
    )
    wan = Decimal
    budget = Budget(
        amount=Amount(wan("15.47")),
        initial=Amount(wan("15.47")),
        adjusted=Amount(wan("15.47")),
        executed=Amount(wan("14.70")),
        rate=Decimal("95.02"),
        weight=Decimal(10),
        score=Decimal("9.5"),
        reason="部分采购合同尚未结算，次年初支付。",
        rows=(FundingRow("其中：当年财政拨款", Amount(wan("15.47")), Amount(wan("15.47"))),),
    )
    header = replace(
        base.header,
        budget=budget,
        annual_result="已按计划组织各类活动。",
        extra=(("自评等级", "优"),),
    )
    return GoalTable(TableKind.SELFEVAL, header, indicators, total_score=Decimal("93.20"))


def test_selfeval_central_layout_in_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ws = load_workbook(write(tmp_path, "xlsx", [selfeval_table()])).worksheets[0]
    values = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value}
    assert values["A1"] == "项目支出绩效自评表"
    texts = set(values.values())
    for label in (
        "项目资金（万元）",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "执行率",
        "原因",
        "部分采购合同尚未结算，次年初支付。",
        "年度资金总额",
        "其中：当年财政拨款",
        "上年结转资金",
        "其他资金",
        "年度总体目标",
        "预期目标",
        "实际完成情况",
        "偏差原因分析及改进措施",
        "产出指标(50分)",
        "效益指标(30分)",
        "满意度指标(10分)",
        "总分",
        "93.20",
        "95.02%",
        "14.70",
        "自评等级",
        "优",
    ):
        assert label in texts, label
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A5:A9" in merged  # 项目资金 over its heading + 4 funding rows


def test_monitor_layout_shows_the_light_and_forecast(tmp_path: Path) -> None:
    base = goal_tables()[2]
    indicators = tuple(
        replace(
            ind,
            actual=parse_target("30人"),
            forecast=parse_target("51人"),
            likelihood="确定能",
            extra=(("light", "yellow"),),
        )
        for ind in base.indicators
    )
    header = replace(base.header, extra=(("monitor_month", "7"),))
    table = GoalTable(TableKind.MONITOR, header, indicators)
    html = render("html", [table]).decode()
    for text in ("项目绩效运行监控表", "1-7月执行情况", "全年预计完成值", "黄灯", "确定能", "51人"):
        assert text in html
    for fmt in ("xlsx", "docx", "pdf", "csv", "json"):
        assert render(fmt, [table])


@pytest.mark.parametrize("fmt", FORMATS)
def test_selfeval_renders_in_every_format(fmt: str) -> None:
    assert render(fmt, [selfeval_table()])


def test_no_tables_still_gives_a_valid_file() -> None:
    for fmt in FORMATS:
        assert render(fmt, [])


@pytest.mark.parametrize("fmt", FORMATS)
def test_selfeval_reads_back_with_its_scores(fmt: str, tmp_path: Path) -> None:
    want = selfeval_table()
    (got,) = parse_file(write(tmp_path, fmt, [want])).tables
    assert got.kind is TableKind.SELFEVAL and got.name == want.name
    assert got.total_score == want.total_score
    assert got.header.annual_result == want.header.annual_result
    gb, wb = got.header.budget, want.header.budget
    assert (gb.executed, gb.rate, gb.score) == (wb.executed, wb.rate, wb.score)
    assert gb.reason == wb.reason  # the 原因 column of the budget block
    assert [(i.level1, i.name, i.weight, i.score) for i in got.indicators] == [
        (i.level1, i.name, i.weight, i.score) for i in want.indicators
    ]
    assert [i.actual.raw if i.actual else None for i in got.indicators] == [
        i.actual.raw if i.actual else None for i in want.indicators
    ]
