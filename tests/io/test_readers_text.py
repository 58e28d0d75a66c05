"""Text and CSV readers: layouts, cells and locations on the example, the wild copies and
fixtures of every layout; decoding; nothing dropped; random input never raises."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.core.problems import Severity
from jixiao.core.source import SourceLocation
from jixiao.io.formats import Format
from jixiao.io.readers import reader_for
from jixiao.io.readers.text import read_csv, read_text
from jixiao.io.readers.text_decode import decode_bytes, normalise_newlines
from jixiao.io.readers.text_pipes import MARKDOWN_RULE
from jixiao.io.table import Layout, RawDocument, Table
from testdata import DATA, EXAMPLE_FILE, WILD

TEXT = DATA / "text"
G, S, L = Layout.GRID, Layout.STREAM, Layout.LINES


def layouts(doc: RawDocument) -> list[Layout]:
    return [t.layout for t in doc.tables]


def grids(doc: RawDocument) -> list[Table]:
    return [t for t in doc.tables if t.layout is G]


def stream_texts(table: Table) -> list[str]:
    assert all(len(row) == 1 for row in table.rows)
    return [row[0].text for row in table.rows]


def contains_run(seq: list[str], run: list[str]) -> bool:
    return any(seq[i : i + len(run)] == run for i in range(len(seq) - len(run) + 1))


def _compact(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch not in "|#")


def assert_nothing_dropped(text: str, doc: RawDocument) -> None:
    """Every non-blank line's characters (pipe and heading syntax aside) are in some cell."""
    pieces = [c.text for t in doc.tables for row in t.rows for c in row]
    pieces += [t.title or "" for t in doc.tables]
    everything = _compact("".join(pieces))
    lines = normalise_newlines(text).split("\n")
    for number, line in enumerate(lines, start=1):
        above = lines[number - 2].strip() if number > 1 else ""
        if MARKDOWN_RULE.match(line) and above.startswith("|") and above.endswith("|"):
            continue  # the |---| rule under a Markdown header is syntax
        assert _compact(line) in everything, f"line {number} lost: {line!r}"


# --- the Dongguan example -------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> RawDocument:
    return read_text(EXAMPLE_FILE)


def test_example_gives_three_six_column_grids_titled_by_their_headings(
    example: RawDocument,
) -> None:
    tables = grids(example)
    assert len(tables) == 3
    assert [t.width for t in tables] == [6, 6, 6]
    assert [t.title for t in tables] == ["项目绩效目标表"] * 3
    assert example.problems == []
    assert [len(t.rows) for t in tables] == [31, 29, 26]
    headings = [t for t in example.tables if t.layout is L]
    assert [t.rows[0][0].text for t in headings] == ["项目绩效目标表"] * 3


def test_example_rows_keep_every_tab_position(example: RawDocument) -> None:
    first, second, third = grids(example)
    assert first.texts()[0] == ["项目名称", "", "(镇级) 社会基本医疗保险 (村社区)", "", "", ""]
    assert first.texts()[5] == ["实施周期", "", "起始年度", "2024年", "到期年度", "2024年"]
    assert first.texts()[11] == [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "实施周期指标值",
        "当年度指标值",
    ]
    assert first.texts()[12] == ["", "产出指标", "数量指标", "年均参保缴费人数", "---", "≥64539人"]
    # the shifted rows come out exactly as printed; the builder repairs them
    assert ["", "成本指标", "预算执行率", "---", "≥90%", ""] in first.texts()
    assert ["", "社会保障体系健全性", "", "---", "良好", ""] in first.texts()
    assert second.texts()[6] == ["2024年预算金额", "35.31万元", "", "", "", ""]
    assert third.texts()[-1] == ["", "", "", "投诉处理满意率", "---", "≥90%"]


def test_example_cells_are_located_by_line_and_column(example: RawDocument) -> None:
    first = grids(example)[0]
    cell = first.rows[12][5]
    assert cell.text == "≥64539人"
    assert cell.source == SourceLocation(str(EXAMPLE_FILE), line=19, column=6)
    assert first.source.line == 7
    lines = [row[0].source.line for row in first.rows]
    assert lines == list(range(7, 38))


