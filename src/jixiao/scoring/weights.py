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
from dataclasses import dataclass, field, replace
from decimal import Decimal

from jixiao.core.model import Indicator
from jixiao.core.vocabulary import Level1, Level2
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
    budget_weight: Decimal = Decimal(10)  # the 预算执行率 weight that goes with these weights

    @property
    def total(self) -> Decimal:
        return sum((w for w in self.weights if w is not None), ZERO)


def split_evenly(total: Decimal, parts: Sequence[Decimal]) -> list[Decimal]:
    """``total`` shared in proportion to ``parts``: half-up to 0.01, remainder on the last.

    Parts that add up to 0 (a scheme giving a category weight 0) share it equally.
    """
    whole = sum(parts, ZERO)
    if whole == 0:
        parts, whole = [Decimal(1)] * len(parts), Decimal(len(parts))
    shares = [round2(total * p / whole) for p in parts[:-1]]
    return [*shares, total - sum(shares, ZERO)]


def category_of(ind: Indicator) -> Level1:
    """The 一级 category that decides the weight bucket.

    Like 成本 (see :func:`jixiao.core.vocabulary.classify_level1`), a 满意度 二级 printed under
    效益 (88号-era tables: 效益指标 / 社会公众或服务对象满意度指标) counts as 满意度.
    """
    if ind.subcategory is Level2.SATISFACTION:
        return Level1.SATISFACTION
    return ind.category


def plan_weights(
    indicators: Sequence[Indicator],
    scheme: Scheme,
    printed_budget_weight: Decimal | None = None,
    *,
    printed_only: bool = False,
) -> WeightPlan:
    """Weights per indicator. ``printed_budget_weight`` is the table's own 预算执行 分值: it
    goes with the table's own indicator weights (S2: 一级 weights may be adjusted if the
    total stays 100) and is ignored when the scheme's split is used.

    ``printed_only`` (recheck of a published table): each row keeps its printed 分值 even when
    other rows lost theirs (a cut-off or garbled copy); rows without one are not weighted.
    """
    buckets = tuple(scheme.bucket_of(category_of(ind)) for ind in indicators)
    given = [ind.weight for ind in indicators]
    budget = scheme.weights[Bucket.BUDGET]
    if printed_budget_weight is not None and 0 <= printed_budget_weight < 100:
        budget = printed_budget_weight
    if indicators and all(w is not None for w in given):
        return _table_weights(tuple(given), buckets, budget)
    if printed_only and any(w is not None for w in given):
        message = (
            f"only {sum(w is not None for w in given)} of {len(given)} indicators show a "
            "printed 分值; the others cannot be rechecked"
        )
        partial = _table_weights(tuple(given), buckets, budget)
        return replace(partial, findings=((None, Finding(codes.WEIGHT_PARTIAL, message)),))
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
    given: tuple[Decimal | None, ...], buckets: tuple[Bucket | None, ...], budget: Decimal
) -> WeightPlan:
    weights = tuple(w for w in given)
    total = sum((w for w in weights if w is not None), ZERO)
    findings: tuple[tuple[int | None, Finding], ...] = ()
    expected = 100 - budget
    if total != expected:
        message = (
            f"the indicators' weights add up to {fmt(total)}, not {fmt(expected)} "
            f"(100 minus {fmt(budget)} for budget execution); "
            "the printed weights are used as they are"
        )
        findings = ((None, Finding(codes.WEIGHT_SUM, message)),)
    per_bucket: dict[Bucket, Decimal] = {}
    for w, b in zip(weights, buckets, strict=True):
        if b is not None and w is not None:
            per_bucket[b] = per_bucket.get(b, ZERO) + w
    return WeightPlan(weights, buckets, per_bucket, True, findings, budget)


def _scheme_weights(
    buckets: tuple[Bucket | None, ...],
    scheme: Scheme,
    findings: list[tuple[int | None, Finding]],
) -> WeightPlan:
    present = [b for b in INDICATOR_BUCKETS if b in buckets]
    if not present:
        findings.append((None, Finding(codes.NO_SCORABLE, "no indicator of a known category")))
        return WeightPlan(
            tuple(None for _ in buckets),
            buckets,
            {},
            False,
            tuple(findings),
            scheme.weights[Bucket.BUDGET],
        )
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
    return WeightPlan(
        tuple(weights),
        buckets,
        bucket_weights,
        False,
        tuple(findings),
        scheme.weights[Bucket.BUDGET],
    )
