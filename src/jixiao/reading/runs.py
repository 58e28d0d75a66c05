"""Several indicator rows run together with no separator, read by dynamic programming.

A copy that lost every cell border gives, between two level labels, text such as
``县级储备粮管理制度严格执行率100%100%储备粮管理专户管理率100%100%``: names and value cells
alternate. With the header's value columns known (年度指标值 | 全年完成值, or 分值 | 指标值 |
完成值 | 得分 …), every way of cutting the text into (name, one cell per column) records is
scored and the best is taken:

* a name holds a Chinese character, does not end inside a number or before its comparator,
  and gains when it ends like an indicator name (率, 数, 度 …);
* a target or actual cell is a target-grammar prefix (``100%``, ``0起``, ``≥95%``) or a common
  qualitative value (高, 有效, 无); a weight is a number 1–40, a score a number ≤ its weight;
* target = actual gains a little (most rows are met), and text left after the last record is
  the last row's free-text column when the header has one.

The reading is only returned when it is unique at its best score; otherwise the caller keeps
the text as printed and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jixiao.reading.cells import QUALITATIVE_VALUES, target_prefix_len
from jixiao.reading.segment import NAME_END
from jixiao.reading.vocab import Col

TARGET_ROLES = frozenset({Col.ANNUAL, Col.PERIOD, Col.ACTUAL, Col.CURRENT, Col.FORECAST})
NUMBER_ROLES = frozenset({Col.WEIGHT, Col.SCORE})
_WORDS = tuple(
    sorted({*QUALITATIVE_VALUES, "无", "有", "高", "低", "好", "是", "否"}, key=len, reverse=True)
)
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,2})?")
_CJK = re.compile(r"[\u3400-\u9fff]")
_MAX_NAME = 48
_NOT_NAME_END = set("0123456789.%≥≤><=~±-")
_TARGET_INSIDE = re.compile(r"[≥≤<>=]\d")


@dataclass(frozen=True, slots=True)
class RunRecord:
    name: str
    cells: tuple[str, ...]


def readable_roles(roles: list[Col]) -> bool:
    """Columns a run can be decoded against: at least one target, all targets or numbers."""
    return (
        bool(roles)
        and any(r in TARGET_ROLES for r in roles)
        and all(r in TARGET_ROLES or r in NUMBER_ROLES for r in roles)
    )


def decode_run(text: str, roles: tuple[Col, ...]) -> tuple[list[RunRecord], str] | None:
    """(records, tail) of the single best reading of ``text``, else None."""
    if len(text) > 400 or not roles:
        return None
    best = _best(text, roles, 0)
    if best is None or best[2] > 1:
        return None
    _score, records, _ties, tail = best
    return (list(records), tail) if records else None


_Result = tuple[int, tuple[RunRecord, ...], int, str]  # score, records, ties, tail


def _best(text: str, roles: tuple[Col, ...], i: int) -> _Result | None:
    return _best_cached(text, roles, i)


@lru_cache(maxsize=4096)
def _best_cached(text: str, roles: tuple[Col, ...], i: int) -> _Result | None:
    options: list[_Result] = []
    if i >= len(text):
        return (0, (), 1, "")
    if i > 0:
        options.append((-2, (), 1, text[i:]))  # the rest is free text (a reason, a note)
    for j in _name_ends(text, i):
        name = text[i:j]
        gain = 3 if NAME_END.search(name) else 0
        if i > 0 and name[0].isdigit():
            gain -= 2  # after a value cell a digit more likely belongs to that value
        if _TARGET_INSIDE.search(name):
            gain -= 3  # ``科目调整次数≤10次``: a comparator and number are a target, not a name
        for cells, end, value_gain in _values(text, j, roles, 0, None):
            rest = _best_cached(text, roles, end)
            if rest is None:
                continue
            total = gain + value_gain + rest[0] + 1
            options.append((total, (RunRecord(name, cells), *rest[1]), rest[2], rest[3]))
    if not options:
        return None
    top = max(o[0] for o in options)
    winners = {(o[1], o[3]) for o in options if o[0] == top}
    first = next(o for o in options if o[0] == top)
    ties = len(winners) if len(winners) > 1 else first[2]
    return (top, first[1], ties, first[3])


def _name_ends(text: str, i: int) -> list[int]:
    out: list[int] = []
    if text[i] in "%.‰)）":
        return []
    for j in range(i + 2, min(len(text), i + _MAX_NAME) + 1):
        if text[j - 1] in _NOT_NAME_END or j >= len(text):
            continue
        if _CJK.search(text, i, j) is None:
            continue
        out.append(j)
    return out


def _values(
    text: str, i: int, roles: tuple[Col, ...], k: int, weight: Decimal | None
) -> list[tuple[tuple[str, ...], int, int]]:
    if k == len(roles):
        return [((), i, 0)]
    out: list[tuple[tuple[str, ...], int, int]] = []
    role = roles[k]
    for cell in _cells(text, i, role, weight):
        w = Decimal(cell) if role is Col.WEIGHT else weight
        for rest, end, gain in _values(text, i + len(cell), roles, k + 1, w):
            same = 1 if rest and role is Col.ANNUAL and rest[0] == cell else 0
            out.append(((cell, *rest), end, gain + same))
    return out


def _cells(text: str, i: int, role: Col, weight: Decimal | None) -> list[str]:
    s = text[i:]
    if not s:
        return []
    if role in NUMBER_ROLES:
        out = []
        for m in (_NUMBER.match(s[:n]) for n in range(1, min(len(s), 6) + 1)):
            if m is None or m.end() == 0:
                continue
            value = Decimal(m.group(0))
            if role is Col.WEIGHT and not 0 < value <= 40:
                continue
            if role is Col.SCORE and weight is not None and value > weight:
                continue
            out.append(m.group(0))
        return sorted(set(out), key=len)
    longest = target_prefix_len(s)
    found = {s[:n] for n in range(1, longest + 1) if target_prefix_len(s[:n]) == n}
    found |= {w for w in _WORDS if s.startswith(w)}
    return sorted(found, key=len)