# --- the wild copies ------------------------------------------------------------------------

WILD_LAYOUTS = {
    "001_selfeval.txt": [S],
    "014_selfeval.txt": [G],
    "020_selfeval.txt": [S],
    "022_goal.txt": [L, S],
    "040_goal.txt": [L, G],
    "044_goal.txt": [L, G, L, G],
    "009_goal.txt": [L, S],
    "011_selfeval.txt": [S],
    "017_goal.txt": [L, S, L],
    "026_goal.txt": [S],
    "034_selfeval.txt": [S, L],
    "036_selfeval.txt": [G],
    "039_selfeval.txt": [S],
    "041_goal.txt": [L, S, L, S],
    "043_goal.txt": [L, S],
    "049_goal.txt": [L, G],
}
WILD_FILES = sorted(p.name for p in WILD.glob("*.txt"))


@pytest.mark.parametrize("name", WILD_FILES)
def test_wild_file_reads_without_loss_and_with_the_expected_layouts(name: str) -> None:
    path = WILD / name
    doc = read_text(path)
    assert doc.problems == []
    assert layouts(doc) == WILD_LAYOUTS.get(name, [L])
    assert_nothing_dropped(path.read_text(encoding="utf-8"), doc)


def test_wild_014_rows_end_at_the_empty_cell_runs() -> None:
    (table,) = read_text(WILD / "014_selfeval.txt").tables
    rows = table.texts()
    assert table.width == 8
    assert rows[6] == ["年度资金总额:", "3359.62万", "3359.62万", "100%", "", "", "", ""]
    # ``绩效指标 | 一级 指标 |`` continues on the next line: one row of eight cells
    assert rows[21] == [
        "绩效指标",
        "一级 指标",
        "二级指标",
        "三级指标",
        "指标值",
        "全年实际完成值",
        "未完成原因和改进措施",
        "",
    ]
    assert (
        rows[22]
        == ["产 出 指 标", "数量指标", "享受医疗救助人次", "≥50000人次", "110406"] + [""] * 3
    )
    assert rows[-1] == ["质量指标", "医疗救助合规率", "100"]  # cut off: a short last row
    cell = table.rows[22][3]
    assert (cell.source.line, cell.source.column) == (25, 4)


AGENCY = ["淮北市文化旅游体育局", "", "", ""]


def test_wild_040_rows_end_at_lines_of_pipes() -> None:
    table = read_text(WILD / "040_goal.txt").tables[1]
    rows = table.texts()
    assert table.width == 7 and len(rows) == 20
    assert rows[0] == ["项目支出绩效目标表"] + [""] * 6
    assert rows[3] == ["主管部门及代码", "[077]淮北市文化旅游体育局", "实施单位", *AGENCY]
    assert rows[11] == ["产出指标", "数量指标", "开展送戏进万村", "≥70村", "", "", ""]
    assert rows[19] == ["满意度指标", "满意度指标", "项目受益人满意程度", "≥90%", "", "", ""]
    assert table.rows[11][3].source == SourceLocation(str(WILD / "040_goal.txt"), line=52, column=4)


def test_wild_044_splits_the_header_run_and_keeps_both_tables() -> None:
    doc = read_text(WILD / "044_goal.txt")
    allocation, goals = grids(doc)
    assert allocation.texts()[0] == ["序号", "乡镇名称", "项 目 名 称", "金额", "备注"]
    assert allocation.texts()[1] == ["1", "西坪镇", "尧山村排洪排水工程建设", "20", ""]
    assert allocation.texts()[-1] == ["合计", "100"]
    assert doc.tables[2].texts() == [["附件2"], ["2022年省级第七批水利专项资金绩效目标表"]]
    assert goals.width == 13
    output = goals.texts()[4]
    assert output[:3] == ["产出 指标", "数量指标", "开展小型水利工程建设(个)"]
    assert output[3] == "反映小型水利工程建设项目开展情况"
    assert output[4:11] == ["1"] * 7
    assert goals.texts()[-1] == ["时效指标", "截"]


