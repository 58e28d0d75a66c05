"""Indicator-framework vocabulary of both generations (财预〔2015〕88号 era and 财预〔2021〕101号).

Labels are matched on :func:`jixiao.core.text.label_key` (compact, Simplified, score suffix gone).
"""

from __future__ import annotations

from enum import StrEnum

from jixiao.core.text import label_key


class Level1(StrEnum):
    """一级指标 category codes."""

    OUTPUT = "output"  # 产出指标
    COST = "cost"  # 成本指标 (101号: its own 一级; 88号: a 二级 under 产出)
    BENEFIT = "benefit"  # 效益指标 / 效果指标
    SATISFACTION = "satisfaction"  # 满意度指标
    OTHER = "other"


class Level2(StrEnum):
    """二级指标 category codes."""

    QUANTITY = "quantity"
    QUALITY = "quality"
    TIMELINESS = "timeliness"
    COST = "cost"
    ECONOMIC_COST = "economic_cost"
    SOCIAL_COST = "social_cost"
    ECOLOGICAL_COST = "ecological_cost"
    ECONOMIC_BENEFIT = "economic_benefit"
    SOCIAL_BENEFIT = "social_benefit"
    ECOLOGICAL_BENEFIT = "ecological_benefit"
    SUSTAINABILITY = "sustainability"
    SATISFACTION = "satisfaction"
    OTHER = "other"


LEVEL1_LABELS: dict[str, Level1] = {
    "产出指标": Level1.OUTPUT,
    "产出": Level1.OUTPUT,
    "预期产出指标": Level1.OUTPUT,
    "项目产出": Level1.OUTPUT,
    "成本指标": Level1.COST,
    "成本": Level1.COST,
    "效益指标": Level1.BENEFIT,
    "效益": Level1.BENEFIT,
    "效果指标": Level1.BENEFIT,
    "预期效果指标": Level1.BENEFIT,
    "项目效益": Level1.BENEFIT,
    "满意度指标": Level1.SATISFACTION,
    "满意度": Level1.SATISFACTION,
    "服务对象满意度指标": Level1.SATISFACTION,
    "社会公众或服务对象满意度指标": Level1.SATISFACTION,
    "社会公众或服务对象满意度": Level1.SATISFACTION,
}

LEVEL2_LABELS: dict[str, Level2] = {
    "数量指标": Level2.QUANTITY,
    "数量": Level2.QUANTITY,
    "建筑规模": Level2.QUANTITY,
    "质量指标": Level2.QUALITY,
    "质量": Level2.QUALITY,
    "时效指标": Level2.TIMELINESS,
    "时效": Level2.TIMELINESS,
    "工期": Level2.TIMELINESS,
    "成本指标": Level2.COST,
    "成本": Level2.COST,
    "预算控制指标": Level2.COST,
    "预算控制": Level2.COST,
    "投资规模": Level2.COST,
    "经济成本指标": Level2.ECONOMIC_COST,
    "经济成本": Level2.ECONOMIC_COST,
    "社会成本指标": Level2.SOCIAL_COST,
    "社会成本": Level2.SOCIAL_COST,
    "生态环境成本指标": Level2.ECOLOGICAL_COST,
    "生态环境成本": Level2.ECOLOGICAL_COST,
    "经济效益指标": Level2.ECONOMIC_BENEFIT,
    "经济效益": Level2.ECONOMIC_BENEFIT,
    "社会效益指标": Level2.SOCIAL_BENEFIT,
    "社会效益": Level2.SOCIAL_BENEFIT,
    "社会效率指标": Level2.SOCIAL_BENEFIT,  # a typo seen in real tables
    "生态效益指标": Level2.ECOLOGICAL_BENEFIT,
    "生态效益": Level2.ECOLOGICAL_BENEFIT,
    "可持续影响指标": Level2.SUSTAINABILITY,
    "可持续影响": Level2.SUSTAINABILITY,
    "服务对象满意度指标": Level2.SATISFACTION,
    "服务对象满意度": Level2.SATISFACTION,
    "满意度指标": Level2.SATISFACTION,
    "满意度": Level2.SATISFACTION,
    "社会公众或服务对象满意度指标": Level2.SATISFACTION,
    "社会公众或服务对象满意度": Level2.SATISFACTION,
    "社会公众满意度指标": Level2.SATISFACTION,
}

_LEVEL2_PARENT: dict[Level2, Level1] = {
    Level2.QUANTITY: Level1.OUTPUT,
    Level2.QUALITY: Level1.OUTPUT,
    Level2.TIMELINESS: Level1.OUTPUT,
    Level2.COST: Level1.COST,
    Level2.ECONOMIC_COST: Level1.COST,
    Level2.SOCIAL_COST: Level1.COST,
    Level2.ECOLOGICAL_COST: Level1.COST,
    Level2.ECONOMIC_BENEFIT: Level1.BENEFIT,
    Level2.SOCIAL_BENEFIT: Level1.BENEFIT,
    Level2.ECOLOGICAL_BENEFIT: Level1.BENEFIT,
    Level2.SUSTAINABILITY: Level1.BENEFIT,
    Level2.SATISFACTION: Level1.SATISFACTION,
}


def level1_of_label(label: str | None) -> Level1 | None:
    """The 一级 category a label names, or ``None`` when it is not a 一级 label."""
    return LEVEL1_LABELS.get(label_key(label)) if label else None


def level2_of_label(label: str | None) -> Level2 | None:
    """The 二级 category a label names, or ``None`` when it is not a 二级 label."""
    if not label:
        return None
    key = label_key(label)
    found = LEVEL2_LABELS.get(key)
    if found is None and key.endswith("指标"):
        found = LEVEL2_LABELS.get(key[:-2])
    return found


def parent_of(level2: Level2) -> Level1:
    return _LEVEL2_PARENT.get(level2, Level1.OTHER)


def classify_level2(label: str | None) -> Level2:
    return level2_of_label(label) or Level2.OTHER


def classify_level1(level1: str | None, level2: str | None, name: str | None = None) -> Level1:
    """The effective 一级 category of an indicator.

    Cost indicators count as COST whether printed under 产出 (88号) or as their own 一级 (101号);
    otherwise the printed 一级 label decides, then the 二级 label's parent.
    """
    sub = level2_of_label(level2)
    if sub is not None and parent_of(sub) is Level1.COST:
        return Level1.COST
    top = level1_of_label(level1)
    if top is not None:
        return top
    if sub is not None:
        return parent_of(sub)
    return Level1.OTHER


def is_category_label(text: str | None) -> bool:
    return level1_of_label(text) is not None or level2_of_label(text) is not None


# Funding rows of the 自评表 budget block (central layout of 财预〔2020〕10号, domain.md §7.1):
# the total row, then each source by its short name and the label the form prints.
FUNDING_TOTAL = "年度资金总额"
FUNDING_SOURCES: dict[str, str] = {
    "财政拨款": "其中：当年财政拨款",
    "上年结转": "上年结转资金",
    "其他资金": "其他资金",
}
