"""HTML reader: disclosure pages with merged cells, nested and layout tables, encodings,
text around the tables, and hostile markup that must not raise."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.source import SourceLocation
from jixiao.io.formats import Format, detect
from jixiao.io.readers import reader_for
from jixiao.io.readers.html import read_html
from jixiao.io.readers.text_decode import decode_bytes
from jixiao.io.table import Layout, RawDocument, Table
from testdata import DATA

HTML = DATA / "html"
XIANGXI = HTML / "xiangxi-2023-goal-gb2312.html"
CHANGAN = HTML / "changan-2024-two-goal-tables.html"
QINGSHEN = HTML / "qingshen-2023-selfeval.html"
G, L = Layout.GRID, Layout.LINES


def lines_of(table: Table) -> list[str]:
    return [row[0].text for row in table.rows]


def all_text(doc: RawDocument) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row]
    return "".join(cells + [t.title or "" for t in doc.tables])


def _compact(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def read(tmp_path: Path, html: str, encoding: str = "utf-8") -> RawDocument:
    path = tmp_path / "page.html"
    path.write_bytes(html.encode(encoding))
    return read_html(path)


# --- the disclosure-page fixtures -----------------------------------------------------------


@pytest.fixture(scope="module")
def xiangxi() -> RawDocument:
    return read_html(XIANGXI)


@pytest.fixture(scope="module")
def changan() -> RawDocument:
    return read_html(CHANGAN)


def test_fixtures_are_detected_as_html() -> None:
    assert detect(XIANGXI) is Format.HTML and detect(CHANGAN) is Format.HTML
    assert reader_for(Format.HTML) is read_html


def test_gb2312_page_decodes_from_its_meta_charset(xiangxi: RawDocument) -> None:
    assert xiangxi.problems == []
    assert [t.layout for t in xiangxi.tables] == [L, G, L]
    before = lines_of(xiangxi.tables[0])
    assert "湘西州特校2023项目支出绩效目标表公开" in before
    assert "部门:505_湘西州教育和体育局金额单位:万元" in before
    assert lines_of(xiangxi.tables[2])[0] == "附件：2023年项目支出绩效目标表.xlsx"


def test_rowspan_and_colspan_become_covered_cells(xiangxi: RawDocument) -> None:
    grid = xiangxi.tables[1]
    assert grid.title == "湘西州特校2023项目支出绩效目标表公开"  # the <h1> before it
    assert grid.width == 6 and len(grid.rows) == 16
    first_output = grid.rows[7]
    assert grid.texts()[7] == ["", "产出指标", "数量指标", "补助学生数量", "≥168人", ""]
    assert first_output[0].covered and first_output[0].origin == (6, 0)
    origin = grid.rows[6][0]
    assert (origin.text, origin.rowspan, origin.colspan) == ("绩效指标", 10, 1)
    output = first_output[1]
    assert (output.rowspan, output.covered) == (4, False)
    assert grid.filled()[10] == ["绩效指标", "产出指标", "时效指标", "资金发放及时率", "100%", ""]
    assert grid.filled()[8][:3] == ["绩效指标", "产出指标", "数量指标"]
    name = grid.rows[0]
    assert name[1].colspan == 5 and all(c.covered and c.origin == (0, 1) for c in name[2:])


def test_rowspan_past_the_last_row_is_clipped(xiangxi: RawDocument) -> None:
    grid = xiangxi.tables[1]
    assert grid.rows[6][0].rowspan == len(grid.rows) - 6  # printed rowspan="11"


def test_br_gives_newline_and_nbsp_gives_blank(xiangxi: RawDocument) -> None:
    grid = xiangxi.tables[1]
    assert grid.rows[1][4].text == "湘西州民族特殊\n教育学校"
    assert grid.rows[2][0].text == "项目资金\n（万元）"
    assert grid.rows[4][3].text == "" and grid.rows[4][3].is_blank


def test_cells_are_located_by_tr_line_row_and_column(xiangxi: RawDocument) -> None:
    cell = xiangxi.tables[1].rows[7][4]
    assert cell.source == SourceLocation(str(XIANGXI), line=57, row=8, column=5)
    assert xiangxi.tables[1].source.line == 20


def test_script_and_style_are_ignored(xiangxi: RawDocument) -> None:
    text = all_text(xiangxi)
    assert "广告" not in text and "_hmt" not in text and "font-size" not in text


def test_wrapper_table_of_three_rows_is_layout(tmp_path: Path) -> None:
    data = "<table>" + "<tr><td>a</td><td>b</td><td>c</td></tr>" * 4 + "</table>"
    doc = read(tmp_path, f"<table><tr><td>页头</td></tr><tr><td>{data}</td></tr></table>")
    assert [t.layout for t in doc.tables] == [L, G]
    assert doc.tables[0].texts() == [["页头"]]


def test_layout_table_is_read_as_text_around_the_data_tables(changan: RawDocument) -> None:
    assert [t.layout for t in changan.tables] == [L, G, L, G, L]
    intro = lines_of(changan.tables[0])
    assert intro[-1].startswith("根据《东莞市镇级预算绩效管理办法》")
    assert "首页 政务公开 财政资金" in intro
    assert lines_of(changan.tables[-1]) == [
        "联系电话：0769-85xxxxxx",
        "版权所有：东莞市长安镇人民政府 © 2024",
        "粤ICP备12345678号",
    ]


def test_caption_and_heading_titles(changan: RawDocument) -> None:
    first, second = changan.tables[1], changan.tables[3]
    assert first.title == "项目绩效目标表（一）"
    assert second.title == "项目绩效目标表（二）"
    assert first.texts()[9][4:] == ["实施周期\n指标值", "当年度\n指标值"]
    assert first.filled()[15] == [
        "绩效指标",
        "产出指标",
        "成本指标",
        "预算执行率",
        "---",
        "≥90%",
    ]


def test_small_nested_table_is_the_text_of_its_cell(changan: RawDocument) -> None:
    parent = changan.tables[3]
    goal_row = next(r for r in parent.texts() if r[0] == "年度目标")
    assert goal_row[1] == (
        "目标1 组织职工参加各类文体、培训活动\n目标2 维护职工合法权益，增强工会凝聚力\n详见附表"
    )


def test_large_nested_table_follows_its_parent_and_is_not_repeated(tmp_path: Path) -> None:
    inner = "".join(f"<tr><td>一级{i}</td><td>二级{i}</td><td>值{i}</td></tr>" for i in range(3))
    doc = read(
        tmp_path,
        "<table><tr><td>项目名称</td><td>甲</td><td>x</td></tr>"
        f"<tr><td>绩效指标</td><td colspan=2>见下表<table>{inner}</table></td></tr>"
        "<tr><td>备注</td><td>无</td><td>y</td></tr><tr><td>a</td><td>b</td><td>c</td></tr>"
        "</table><p>后记</p>",
    )
    assert [t.layout for t in doc.tables] == [G, G, L]
    parent, nested, after = doc.tables
    assert parent.texts()[1] == ["绩效指标", "见下表", ""]
    assert nested.texts()[2] == ["一级2", "二级2", "值2"]
    assert after.texts() == [["后记"]]


def test_selfeval_page_keeps_budget_block_and_score_columns() -> None:
    doc = read_html(QINGSHEN)
    assert doc.problems == [] and [t.layout for t in doc.tables] == [L, G, L]
    grid = doc.tables[1]
    assert grid.title == "部门预算项目支出绩效自评表\n（2023年度）"
    assert grid.width == 9 and len(grid.rows) == 17
    budget = grid.texts()[3]
    assert budget[:3] == ["", "", "年度资金总额"]
    assert budget[3:] == ["238.93", "251.89", "251.89", "10", "100.00%", "10"]
    assert grid.filled()[14] == [
        "绩\n效\n指\n标",
        "效益指标\n(30分)",
        "可持续影响指标",
        "干部队伍稳定性",
        "稳定",
        "稳定",
        "10",
        "9",
        "个别人员调动，加强人员管理",
    ]
    assert grid.texts()[-1][6:] == ["100", "99", ""]
    assert grid.rows[-1][0].colspan == 6


@pytest.mark.parametrize("path", [XIANGXI, CHANGAN, QINGSHEN], ids=lambda p: p.name)
def test_no_page_text_is_dropped(path: Path) -> None:
    doc = read_html(path)
    text = decode_bytes(path.read_bytes(), str(path), declared="gb18030").text
    root = lxml.html.document_fromstring(text)
    everything = _compact(all_text(doc))
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        for piece in (element.text, element.tail):
            parent = element.getparent()
            if piece is element.tail and parent is not None and parent.tag in ("script", "style"):
                continue
            assert _compact((piece or "").replace("\xa0", " ")) in everything, piece


# --- edge cases -----------------------------------------------------------------------------


def test_two_tables_and_text_between_keep_document_order(tmp_path: Path) -> None:
    doc = read(
        tmp_path,
        "<p>前言</p><table><tr><td>a</td><td>b</td></tr></table>"
        "<h2>第二张表</h2><p>说明</p><table><tr><th>x</th></tr></table><p>结尾</p>",
    )
    assert [t.layout for t in doc.tables] == [L, G, L, G, L]
    assert [t.texts() for t in doc.tables] == [
        [["前言"]],
        [["a", "b"]],
        [["第二张表"], ["说明"]],
        [["x"]],
        [["结尾"]],
    ]
    assert doc.tables[3].title == "第二张表" and doc.tables[1].title is None


def test_holes_beside_spans_are_empty_cells(tmp_path: Path) -> None:
    doc = read(
        tmp_path,
        "<table><tr><td rowspan=2>A</td><td>B</td><td>C</td></tr>"
        "<tr><td colspan='2x'>D</td></tr>"
        "<tr><td colspan=99999999>E</td></tr><tr></tr><tr><td rowspan=-3>F</td></tr></table>",
    )
    (grid,) = doc.tables
    assert grid.texts()[0] == ["A", "B", "C"]
    assert grid.texts()[1] == ["", "D", ""]
    assert grid.rows[1][0].covered and grid.rows[1][2].covered
    assert grid.rows[2][0].colspan == 1000 and len(grid.rows[2]) == 1000
    assert grid.texts()[3] == [] and grid.texts()[4] == ["F"]


def test_meta_charset_gbk_and_xml_declaration(tmp_path: Path) -> None:
    html = (
        '<?xml version="1.0" encoding="gbk"?><html><head><meta charset="GBK"></head>'
        "<body><table><tr><td>资金总额</td><td>≥30万元</td></tr></table></body></html>"
    )
    doc = read(tmp_path, html, "gbk")
    assert doc.problems == []
    assert doc.tables[0].texts() == [["资金总额", "≥30万元"]]


def test_valid_utf8_wins_over_a_stale_gb2312_declaration(tmp_path: Path) -> None:
    html = '<meta charset="gb2312"><table><tr><td>绩效指标</td><td>≥95%</td></tr></table>'
    doc = read(tmp_path, html, "utf-8")
    assert doc.problems == [] and doc.tables[0].texts() == [["绩效指标", "≥95%"]]


def test_empty_and_tableless_pages(tmp_path: Path) -> None:
    assert read(tmp_path, "").tables == []
    assert read(tmp_path, "   \n").tables == []
    doc = read(tmp_path, "<html><body><p>只有文字<br>第二行</p></body></html>")
    assert [t.texts() for t in doc.tables] == [[["只有文字"], ["第二行"]]]


def test_table_without_rows_keeps_its_text(tmp_path: Path) -> None:
    doc = read(tmp_path, "<table>孤立的文字</table><p>后文</p>")
    assert "孤立的文字" in all_text(doc) and "后文" in all_text(doc)


def test_stray_text_inside_a_table_comes_before_it(tmp_path: Path) -> None:
    html = "<table>孤立<tr>行间<td>a</td>格间<td>b</td></tr>尾巴<p>段<b>落</b></p></table>"
    doc = read(tmp_path, html)
    assert [t.texts() for t in doc.tables] == [
        [["孤立"], ["行间"], ["格间"], ["尾巴"], ["段落"]],
        [["a", "b"]],
    ]


def test_cells_without_tr_form_an_implied_row(tmp_path: Path) -> None:
    doc = read(tmp_path, "<table><tr><td>a</td><td>b</td></tr><td>c</td><th>d</th></table>")
    assert [t.texts() for t in doc.tables] == [[["a", "b"], ["c", "d"]]]


def test_control_characters_do_not_stop_the_parser(tmp_path: Path) -> None:
    doc = read(tmp_path, "<table><tr><td>a\x00b\x07</td><td>\x1fc</td></tr></table>")
    assert doc.tables[0].texts() == [["ab", "c"]]


def test_text_lost_to_the_parser_is_recovered_with_a_warning(tmp_path: Path) -> None:
    # libxml2 drops whatever lies deeper than its nesting limit without an error
    doc = read(tmp_path, "<div>" * 5000 + "深处的文字" + "<table><tr><td>表</td></tr></table>")
    assert [p.code for p in doc.problems] == ["T004"]
    assert "深处的文字" in all_text(doc) and "表" in all_text(doc)


_PIECES = st.sampled_from(
    [
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "<td rowspan=3>",
        "<th colspan='2'>",
        "</td>",
        "<br>",
        "&nbsp;",
        "<p>",
        "</p>",
        "<caption>表</caption>",
        "<script>x</script>",
        "<!--c-->",
        "项目",
        "≥90%",
        "\x00",
        "\n",
        "<h3>标题</h3>",
        "<tbody>",
        "<td colspan=0>",
    ]
)


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=40))
def test_random_markup_never_raises(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "f.html"
    path.write_bytes("".join(pieces).encode("utf-8", "surrogatepass"))
    doc = read_html(path)
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                if cell.covered:
                    assert cell.origin is not None and cell.text == ""


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300))
def test_random_bytes_never_raise(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "f.html"
    path.write_bytes(b"<table><tr><td>" + data)
    assert isinstance(read_html(path), RawDocument)