def test_wild_001_is_a_stream_with_empty_cells_kept() -> None:
    (table,) = read_text(WILD / "001_selfeval.txt").tables
    cells = stream_texts(table)
    assert cells[:6] == ["报表编号:510000_0013zp", "", "", "", "", ""]
    assert contains_run(cells, ["发放(缴纳)覆盖率", "=", "100", "%", "", "60", "", ""])
    assert table.rows[1][0].source.line == 2


def test_wild_020_stream_keeps_split_cells_and_nbsp_cells_in_order() -> None:
    (table,) = read_text(WILD / "020_selfeval.txt").tables
    cells = stream_texts(table)
    assert contains_run(cells, ["产出指标", "数量指标", "指标1工程资金金额", "43.2", "37.24"])
    assert contains_run(cells, ["效益指标", "经济效益", "指标", "指标1安全率", "100"])
    assert contains_run(cells, ["年度", "指标值", "实际", "完成值", "分值", "得分"])
    assert "项目资金\n(万元)" in cells  # two adjacent lines: one cell with a line break
    blank = next(row[0] for row in table.rows if row[0].source.line == 24)
    assert blank.text == ""  # a line holding one space was an &nbsp; cell
    assert all(row[0].source.line not in (2, 4, 23) for row in table.rows)


def test_wild_022_cells_whose_pipe_is_on_the_next_line() -> None:
    prose, table = read_text(WILD / "022_goal.txt").tables
    cells = stream_texts(table)
    assert cells[:6] == [
        "项目名称",
        "国家基本公共卫生服务项目",
        "主管部门及代码",
        "",
        "实施单位",
        "卫健委",
    ]
    assert cells[-1] == "≧"  # cut off before its pipe
    assert table.rows[-1][0].source.line == 69
    assert prose.rows[-1][0].text == "(2024 年度)"


# --- fixtures of every layout ---------------------------------------------------------------


def test_tab_grid_with_prose_and_heading_around_it() -> None:
    doc = read_text(TEXT / "tab-with-prose.txt")
    assert layouts(doc) == [L, G, L]
    before, grid, after = doc.tables
    assert [r[0].text for r in before.rows] == [
        "2024年部门预算项目绩效目标公开",
        "单位：东莞市某某中心（公章）",
        "项目绩效目标表",
    ]
    assert grid.title == "项目绩效目标表"
    assert grid.texts()[5] == ["", "", "时效指标", "救助资金发放及时率", "---", "100%"]
    assert [r[0].text for r in after.rows] == [
        "注：本表由单位填报，财政部门审核。",
        "说明 第二段 文字",
    ]


def test_a_row_of_empty_tab_cells_stays_in_its_grid(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("一级\t二级\t三级\n\t\t\n产出\t数量\t人数\n", encoding="utf-8")
    (grid,) = read_text(path).tables
    assert grid.texts() == [["一级", "二级", "三级"], ["", "", ""], ["产出", "数量", "人数"]]


def test_pipe_fixture_rows_and_header_split() -> None:
    doc = read_text(TEXT / "pipe-row-ends.txt")
    assert layouts(doc) == [L, G, L]
    rows = doc.tables[1].texts()
    assert rows[2] == ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "备注"]
    assert rows[4] == ["", "质量指标", "验收合格率", "100%", "100%", ""]
    assert len(rows) == 7


def test_pipe_lines_without_empty_runs_are_rows_when_they_agree(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 人次 | ≥50 |\n"
        "产出指标 | 质量指标 | 合格率 | 100% |\n效益指标 | 社会效益 | 改善 |\n",
        encoding="utf-8",
    )
    (grid,) = read_text(path).tables
    assert grid.layout is G
    assert grid.texts()[1] == ["产出指标", "数量指标", "人次", "≥50"]
    assert grid.texts()[3] == ["效益指标", "社会效益", "改善"]


