"""Budget rows whose figures were glued into one cell by a copy (``310.2154.741050%5``).

The figures are cut only where arithmetic confirms the reading: 执行率 = 执行数 / 预算数
(to the printed precision), 分值 a whole number of 1-30 and 得分 ≤ 分值. Every reading of the
digits into the header's columns (in order, some columns may be empty) is tried; the row is
split only when all readings that pass give the same figures. ``310.2154.741050%5`` under
年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 reads 310.2 | 154.74 | 10 | 50% | 5.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import combinations

from jixiao.reading.cells import norm
from jixiao.reading.vocab import BudgetCol

_GLUED = re.compile(r"^[\d.%]+$")
_TOKEN = re.compile(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?%?")
_AMOUNTS = (BudgetCol.INITIAL, BudgetCol.BUDGET, BudgetCol.EXECUTED)
_MAX_TOKENS = 7


def is_glued_figures(text: str) -> bool:
    """Digits of several figures in one cell (two decimal points, or a number after a %)."""
    t = norm(text)
    return bool(_GLUED.match(t)) and (t.count(".") >= 2 or bool(re.search(r"%\d", t)))


def split_glued_budget(text: str, roles: list[BudgetCol]) -> dict[BudgetCol, str] | None:
    """The figures of ``text`` under ``roles`` (header order), or None when not confirmed."""
    t = norm(text)
    if len(t) > 40:
        return None  # not a row of figures; and the search would grow too large
    figures = (*_AMOUNTS, BudgetCol.RATE, BudgetCol.WEIGHT, BudgetCol.SCORE)
    columns = [r for r in roles if r in figures]
    found: set[tuple[tuple[BudgetCol, str], ...]] = set()
    for tokens in _tokenisations(t):
        if len(tokens) > len(columns):
            continue
        for chosen in combinations(range(len(columns)), len(tokens)):
            reading = {columns[c]: tok for c, tok in zip(chosen, tokens, strict=True)}
            if _confirmed(reading):
                found.add(_canonical(reading))
    if len(found) != 1:
        return None
    return dict(found.pop())


def _tokenisations(text: str, depth: int = 0) -> list[list[str]]:
    if not text:
        return [[]]
    if depth >= _MAX_TOKENS:
        return []
    out: list[list[str]] = []
    for end in range(1, len(text) + 1):
        head = text[:end]
        if not _TOKEN.fullmatch(head):
            continue
        for rest in _tokenisations(text[end:], depth + 1):
            out.append([head, *rest])
    return out


def _confirmed(reading: dict[BudgetCol, str]) -> bool:
    for role, tok in reading.items():
        if tok.endswith("%") != (role is BudgetCol.RATE):
            return False
    rate = _num(reading.get(BudgetCol.RATE))
    executed = _num(reading.get(BudgetCol.EXECUTED))
    base = _num(reading.get(BudgetCol.BUDGET)) or _num(reading.get(BudgetCol.INITIAL))
    if rate is None or executed is None or not base:
        return False  # nothing to check the cut against
    places = len(reading[BudgetCol.RATE].rstrip("%").partition(".")[2])
    if abs(executed / base * 100 - rate) > Decimal(5) / Decimal(10) ** (places + 1):
        return False
    weight = _num(reading.get(BudgetCol.WEIGHT))
    score = _num(reading.get(BudgetCol.SCORE))
    if weight is not None and (weight != weight.to_integral() or not 1 <= weight <= 30):
        return False
    return score is None or weight is None or score <= weight


def _canonical(reading: dict[BudgetCol, str]) -> tuple[tuple[BudgetCol, str], ...]:
    """年初 or 全年 for a lone planned amount is undecidable and changes nothing read: the
    reading keeps it as 全年预算数 (the amount of a self-evaluation either way)."""
    if BudgetCol.INITIAL in reading and BudgetCol.BUDGET not in reading:
        reading = dict(reading)
        reading[BudgetCol.BUDGET] = reading.pop(BudgetCol.INITIAL)
    return tuple(sorted(reading.items()))


def _num(text: str | None) -> Decimal | None:
    return Decimal(text.rstrip("%")) if text else None
