"""Splitting text by vocabulary: labels, name | target, glued header rows and weights."""

from __future__ import annotations

import pytest

from jixiao.reading.cells import is_value_like, target_prefix_len
from jixiao.reading.segment import (
    peel_levels,
    split_glued_weight,
    split_header_row,
    split_labels,
    split_name_target,
    split_title,
)
from jixiao.reading.textrows import segment_indicator_line
from jixiao.reading.vocab import Col, Field, column_of, field_of_label


@pytest.mark.parametrize(
    ("text", "name", "target", "rest"),
    [
        ("农村义务教育学校改造覆盖率100%", "农村义务教育学校改造覆盖率", "100%", ""),
        ("学生家长满意度≥90%", "学生家长满意度", "≥90%", ""),
        ("义务教育优质均衡发展情况稳步提高", "义务教育优质均衡发展情况", "稳步提高", ""),
        ("7岁以下儿童健康管理率≧85%", "7岁以下儿童健康管理率", "≥85%", ""),
        ("0-6岁儿童眼保健覆盖率90%以上", "0-6岁儿童眼保健覆盖率", "90%以上", ""),
        (
            "任务完成时间2023年12月31日反映完成时间",
            "任务完成时间",
            "2023年12月31日",
            "反映完成时间",
        ),
        ("学生补助标准17元/人.每天反映用餐标准", "学生补助标准", "17元/人.每天", "反映用餐标准"),
        ("残疾学生入学率大于90%适龄学生入学情况", "残疾学生入学率", "大于90%", "适龄学生入学情况"),
        (
            "家庭负担率有所减轻对家庭负担减轻情况较大得10分",
            "家庭负担率",
            "有所减轻",
            "对家庭负担减轻情况较大得10分",
        ),
        ("资金支出率达到目标值95%10", "资金支出率达到目标值", "95%", "10"),
    ],
)
def test_split_name_target(text: str, name: str, target: str, rest: str) -> None:
    assert split_name_target(text) == (name, target, rest)


def test_peel_levels_only_when_certain() -> None:
    assert peel_levels("产出指标数量指标覆盖率100%") == (["产出指标", "数量指标"], "覆盖率100%")
    assert peel_levels("产出数量指标享受资助人数") == (["产出", "数量指标"], "享受资助人数")
    assert peel_levels("产出效率") == ([], "产出效率")  # a name that starts like a label
    assert peel_levels("成本指标(0-20)分") == (["成本指标(0-20)分"], "")


def test_segment_indicator_line() -> None:
    assert segment_indicator_line("成本指标经济成本指标学生补助标准17元/人.每天反映标准-定量") == [
        "成本指标",
        "经济成本指标",
        "学生补助标准",
        "17元/人.每天",
        "反映标准",
        "-定量",
    ]
    assert segment_indicator_line("绩效目标1:确保支付 产出指标 数量指标 发放额 28600万") == [
        "绩效目标1:确保支付",
        "产出指标",
        "数量指标",
        "发放额",
        "28600万",
    ]
    # a short value after the name stays whole (效果明显 is not 效果 + 明显)
    assert segment_indicator_line("对成本影响程度 效果明显 达成预期指标 10 10")[1] == "效果明显"


def test_split_glued_weight() -> None:
    assert split_glued_weight("210010") == ("2100", "10")
    assert split_glued_weight("95%10") == ("95%", "10")
    assert split_glued_weight("95%以上10") == ("95%以上", "10")
    assert split_glued_weight("10015") is None  # 1001|5 or 100|15: ambiguous
    assert split_glued_weight("良好") is None


def test_split_labels_and_header_rows() -> None:
    assert split_labels("项目主管部门青山区教育局项目执行单位化工区学校") == [
        "项目主管部门",
        "青山区教育局",
        "项目执行单位",
        "化工区学校",
    ]
    assert split_labels("年度资金总额:16") == ["年度资金总额:", "16"]
    assert split_labels("年度主要目标 和成果 新建晾晒房") == ["年度主要目标和成果", "新建晾晒房"]
    assert split_header_row("绩效指标一级指标二级指标指标内容指标值") == [
        "绩效指标",
        "一级指标",
        "二级指标",
        "指标内容",
        "指标值",
    ]
    assert split_header_row("项目名称农村义务教育") is None


def test_split_title_keeps_the_year() -> None:
    before, title, after = split_title("附件: 项目支出绩效自评表 (2022年度) 项目名称 甲") or (
        "",
        "",
        "",
    )
    assert title == "项目支出绩效自评表 (2022年度)"
    assert before.strip() == "附件:" and after.strip() == "项目名称 甲"


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("项目名称", Field.NAME),
        ("项 目 名 稱:", Field.NAME),
        ("转移支付(项目)名称", Field.NAME),
        ("2024年预算金额", Field.BUDGET),
        ("项目金额(万元)", Field.BUDGET),
        ("总 体 目 标", Field.GOALS),
        ("2024年度目标", Field.ANNUAL_GOAL),
        ("实施单位 (盖章)", Field.UNIT),
        ("主管部门及代码", Field.DEPARTMENT),
        ("项目属性", Field.EXTRA),
    ],
)
def test_header_labels(label: str, field: Field) -> None:
    assert field_of_label(label) is field


@pytest.mark.parametrize(
    ("label", "col"),
    [
        ("当年度指标值", Col.ANNUAL),
        ("指标值及单位", Col.ANNUAL),
        ("一级 指标", Col.L1),
        ("指标内容", Col.L3),
        ("全年实际完成值", Col.ACTUAL),
        ("评(扣)分标准", Col.EXTRA),
        ("评(扣分标准)", Col.EXTRA),
        ("1-7月执行情况", Col.CURRENT),
        ("绩效指标(90分)", Col.FRAME),
        ("未完成原因和改进措施", Col.DEVIATION),
    ],
)
def test_column_labels(label: str, col: Col) -> None:
    assert column_of(label) is col


def test_value_like_cells() -> None:
    for text in ("≥64539人", "100%", "---", "/", "≤90万元", "2025年12月", "≧90%", "28600万"):
        assert is_value_like(text), text
    for text in ("良好", "社会保障体系健全性", "预算执行率", "7 岁以下儿童健康管理率"):
        assert not is_value_like(text), text
    assert target_prefix_len("95%以上10") == len("95%以上")
