"""Quantitative indicators (定量指标): 正向 ≥ > = and bare numbers, 反向 ≤ <, ranges.

w = weight, T = 年度指标值, A = 实际完成值 (A < 0 counts as 0, V2). Rules in docs/scoring.md.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.target import Op, Target, TargetKind
from jixiao.core.units import is_percent
from jixiao.scoring import codes
from jixiao.scoring.codes import Finding
from jixiao.scoring.explain import Explanation, fmt, pts, round2
from jixiao.scoring.outcome import Outcome
from jixiao.scoring.schemes import ReverseRule, Scheme
from jixiao.scoring.units import conversion_factor, normalize_unit

ZERO = Decimal(0)


def actual_in_target_unit(
    target: Target, actual: Target
) -> tuple[Decimal | None, str, tuple[Finding, ...]]:
    """A's value in T's unit, the unit to print, and findings (mismatch, assumed unit)."""
    assert actual.value is not None
    t_unit, a_unit = normalize_unit(target.unit), normalize_unit(actual.unit)
    if not t_unit or not a_unit:
        if t_unit == a_unit:
            return actual.value, "", ()
        shown = t_unit or a_unit
        if not a_unit and is_percent(t_unit) and 0 < actual.value <= 1:
            # 0.95 from an xlsx cell in General format: 95 % or 0.95 %? never guessed
            message = (
                f"actual {actual.raw or fmt(actual.value)!s} has no unit and the target "
                f"{target.raw!s} is in {t_unit}: it looks like a fraction — write it as a "
                f"percentage ({fmt(actual.value * 100)}{t_unit} or {fmt(actual.value)}{t_unit})"
            )
            return None, t_unit, (Finding(codes.FRACTION_FOR_PERCENT, message),)
        note = Finding(
            codes.UNIT_ASSUMED,
            f"actual {actual.raw or fmt(actual.value)!s} compared with target "
            f"{target.raw!s} as if both were in {shown}; write the unit to be sure",
        )
        return actual.value, shown, (note,)
    factor = conversion_factor(a_unit, t_unit)
    if factor is None:
        message = (
            f"actual {actual.raw or fmt(actual.value)} is in {a_unit}, the target {target.raw} in "
            f"{t_unit}; these units cannot be converted — give the actual in {t_unit}"
        )
        return None, t_unit, (Finding(codes.UNIT_MISMATCH, message),)
    return actual.value * factor, t_unit, ()


def score_quantitative(target: Target, actual: Target, weight: Decimal, scheme: Scheme) -> Outcome:
    """Score a number against a quantitative or range target."""
    value, unit, findings = actual_in_target_unit(target, actual)
    if value is None:
        return Outcome(None, None, findings)
    notes: tuple[str, ...] = ()
    if value < 0 and clamps_negative(target):
        notes = (f"negative actual {fmt(value)} counts as 0",)
        value = ZERO
    if target.kind is TargetKind.RANGE:
        outcome = _range(target, value, unit, weight, scheme)
    else:
        outcome = _single(target, value, unit, weight, scheme)
    if outcome.explanation is not None and notes:
        ex = outcome.explanation
        outcome = Outcome(
            outcome.score,
            Explanation(
                ex.rule,
                ex.formula,
                ex.inputs,
                ex.working,
                ex.result,
                ex.full_marks,
                (*ex.notes, *notes),
            ),
            outcome.findings,
        )
    return outcome.with_findings(*findings)


def _q(value: Decimal, unit: str) -> str:
    return f"{fmt(value)}{unit}"


def clamps_negative(target: Target) -> bool:
    """A < 0 counts as 0 (V2), except against a ± range (low < 0) where the sign matters."""
    return target.kind is not TargetKind.RANGE or (target.low or ZERO) >= 0


def clamp_actual(target: Target, value: Decimal) -> Decimal:
    return ZERO if value < 0 and clamps_negative(target) else value


def met(op: Op, a: Decimal, t: Decimal) -> bool:
    """Whether A meets T under ``op``: the one definition behind scores, monitoring lights and
    rechecks. 等于 is read as 正向 ≥ (V1), except against 0: ``安全事故 0次`` is met only by 0
    (as ``≤ 0`` and ``< 0`` are; counts are never negative)."""
    if t == 0 and op in (Op.EQ, Op.LE, Op.LT):
        return a <= 0
    return {
        Op.GE: a >= t,
        Op.EQ: a >= t,  # 等于 is scored as 正向 (V1)
        Op.GT: a > t,
        Op.LE: a <= t,
        Op.LT: a < t,
    }[op]


def _single(target: Target, a: Decimal, unit: str, w: Decimal, scheme: Scheme) -> Outcome:
    t = target.value
    # a bare number reads as ≥, but a bare 0 (安全事故 0次) can only mean "= 0"
    op = target.op or (Op.EQ if t == 0 else Op.GE)
    if t is None:
        return Outcome(None, None, (Finding(codes.NO_TARGET, f"target {target.raw} has no value"),))
    if t < 0:
        message = f"target {target.raw} is negative; state it as a reduction with ≤ instead"
        return Outcome(None, None, (Finding(codes.NEGATIVE_TARGET, message),))
    inputs = (("w", fmt(w)), ("T", f"{op.symbol}{_q(t, unit)}"), ("A", _q(a, unit)))
    if t == 0:
        return _zero_target(op, a, unit, w, inputs)
    sign = "=" if op is Op.EQ else op.symbol
    need = f"A {'≥' if op is Op.EQ else sign} {_q(t, unit)} gives full marks"
    if op in (Op.GE, Op.GT, Op.EQ):
        rule = f"正向 {sign}" if target.op else "正向 (bare number as ≥)"
        if met(op, a, t):
            return _full(rule, "A meets T: w", inputs, w)
        score = round2(w * a / t)
        working = f"{fmt(w)} × {fmt(a)} / {fmt(t)} = {pts(score)}"
        score, working = _below_full(score, w, working)
        return _partial(rule, "w × A / T", inputs, working, score, w, need)
    rule = f"反向 {op.symbol}"
    if met(op, a, t):
        return _full(rule, "A within T: w", inputs, w)
    return _reverse(rule, a, t, w, inputs, need, scheme)


def _reverse(
    rule: str,
    a: Decimal,
    t: Decimal,
    w: Decimal,
    inputs: tuple[tuple[str, str], ...],
    need: str,
    scheme: Scheme,
) -> Outcome:
    if scheme.reverse is ReverseRule.LINEAR:
        score = round2(max(ZERO, w * (1 - (a - t) / t)))
        working = f"max(0, {fmt(w)} × (1 − ({fmt(a)} − {fmt(t)}) / {fmt(t)})) = {pts(score)}"
        score, working = _below_full(score, w, working)
        return _partial(
            f"{rule} (linear)",
            "w × (1 − (A − T) / T), 0 from A = 2T",
            inputs,
            working,
            score,
            w,
            need,
        )
    score = round2(w * t / a)
    working = f"{fmt(w)} × {fmt(t)} / {fmt(a)} = {pts(score)}"
    score, working = _below_full(score, w, working)
    return _partial(f"{rule} (ratio)", "w × T / A", inputs, working, score, w, need)


def _zero_target(
    op: Op, a: Decimal, unit: str, w: Decimal, inputs: tuple[tuple[str, str], ...]
) -> Outcome:
    if op is Op.GE:
        return _full("T = 0 with ≥", "always met (A ≥ 0): w", inputs, w)
    if op is Op.GT:
        ok, need = a > 0, f"A > 0{unit} gives full marks"
        formula = "full marks when A > 0, else 0"
    else:
        ok, need = a <= 0, f"A = 0{unit} gives full marks"
        formula = "full marks when A ≤ 0, else 0"
    rule = f"T = 0 with {op.symbol}"
    if ok:
        return _full(rule, formula, inputs, w)
    return _partial(rule, formula, inputs, f"A = {_q(a, unit)} → 0", round2(ZERO), w, need)


def _range(target: Target, a: Decimal, unit: str, w: Decimal, scheme: Scheme) -> Outcome:
    low, high = target.low, target.high
    if low is None or high is None or low > high:
        return Outcome(None, None, (Finding(codes.NO_TARGET, f"range {target.raw} is not usable"),))
    inputs = (("w", fmt(w)), ("T", f"{_q(low, unit)}–{_q(high, unit)}"), ("A", _q(a, unit)))
    need = f"{_q(low, unit)} ≤ A ≤ {_q(high, unit)} gives full marks"
    if low <= a <= high:
        return _full("区间", "A inside [low, high]: w", inputs, w)
    if a < low:
        if low > 0:
            score = round2(w * a / low)
            working = f"{fmt(w)} × {fmt(a)} / {fmt(low)} = {pts(score)}"
            return _partial("区间, below", "w × A / low", inputs, working, score, w, need)
        # a ± range (low < 0): measure the shortfall on magnitudes, like a 反向 limit
        return _reverse("区间, below (magnitude)", -a, -low, w, inputs, need, scheme)
    if high == 0:
        return _partial("区间, above", "high = 0: 0", inputs, "A > 0 → 0", round2(ZERO), w, need)
    return _reverse("区间, above", a, high, w, inputs, need, scheme)


def _full(rule: str, formula: str, inputs: tuple[tuple[str, str], ...], w: Decimal) -> Outcome:
    score = round2(w)
    return Outcome(score, Explanation(rule, formula, inputs, f"= {pts(score)}", score))


_CENT = Decimal("0.01")


def _below_full(score: Decimal, w: Decimal, working: str) -> tuple[Decimal, str]:
    """A target not met never scores full marks: at the boundary of a strict comparator
    (A = T under > or <) the formula gives w, and the score is kept one hundredth below."""
    if score < round2(w):
        return score, working
    kept = round2(w) - _CENT
    return kept, f"{working}; A = T does not meet a strict target → {pts(kept)}"


def _partial(
    rule: str,
    formula: str,
    inputs: tuple[tuple[str, str], ...],
    working: str,
    score: Decimal,
    w: Decimal,
    need: str,
) -> Outcome:
    full = need if score < round2(w) else None
    return Outcome(score, Explanation(rule, formula, inputs, working, score, full))
