"""Explanations: every score says its rule, formula, inputs, result and what full marks need."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def round2(value: Decimal) -> Decimal:
    """Half-up to 0.01 (得分保留两位小数)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(value: Decimal | None) -> str:
    """A number as people write it: no exponent, no needless trailing zeros."""
    if value is None:
        return "—"
    if value == value.to_integral_value():
        return format(value.quantize(Decimal(1)), "f")
    return format(value.normalize(), "f")


@dataclass(frozen=True, slots=True)
class Explanation:
    rule: str  # 正向 ≥ / 反向 ≤ (ratio) / 区间 / 定性 / 预算执行率 …
    formula: str  # w × A / T
    inputs: tuple[tuple[str, str], ...] = ()  # ("w", "10"), ("T", "64539人"), ("A", "60000人")
    working: str = ""  # 10 × 60000 / 64539 = 9.30
    result: Decimal | None = None
    full_marks: str | None = None  # set when below full marks: "A ≥ 64539人 gives full marks"
    notes: tuple[str, ...] = ()

    def text(self) -> str:
        parts = [f"{self.rule}: {self.formula}"]
        if self.inputs:
            parts.append("; ".join(f"{k} = {v}" for k, v in self.inputs))
        if self.working:
            parts.append(self.working)
        text = " | ".join(parts)
        if self.full_marks:
            text += f" ({self.full_marks})"
        for note in self.notes:
            text += f" [{note}]"
        return text

    def short(self) -> str:
        """One line for tables: the working, and what full marks need when they were missed."""
        if self.working.startswith("="):
            text = f"{self.rule}: {self.formula} {self.working}"
        else:
            text = f"{self.rule}: {self.working or self.formula}"
        return f"{text}; {self.full_marks}" if self.full_marks else text

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "formula": self.formula,
            "inputs": dict(self.inputs),
            "working": self.working,
            "result": None if self.result is None else format(self.result, "f"),
            "full_marks": self.full_marks,
            "notes": list(self.notes),
            "text": self.text(),
        }


def pts(value: Decimal) -> str:
    """A score with its two decimals: ``9.30``."""
    return format(round2(value), "f")
