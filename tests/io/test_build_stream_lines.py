"""STREAM (one cell per line) and LINES (glued or space-separated text) layouts."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_build_helpers import build, codes, stream, text_lines

from jixiao.core.model import TableKind
from jixiao.core.target import Op


def test_stream_regrouped_by_header_and_vocabulary() -> None:
    cells = [
        "项目支出绩效自评表",
        "项目名称",
        "暖通改造经费",
        "主管部门",
        "某发改委",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度",
        "指标值",
        "实际",
        "完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
        "产出指标",
        "数量指标",
        "指标1工程资金金额",
        "43.2",
        "37.24",
        "10",
        "9",
        "尾款未付",
        "指标2",
        "",
        "",
        "",
        "",
        "",
        "经济效益",
        "指标",
        "指标1安全率",
        "100",
        "100",
        "10",
        "10",
        "",
    ]
    doc = build(stream(cells))
    (table,) = doc.tables
    assert table.kind is TableKind.SELFEVAL
    assert table.header.name == "暖通改造经费" and table.header.department == "某发改委"
    first, second = table.indicators
    assert (first.level1, first.level2, first.name) == ("产出指标", "数量指标", "工程资金金额")
    assert first.actual is not None and first.actual.value == Decimal("37.24")
    assert (first.weight, first.score, first.deviation) == (Decimal(10), Decimal(9), "尾款未付")
    assert (second.level2, second.name) == ("经济效益指标", "安全率")  # split label rejoined
    assert "B004" in codes(doc)
    assert table.complete


def test_stream_cut_inside_a_target_is_incomplete() -> None:
    cells = ["项目名称", "甲", "绩效 指标", "一级 指标", "二级指标", "三级指标", "指标值"]
    cells += ["产出 指标", "数量指标", "接种率", "≧90%", "检查覆盖率", "≧"]
    doc = build(stream(cells))
    (table,) = doc.tables
    assert [i.name for i in table.indicators] == ["接种率", "检查覆盖率"]
    assert table.indicators[0].annual_target.op is Op.GE
    assert not table.complete


def test_glued_lines_split_by_vocabulary() -> None:
    doc = build(
        text_lines("""
绩效目标表
(2020年度)
项目名称农村义务教育薄弱学校改造补助资金
项目主管部门青山区教育局项目执行单位化工区学校
年度资金总额:16
总体目标年度目标
全面改善办学条件。
绩效指标一级指标二级指标指标内容指标值
产出指标数量指标农村义务教育学校改造覆盖率100%
质量指标校舍维修改造质量合格率100%
效益指标可持续影响指标义务教育优质均衡发展情况稳步提高
社会公众或服务对象满意度指标学生家长满意度≥90%
附件:
""")
    )
    (table,) = doc.tables
    h = table.header
    assert h.name == "农村义务教育薄弱学校改造补助资金"
    assert (h.department, h.unit) == ("青山区教育局", "化工区学校")
    assert h.budget.amount is not None and h.budget.amount.value == Decimal(16)
    assert h.annual_goal == "全面改善办学条件。" and h.year == 2020
    rows = [(i.level1, i.level2, i.name, i.annual_target.raw) for i in table.indicators]
    assert rows == [
        ("产出指标", "数量指标", "农村义务教育学校改造覆盖率", "100%"),
        ("产出指标", "质量指标", "校舍维修改造质量合格率", "100%"),
        ("效益指标", "可持续影响指标", "义务教育优质均衡发展情况", "稳步提高"),
        ("效益指标", "社会公众或服务对象满意度指标", "学生家长满意度", "≥90%"),
    ]
    assert "B011" in codes(doc)
    assert table.complete


def test_space_separated_lines_with_extra_columns_and_a_cut_last_row() -> None:
    doc = build(
        text_lines("""
项目支出名称 工伤保险基金 预算部门 工伤保险服务中心
年度本级预算金额 28600万
年度绩效指标 一级指标 二级指标 三级指标 指标值及单位 绩效标准 备注
产出指标 数量指标 待遇发放额 28600万 计划标准 定量指标
时效指标 开展预防培训 2023年 年底前 计划标准 定量指标
效益指标 社会公众或服务对象满意度 服务对象满意度 满意 历史标准 定性指标
社会效益指标 伤残比率 ≤10% 计划标
""")
    )
    (table,) = doc.tables
    assert table.header.budget.amount is not None
    assert table.header.budget.amount.in_wan() == Decimal(28600)
    inds = {i.name: i for i in table.indicators}
    assert inds["待遇发放额"].extra == (("绩效标准", "计划标准"), ("备注", "定量指标"))
    assert inds["开展预防培训"].annual_target.raw == "2023年 年底前"  # as printed
    sat = inds["服务对象满意度"]
    assert (sat.level1, sat.level2, sat.annual_target.text) == (
        "效益指标",
        "社会公众或服务对象满意度",
        "满意",
    )
    assert not table.complete  # the last row stops inside its 绩效标准 cell


def test_glued_target_and_weight_split_only_when_unambiguous() -> None:
    doc = build(
        text_lines("""
