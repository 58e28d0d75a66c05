"""Benchmark ``jixiao check``: tables per second, and time in rules vs. parsing.

Generates N goal tables (default 10,000) in the Dongguan text layout, varied per table
(names, departments, budgets, targets), writes them to one text file, then measures in
the same process:

* parsing: ``parse_file`` on the generated file (reader + builder);
* baseline: the review engine with one trivial rule (R101), i.e. engine overhead;
* rules: the full ``legacy`` catalog over the same tables.

Run standalone: ``.venv/bin/python bench/bench_check.py [--tables N]``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import jixiao.rules.catalog  # noqa: F401  (registers the rules before timing)
from jixiao.rules import TableRef, review
from jixiao.services.parsing import parse_file
from jixiao.services.review import resolve_config

HEADER = """## 项目绩效目标表

项目名称\t\t{name}\t\t\t
项目类型\t\t其他事业发展性支出\t\t\t
项目等级\t\t二级项目\t\t\t
主管部门\t\t{dept}\t\t\t
用款单位\t\t{dept}\t\t\t
实施周期\t\t起始年度\t2024年\t到期年度\t2024年
2024年预算金额\t\t{budget}万元\t\t\t
总体绩效目标\t\t实施周期总目标\t\t\t
\t\t---\t\t\t
\t\t2024年度目标\t\t\t
\t\t{goal}\t\t\t
绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t当年度指标值
"""
ROWS = [
    ("产出指标", "数量指标", "年均参保缴费人数", "≥{n}人"),
    ("", "质量指标", "补助合规率", "100%"),
    ("", "", "资料审核规范性", "规范"),
    ("", "时效指标", "资金按时到位率", "100%"),
    ("", "成本指标", "预算执行率", "≥{p}%"),
    ("效益指标", "社会效益指标", "政策知晓度", "≥{p}%"),
    ("", "", "保障工作有效性", "良好"),
    ("", "可持续影响指标", "政策可持续性", "有效推动"),
    ("满意度指标", "服务对象满意度指标", "调查参保人数", "≥{n2}人"),
    ("", "", "调查参保人员满意度", "≥{p}%"),
]


def generate(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts = []
    for i in range(count):
        goal = f"按文件规定及时向合格对象发放第{i}批社保补贴，保障参保人医疗待遇。"
        if i % 50 == 0:
            goal = "保障工作顺利开展，提高服务水平。"  # copy-pasted goals for R251
        parts.append(
            HEADER.format(
                name=f"社会保障项目{i}",
                dept=f"第{i // 100}社会保险基金管理中心",
                budget=f"{rng.randint(1, 500000) / 100:.2f}",
                goal=goal,
            )
        )
        for level1, level2, name, target in ROWS:
            value = target.format(
                n=rng.randint(100, 90000), p=rng.choice((85, 90, 95, 120)), n2=rng.randint(50, 500)
            )
            parts.append(f"\t{level1}\t{level2}\t{name}\t---\t{value}\n")
        parts.append("\n\n")
    return "".join(parts)


def timed(func, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = func(*args)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=10_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.txt"
        path.write_text(generate(args.tables), encoding="utf-8")
        doc, t_parse = timed(parse_file, path)
    refs = [TableRef(doc.source, i, t) for i, t in enumerate(doc.tables)]
    n = len(refs)
    baseline_cfg = resolve_config("legacy", select=["R101"])
    full_cfg = resolve_config("legacy")
    _, t_base = timed(review, refs, baseline_cfg)
    result, t_rules = timed(review, refs, full_cfg)
    findings = len(result.findings)
    total = t_parse + t_rules

    print(f"tables generated: {args.tables}, read back: {n}, parse problems: {len(doc.problems)}")
    print(f"parse  : {t_parse:8.2f} s  {n / t_parse:10.0f} tables/s")
    print(f"engine : {t_base:8.2f} s  {n / t_base:10.0f} tables/s  (baseline: one rule, R101)")
    print(f"rules  : {t_rules:8.2f} s  {n / t_rules:10.0f} tables/s  ({findings} findings)")
    print(f"check  : {total:8.2f} s  {n / total:10.0f} tables/s  (parse + rules)")
    print(f"share of time: rules {t_rules / total:.0%}, parsing {t_parse / total:.0%}")
    print(f"full catalog / baseline engine: {t_rules / t_base:.1f}x")


if __name__ == "__main__":
    main()
