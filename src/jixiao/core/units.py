"""Units of measure (度量单位): canonical names, aliases, dimensions and exact conversions.

Every known unit belongs to a *dimension*; two units convert into each other only when they
share one, and the factor between them is an exact ``Decimal`` (``万元`` = 10000 ``元``,
``公里`` = 1000 ``米``). Units whose relation is inexact or conventional are separate
dimensions on purpose: ``亩`` (≈666.67 ㎡), ``天`` vs ``个工作日``, ``%`` vs ``个百分点``.

Count units (``人``, ``次``, ``粒``…) are each their own dimension, so only their multiplier
forms convert (``万粒`` = 10000 ``粒``). A unit written with ``/`` (``元/人``, ``万/月``)
converts when the numerators convert and the denominators are the same units.

``None`` (no unit) and the bare multipliers ``万``/``亿``… form the dimension of plain
numbers: ``28600万`` converts to ``286000000``.
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from functools import lru_cache

from jixiao.core.text import nfkc, simplify

__all__ = [
    "ALIASES",
    "KNOWN_UNITS",
    "MULTIPLIERS",
    "canonical_unit",
    "convert",
    "convertible",
    "dimension",
    "factor",
    "is_known_unit",
    "is_money",
    "is_percent",
]

_D = Decimal
_NUMBER = "number"

# canonical name -> (dimension, factor to the dimension's base unit)
_TABLE: dict[str, tuple[str, Decimal]] = {
    # money (金额)
    "元": ("money", _D(1)),
    "千元": ("money", _D(1000)),
    "万元": ("money", _D(10_000)),
    "亿元": ("money", _D(10**8)),
    # ratios
    "%": ("ratio", _D("0.01")),
    "‰": ("ratio", _D("0.001")),
    "个百分点": ("percentage-point", _D(1)),
    "倍": ("倍", _D(1)),
    # length
    "米": ("length", _D(1)),
    "厘米": ("length", _D("0.01")),
    "公里": ("length", _D(1000)),
    # area (亩 is deliberately absent: 1 亩 = 666.67 ㎡ is not exact)
    "平方米": ("area", _D(1)),
    "公顷": ("area", _D(10_000)),
    "平方公里": ("area", _D(10**6)),
    "亩": ("亩", _D(1)),
    # volume
    "立方米": ("volume", _D(1)),
    "升": ("volume", _D("0.001")),
    # mass
    "克": ("mass", _D("0.001")),
    "斤": ("mass", _D("0.5")),
    "千克": ("mass", _D(1)),
    "吨": ("mass", _D(1000)),
    # clock time; 天 and 个工作日 are separate (a 工作日 is not 24 hours)
    "秒": ("time", _D(1)),
    "分钟": ("time", _D(60)),
    "小时": ("time", _D(3600)),
    "天": ("days", _D(1)),
    "周": ("days", _D(7)),
    "个工作日": ("workdays", _D(1)),
    "月": ("months", _D(1)),
    "个月": ("months", _D(1)),
    "季度": ("months", _D(3)),
    "年": ("months", _D(12)),
    # teaching time
    "课时": ("课时", _D(1)),
    "学时": ("学时", _D(1)),
    # scores
    "分": ("分", _D(1)),
    # temperature (NFKC writes ℃ as °C); offsets are not factors, so no conversions
    "°C": ("temperature", _D(1)),
}

# Counted things: each is its own dimension (a 人 is not a 次).
# fmt: off
_COUNTS = (
    "人", "人次", "宗", "次", "个", "户", "项", "场", "份", "所", "家", "村", "粒", "株", "棵",
    "册", "本", "篇", "套", "台", "辆", "座", "处", "条", "批", "期", "班", "床", "张", "件",
    "名", "位", "只", "头", "间", "栋", "部", "支", "类", "门", "节", "届", "轮", "起", "例",
    "单", "笔", "块", "片", "组", "队", "校", "园", "点", "网", "站", "盏", "辆次", "户次",
    "篇次", "场次", "期次", "班次", "批次", "家次", "套次", "台次", "件次", "岁", "瓶", "箱",
    "袋", "盒", "双", "首", "幅", "集", "幢", "口", "眼", "孔", "羽", "匹", "吨次", "车次",
    "架次", "艘", "等",
)
# fmt: on
for _name in _COUNTS:
    _TABLE.setdefault(_name, (_name, _D(1)))

# Bare multipliers: numbers written with a Chinese magnitude (``28600万``).
_MULTIPLIERS: dict[str, Decimal] = {
    "十": _D(10),
    "百": _D(100),
    "千": _D(1000),
    "万": _D(10_000),
    "十万": _D(10**5),
    "百万": _D(10**6),
    "千万": _D(10**7),
    "亿": _D(10**8),
    "万亿": _D(10**12),
}
# Multipliers that may prefix another unit (``万人次``, ``亿元`` is already in the table).
_PREFIXES = ("万亿", "千万", "百万", "十万", "亿", "万", "千")

ALIASES: dict[str, str] = {
    "百分比": "%",
    "百分率": "%",
    "百分点": "个百分点",
    "千分比": "‰",
    "工作日": "个工作日",
    "日": "天",
    "自然日": "天",
    "星期": "周",
    "个星期": "周",
    "个季度": "季度",
    "小时数": "小时",
    "h": "小时",
    "min": "分钟",
    "分钟数": "分钟",
    "km": "公里",
    "千米": "公里",
    "m": "米",
    "cm": "厘米",
    "m2": "平方米",
    "平米": "平方米",
    "平方": "平方米",
    "km2": "平方公里",
    "hm2": "公顷",
    "m3": "立方米",
    "方": "立方米",
    "l": "升",
    "kg": "千克",
    "公斤": "千克",
    "g": "克",
    "t": "吨",
    "圆": "元",
    "人民币": "元",
    "万元人民币": "万元",
    "元人民币": "元",
}

MULTIPLIERS: frozenset[str] = frozenset(_MULTIPLIERS)
"""The bare magnitudes ``十 百 千 万 十万 百万 千万 亿 万亿`` (``28600万`` is a number)."""

KNOWN_UNITS: frozenset[str] = frozenset(_TABLE) | MULTIPLIERS
"""Every canonical unit name (plus the bare multipliers ``万``, ``亿`` …)."""


def _fold(unit: str) -> str:
    # Repeat: dropping spaces can join a combining mark to a letter NFKC then composes.
    current = unit
    for _ in range(4):
        folded = simplify("".join(nfkc(current).split()))
        folded = folded.lower() if folded.isascii() else folded
        if folded == current:
            break
        current = folded
    return current


def _canonical_atom(atom: str) -> str:
    if atom in _TABLE or atom in _MULTIPLIERS:
        return atom
    if atom in ALIASES:
        return ALIASES[atom]
    lowered = atom.lower()
    if lowered in ALIASES:
        return ALIASES[lowered]
    for prefix in _PREFIXES:
        rest = atom[len(prefix) :]
        if atom.startswith(prefix) and rest and rest not in _MULTIPLIERS:
            base = _canonical_atom(rest)
            if base in _TABLE:
                return prefix + base
    return atom


@lru_cache(maxsize=4096)
def canonical_unit(unit: str | None) -> str | None:
    """The canonical spelling: ``百分比``→``%``, ``㎡``/``m2``→``平方米``, ``km``→``公里``.

    Blank gives ``None``; an unknown unit comes back folded (NFKC, Traditional characters of
    the label vocabulary simplified: ``萬元`` → ``万元``, no spaces) but otherwise verbatim.
    ``/`` splits compound units, each part canonicalised: ``m2/人`` → ``平方米/人``.
    """
    if unit is None:
        return None
    folded = _fold(unit)
    if not folded:
        return None
    if "/" in folded:
        parts = folded.split("/")
        if all(parts):
            return "/".join(_canonical_atom(part) for part in parts)
        return folded
    return _canonical_atom(folded)


def is_known_unit(unit: str | None) -> bool:
    """True for a unit of the vocabulary (after aliases), a multiplier form, or ``None``."""
    return _atom_measure(canonical_unit(unit)) is not None if unit is not None else True


def _atom_measure(atom: str | None) -> tuple[str, Decimal] | None:
    if atom is None:
        return (_NUMBER, _D(1))
    if atom in _TABLE:
        return _TABLE[atom]
    if atom in _MULTIPLIERS:
        return (_NUMBER, _MULTIPLIERS[atom])
    for prefix in _PREFIXES:
        rest = atom[len(prefix) :]
        if atom.startswith(prefix) and rest in _TABLE:
            dim, base = _TABLE[rest]
            return (dim, base * _MULTIPLIERS[prefix])
    return None


def _measure(unit: str | None) -> tuple[str, Decimal] | None:
    canon = canonical_unit(unit)
    if canon is None or canon in _TABLE:
        return _atom_measure(canon)
    if "/" not in canon:
        return _atom_measure(canon)
    head, *rest = canon.split("/")
    top = _atom_measure(head)
    if top is None:
        return None
    dim, value = top
    denominators: list[str] = []
    for part in rest:
        below = _atom_measure(part)
        if below is None:  # an unknown denominator (人.每天) must match verbatim
            denominators.append(part)
            continue
        denominators.append(below[0])
        value = value / below[1]
    return (dim + "/" + "/".join(denominators), value)


def dimension(unit: str | None) -> str | None:
    """The dimension name (``money``, ``ratio``, ``length``, ``人``…) or ``None`` if unknown."""
    measure = _measure(unit)
    return measure[0] if measure else None


def factor(unit: str | None) -> Decimal | None:
    """The exact factor to the dimension's base unit (``万元`` → 10000), ``None`` if unknown."""
    measure = _measure(unit)
    return measure[1] if measure else None


