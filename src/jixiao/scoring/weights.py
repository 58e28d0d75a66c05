"""Indicator weights (分值/权重): the table's own, else the scheme's 一级 weights split equally.

* The table's own weights are used when every indicator has one; they must add up to the
  scheme's indicator total (100 minus the budget weight), a problem otherwise.
* Else each 一级 bucket's weight is split equally over its 三级指标, rounded half-up to 0.01
  with the remainder on the last indicator, so every bucket sums exactly.
* A bucket without indicators gives its weight to the others in proportion to their weights
  (rounded the same way, remainder on the last bucket).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.model import Indicator
from jixiao.scoring import codes
from jixiao.scoring.codes import Finding
from jixiao.scoring.explain import fmt, round2
from jixiao.scoring.schemes import INDICATOR_BUCKETS, Bucket, Scheme

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class WeightPlan:
    weights: tuple[Decimal | None, ...]  # per indicator, None when it cannot be weighted
    buckets: tuple[Bucket | None, ...]
    bucket_weights: dict[Bucket, Decimal]  # after redistribution (scheme split only)
    from_table: bool
    findings: tuple[tuple[int | None, Finding], ...] = field(default=())  # (indicator index, …)

    @property
    def total(self) -> Decimal:
        return sum((w for w in self.weights if w is not None), ZERO)


def split_evenly(total: Decimal, parts: Sequence[Decimal]) -> list[Decimal]:
    """``total`` shared in proportion to ``parts``: half-up to 0.01, remainder on the last."""
    whole = sum(parts, ZERO)
    shares = [round2(total * p / whole) for p in parts[:-1]]
    return [*shares, total - sum(shares, ZERO)]


def plan_weights(indicators: Sequence[Indicator], scheme: Scheme) -> WeightPlan:
    buckets = tuple(scheme.bucket_of(ind.category) for ind in indicators)
    given = [ind.weight for ind in indicators]
    if indicators and all(w is not None for w in given):
        return _table_weights(tuple(given), buckets, scheme)
    findings: list[tuple[int | None, Finding]] = []
    if any(w is not None for w in given):
        message = (
            f"{sum(w is not None for w in given)} of {len(given)} indicators carry a weight; "
            "the scheme's weights are used for all — give every indicator a weight or none"
        )
        findings.append((None, Finding(codes.WEIGHT_PARTIAL, message)))
    for index, (ind, bucket) in enumerate(zip(indicators, buckets, strict=True)):
        if bucket is None:
            message = (
                f"indicator {ind.name!r}: 一级 {ind.level1 or '(none)'} / 二级 "
                f"{ind.level2 or '(none)'} names no category of scheme {scheme.name}; "
                "it gets no weight and no score"
            )
            findings.append((index, Finding(codes.NO_CATEGORY, message)))
    return _scheme_weights(buckets, scheme, findings)


def _table_weights(
    given: tuple[Decimal | None, ...], buckets: tuple[Bucket | None, ...], scheme: Scheme
) -> WeightPlan:
    weights = tuple(w for w in given)
    total = sum((w for w in weights if w is not None), ZERO)
    findings: tuple[tuple[int | None, Finding], ...] = ()
    if total != scheme.indicator_total:
        message = (
            f"the indicators' weights add up to {fmt(total)}, not {fmt(scheme.indicator_total)} "
            f"(100 minus {fmt(scheme.weights[Bucket.BUDGET])} for budget execution); "
            "the printed weights are used as they are"
        )
        findings = ((None, Finding(codes.WEIGHT_SUM, message)),)
    per_bucket: dict[Bucket, Decimal] = {}
    for w, b in zip(weights, buckets, strict=True):
        if b is not None and w is not None:
            per_bucket[b] = per_bucket.get(b, ZERO) + w
    return WeightPlan(weights, buckets, per_bucket, True, findings)


def _scheme_weights(
    buckets: tuple[Bucket | None, ...],
    scheme: Scheme,
    findings: list[tuple[int | None, Finding]],
) -> WeightPlan:
    present = [b for b in INDICATOR_BUCKETS if b in buckets]
    if not present:
        findings.append((None, Finding(codes.NO_SCORABLE, "no indicator of a known category")))
        return WeightPlan(tuple(None for _ in buckets), buckets, {}, False, tuple(findings))
    shares = split_evenly(scheme.indicator_total, [scheme.weights[b] for b in present])
    bucket_weights = dict(zip(present, shares, strict=True))
    missing = [b for b in INDICATOR_BUCKETS if b not in present]
    if missing:
        gave = ", ".join(f"{b.value} {fmt(scheme.weights[b])}" for b in missing)
        got = ", ".join(f"{b.value} {fmt(w)}" for b, w in bucket_weights.items())
        message = f"no indicator in {gave}: its weight goes to the others in proportion ({got})"
        findings.append((None, Finding(codes.REDISTRIBUTED, message)))
    weights: list[Decimal | None] = [None] * len(buckets)
    for bucket, bucket_weight in bucket_weights.items():
        members = [i for i, b in enumerate(buckets) if b is bucket]
        for i, w in zip(
            members, split_evenly(bucket_weight, [Decimal(1)] * len(members)), strict=True
        ):
            weights[i] = w
    return WeightPlan(tuple(weights), buckets, bucket_weights, False, tuple(findings))
