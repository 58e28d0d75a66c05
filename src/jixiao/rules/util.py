"""Small helpers the rule families share: units, money, the printed row of an indicator."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from jixiao.core.model import GoalTable, Indicator
from jixiao.core.money import Amount, MoneyUnit
from jixiao.core.target import Op, Target, TargetKind
from jixiao.core.text import canonical
from jixiao.core.vocabulary import Level1, Level2, classify_level1, classify_level2
from jixiao.rules.words import compact

_PERCENT_UNITS = frozenset({"%", "％", "百分比", "百分点"})
_MONEY_UNITS = {
    "元": MoneyUnit.YUAN,
    "万元": MoneyUnit.WAN,
    "万": MoneyUnit.WAN,
    "亿元": MoneyUnit.YI,
    "亿": MoneyUnit.YI,
}
_AMOUNT_TEXT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元|亿|万)")


@lru_cache(maxsize=65536)
def _level1(level1: str | None, level2: str | None, name: str) -> Level1:
    return classify_level1(level1, level2, name)


@lru_cache(maxsize=4096)
def _level2(level2: str | None) -> Level2:
    return classify_level2(level2)


def category(ind: Indicator) -> Level1:
    """``ind.category``, cached on the printed labels (label normalisation is costly)."""
    return _level1(ind.level1, ind.level2, ind.name)


def subcategory(ind: Indicator) -> Level2:
    return _level2(ind.level2)


def is_quantitative(target: Target) -> bool:
    return target.kind in (TargetKind.QUANTITATIVE, TargetKind.RANGE)


def is_percent(target: Target) -> bool:
    return target.unit is not None and target.unit.strip() in _PERCENT_UNITS


def money_unit(target: Target) -> MoneyUnit | None:
    """The money unit of a target (``≤65万元``), ``None`` for rates such as ``元/人``."""
    if target.unit is None:
        return None
    return _MONEY_UNITS.get(compact(target.unit))


def money_of(target: Target) -> Amount | None:
    unit = money_unit(target)
    if unit is None or target.kind is not TargetKind.QUANTITATIVE or target.value is None:
        return None
    return Amount(target.value, unit)


def amount_in_text(text: str) -> Amount | None:
    """The first amount with a money unit in free text (``合计 4000.5万元``)."""
    found = _AMOUNT_TEXT.search(canonical(text))
    if found is None:
        return None
    return Amount(Decimal(found.group(1).replace(",", "")), _MONEY_UNITS[found.group(2)])


def is_upper_bound(target: Target) -> bool:
    """``≤``, ``<``, ``=`` or a bare value: the figure is a ceiling or a fixed amount."""
    return target.op in (None, Op.LE, Op.LT, Op.EQ)


def is_lower_bound(target: Target) -> bool:
    """``≥``, ``>``, ``=`` or a bare value: the figure must be reached."""
    return target.op in (None, Op.GE, Op.GT, Op.EQ)


def indicator_row(ind: Indicator) -> str:
    """The row as printed: ``一级 | 二级 | 三级 | 实施周期指标值 | 当年度指标值``."""
    parts = (ind.level1, ind.level2, ind.name, ind.period_target.raw, ind.annual_target.raw)
    return " | ".join(p or "" for p in parts)


def label(ind: Indicator) -> str:
    """How messages name an indicator: ``「预算执行率」``."""
    return f"「{ind.name}」"


def fmt_dec(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def header_raw(table: GoalTable, field: str) -> str | None:
    """The printed value of a header field, for the line under a finding (``None`` if blank)."""
    h = table.header
    if field == "period":
        p = h.period
        if p.start is None and p.end is None:
            return None
        return f"实施周期: {p.start or '?'}–{p.end or '?'}"
    if field == "budget":
        return None if h.budget.amount is None else f"预算金额: {h.budget.amount}"
    value = getattr(h, field, None)
    if value is None or not str(value).strip():
        return None
    return f"{_HEADER_LABELS.get(field, field)}: {value}"


_HEADER_LABELS = {
    "name": "项目名称",
    "department": "主管部门",
    "unit": "用款单位",
    "type": "项目类型",
    "level": "项目等级",
    "annual_goal": "年度目标",
    "period_goal": "实施周期总目标",
    "year": "年度",
}
