"""Writing a :class:`Target` as canonical text (``≥64539人``, ``80-90%``, ``±3%``, ``---``)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.target import Target, TargetKind

NONE_TEXT = "---"


def number_text(value: Decimal) -> str:
    """Plain notation with the printed precision kept: ``3650.68``, ``100.00``, never ``1E+2``."""
    return format(value, "f")


def format_target(target: Target) -> str:
    """Canonical text; :func:`parse_target` reads it back to the same target (``raw`` aside)."""
    unit = target.unit or ""
    if target.kind is TargetKind.QUANTITATIVE and target.value is not None:
        symbol = target.op.symbol if target.op else ""
        return f"{symbol}{number_text(target.value)}{unit}"
    if target.kind is TargetKind.RANGE and target.low is not None and target.high is not None:
        return _range_text(target.low, target.high, unit)
    if target.kind is TargetKind.QUALITATIVE and target.text:
        return target.text
    if target.kind is TargetKind.QUALITATIVE:
        return target.raw.strip() or NONE_TEXT
    return NONE_TEXT


def _range_text(low: Decimal, high: Decimal, unit: str) -> str:
    if low < 0 and high == -low:
        return f"±{number_text(high)}{unit}"
    # ``-`` reads naturally (``80-90%``); ``~`` keeps negative bounds legible (``-5~-3``).
    separator = "-" if low >= 0 else "~"
    return f"{number_text(low)}{separator}{number_text(high)}{unit}"
