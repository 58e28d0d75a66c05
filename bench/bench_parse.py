"""Benchmark: parse a generated text file of 10,000 goal tables.

Prints tables/s, indicators/s and peak memory, beside a baseline measured in the same process:
reading the same file and splitting it into tab-separated cells (the least any reader must do),
so the figure that matters is the ratio of our pipeline to that baseline. A second pass times
the two stages apart (read: file -> neutral tables; build: neutral tables -> goal tables).
Wall and CPU seconds are both printed: on a shared machine CPU time is the steadier figure.

    .venv/bin/python bench/bench_parse.py [--tables N] [--profile] [--trace-memory]

``--profile`` adds a cProfile top-10 of one more parse; ``--trace-memory`` adds a tracemalloc
peak of one more parse (tracemalloc slows allocation several times, so it is never timed).
docs/performance.md records the figures and what changed them.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import resource
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from jixiao.core.model import Document
from jixiao.io.table import RawDocument
from jixiao.reading import build_document
from jixiao.services.parsing import fewer_collections, parse_file, read_raw

T = TypeVar("T")

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


def timed(func: Callable[[Path], T], arg: Path) -> tuple[T, float, float]:
    """Result, wall seconds and CPU seconds of ``func(arg)``."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = func(arg)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stages(path: Path) -> tuple[float, float, float, float]:
    """Wall and CPU seconds of reading and of building, as :func:`parse_file` runs them."""
    holder: list[RawDocument] = []

    def read(p: Path) -> None:
        holder.append(read_raw(p))

    def build(_: Path) -> Document:
        return build_document(holder.pop())

    with fewer_collections():
        _, read_wall, read_cpu = timed(read, path)
        _, build_wall, build_cpu = timed(build, path)
    return read_wall, read_cpu, build_wall, build_cpu


def profile(path: Path, top: int = 10) -> str:
    profiler = cProfile.Profile()
    profiler.runcall(parse_file, path)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def traced_peak_mb(path: Path) -> float:
    tracemalloc.start()
    parse_file(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tables", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true", help="print a cProfile top-10")
    parser.add_argument("--trace-memory", action="store_true", help="tracemalloc peak (slow)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.txt"
        generate(path, args.tables)
        size_mb = path.stat().st_size / 1e6
        _, base_s, _ = timed(baseline, path)
        rss_before = rss_mb()
        doc, parse_s, parse_cpu = timed(parse_file, path)
        rss_peak = rss_mb()
        n_tables = len(doc.tables)
        n_ind = sum(len(t.indicators) for t in doc.tables)
        n_problems = len(doc.problems)
        del doc
        read_s, read_cpu, build_s, build_cpu = stages(path)
        report = profile(path) if args.profile else ""
        traced = traced_peak_mb(path) if args.trace_memory else None
    print(f"input: {args.tables} tables, {size_mb:.1f} MB")
    print(f"parsed: {n_tables} tables, {n_ind} indicators, {n_problems} problems")
    print(f"baseline (read + split cells): {base_s:.3f} s")
    print(f"jixiao parse_file:             {parse_s:.3f} s wall, {parse_cpu:.3f} s CPU")
    print(f"tables/s: {n_tables / parse_s:,.0f}   indicators/s: {n_ind / parse_s:,.0f}")
    print(f"tables per CPU second: {n_tables / parse_cpu:,.0f}")
    print(f"ratio to baseline: {parse_s / base_s:.1f}x")
    print(
        f"stages (second pass): read {read_s:.3f} s wall / {read_cpu:.3f} s CPU "
        f"({size_mb / read_cpu:.1f} MB/s CPU), build {build_s:.3f} s wall / {build_cpu:.3f} s "
        f"CPU ({1000 * build_cpu / max(n_tables, 1):.2f} ms/table)"
    )
    print(
        f"peak RSS: {rss_peak:.1f} MB (before parsing {rss_before:.1f} MB, "
        f"{1000 * (rss_peak - rss_before) / max(n_tables, 1):.1f} kB/table)"
    )
    if traced is not None:
        print(f"peak traced memory (separate pass): {traced:.1f} MB")
    if report:
        print(report)
    if n_tables != args.tables:
        raise SystemExit(f"expected {args.tables} tables, got {n_tables}")


if __name__ == "__main__":
    main()
