"""The actuals file: header aliases, matching, located problems; the xlsx template round trip."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from jixiao.io.actuals import read_actuals, write_template
from jixiao.scoring import codes
from jixiao.scoring.matching import match_actuals
from jixiao.scoring.schemes import load_scheme
from jixiao.scoring.selfeval import evaluate_table

from .helpers import ind, table

D = Decimal
TABLES = [
    table(
        ind("产出指标", "数量指标", "参保人数", "≥100人"),
        ind("效益指标", "社会效益指标", "改善程度", "良好"),
        ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%"),
        name="甲项目",
        budget="50",
    ),
    table(ind("产出指标", "数量指标", "参保人数", "≥10人"), name="2024-乙项目"),
]


def write(tmp_path: Path, text: str, name: str = "a.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_english_and_chinese_headers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "project,indicator,actual,level,score\n"
        "甲项目,参保人数,95人,,\n"
        "甲项目,改善程度,,部分达成,20\n"
        "乙项目,参保人数,10人,,\n"
        "甲项目,预算执行,45,,\n",
    )
    matched = match_actuals(TABLES, read_actuals(path))
    assert matched.problems == []
    first = matched.inputs[0]
    assert first.indicators[0].actual is not None and first.indicators[0].actual.value == D(95)
    assert first.indicators[1].level == "部分达成" and first.indicators[1].score == D(20)
    assert first.budget is not None and first.budget.executed is not None
    assert first.budget.executed.value == D(45)
    # "乙项目" matches "2024-乙项目" (code prefix dropped)
    assert 0 in matched.inputs[1].indicators
    zh = write(
        tmp_path,
        "项目名称,指标名称,完成值,全年预算数（万元）,完成等级,得分,偏差原因\n"
        "甲项目,预算执行,40,48,,,资金拨付延迟\n",
        "b.csv",
    )
    matched = match_actuals(TABLES, read_actuals(zh))
    budget = matched.inputs[0].budget
    assert matched.problems == []
    assert budget is not None and budget.budget is not None and budget.budget.value == D(48)
    result = evaluate_table(TABLES[0], matched.inputs[0], load_scheme())
    assert result.budget.score == D("8.33")  # 40 / 48 × 10 = 8.333 → 8.33, reason given


def test_located_problems(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "项目名称,三级指标,实际完成值,得分,颜色\n"
        "丙项目,参保人数,95人,,\n"  # row 2: unknown project
        "甲项目,参保率,95%,,\n"  # row 3: unknown indicator
        "甲项目,参保人数,95人,九十,\n"  # row 4: score not a number
        "甲项目,参保人数,96人,,\n"  # row 5: duplicate
        ",参保人数,1人,,\n",
    )  # row 6: no project, two tables
    matched = match_actuals(TABLES, read_actuals(path))
    found = [(p.code, p.source.row, p.source.column) for p in matched.problems]
    assert found == [
        (codes.UNKNOWN_COLUMN.code, 1, 5),
        (codes.UNKNOWN_PROJECT.code, 2, 1),
        (codes.UNKNOWN_INDICATOR.code, 3, 2),
        (codes.BAD_VALUE.code, 4, 4),
        (codes.DUPLICATE.code, 5, None),
        (codes.UNKNOWN_PROJECT.code, 6, 1),
    ]
    assert all(p.source.file == str(path) for p in matched.problems)
    # the first of the duplicates is kept
    kept = matched.inputs[0].indicators[0].actual
    assert kept is not None and kept.value == D(95)


def test_nan_and_infinity_are_not_numbers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "项目名称,三级指标,实际完成值,全年预算数,得分\n"
        "甲项目,参保人数,95人,,NaN\n"
        "甲项目,预算执行,Infinity,50,\n",
    )
    matched = match_actuals(TABLES, read_actuals(path))
    found = [(p.code, p.source.row, p.source.column) for p in matched.problems]
    assert found == [(codes.BAD_VALUE.code, 2, 5), (codes.BAD_VALUE.code, 3, 3)]


def test_cells_that_do_not_apply_are_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "项目名称,三级指标,实际完成值,全年预算数,等级\n"
        "甲项目,参保人数,95人,50,\n"
        "甲项目,预算执行,45,,达成\n",
    )
    matched = match_actuals(TABLES, read_actuals(path))
    found = [(p.code, p.source.row, p.source.column) for p in matched.problems]
    assert found == [(codes.NOT_APPLICABLE.code, 2, 4), (codes.NOT_APPLICABLE.code, 3, 5)]


def test_missing_columns_and_bad_files(tmp_path: Path) -> None:
    path = write(tmp_path, "项目名称,三级指标\n甲项目,参保人数\n")
    matched = match_actuals(TABLES, read_actuals(path))
    assert [p.code for p in matched.problems] == [codes.MISSING_COLUMN.code]
    latin = tmp_path / "gbk.csv"
    latin.write_bytes("项目名称,三级指标,实际完成值\n".encode("gbk"))
    assert [p.code for p in read_actuals(latin).problems] == [codes.UNREADABLE.code]
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    assert [p.code for p in read_actuals(broken).problems] == [codes.UNREADABLE.code]


def test_template_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "actuals.xlsx"
    path.write_bytes(write_template(TABLES))
    wb = load_workbook(path)
    ws = wb["实际完成值"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:6] == (
        "项目名称",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
    )
    assert [r[3] for r in rows[1:]] == [
        "参保人数",
        "改善程度",
        "满意度",
        "预算执行",
        "参保人数",
        "预算执行",
    ]
    assert rows[4][6] == "50"  # the budget row shows the table's budget
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["H2:H7"] == '"达成,部分达成,未达成"'
    assert lists["K2:K7"] == '"确定能,有可能,完全不可能"'
    assert "经费保障" in lists["L2:L7"]
    # fill it in as a person would (a percentage typed as a number formatted %)
    ws["F2"] = "100人"
    ws["H3"] = "达成"
    ws["F4"] = 0.92
    ws["F4"].number_format = "0%"
    ws["F5"] = 50
    ws["F6"] = "10人"
    ws["F7"] = 100
    wb.save(path)
    matched = match_actuals(TABLES, read_actuals(path))
    assert matched.problems == []
    result = evaluate_table(TABLES[0], matched.inputs[0], load_scheme())
    assert [r.score for r in result.indicators] == [D("50.00"), D("30.00"), D("10.00")]
    assert result.total == D("100.00")


def test_uploaded_bytes(tmp_path: Path) -> None:
    from jixiao.io.actuals import read_actuals_bytes

    xlsx = write_template(TABLES)
    sheet = read_actuals_bytes(xlsx, "upload")  # no suffix: the zip signature tells
    assert sheet.sheet == "实际完成值" and sheet.header[3] == "三级指标"
    csv_sheet = read_actuals_bytes("三级指标,实际完成值\n参保人数,95人\n".encode(), "a.csv")
    assert csv_sheet.rows == ((2, ("参保人数", "95人")),)


def test_title_rows_above_the_header_are_skipped(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "2024年度实际完成值填报表,,\n填报单位：甲,,\n"
        "项目名称,三级指标,实际完成值\n甲项目,参保人数,95人\n",
    )
    sheet = read_actuals(path)
    assert sheet.header_row == 3 and sheet.rows == ((4, ("甲项目", "参保人数", "95人")),)
    assert match_actuals(TABLES, sheet).problems == []
