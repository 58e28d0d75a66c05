"""Chinese renderings of the scoring core's explanations and problem messages.

The scoring core (jixiao.scoring) writes its explanations and messages in English with the
domain terms in Chinese (``正向 ≥: w × A / T``, ``A ≥ 8000册 gives full marks``). The web
interface is in 简体中文 by default, so the fixed phrases of those templates are mapped here,
longest and most specific first; numbers, units and names pass through unchanged. Text with
no known phrase is shown as it came. English pages show the core's text as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jixiao.services.evaluation_scores import ScoreView

# (pattern, replacement) pairs applied in order; every pattern is a fixed phrase of a template
# in jixiao.scoring (quantitative, qualitative, budget, monitoring, weights, selfeval).
_PHRASES: tuple[tuple[str, str], ...] = (
    # problem messages (weights, budget, self-evaluation, monitoring)
    (
        r"the indicators' weights add up to (\S+), not (\S+) \(100 minus (\S+) for budget "
        r"execution\); the printed weights are used as they are",
        r"各指标分值合计 \1，应为 \2（100 减去预算执行率 \3 分）；按表中所列分值计分",
    ),
    (
        r"only (\d+) of (\d+) indicators show a printed 分值; the others cannot be rechecked",
        r"只有 \1/\2 项指标列出了分值，其余无法复核",
    ),
    (
        r"(\d+) of (\d+) indicators carry a weight; the scheme's weights are used for all — "
        r"give every indicator a weight or none",
        r"\1/\2 项指标有分值，全部改按评分方案的权重计分——请为每项指标填写分值，或都不填",
    ),
    (
        r"indicator '([^']*)': 一级 (.*?) / 二级 (.*?) names no category of scheme (\S+); "
        r"it gets no weight and no score",
        r"指标「\1」：一级「\2」/二级「\3」不是评分方案 \4 中的类别，不计权重、不得分",
    ),
    (r"no indicator of a known category", "没有属于已知类别的指标"),
    (
        r"no indicator in (.*?): its weight goes to the others in proportion \((.*?)\)",
        r"\1 下没有指标：其分值按比例分给其他类别（\2）",
    ),
    (
        r"budget execution needs (\S+) \(in 万元\); the budget score is left out",
        r"预算执行率需要填写\1（万元），暂不计预算执行得分",
    ),
    (
        r"budget execution needs 全年预算数 and 执行数 \(万元\)",
        "预算执行需要填写全年预算数和执行数（万元）",
    ),
    (
        r"执行率 (\S+) is below (\S+): give the reason \(原因 / 偏差原因\) on the budget row",
        r"执行率 \1 低于 \2：请在预算执行情况中填写偏差原因",
    ),
    (
        r"indicator '([^']*)' has no 年度指标值; it cannot be scored",
        r"指标「\1」没有年度指标值，无法评分",
    ),
    (
        r"indicator '([^']*)': no 实际完成值 given; it scores nothing until one is",
        r"指标「\1」：未填写实际完成值，填写后才计分",
    ),
    (
        r"indicator '([^']*)' has the quantitative target (.*?) but the actual is the level "
        r"'([^']*)'; scored by the qualitative rule — give the number",
        r"指标「\1」的目标 \2 是定量的，但实际填写的是等级「\3」；已按定性规则计分——请填写数值",
    ),
    (
        r"indicator '([^']*)': target (.*?) is quantitative but the actual '([^']*)' is no number",
        r"指标「\1」：目标 \2 是定量的，但实际完成值「\3」不是数值",
    ),
    (
        r"indicator '([^']*)': the target '([^']*)' is qualitative but the actual is '([^']*)'; "
        r"give the level \(达成 / 部分达成 / 未达成\)",
        r"指标「\1」：目标「\2」是定性的，实际填写了「\3」；请选择完成等级（达成/部分达成/未达成）",
    ),
    (
        r"indicator '([^']*)': no outcome level \(达成 / 部分达成 / 未达成\) given",
        r"指标「\1」：请选择完成等级（达成/部分达成/未达成）",
    ),
    (
        r"indicator '([^']*)': '([^']*)' names no level; write 达成, 部分达成 or 未达成.*",
        r"指标「\1」：「\2」不是完成等级；请填写达成、部分达成或未达成",
    ),
    (
        r"indicator '([^']*)': given score (\S+) differs from the rule's (\S+); the rule's "
        r"score is used",
        r"指标「\1」：填写的得分 \2 与规则计算的 \3 不同；按规则得分计",
    ),
    (
        r"score (\S+) lies outside the band (\S+) of level (\S+); the level's default (\S+) "
        r"is used",
        r"得分 \1 不在等级 \3 的分值区间 \2 内；按该等级默认分 \4 计",
    ),
    (
        r"actual (.*?) is in (\S+), the target (.*?) in (\S+); these units cannot be converted "
        r"— give the actual in (\S+)",
        r"实际完成值 \1 的单位是 \2，目标 \3 的单位是 \4，无法换算——请按 \5 填写",
    ),
    (
        r"actual (.*?) compared with target (.*?) as if both were in (\S+)",
        r"实际完成值 \1 与目标 \2 按同一单位 \3 比较",
    ),
    (
        r"target (.*?) is negative; state it as a reduction with ≤ instead",
        r"目标 \1 为负数；请改写为“≤”形式的下降目标",
    ),
    (r"target (.*?) has no value", r"目标 \1 没有数值"),
    (r"range (.*?) is not usable", r"区间 \1 无法使用"),
    (r"'([^']*)' has no 年度指标值", r"「\1」没有年度指标值"),
    (
        r"'([^']*)': give the level reached so far \(达成 / 部分达成 / 未达成\)",
        r"「\1」：请选择截至目前的完成等级（达成/部分达成/未达成）",
    ),
    (r"'([^']*)': no 当期完成值 \(actual so far\) given", r"「\1」：未填写当期完成值"),
    (
        r"'([^']*)': 完成目标可能性 '([^']*)'; use (.*)",
        r"「\1」：完成目标可能性「\2」无效，请选择 \3",
    ),
    (
        r"'([^']*)': 偏差原因 category '([^']*)'; use (.*)",
        r"「\1」：偏差原因类别「\2」无效，请选择 \3",
    ),
    # explanation rules, formulas and "what full marks need"
    (
        r"a score of (\S+) \(the top of the 达成 band\) gives full marks",
        r"满分条件：评分 \1（达成档上限）",
    ),
    (r"level (\S+) gives up to full marks", r"等级「\1」方可得满分"),
    (r"; ([^;]+?) gives full marks", r"；满分条件：\1"),
    (r"^([^;]+?) gives full marks", r"满分条件：\1"),
    (r"evaluator's score within the level's band", "评价人在该等级区间内给分"),
    (r"no score in the band: w × (\S+)", r"未在区间内给分：w × \1"),
    (r"given (\S+) outside the band", r"所给 \1 不在区间内"),
    (r"negative actual (\S+) counts as 0", r"实际值 \1 为负，按 0 计"),
    (r"正向, prorated", "正向（按月进度）"),
    (r"not prorated", "不按月折算"),
    (r"inside → green, else red", "在区间内为绿灯，否则红灯"),
    (r"met → green, else red", "达到为绿灯，否则红灯"),
    (r"level → light", "等级 → 预警灯"),
    (r" ?\(bare number as ≥\)", "（数值按 ≥ 处理）"),
    (r"A meets T: w", "A 达到 T：得 w"),
    (r"A within T: w", "A 不超过 T：得 w"),
    (r"A inside \[low, high\]: w", "A 在 [下限, 上限] 内：得 w"),
    (r"always met \(A ≥ 0\): w", "恒达到（A ≥ 0）：得 w"),
    (r"full marks when A > 0, else 0", "A > 0 得满分，否则 0 分"),
    (r"full marks when A ≤ 0, else 0", "A ≤ 0 得满分，否则 0 分"),
    (r"high = 0: 0", "上限为 0：0 分"),
    (r", 0 from A = 2T", "，A ≥ 2T 时为 0"),
    (r"T = 0 with", "T = 0，"),
    (r" ?\(linear\)", "（线性）"),
    (r" ?\(ratio\)", "（比值）"),
    (r" ?\(magnitude\)", "（按绝对值）"),
    (r"区间, below", "区间，低于下限"),
    (r"区间, above", "区间，高于上限"),
    (r"\blow\b", "下限"),
    (r"\bhigh\b", "上限"),
    (r"\bgreen\b", "绿灯"),
    (r"\byellow\b", "黄灯"),
    (r"\bred\b", "红灯"),
    (r"\bblue\b", "蓝灯"),
)
_COMPILED = tuple((re.compile(p), r) for p, r in _PHRASES)


def to_chinese(text: str) -> str:
    """``text`` with every known English phrase of the scoring templates in Chinese."""
    if not text:
        return text
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return text.replace("; ", "；")


def localise(text: str, language: str) -> str:
    """The Chinese rendering on Chinese pages, the core's text on English ones."""
    return text if language.startswith("en") else to_chinese(text)


def localise_all(texts: Iterable[str], language: str) -> list[str]:
    return [localise(t, language) for t in texts]


def localise_view(view: ScoreView, language: str) -> ScoreView:
    """A copy of a score view with its explanations and problems in the page's language."""
    rows = {
        pk: replace(row, explanation=localise(row.explanation, language))
        for pk, row in view.rows.items()
    }
    return replace(
        view,
        rows=rows,
        budget_explanation=localise(view.budget_explanation, language),
        problems=localise_all(view.problems, language),
    )
