"""Benchmark: parse a generated text file of 10,000 goal tables.

Prints tables/s, indicators/s and peak memory, beside a baseline measured in the same process:
reading the same file and splitting it into tab-separated cells (the least any reader must do),
so the figure that matters is the ratio of our pipeline to that baseline.

    .venv/bin/python bench/bench_parse.py [--tables N]
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from jixiao.services.parsing import parse_file

ROWS = [
    ("产出指标", "数量指标", "年均参保缴费人数", "---", "≥{n}人"),
    ("", "质量指标", "补助合规率", "---", "100%"),
    ("", "", "资料审核规范性", "---", "规范"),
    ("", "时效指标", "资金按时到位率", "---", "≥{p}%"),
    ("", "成本指标", "项目总成本", "---", "≤{c}万元"),
    ("效益指标", "社会效益指标", "政策知晓度", "---", "≥{p}%"),
    ("", "可持续影响指标", "政策可持续性", "---", "良好"),
    ("满意度指标", "服务对象满意度指标", "调查对象满意度", "---", "≥90%"),
]


def generate(path: Path, tables: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(tables):
            budget = f"{rng.randint(1, 99999)}.{rng.randint(0, 99):02d}"
            out.write("\n## 项目绩效目标表\n\n")
            out.write(f"项目名称\t\t测试项目{i}\t\t\t\n项目类型\t\t其他事业发展性支出\t\t\t\n")
            out.write("项目等级\t\t二级项目\t\t\t\n主管部门\t\t测试主管部门\t\t\t\n")
            out.write(
                "用款单位\t\t测试单位\t\t\t\n实施周期\t\t起始年度\t2024年\t到期年度\t2024年\n"
            )
            out.write(f"2024年预算金额\t\t{budget}万元\t\t\t\n")
            out.write(
                "总体绩效目标\t\t实施周期总目标\t\t\t\n\t\t---\t\t\t\n\t\t2024年度目标\t\t\t\n"
            )
            out.write(f"\t\t完成第{i}项工作任务。\t\t\t\n")
            out.write("绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t当年度指标值\n")
            for level1, level2, name, period, annual in ROWS:
                value = annual.format(
                    n=rng.randint(100, 99999), p=rng.randint(80, 99), c=rng.randint(1, 999)
                )
                out.write(f"\t{level1}\t{level2}\t{name}\t{period}\t{value}\n")


def baseline(path: Path) -> int:
    cells = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cells += len(line.rstrip("\n").split("\t"))
    return cells


def timed(func, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = func(*args)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tables", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.txt"
        generate(path, args.tables)
        size_mb = path.stat().st_size / 1e6
        _, base_s = timed(baseline, path)
        tracemalloc.start()
        doc, parse_s = timed(parse_file, path)
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    n_tables = len(doc.tables)
    n_ind = sum(len(t.indicators) for t in doc.tables)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"input: {args.tables} tables, {size_mb:.1f} MB")
    print(f"parsed: {n_tables} tables, {n_ind} indicators, {len(doc.problems)} problems")
    print(f"baseline (read + split cells): {base_s:.3f} s")
    print(f"jixiao parse_file:             {parse_s:.3f} s")
    print(f"tables/s: {n_tables / parse_s:,.0f}   indicators/s: {n_ind / parse_s:,.0f}")
    print(f"ratio to baseline: {parse_s / base_s:.1f}x")
    print(f"peak traced memory: {traced_peak / 1e6:.1f} MB   peak RSS: {rss_mb:.1f} MB")
    if n_tables != args.tables:
        raise SystemExit(f"expected {args.tables} tables, got {n_tables}")


if __name__ == "__main__":
    main()
