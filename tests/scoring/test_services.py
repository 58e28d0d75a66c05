"""Results as filled tables for the exporters, and the docs listing every scoring code."""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.model import TableKind
from jixiao.core.problems import ProblemCode, registered_codes
from jixiao.scoring import codes as _codes
from jixiao.scoring.monitoring import monitor_table
from jixiao.scoring.qualitative import score_qualitative
from jixiao.scoring.schemes import Level, load_scheme, preset_names
from jixiao.scoring.selfeval import evaluate_table
from jixiao.services.evaluation import monitor_goal_table, selfeval_table
from testdata import REPO

from .helpers import actual, ind, inputs, table

D = Decimal
CENTRAL = load_scheme("central-2020")
TABLE = table(
    ind("产出指标", "数量指标", "参保人数", "≥100人"),
    ind("效益指标", "社会效益指标", "改善程度", "良好"),
    ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%"),
    budget="200",
)


def test_selfeval_table_is_filled_for_the_exporter() -> None:
    given_inputs = inputs(
        actual("80人"),
        actual("", level="部分达成"),
        actual("95%"),
        executed="150",
        reason="项目延期",
    )
    filled = selfeval_table(evaluate_table(TABLE, given_inputs, CENTRAL))
    assert filled.kind is TableKind.SELFEVAL
    # 50 × 80 / 100 = 40.00; 30 × 70 % = 21.00; 10.00; budget 150 / 200 = 75 % → 7.50
    assert [i.score for i in filled.indicators] == [D("40.00"), D("21.00"), D("10.00")]
    assert [i.weight for i in filled.indicators] == [D(50), D(30), D(10)]
    assert filled.indicators[1].actual is not None and filled.indicators[1].actual.raw == "部分达成"
    assert "A ≥ 100人 gives full marks" in dict(filled.indicators[0].extra)["explanation"]
    b = filled.header.budget
    assert (b.rate, b.weight, b.score, b.reason) == (D("75.00"), D(10), D("7.50"), "项目延期")
    assert filled.total_score == D("78.50")
    assert dict(filled.header.extra)["自评等级"] == "中"


def test_monitor_table_carries_the_lights() -> None:
    given_inputs = inputs(actual("30人"), actual("达成"), actual("85%"), executed="80")
    filled = monitor_goal_table(monitor_table(TABLE, given_inputs, 6, CENTRAL))
    assert filled.kind is TableKind.MONITOR
    # 30 / 50 = 60 % → yellow; 达成 → green; 85 < 90 (a rate, not prorated) → red
    assert [dict(i.extra)["light"] for i in filled.indicators] == ["yellow", "green", "red"]
    extra = dict(filled.header.extra)
    # budget 80 / 200 = 40 %; 40 / 50 = 80 → green
    assert extra["monitor_month"] == "6" and extra["budget_light"] == "green"
    assert filled.header.budget.rate == D("40.00")


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(list(Level)),
    st.decimals(min_value=D("0.01"), max_value=D(90), places=2),
    st.one_of(st.none(), st.decimals(min_value=D(-10), max_value=D(100), places=2)),
)
def test_qualitative_scores_stay_within_zero_and_weight(level, weight, score) -> None:
    outcome = score_qualitative(level, weight, score, CENTRAL)
    assert outcome.score is not None and D(0) <= outcome.score <= weight


def test_docs_list_every_scoring_code_and_preset() -> None:
    text = (REPO / "docs" / "scoring.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| ([SA][0-9]{3}) \|", text, flags=re.MULTILINE))
    ours = {v.code for v in vars(_codes).values() if isinstance(v, ProblemCode)}
    assert ours == documented
    for code in ours:
        severity = registered_codes()[code].severity.value
        assert re.search(rf"^\| {code} \| {severity} \|", text, flags=re.MULTILINE), code
    for name in preset_names():
        assert f"`{name}`" in text
