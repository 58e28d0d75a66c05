"""One indicator row whose value cells ran together after the name, in any column order.

``新闻稿件发布量≥3000篇3260篇1010`` under 年度指标值 | 实际完成值 | 分值 | 得分 (the central
self-evaluation layout) reads 新闻稿件发布量 | ≥3000篇 | 3260篇 | 10 | 10. Every reading is tried:
a target or actual is the longest target-like prefix (or a common qualitative value), a weight
a whole number of 1-30, a score a number not above the weight. The row is split only when one
reading is best (target = actual first, then nothing left over); otherwise it is left alone.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.reading.cells import norm, target_prefix_len
from jixiao.reading.glued import _WORDS
from jixiao.reading.vocab import Col

_TARGETS = (Col.ANNUAL, Col.ACTUAL, Col.PERIOD, Col.FORECAST, Col.CURRENT)
_NUMBERS = (Col.WEIGHT, Col.SCORE)
_NUMBER = re.compile(r"(?:[1-9]\d?|0)(?:\.\d{1,2})?")


def decodable(roles: list[Col]) -> bool:
    """Columns after the name that can be told apart: targets and two numbers."""
    return (
        len(roles) >= 3
        and all(r in _TARGETS or r in _NUMBERS for r in roles)
        and Col.WEIGHT in roles
        and Col.SCORE in roles
    )


def decode_row(text: str, roles: list[Col]) -> list[str] | None:
    """[name, one cell per role, rest] for the single best reading, else None.

    Evidence, as a person reads such a row (:func:`_rank`): target = actual (most rows are
    met), nothing left over, the score the scoring rule gives (full marks when met, else
    分值 × 实际值 / 指标值), an actual near its target, amounts with at most 2 decimals. A cut is
    refused when a number would be split at its decimal point, a score would carry a unit,
    指标值 and 实际值 would have different units, or the text after the cells starts with a
    digit (a year such as ``2021年…`` opens a reason and is allowed).
    """
    s = norm(text)
    found: list[tuple[int, tuple[str, ...]]] = []
    for n_end in range(2, len(s)):
        if s[n_end - 1].isdigit() or s[n_end - 1] in "≥≤><=~±.%‰":
            continue  # a name does not end inside a number, a percentage or before a comparator
        if _TARGET_INSIDE.search(s, 0, n_end):
            break  # ``成本≤620元…``: a comparator and a number are a target, not a name
        # a name that ends in a word printed twice (``…规范性规范规范``) swallowed target = actual
        doubled = -3 if _DOUBLED_END.search(s, 0, n_end) else 0
        for cells, end in _read(s, n_end, roles, None):
            rank = _rank(dict(zip(roles, cells, strict=True)), s[end:])
            if rank is not None:
                found.append((rank + doubled, (s[:n_end], *cells, s[end:])))
    if not found:
        return None
    best = max(r for r, _ in found)
    top = {v for r, v in found if r == best}
    if len(top) != 1:
        return None
    # a rival that also passes the scoring rule, missing only the "near its target" point, is
    # as likely (``261597912.92``: 26 | 159 | 79 | 12.92 or 2 | 6159 | 7912.9 | 2): refuse
    runner_up = max((r for r, v in found if v not in top), default=None)
    if runner_up is not None and best - runner_up < 2 and best >= 5:
        return None
    return list(top.pop())


_DOUBLED_END = re.compile(r"(.{2,14})\1$")
_TARGET_INSIDE = re.compile(r"[≥≤<>=]\d")
_YEAR_START = re.compile(r"(?:19|20)\d{2}年")
_AMOUNT = re.compile(r"(\d+(?:\.(\d+))?)(%|‰|[^\d.]{0,6})$")
_CENT = Decimal("0.01")


def _rank(cells: dict[Col, str], rest: str) -> int | None:
    """How likely one cut is, or None when it cannot be right."""
    year = _YEAR_START.match(rest)
    if rest[:1] in (".", "%", "年", "月", "日") or (rest[:1].isdigit() and not year):
        return None
    score = cells.get(Col.SCORE, "")
    if rest and score and not year and target_prefix_len(score + rest) > len(score):
        return None  # ``0人…``: a unit after the score makes it a quantity
    target, actual = cells.get(Col.ANNUAL, ""), cells.get(Col.ACTUAL, "")
    if actual.startswith(".") or target.startswith("."):
        return None
    t, a = _AMOUNT.search(target), _AMOUNT.match(actual)
    if t and a and t.group(3) != a.group(3):
        return None  # 指标值 and 实际值 of one row share their unit
    targets = [c for r, c in cells.items() if r in _TARGETS]
    rank = (4 if len(set(targets)) == 1 else 0) + (0 if rest else 2)
    if t and a and target != actual:
        tv, av = Decimal(t.group(1)), Decimal(a.group(1))
        if tv > 0 and tv / 2 <= av <= tv * Decimal("1.5"):
            rank += 1
        if len(t.group(2) or "") > 2 or len(a.group(2) or "") > 2:
            rank -= 1
    return rank + _score_fits(cells, target, actual, t, a)


def _score_fits(
    cells: dict[Col, str],
    target: str,
    actual: str,
    t: re.Match[str] | None,
    a: re.Match[str] | None,
) -> int:
    """The usual scoring rule holds: full marks when met, else 分值 × 实际值 / 指标值 (for ≤,
    分值 × 指标值 / 实际值)."""
    if Col.WEIGHT not in cells or Col.SCORE not in cells:
        return 0
    w, got = Decimal(cells[Col.WEIGHT]), Decimal(cells[Col.SCORE])
    if target and target.lstrip("≥≤=><") == actual:
        # a met row has full marks, or loses a little (a qualitative deduction), never most
        return 1 if got == w else (0 if got * 2 >= w else -3)
    if t is None or a is None:
        return 0
    tv, av = Decimal(t.group(1)), Decimal(a.group(1))
    if tv == 0 or av == 0:
        return 0
    ratio = min((tv / av) if target.startswith(("≤", "<")) else (av / tv), Decimal(1))
    return 3 if abs(w * ratio - got) <= _CENT else 0


def _read(s: str, i: int, roles: list[Col], weight: Decimal | None) -> list[tuple[list[str], int]]:
    if not roles:
        return [([], i)]
    role, rest = roles[0], roles[1:]
    out: list[tuple[list[str], int]] = []
    for end in _ends(s, i, role, weight):
        cell = s[i:end]
        w = Decimal(cell) if role is Col.WEIGHT else weight
        for cells, stop in _read(s, end, rest, w):
            out.append(([cell, *cells], stop))
    return out


def _ends(s: str, i: int, role: Col, weight: Decimal | None) -> list[int]:
    if i >= len(s):
        return []
    if role in _TARGETS:
        ends = []
        rest = s[i:]
        length = target_prefix_len(rest)
        if length and (s[i] != "0" or s[i : i + 2] == "0." or length == 1):
            # every prefix that is a target on its own: ``1001009.34`` may be 100 | 100 | 9.34
            ends += [i + n for n in range(1, length + 1) if target_prefix_len(rest[:n]) == n]
        word = next((w for w in _WORDS if s.startswith(w, i)), None)
        if word is not None:
            ends.append(i + len(word))
        return ends + _text_ends(s, i)
    ends = []
    for m_end in range(i + 1, min(len(s), i + 5) + 1):
        cell = s[i:m_end]
        if not _NUMBER.fullmatch(cell):
            continue
        value = Decimal(cell)
        if role is Col.WEIGHT and not (1 <= value <= 50 and value == value.to_integral()):
            continue
        if role is Col.SCORE and weight is not None and value > weight:
            continue
        ends.append(m_end)
    return ends


def _text_ends(s: str, i: int) -> list[int]:
    """A qualitative cell: a word printed twice (target = actual: ``明显提升明显提升``), or the
    words up to the figures that follow (the actual)."""
    ends = []
    for length in range(2, 13):
        word = s[i : i + length]
        if _TEXT.fullmatch(word) and s.startswith(word, i + length):
            ends.append(i + length)
    m = _TEXT.match(s, i)
    if m and 2 <= m.end() - i <= 12 and m.end() < len(s) and s[m.end()].isdigit():
        ends.append(m.end())
    return ends


_TEXT = re.compile(r"[\u4e00-\u9fff]+")
