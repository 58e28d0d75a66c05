"""Long-term and annual blocks of the same indicators (family 10 of docs/reading.md).

Some forms print a 长期绩效指标 (or 实施期) block, then a 年度绩效指标 block listing the same
indicators again; the first gives each indicator its period target, the second its annual
target. They are one indicator with two targets: a row that has only a period target and a
later row of the same 一级, 二级 and name that has only an annual target are merged into the
first one's place (``B021``). Rows that differ in anything else stay apart.
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.core.model import Indicator
from jixiao.core.problems import Problem, make
from jixiao.core.source import SourceLocation
from jixiao.core.target import TargetKind
from jixiao.core.text import compact
from jixiao.core.vocabulary import level1_of_label
from jixiao.reading import problems as P


def _key(ind: Indicator) -> tuple[str, str, str]:
    return (compact(ind.level1 or ""), compact(ind.level2 or ""), compact(ind.name))


def _only_period(ind: Indicator) -> bool:
    return (
        ind.annual_target.kind is TargetKind.NONE and ind.period_target.kind is not TargetKind.NONE
    )


def _only_annual(ind: Indicator) -> bool:
    return (
        ind.period_target.kind is TargetKind.NONE and ind.annual_target.kind is not TargetKind.NONE
    )


def merge_blocks(
    indicators: list[Indicator], where: SourceLocation | None, table: int
) -> tuple[list[Indicator], list[Problem]]:
    """Indicators with long-term and annual rows of the same indicator merged."""
    waiting: dict[tuple[str, str, str], int] = {}
    out: list[Indicator] = []
    merged = 0
    for ind in indicators:
        key = _key(ind)
        at = waiting.get(key)
        if at is not None and _only_annual(ind):
            out[at] = replace(out[at], annual_target=ind.annual_target)
            del waiting[key]
            merged += 1
            continue
        if _only_period(ind) and key not in waiting:
            waiting[key] = len(out)
        out.append(ind)
    if not merged:
        return indicators, []
    message = (
        f"{merged} indicator(s) printed in a long-term block and again in an annual block were "
        "merged: the first gives the period target, the second the annual target"
    )
    return out, [make(P.MERGED_BLOCKS, message, where or SourceLocation(""), table=table)]


def join_vertical_level1(
    indicators: list[Indicator], where: SourceLocation | None, table: int
) -> tuple[list[Indicator], list[Problem]]:
    """A 一级 label printed vertically in its merged cell reaches the rows one or two
    characters at a time (``产`` / ``出`` / ``指标``): consecutive pieces that together spell a
    known 一级 label give every row they cover that label (and the 二级 carried inside it).
    Pieces that spell nothing are left as read."""
    runs: list[tuple[str, int, int]] = []  # (level1 as read, first row, last row)
    for k, ind in enumerate(indicators):
        value = compact(ind.level1 or "")
        if runs and runs[-1][0] == value:
            runs[-1] = (value, runs[-1][1], k)
        else:
            runs.append((value, k, k))
    out = list(indicators)
    joined = 0
    a = 0
    while a < len(runs):
        value = runs[a][0]
        if not value or level1_of_label(value) is not None or len(value) > 3:
            a += 1
            continue
        spelled, b, best = value, a, None
        while True:  # the longest spelling: 产 + 出 is 产出, 产 + 出 + 指标 is 产出指标
            if level1_of_label(spelled) is not None:
                best = (spelled, b)
            nxt = runs[b + 1][0] if b + 1 < len(runs) else ""
            if not nxt or len(nxt) > 6 or level1_of_label(nxt) is not None or len(spelled) >= 8:
                break
            b += 1
            spelled += nxt
        if best is None:
            a += 1
            continue
        spelled, b = best
        first, last = runs[a][1], runs[b][2]
        level2 = None
        for k in range(first, last + 1):
            level2 = out[k].level2 or level2
            out[k] = replace(out[k], level1=spelled, level2=level2)
        joined += 1
        a = b + 1
    if not joined:
        return indicators, []
    message = f"{joined} 一级 label(s) printed vertically (one character per row) joined"
    return out, [make(P.VERTICAL_LEVEL, message, where or SourceLocation(""), table=table)]