def convertible(a: str | None, b: str | None) -> bool:
    """True when values in ``a`` and ``b`` convert exactly (``元``↔``万元``, ``%``↔``百分比``).

    Unknown units are convertible only with the same spelling (factor 1).
    """
    if canonical_unit(a) == canonical_unit(b):
        return True
    ma, mb = _measure(a), _measure(b)
    return ma is not None and mb is not None and ma[0] == mb[0]


def convert(value: Decimal, from_unit: str | None, to_unit: str | None) -> Decimal:
    """``value`` in ``from_unit`` expressed in ``to_unit``; ``ValueError`` if not convertible.

    Factors are exact; a result that cannot be written exactly (100 秒 in 分钟) is rounded
    to the current ``decimal`` context precision.
    """
    if canonical_unit(from_unit) == canonical_unit(to_unit):
        return value
    ma, mb = _measure(from_unit), _measure(to_unit)
    if ma is None or mb is None or ma[0] != mb[0]:
        raise ValueError(f"cannot convert {from_unit!r} to {to_unit!r}")
    return _plain(value * ma[1] / mb[1])


def _plain(value: Decimal) -> Decimal:
    """Drop trailing zeros without exponent notation (``5E+1`` → ``50``)."""
    if not value.is_finite():
        return value
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        with localcontext() as ctx:
            ctx.prec = max(ctx.prec, len(normal.as_tuple().digits) + exponent + 1)
            return normal.quantize(_D(1))
    return normal


def is_money(unit: str | None) -> bool:
    """``元``, ``千元``, ``万元``, ``亿元`` (not ``元/人``, a rate)."""
    return dimension(unit) == "money"


def is_percent(unit: str | None) -> bool:
    """``%``, ``‰`` and their aliases (``百分比``); not ``百分点`` (a difference of percentages)."""
    return dimension(unit) == "ratio"
