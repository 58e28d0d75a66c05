"""Money as ``Decimal`` with its unit (元 / 万元 / 亿元); exact conversion, never float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum


class MoneyUnit(StrEnum):
    YUAN = "元"
    WAN = "万元"
    YI = "亿元"


_FACTOR = {MoneyUnit.YUAN: Decimal(1), MoneyUnit.WAN: Decimal(10_000), MoneyUnit.YI: Decimal(10**8)}


def to_decimal(value: str | int | Decimal) -> Decimal:
    """The one way into ``Decimal``: from text or int, never from float (floats are rejected)."""
    if isinstance(value, (bool, float)):
        raise TypeError("money and percentages are never built from float")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    try:
        return Decimal(value.replace(",", "").strip())
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {value!r}") from exc


def normalize(value: Decimal) -> Decimal:
    """Drop trailing zeros of a converted amount without switching to exponent notation."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


@dataclass(frozen=True, slots=True)
class Amount:
    value: Decimal
    unit: MoneyUnit = MoneyUnit.WAN

    def to(self, unit: MoneyUnit) -> Amount:
        if unit is self.unit:
            return self
        return Amount(normalize(self.value * _FACTOR[self.unit] / _FACTOR[unit]), unit)

    def in_wan(self) -> Decimal:
        return self.to(MoneyUnit.WAN).value

    def __str__(self) -> str:
        return f"{self.value}{self.unit.value}"
