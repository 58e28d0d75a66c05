"""一级 labels printed in the middle of their merged cell (PDF and tab copies of vertically
centred cells): the first rows of a group carry the 一级 of the group before.

``产出指标 | 数量指标 | A`` … then ``| 满意度指标(二级) | B`` with no 一级, then ``满意度指标 |
服务对象满意度指标 | C``: B's 二级 belongs under 满意度, the carried 一级 is 产出, and the next
printed 一级 is 满意度. The rows before that label are moved under it, only when every one of
them disagrees with the carried 一级 and agrees with the printed one.
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.core.model import Indicator
from jixiao.core.vocabulary import Level1, level1_of_label, level2_of_label, parent_of


def _printed(ind: Indicator) -> Level1 | None:
    return level1_of_label(ind.level1)


def _parent(ind: Indicator) -> Level1 | None:
    sub = level2_of_label(ind.level2)
    if sub is None:
        return None
    parent = parent_of(sub)
    return None if parent in (Level1.COST, Level1.OTHER) else parent


def recentred(indicators: list[Indicator]) -> list[tuple[int, str, str]]:
    """Rows to move: (index, carried 一级, 一级 printed below). ``indicators`` is updated."""
    moved: list[tuple[int, str, str]] = []
    first = next((j for j, ind in enumerate(indicators) if ind.level1), None)
    if first:  # rows before the first printed 一级: its merged cell starts above it
        label = indicators[first]
        if all(_parent(ind) is _printed(label) is not None for ind in indicators[:first]):
            for j in range(first):
                moved.append((j, "-", label.level1 or ""))
                indicators[j] = replace(indicators[j], level1=label.level1)
    k = 1
    while k < len(indicators):
        ind, before = indicators[k], indicators[k - 1]
        parent = _parent(ind)
        if (
            parent is None
            or ind.level1 != before.level1
            or _printed(ind) in (None, parent)
            or _parent(before) != _printed(before)
        ):
            k += 1
            continue
        end = k
        while end < len(indicators) and indicators[end].level1 == ind.level1:
            if _parent(indicators[end]) != parent:
                break
            end += 1
        if end >= len(indicators) or end == k:
            k += 1
            continue
        label = indicators[end]
        if _printed(label) is not parent or label.level1 == ind.level1:
            k = end
            continue
        for j in range(k, end):
            moved.append((j, indicators[j].level1 or "", label.level1 or ""))
            indicators[j] = replace(indicators[j], level1=label.level1)
        k = end
    return moved
