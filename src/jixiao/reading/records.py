"""Rows as read from an indicator block, and their conversion into :class:`Indicator` records."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

from jixiao.core.model import Indicator
from jixiao.core.problems import Problem
from jixiao.core.source import SourceLocation
from jixiao.core.target import Op, Target, TargetKind
from jixiao.core.text import compact
from jixiao.core.vocabulary import level1_of_label, level2_of_label
from jixiao.reading.cells import (
    QUALITATIVE_VALUES,
    Piece,
    decimal_of,
    display,
    is_none_marker,
    is_value_like,
    make_target,
    norm,
)
from jixiao.reading.vocab import Col, light_of

SCORE_RESIDUE = re.compile(r"^[(（]?[\d.\-~]+[)）]?分[)）]?$")


OP_ONLY = re.compile(
    r"^(≥|≤|>|<|=|≧|≦|>=|<=|=>|=<|≥=|≤=|＞|＜|＝|大于等于|小于等于|不低于|不高于|不少于|不多于|"
    r"不超过|大于|小于|等于|高于|低于|超过)$"
)


# Outline numbering before a label or name: 一、 / 1. / （1） / (一)
NUMBERING = re.compile(
    r"^([一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d)|"
    r"[(（]([一二三四五六七八九十]{1,3}|\d{1,2})[)）])\s*(?=\S)"
)


def unnumbered(text: str) -> str:
    return NUMBERING.sub("", text.strip())


_SCORE_SUFFIX = re.compile(r"[(（\[【]?[0-9.\-~]+分[)）\]】]?$")
_SCORE_SUFFIX_OUTSIDE = re.compile(r"[(（][0-9.\-~]+[)）]分$")
_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_ENDS_IN_DIGIT = re.compile(r"\d$")


# 指标方向 / 指标性质 words that give a bare value its comparator.
_DIRECTIONS = {
    "正向": Op.GE,
    "正向指标": Op.GE,
    "越大越好": Op.GE,
    "反向": Op.LE,
    "反向指标": Op.LE,
    "越小越好": Op.LE,
}

_LABEL_NOTE_END = re.compile(
    r"[(（][^()（）\d]{0,8}(?:必填|选填|可选|硬性|核心|共性|个性)[^()（）\d]{0,8}[)）]$"
)


@lru_cache(maxsize=65536)  # twice per indicator, with the few labels of a table
def clean_level(text: str) -> str:
    """Printed level label without spaces, numbering and score suffix:
    ``产 出 指 标(50分)`` → ``产出指标``, ``一、产出指标`` → ``产出指标``."""
    key = unnumbered(compact(text))
    key = _SCORE_SUFFIX.sub("", key)
    key = _SCORE_SUFFIX_OUTSIDE.sub("", key)
    key = _LABEL_NOTE_END.sub("", key) or key  # ``时效指标(必填)``
    return key.rstrip(":：") or key


@lru_cache(maxsize=65536)
def is_l1(text: str) -> bool:
    return level1_of_label(text) is not None or (
        NUMBERING.match(text) is not None and level1_of_label(unnumbered(text)) is not None
    )


@lru_cache(maxsize=65536)
def is_l2(text: str) -> bool:
    return level2_of_label(text) is not None or (
        NUMBERING.match(text) is not None and level2_of_label(unnumbered(text)) is not None
    )


@lru_cache(maxsize=65536)
def is_level(text: str) -> bool:
    return bool(text) and (is_l1(text) or is_l2(text))


@dataclass(slots=True)
class Record:
    level1: str | None
    level2: str | None
    name: Piece
    values: list[tuple[Col, str, Piece]]  # (role, header label, cell)
    group: str | None = None
    raw_levels: tuple[str, ...] = ()


@dataclass(slots=True)
class BlockResult:
    indicators: list[Indicator] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    total_score: Decimal | None = None
    weight_total: Decimal | None = None
    cut: bool = False  # the last row is visibly incomplete


def looks_like_unit(text: str) -> bool:
    t = norm(text)
    return 0 < len(t) <= 6 and not any(ch.isdigit() for ch in t) and not t.startswith("-")


def bare_number(text: str) -> bool:
    return bool(_BARE_NUMBER.fullmatch(norm(text)))


def op_only(target: Target) -> bool:
    return bool(OP_ONLY.match(norm(target.raw)))


def next_filled(pieces: list[Piece], i: int) -> int | None:
    for j in range(i + 1, len(pieces)):
        if not pieces[j].blank:
            return j
    return None


def where(source: SourceLocation) -> str:
    """``line 26`` / ``row 12`` / ``p2 row 3``: the place inside the file (the file is known)."""
    parts = []
    if source.sheet:
        parts.append(f"sheet {source.sheet}")
    if source.page is not None:
        parts.append(f"page {source.page}")
    if source.line is not None:
        parts.append(f"line {source.line}")
    elif source.row is not None:
        parts.append(f"row {source.row}")
    return " ".join(parts) or "?"


def to_indicator(record: Record, name: str) -> Indicator:
    """A read row as an :class:`Indicator`: targets parsed, numbers read, extras kept."""
    cells: dict[Col, str] = {}
    extra: list[tuple[str, str]] = []
    for role, label, piece in record.values:
        text = display(piece.text)
        if role is Col.EXTRA or role in cells:
            if text:
                extra.append((label, text))
            continue
        cells[role] = text
    if record.group:
        extra.insert(0, ("绩效目标", record.group))
    light_text = cells.get(Col.LIGHT)
    if light_text:
        light = light_of(light_text)  # 红灯 / 绿色 / red: the exporters' ``light`` key
        extra.append(("light", light) if light else ("预警", light_text))
    op = cells.get(Col.OP) or None
    direction = _DIRECTIONS.get(norm(op)) if op else None
    if op is not None and not OP_ONLY.match(norm(op)):
        extra.append(("指标性质", op))  # 定性 / 定量 / 正向: a kind, not a comparator
        op = None
    unit = cells.get(Col.UNIT) or None
    # the unit cell belongs to a value printed without one (``≥95`` | ``%``); a value that
    # carries its own unit (``≥90%``, ``2024年底前``) keeps it and the cell goes to extra
    if unit is not None and (
        is_none_marker(unit) or not _ENDS_IN_DIGIT.search(norm(cells.get(Col.ANNUAL, "")))
    ):
        extra.append(("度量单位", unit))
        unit = None
    annual = make_target(cells.get(Col.ANNUAL, ""), op=op, unit=unit)
    if (op or unit) and cells.get(Col.ANNUAL):
        # separate 指标性质 | 指标值 | 度量单位 cells: raw is the cells joined, as printed
        annual = replace(annual, raw=f"{op or ''}{cells[Col.ANNUAL]}{unit or ''}")
    if direction is not None and annual.kind is TargetKind.QUANTITATIVE and annual.op is None:
        # 指标方向 正向 / 反向 beside a bare value: the value is a floor / a ceiling; the raw
        # text stays as printed
        annual = replace(annual, op=direction)
    period = make_target(cells.get(Col.PERIOD, ""))
    weight_text = cells.get(Col.WEIGHT)
    weight = decimal_of(weight_text) if weight_text else None
    if weight_text and weight is None:
        extra.append(("分值", weight_text))
    score_text = cells.get(Col.SCORE)
    score = decimal_of(score_text) if score_text else None
    if score_text and score is None:
        extra.append(("得分", score_text))
    actual_text = cells.get(Col.ACTUAL)
    if actual_text is None and Col.CURRENT in cells:
        actual_text = cells.get(Col.CURRENT)
    actual = make_target(actual_text) if actual_text is not None else None
    if actual is not None and actual_text and unit and bare_number(actual_text):
        # Sichuan layout: 完成值 printed bare under the row's 度量单位
        actual = replace(make_target(actual_text, unit=unit), raw=actual_text)
    forecast_text = cells.get(Col.FORECAST)
    forecast = make_target(forecast_text) if forecast_text is not None else None
    level1 = clean_level(record.level1) if record.level1 else None
    level2 = clean_level(record.level2) if record.level2 else None
    if record.level1 and level1 != compact(record.level1):
        extra.append(("一级指标(原文)", record.level1))
    return Indicator(
        level1=level1,
        level2=level2,
        name=name,
        annual_target=annual,
        period_target=period,
        weight=weight,
        actual=actual,
        score=score,
        deviation=cells.get(Col.DEVIATION) or None,
        forecast=forecast,
        likelihood=cells.get(Col.LIKELIHOOD) or None,
        source=record.name.source,
        extra=tuple(extra),
    )


def starts_a_value(text: str) -> bool:
    """A cell that opens the values of a row: a target, a common qualitative value, or a
    comparator printed in its own 指标性质 cell (``≥`` | ``90`` | ``%``)."""
    return text in QUALITATIVE_VALUES or is_value_like(text) or bool(OP_ONLY.match(norm(text)))


def two_l2_then_value(run: list[str], rest: list[Piece]) -> bool:
    """The last label of a run is the 三级 name when a value follows it: a 二级 label is always
    followed by a name, never by a value (one cell per line, or cells of a text line).

    ``服务对象满意度指标`` / ``服务对象满意度`` / ``≥90%``: two 二级 labels, the second is the
    name; ``… ≥85%`` / ``服务对象满意度`` / ``≥90%``: a short 二级 wording (no ``指标``) right
    before a value is a name. A 二级 group with no row under it is followed by another label."""
    if not run or not rest or not is_l2(run[-1]):
        return False
    if not starts_a_value(rest[0].clean):
        return False
    if len(run) >= 2 and is_l2(run[-2]):
        return True
    return not compact(run[-1]).endswith("指标") and not is_l1(run[-1])
