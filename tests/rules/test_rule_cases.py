"""Each rule: an inline table that triggers it and one that does not."""

from __future__ import annotations

from typing import Any

import pytest
from rule_tables import GOOD, check, codes, config, table

from jixiao.core.model import TableKind
from jixiao.rules import all_rules

# code -> (changes that trigger the rule, changes that keep it quiet); {} is the GOOD table.
CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "R100": ({"complete": False}, {}),
    "R101": ({"name": None}, {}),
    "R102": ({"department": " "}, {}),
    "R103": ({"end": None}, {}),
    "R104": ({"budget": None}, {}),
    "R105": (
        {"annual_goal": "---"},
        {"annual_goal": "保障参保人医疗待遇，全年补助对象 64539 人。"},
    ),
    "R106": ({"annual_goal": "社会基本医疗保险项目"}, {}),
    "R107": ({"type": None}, {}),
    "R109": ({"rows": ()}, {"rows": (), "complete": False}),
    "R110": ({"drop": ["参保人员满意度"]}, {}),
    "R111": ({"drop": ["资金按时到位率"]}, {}),
    "R112": (
        {"drop": ["人均补助标准"], "add": [("成本指标", "经济成本指标", "人均补助", "≤500元")]},
        {},
    ),
    "R113": ({"add": [("产出指标", "数量指标", "指标2", "")]}, {}),
    "R114": ({"add": [("产出指标", "数量指标", "培训场次", "---")]}, {}),
    "R115": (
        {"add": [("产出指标", "数量指标", "培训场次", "≥12")]},
        {"add": [("产出指标", "数量指标", "培训场次", "≥12场")]},
    ),
    "R116": (
        {"start": 2023, "end": 2025, "period_goal": "三年内实现全覆盖"},
        {
            "start": 2023,
            "end": 2025,
            "period_goal": "三年内实现全覆盖",
            "rows": [(*r, r[3]) for r in GOOD],
        },
    ),
    "R117": (  # run with min_indicators_per_level1 = 2
        {},
        {
            "add": [
                ("产出指标", "成本指标", "人均办公成本", "≤20元"),
                ("满意度指标", "服务对象满意度指标", "定点机构满意度", "≥90%"),
            ]
        },
    ),
    "R120": ({"add": [("产出指标", "质量指标", "补助合规率", "100%")]}, {}),
    "R121": (
        {"add": [("产出指标", "数量指标", "培训人数", "≥50人", "≥100户")]},
        {"add": [("产出指标", "数量指标", "培训人数", "≥50人", "≥100人")]},
    ),
    "R122": ({"year": 2023}, {"year": 2024}),
    "R201": ({"add": [("效益指标", "社会效益指标", "群众满意度", "≥90%")]}, {}),
    "R202": ({"add": [("产出指标", "质量指标", "居民生活水平改善程度", "≥10%")]}, {}),
    "R203": (
        {"add": [("产出指标", "数量指标", "职工人数", "51人")]},
        {"add": [("产出指标", "数量指标", "慰问职工人次", "51人次")]},
    ),
    "R204": (
        {"add": [("效益指标", "社会效益指标", "就业率", "逐年提高")]},
        {"add": [("效益指标", "社会效益指标", "就业率", "≥95%")]},
    ),
    "R205": ({"add": [("产出指标", "成本指标", "预算执行率", "≥90%")]}, {}),
    "R206": ({"add": [("满意度指标", "服务对象满意度指标", "调查参保人数", "≥200人")]}, {}),
    "R301": ({"rows": [(*r[:3], "良好") for r in GOOD]}, {}),
    "R302": (
        {"add": [("效益指标", "社会效益指标", "保障工作有效性", "良好")]},
        {"add": [("效益指标", "社会效益指标", "保障工作有效性", "无重大投诉事件")]},
    ),
    "R303": (
        {"add": [("效益指标", "社会效益指标", "信访案件减少率", ">0")]},
        {"add": [("效益指标", "社会效益指标", "信访案件减少率", "≥5%")]},
    ),
    "R304": (
        {"drop": ["参保人员满意度"], "add": [("满意度指标", "", "参保人员满意度", "≥75%")]},
        {},
    ),
    "R310": (
        {"add": [("产出指标", "成本指标", "补助总成本", "≤36506801元")]},
        {"add": [("产出指标", "成本指标", "补助总成本", "≤36506800元")]},
    ),
    "R401": (
        {"add": [("产出指标", "质量指标", "验收合格率", "≥120%")]},
        {"add": [("效益指标", "经济效益指标", "参保收入增长率", "≥120%")]},
    ),
    "R402": (
        {"drop": ["参保人员满意度"], "add": [("满意度指标", "", "参保人员满意度", "100%")]},
        {},
    ),
    "R403": (
        {"add": [("产出指标", "数量指标", "培训人次", "≥500人次", "≥300人次")]},
        {"add": [("产出指标", "数量指标", "培训人次", "≥100人次", "≥300人次")]},
    ),
}

# Rules over several tables are tested in test_department.py.
DEPARTMENT = {"R251", "R252", "R351", "R352"}


def _config_for(code: str) -> Any:
    if code == "R117":
        from dataclasses import replace

        base = config()
        return replace(base, thresholds=replace(base.thresholds, min_indicators_per_level1=2))
    return config("guangdong")  # guangdong enables every rule, R107 included


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_on_bad_table(code: str) -> None:
    bad, _ = CASES[code]
    found = check(table(**bad), [code], _config_for(code))
    assert [f.code for f in found], f"{code} did not fire"
    assert {f.code for f in found} == {code}
    for finding in found:
        assert finding.message_zh and finding.message_en
        assert finding.source.file == "t.txt"


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_quiet_on_good_table(code: str) -> None:
    _, good = CASES[code]
    assert codes(table(**good), [code], _config_for(code)) == []


