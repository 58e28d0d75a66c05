"""Benchmark scoring: indicators per second for self-evaluation, monitoring and matching.

Builds N goal tables (default 2,000, 17 indicators each: numbers with units, rates, ranges,
reverse limits, qualitative rows) and matching actuals in memory, then measures in the same
process:

* baseline: ``plan_weights`` alone (the cheapest full pass over every table);
* matching: the actuals rows matched to tables (``match_actuals``, includes target parsing);
* scoring: ``evaluate_table`` over every table (weights, rules, explanations, budget);
* monitoring: ``monitor_table`` at month 7.

Run standalone: ``.venv/bin/python bench/bench_score.py [--tables N]``.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from decimal import Decimal

from jixiao.core.model import Budget, GoalTable, Header, Indicator, TableKind
from jixiao.core.money import Amount
from jixiao.core.values import parse_target
from jixiao.scoring.matching import ActualsSheet, match_actuals
from jixiao.scoring.monitoring import monitor_table
from jixiao.scoring.schemes import load_scheme
from jixiao.scoring.selfeval import evaluate_table
from jixiao.scoring.weights import plan_weights

ROWS = [
    ("产出指标", "数量指标", "参保人数", "≥{n}人", "{a}人"),
    ("产出指标", "数量指标", "培训场次", "{k}场", "{b}场"),
    ("产出指标", "质量指标", "合规率", "100%", "{p}%"),
    ("产出指标", "质量指标", "资料规范性", "规范", "达成"),
    ("产出指标", "时效指标", "到位率", "≥95%", "{p}%"),
    ("产出指标", "成本指标", "人均成本", "≤500元", "{c}元"),
    ("产出指标", "成本指标", "项目总成本", "≤90万元", "{w}万元"),
    ("效益指标", "社会效益指标", "改善程度", "良好", "部分达成年度指标并具有一定效果"),
    ("效益指标", "社会效益指标", "知晓度", "≥85%", "{p}%"),
    ("效益指标", "经济效益指标", "增收幅度", "5%-10%", "{r}%"),
    ("效益指标", "可持续影响指标", "可持续性", "良好", "达成预期指标"),
    ("效益指标", "社会效益指标", "事故次数", "0次", "{z}次"),
    ("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "{p}%"),
    ("满意度指标", "服务对象满意度指标", "投诉处理率", "100%", "100%"),
    ("满意度指标", "服务对象满意度指标", "调查人数", "≥200人", "{s}人"),
    ("满意度指标", "服务对象满意度指标", "回访率", ">80%", "{p}%"),
    ("满意度指标", "服务对象满意度指标", "减少率", ">0", "{r}"),
]


def build(n_tables: int, seed: int = 7) -> tuple[list[GoalTable], ActualsSheet]:
    rng = random.Random(seed)
    tables: list[GoalTable] = []
    rows: list[tuple[int, tuple[str, ...]]] = []
    for t in range(n_tables):
        name = f"项目{t:05d}"
        values = {
            "n": rng.randint(100, 90000),
            "k": rng.randint(5, 60),
            "p": rng.randint(70, 100),
            "c": rng.randint(300, 700),
            "w": rng.randint(60, 120),
            "r": rng.randint(0, 15),
            "z": rng.choice([0, 0, 1]),
            "s": rng.randint(150, 260),
        }
        values["a"] = values["n"] * rng.randint(80, 110) // 100
        values["b"] = values["k"] * rng.randint(50, 120) // 100
        indicators = tuple(
            Indicator(l1, l2, n, annual_target=parse_target(target.format(**values)))
            for l1, l2, n, target, _ in ROWS
        )
        budget = Decimal(rng.randint(10, 5000))
        header = Header(name=name, budget=Budget(amount=Amount(budget)))
        tables.append(GoalTable(TableKind.GOAL, header, indicators))
        for _, _, n, _, actual in ROWS:
            rows.append((len(rows) + 2, (name, n, actual.format(**values), "")))
        executed = budget * rng.randint(70, 105) // 100
        rows.append((len(rows) + 2, (name, "预算执行", str(executed), "原因")))
    sheet = ActualsSheet(
        "bench.csv", ("项目名称", "三级指标", "实际完成值", "偏差原因"), tuple(rows)
    )
    return tables, sheet


def timed(label: str, fn: Callable[[], object], count: int, baseline: float | None) -> float:
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    ratio = f"  ×{seconds / baseline:6.1f} baseline" if baseline else ""
    print(f"{label:<12} {seconds:8.3f} s  {count / seconds:12,.0f} indicators/s{ratio}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=2000)
    args = parser.parse_args()
    scheme = load_scheme()
    tables, sheet = build(args.tables)
    count = sum(len(t.indicators) for t in tables)
    print(f"{len(tables)} tables, {count} indicators")
    base = timed(
        "baseline", lambda: [plan_weights(t.indicators, scheme) for t in tables], count, None
    )
    matched = match_actuals(tables, sheet)
    assert not matched.problems, matched.problems[:3]
    timed("matching", lambda: match_actuals(tables, sheet), count, base)
    pairs = list(zip(tables, matched.inputs, strict=True))
    results = [evaluate_table(t, i, scheme) for t, i in pairs]
    assert all(r.complete for r in results)
    timed("scoring", lambda: [evaluate_table(t, i, scheme) for t, i in pairs], count, base)
    timed("monitoring", lambda: [monitor_table(t, i, 7, scheme) for t, i in pairs], count, base)
    mean = sum(r.total for r in results) / len(results)
    print(f"mean total {mean:.2f}")


if __name__ == "__main__":
    main()
