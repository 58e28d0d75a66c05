"""GRID tables (what tab/pipe copies, CSV, HTML, xlsx, docx and pdf readers produce)."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_build_helpers import FILE, build, codes, grid, text_lines

from jixiao.core.model import TableKind
from jixiao.core.money import MoneyUnit
from jixiao.core.source import SourceLocation
from jixiao.core.target import Op, TargetKind
from jixiao.core.vocabulary import Level1
from jixiao.io.table import Cell, Table

GOAL_101 = """
项目绩效目标表(2024年度)
项目名称|城乡环卫保洁|||
主管部门|某区城市管理局|||
实施单位|某区环卫所|||
实施周期|2024年-2026年|||
年度预算金额(万元)|1200|||
总体目标|实施周期总目标|年度目标||
|三年内保洁全覆盖|年内保洁覆盖率达95%||
绩效指标|一级指标|二级指标|三级指标|实施周期指标值|年度指标值
|成本指标|经济成本指标|保洁单价|≤20元/平方米|≤20元/平方米
|产出指标|数量指标|保洁面积|≥300万平方米|≥100万平方米
||质量指标|保洁达标率|≥95%|≥95%
|效益指标|社会效益指标|市容改善程度|明显改善|有改善
|满意度指标|服务对象满意度指标|群众满意度|≥90%|≥90%
"""


def test_goal_table_of_the_101_generation() -> None:
    doc = build(grid(GOAL_101))
    (table,) = doc.tables
    h = table.header
    assert table.kind is TableKind.GOAL and table.complete
    assert h.name == "城乡环卫保洁" and h.department == "某区城市管理局"
    assert (h.period.start, h.period.end) == (2024, 2026)
    assert h.budget.amount is not None and h.budget.amount.value == Decimal("1200")
    assert h.budget.amount.unit is MoneyUnit.WAN
    assert h.period_goal == "三年内保洁全覆盖" and h.annual_goal == "年内保洁覆盖率达95%"
    assert h.year == 2024
    cost = table.indicators[0]
    assert (cost.level1, cost.level2, cost.category) == ("成本指标", "经济成本指标", Level1.COST)
    assert cost.annual_target.op is Op.LE
    quality = table.indicators[2]
    assert (quality.level1, quality.level2) == ("产出指标", "质量指标")  # carried down
    assert quality.source is not None and quality.source.line == 12
    assert len(table.indicators) == 5
    assert not [c for c in codes(doc) if c != "B011"]


def test_local_names_traditional_characters_and_spaced_labels() -> None:
    doc = build(
        grid("""
項 目 名 稱|縣級衛生補助
绩效指标|一级指标|二级指标|三级指标|指标值
|預期產出指標|數量指標|補助人數|≥100人
|效 果 指 标|社会效益指标|群众受益程度|有效
""")
    )
    (table,) = doc.tables
    # Traditional text is read as Simplified (OpenCC t2s), the script the rules and search use
    assert table.header.name == "县级卫生补助"
    first, second = table.indicators
    assert first.level1 == "预期产出指标"
    assert first.category is Level1.OUTPUT
    assert second.level1 == "效果指标" and second.category is Level1.BENEFIT


def test_separate_nature_value_and_unit_columns() -> None:
    doc = build(
        grid("""
项目支出绩效自评表
项目名称|工资性支出
绩效指标|一级指标|二级指标|三级指标|指标性质|指标值|度量单位|完成值|权重|得分
|产出指标|数量指标|发放覆盖率|=|100|%|100|60|60
|效益指标|社会效益指标|参保率|≥|95|%|96|30|28
合计|||||||||100|88
""")
    )
    (table,) = doc.tables
    assert table.kind is TableKind.SELFEVAL
    first = table.indicators[0]
    assert first.annual_target.op is Op.EQ and first.annual_target.unit == "%"
    assert first.annual_target.raw == "=100%"
    assert first.weight == Decimal(60) and first.score == Decimal(60)
    assert table.total_score == Decimal(88)


def test_weight_total_is_not_a_score() -> None:
    doc = build(
        grid("""
项目名称|甲
绩效指标|一级指标|二级指标|三级指标|指标值|权重|得分
|产出指标|数量指标|人数|10人|60|
合计|||||100|
""")
    )
    assert doc.tables[0].total_score is None
    assert "B012" in codes(doc)


def test_truncated_table_is_incomplete_and_invents_nothing() -> None:
    doc = build(
        grid("""