def test_pipe_rows_separated_by_blank_lines_stay_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "一级指标 | 二级指标 | 指标值 | ||\n\n产出指标 | 数量指标 | ≥50人 | ||\n\n"
        "效益指标 | 社会效益 | 明显 |\n",
        encoding="utf-8",
    )
    doc = read_text(path)
    assert layouts(doc) == [G, G, G]
    assert [t.texts() for t in doc.tables] == [
        [["一级指标", "二级指标", "指标值", "", ""]],
        [["产出指标", "数量指标", "≥50人", "", ""]],
        [["效益指标", "社会效益", "明显"]],
    ]


def test_framed_pipe_lines_are_rows_without_a_rule(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "| 项目名称 | 校舍维修 |\n| 一级指标 | 产出指标 |\n|  | 数量指标 |\n", encoding="utf-8"
    )
    (grid,) = read_text(path).tables
    assert grid.texts() == [["项目名称", "校舍维修"], ["一级指标", "产出指标"], ["", "数量指标"]]


def test_one_cell_per_line_fixture() -> None:
    doc = read_text(TEXT / "one-cell-per-line.txt")
    (table,) = doc.tables
    assert table.layout is S
    cells = stream_texts(table)
    assert contains_run(cells, ["维修面积", "1200平方米", "1200平方米", "", "经济效益", "指标"])
    assert contains_run(cells, ["指标1", "", "", "满意度"])


def test_markdown_table_rows_without_the_rule_line() -> None:
    doc = read_text(TEXT / "markdown-table.txt")
    assert layouts(doc) == [L, G]
    assert doc.tables[1].title == "项目绩效目标表"
    assert doc.tables[1].texts() == [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人次", "≥500人次"],
        ["", "质量指标", "培训合格率", "≥95%"],
    ]


@pytest.mark.parametrize("path", sorted(TEXT.glob("*.txt")), ids=lambda p: p.name)
def test_fixture_reads_without_loss(path: Path) -> None:
    doc = read_text(path)
    text = decode_bytes(path.read_bytes(), str(path)).text
    assert_nothing_dropped(text, doc)


# --- decoding -------------------------------------------------------------------------------


def test_utf16_with_bom() -> None:
    doc = read_text(TEXT / "utf16-bom-tabs.txt")
    assert doc.problems == []
    assert grids(doc)[0].texts()[2] == ["产出指标", "数量指标", "资助人数", "≥50人"]


def test_gb18030_fallback_and_crlf_are_handled() -> None:
    doc = read_text(TEXT / "crlf-tabs.txt")
    assert [p.code for p in doc.problems] == ["T002"]
    assert doc.problems[0].severity is Severity.INFO
    assert grids(doc)[0].texts() == [
        ["项目名称", "", "就业补助"],
        ["绩效指标", "一级指标", "二级指标"],
        ["", "产出指标", "数量指标"],
    ]


def test_invalid_bytes_give_a_located_warning() -> None:
    path = TEXT / "invalid-bytes.txt"
    doc = read_text(path)
    (problem,) = doc.problems
    assert problem.code == "T001" and problem.severity is Severity.WARNING
    assert problem.source == SourceLocation(str(path), line=3, column=6)
    assert "line(s) 3" in problem.message
    assert grids(doc)[0].texts()[2] == ["产出指标", "\ufffd\ufffd数量", "面积", "1200"]


SAMPLE = "项目\t2024年\t≥100 %\n2\t3\t4\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + SAMPLE.encode(), "utf-8"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),  # no BOM: found by its NUL bytes
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"), "utf-32-le"),
        (SAMPLE.encode("gbk"), "gb18030"),
    ],
)
def test_decoding_candidates(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, "x.txt")
    assert decoded.text == SAMPLE
    assert decoded.encoding == encoding


