"""Indicators written as prose in one cell (family 6 of docs/reading.md).

``数量指标：补贴发放人数≥1200人；培训班次≥12期。`` under a 一级 cell is read as a 二级 label and
one indicator per item: items are cut at ``；`` ``;`` ``。`` and line ends (and list numbers such
as ``1.`` or ``（2）``), each item is cut into a name and its target by the target grammar. A cell
is read this way only when it holds no values of its own and at least one item has a target;
every item without one is reported, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.reading.cells import norm
from jixiao.reading.segment import peel_levels, split_name_target

_ITEM_CUT = re.compile(r"[；;。\n]+|(?:^|(?<=[，,]))\s*(?:\d+[.、]|[（(]\d+[)）])")
_LEAD = re.compile(r"^\s*(?:\d+[.、]|[（(]\d+[)）])\s*")


@dataclass(frozen=True, slots=True)
class ProseItem:
    name: str
    target: str  # empty when the item holds no target


def read_prose(text: str) -> tuple[list[str], list[ProseItem]] | None:
    """(level labels before ``：``, items), or None when the text is not prose indicators."""
    t = norm(text)
    labels: list[str] = []
    head, sep, body = t.partition("：") if "：" in t else t.partition(":")
    if sep:
        found, rest = peel_levels(head)
        if not found or rest:
            return None  # ``说明：…`` is not a 二级 label
        labels = found
    else:
        body = t
    parts = [_LEAD.sub("", p).strip(" ，,") for p in _ITEM_CUT.split(body)]
    items = []
    for part in (p for p in parts if p):
        name, target, after = split_name_target(part)
        items.append(ProseItem(name, target + after) if target else ProseItem(part, ""))
    if not any(i.target for i in items) or (not labels and len(items) < 2):
        return None
    return labels, items