项目名称|乙
绩效指标|一级指标|二级指标|三级指标|实施周期指标值|年度指标值
|产出指标|数量指标|改造户数|---|≥50户
|质量指标|验收合格率
""")
    )
    (table,) = doc.tables
    assert not table.complete
    assert [i.name for i in table.indicators] == ["改造户数"]
    assert "B005" in codes(doc)


def test_two_tables_in_one_block_split_by_project_name() -> None:
    doc = build(
        grid("""
项目名称|甲
绩效指标|一级指标|二级指标|三级指标|年度指标值
|产出指标|数量指标|人数|10人
项目名称|乙
绩效指标|一级指标|二级指标|三级指标|年度指标值
|产出指标|数量指标|户数|5户
|满意度指标|服务对象满意度指标|满意度|≥90%
""")
    )
    assert [t.header.name for t in doc.tables] == ["甲", "乙"]
    assert [len(t.indicators) for t in doc.tables] == [1, 2]


def test_table_split_across_two_blocks() -> None:
    part1 = grid(
        """
项目名称|丙
绩效指标|一级指标|二级指标|三级指标|年度指标值
|产出指标|数量指标|人数|10人
""",
        first_line=1,
    )
    part2 = grid(
        """
||质量指标|合格率|100%
|满意度指标|服务对象满意度指标|满意度|≥90%
""",
        first_line=20,
    )
    doc = build(part1, text_lines("第 1 页", first_line=10), part2)
    (table,) = doc.tables
    assert [(i.level1, i.level2, i.name) for i in table.indicators] == [
        ("产出指标", "数量指标", "人数"),
        ("产出指标", "质量指标", "合格率"),
        ("满意度指标", "服务对象满意度指标", "满意度"),
    ]


def test_shifted_cells_are_realigned_and_reported() -> None:
    doc = build(
        grid("""
项目名称|丁
绩效指标|一级指标|二级指标|三级指标|实施周期指标值|当年度指标值
|产出指标|数量指标|人数|---|10人
|成本指标|预算执行率|---|≥90%|
|效益指标|社会效益指标|知晓度|---|≥85%
|体系健全性||---|良好|
""")
    )
    inds = doc.tables[0].indicators
    assert (inds[1].level1, inds[1].level2, inds[1].name) == ("产出指标", "成本指标", "预算执行率")
    assert inds[1].annual_target.value == Decimal(90)
    assert (inds[3].level2, inds[3].name, inds[3].annual_target.text) == (
        "社会效益指标",
        "体系健全性",
        "良好",
    )
    assert codes(doc).count("B003") == 2


def test_placeholders_and_empty_level2_rows_are_not_indicators() -> None:
    doc = build(
        grid("""
项目名称|戊
一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分
产出指标|数量指标|指标1工程金额|43.2|37.24|10|9
||指标2||||
||……||||
效益指标|经济效益指标|||||
|社会效益指标|安全率|100|100|10|10
""")
    )
    (table,) = doc.tables
    assert [i.name for i in table.indicators] == ["工程金额", "安全率"]
    assert "B004" in codes(doc) and "B013" in codes(doc)


def test_selfeval_budget_block() -> None:
    doc = build(
        grid("""
项目支出绩效自评表(2023年度)
项目名称|己|||||
项目资金(万元)|年初预算数|全年预算数|全年执行数|分值|执行率|得分
年度资金总额|43.2|45|37.24|10|86%|9
其中:当年财政拨款|43.2|45|37.24||
上年结转资金|/|/|/||
一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分
产出指标|数量指标|工程数|2个|2个|10|10
总分|||||100|95
""")
    )
    (table,) = doc.tables
    b = table.header.budget
    assert b.amount is not None and b.amount.value == Decimal(45)
    assert b.initial is not None and b.initial.value == Decimal("43.2")
    assert b.executed is not None and b.executed.value == Decimal("37.24")
    assert b.rate == Decimal(86) and b.weight == Decimal(10) and b.score == Decimal(9)
    assert [r.label for r in b.rows] == ["年度资金总额", "其中:当年财政拨款", "上年结转资金"]
    assert table.total_score == Decimal(95)
    assert table.header.year == 2023


def test_monitoring_table_kind() -> None:
    doc = build(
        grid("""
项目名称|庚
一级指标|二级指标|三级指标|年度指标值|1-7月执行情况|全年预计完成值|完成目标可能性|偏差原因
产出指标|数量指标|人数|100人|60人|100人|确定能|
""")
    )
    (table,) = doc.tables
    ind = table.indicators[0]
    assert table.kind is TableKind.MONITOR
    assert ind.actual is not None and ind.actual.value == Decimal(60)
    assert ind.forecast is not None and ind.forecast.value == Decimal(100)
    assert ind.likelihood == "确定能"


def test_header_split_over_two_rows_and_amount_in_yuan() -> None:
    doc = build(
        grid("""