def test_empty_file_is_an_info(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    doc = read_text(path)
    assert doc.tables == [] and [p.code for p in doc.problems] == ["T003"]


def test_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    doc = read_text(tmp_path / "absent.txt")
    assert [p.code for p in doc.problems] == ["F001"]
    assert [p.code for p in read_csv(tmp_path / "absent.csv").problems] == ["F001"]


# --- CSV ------------------------------------------------------------------------------------


def test_csv_gbk_semicolon() -> None:
    path = TEXT / "gbk-semicolon.csv"
    doc = read_csv(path)
    assert [p.code for p in doc.problems] == ["T002"]
    (table,) = doc.tables
    assert table.layout is G
    assert table.texts()[0] == ["项目名称", "乡村道路养护", "", ""]
    assert table.texts()[3] == ["", "质量指标", "验收合格率;含复验", "100%"]
    assert table.rows[3][2].source == SourceLocation(str(path), row=4, column=3)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters_are_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "t.csv"
    rows = [["一级指标", "二级指标", "指标值"], ["产出指标", "数量指标", "≥5,000人"]]
    text = "\n".join(delimiter.join(f'"{c}"' for c in r) for r in rows)
    path.write_bytes(codecs.BOM_UTF8 + text.encode())
    doc = read_csv(path)
    assert doc.problems == []
    assert doc.tables[0].texts() == rows


def test_csv_excel_sep_line_is_syntax(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("sep=;\n一级,指标;二级\n产出;数量\n", encoding="utf-8")
    assert read_csv(path).tables[0].texts() == [["一级,指标", "二级"], ["产出", "数量"]]


def test_csv_syntax_error_keeps_the_rest_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('a,b\n"' + "x" * 200_000 + '",y\nlast,row\n', encoding="utf-8")
    doc = read_csv(path)
    (problem,) = doc.problems
    assert problem.code == "T005" and problem.source.line == 2
    rows = doc.tables[0].rows
    assert [r[0].source.row for r in rows] == [1, 2, 3]
    assert [c.text for c in rows[2]] == ["last", "row"] and len(rows[1][0].text) == 200_002


def test_registry_points_at_these_readers() -> None:
    assert reader_for(Format.TEXT) is read_text
    assert reader_for(Format.CSV) is read_csv


# --- never raises ---------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("|\t \n\r\xa0#-:项目指标值产出≥%0123456789\x00\x0b\x0c\x1c\x85\u3000")
)
_TEXT = st.lists(
    st.one_of(_ALPHABET, st.characters(exclude_categories=("Cs",), exclude_characters="\ufeff")),
    max_size=300,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT)
def test_random_text_never_raises_and_keeps_every_line(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "f.txt"
    data = text.encode("utf-8")
    path.write_bytes(data)
    doc = read_text(path)
    decoded = decode_bytes(data, str(path)).text
    if "\x00" not in text:  # with NUL bytes it may honestly look like UTF-16
        assert decoded == normalise_newlines(text)
    assert_nothing_dropped(decoded, doc)
    for table in doc.tables:
        assert table.rows and all(row for row in table.rows)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=400))
def test_random_bytes_never_raise(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "f.csv"
    path.write_bytes(data)
    assert isinstance(read_text(path), RawDocument)
    assert isinstance(read_csv(path), RawDocument)


@pytest.mark.parametrize("rule", ["", "|---|---|---|\n"])
def test_text_line_directly_above_a_framed_table_is_its_own_row(tmp_path: Path, rule: str) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "2024年项目绩效目标表\n"
        f"| 项目名称 | 校舍维修 | 备注 |\n{rule}"
        "| 一级指标 | 产出指标 | 无 |\n"
        "|  | 数量指标 | 无 |\n"
        "说明：单位万元\n"
        "| 项目名称 | 道路养护 | 备注 |\n"
        "| 一级指标 | 效益指标 | 无 |\n",
        encoding="utf-8",
    )
    doc = read_text(path)
    assert layouts(doc) == [L, G, L, G]
    assert doc.tables[0].texts() == [["2024年项目绩效目标表"]]
    assert doc.tables[1].texts() == [
        ["项目名称", "校舍维修", "备注"],
        ["一级指标", "产出指标", "无"],
        ["", "数量指标", "无"],
    ]
    assert doc.tables[2].texts() == [["说明：单位万元"]]
    assert doc.tables[3].texts()[0] == ["项目名称", "道路养护", "备注"]
