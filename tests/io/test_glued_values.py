"""Glued value runs (family 3 of docs/reading.md), generated with the truth known: a name, then
分值 | 指标值 | 实际值 | 得分 with no separator (``确定于12月底前发放完毕101001009.34``), and the
reason text after them. :func:`decode_values` must give the truth or nothing, never another
reading."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.reading.glued import decode_values

NAMES = ["补贴发放人数", "确定于12月底前发放完毕", "验收合格率", "38.75万元", "服务对象满意度"]
UNITS = ["", "%", "人", "万元", "次"]
REASONS = ["", "2021年底初步预算资金36.2万元", "部分对象外出务工未领取", "无"]


@st.composite
def glued_rows(draw: st.DrawFn) -> tuple[str, tuple[str, str, str, str, str, str]]:
    name = draw(st.sampled_from(NAMES))
    weight = draw(st.integers(2, 30))
    unit = draw(st.sampled_from(UNITS))
    target = draw(st.integers(1, 5000))
    met = draw(st.booleans())
    actual = target if met else draw(st.integers(max(1, target // 2), target))
    score = (
        Decimal(weight) if met else (Decimal(weight) * actual / target).quantize(Decimal("0.01"))
    )
    score_text = f"{score.normalize():f}"
    t, a = f"{target}{unit}", f"{actual}{unit}"
    reason = "" if met else draw(st.sampled_from(REASONS))
    text = f"{name}{weight}{t}{a}{score_text}{reason}"
    return text, (name, str(weight), t, a, score_text, reason)


@settings(max_examples=300, deadline=None)
@given(glued_rows())
def test_a_glued_value_run_decodes_to_the_truth_or_not_at_all(
    row: tuple[str, tuple[str, str, str, str, str, str]],
) -> None:
    text, truth = row
    got = decode_values(text)
    assert got is None or got == truth, text


def test_the_published_shapes() -> None:
    assert decode_values("确定于于2022年12月底前发放完毕101001009.34") == (
        "确定于于2022年12月底前发放完毕", "10", "100", "100", "9.34", "",
    )  # fmt: skip
    assert decode_values("38.75万元1038.7536.29.342021年底初步预算资金") == (
        "38.75万元", "10", "38.75", "36.2", "9.34", "2021年底初步预算资金",
    )  # fmt: skip
    assert decode_values("免费发放原原种8550万粒550万粒8") == (
        "免费发放原原种", "8", "550万粒", "550万粒", "8", "",
    )  # fmt: skip