项目名称|辛
年度预算金额|120000元
绩效指标|一级 指标|
二级指标|三级指标|年度|指标值
产出指标|数量指标|场次|≥4场
""")
    )
    (table,) = doc.tables
    amount = table.header.budget.amount
    assert amount is not None and amount.unit is MoneyUnit.YUAN
    assert amount.in_wan() == Decimal(12)
    assert table.indicators[0].annual_target.kind is TargetKind.QUANTITATIVE


def test_allocation_table_gives_no_indicators() -> None:
    doc = build(
        grid("""
序号|乡镇名称|项目名称|金额|备注
1|西坪镇|排洪工程|20|
合计|100
""")
    )
    assert not doc.tables
    assert "B001" in codes(doc)


def test_merged_cells_and_a_two_row_header() -> None:
    """What xlsx/docx readers give: covered cells point at their merge origin."""

    def cell(r: int, c: int, text: str, origin: tuple[int, int] | None = None) -> Cell:
        where = SourceLocation(FILE, sheet="Sheet1", row=r + 1, column=c + 1)
        return Cell("" if origin else text, where, covered=origin is not None, origin=origin)

    texts = [
        ["项目名称", "合并单元格项目", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", ""],
        ["", "", "", "实施周期", "年度"],
        ["产出指标", "数量指标", "培训人次", "≥3000人次", "≥1000人次"],
        ["", "", "考核合格率", "≥95%", "≥95%"],
        ["", "时效指标", "完成时间", "2026年底", "2024年12月"],
    ]
    merged = {
        (0, 2): (0, 1),
        (0, 3): (0, 1),
        (0, 4): (0, 1),
        (1, 4): (1, 3),
        (2, 0): (1, 0),
        (2, 1): (1, 1),
        (2, 2): (1, 2),
        (4, 0): (3, 0),
        (4, 1): (3, 1),
        (5, 0): (3, 0),
    }
    rows = [
        tuple(cell(r, c, t, merged.get((r, c))) for c, t in enumerate(row))
        for r, row in enumerate(texts)
    ]
    doc = build(Table(rows, SourceLocation(FILE, sheet="Sheet1")))
    (table,) = doc.tables
    got = [
        (i.level1, i.level2, i.name, i.period_target.raw, i.annual_target.raw)
        for i in table.indicators
    ]
    assert got == [
        ("产出指标", "数量指标", "培训人次", "≥3000人次", "≥1000人次"),
        ("产出指标", "数量指标", "考核合格率", "≥95%", "≥95%"),
        ("产出指标", "时效指标", "完成时间", "2026年底", "2024年12月"),
    ]
    assert table.indicators[1].source == SourceLocation(FILE, sheet="Sheet1", row=5, column=3)
    assert not [c for c in codes(doc) if c == "B003"]


def test_label_and_value_in_one_cell_and_a_monitoring_budget() -> None:
    doc = build(
        grid("""
项目支出绩效运行监控表
项目名称：污水处理运营|主管部门：某区水务局
项目资金(万元)|年初预算数|全年预算数|1-7月执行数|执行率
年度资金总额|500|520|300|57.69%
绩效指标|一级指标|二级指标|三级指标|年度指标值|1-7月执行情况|全年预计完成值|偏差原因
|产出指标|数量指标|处理水量|≥1000万吨|600万吨|1000万吨|
""")
    )
    (table,) = doc.tables
    h = table.header
    assert (h.name, h.department) == ("污水处理运营", "某区水务局")
    assert table.kind is TableKind.MONITOR
    assert h.budget.amount is not None and h.budget.amount.value == Decimal(520)
    assert h.budget.executed is not None and h.budget.executed.value == Decimal(300)
    assert h.budget.rate == Decimal("57.69")
    ind = table.indicators[0]
    assert ind.actual is not None and ind.actual.raw == "600万吨"


def test_page_break_repeating_title_and_column_header() -> None:
    """Report engines repeat the title and the column header on every page (PDF readers feed
    one block per page): the table goes on, merged labels carry across the break."""
    page1 = grid("""
项目绩效目标表
项目名称|跨页项目
绩效指标|一级指标|二级指标|三级指标|年度指标值
|产出指标|数量指标|人数|10人
""")
    page2 = grid(
        """
