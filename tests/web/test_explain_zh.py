"""The scoring core's explanations and messages, rendered in Chinese for the zh-hans pages."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from jixiao.core.model import Budget, GoalTable, Header, Indicator, Period, TableKind
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.values import parse_target
from jixiao.scoring.inputs import BudgetInput, IndicatorInput, TableInputs
from jixiao.scoring.monitoring import monitor_table
from jixiao.scoring.schemes import load_scheme
from jixiao.scoring.selfeval import evaluate_table
from jixiao.web.explain_zh import localise, to_chinese

# (一级, target, actual or level): every rule of the quantitative and qualitative scorers
CASES = [
    ("产出指标", "≥100人", "80人"),
    ("产出指标", "100", "120"),
    ("产出指标", "≤5%", "8%"),
    ("成本指标", "≤0.72万元", "0.9万元"),
    ("产出指标", "90%-95%", "80%"),
    ("产出指标", "90%-95%", "99%"),
    ("产出指标", "0次", "2次"),
    ("产出指标", "≥98%", "-3%"),
    ("效益指标", "良好", "部分达成"),
    ("效益指标", "良好", "很好"),
    ("产出指标", "≥100人", "80万元"),
    ("产出指标", "≥100人", "一百人"),
    ("满意度指标", "≥90%", ""),
]
ENGLISH = re.compile(r"\b(?!max\b)[A-Za-z]{3,}\b")


def _table() -> GoalTable:
    indicators = tuple(
        Indicator(level1, "数量指标", f"指标{i}", parse_target(target), weight=Decimal(7))
        for i, (level1, target, _) in enumerate(CASES)
    )
    header = Header(
        name="测试项目",
        period=Period(2024, 2024),
        budget=Budget(amount=Amount(Decimal(100), MoneyUnit.WAN)),
        year=2024,
    )
    return GoalTable(kind=TableKind.GOAL, header=header, indicators=indicators)


def _inputs(budget: bool) -> TableInputs:
    indicators = {}
    for i, (_, _, actual) in enumerate(CASES):
        if actual in ("部分达成", "很好"):
            indicators[i] = IndicatorInput(level=actual)
        elif actual:
            indicators[i] = IndicatorInput(actual=parse_target(actual))
    figures = BudgetInput(Amount(Decimal(100), MoneyUnit.WAN), Amount(Decimal(60), MoneyUnit.WAN))
    return TableInputs(indicators, figures if budget else BudgetInput())


def _texts() -> list[str]:
    scheme = load_scheme(None)
    texts: list[str] = []
    for budget in (True, False):
        result = evaluate_table(_table(), _inputs(budget), scheme, 0)
        texts += [r.explanation.short() for r in result.indicators if r.explanation]
        texts += [result.budget.explanation.short()] if result.budget.explanation else []
        texts += [p.message for p in result.problems]
        lights = monitor_table(_table(), _inputs(budget), 6, scheme, 0)
        texts += [r.explanation.short() for r in lights.indicators if r.explanation]
        texts += [p.message for p in lights.problems]
    return texts


def test_every_explanation_and_message_reads_in_chinese() -> None:
    texts = _texts()
    assert len(texts) > 25
    left = {t: to_chinese(t) for t in texts if ENGLISH.search(to_chinese(t))}
    assert left == {}


def test_numbers_units_and_names_pass_through() -> None:
    text = "正向 ≥: 25 × 7000 / 8000 = 21.88; A ≥ 8000册 gives full marks"
    assert to_chinese(text) == "正向 ≥: 25 × 7000 / 8000 = 21.88；满分条件：A ≥ 8000册"
    message = (
        "测试项目: indicator '读者满意度': no 实际完成值 given; it scores nothing until one is"
    )
    assert to_chinese(message) == "测试项目: 指标「读者满意度」：未填写实际完成值，填写后才计分"


@pytest.mark.parametrize("language", ["en", "en-us"])
def test_english_pages_keep_the_core_text(language: str) -> None:
    text = "A ≥ 8000册 gives full marks"
    assert localise(text, language) == text
    assert localise(text, "zh-hans") == "满分条件：A ≥ 8000册"
