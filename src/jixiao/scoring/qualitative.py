"""Qualitative indicators (定性指标): the outcome level and its score band (V1, S9, V6).

Accepted wordings: the whole wording, after :func:`~jixiao.core.text.compact` and without
punctuation, must be a verb of a level, optionally followed by an object (预期指标, 年度指标,
预期目标, 目标, 年度目标 …) and the central form's closing clause. A wording that only starts
like a level (完成情况较差, 达成率60%, 实现了部分目标) names none: the evaluator must say.

* 达成 — 达成, 达成预期指标, 达到预期目标, 达成年度指标, 已达成, 完成, 已完成 …
* 部分达成 — 部分达成年度指标并具有一定效果, 部分达到预期目标…, 基本达到, 基本达成, 基本完成
  (基本 admits a shortfall, so it is 部分达成 — see docs/scoring.md)
* 未达成 — 未达成年度指标且效果较差, 未达到预期目标, 未完成, 没有达到 …
* an actual that repeats the qualitative target (规范 / 规范, 是 / 是) is 达成; 是 against a
  target 否 (or 否 against 是) is 未达成.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.text import compact
from jixiao.scoring import codes
from jixiao.scoring.codes import Finding
from jixiao.scoring.explain import Explanation, fmt, pts, round2
from jixiao.scoring.outcome import Outcome
from jixiao.scoring.schemes import Level, Scheme

_FAILED = ("未达成", "未达到", "未完成", "没有达到", "没有达成", "没达到", "未实现", "不达标")
_PARTIAL = (
    "部分达成",
    "部分达到",
    "部分完成",
    "部分实现",
    "基本达到",
    "基本达成",
    "基本完成",
    "基本实现",
)
_ACHIEVED = (
    "达成",
    "达到",
    "已达成",
    "已达到",
    "完成",
    "已完成",
    "全部达成",
    "全部达到",
    "全部完成",
    "实现",
    "已实现",
    "达标",
)
# what may follow the verb: the object of the central form's wordings (达成年度指标 …)
_OBJECTS = ("", "预期指标", "年度指标", "预期目标", "目标", "年度目标", "指标", "预期", "绩效目标")
# and the form's closing clause (部分达成年度指标并具有一定效果 / 未达成年度指标且效果较差)
_EFFECT = ("并具有一定效果", "并且具有一定效果", "并具备一定效果", "并且具备一定效果", "有一定效果")
_POOR = ("且效果较差", "并且效果较差", "效果较差")
_YES, _NO = ("是", "有"), ("否", "无")
_PUNCTUATION = str.maketrans("", "", "，,、。.；;！!")


def _wordings(verbs: tuple[str, ...], tails: tuple[str, ...]) -> dict[str, None]:
    return {v + o + t: None for v in verbs for o in _OBJECTS for t in ("", *tails)}


# the whole wording must be one of these: 完成情况较差 or 达成率60% name no level
_WORDINGS: dict[str, Level] = {
    **dict.fromkeys(_wordings(_ACHIEVED, ()), Level.ACHIEVED),
    **dict.fromkeys(_wordings(_PARTIAL, _EFFECT), Level.PARTIAL),
    **dict.fromkeys(_wordings(_FAILED, _POOR), Level.FAILED),
}


def read_level(text: str | None, target_text: str | None = None) -> Level | None:
    """The level a wording names, or ``None`` when it names none."""
    key = compact(text).translate(_PUNCTUATION)
    if not key:
        return None
    if key in _WORDINGS:
        return _WORDINGS[key]
    target = compact(target_text).translate(_PUNCTUATION)
    if target and key == target:
        return Level.ACHIEVED
    if (key in _YES and target in _NO) or (key in _NO and target in _YES):
        return Level.FAILED
    return None


def band_points(level: Level, weight: Decimal, scheme: Scheme) -> tuple[Decimal, Decimal]:
    band = scheme.bands[level]
    return round2(weight * band.low), round2(weight * band.high)


def in_band(level: Level, score: Decimal, weight: Decimal, scheme: Scheme) -> bool:
    low, high = band_points(level, weight, scheme)
    top = scheme.bands[level].high >= 1
    return low <= score <= high if top else low <= score < high


def score_qualitative(
    level: Level, weight: Decimal, given: Decimal | None, scheme: Scheme
) -> Outcome:
    """The evaluator's score when it lies in the band, else the level's default share."""
    band = scheme.bands[level]
    low, high = band_points(level, weight, scheme)
    closing = "]" if band.high >= 1 else ")"
    band_text = f"[{fmt(low)}, {fmt(high)}{closing}"
    inputs = (("w", fmt(weight)), ("level", level.value), ("band", band_text))
    full = (
        None if level is Level.ACHIEVED else f"level {Level.ACHIEVED.value} gives up to full marks"
    )
    if given is not None:
        score = round2(given)
        if level is Level.ACHIEVED and score < round2(weight):
            full = f"a score of {fmt(high)} (the top of the 达成 band) gives full marks"
        if in_band(level, score, weight, scheme):
            explanation = Explanation(
                f"定性 {level.value}",
                "evaluator's score within the level's band",
                (*inputs, ("given", fmt(score))),
                f"= {pts(score)}",
                score,
                full if score < round2(weight) else None,
            )
            return Outcome(score, explanation, (), level)
    default = round2(weight * band.default)
    working = f"{fmt(weight)} × {fmt(band.default * 100)}% = {pts(default)}"
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()
    if given is not None:
        message = (
            f"score {fmt(round2(given))} lies outside the band {band_text} of level "
            f"{level.value}; the level's default {fmt(default)} is used"
        )
        findings = (Finding(codes.OUT_OF_BAND, message),)
        notes = (f"given {fmt(round2(given))} outside the band",)
    explanation = Explanation(
        f"定性 {level.value}",
        f"no score in the band: w × {fmt(band.default * 100)}%",
        inputs,
        working,
        default,
        full if default < round2(weight) else None,
        notes,
    )
    return Outcome(default, explanation, findings, level)