项目绩效目标表
绩效指标|一级指标|二级指标|三级指标|年度指标值
|||户数|5户
||质量指标|合格率|100%
""",
        first_line=30,
    )
    page3 = grid(
        """
项目绩效目标表
项目名称|下一个项目
绩效指标|一级指标|二级指标|三级指标|年度指标值
|满意度指标|服务对象满意度指标|满意度|≥90%
""",
        first_line=60,
    )
    doc = build(page1, page2, page3)
    first, second = doc.tables
    assert first.header.name == "跨页项目" and second.header.name == "下一个项目"
    assert [(i.level1, i.level2, i.name) for i in first.indicators] == [
        ("产出指标", "数量指标", "人数"),
        ("产出指标", "数量指标", "户数"),
        ("产出指标", "质量指标", "合格率"),
    ]
    assert second.title == "项目绩效目标表" and len(second.indicators) == 1


def test_labels_row_with_values_in_the_row_below() -> None:
    doc = build(
        grid("""
项目支出绩效目标表
项目名称|农田水利|||
主管部门及代码||实施单位|某水利站
资金情况(万元)|年度资金总额|其中:财政拨款|其他资金
|100|80|20
绩效指标|一级指标|二级指标|三级指标|指标值
|产出指标|数量指标|新建渠道|≥5公里
""")
    )
    (table,) = doc.tables
    h = table.header
    assert (h.name, h.department, h.unit) == ("农田水利", None, "某水利站")
    assert h.budget.amount is not None and h.budget.amount.value == Decimal(100)
    assert [(r.label, r.budget.value if r.budget else None) for r in h.budget.rows] == [
        ("其中:财政拨款", Decimal(80)),
        ("其他资金", Decimal(20)),
    ]


def test_monitoring_header_with_sub_columns_under_a_descriptive_parent() -> None:
    doc = build(
        grid("""
项目绩效运行监控表
项目名称|监控项目||||||
一级指标|二级指标|三级指标|年度指标值|1-6月执行情况|全年预计完成情况|偏差原因分析|
||||||经费保障|制度保障
产出指标|数量指标|巡查次数|≥12次|6次|12次|√|
""")
    )
    (table,) = doc.tables
    assert table.kind is TableKind.MONITOR
    (ind,) = table.indicators
    assert ind.name == "巡查次数" and ind.forecast is not None and ind.forecast.raw == "12次"
    assert ("偏差原因分析经费保障", "√") in ind.extra or ind.deviation == "√"


def test_row_with_values_but_no_name_is_reported_not_invented() -> None:
    doc = build(
        grid("""
项目名称|缺名项目
绩效指标|一级指标|二级指标|三级指标|实施周期指标值|年度指标值
|产出指标|数量指标|人数|---|10人
|||---|≥90%|
""")
    )
    assert [i.name for i in doc.tables[0].indicators] == ["人数"]
    assert "B006" in codes(doc)


def test_long_term_block_gives_period_targets() -> None:
    doc = build(
        grid("""
项目名称|长短期项目
长期绩效指标
一级指标|二级指标|三级指标|指标值
产出指标|数量指标|改造户数|≥300户
年度绩效指标
一级指标|二级指标|三级指标|指标值
产出指标|数量指标|改造户数|≥100户
""")
    )
    # one indicator with two targets (family 10): the long-term block's and the annual one's
    (merged,) = doc.tables[0].indicators
    assert merged.period_target.raw == "≥300户" and merged.annual_target.raw == "≥100户"
    assert "B021" in [p.code for p in doc.problems]


def test_rows_that_lost_their_line_end() -> None:
    """A copy that joined the header with the first row, and one row with the next."""
    doc = build(
        grid("""
项目名称|低保资金
绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因|产出指标(50分)|数量指标|保障人数|≥3000人|3120人|50|50|
|效益指标(30分)|社会效益指标|生活改善|有所改善|有所改善|30|28|宣传不到位||满意度指标|服务对象满意度指标|满意度|≥90%|95%|10|10|
总分||||||90|88|
""")
    )
    (table,) = doc.tables
    got = [(i.level1, i.name, i.weight, i.score, i.deviation) for i in table.indicators]
    assert got == [
        ("产出指标", "保障人数", Decimal(50), Decimal(50), None),
        ("效益指标", "生活改善", Decimal(30), Decimal(28), "宣传不到位"),
        ("满意度指标", "满意度", Decimal(10), Decimal(10), None),
    ]
    assert table.total_score == Decimal(88)
