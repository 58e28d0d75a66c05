"""Unit comparison for scoring, on top of :mod:`jixiao.core.units`.

Same unit, or exactly convertible (元 ↔ 万元, % ↔ 百分比, 粒 ↔ 万粒); anything else is a
mismatch the evaluator must resolve, never a guess.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core import units


def normalize_unit(unit: str | None) -> str:
    """Canonical spelling of a unit; ``""`` for none."""
    return units.canonical_unit(unit) or ""


def conversion_factor(from_unit: str | None, to_unit: str | None) -> Decimal | None:
    """Multiply a value in ``from_unit`` by this to get ``to_unit``; ``None`` if not convertible."""
    if not units.convertible(from_unit, to_unit):
        return None
    try:
        return units.convert(Decimal(1), from_unit, to_unit)
    except ValueError:
        return None
