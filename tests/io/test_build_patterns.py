"""Real-table patterns the team had not seen, each as a fixture file in tests/data/patterns/
modelled on published disclosures (see docs/reading.md). Run through parse_file, the way a
user's file is read, and checked against hand-written expectations."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from jixiao.core.model import Document, GoalTable, Indicator, TableKind
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.serialize import documents_dict
from jixiao.core.target import Op, TargetKind
from jixiao.core.vocabulary import Level1
from jixiao.schema import load
from jixiao.services.parsing import parse_file

DATA = Path(__file__).parent.parent / "data" / "patterns"


def parse(name: str) -> Document:
    return parse_file(DATA / name)


def codes(doc: Document) -> list[str]:
    return [p.code for p in doc.problems]


def row(table: GoalTable, name: str) -> Indicator:
    (found,) = [i for i in table.indicators if i.name == name]
    return found


def levels(ind: Indicator) -> tuple[str | None, str | None]:
    return ind.level1, ind.level2


def test_department_disclosure_with_budget_table_prose_and_five_goal_tables() -> None:
    doc = parse("p01_department_disclosure.txt")
    assert [t.header.name for t in doc.tables] == [
        "[077]淮北市相山区学生营养改善计划",
        "[078]相山区校舍维修改造工程",
        "[079]相山区教师培训经费",
        "[080]相山区校车运营补助",
        "[081]相山区体育场馆免费开放补助",
    ]  # the 部门收支总表 (numbers under 项目 | 预算数) gives no table and no indicator
    assert [t.header.code for t in doc.tables] == ["077", "078", "079", "080", "081"]
    assert [len(t.indicators) for t in doc.tables] == [7, 8, 5, 6, 4]
    assert [str(t.header.budget.amount.value) for t in doc.tables if t.header.budget.amount] == [
        "312.00",
        "28600",
        "85.5",
        "150",
        "60",
    ]
    assert all(t.complete and t.kind is TableKind.GOAL for t in doc.tables)  # prose ends a table
    first, second, third, fourth, fifth = doc.tables
    supply = row(first, "供餐天数")  # 一级 and 二级 blank below: carried
    assert levels(supply) == ("产出指标", "数量指标") and supply.annual_target.op is Op.GE
    meal = row(first, "营养餐补助标准")
    assert meal.annual_target.value == Decimal("5") and meal.annual_target.unit == "元/人.每天"
    assert row(first, "学生营养状况改善").annual_target.kind is TargetKind.QUALITATIVE
    cost = row(second, "单位面积维修成本")
    assert (cost.annual_target.op, cost.annual_target.value) == (Op.LE, Decimal("620"))
    assert cost.category is Level1.COST
    assert levels(row(second, "校舍使用年限延长")) == ("效益指标", "可持续影响指标")
    assert row(fourth, "单程服务半径").annual_target.unit == "公里"
    assert row(fourth, "家长满意度").annual_target.unit == "%"
    for name in ("校车安全事故", "学生上学便利程度"):
        assert row(fourth, name).annual_target.kind is TargetKind.QUALITATIVE
    assert row(third, "教师教学能力提升").annual_target.text == "优良"
    # template residue: 指标2 is not counted; unfilled targets are kept and reported
    assert "指标2" not in [i.name for i in third.indicators]
    assert row(third, "培训班次").annual_target.kind is TargetKind.NONE
    assert row(fifth, "开放时段").annual_target.kind is TargetKind.NONE
    unfilled = [p for p in doc.problems if p.code == "B016"]
    assert [p.source.line for p in unfilled] == [50, 75]
    empty_level2 = [p for p in doc.problems if p.code == "B004" and "生态效益指标" in p.message]
    assert len(empty_level2) == 1 and empty_level2[0].source.line == 66
    assert "B006" not in codes(doc) and "B005" not in codes(doc)


def test_central_selfeval_pipe_copy_with_glued_budget_row() -> None:
    doc = parse("p02_selfeval_central_pipe.txt")
    (table,) = doc.tables
    h = table.header
    assert table.kind is TableKind.SELFEVAL and table.complete and h.year == 2023
    assert (h.name, h.department, h.unit) == (
        "农村公路养护工程",
        "六安市交通运输局",
        "六安市公路事业发展中心",
    )
    b = h.budget
    # 310.2154.741050%5 = 310.2 | 154.74 | 10 | 50% | 5: 154.74 / 310.2 = 49.9% ≈ 50%, 5 ≤ 10
    assert b.amount is not None and b.amount.value == Decimal("310.2")
    assert b.executed is not None and b.executed.value == Decimal("154.74")
    assert (b.rate, b.weight, b.score) == (Decimal("50"), Decimal("10"), Decimal("5"))
    assert [r.label for r in b.rows] == [
        "年度资金总额",
        "其中：当年财政拨款",
        "上年结转资金",
        "其他资金",
    ]
    glued = [p for p in doc.problems if p.code == "B019"]
    assert len(glued) == 1 and glued[0].raw == "310.2154.741050%5"
    assert h.annual_goal and h.annual_goal.startswith("完成农村公路养护里程500公里")
    assert h.annual_result and h.annual_result.startswith("完成养护里程512公里")
    assert len(table.indicators) == 7 and table.total_score == Decimal("97")
    assert ("自评等级", "优") in h.extra
    bridges = row(table, "桥梁检测座数")  # ASCII comparator
    assert bridges.annual_target.op is Op.GE and bridges.annual_target.value == Decimal("30")
    years = row(table, "路况保持年限")
    assert (years.weight, years.score) == (Decimal("15"), Decimal("12"))
    assert years.deviation == "部分路段重载车辆多，加强巡查"
    assert levels(row(table, "沿线群众满意度")) == ("满意度指标", "服务对象满意度指标")
    assert row(table, "养护里程").level1 == "产出指标"  # (50分) dropped, raw kept in extra
    assert ("一级指标(原文)", "产出指标（50分）") in row(table, "养护里程").extra
    serial = row(table, "完成时间")
    assert serial.annual_target.raw == "45657"  # kept raw, reported as a possible date
    (info,) = [p for p in doc.problems if p.code == "B017"]
    assert "2024-12-31" in info.message and info.source.line == 17


def test_sichuan_selfeval_with_nature_value_unit_columns() -> None:
    doc = parse("p03_selfeval_sichuan_tab.txt")
    (table,) = doc.tables
    h = table.header
    assert h.code == "51000021R000000019951" and h.name.endswith("省级政务信息化运维经费")
    assert h.department == "[115]四川省大数据中心"
    b = h.budget
    assert b.amount is not None and b.amount.value == Decimal("600.00")  # 调整后预算数
    assert b.initial is not None and b.initial.value == Decimal("620.00")
    assert (b.rate, b.weight, b.score) == (Decimal("98.05"), Decimal("10"), Decimal("9.81"))
    assert len(b.rows) == 5
    assert len(table.indicators) == 7
    assert table.total_score == Decimal("97.81")  # 评价结论 text; 合计 90 | 88 are the 90 points
    avail = row(table, "平台可用率")
    assert avail.annual_target.raw == "≥99.9%" and avail.annual_target.op is Op.GE
    assert avail.actual is not None and avail.actual.unit == "%" and avail.actual.raw == "99.95"
    typo = row(table, "政务服务支撑能力")  # 社会效率指标 (typo) kept as printed
    assert typo.level2 == "社会效率指标" and typo.category is Level1.BENEFIT
    assert typo.annual_target.text == "显著提升" and ("指标性质", "定性") in typo.extra
    sat = row(table, "使用单位满意度")
    assert (sat.weight, sat.score, sat.deviation) == (Decimal("10"), Decimal("9"), "样本量较小")


def test_monitoring_html_with_deviation_categories_and_likelihood() -> None:
    doc = parse("p04_monitor.html")
    (table,) = doc.tables
    assert table.kind is TableKind.MONITOR and table.complete
    # the breadcrumb (首页 > 信息公开) is page chrome; 全年预计执行数 goes to FundingRow.forecast
    # and, for the total row, to the exporters' budget_forecast key; 1-7月 gives monitor_month
    assert table.header.extra == (("budget_forecast", "500"), ("monitor_month", "7"))
    b = table.header.budget
    assert [r.forecast for r in b.rows] == [Amount(Decimal("500"), MoneyUnit.WAN)] * 2
    assert b.amount is not None and b.amount.value == Decimal("500")
    assert b.executed is not None and b.executed.value == Decimal("265.5")
    assert b.rate == Decimal("53.1") and len(b.rows) == 2
    assert len(table.indicators) == 7
    lamps = row(table, "新增节能灯具")
    assert levels(lamps) == ("产出指标", "数量指标")  # rowspan carried
    assert lamps.actual is not None and lamps.actual.raw == "320套"
    assert lamps.forecast is not None and lamps.forecast.raw == "800套"
    assert lamps.likelihood == "有可能" and lamps.deviation == "经费保障"
    assert ("备注", "资金拨付滞后") in lamps.extra
    worn = row(table, "设施完好率")
    assert worn.deviation == "硬件条件保障" and worn.likelihood == "完全不可能"
    assert row(table, "维护路灯数量").deviation is None


def test_several_tables_on_one_page_with_wide_layouts() -> None:
    doc = parse("p05_wide_layouts.html")
    first, second, third = doc.tables
    assert [t.header.name for t in doc.tables] == [
        "高标准农田建设项目",
        "城市社区居家养老服务补助",
        "乡村道路硬化工程",
    ]
    assert "B006" not in codes(doc)  # the headings 绩效目标表二 / 三 are titles, not rows
    area = row(first, "新建高标准农田面积")
    assert area.period_target.raw == "≥3万亩" and area.annual_target.raw == "≥1万亩"
    assert ("绩效标准", "计划标准") in area.extra and ("指标解释", "当年验收面积") in area.extra
    assert levels(row(first, "亩均投资")) == ("产出指标", "成本指标")  # 成本 under 产出
    assert len(first.indicators) == 6
    served = row(second, "服务老年人数")
    assert served.weight == Decimal("20") and served.annual_target.value == Decimal("1200")
    assert ("评分标准良", "1000-1199人") in served.extra  # 优/良/中/差 columns kept
    assert len(second.indicators) == 4
    road = row(third, "硬化道路长度")  # one column per sub-project: the first is the target
    assert road.annual_target.raw == "3.2公里" and ("丙村", "1.8公里") in road.extra


def test_one_cell_per_line_with_traditional_characters() -> None:
    doc = parse("p06_stream_traditional.txt")
    (table,) = doc.tables
    assert table.header.name == "澳门青年交流活动经费"  # read as Simplified (OpenCC t2s)
    assert table.header.budget.amount is not None
    assert table.header.budget.amount.value == Decimal("45.8")
    assert len(table.indicators) == 5
    people = row(table, "参与青年人数")  # blank 一级/二级 cells of the stream are carried
    assert levels(people) == ("产出指标", "数量指标") and people.category is Level1.OUTPUT
    assert row(table, "参与者满意度").category is Level1.SATISFACTION


def test_rubric_score_sheet_rows_are_read_under_their_own_level1() -> None:
    doc = parse("p07_rubric_score_sheet.txt")
    (table,) = doc.tables
    assert len(table.indicators) == 12 and table.total_score == Decimal("90")
    assert [i.level1 for i in table.indicators[:4]] == ["项目决策"] * 4
    last = row(table, "服务对象满意度")  # a name that is also a 二级 word, with its values
    assert (last.level1, last.weight, last.score) == ("项目效益", Decimal("10"), Decimal("9"))
    assert ("评分标准", "≥90%得10分") in last.extra
    assert codes(doc).count("B018") == 1 and "B006" not in codes(doc)


def test_space_separated_lines_with_ascii_comparators_and_template_rows() -> None:
    doc = parse("p08_lines_space.txt")
    (table,) = doc.tables
    assert [i.name for i in table.indicators] == [
        "免费开放文化站数量",
        "开放时间达标率",  # not cut at the qualitative word 达标: the space separates the value
        "资金下达时间",
        "站均补助标准",
        "群众文化活动参与度",
        "群众满意度",
    ]
    assert row(table, "站均补助标准").annual_target.op is Op.LE
    sat = row(table, "群众满意度")
    assert sat.level2 == "社会公众或服务对象满意度指标" and sat.category is Level1.SATISFACTION
    assert {"B004", "B017"} <= set(codes(doc))  # 指标1: % is residue; 45657 a date serial


def test_glued_selfeval_rows_are_decoded_only_when_one_reading_fits() -> None:
    doc = parse("p10_selfeval_glued_lines.txt")
    (table,) = doc.tables
    assert table.total_score == Decimal("99.9")  # 总分 100 99.9: weight total, then score
    assert [
        (i.name, i.annual_target.raw, i.actual.raw if i.actual else None) for i in table.indicators
    ] == [
        ("新闻稿件发布量", "≥3000篇", "3260篇"),
        ("稿件差错率", "≤1%", "0.5%"),
        ("重大新闻发布及时率", "100%", "100%"),
        ("主流舆论影响力", "明显提升", "明显提升"),
        ("受众满意度", "≥90%", "92%"),
    ]
    assert sum(i.weight or 0 for i in table.indicators) == 90
    assert codes(doc).count("B007") == 5


def test_taxonomy_variants_weights_before_values_and_both_name_labels() -> None:
    doc = parse("p09_taxonomy_weights.txt")
    (table,) = doc.tables  # 项目名称 + 项目支出名称 with one value: one table
    assert ("项目支出名称", "寒地黑土保护利用试点") in table.header.extra
    assert table.header.budget.amount is not None
    assert table.header.budget.amount.value == Decimal("2860.50")
    assert len(table.indicators) == 10
    area = row(table, "保护利用面积")
    assert area.level1 == "产出指标" and area.weight == Decimal("10")  # （40-50）分 dropped
    assert ("指标值说明", "以验收面积为准") in area.extra
    assert row(table, "亩均补助").level2 == "成本指标"  # 成本 under 产出 (88号)
    farmers = row(table, "项目区农户满意度")  # 满意度 under 预期效果指标
    assert levels(farmers) == ("预期效果指标", "满意度指标")
    assert farmers.category is Level1.BENEFIT
    control = row(table, "项目成本控制")  # 成本 as its own 一级 (101号)
    assert levels(control) == ("成本指标", "经济成本指标")
    assert any(p.code == "B004" and "社会成本指标" in p.message for p in doc.problems)
    assert "B012" in codes(doc) and table.total_score is None


def test_monitoring_table_copied_one_cell_per_line() -> None:
    doc = parse("p11_monitor_stream.txt")
    (table,) = doc.tables
    assert table.kind is TableKind.MONITOR and table.complete
    b = table.header.budget
    assert b.initial is not None and b.initial.value == Decimal("860")
    assert b.executed is not None and b.executed.value == Decimal("301")  # 1-7月执行数
    assert b.rate == Decimal("35")
    assert ("budget_forecast", "860") in table.header.extra
    assert b.rows[0].forecast == Amount(Decimal("860"), MoneyUnit.WAN)
    assert len(table.indicators) == 5
    pipes = row(table, "新建供水管网长度")
    assert pipes.actual is not None and pipes.actual.raw == "18公里"
    assert (pipes.deviation, pipes.likelihood) == ("资金拨付滞后", "有可能")
    people = row(table, "受益人口")  # rowspan: the covered cells are not in the copy
    assert levels(people) == ("产出指标", "数量指标") and people.likelihood == "确定能"
    assert people.forecast is not None and people.forecast.raw == "2.3万人"
    survey = row(table, "受益群众满意度")
    assert survey.actual is not None and survey.actual.kind is TargetKind.NONE
    assert ("备注", "年底开展调查") in survey.extra
    assert "B006" not in codes(doc)


def test_cut_table_with_shifted_cells_prose_indicator_and_unfilled_target() -> None:
    doc = parse("p12_goal_cut_and_shifted.txt")
    (table,) = doc.tables
    h = table.header
    assert h.period_goal == "持续巩固脱贫攻坚成果"
    assert h.annual_goal == "扶持特色产业项目12个，带动脱贫户增收"
    assert h.budget.amount is not None and h.budget.amount.value == Decimal("1200.00")
    assert len(table.indicators) == 8 and not table.complete  # ends inside the last row
    assert "B005" in codes(doc)
    cost = row(table, "产业项目补助标准")  # no 二级 cell: 成本指标 in the 一级 column
    assert levels(cost) == ("产出指标", "成本指标") and cost.weight == Decimal("10")
    health = row(table, "社会保障体系健全性")  # the name sits in the 一级 column
    assert levels(health) == ("效益指标", "经济效益指标")
    assert health.annual_target.text == "良好" and health.weight == Decimal("10")
    assert sum(1 for p in doc.problems if p.code == "B003") == 2
    prose = row(table, "通过产业扶持，带动脱贫户稳定增收，巩固脱贫成果")
    assert prose.level2 == "可持续影响指标" and prose.annual_target.text == "长期"
    assert row(table, "资金拨付及时率").annual_target.kind is TargetKind.NONE  # only "%"
    assert any(p.code == "B016" and p.raw == "%" for p in doc.problems)
    assert row(table, "受益群众满意度").annual_target.raw == "≥9"  # kept as printed


def test_central_selfeval_html_with_rowspans_and_colspans() -> None:
    doc = parse("p13_selfeval_central.html")
    (table,) = doc.tables
    h = table.header
    assert table.kind is TableKind.SELFEVAL and h.year == 2023
    assert h.extra == (("自评等级", "优"),)  # the grade row is kept; the breadcrumb is not
    b = h.budget
    assert b.amount is not None and b.amount.value == Decimal("1602.48")  # 全年预算数
    assert b.initial is not None and b.initial.value == Decimal("1536.00")
    assert (b.rate, b.weight, b.score) == (Decimal("99.73"), Decimal("10"), Decimal("9.97"))
    assert [r.label for r in b.rows] == ["年度资金总额", "其中：当年财政拨款", "其他资金"]
    assert h.annual_result == "全年发放两项补贴1.9万人次，按时足额发放。"
    assert len(table.indicators) == 6 and table.total_score == Decimal("98.97")
    standard = row(table, "生活补贴标准")
    assert levels(standard) == ("产出指标", "成本指标") and standard.annual_target.op is Op.GE
    policy = row(table, "补贴政策持续实施")
    assert (policy.score, policy.deviation) == (Decimal("14"), "部分对象动态调整不及时，加强核查")


def test_pipe_copy_with_cells_terminated_by_pipes() -> None:
    doc = parse("p14_goal_pipe_copytool.txt")
    (table,) = doc.tables
    h = table.header
    assert (h.name, h.department, h.unit) == (
        "森林防火专项经费",
        "某县林业局",
        "某县森林防火指挥部办公室",
    )
    assert h.budget.amount is not None and h.budget.amount.value == Decimal("58")
    assert ("项目期", "一年") in h.extra and h.year == 2024
    assert len(table.indicators) == 6
    rate = row(table, "森林火灾受害率")
    assert levels(rate) == ("产出指标", "质量指标") and rate.annual_target.unit == "‰"
    assert levels(row(table, "防火宣传次数")) == ("产出指标", "数量指标")


def test_selfeval_from_a_pdf_text_layer_with_glued_budget_figures() -> None:
    doc = parse("p15_selfeval_pdf_text.txt")
    (table,) = doc.tables
    assert table.header.year == 2022 and table.total_score == Decimal("85")
    b = table.header.budget
    assert b.amount is not None and b.amount.value == Decimal("310.2")
    assert b.executed is not None and b.executed.value == Decimal("154.74")
    assert (b.rate, b.weight, b.score) == (Decimal("50"), Decimal("10"), Decimal("5"))
    assert codes(doc).count("B019") == 1
    assert len(table.indicators) == 4
    homes = row(table, "维修卫生院数量")
    assert (homes.weight, homes.score) == (Decimal("20"), Decimal("10"))
    assert homes.deviation == "资金未及时拨付，下年度加快进度"
    assert levels(row(table, "验收合格率")) == ("产出指标", "质量指标")


def test_column_header_variants_with_notes_and_other_wordings() -> None:
    doc = parse("p16_header_variants.txt")
    monitor, selfeval = doc.tables
    assert monitor.kind is TableKind.MONITOR and selfeval.kind is TableKind.SELFEVAL
    alive = row(monitor, "绿化成活率")  # 二级指标名称 | 三级指标名称 | 年度指标值（A）
    assert levels(alive) == ("产出指标", "质量指标") and alive.annual_target.raw == "≥95%"
    assert alive.actual is not None and alive.actual.raw == "93%"  # 截至6月底完成情况
    assert alive.forecast is not None and alive.forecast.raw == "≥95%"  # 预计全年完成情况
    assert (alive.likelihood, alive.deviation) == ("有可能", "春季干旱，加强补植")
    air = row(selfeval, "空气质量优良天数")  # 实际完成值（B） | 权重（%） | 得分 | 偏差原因
    assert air.actual is not None and air.actual.raw == "296天"
    assert (air.weight, air.score, air.deviation) == (Decimal("30"), Decimal("28"), "沙尘天气增多")
    assert selfeval.total_score == Decimal("88")


def test_separate_unit_column_joins_a_value_printed_without_its_unit(tmp_path: Path) -> None:
    copy = tmp_path / "unit.txt"
    copy.write_text(
        "项目绩效目标表\n项目名称\t计量单位列\n"
        "一级指标\t二级指标\t三级指标\t指标值\t计量单位\n"
        "产出指标\t数量指标\t培训人数\t≥95\t人\n"
        "\t\t完成时间\t2024年底前\t\n"
        "\t\t满意度\t≥90%\t%\n",
        "utf-8",
    )
    (table,) = parse_file(copy).tables
    people, deadline, satisfied = table.indicators
    assert (people.annual_target.raw, people.annual_target.unit) == ("≥95人", "人")
    assert deadline.annual_target.raw == "2024年底前"
    assert satisfied.annual_target.unit == "%" and ("度量单位", "%") in satisfied.extra


def test_project_list_is_not_a_table_and_labels_over_values_are_a_header(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "list.txt"
    copy.write_text(
        "2024年部门项目支出预算表\n单位：万元\n"
        "项目名称\t项目类别\t资金来源\t预算数\t备注\n"
        "城乡环卫保洁\t一般项目\t财政拨款\t1200.00\t\n"
        "校舍维修改造\t一般项目\t财政拨款\t28600.00\t\n"
        "合计\t\t\t29800.00\t\n"
        "项目名称\t主管部门\t实施单位\n"
        "城乡环卫保洁\t某区城市管理局\t某区环卫所\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t保洁面积\t≥100万平方米\n",
        "utf-8",
    )
    doc = parse_file(copy)
    (table,) = doc.tables  # the list of projects with their budgets opens no table
    h = table.header
    assert (h.name, h.department, h.unit) == ("城乡环卫保洁", "某区城市管理局", "某区环卫所")
    assert [i.name for i in table.indicators] == ["保洁面积"]


def test_header_and_indicators_in_separate_html_tables_with_a_code_cell() -> None:
    doc = parse("p17_separate_header_and_indicator_tables.html")
    first, second = doc.tables
    assert (first.header.name, first.header.code) == ("公共法律服务体系建设", "3401002024000123")
    assert first.header.unit == "某市法律援助中心" and first.header.year == 2024
    assert first.header.budget.amount is not None
    assert first.header.budget.amount.value == Decimal("86.4")
    assert len(first.indicators) == 3
    assert levels(row(first, "案件质量评查合格率")) == ("产出指标", "质量指标")
    assert second.header.name == "人民调解员补贴" and len(second.indicators) == 1


def test_outline_numbering_before_labels_and_names(tmp_path: Path) -> None:
    copy = tmp_path / "numbered.txt"
    copy.write_text(
        "项目绩效目标表\n项目名称\t编号标签\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "一、产出指标\t1.数量指标\t（1）培训人数\t≥100人\n"
        "\t2.质量指标\t（2）合格率\t≥95%\n"
        "二、效益指标\t（一）社会效益指标\t群众受益程度\t明显\n",
        "utf-8",
    )
    doc = parse_file(copy)
    (table,) = doc.tables
    people, rate, benefit = table.indicators
    assert (people.level1, people.level2, people.name) == ("产出指标", "数量指标", "培训人数")
    assert people.category is Level1.OUTPUT and ("一级指标(原文)", "一、产出指标") in people.extra
    assert (rate.level2, rate.name) == ("质量指标", "合格率")
    assert benefit.category is Level1.BENEFIT and benefit.level2 == "社会效益指标"
    assert codes(doc).count("B013") == 2


def test_budget_block_in_yuan_and_a_total_score_off_its_column() -> None:
    doc = parse("p18_selfeval_amounts_in_yuan.txt")
    (table,) = doc.tables
    b = table.header.budget
    assert b.amount is not None and b.amount.unit is MoneyUnit.YUAN  # 项目资金（元）
    assert b.amount.value == Decimal("1250000.00")
    assert b.executed is not None and b.executed.value == Decimal("1187500.00")
    assert table.total_score == Decimal("97.5")  # 总分 with its one figure in another column


def test_level1_printed_in_the_middle_of_its_merged_cell() -> None:
    doc = parse("p19_level1_centred_in_merged_cell.txt")
    (table,) = doc.tables
    assert [(i.level1, i.name) for i in table.indicators] == [
        ("产出指标", "培训人数"),  # above the first printed 一级
        ("产出指标", "合格率"),
        ("产出指标", "完成时间"),
        ("效益指标", "群众受益"),  # carried 产出 but 社会效益 belongs under 效益 printed below
        ("效益指标", "长效机制"),
        ("满意度指标", "学员满意度"),
        ("满意度指标", "公众满意度"),
    ]
    assert codes(doc).count("B003") == 3


def _layouts(text: str) -> dict[str, str]:
    """The same tab-separated disclosure as other copies would give it: a Markdown-framed pipe
    copy (text lines unframed), a space-separated PDF text layer, and an HTML page."""
    framed, spaced, html, open_table = [], [], ["<html><body>"], False
    for line in text.splitlines():
        cells = line.split("\t")
        framed.append("| " + " | ".join(cells) + " |" if len(cells) > 1 else line)
        spaced.append(" ".join(c for c in cells if c))
        if len(cells) > 1:
            html += [] if open_table else ["<table>"]
            open_table = True
            html.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        else:
            html += ["</table>"] if open_table else []
            open_table = False
            html.append(f"<p>{line}</p>")
    html += ["</table></body></html>"] if open_table else ["</body></html>"]
    return {
        "framed.txt": "\n".join(framed),
        "spaced.txt": "\n".join(spaced),
        "page.html": "\n".join(html),
    }


def _reading(doc: Document) -> list[tuple[object, ...]]:
    return [
        (
            t.header.name,
            t.complete,
            len(t.indicators),
            *((i.level1, i.level2, i.name, i.weight, i.score) for i in t.indicators),
        )
        for t in doc.tables
    ]


@pytest.mark.parametrize(
    "name",
    [
        "p01_department_disclosure.txt",
        "p03_selfeval_sichuan_tab.txt",
        "p09_taxonomy_weights.txt",
        "p12_goal_cut_and_shifted.txt",
    ],
)
def test_the_same_tables_read_alike_in_every_layout(name: str, tmp_path: Path) -> None:
    expected = _reading(parse(name))
    for suffix, text in _layouts((DATA / name).read_text("utf-8")).items():
        copy = tmp_path / f"copy.{suffix}"
        copy.write_text(text, "utf-8")
        assert _reading(parse_file(copy)) == expected, suffix


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()))
def test_every_pattern_file_reads_without_error_problems_and_validates(name: str) -> None:
    doc = parse(name)
    assert doc.tables
    assert not [p for p in doc.problems if p.severity.value == "error"]
    jsonschema.validate(documents_dict([doc]), load("parse-output.schema.json"))