def test_every_table_rule_has_a_case() -> None:
    registered = {r.code for r in all_rules()} - {"R000"} - DEPARTMENT
    assert registered == set(CASES)


def test_good_table_is_clean_under_every_rule() -> None:
    assert codes(table(), cfg=config("guangdong")) == []
    assert codes(table()) == []


def test_indicator_findings_point_at_the_row_and_name_it() -> None:
    [finding] = check(table(add=[("产出指标", "成本指标", "预算执行率", "≥90%")]), ["R205"])
    assert finding.indicator == "预算执行率"
    assert finding.source.line == 20 + len(GOOD)
    assert finding.raw == "产出指标 | 成本指标 | 预算执行率 | --- | ≥90%"
    assert "预算执行率" in finding.message_zh


def test_header_findings_point_at_the_field() -> None:
    [finding] = check(table(annual_goal="---"), ["R105"])
    assert finding.source.line == 6  # the annual_goal source of the inline header
    assert finding.raw == "---"


def test_central_preset_wants_cost_as_its_own_level1() -> None:
    central = config("central-2021")
    assert codes(table(), ["R112"], central) == ["R112"]
    moved = table(drop=["人均补助标准"], add=[("成本指标", "经济成本指标", "人均补助", "≤500元")])
    assert codes(moved, ["R112"], central) == []
    assert codes(moved, ["R110", "R111"], central) == []


def test_legacy_cost_counts_whether_printed_as_level1_or_level2() -> None:
    as_level1 = table(drop=["人均补助标准"], add=[("成本指标", "", "预算执行率", "≥90%")])
    assert "R110" not in codes(as_level1)


def test_period_and_multi_year_rules_skip_self_evaluation_tables() -> None:
    selfeval = table(end=None, kind=TableKind.SELFEVAL)
    assert codes(selfeval, ["R103"]) == []


def test_completeness_rules_skip_cut_tables() -> None:
    cut = table(drop=["参保人员满意度"], complete=False)
    assert codes(cut, ["R1"]) == ["R100"]


def test_satisfaction_bounds_use_the_configured_threshold() -> None:
    from dataclasses import replace

    base = config()
    strict = replace(base, thresholds=replace(base.thresholds, satisfaction_min_percent=95))
    assert codes(table(), ["R304"], strict) == ["R304"]


def test_cost_against_budget_converts_yuan_exactly() -> None:
    # 3650.68 万元 = 36506800 元: equal is fine, one yuan more is not.
    at = table(add=[("产出指标", "成本指标", "总成本", "≤36506800元")])
    over = table(add=[("产出指标", "成本指标", "总成本", "≤3650.69万元")])
    assert codes(at, ["R310"]) == []
    assert codes(over, ["R310"]) == ["R310"]


def test_trivial_thresholds() -> None:
    for target in ("≥0", "≥0%", "≤100%"):
        row = ("效益指标", "社会效益指标", "事故下降率", target)
        assert codes(table(add=[row]), ["R303"]) == ["R303"], target
    count = ("产出指标", "数量指标", "开展活动次数", ">0次")
    assert codes(table(add=[count]), ["R303"]) == []


def test_zero_budget_is_unfilled_not_exceeded() -> None:
    # wild 002: the 年度资金总额 row reads 0 while the cost row says ≤90万元
    row = ("产出指标", "成本指标", "项目总成本", "≤90万元")
    assert codes(table(budget="0万元", add=[row]), ["R310"]) == []


def test_long_term_wording_in_the_annual_goal() -> None:
    assert codes(table(annual_goal="逐年提高参保率，三年内实现全覆盖。"), ["R204"]) == ["R204"]
    building = "推进防范和化解因病致贫返贫长效机制的建立健全，全年救助 5 万人次。"
    assert codes(table(annual_goal=building), ["R204"]) == []
    assert codes(table(annual_goal="到2026年实现参保全覆盖，本年完成六成。"), ["R204"]) == ["R204"]


def test_unit_printed_with_the_name_counts() -> None:
    row = ("产出指标", "数量指标", "开展小型水利工程建设(个)", "1")  # wild 044
    assert codes(table(add=[row]), ["R115"]) == []


@pytest.mark.parametrize(
    "row",
    [
        ("产出指标", "时效指标", "2021年11月30日前完成资金支付", "100%"),
        ("产出指标", "时效指标", "资金下达时间", "2024年6月底前"),
        ("产出指标", "质量指标", "资金使用合规率", "100%"),
    ],
)
def test_r203_money_names_outside_quantity_are_not_inputs(row: tuple[str, ...]) -> None:
    assert codes(table(add=[row]), ["R203"], config()) == []


@pytest.mark.parametrize(
    "row",
    [
        ("产出指标", "数量指标", "下达补助资金", "≥500"),  # money name under 数量
        ("产出指标", "时效指标", "按时支付", "≥500万元"),  # money unit anywhere under 产出
    ],
)
def test_r203_money_counted_as_output_fires(row: tuple[str, ...]) -> None:
    assert codes(table(add=[row]), ["R203"], config()) == ["R203"]


@pytest.mark.parametrize(
    ("row", "word", "word_en"),
    [
        (("效益指标", "社会效益指标", "群众满意度", "≥90%"), "效益", "a benefit"),
        (("产出指标", "质量指标", "群众满意度", "≥90%"), "产出", "an output"),
    ],
)
def test_r201_message_names_the_category_it_sits_under(
    row: tuple[str, ...], word: str, word_en: str
) -> None:
    (finding,) = check(table(add=[row]), ["R201"], config())
    assert f"满意度不能代替{word}" in finding.message_zh
    assert f"not replace {word_en}" in finding.message_en