2019年度某县助学金项目绩效评价指标表
评价指标评价内容指标名称指标说明目标值分值备注
产出数量指标享受资助人数达到预计值210010
质量指标建档立卡学生全面覆盖100%10
总分100
""")
    )
    (table,) = doc.tables
    first, second = table.indicators
    assert (first.name, first.annual_target.raw, first.weight) == ("享受资助人数", "2100", 10)
    assert first.extra == (("指标说明", "达到预计值"),)
    assert (second.annual_target.raw, second.weight) == ("100%", 10)
    assert "B007" in codes(doc)
    assert table.header.name == "某县助学金项目" and "B015" in codes(doc)
    assert table.total_score is None


def test_one_line_self_evaluation() -> None:
    line = (
        "附件: 项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 主管部门 某镇人民政府 "
        "项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
        "年度资金总额: 90 90 89.97 10 99.97% 10 其中:本年财政拨款 90 90 89.97 "
        "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
        "偏差原因分析及改进措施 "
        "产出指标(50分) 数量指标 项目数量 ≥50个 50 8 8 经费合规性 严格执行相关制度规定 "
        "达成预期指标 8 8 经济效益指标 满意度指标(10分) 满意度指标 公众满"
    )
    doc = build(text_lines(line))
    (table,) = doc.tables
    assert table.kind is TableKind.SELFEVAL and table.header.name == "委托业务项目"
    assert table.header.budget.amount is not None
    assert table.header.budget.amount.value == Decimal(90)
    assert table.header.budget.executed is not None
    rows = [(i.level1, i.name, i.weight, i.score) for i in table.indicators]
    assert rows == [
        ("产出指标", "项目数量", Decimal(8), Decimal(8)),
        ("产出指标", "经费合规性", Decimal(8), Decimal(8)),
    ]
    assert not table.complete
    assert "B004" in codes(doc)  # the empty 经济效益指标 row


def test_prose_and_allocation_lines_give_no_table() -> None:
    doc = build(
        text_lines("""
根据有关通知精神,现将补助资金下达给你们。
乡镇补助经费(万元)备注龙涓镇5长卿镇1.5龙门镇2
""")
    )
    assert not doc.tables
    assert codes(doc) == ["B001"]


def test_rows_glued_into_one_line_are_cut_and_decoded() -> None:
    doc = build(
        text_lines("""
某项目绩效目标自评表(2022年度)项目总得分99分项目名称某项目
绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施产出指标(40分)数量指标指标1免费发放原原种8550万粒550万粒8指标2企业自行采购8200万粒200万粒8成本指标指标1采购价格不高于市场价8是是8效益指标(40分)可持续影响指标持续完善繁育体系8是基本达到7加强技术指导
""")
    )
    (table,) = doc.tables
    rows = [
        (
            i.level1,
            i.level2,
            i.name,
            i.weight,
            i.annual_target.raw,
            i.actual.raw if i.actual else None,
            i.score,
        )
        for i in table.indicators
    ]
    assert rows == [
        ("产出指标", "数量指标", "免费发放原原种", 8, "550万粒", "550万粒", 8),
        ("产出指标", "数量指标", "企业自行采购", 8, "200万粒", "200万粒", 8),
        ("产出指标", "成本指标", "采购价格不高于市场价", 8, "是", "是", 8),
        ("效益指标", "可持续影响指标", "持续完善繁育体系", 8, "是", "基本达到", 7),
    ]
    assert table.indicators[-1].deviation == "加强技术指导"
    assert table.total_score == 99
    assert codes(doc).count("B007") == 4


def test_segmented_cells_keep_their_printed_text() -> None:
    doc = build(
        text_lines("""
项目名称 测试
绩效指标 一级指标 二级指标 三级指标 指标值
产出指标 数量指标 7 岁以下儿童健康管理率≧85%
补助对象（村社区）覆盖率１００％
""")
    )
    first, second = doc.tables[0].indicators
    assert first.name == "7 岁以下儿童健康管理率" and first.annual_target.raw == "≧85%"
    assert second.name == "补助对象（村社区）覆盖率" and second.annual_target.raw == "１００％"
    assert second.annual_target.value == 100


def test_labels_side_by_side_then_their_values_on_one_line() -> None:
    doc = build(
        text_lines("""
项目支出绩效自评表
项目名称 甲项目 主管部门 某局 实施单位 某中心
年度总体目标 预期目标 实际完成情况 完成培训100人次。 完成培训120人次。
绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分
产出指标 数量指标 培训人次 ≥100人次 120人次 50 50
""")
    )
    h = doc.tables[0].header
    assert (h.name, h.department, h.unit) == ("甲项目", "某局", "某中心")
    assert (h.annual_goal, h.annual_result) == ("完成培训100人次。", "完成培训120人次。")


def test_indicator_block_flattened_column_by_column() -> None:
    doc = build(
        text_lines("""
绩效目标表
项目名称 新建高校
三级指标 新建高校(校区) 工程质量达标率(%)
开工率(%)
年度目标值
7 100% 100%
实施周期目标值
7 100% 100%
""")
    )
    (table,) = doc.tables
    got = [(i.name, i.annual_target.raw, i.period_target.raw) for i in table.indicators]
    assert got == [
        ("新建高校(校区)", "7", "7"),
        ("工程质量达标率(%)", "100%", "100%"),
        ("开工率(%)", "100%", "100%"),
    ]
    assert table.complete


def test_name_wrapped_around_its_value_in_a_pdf_text_layer() -> None:
    doc = build(
        text_lines("""
项目名称 动物防疫
二级指标 指标内容 指标值 备注
数量指标
各种强制免疫率、屠宰率
100%
及检疫率
质量指标 免疫合格率 ≥90%
""")
    )
    got = [(i.level2, i.name, i.annual_target.raw) for i in doc.tables[0].indicators]
    assert got == [
        ("数量指标", "各种强制免疫率、屠宰率及检疫率", "100%"),
        ("质量指标", "免疫合格率", "≥90%"),
    ]
