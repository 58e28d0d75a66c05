"""``parse_target``: the value cell plus the separate 指标性质 (op) and 度量单位 (unit) cells."""

from __future__ import annotations

from functools import lru_cache

from jixiao.core.grammar.formatter import format_target
from jixiao.core.grammar.parser import normalize, parse_op, read, read_approximate, unit_word
from jixiao.core.target import Target, TargetKind
from jixiao.core.units import MULTIPLIERS


def parse_target(raw: str | None, *, unit: str | None = None, op: str | None = None) -> Target:
    """Parse a printed 指标值; never raises.

    ``unit`` and ``op`` come from separate 度量单位 / 指标性质 cells. They fill in what the value
    cell lacks and never override it: ``parse_target("=100", unit="%")`` is ``=100%``,
    ``parse_target("100", op="大于等于", unit="人")`` is ``≥100人``.
    """
    # Callers should pass text; a number that slipped through is read, not dropped.
    source = raw if isinstance(raw, str) else ("" if raw is None else str(raw))
    try:
        return _cached_parse(
            source, unit if isinstance(unit, str) else None, op if isinstance(op, str) else None
        )
    except Exception:  # the contract is "never raises": a value we cannot read is kept as text
        text = " ".join(source.split())
        return Target(
            raw=source, kind=TargetKind.QUALITATIVE if text else TargetKind.NONE, text=text or None
        )


@lru_cache(maxsize=16384)  # tables repeat the same few values (100%, ≥90%); Target is immutable
def _cached_parse(raw: str, unit_cell: str | None, op_cell: str | None) -> Target:
    return _parse(raw, unit_cell, op_cell)


def _parse(raw: str, unit_cell: str | None, op_cell: str | None) -> Target:
    text = normalize(raw)
    target = read(text).target(raw, text)
    if target.kind not in (TargetKind.QUANTITATIVE, TargetKind.RANGE):
        return target
    cell_op = (
        parse_op(op_cell) if target.kind is TargetKind.QUANTITATIVE and not target.op else None
    )
    unit = _merged_unit(target.unit, unit_cell)
    if cell_op is None and unit == target.unit:
        return target
    combined = Target(
        raw=raw,
        kind=target.kind,
        op=target.op or cell_op,
        value=target.value,
        low=target.low,
        high=target.high,
        unit=unit,
    )
    # Re-read the canonical text so that the result is exactly what format/parse agree on
    # (``2024`` with a 年 cell is the date ``2024年``, a qualitative answer).
    canonical = normalize(format_target(combined))
    return read(canonical).target(raw, canonical)


def _merged_unit(own: str | None, cell: str | None) -> str | None:
    """The value's own unit wins; a bare multiplier joins the cell's unit (``28600万`` + ``元``)."""
    cell_unit = unit_word(normalize(cell)) if cell else None
    if cell_unit is None:
        return own
    if own is None:
        return cell_unit
    if own in MULTIPLIERS and not cell_unit.startswith(tuple(MULTIPLIERS)):
        return unit_word(own + cell_unit) or own
    return own


def approximate_target(target: Target) -> Target | None:
    """The number an approximate value means: ``约100人`` / ``95%左右`` (read as qualitative
    text by :func:`parse_target`) → ``100人`` / ``95%`` with no comparator, ``raw`` kept;
    ``None`` for any other target. For checks that want to compare such a value."""
    if target.kind is not TargetKind.QUALITATIVE or not target.text:
        return None
    reading = read_approximate(normalize(target.text))
    return reading.target(target.raw, target.text) if reading is not None else None
