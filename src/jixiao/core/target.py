"""The parsed target value (指标值) record; the grammar that reads and writes it is ``values``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum


class TargetKind(StrEnum):
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"
    RANGE = "range"
    NONE = "none"


class Op(StrEnum):
    GE = ">="
    LE = "<="
    GT = ">"
    LT = "<"
    EQ = "="

    @property
    def symbol(self) -> str:
        """The printed symbol: ``≥ ≤ > < =``."""
        return {">=": "≥", "<=": "≤"}.get(self.value, self.value)


class Direction(StrEnum):
    POSITIVE = "正向"  # ≥ > = (and a bare number)
    NEGATIVE = "反向"  # ≤ <


@dataclass(frozen=True, slots=True)
class Target:
    """A parsed 指标值 that keeps its raw text.

    * quantitative: ``op`` (may be ``None`` for a bare ``51人``), ``value``, ``unit``;
    * range: ``low`` and ``high`` (``80%-90%``, ``±3%以内`` → -3..3), ``unit``;
    * qualitative: ``text`` (``良好``, ``有效推动``);
    * none: nothing (``---``, ``/``, empty).
    """

    raw: str
    kind: TargetKind
    op: Op | None = None
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None
    text: str | None = None

    @property
    def direction(self) -> Direction | None:
        if self.kind is not TargetKind.QUANTITATIVE:
            return None
        if self.op in (Op.LE, Op.LT):
            return Direction.NEGATIVE
        return Direction.POSITIVE

    @property
    def is_empty(self) -> bool:
        return self.kind is TargetKind.NONE

    def without_raw(self) -> Target:
        return replace(self, raw="")

    def as_dict(self) -> dict[str, str | None]:
        return {
            "raw": self.raw,
            "kind": self.kind.value,
            "op": self.op.value if self.op else None,
            "value": _dec(self.value),
            "low": _dec(self.low),
            "high": _dec(self.high),
            "unit": self.unit,
            "text": self.text,
            "direction": self.direction.value if self.direction else None,
        }


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


NO_TARGET = Target(raw="", kind=TargetKind.NONE)
